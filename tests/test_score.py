import pytest

from framelens.lexicon import load_lexicon_text, parse_entry
from framelens.score import rate_per_1000, score_articles, score_windows, target_windows
from framelens.tokenize import word_tokens

LEX = "categories:\n  sol: [solidarity, stand with]\n  kin: [sister country, country]\n"


def test_counts_rates_terms_coverage_by_hand():
    lexicon = load_lexicon_text(LEX)
    texts = {
        "a1": "Solidarity with the sister country; we stand with them in solidarity",  # 11 tokens
        "a2": "Nothing here",  # 2 tokens
    }
    s = score_articles(list(texts), ["x", "y"], [word_tokens(t) for t in texts.values()], lexicon)
    cats = s.categories.set_index(["id", "category"])
    assert cats.loc[("a1", "sol"), "count"] == 3
    assert cats.loc[("a1", "sol"), "rate"] == pytest.approx(3 / 11 * 1000)
    assert cats.loc[("a1", "sol"), "terms"] == "solidarity (2); stand with (1)"
    assert cats.loc[("a1", "kin"), "count"] == 1
    assert cats.loc[("a2", "sol"), "count"] == 0 and cats.loc[("a2", "sol"), "terms"] == ""
    arts = s.articles.set_index("id")
    assert arts.loc["a1", "n_tokens"] == 11 and arts.loc["a1", "matched_tokens"] == 6
    assert arts.loc["a1", "coverage"] == pytest.approx(6 / 11)
    terms = s.terms[s.terms["id"] == "a1"]
    assert sorted(zip(terms["category"], terms["entry"], terms["n"], terms["n_negated"])) == [
        ("kin", "sister country", 1, 0), ("sol", "solidarity", 2, 0), ("sol", "stand with", 1, 0)]


def test_negated_and_excluded_columns_and_coverage_ignores_negated():
    lexicon = load_lexicon_text(
        "negation: {window: 1, negators: [not]}\n"
        "categories:\n  s:\n    terms: [sanction*]\n    exclude: [sanctioned by the referee]\n")
    tokens = word_tokens("Sanctions, not sanctions, sanctioned by the referee")  # 7 tokens
    s = score_articles(["a"], ["x"], [tokens], lexicon)
    row = s.categories.iloc[0]
    assert (row["count"], row["negated"], row["excluded"]) == (1, 1, 1)
    assert row["rate"] == pytest.approx(1000 / 7)
    assert s.articles.iloc[0]["matched_tokens"] == 1
    assert s.terms[["entry", "n", "n_negated"]].values.tolist() == [["sanction*", 1, 1]]


def test_langs_select_per_language_entries():
    lexicon = load_lexicon_text("categories:\n  b:\n    terms: {en: [blockade], es: [bloqueo]}\n")
    s = score_articles(["e", "s", "u"], ["x"] * 3, [["bloqueo", "blockade"]] * 3, lexicon, langs=["en", "es", None])
    assert s.categories["count"].tolist() == [1, 1, 0]


def test_rate_of_empty_article_is_zero():
    assert rate_per_1000(0, 0) == 0.0
    assert rate_per_1000(2, 500) == 4.0


def test_target_windows_merge_and_clip():
    tokens = "a b cuba c d e f g cuba h".split()
    assert target_windows(tokens, [parse_entry("cuba")], window=2) == [(0, 5), (6, 10)]
    assert target_windows(tokens, [parse_entry("cuba")], window=3) == [(0, 10)]
    assert target_windows(tokens, [parse_entry("belarus")], window=3) == []


def test_score_windows_by_hand():
    lexicon = load_lexicon_text("categories:\n  s: [solidarity]\n")
    near = [parse_entry("cuba*")]
    art = word_tokens("solidarity one two three Cuban solidarity four five six seven solidarity")
    none = word_tokens("solidarity without the target")
    s = score_windows(["a", "b"], ["x", "x"], [art, none], lexicon, near, window=2)
    # window [2, 7): two three cuban solidarity four -> 5 tokens, 1 hit; article b has no target
    assert s.articles.values.tolist() == [["a", "x", 5, 1, pytest.approx(1 / 5)]]
    assert s.categories[["count", "rate"]].values.tolist() == [[1, pytest.approx(200.0)]]


