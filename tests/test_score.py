import pytest

from framelens.lexicon import load_lexicon_text
from framelens.matcher import compile_lexicon
from framelens.score import rate_per_1000, score_articles
from framelens.tokenize import word_tokens

LEX = "categories:\n  sol: [solidarity, stand with]\n  kin: [sister country, country]\n"


def test_counts_rates_terms_coverage_by_hand():
    compiled = compile_lexicon(load_lexicon_text(LEX))
    texts = {
        "a1": "Solidarity with the sister country; we stand with them in solidarity",  # 11 tokens
        "a2": "Nothing here",  # 2 tokens
    }
    s = score_articles(list(texts), ["x", "y"], [word_tokens(t) for t in texts.values()], compiled)
    cats = s.categories.set_index(["id", "category"])
    # a1: sol = solidarity, stand with, solidarity -> 3; kin = sister country -> 1
    assert cats.loc[("a1", "sol"), "count"] == 3
    assert cats.loc[("a1", "sol"), "rate"] == pytest.approx(3 / 11 * 1000)
    assert cats.loc[("a1", "sol"), "terms"] == "solidarity (2); stand with (1)"
    assert cats.loc[("a1", "kin"), "count"] == 1
    assert cats.loc[("a2", "sol"), "count"] == 0 and cats.loc[("a2", "sol"), "terms"] == ""
    arts = s.articles.set_index("id")
    # covered tokens in a1: solidarity, sister, country, stand, with, solidarity = 6 of 11
    assert arts.loc["a1", "n_tokens"] == 11 and arts.loc["a1", "matched_tokens"] == 6
    assert arts.loc["a1", "coverage"] == pytest.approx(6 / 11)
    assert arts.loc["a2", "coverage"] == 0
    terms = s.terms[s.terms["id"] == "a1"]
    assert sorted(zip(terms["category"], terms["entry"], terms["n"])) == [
        ("kin", "sister country", 1), ("sol", "solidarity", 2), ("sol", "stand with", 1)]


def test_rate_of_empty_article_is_zero():
    assert rate_per_1000(0, 0) == 0.0
    assert rate_per_1000(2, 500) == 4.0
