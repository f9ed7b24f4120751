"""The corpus steps read and write in batches (issue 9): any batch size gives the same tables.

One small corpus, written here, exercises what crosses a batch boundary: exact duplicates
(same row, same outlet and text under another id, a reused id), learned boilerplate lines,
an inserted headline, a near-duplicate pair, an article in a language that is not analysed,
an unreadable line, and an extra field whose type differs between rows. The chain
ingest -> boilerplate -> language -> syndication runs through the CLI with batch_rows 1, 3
and 1000; every table must be the same, and the same as the in-memory library functions.
"""

import json

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framelens import io as fio
from framelens.boilerplate import learn_boilerplate, learn_boilerplate_streamed
from framelens.cli import main
from framelens.ingest import Source, ingest
from framelens.syndication import (
    band_keys, band_pairs, band_pairs_streamed, candidate_pairs, clusters_from_pairs, find_clusters, lsh_params,
    merge_pairs, shingle_fingerprint, shingles,
)

FOOTER = "Share this story with your friends"
STORY = ("The regional council approved a new budget for schools on Monday after a long debate "
         "about teacher salaries, repairs to old buildings and the cost of buses in rural districts")
REWORDED = STORY.replace("long debate", "heated debate")  # 3 of 26 shingles differ: Jaccard 23/29 ~ 0.79


def _rows():
    rows = []
    for i in range(6):
        rows.append({"id": f"a{i}", "outlet": "alpha", "title": f"Alpha reports story number {i}",
                     "date": f"2024-01-0{i + 1}", "lang": "en",
                     "text": f"Alpha body {i} with its own words about event {i}.\n\n{FOOTER}"})
    rows[0]["section"] = 5          # an extra field: int here, text below, absent elsewhere
    rows[1]["section"] = "politics"
    rows[2]["score"] = 3
    rows.append({"id": "b1", "outlet": "beta", "title": "Beta story", "date": "2024-01-02", "lang": "en",
                 "text": STORY})
    rows.append({"id": "b2", "outlet": "beta", "title": "Beta follow-up", "date": "2024-01-03", "lang": "en",
                 "text": "A follow-up with different words.\n\nAlpha reports story number 3"})
    rows.append(dict(rows[6]))                                     # duplicate_row
    rows.append({**rows[6], "id": "b9"})                           # duplicate_text
    rows.append({**rows[6], "id": "b1", "text": "Another text."})  # duplicate_id
    rows.append({"id": "c1", "outlet": "gamma", "title": "Gamma copy", "date": "2024-01-04", "lang": "en",
                 "text": REWORDED})
    rows.append({"id": "c2", "outlet": "gamma", "title": "Gamma German", "date": "2024-01-05", "lang": "de",
                 "text": "Ein Artikel auf Deutsch über den Haushalt."})
    return rows


@pytest.fixture()
def corpus(tmp_path):
    lines = [json.dumps(r) for r in _rows()]
    lines.insert(4, "{not json")
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outlets = tmp_path / "outlets.csv"
    outlets.write_text("outlet,name,group,country,language,color\nalpha,Alpha,national,XX,en,#E69F00\n"
                       "beta,Beta,national,XX,en,#56B4E9\ngamma,Gamma,aggregator,XX,en,#009E73\n",
                       encoding="utf-8")
    return path, outlets


def _chain(tmp_path, corpus, outlets, batch_rows, batch_mb=None):
    d = tmp_path / f"b{batch_rows}-{batch_mb}"
    b = ["--batch-rows", str(batch_rows)]
    mb = [] if batch_mb is None else ["--batch-mb", batch_mb]
    assert main(["ingest", "--corpus", str(corpus), "--outlets", str(outlets), "--articles", str(d / "i.parquet"),
                 "--rejected", str(d / "rejected.csv"), "--summary", str(d / "summary.json"), *b]) == 0
    assert main(["boilerplate", "--articles", str(d / "i.parquet"), "--min-articles", "5",
                 "--out", str(d / "s.parquet"), "--table", str(d / "boilerplate.csv"),
                 "--rejected", str(d / "rejected_bp.csv"), *b, *mb]) == 0
    assert main(["language", "--articles", str(d / "s.parquet"), "--languages", "en", "--out", str(d / "l.parquet"),
                 "--table", str(d / "languages.csv"), "--rejected", str(d / "rejected_lang.csv"), *b, *mb]) == 0
    assert main(["syndication", "--articles", str(d / "l.parquet"), "--outlets", str(outlets),
                 "--out", str(d / "a.parquet"), "--table", str(d / "syndication.csv"),
                 "--republished", str(d / "republished.csv"), "--accounting", str(d / "accounting.json"), *b,
                 *mb]) == 0
    return d


