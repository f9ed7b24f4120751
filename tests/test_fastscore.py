"""Fast scoring gives exactly the tables of the reference scoring (score.score_articles)."""

from __future__ import annotations

import json

import pandas as pd
from pandas.testing import assert_frame_equal

from conftest import REPO
from framelens.fastmatch import compile_matcher
from framelens.fastscore import score_frame
from framelens.lexicon import load_lexicon_text
from framelens.matcher import compile_lexicon
from framelens.score import score_articles
from framelens.tokenize import article_text, word_tokens

LEXICON = load_lexicon_text(
    "categories:\n  sol: [solidar*, stand with]\n  kin: [sister country, sister]\n  sanc: [sanction*]\n")


def _reference(frame: pd.DataFrame, lexicon, include_title: bool = True):
    tokens = [word_tokens(article_text(t, x, include_title=include_title))
              for t, x in zip(frame["title"], frame["text"])]
    return score_articles(frame["id"].tolist(), frame["outlet"].tolist(), tokens, compile_lexicon(lexicon))


def test_hand_checked_article():
    frame = pd.DataFrame({"id": ["a"], "outlet": ["s"], "title": ["Sister-country"],
                          "text": ["We stand with Cuba's sister country. Sanctions!"], "lang": [None]})
    got = score_frame(frame, compile_matcher(LEXICON))
    # tokens: sister country we stand with cuba sister country sanctions -> 9
    assert got.articles.to_dict("records") == [
        {"id": "a", "outlet": "s", "n_tokens": 9, "matched_tokens": 7, "coverage": 7 / 9}]
    kin = got.categories.set_index("category").loc["kin"]
    assert (kin["count"], kin["terms"]) == (2, "sister country (2)")
    assert kin["rate"] == 1000 * 2 / 9
    assert got.terms[["category", "entry", "n"]].values.tolist() == [
        ["sol", "stand with", 1], ["kin", "sister country", 2], ["sanc", "sanction*", 1]]


def test_equals_reference_tables_on_the_demo_corpus():
    rows = [json.loads(line) for line in (REPO / "data" / "corpus" / "demo.jsonl").read_text().splitlines()]
    frame = pd.DataFrame(rows)[["id", "outlet", "title", "text"]].head(60)
    frame["lang"] = "en"
    lexicon = load_lexicon_text((REPO / "data" / "lexicons" / "framing.yaml").read_text())
    for include_title in (True, False):
        fast = score_frame(frame, compile_matcher(lexicon), include_title=include_title)
        ref = _reference(frame, lexicon, include_title)
        assert fast.categories["count"].sum() > 50  # the demo lexicon does match the demo corpus
        assert_frame_equal(fast.categories, ref.categories)
        assert_frame_equal(fast.terms, ref.terms)
        assert_frame_equal(fast.articles, ref.articles)
