"""Multilingual checks: language gaps of a lexicon, per-language coverage, folding entries like tokens.

The lexicons here are the shared spec's data structures written out inline
(categories with effective ``entries``; an entry's ``lang`` is ``None`` for a
list-form entry), so every expected value can be checked by reading the test.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pytest

from framelens import io as fio
from framelens.cli import main
from framelens.lexicon import parse_lexicon
from framelens.multilingual import (
    corpus_languages, fold_lexicon, language_coverage, language_entry_counts, missing_language_entries,
)
from framelens.tokenize import word_tokens


@dataclass(frozen=True)
class E:
    text: str
    words: tuple[str, ...]
    lang: str | None = None


@dataclass(frozen=True)
class C:
    name: str
    entries: tuple[E, ...]
    excludes: tuple[E, ...] = ()


@dataclass(frozen=True)
class N:
    window: int
    negators: tuple[E, ...]


@dataclass(frozen=True)
class L:
    categories: tuple[C, ...]
    negation: N = N(0, ())


def _e(text: str, lang: str | None = None) -> E:
    return E(text, tuple(word_tokens(text)), lang)


LEX = L(categories=(
    # solidarity: English and Spanish entries, no Russian one
    C("solidarity", (_e("solidarity", "en"), _e("solidaridad", "es"))),
    # sanctions: a list-form entry (every language) plus a Russian one
    C("sanctions", (_e("blockade"), _e("санкции", "ru"))),
    # kinship/sister: Russian only
    C("kinship/sister", (_e("братский народ", "ru"),)),
))


def test_corpus_languages_ignores_missing_and_sorts():
    assert corpus_languages(["ru", None, "es", "", float("nan"), "ES", "ru"]) == ["es", "ru"]


def test_missing_language_entries_lists_categories_that_can_never_match():
    assert missing_language_entries(LEX, ["ru", "es", "en"]) == [
        ("solidarity", "ru"),
        ("kinship/sister", "en"), ("kinship/sister", "es"),
    ]
    # sanctions has a list-form entry, so it is never missing; unknown language is ignored
    assert missing_language_entries(LEX, ["ru", None]) == [("solidarity", "ru")]
    assert missing_language_entries(LEX, []) == []


def test_missing_language_entries_on_a_list_form_lexicon_from_the_parser():
    lexicon = parse_lexicon("categories:\n  sol: [solidarity]\n  kin: [sister country]\n")
    assert missing_language_entries(lexicon, ["es", "ru"]) == []


def test_language_entry_counts_separates_own_and_shared_entries():
    counts = language_entry_counts(LEX, ["es", "ru"]).set_index(["category", "lang"])
    assert counts.loc[("solidarity", "es")].tolist() == [1, 0, 1]
    assert counts.loc[("solidarity", "ru")].tolist() == [0, 0, 0]
    assert counts.loc[("sanctions", "ru")].tolist() == [1, 1, 2]
    assert counts.loc[("sanctions", "es")].tolist() == [0, 1, 1]


OUTLETS = pd.DataFrame({
    "outlet": ["gr", "belta", "wire"], "name": ["Granma Diaria", "BelAgencia", "World Wire"],
    "group": ["state", "state", "intl"], "country": ["CU", "BY", ""], "language": ["es", "ru", "en"],
    "color": ["#000000"] * 3,
})


def test_coverage_cli_joins_languages_by_id_as_the_dataframe_route(tmp_path):
    # ids out of order, an article without a language row, a missing language, a region tag,
    # an outlet that is not in the sheet, an article of 0 tokens and an id twice in the tokens table
    scores = pd.DataFrame({
        "id": ["z9", "a1", "m5", "b2", "q7", "c3"],
        "outlet": ["wire", "gr", "belta", "gr", "zz", "wire"],
        "n_tokens": [100, 300, 200, 50, 0, 80],
        "matched_tokens": [10, 0, 5, 5, 0, 8],
    })
    langs = pd.DataFrame({"id": ["a1", "b2", "m5", "z9", "c3", "a1"], "lang": ["es", "es-CU", "ru", None, "en", "ru"]})
    fio.write_parquet(scores, tmp_path / "scores.parquet")
    fio.write_parquet(langs, tmp_path / "tokens.parquet")
    OUTLETS.to_csv(tmp_path / "outlets.csv", index=False)
    out = tmp_path / "coverage.csv"
    assert main(["coverage", "--article-scores", str(tmp_path / "scores.parquet"), "--tokens",
                 str(tmp_path / "tokens.parquet"), "--outlets", str(tmp_path / "outlets.csv"), "--out", str(out)]) == 0
    got = pd.read_csv(out, keep_default_na=False).drop(columns=["lexicon", "lexicon_version", "lexicon_sha256"])
    expected = language_coverage(scores, langs, OUTLETS)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert set(got["lang"]) == {"es", "es-cu", "ru", "en", "und"}  # q7 has no row, z9 no language: und


def test_language_coverage_pools_tokens_per_language_and_outlet():
    scores = pd.DataFrame({
        "id": ["a", "b", "c", "d", "e"],
        "outlet": ["gr", "gr", "belta", "wire", "wire"],
        "n_tokens": [100, 300, 200, 50, 0],
        "matched_tokens": [10, 0, 5, 5, 0],
    })
    # the wire's article d is in Spanish: coverage is by article language, not outlet language
    langs = pd.DataFrame({"id": ["a", "b", "c", "d", "e"], "lang": ["es", "es", "ru", "es", None]})
    table = language_coverage(scores, langs, OUTLETS).set_index(["lang", "outlet"])
    gr = table.loc[("es", "gr")]
    assert (gr["n_articles"], gr["n_tokens"], gr["matched_tokens"]) == (2, 400, 10)
    assert gr["coverage"] == pytest.approx(10 / 400)
    assert gr["mean_coverage"] == pytest.approx((0.1 + 0.0) / 2)
    assert gr["name"] == "Granma Diaria" and gr["outlet_language"] == "es"
    all_es = table.loc[("es", "(all)")]
    assert (all_es["n_articles"], all_es["n_tokens"], all_es["matched_tokens"]) == (3, 450, 15)
    assert all_es["mean_coverage"] == pytest.approx((0.1 + 0.0 + 0.1) / 3)
    assert table.loc[("ru", "belta"), "coverage"] == pytest.approx(5 / 200)
    # an empty article without a language: coverage 0, not a division error
    assert table.loc[("und", "wire"), "coverage"] == 0.0
    assert sorted(set(table.index.get_level_values("lang"))) == ["es", "ru", "und"]


def test_fold_lexicon_folds_entries_excludes_and_negators_like_tokens():
    lex = L(categories=(C("kin", (_e("PAÍS hermano", "es"), _e("ёлка")), (_e("país vecino", "es"),)),),
            negation=N(3, (_e("jamás", "es"),)))
    folded = fold_lexicon(lex, fold_accents=True, fold_yo=True)
    cat = folded.categories[0]
    assert [e.words for e in cat.entries] == [("pais", "hermano"), ("елка",)]
    assert cat.excludes[0].words == ("pais", "vecino")
    assert folded.negation.negators[0].words == ("jamas",)
    assert cat.entries[0].text == "PAÍS hermano"  # the entry as written is kept for reports
    assert lex.categories[0].entries[0].words == ("país", "hermano")  # input not mutated
    assert fold_lexicon(lex) is lex


def test_fold_lexicon_on_a_parsed_lexicon_keeps_its_hash():
    lexicon = parse_lexicon("name: x\ncategories:\n  kin: [país hermano, 'solidaridad*']\n")
    folded = fold_lexicon(lexicon, fold_accents=True)
    assert [e.words for e in folded.categories[0].entries] == [("pais", "hermano"), ("solidaridad",)]
    assert folded.sha256 == lexicon.sha256


def test_cli_folding_is_applied_identically_to_tokens_and_lexicon(tmp_path, capsys):
    articles = pd.DataFrame({
        "id": ["es1", "ru1"], "outlet": ["gr", "belta"], "lang": ["es", "ru"],
        "title": ["Ayuda al PAIS HERMANO", None],
        # es1: "país hermano" twice, once without the accent (in the title)
        "text": ["Llegó ayuda del país hermano.", "Новогодняя ёлка в Минске."],
    })
    fio.write_parquet(articles, tmp_path / "a.parquet")
    outlets = tmp_path / "outlets.csv"
    fio.write_csv(OUTLETS, outlets)
    lexicon = tmp_path / "lex.yaml"
    lexicon.write_text("name: t\nversion: '1'\ncategories:\n  kin: [país hermano]\n  tree: [ёлка]\n",
                       encoding="utf-8")

    def run(*fold: str) -> pd.DataFrame:
        assert main(["tokenize", "--articles", str(tmp_path / "a.parquet"), *fold,
                     "--punkt", str(tmp_path / "punkt.json"), "--tokens", str(tmp_path / "t.parquet")]) == 0
        assert main(["score", "--tokens", str(tmp_path / "t.parquet"), "--lexicon", str(lexicon),
                     "--categories", str(tmp_path / "c.parquet"), "--terms", str(tmp_path / "terms.parquet"),
                     "--article-scores", str(tmp_path / "s.parquet")]) == 0
        return pd.read_parquet(tmp_path / "c.parquet").set_index(["id", "category"])["count"]

    plain = run()
    assert plain[("es1", "kin")] == 1 and plain[("ru1", "tree")] == 1
    folded = run("--fold-accents", "--fold-yo")
    assert folded[("es1", "kin")] == 2 and folded[("ru1", "tree")] == 1
    punkt = fio.read_yaml(tmp_path / "punkt.json")
    assert sorted(punkt) == ["es", "ru"]

    assert main(["coverage", "--article-scores", str(tmp_path / "s.parquet"), "--tokens",
                 str(tmp_path / "t.parquet"), "--outlets", str(outlets), "--out", str(tmp_path / "cov.csv")]) == 0
    cov = pd.read_csv(tmp_path / "cov.csv").set_index(["lang", "outlet"])
    # es1: tokens ayuda al pais hermano llego ayuda del pais hermano = 9, 4 matched
    assert cov.loc[("es", "gr"), "n_tokens"] == 9
    assert cov.loc[("es", "gr"), "coverage"] == pytest.approx(4 / 9)
    # ru1: новогодняя елка в минске = 4 tokens, 1 matched
    assert cov.loc[("ru", "(all)"), "coverage"] == pytest.approx(1 / 4)
    assert set(cov["lexicon"]) == {"t"}
    assert "es 44.4%, ru 25.0% of tokens matched" in capsys.readouterr().err


def test_coverage_cli_streams_sorted_tables_with_the_bytes_of_the_whole_route(tmp_path, capsys, monkeypatch):
    """Article scores and a corpus table in (outlet, id) order are merged a batch at a time; the same
    tables with the corpus out of order are read whole; both give the same bytes, whatever the batch."""
    import numpy as np

    import framelens.multilingual as ml

    rng = np.random.default_rng(4)
    n = 700
    outlet = np.sort(rng.choice(["belta", "gr", "wire", "zz"], n))
    ids = np.array([f"x{i:04d}" for i in range(n)])
    scores = pd.DataFrame({"id": ids, "outlet": outlet, "n_tokens": rng.integers(0, 400, n)})
    scores["matched_tokens"] = (scores["n_tokens"] * rng.random(n) * 0.1).astype(int)
    corpus = pd.DataFrame({"id": ids, "outlet": outlet, "lang": rng.choice(["es", "ru", "en-GB", None], n)})
    corpus = corpus[rng.random(n) > 0.05]  # some articles have no corpus row: und
    fio.write_parquet(scores, tmp_path / "scores.parquet")
    fio.write_parquet(corpus, tmp_path / "sorted.parquet")
    fio.write_parquet(corpus.sample(frac=1, random_state=3), tmp_path / "shuffled.parquet")
    OUTLETS.to_csv(tmp_path / "outlets.csv", index=False)

    def run(name: str) -> bytes:
        out = tmp_path / f"{name}.csv"
        assert main(["coverage", "--article-scores", str(tmp_path / "scores.parquet"), "--tokens",
                     str(tmp_path / f"{name}.parquet"), "--outlets", str(tmp_path / "outlets.csv"),
                     "--out", str(out)]) == 0
        return out.read_bytes()

    monkeypatch.setattr(ml, "COVERAGE_BATCH", 64)  # many batches, cut inside the outlets
    streamed = run("sorted")
    assert "reading the tables whole" not in capsys.readouterr().err
    assert run("shuffled") == streamed
    assert "not in (outlet, id) order; reading the tables whole" in capsys.readouterr().err
    got = pd.read_csv(tmp_path / "sorted.csv", keep_default_na=False).drop(
        columns=["lexicon", "lexicon_version", "lexicon_sha256"])
    expected = language_coverage(scores, corpus[["id", "lang"]], OUTLETS)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False, rtol=1e-12)
    assert set(got["lang"]) == {"es", "ru", "en-gb", "und"}