def _table_bytes(path):  # the bytes of a table in parts, file by file
    return {f.name: f.read_bytes() for f in sorted(path.iterdir())}


def _row_groups(path):  # rows per row group, across the parts of a table in parts
    sizes = []
    for part in fio.parquet_parts(path):
        meta = pq.ParquetFile(part).metadata
        sizes += [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
    return sizes


def test_any_batch_size_gives_the_same_tables(tmp_path, corpus, monkeypatch):
    path, outlets = corpus
    runs = [_chain(tmp_path, path, outlets, n) for n in (1, 3, 1000)]
    # batches bounded in bytes: read a row at a time, every row is over 1 byte, so each is its own batch
    monkeypatch.setattr(fio, "BYTES_STEP_ROWS", 1)
    bounded, sizes = fio._bounded_batches, []

    def spy(*args, **kwargs):
        for batch in bounded(*args, **kwargs):
            sizes.append((kwargs["max_bytes"], batch.num_rows))
            yield batch

    monkeypatch.setattr(fio, "_bounded_batches", spy)
    runs.append(_chain(tmp_path, path, outlets, 1000, batch_mb="0.000001"))
    assert {n for mb, n in sizes if mb == 1} == {1} and len([1 for mb, _ in sizes if mb == 1]) >= 3 * 9
    for name in ("s.parquet", "l.parquet", "a.parquet"):  # a row group per batch written (empty if all left)
        assert max(_row_groups(runs[-1] / name)) == 1, name
    first = runs[0]
    # What the corpus holds, by hand: 14 lines = 13 rows + 1 unreadable; 4 rejected at ingest.
    assert json.loads((first / "summary.json").read_text())["rejected"] == 4
    bp = pd.read_csv(first / "boilerplate.csv")
    assert set(zip(bp["kind"], bp["line"])) == {("repeated", FOOTER), ("headline", "Alpha reports story number 3")}
    syn = pd.read_csv(first / "syndication.csv")
    assert sorted(syn["id"]) == ["b1", "c1"] and set(syn["origin_id"]) == {"b1"}
    assert json.loads((first / "accounting.json").read_text())["quarantined_unanalysed_language"] == 1
    for batch_rows, run in zip((1, 3, 1000), runs):  # row groups of batch_rows rows, whatever the sort's buckets
        sizes = _row_groups(run / "i.parquet")
        assert sum(sizes) == 10 and all(n == batch_rows for n in sizes[:-1]) and 0 < sizes[-1] <= batch_rows
    for other in runs[1:]:
        for name in ("rejected.csv", "summary.json", "boilerplate.csv", "rejected_bp.csv", "languages.csv",
                     "rejected_lang.csv", "syndication.csv", "republished.csv", "accounting.json"):
            assert (other / name).read_text() == (first / name).read_text(), name
        for name in ("i.parquet", "s.parquet", "l.parquet", "a.parquet"):
            assert fio.read_parquet(other / name).equals(fio.read_parquet(first / name)), name
            assert fio.parquet_schema(other / name).equals(fio.parquet_schema(first / name))
            assert fio.parquet_metadata(other / name) == fio.parquet_metadata(first / name)


def test_corpus_tables_in_parts_of_two_row_groups_give_the_same_tables(tmp_path, corpus, monkeypatch):
    # The corpus steps write their articles as tables in parts (a part every PART_ROW_GROUPS row
    # groups, so that no reader or writer holds the footer of every row group). Parts of 2 row
    # groups of 1 row (5 parts of 10 articles) give the tables of one part, band keys included.
    path, outlets = corpus
    whole = _chain(tmp_path, path, outlets, 1)
    monkeypatch.setattr(fio, "PART_ROW_GROUPS", 2)
    (tmp_path / "small").mkdir()
    small = _chain(tmp_path / "small", path, outlets, 1)
    for name in ("i.parquet", "s.parquet", "l.parquet", "a.parquet"):
        assert len(fio.parquet_parts(whole / name)) == 1, name
        assert len(fio.parquet_parts(small / name)) == -(-fio.parquet_num_rows(small / name) // 2) > 2, name
        assert fio.read_parquet(small / name).equals(fio.read_parquet(whole / name)), name
        assert fio.parquet_schema(small / name).equals(fio.parquet_schema(whole / name), check_metadata=True)
    for name in ("rejected.csv", "summary.json", "boilerplate.csv", "rejected_bp.csv", "languages.csv",
                 "rejected_lang.csv", "syndication.csv", "republished.csv", "accounting.json"):
        assert (small / name).read_text() == (whole / name).read_text(), name
    # the per-part band keys take row groups numbered across the parts: 3 key parts of 9 row groups
    # in 5 table parts cover every row once, in order, and give the one job's outputs
    keys = []
    for k in range(3):
        keys.append(small / f"keys-{k}.parquet")
        assert main(["syndication-keys", "--articles", str(small / "l.parquet"), "--part", str(k), "--parts", "3",
                     "--out", str(keys[-1])]) == 0
    assert [len(fio.read_array_parquet(f, ["row"])["row"]) for f in keys] == [3, 3, 3]
    assert main(["syndication", "--articles", str(small / "l.parquet"), "--outlets", str(outlets), "--keys",
                 *map(str, keys), "--out", str(small / "k.parquet"), "--table", str(small / "k.csv"),
                 "--republished", str(small / "kr.csv"), "--batch-rows", "1"]) == 0
    assert (small / "k.csv").read_text() == (whole / "syndication.csv").read_text()
    assert fio.read_parquet(small / "k.parquet").equals(fio.read_parquet(whole / "a.parquet"))


def test_streamed_ingest_equals_in_memory_ingest(tmp_path, corpus):
    path, outlets = corpus
    d = _chain(tmp_path, path, outlets, 2)
    rows, bad = fio.read_corpus_rows(path)
    result = ingest([Source(name=str(path), rows=rows, unreadable=bad)],
                    known_outlets=["alpha", "beta", "gamma"])
    streamed = fio.read_parquet(d / "i.parquet")
    assert streamed.equals(result.articles)
    assert streamed["section"].tolist()[:2] == ["5", "politics"]  # mixed types: text in every batch
    assert pd.read_csv(d / "rejected.csv")["reason"].tolist() == \
        ["malformed_json", "duplicate_row", "duplicate_text", "duplicate_id"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_streamed_rows_equal_whole_file_rows(tmp_path, fmt):
    path = tmp_path / f"c.{fmt}"
    if fmt == "jsonl":
        path.write_bytes(b'\xef\xbb\xbf{"id": "1", "text": "a"}\n\n[1]\n{"id": "2", "text": "b\xff"}\n{bad\n'
                         b'{"id": "3", "text": "c"}')
    elif fmt == "csv":
        path.write_text('id,text\n1,"two\nlines"\n2,b,extra\n\n3,c\n', encoding="utf-8")
    else:
        pd.DataFrame({"id": ["1", "2", "3"], "text": ["a", None, "c"]}).to_parquet(path)
    rows, bad = fio.read_corpus_rows(path)
    for n in (1, 2, 100):
        items = [item for batch in fio.iter_corpus_rows(path, batch_rows=n) for item in batch]
        assert all(len(batch) <= n for batch in fio.iter_corpus_rows(path, batch_rows=n))
        assert [(line, row) for line, row, _, _ in items if row is not None] == rows
        assert [(line, r, d) for line, row, r, d in items if row is None] == bad


def test_streamed_boilerplate_equals_whole_table():
    outlets = ["x"] * 6 + ["y"] * 3
    titles = ["Four words in title", "Another four word title", None, "t", "Short", "Five words make this title",
              "Y one", "Y two", "Y three"]
    texts = ["head\nbody one\nfoot", "head\nbody two\nfoot", "head\nfoot\nAnother four word title",
             "head\nbody four", "body five\nfoot", "head\nFour words in title", "a\nb", "a\nc", "a"]
    whole = learn_boilerplate(outlets, titles, texts, min_share=0.6, min_articles=5)
    assert set(whole.table["line"]) == {"head", "foot", "Another four word title", "Four words in title"}
    for n in (1, 2, 4, 100):
        def batches(n=n):
            for i in range(0, len(texts), n):
                yield outlets[i:i + n], titles[i:i + n], texts[i:i + n]

        streamed = learn_boilerplate_streamed(batches, min_share=0.6, min_articles=5)
        assert streamed.lines == whole.lines
        assert streamed.table.equals(whole.table)


def test_streamed_clusters_equal_datasketch_clusters():
    base = " ".join(f"word{i}" for i in range(40))
    texts = [base, base.replace("word5 ", "changed "), "something else entirely with other words here today",
             base.replace("word30 ", "x "), "", "tiny"]
    ids = [f"t{i}" for i in range(len(texts))]
    outlets = ["o1", "o2", "o1", "o3", "o1", "o2"]
    dates = ["2024-01-02", "2024-01-01", None, "2024-01-01", None, None]
    ref = find_clusters(ids, outlets, dates, texts, late_outlets={"o3"}).members
    b, r = lsh_params(threshold=0.5, num_perm=128)
    assert (b, r) == (25, 5)  # datasketch's choice for 0.5 and 128 permutations
    parts = [band_keys(texts[i:i + 2], bands=b, rows=r) for i in range(0, len(texts), 2)]
    keys = np.concatenate([k for k, _ in parts])
    valid = np.concatenate([v for _, v in parts])
    pairs = candidate_pairs(keys, valid)
    prints = {i: shingle_fingerprint(texts[i]) for i in np.unique(pairs).tolist()}
    assert all(len(prints[i]) == len(shingles(texts[i])) for i in prints)

    def age(i):
        return (dates[i] is None, dates[i] or "", outlets[i] == "o3", outlets[i], ids[i])

    members = clusters_from_pairs(len(texts), pairs, prints, threshold=0.5, age=age)
    got_origin = [ids[members[i][0]] if i in members else ids[i] for i in range(len(texts))]
    got_size = [members[i][1] if i in members else 1 for i in range(len(texts))]
    got_sim = [members[i][2] if i in members else 1.0 for i in range(len(texts))]
    assert got_origin == ref["origin_id"].tolist() == ["t1", "t1", "t2", "t1", "t4", "t5"]
    assert got_size == ref["cluster_size"].tolist()
    assert got_sim == pytest.approx(ref["jaccard_to_origin"].tolist())


def test_syndication_from_band_key_parts_equals_syndication_in_one_job(tmp_path, corpus, capsys, monkeypatch):
    # The workflow computes the band keys in per-part jobs (syndication-keys) and merges them:
    # any number of parts, even more than the table's row groups, gives the same outputs.
    import framelens.cli as cli

    path, outlets = corpus
    d = _chain(tmp_path, path, outlets, 3)  # row groups of 3 rows
    # parts in row groups of 2 rows (a band is merged a row group at a time), and the candidates'
    # texts read a piece at a time: still the outputs of the one job above
    monkeypatch.setattr(cli, "BAND_KEY_ROW_GROUP", 2)
    monkeypatch.setattr(cli, "SPARSE_READ_BYTES", 1)
    base = ["syndication", "--articles", str(d / "l.parquet"), "--outlets", str(outlets), "--batch-rows", "3"]

    def outputs(name, keys):
        o = tmp_path / name
        o.mkdir()
        assert main([*base, "--keys", *map(str, keys), "--out", str(o / "a.parquet"), "--table", str(o / "s.csv"),
                     "--republished", str(o / "r.csv"), "--accounting", str(o / "acc.json")]) == 0
        return o

    def parts(n, **settings):
        files = []
        for k in range(n):
            f = tmp_path / f"keys-{n}-{k}.parquet"
            extra = [x for key, value in settings.items() for x in (f"--{key.replace('_', '-')}", str(value))]
            assert main(["syndication-keys", "--articles", str(d / "l.parquet"), "--part", str(k), "--parts", str(n),
                         "--batch-rows", "2", "--out", str(f), *extra]) == 0
            files.append(f)
        return files

    for n in (1, 2, 3, 9):
        files = parts(n)
        if n == 1:
            assert pq.ParquetFile(files[0]).num_row_groups > 2
        o = outputs(f"parts{n}", files)
        for name, ref in (("s.csv", "syndication.csv"), ("r.csv", "republished.csv"), ("acc.json", "accounting.json")):
            assert (o / name).read_text() == (d / ref).read_text(), (n, name)
        assert fio.read_parquet(o / "a.parquet").equals(fio.read_parquet(d / "a.parquet"))
        assert fio.parquet_metadata(o / "a.parquet") == fio.parquet_metadata(d / "a.parquet")
    two = parts(2)
    capsys.readouterr()
    assert main([*base, "--keys", *map(str, two[::-1]), "--out", str(tmp_path / "x.parquet"),  # out of order
                 "--table", str(tmp_path / "x.csv"), "--republished", str(tmp_path / "y.csv")]) == 2
    assert "give the parts of this articles table in order" in capsys.readouterr().err
    assert main([*base, "--keys", str(two[0]), "--out", str(tmp_path / "x.parquet"),  # a part missing
                 "--table", str(tmp_path / "x.csv"), "--republished", str(tmp_path / "y.csv")]) == 2
    assert "computed from another articles table" in capsys.readouterr().err
    other = [tmp_path / "keys-seed.parquet"]
    assert main(["syndication-keys", "--articles", str(d / "l.parquet"), "--part", "0", "--parts", "1",
                 "--seed", "2", "--out", str(other[0])]) == 0
    capsys.readouterr()
    assert main([*base, "--keys", str(other[0]), "--out", str(tmp_path / "x.parquet"),  # other settings
                 "--table", str(tmp_path / "x.csv"), "--republished", str(tmp_path / "y.csv")]) == 2
    assert "'seed': '2'" in capsys.readouterr().err
    # a part in the layout of earlier versions (all bands in one list column) is refused, by name
    old = fio.read_array_parquet(two[0])
    bands = sorted(k for k in old if k.startswith("band_"))
    fio.write_array_parquet({"row": old["row"], "valid": old["valid"], "keys": np.stack([old[b] for b in bands], 1)},
                            tmp_path / "old.parquet", metadata=dict(fio.parquet_metadata(two[0])))
    assert main([*base, "--keys", str(tmp_path / "old.parquet"), str(two[1]), "--out", str(tmp_path / "x.parquet"),
                 "--table", str(tmp_path / "x.csv"), "--republished", str(tmp_path / "y.csv")]) == 2
    assert "with 0 band columns" in capsys.readouterr().err
    assert not (tmp_path / "x.parquet").exists()


def test_candidate_pairs_are_the_pairs_that_share_a_band_key_by_enumeration():
    rng = np.random.default_rng(3)
    keys = rng.integers(0, 4, size=(30, 5)).astype(np.uint64)
    valid = rng.random(30) > 0.2
    expected = [[i, j] for i in range(30) for j in range(i + 1, 30)
                if valid[i] and valid[j] and (keys[i] == keys[j]).any()]
    assert candidate_pairs(keys, valid).tolist() == expected
    # merged band by band, in any order of the bands
    assert merge_pairs([band_pairs(keys[:, b], valid) for b in (4, 0, 2, 1, 3)], 30).tolist() == expected
    assert merge_pairs([], 30).shape == (0, 2)


def _ingest(tmp_path, corpus, outlets, name, *extra):
    d = tmp_path / name
    argv = ["ingest", "--corpus", str(corpus), "--outlets", str(outlets), "--articles", str(d / "i.parquet"),
            "--rejected", str(d / "rejected.csv"), "--summary", str(d / "summary.json"), *extra]
    return main(argv), d


def test_ingest_in_worker_processes_writes_the_same_files(tmp_path, corpus):
    # rows parsed, checked and cleaned in 2 spawned workers, chunk by chunk; every reason for
    # a rejection crosses the process boundary (unreadable line, bad date, missing field, empty
    # text, text too long, three kinds of duplicates across chunks), and the extra field of mixed type
    path, outlets = corpus
    more = [{"id": "d1", "outlet": "alpha", "text": "Dated badly.", "date": "not a date"},
            {"id": "d2", "outlet": "alpha", "text": "   "},
            {"id": "d3", "outlet": "beta"},
            {"id": "d4", "outlet": "beta", "text": "x" * 500},
            {"id": "a1", "outlet": "alpha", "text": "Reused id, other text."}]
    with path.open("a", encoding="utf-8") as fh:
        fh.write("\n\n" + "\n".join(json.dumps(r) for r in more) + "\n")
    runs = []
    for processes, batch in ((1, 3), (2, 3), (2, 1)):
        code, d = _ingest(tmp_path, path, outlets, f"p{processes}b{batch}", "--processes", str(processes),
                          "--batch-rows", str(batch), "--max-text-chars", "400")
        assert code == 0
        runs.append(d)
    reasons = pd.read_csv(runs[0] / "rejected.csv")["reason"].tolist()
    assert reasons == ["malformed_json", "duplicate_row", "duplicate_text", "duplicate_id", "invalid_date",
                       "empty_text", "missing_field", "text_too_long", "duplicate_id"]
    assert _table_bytes(runs[1] / "i.parquet") == _table_bytes(runs[0] / "i.parquet")  # same batches: same bytes
    for name in ("rejected.csv", "summary.json"):
        assert (runs[1] / name).read_bytes() == (runs[0] / name).read_bytes(), name
    for name in ("rejected.csv", "summary.json"):  # other batches: other row groups, the same rows
        assert (runs[2] / name).read_bytes() == (runs[0] / name).read_bytes(), name
    assert fio.read_parquet(runs[2] / "i.parquet").equals(fio.read_parquet(runs[0] / "i.parquet"))


def test_unknown_outlets_are_reported_alike_from_worker_processes(tmp_path, corpus, capsys):
    path, outlets = corpus
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "z1", "outlet": "zeta", "text": "Unknown outlet."}) + "\n")
        fh.write(json.dumps({"id": "z2", "outlet": " zeta ", "text": "Again."}) + "\n")
    messages = []
    for processes in (1, 2):
        capsys.readouterr()
        code, d = _ingest(tmp_path, path, outlets, f"u{processes}", "--processes", str(processes), "--batch-rows", "2")
        assert code != 0 and not (d / "i.parquet").exists()
        messages.append([line for line in capsys.readouterr().err.splitlines() if "outlets sheet" in line])
    assert len(messages[0]) == 1 and "'zeta' (2 rows, first at" in messages[0][0] and "line 15" in messages[0][0]
    assert messages[1] == messages[0]


