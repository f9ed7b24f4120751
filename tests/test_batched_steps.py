"""Steps that read every token, run on shard files batch by batch, equal the one-piece computation.

A tiny tokens table (two outlets, one Russian article) is written whole, and
split into 2 and 3 shards by the workflow's own shard assignment; each step
runs on every split with several batch sizes, and its outputs must be the
same bytes, and equal what the library computes on the whole table at once.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from framelens import io as fio
from framelens.cli import main
from framelens.kwic import kwic, kwic_sample
from framelens.lexicon import load_lexicon_text
from framelens.shards import shard_of
from framelens.tokenize import word_tokens

TEXTS = {
    "s1": ("state", "en", ["The blockade hurts the sister country.", "Sanctions again, a great shame."]),
    "s2": ("state", "en", ["Not sanctions but a blockade of the sister country.", "A terrible blockade."]),
    "s3": ("state", "en", ["Sanctions, sanctions and the blockade.", "The sister country stands."]),
    "s4": ("state", "ru", ["Санкции и блокада."]),
    "w1": ("wire", "en", ["Sanctions were discussed on Monday.", "The blockade continues."]),
    "w2": ("wire", "en", ["A good day for the sister country.", "No sanctions today."]),
    "w3": ("wire", "en", ["The blockade, the blockade, the sanctions."]),
    "w4": ("wire", "en", ["Weather: rain."]),
}
LEX = """name: tools
version: "1"
negation: {window: 2, negators: [not, no]}
categories:
  sanctions:
    terms: [sanction*]
    categories:
      blockade: [blockade]
  kinship: [sister country]
