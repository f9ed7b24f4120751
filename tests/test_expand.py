import pandas as pd
import pytest

from framelens.errors import FramelensError
from framelens.expand import apply_review, bump_version, suggest_terms
from framelens.interop import data_to_yaml
from framelens.lexicon import load_lexicon_text
from framelens.tokenize import word_tokens

LEX = load_lexicon_text('name: t\nversion: "1.2.0"\ncategories:\n  s:\n    terms: [sanction*]\n  k: [sister country]\n')


def _corpus():
    sents = []
    for i in range(6):
        sents.append(word_tokens(f"tough sanctions and the blockade hurt farmers {i}"))
        sents.append(word_tokens(f"the blockade of ports continues {i}"))
        sents.append(word_tokens(f"the weather was sunny and the harvest fine {i}"))
        sents.append(word_tokens(f"the football match ended in a draw {i}"))
    return sents


def test_suggest_ranks_words_used_with_the_seeds_above_the_rest():
    review = suggest_terms(_corpus(), LEX, "s", top=10, min_count=3, max_share=0.5, n_components=5)
    top5 = list(review["candidate"].head(5))
    assert {"farmers", "blockade"} <= set(top5) and not {"football", "sunny", "weather"} & set(top5)
    row = review.set_index("candidate").loc["blockade"]
    # blockade: in all 6 seed sentences and 6 of the 18 others; G² as scipy computes it
    from scipy.stats import chi2_contingency
    g2 = chi2_contingency([[6, 0], [6, 12]], correction=False, lambda_="log-likelihood")[0]
    assert row["assoc_g2"] == pytest.approx(g2)
    assert row["svd_cosine"] > 0.5 and row["n_sentences"] == 12
    assert "[blockade]" in row["kwic_1"] and row["kwic_2"] and row["accept"] == ""
    # a collocation containing a seed word is offered as a phrase
    assert "tough sanctions" in set(review["candidate"])
    # words the category already matches are not offered
    assert "sanctions" not in set(review["candidate"])


def test_suggest_without_hits_is_an_error():
    with pytest.raises(FramelensError, match="no hit in the corpus"):
        suggest_terms([["nothing", "here"]], LEX, "k")


@pytest.mark.parametrize("old, new", [("1.2.0", "1.3.0"), ("2024-3", "2024-4"), ("v1", "v2"), ("draft", "draft.1")])
def test_bump_version(old, new):
    assert bump_version(old) == new


def test_apply_adds_accepted_rows_and_bumps_version():
    review = pd.DataFrame({"category": ["s", "s", "s", "k"], "candidate": ["blockade", "sunny", "sanctions", "kin*"],
                           "lang": ["", "", "", ""], "accept": ["1", "", "yes", "x"]})
    data, added = apply_review(LEX, review)
    assert added == ["s: blockade", "k: kin*"]  # "sanctions" is already matched by sanction*
    new = load_lexicon_text(data_to_yaml(data))
    assert new.version == "1.3.0"
    assert [e.text for e in new.category("s").entries] == ["sanction*", "blockade"]
    assert [e.text for e in new.category("k").entries] == ["sister country", "kin*"]