@settings(max_examples=60, deadline=None)
@given(keys=st.lists(st.integers(0, 12), min_size=0, max_size=80), cuts=st.lists(st.integers(1, 9), min_size=1, max_size=4),
       invalid=st.sets(st.integers(0, 79)), table_bits=st.sampled_from([1, 3, 20, 27]),
       spread=st.sampled_from([0, 40, 58]))
def test_band_pairs_streamed_are_the_pairs_of_the_whole_column(keys, cuts, invalid, table_bits, spread):
    # keys from a small pool, so that they repeat within and across batches; spread puts the pool's
    # keys in few (spread 0: all in the lowest bit of the table) or many positions of the table
    column = (np.asarray(keys, dtype=np.uint64) << np.uint64(spread)) * np.uint64(2654435761)
    valid = np.array([i not in invalid for i in range(len(column))], dtype=bool)
    bounds, at, k = [], 0, 0
    while at < len(column):
        bounds.append((at, min(len(column), at + cuts[k % len(cuts)])))
        at, k = bounds[-1][1], k + 1
    batches = lambda: (column[lo:hi] for lo, hi in bounds)  # noqa: E731
    got = band_pairs_streamed(batches, valid, table_bits=table_bits)
    want = band_pairs(column, valid)
    assert merge_pairs([got], max(len(column), 1)).tolist() == merge_pairs([want], max(len(column), 1)).tolist()
    assert sorted(map(tuple, got.tolist())) == sorted(map(tuple, want.tolist()))  # no pair twice


def test_band_pairs_streamed_checks_the_rows_and_the_table():
    with pytest.raises(ValueError, match="the batches hold 2 keys, but valid has 3 rows"):
        band_pairs_streamed(lambda: [np.array([1, 2], dtype=np.uint64)], np.ones(3, dtype=bool))
    for bits in (0, 33):
        with pytest.raises(ValueError, match="table_bits must be 1..32"):
            band_pairs_streamed(lambda: [], np.ones(0, dtype=bool), table_bits=bits)