def test_matches_never_span_a_paragraph_break():
    from framelens.tokenize import paragraph_tokens

    compiled = load_lexicon_text(LEX)
    text = "Talks with the sister\n\ncountry ended. A sister country indeed."
    tokens, starts = paragraph_tokens(text)
    assert tokens == word_tokens(text) and starts == [0, 4]
    whole = score_articles(["a"], ["o"], [tokens], compiled).categories.set_index("category")
    by_para = score_articles(["a"], ["o"], [tokens], compiled, paragraph_starts=[starts]).categories
    by_para = by_para.set_index("category")
    # kin = [sister country, country]: across the break "sister | country" is only "country"
    assert whole.loc["kin", "terms"] == "sister country (2)"
    assert by_para.loc["kin", "terms"] == "country (1); sister country (1)"
    assert by_para.loc["kin", "count"] == 2 and by_para.loc["kin", "rate"] == pytest.approx(2000 / 10)  # 4 + 2 + 4 tokens


def test_scoring_texts_in_one_pass_equals_scoring_their_tokens():
    """score_texts (fast matcher on the text) writes the same tables as score_articles on paragraph tokens."""
    from framelens.fastmatch import text_matcher
    from framelens.tokenize import paragraph_tokens

    lex = load_lexicon_text(
        "negation: {window: 2, negators: [not, no, 'не']}\n"
        "categories:\n"
        "  sol:\n    terms: {en: [solidarity, sister countr*, ~unite], ru: [солидарност*]}\n"
        "    exclude: [solidarity tax]\n"
        "  sanc:\n    terms: [sanction*, blockade, unilateral coercive measure*]\n")
    texts = [
        "Sister Countries\n\nNo sanctions. Solidarity tax, solidarity!\n \nUnilateral coercive measures united us.",
        "The blockade’s end.\n\n\nnot\n\nsanctions", "", "Не солидарность, а санкции. Солидарности нет.",
        "ÉTAT’s blockade\u2014sanctions\u00a0and “solidarity”", "sister\n\ncountries: no blockade"]
    ids = [f"a{i}" for i in range(len(texts))]
    outlets = ["o1", "o2", "o1", "o3", "o2", "o1"]
    langs = ["en", "en", None, "ru", "fr", "en"]
    by_tokens = [paragraph_tokens(t) for t in texts]
    expected = score_articles(ids, outlets, [t for t, _ in by_tokens], lex, langs=langs,
                              paragraph_starts=[s for _, s in by_tokens])
    from framelens.score import score_texts

    got = score_texts(ids, outlets, texts, lex.category_names, text_matcher(lex), langs=langs)
    assert got.categories.equals(expected.categories)
    assert got.terms.equals(expected.terms)
    assert got.articles.equals(expected.articles)
    # hand check: a0 counts "sister countries", "solidarity" (the second; the first is excluded) and
    # "united" (~unite); "sanctions" is negated by "no"; the phrase does not reach across paragraphs
    row = got.categories.set_index(["id", "category"])
    assert row.loc[("a0", "sol"), "count"] == 3 and row.loc[("a0", "sol"), "excluded"] == 1
    assert row.loc[("a0", "sanc"), "negated"] == 1 and row.loc[("a0", "sanc"), "count"] == 1
    assert row.loc[("a5", "sol"), "count"] == 0


def test_article_rows_by_hand_with_overlapping_and_negated_hits():
    from framelens.score import article_rows

    hits = [("sol", "solidarity", 0, 3, False), ("sol", "brotherly", 2, 5, False),
            ("san", "sanctions", 7, 8, False), ("sol", "solidarity", 9, 10, True),
            ("sol", "solidarity", 12, 13, False)]
    cats, terms, art = article_rows("a1", "o", ["sol", "san", "kin"], 20, hits, ["san"])
    # covered: the union of counted spans [0,5) [7,8) [12,13) = 7 tokens; the negated span is not counted
    assert art == ("a1", "o", 20, 7, 7 / 20)
    assert cats == [("a1", "o", "sol", 3, 1, 0, 150.0, "solidarity (2); brotherly (1)"),
                    ("a1", "o", "san", 1, 0, 1, 50.0, "sanctions (1)"),
                    ("a1", "o", "kin", 0, 0, 0, 0.0, "")]
    assert terms == [("a1", "o", "sol", "solidarity", 2, 1), ("a1", "o", "sol", "brotherly", 1, 0),
                     ("a1", "o", "san", "sanctions", 1, 0)]
    # a category whose only hit is negated: no count, no rate, its term listed as negated
    cats, terms, art = article_rows("a2", "o", ["sol", "san"], 0, [("san", "sanctions", 1, 2, True)], [])
    assert cats == [("a2", "o", "sol", 0, 0, 0, 0.0, ""), ("a2", "o", "san", 0, 1, 0, 0.0, "")]
    assert terms == [("a2", "o", "san", "sanctions", 0, 1)] and art == ("a2", "o", 0, 0, 0.0)