"""
SPLITS = [1, 2, 3]  # shard counts
BATCHES = [1, 2, 1000]


def _table() -> pd.DataFrame:
    rows = []
    for art, (outlet, lang, sentences) in TEXTS.items():
        tokens = [word_tokens(s) for s in sentences]
        starts = [0]
        for t in tokens[:-1]:
            starts.append(starts[-1] + len(t))
        rows.append({"id": art, "outlet": outlet, "lang": lang, "n_sentences": len(sentences),
                     "n_tokens": sum(map(len, tokens)), "sentences": sentences,
                     "tokens": [w for t in tokens for w in t], "paragraph_starts": starts})
    return pd.DataFrame(rows).sort_values(["outlet", "id"], kind="stable").reset_index(drop=True)


@pytest.fixture
def shards(tmp_path) -> dict[int, list[str]]:
    """Shard files for 1, 2 and 3 shards (rows in corpus order inside each shard, as the workflow writes them)."""
    table = _table()
    out = {}
    for n in SPLITS:
        files = []
        for k in range(n):
            part = table[[shard_of(i, n) == k for i in table["id"]]].reset_index(drop=True)
            path = tmp_path / f"tok{n}_{k}.parquet"
            fio.write_parquet(part, path, metadata={"normalization": '{"fold_accents": false, "fold_yo": true}'})
            files.append(str(path))
        out[n] = files
    (tmp_path / "lex.yaml").write_text(LEX, encoding="utf-8")
    articles = pd.DataFrame({"id": list(TEXTS), "date": [f"2024-01-0{i + 1}" for i in range(len(TEXTS))]})
    fio.write_parquet(articles, tmp_path / "articles.parquet")
    return out


def _runs(tmp_path, shards, args, outputs):
    """Run ``args(files, batch, prefix)`` for every split and batch size; return the output bytes of each run."""
    results = {}
    for n, files in shards.items():
        for batch in BATCHES:
            prefix = str(tmp_path / f"out{n}_{batch}_")
            assert main(args(files, str(batch), prefix)) == 0
            results[(n, batch)] = tuple((tmp_path / f"out{n}_{batch}_{o}").read_bytes() for o in outputs)
    return results


def _all_equal(results):
    first = next(iter(results.values()))
    for key, value in results.items():
        assert value == first, key


def test_kwic_sample_is_the_same_for_every_split_and_equals_the_whole_table(tmp_path, shards):
    lex = str(tmp_path / "lex.yaml")
    results = _runs(tmp_path, shards, lambda files, b, p: [
        "kwic", "--category", "all", "--lexicon", lex, "--tokens", *files, "--batch-rows", b,
        "--articles", str(tmp_path / "articles.parquet"), "--per-cell", "2", "--seed", "3", "--window", "2",
        "--quiet", "--out", p + "kwic.csv"], ["kwic.csv"])
    _all_equal(results)
    # one piece: every line of the whole table, sampled at once by the library
    table = _table()
    lexicon = load_lexicon_text(LEX)
    dates = dict(zip(TEXTS, [f"2024-01-0{i + 1}" for i in range(len(TEXTS))]))
    lines = kwic(table["id"].tolist(), table["outlet"].tolist(), table["tokens"].tolist(), lexicon,
                 langs=table["lang"].tolist(), dates=[dates[i] for i in table["id"]], window=2,
                 paragraph_starts=[list(s) for s in table["paragraph_starts"]])
    expected = kwic_sample(lines, per_cell=2, seed=3)
    got = fio.read_csv(tmp_path / "out3_1_kwic.csv").fillna("")
    assert got[list(expected.columns)].astype(str).values.tolist() == expected.astype(str).values.tolist()
    assert set(got["lexicon_sha256"]) == {lexicon.sha256}
    # a cell with more hits than per_cell is cut to 2: state × sanctions has 6 counted or negated hits
    assert (got.groupby(["category", "outlet"]).size() <= 2).all() and len(got) > 4


def test_kwic_without_sample_lists_every_line_in_corpus_order(tmp_path, shards):
    results = _runs(tmp_path, shards, lambda files, b, p: [
        "kwic", "blockad*", "--tokens", *files, "--batch-rows", b, "--quiet", "--out", p + "k.csv"], ["k.csv"])
    _all_equal(results)
    got = fio.read_csv(tmp_path / "out2_1_k.csv")
    # s1 1, s2 2, s3 1, w1 1, w3 2 (the Russian блокада is another word)
    assert got["id"].tolist() == ["s1", "s2", "s2", "s3", "w1", "w3", "w3"]


def test_validation_sheet_is_the_same_for_every_split(tmp_path, shards):
    lex = str(tmp_path / "lex.yaml")
    results = _runs(tmp_path, shards, lambda files, b, p: [
        "validate", "sample", "--tokens", *files, "--batch-rows", b, "--lexicon", lex, "--per-cell", "1",
        "--seed", "4", "--out", p + "sheet.csv"], ["sheet.csv"])
    _all_equal(results)
    sheet = fio.read_csv(tmp_path / "out1_1000_sheet.csv")
    assert sheet["item"].tolist() == list(range(1, len(sheet) + 1))
    assert not sheet["negated"].any()  # only counted hits are coded
    assert sheet.groupby(["category", "outlet"]).size().max() == 1


def test_keyness_words_equal_the_per_article_computation(tmp_path, shards, outlets_csv):
    from framelens.keyness import keyness_table, word_counts

    results = _runs(tmp_path, shards, lambda files, b, p: [
        "keyness", "words", "--tokens", *files, "--batch-rows", b, "--outlets", str(outlets_csv),
        "--languages", "en", "--min-count", "1", "--out", p + "k.csv", "--top-out", p + "top.csv"],
        ["k.csv", "top.csv"])
    _all_equal(results)
    table = _table()
    en = table[table["lang"] == "en"]
    expected = keyness_table(word_counts(en["id"].tolist(), en["tokens"]), dict(zip(en["id"], en["outlet"])),
                             fio.read_outlets(outlets_csv), [("international", "rest"), ("state-aligned", "rest")],
                             prior_total=1000.0, min_count=1)
    got = fio.read_csv(tmp_path / "out2_2_k.csv")
    pd.testing.assert_frame_equal(got[list(expected.columns)], fio.read_csv(_csv(tmp_path, expected)),
                                  check_dtype=False)
    assert "санкции" not in set(got["term"])


def _csv(tmp_path, frame):
    path = tmp_path / "expected.csv"
    fio.write_csv(frame, path)
    return path


def test_tone_summary_and_coverage_are_the_same_for_every_split(tmp_path, shards, outlets_csv):
    from framelens.summary import corpus_summary
    from framelens.tone import article_tone

    results = _runs(tmp_path, shards, lambda files, b, p: [
        "tone", "--tokens", *files, "--batch-rows", b, "--outlets", str(outlets_csv), "--targets", "sanction*",
        "--n-resamples", "200", "--articles-out", p + "tone.parquet", "--out", p + "tone.csv"],
        ["tone.parquet", "tone.csv"])
    _all_equal(results)
    table = _table()
    en = table[table["lang"] == "en"]
    expected = article_tone(en["id"].tolist(), en["outlet"].tolist(), en["sentences"].tolist(),
                            targets=["sanction*"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(fio.read_parquet(tmp_path / "out3_2_tone.parquet"), expected, check_dtype=False)

    results = _runs(tmp_path, shards, lambda files, b, p: [
        "summary", "--tokens", *files, "--batch-rows", b, "--outlets", str(outlets_csv),
        "--out", p + "sum.csv", "--rst", p + "sum.rst"], ["sum.csv", "sum.rst"])
    _all_equal(results)
    expected = corpus_summary(table[["id", "outlet", "n_tokens"]], fio.read_outlets(outlets_csv))
    got = fio.read_csv(tmp_path / "out2_1_sum.csv")
    assert got.astype(str).values.tolist() == fio.read_csv(_csv(tmp_path, expected)).astype(str).values.tolist()
    assert got.set_index("outlet").at["total", "n_articles"] == 8
    # the lexicon's categories are counted from its scores table batch by batch
    cats = pd.DataFrame({"id": [f"a{i}" for i in range(25001)], "category": ["c", "b", "a", "b", "d"] * 5000 + ["e"]})
    fio.write_parquet(cats, tmp_path / "cats.parquet", metadata={"lexicon": "tiny", "lexicon_version": "1",
                                                                  "lexicon_sha256": "ab" * 32})
    assert main(["summary", "--tokens", *shards[1], "--outlets", str(outlets_csv), "--lexicon",
                 f"tiny={tmp_path / 'cats.parquet'}", "--out", str(tmp_path / "s.csv"),
                 "--rst", str(tmp_path / "s.rst")]) == 0
    assert re.search(r"^tiny +tiny +1 +5 +``abab", (tmp_path / "s.rst").read_text(), re.M)  # 5 categories

    scores = pd.DataFrame({"id": table["id"], "outlet": table["outlet"], "n_tokens": table["n_tokens"],
                           "matched_tokens": 1, "coverage": 1 / table["n_tokens"]})
    fio.write_parquet(scores, tmp_path / "scores.parquet")
    results = _runs(tmp_path, shards, lambda files, b, p: [
        "coverage", "--article-scores", str(tmp_path / "scores.parquet"), "--tokens", *files,
        "--outlets", str(outlets_csv), "--out", p + "cov.csv"], ["cov.csv"])
    _all_equal(results)
    cov = fio.read_csv(tmp_path / "out3_1_cov.csv")
    assert cov.set_index(["lang", "outlet"]).at[("ru", "state"), "n_articles"] == 1


def test_classify_apply_per_shard_gathers_to_the_one_piece_table(tmp_path, shards, outlets_csv):
    from framelens.classify import article_frame_shares

    rows = []
    for i in range(12):
        rows.append({"id": f"s{i}", "text": f"The blockade and sanctions hurt us, day {i}.", "labels": "sanctions"})
        rows.append({"id": f"n{i}", "text": f"The weather report for day {i} says rain.", "labels": "none"})
    ann = tmp_path / "frames.csv"
    pd.DataFrame(rows).to_csv(ann, index=False)
    model = tmp_path / "m.skops"
    assert main(["classify", "train", "--annotations", str(ann), "--folds", "3", "--n-resamples", "100",
                 "--model", str(model), "--metrics", str(tmp_path / "metrics.csv"),
                 "--predictions", str(tmp_path / "pred.csv"),
                 "--calibration-table", str(tmp_path / "calib.csv")]) == 0
    gathered = {}
    for n, files in shards.items():
        for batch in BATCHES:
            parts = []
            for k, f in enumerate(files):
                parts.append(str(tmp_path / f"fa{n}_{batch}_{k}.parquet"))
                assert main(["classify", "apply", "--model", str(model), "--tokens", f, "--batch-rows", str(batch),
                             "--outlets", str(outlets_csv), "--languages", "en", "--articles", parts[-1]]) == 0
            out = tmp_path / f"fa{n}_{batch}.parquet"
            assert main(["gather", "--inputs", *parts, "--out", str(out)]) == 0
            table = tmp_path / f"fs{n}_{batch}.csv"
            assert main(["classify", "shares", "--articles", str(out), "--outlets", str(outlets_csv),
                         "--n-resamples", "100", "--table", str(table)]) == 0
            gathered[(n, batch)] = (out.read_bytes(), table.read_bytes())
    _all_equal(gathered)
    bundle = fio.load_model(model, kind="frames")
    whole = _table()
    en = whole[whole["lang"] == "en"]
    expected = article_frame_shares(en["id"].tolist(), en["outlet"].tolist(), [list(s) for s in en["sentences"]],
                                    bundle["estimator"], bundle["labels"], threshold=bundle["threshold"])
    got = fio.read_parquet(tmp_path / "fa3_1.parquet")
    pd.testing.assert_frame_equal(got, expected.reset_index(drop=True), check_dtype=False)
    assert "s4" not in set(got["id"])  # Russian: not classified
    shares = fio.read_csv(tmp_path / "fs1_1000.csv")
    assert set(shares["model_sha256"]) == {fio.file_sha256(model)}


def test_reading_several_parquet_files_in_batches(tmp_path):
    a, b = tmp_path / "a.parquet", tmp_path / "b.parquet"
    fio.write_parquet(pd.DataFrame({"id": ["1", "2", "3"], "lang": ["en", None, "ru"]}), a)
    fio.write_parquet(pd.DataFrame({"id": ["4"], "lang": [None]}), b)  # an all-null column
    batches = list(fio.iter_parquet_files([a, b], columns=["id", "lang", "absent"], batch_rows=2))
    assert [f["id"].tolist() for f in batches] == [["1", "2"], ["3"], ["4"]]
    assert list(batches[0].columns) == ["id", "lang"]  # columns a file lacks are left out
    both = fio.read_parquet_files([a, b], columns=["id", "lang"])
    assert both["id"].tolist() == ["1", "2", "3", "4"] and both["lang"].isna().tolist() == [False, True, False, True]
