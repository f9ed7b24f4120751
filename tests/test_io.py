import os

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framelens import io as fio
from framelens.errors import CorpusError, ModelError


def test_jsonl_rows_keep_line_numbers_and_report_broken_lines(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "1"}\n\n{broken\n[1, 2]\n{"id": "caf\xe9"}\n{"id": "2"}\n')
    rows, bad = fio.read_corpus_rows(path)
    assert rows == [(1, {"id": "1"}), (6, {"id": "2"})]
    assert [(line, reason) for line, reason, _ in bad] == [
        (3, "malformed_json"), (4, "malformed_json"), (5, "invalid_encoding")]
    rows, bad = fio.read_corpus_rows(path, encoding_errors="replace")
    assert (5, {"id": "caf\ufffd"}) in rows


def test_csv_rows_with_embedded_newlines_and_wrong_field_count(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('id,outlet,text\n1,a,"two\nlines, and ""quotes"""\n2,a,x,extra\n3,a,ok\n', encoding="utf-8")
    rows, bad = fio.read_corpus_rows(path)
    assert rows == [(2, {"id": "1", "outlet": "a", "text": 'two\nlines, and "quotes"'}),
                    (5, {"id": "3", "outlet": "a", "text": "ok"})]
    assert bad == [(4, "malformed_csv", "4 fields where the header has 3")]


def test_csv_that_is_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes(b"id,outlet,text\n1,a,ok\n2,a,caf\xe9\n")
    with pytest.raises(CorpusError, match="line 3"):
        fio.read_corpus_rows(path)


def test_parquet_rows(tmp_path):
    path = tmp_path / "c.parquet"
    fio.write_parquet(pd.DataFrame({"id": ["1", "2"], "text": ["a", "b"]}), path)
    rows, bad = fio.read_corpus_rows(path)
    assert rows == [(1, {"id": "1", "text": "a"}), (2, {"id": "2", "text": "b"})] and bad == []


def test_unknown_suffix_and_missing_file(tmp_path):
    with pytest.raises(CorpusError, match="cannot tell the corpus format"):
        fio.corpus_format(tmp_path / "c.txt")
    with pytest.raises(CorpusError, match="not found"):
        fio.read_corpus_rows(tmp_path / "nope.jsonl")


def test_outlets_sheet_checks(tmp_path, outlets_csv):
    frame = fio.read_outlets(outlets_csv)
    assert frame["outlet"].tolist() == ["state", "wire"]
    bad = tmp_path / "bad.csv"
    bad.write_text("outlet,name\nx,X\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"missing column\(s\) \['group'"):
        fio.read_outlets(bad)
    dup = tmp_path / "dup.csv"
    dup.write_text(outlets_csv.read_text() + "wire,Again,x,y,en,#000000\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="listed twice: \\['wire'\\]"):
        fio.read_outlets(dup)


def test_parquet_metadata_round_trip_and_atomic_write(tmp_path):
    path = tmp_path / "t.parquet"
    fio.write_parquet(pd.DataFrame({"x": [1]}), path, metadata={"lexicon_sha256": "abc"})
    assert fio.parquet_metadata(path) == {"lexicon_sha256": "abc"}
    assert [p.name for p in tmp_path.iterdir()] == ["t.parquet"]  # no temporary file left


def test_atomic_path_leaves_old_file_on_failure(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with fio.atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("killed")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.csv"]


# ----------------------------------------------------------------------------- models (skops)
def _tiny_model():
    from framelens.classify import build_frame_classifier

    texts = [f"solidarity {i}" for i in range(6)] + [f"blockade {i}" for i in range(6)]
    y = [[1, 0]] * 6 + [[0, 1]] * 6
    return build_frame_classifier(calibration="sigmoid", calibration_folds=2).fit(texts, y)


def test_model_round_trip_predicts_the_same(tmp_path):
    import numpy as np

    model = _tiny_model()
    path = tmp_path / "m.skops"
    fio.save_model({"framelens_model": "frames", "estimator": model, "labels": ["sol", "sanc"]}, path)
    loaded = fio.load_model(path, kind="frames")
    assert loaded["labels"] == ["sol", "sanc"]
    texts = ["solidarity again", "a blockade"]
    assert np.allclose(loaded["estimator"].predict_proba(texts), model.predict_proba(texts))
    with pytest.raises(ModelError, match="a framelens 'frames' model, but a 'other' model is needed"):
        fio.load_model(path, kind="other")


def test_load_model_refuses_pickle_and_other_files(tmp_path):
    import pickle

    pkl = tmp_path / "m.pkl"
    pkl.write_bytes(pickle.dumps({"framelens_model": "frames", "estimator": None}))
    with pytest.raises(ModelError, match="not a skops model file.*never loads pickle"):
        fio.load_model(pkl)
    with pytest.raises(ModelError, match="model file not found"):
        fio.load_model(tmp_path / "missing.skops")
    import zipfile

    other_zip = tmp_path / "other.skops"
    with zipfile.ZipFile(other_zip, "w") as zf:
        zf.writestr("hello.txt", "not a model")
    with pytest.raises(ModelError, match="not a skops model file"):
        fio.load_model(other_zip)


def test_load_model_refuses_skops_files_that_are_not_framelens_models_or_untrusted(tmp_path):
    import skops.io as sio
    from sklearn.linear_model import LogisticRegression

    bare = tmp_path / "bare.skops"
    sio.dump(LogisticRegression(), bare)
    with pytest.raises(ModelError, match="a skops file but not a framelens model"):
        fio.load_model(bare)
    model = _tiny_model()
    path = tmp_path / "m.skops"
    fio.save_model({"framelens_model": "frames", "estimator": model}, path)
    with pytest.raises(ModelError, match=r"type\(s\) framelens does not trust: \['sklearn.calibration"):
        fio.load_model(path, trusted=())
    with pytest.raises(ModelError, match="expects a mapping"):
        fio.save_model(model, tmp_path / "x.skops")


def test_atomic_writes_get_the_umask_mode_not_private(tmp_path):
    path = tmp_path / "t.csv"
    fio.write_csv(pd.DataFrame({"x": [1]}), path)
    mask = os.umask(0)
    os.umask(mask)
    assert (path.stat().st_mode & 0o777) == (0o666 & ~mask)


def test_batched_parquet_write_split_and_gather(tmp_path):
    import pyarrow as pa

    schema = pa.schema([("id", pa.string()), ("outlet", pa.string()), ("n", pa.int64())])
    frames = [pd.DataFrame({"id": ["b", "a"], "outlet": ["w", "s"], "n": [1, 2]}),
              pd.DataFrame({"id": ["c"], "outlet": ["s"], "n": [3]})]
    src = tmp_path / "all.parquet"
    assert fio.write_parquet_batches(iter(frames), src, schema=schema, metadata={"k": "v"}) == 3
    assert fio.parquet_num_rows(src) == 3 and fio.parquet_metadata(src) == {"k": "v"}
    assert [len(f) for f in fio.iter_parquet_batches(src, batch_rows=2)] == [2, 1]
    outs = [tmp_path / "s0.parquet", tmp_path / "s1.parquet", tmp_path / "s2.parquet"]
    counts = fio.split_parquet(src, outs, lambda b: [0 if i == "a" else 1 for i in b.column("id").to_pylist()],
                               batch_rows=2)
    assert counts == [1, 2, 0]
    assert fio.read_parquet(outs[1])["id"].tolist() == ["b", "c"]  # order kept within a shard
    assert fio.read_parquet(outs[2]).columns.tolist() == ["id", "outlet", "n"]  # empty but typed
    streams = [tmp_path / "s0.arrows", tmp_path / "s1.arrows", tmp_path / "s2.arrows"]
    assert fio.split_parquet(src, streams, lambda b: [0 if i == "a" else 1 for i in b.column("id").to_pylist()],
                             batch_rows=2, arrow_stream=True) == [1, 2, 0]
    for stream, out in zip(streams, outs):  # the same rows, in the same order, as the Parquet outputs
        assert fio.read_arrow_stream(stream).equals(fio.read_parquet_table(out).replace_schema_metadata(
            fio.read_arrow_stream(stream).schema.metadata))
    gathered = tmp_path / "g.parquet"
    assert fio.gather_parquet(outs[::-1], gathered, sort_by=[("outlet", "ascending"), ("id", "ascending")]) == 3
    assert fio.read_parquet(gathered)["id"].tolist() == ["a", "c", "b"]
    empty = tmp_path / "e.parquet"
    assert fio.write_parquet_batches([], empty, schema=schema) == 0 and fio.parquet_num_rows(empty) == 0


@pytest.mark.parametrize("in_parts", [False, True])
def test_parts_of_a_table_cover_every_row_once_in_order(tmp_path, monkeypatch, in_parts):
    import pyarrow as pa

    schema = pa.schema([("x", pa.int64())])
    sizes = [3, 5, 2, 4, 1]  # one row group per frame written
    frames, at = [], 0
    for size in sizes:
        frames.append(pd.DataFrame({"x": range(at, at + size)}))
        at += size
    path = tmp_path / "t.parquet"
    if in_parts:  # the five row groups in files of two: the row groups are numbered across the files
        monkeypatch.setattr(fio, "PART_ROW_GROUPS", 2)
        with fio.parquet_stream_writer(path, schema=schema, background=False, parts=True) as stream:
            for frame in frames:
                stream.write(frame)
        assert [p.name for p in fio.parquet_parts(path)] == [f"part-00000{k}.parquet" for k in range(3)]
    else:
        fio.write_parquet_batches(frames, path, schema=schema)
    for parts in range(1, 8):
        rows, values = [], []
        for k in range(parts):
            span = fio.parquet_part_rows(path, k, parts)
            part = [v for (xs,) in fio.iter_parquet_columns(path, columns=["x"], batch_rows=2, part=(k, parts))
                    for v in xs]
            assert part == list(span), (parts, k)  # x is the row number
            rows.extend(span)
            values.extend(part)
        assert rows == values == list(range(15)), parts
    # two parts of five row groups: groups 0-1 (8 rows) and 2-4 (7 rows)
    assert [fio.parquet_part_rows(path, k, 2) for k in (0, 1)] == [range(0, 8), range(8, 15)]
    with pytest.raises(ValueError, match="part 2 of 2"):
        fio.parquet_part_rows(path, 2, 2)


def test_batch_writers_commit_only_on_success(tmp_path):
    import pyarrow as pa

    schema = pa.schema([("x", pa.int64())])
    out = tmp_path / "x.parquet"
    with pytest.raises(RuntimeError):
        with fio.parquet_batch_writers({"x": out}, schemas={"x": schema}) as write:
            write({"x": pd.DataFrame({"x": [1]})})
            raise RuntimeError("killed")
    assert not out.exists() and os.listdir(tmp_path) == []
    with fio.parquet_batch_writers({"x": out}, schemas={"x": schema}) as write:
        write({"x": pd.DataFrame({"x": [1, 2]})})
    assert fio.read_parquet(out)["x"].tolist() == [1, 2]


def test_gather_merges_sorted_shards_in_bounded_pieces_with_the_same_bytes(tmp_path):
    # shard outputs are sorted by (outlet, id) and an article's rows stay in one shard;
    # merging them a few rows at a time must give the bytes of sorting everything at once
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(3)
    outlets = rng.choice(["ágora", "wire", "state", "Zeta"], size=400)
    ids = [f"{o}-{i:04d}" for i, o in enumerate(outlets)]
    rows = [(o, a, k) for o, a in zip(outlets, ids) for k in range(int(rng.integers(0, 4)))]
    full = pd.DataFrame(rows, columns=["outlet", "id", "k"])
    schema = pa.schema([("outlet", pa.string()), ("id", pa.string()), ("k", pa.int64())])
    order = [("outlet", "ascending"), ("id", "ascending")]
    results = []
    for n_shards, batch_rows in ((1, 1000), (3, 7), (5, 2)):
        paths = []
        for s in range(n_shards):
            part = full[[hash_ % n_shards == s for hash_ in pd.util.hash_array(full["id"].to_numpy())]]
            part = part.sort_values(["outlet", "id"], kind="stable")
            paths.append(tmp_path / f"{n_shards}-{s}.parquet")
            pq.write_table(pa.Table.from_pandas(part, schema=schema, preserve_index=False), paths[-1])
        out = tmp_path / f"g{n_shards}.parquet"
        assert fio.gather_parquet(paths, out, sort_by=order, batch_rows=batch_rows) == len(full)
        results.append(out.read_bytes())
    assert results[0] == results[1] == results[2]
    gathered = fio.read_parquet(tmp_path / "g3.parquet")
    expected = full.sort_values(["outlet", "id"], kind="stable").reset_index(drop=True)
    pd.testing.assert_frame_equal(gathered.reset_index(drop=True), expected)
    # an unsorted input falls back to reading everything and sorting: same table
    shuffled = tmp_path / "unsorted.parquet"
    pq.write_table(pa.Table.from_pandas(full.sample(frac=1, random_state=1), schema=schema,
                                        preserve_index=False), shuffled)
    fio.gather_parquet([shuffled], tmp_path / "u.parquet", sort_by=order)
    assert fio.read_parquet(tmp_path / "u.parquet")["id"].tolist() == expected["id"].tolist()


def test_iter_parquet_columns_yields_python_lists_in_batches(tmp_path):
    path = tmp_path / "t.parquet"
    pd.DataFrame({"id": ["a", "b", "c"], "title": ["T1", None, "T3"], "n": [1, 2, 3]}).to_parquet(path)
    batches = list(fio.iter_parquet_columns(path, columns=["title", "id"], batch_rows=2))
    assert batches == [(["T1", None], ["a", "b"]), (["T3"], ["c"])]
    assert list(fio.iter_parquet_columns(path, columns=["n"], batch_rows=10)) == [([1, 2, 3],)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lengths=st.lists(st.integers(0, 60), max_size=40), nulls=st.lists(st.booleans(), max_size=40),
       group_rows=st.integers(1, 9), batch_rows=st.integers(1, 12), max_bytes=st.none() | st.integers(1, 400),
       step=st.integers(1, 5))
def test_batches_bounded_in_bytes_cut_the_rows_where_the_bound_is_reached(
        tmp_path, monkeypatch, lengths, nulls, group_rows, batch_rows, max_bytes, step):
    import pyarrow as pa
    import pyarrow.parquet as pq

    monkeypatch.setattr(fio, "BYTES_STEP_ROWS", step)
    texts = [None if k < len(nulls) and nulls[k] else "é" * (n // 2) + "x" * (n - n // 2)
             for k, n in enumerate(lengths)]
    table = pa.table({"id": [f"a{k}" for k in range(len(texts))], "text": pa.array(texts, pa.string())})
    path = tmp_path / "t.parquet"
    pq.write_table(table, path, row_group_size=group_rows)
    batches = list(fio.iter_parquet_tables(path, batch_rows=batch_rows, max_bytes=max_bytes))
    # every row once, in order, whatever the cuts; the other readers cut the same way
    assert pa.concat_tables(batches).equals(pq.read_table(path)) if batches else not texts
    assert [len(b) for b in fio.iter_parquet_batches(path, batch_rows=batch_rows, max_bytes=max_bytes)] == \
        [b.num_rows for b in batches]
    assert [c for b in fio.iter_parquet_columns(path, columns=["text", "id"], batch_rows=batch_rows,
                                                max_bytes=max_bytes) for c in zip(*b)] == \
        list(zip(texts, table.column("id").to_pylist()))
    width = step if max_bytes is not None else batch_rows
    for k, batch in enumerate(batches):
        assert 0 < batch.num_rows <= batch_rows and all(c.num_chunks == 1 for c in batch.columns)
        if max_bytes is None:
            assert batch.num_rows == batch_rows or k == len(batches) - 1
            continue
        # Arrow's size of the rows read before the last read of at most `step` rows is under the bound...
        before = batch.slice(0, max(0, batch.num_rows - width))
        assert before.num_rows == 0 or before.nbytes < max_bytes
        # ... and a batch cut short of batch_rows reached it (offsets and validity bits are counted
        # once per piece read, so allow 5 bytes per column and piece)
        if batch.num_rows < batch_rows and k < len(batches) - 1:
            pieces = -(-batch.num_rows // min(width, group_rows)) + 1
            assert batch.nbytes + 5 * 2 * pieces >= max_bytes


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 40)), max_size=60),
       batch_rows=st.integers(1, 9), buffer_bytes=st.integers(1, 2000), max_bytes=st.none() | st.integers(1, 300))
def test_split_with_waiting_rows_writes_each_outputs_rows_in_order_in_row_groups_of_batch_rows(
        tmp_path, rows, batch_rows, buffer_bytes, max_bytes):
    import pyarrow as pa
    import pyarrow.parquet as pq

    src = tmp_path / "all.parquet"
    table = pa.table({"id": [f"r{k}" for k in range(len(rows))], "shard": [s for s, _ in rows],
                      "text": ["w" * n for _, n in rows]})
    pq.write_table(table, src, row_group_size=7)
    def assign(batch):
        return batch.column("shard").to_pylist()
    waited = [tmp_path / f"w{k}.parquet" for k in range(4)]
    direct = [tmp_path / f"d{k}.parquet" for k in range(4)]
    counts = fio.split_parquet(src, waited, assign, batch_rows=batch_rows, max_bytes=max_bytes,
                               buffer_bytes=buffer_bytes)
    assert counts == fio.split_parquet(src, direct, assign, batch_rows=batch_rows, max_bytes=max_bytes)
    big = [tmp_path / f"b{k}.parquet" for k in range(4)]
    fio.split_parquet(src, big, assign, batch_rows=batch_rows, buffer_bytes=10**9)
    tiny = [tmp_path / f"t{k}.parquet" for k in range(4)]
    fio.split_parquet(src, tiny, assign, batch_rows=batch_rows, max_bytes=max_bytes, buffer_bytes=1)
    for k in range(4):
        expected = [f"r{i}" for i, (s, _) in enumerate(rows) if s == k]
        assert counts[k] == len(expected)
        for out in (waited[k], direct[k], big[k], tiny[k]):
            assert pq.read_table(out).column("id").to_pylist() == expected
            assert all(n <= batch_rows for n in _group_rows(out))
        # all the rows can wait: row groups of batch_rows rows, the last one fewer
        sizes = _group_rows(big[k])
        assert all(n == batch_rows for n in sizes[:-1]) and (not sizes or 0 < sizes[-1] <= batch_rows)
        # no row can wait: the same row groups as writing each batch's rows at once
        assert _group_rows(tiny[k]) == _group_rows(direct[k])


def _group_rows(path):
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    return [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]


def test_an_empty_table_gives_no_batch_and_empty_typed_splits(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "empty.parquet"
    pq.write_table(pa.table({"id": pa.array([], pa.string()), "n": pa.array([], pa.int64())}), path)
    for max_bytes in (None, 10):
        assert list(fio.iter_parquet_tables(path, batch_rows=3, max_bytes=max_bytes)) == []
    for buffer_bytes in (None, 100):
        outs = [tmp_path / f"e{buffer_bytes}-{k}.parquet" for k in range(2)]
        assert fio.split_parquet(path, outs, lambda b: [0] * b.num_rows, batch_rows=3, max_bytes=10,
                                 buffer_bytes=buffer_bytes) == [0, 0]
        assert [pq.read_table(o).schema.names for o in outs] == [["id", "n"]] * 2


def test_batch_bound_in_bytes_is_checked(tmp_path):
    path = tmp_path / "t.parquet"
    pd.DataFrame({"id": ["a"]}).to_parquet(path)
    for bad in ({"batch_rows": 0}, {"batch_rows": 2, "max_bytes": 0}):
        with pytest.raises(ValueError):
            list(fio.iter_parquet_tables(path, **bad))


# ---------------------------------------------------------------- JSON Lines chunks (parallel ingest)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.sampled_from([b"", b"\r", b'{"a": 1}', b"x" * 37, b"\xef\xbb\xbf{}", b"  "]), max_size=12),
       final_break=st.booleans(), bom=st.booleans(), per_chunk=st.integers(1, 4), block=st.integers(1, 20))
def test_jsonl_chunks_are_the_file_lines_with_their_numbers(tmp_path, lines, final_break, bom, per_chunk, block):
    # against reading the file line by line: any block size (lines cut across blocks), blank
    # lines, CRLF remains, a byte order mark, with or without a final line break
    data = (b"\xef\xbb\xbf" if bom else b"") + b"\n".join(lines) + (b"\n" if final_break else b"")
    path = tmp_path / "c.jsonl"
    path.write_bytes(data)
    expected = []
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            expected.append((lineno, raw[:-1] if raw.endswith(b"\n") else raw))
    got = []
    for first, chunk in fio.iter_jsonl_chunks(path, per_chunk, block_bytes=block):
        assert 0 < len(chunk) <= per_chunk
        got.extend((first + i, raw) for i, raw in enumerate(chunk))
    assert got == expected


def test_table_spool_scans_everything_appended_so_far_between_appends(tmp_path):
    import pyarrow as pa

    spool = fio.TableSpool(tmp_path / "keys")
    batch = lambda lo, n: pa.record_batch([pa.array(range(lo, lo + n), pa.uint64())], names=["k"])  # noqa: E731
    assert list(spool.scan()) == []
    spool.append(batch(0, 3))
    spool.append(batch(3, 2))
    assert [b.column(0).to_pylist() for b in spool.scan()] == [[0, 1, 2], [3, 4]]
    spool.append(batch(5, 4))  # after a scan: a new segment
    assert [x for b in spool.scan() for x in b.column(0).to_pylist()] == list(range(9))
    assert spool.n_rows == 9
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keys-0.arrows", "keys-1.arrows"]


@pytest.mark.parametrize("background", [True, False])
def test_stream_writer_puts_the_metadata_known_at_the_end_into_the_footer(tmp_path, background):
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    frames = [pd.DataFrame({"id": ["a", "b"], "n": [1, 2], "note": [None, None]}),
              pd.DataFrame({"id": ["c"], "n": [3], "note": ["x"]})]
    schema = pa.schema([("id", pa.string()), ("n", pa.int64()), ("note", pa.string())])
    out = tmp_path / "stream.parquet"
    with fio.parquet_stream_writer(out, schema=schema, background=background) as stream:
        for frame in frames:
            stream.write(frame)
        stream.write(pa.table({"id": ["d"], "n": [4], "note": ["y"]}, schema=schema))
        stream.metadata.update({"counts": json.dumps({"kept": 4}), "step": "test"})
    assert os.listdir(tmp_path) == ["stream.parquet"] and stream.num_rows == 4  # no scratch left
    # pandas reads it as the whole frame written at once
    whole = pd.concat([*frames, pd.DataFrame({"id": ["d"], "n": [4], "note": ["y"]})], ignore_index=True)
    fio.write_parquet(whole, tmp_path / "whole.parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(out), pd.read_parquet(tmp_path / "whole.parquet"))
    meta = pq.read_schema(out).metadata
    assert meta[b"framelens.step"] == b"test" and json.loads(meta[b"framelens.counts"]) == {"kept": 4}
    assert [c["name"] for c in json.loads(meta[b"pandas"])["columns"]] == ["id", "n", "note"]
    # the footer's own entries and the Arrow schema stored in it agree
    footer = pq.read_metadata(out).metadata
    assert {k: v for k, v in footer.items() if k != b"ARROW:schema"} == meta
    assert pq.ParquetFile(out).metadata.num_row_groups == 3  # one per table written
    assert pq.read_table(out).schema.metadata == meta


@pytest.mark.parametrize("parts", [False, True])
@pytest.mark.parametrize("background", [True, False])
def test_stream_writer_leaves_nothing_when_the_block_fails(tmp_path, background, parts):
    import pyarrow as pa

    schema = pa.schema([("id", pa.string())])
    out = tmp_path / "stream.parquet"
    with pytest.raises(RuntimeError, match="killed"):
        with fio.parquet_stream_writer(out, schema=schema, background=background, parts=parts) as stream:
            stream.write(pd.DataFrame({"id": ["a"]}))
            raise RuntimeError("killed")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("background", [True, False])
def test_a_table_in_parts_reads_like_the_one_file_of_the_same_rows(tmp_path, monkeypatch, background):
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    monkeypatch.setattr(fio, "PART_ROW_GROUPS", 3)
    rng = np.random.default_rng(5)
    frames = [pd.DataFrame({"id": [f"a{k}-{i}" for i in range(n)], "n": rng.integers(0, 9, n),
                            "text": ["w " * int(m) for m in rng.integers(1, 40, n)]})
              for k, n in enumerate([4, 1, 7, 2, 5, 3, 6, 2])]  # 8 row groups: parts of 3, 3 and 2
    schema = pa.Schema.from_pandas(frames[0], preserve_index=False)
    one, parts = tmp_path / "one.parquet", tmp_path / "parts.parquet"
    parts.write_text("an older output of the same name: replaced")
    for path, in_parts in ((one, False), (parts, True)):
        with fio.parquet_stream_writer(path, schema=schema, background=background, parts=in_parts) as stream:
            for frame in frames:
                stream.write(frame)
            stream.metadata["counts"] = json.dumps({"kept": 30})
    files = fio.parquet_parts(parts)
    assert [f.name for f in files] == ["part-000000.parquet", "part-000001.parquet", "part-000002.parquet"]
    assert [pq.ParquetFile(f).num_row_groups for f in files] == [3, 3, 2]
    assert sorted(f.name for f in parts.iterdir()) == sorted([f.name for f in files] + [fio.PARTS_SCHEMA])
    assert sorted(os.listdir(tmp_path)) == ["one.parquet", "parts.parquet"]  # no scratch left
    whole = pd.concat(frames, ignore_index=True)
    for read in (fio.read_parquet, pd.read_parquet):  # pandas reads the folder too (it skips _schema)
        pd.testing.assert_frame_equal(read(parts), whole)
    pd.testing.assert_frame_equal(fio.read_parquet(parts, columns=["n"]), whole[["n"]])
    assert fio.parquet_num_rows(parts) == fio.parquet_num_rows(one) == 30
    assert fio.parquet_schema(parts).equals(fio.parquet_schema(one), check_metadata=True)
    assert fio.parquet_metadata(parts) == fio.parquet_metadata(one) == {"counts": '{"kept": 30}'}
    assert fio.read_parquet_table(parts).equals(fio.read_parquet_table(one))
    # streamed in batches: every row once, in order, within the bounds
    for kwargs in ({"batch_rows": 4}, {"batch_rows": 100, "max_bytes": 60}, {"batch_rows": 5, "max_bytes": 10**6}):
        got = list(fio.iter_parquet_batches(parts, **kwargs))
        pd.testing.assert_frame_equal(pd.concat(got, ignore_index=True), whole)
        assert all(0 < len(b) <= kwargs["batch_rows"] for b in got), kwargs
    # a batch bounded in rows runs across the parts' ends (rows 12 and 22): 10, 10, 10 as from one file
    assert [t.num_rows for t in fio.iter_parquet_tables(parts, batch_rows=10, max_bytes=10**6)] == [10, 10, 10]
    # bounded in bytes: it ends once it reaches the bound, at the latest at a part's end
    assert [t.num_rows for t in fio.iter_parquet_tables(parts, batch_rows=100, max_bytes=60)] == [12, 10, 8]
    assert [t.num_rows for t in fio.iter_parquet_tables(one, batch_rows=100, max_bytes=60)] == [30]
    # a table with no rows: the schema file alone, read as an empty table of the schema
    empty = tmp_path / "empty.parquet"
    with fio.parquet_stream_writer(empty, schema=schema, background=background, parts=True):
        pass
    assert os.listdir(empty) == [fio.PARTS_SCHEMA] and fio.parquet_num_rows(empty) == 0
    assert fio.read_parquet(empty).columns.tolist() == ["id", "n", "text"] and fio.read_parquet(empty).empty
    # written again: the folder is replaced as a whole
    with fio.parquet_stream_writer(parts, schema=schema, background=background, parts=True) as stream:
        stream.write(frames[0])
    assert [f.name for f in fio.parquet_parts(parts)] == ["part-000000.parquet"]
    pd.testing.assert_frame_equal(fio.read_parquet(parts), frames[0])


def test_a_folder_that_is_not_a_table_in_parts_is_refused(tmp_path):
    (tmp_path / "t.parquet").mkdir()
    fio.write_parquet(pd.DataFrame({"x": [1]}), tmp_path / "t.parquet" / "part-000000.parquet")
    with pytest.raises(CorpusError, match="not a table in parts"):
        fio.read_parquet(tmp_path / "t.parquet")


def test_a_killed_write_of_a_table_in_parts_is_cleaned_up_by_the_next(tmp_path):
    import pyarrow as pa

    out = tmp_path / "t.parquet"
    stale = tmp_path / ".t.parquet.abc123.tmp"  # what a killed run leaves: its folder of parts
    stale.mkdir()
    (stale / "part-000000.parquet").write_bytes(b"half")
    schema = pa.schema([("x", pa.int64())])
    with fio.parquet_stream_writer(out, schema=schema, parts=True) as stream:
        stream.write(pd.DataFrame({"x": [1, 2]}))
    assert sorted(os.listdir(tmp_path)) == ["t.parquet"]
    assert fio.read_parquet(out)["x"].tolist() == [1, 2]
