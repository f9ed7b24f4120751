import bisect
import json
import random

import numpy as np
import pytest

from framelens.errors import CorpusError
from hypothesis import example, given, settings
from hypothesis import strategies as st

from framelens.ingest import IngestStream, KeyFilter, Source, ingest, parse_date

KNOWN = ["state", "wire"]


def row(i, outlet="state", text="Some text here.", **extra):
    return {"id": str(i), "outlet": outlet, "text": text, **extra}


def run(rows, unreadable=(), **kw):
    return ingest([Source("c.jsonl", list(enumerate(rows, start=1)), unreadable)], known_outlets=KNOWN, **kw)


def test_accounting_and_reasons():
    rows = [
        row(1, date="2024-05-01", title="T", url="https://x.example/1", lang="EN", extra_field={"k": 1}),
        row(1, date="2024-05-01", title="T", url="https://x.example/1", lang="EN", extra_field={"k": 1}),
        row(1, text="Different text."),
        row(2, text="Some text here."),  # same outlet and text as id 1
        row(3, outlet="wire"),  # same text, other outlet: syndication is kept
        {"id": "4", "outlet": "state"},
        row(5, text="   \n  "),
        row(6, date="2024-02-30"),
        {"id": 7, "outlet": "wire", "text": ["not", "text"]},
        row(8, date="2024-06-01T10:00:00Z", text="Fine."),
    ]
    result = run(rows, unreadable=[(11, "malformed_json", "Expecting value")])
    c = result.counts
    assert (c["read"], c["kept"], c["rejected"]) == (11, 3, 8)
    assert c["read"] == c["kept"] + c["rejected"]
    reasons = dict(zip(result.rejected["line"], result.rejected["reason"]))
    assert reasons == {2: "duplicate_row", 3: "duplicate_id", 4: "duplicate_text", 6: "missing_field",
                       7: "empty_text", 8: "invalid_date", 9: "invalid_field", 11: "malformed_json"}
    art = result.articles.set_index("id")
    assert art.loc["1", "lang"] == "en" and art.loc["1", "source_line"] == 1
    assert json.loads(art.loc["1", "extra_field"]) == {"k": 1}
    assert art.loc["8", "date"] == "2024-06-01"
    assert art.loc["3", "outlet"] == "wire"


def test_a_row_is_compared_with_kept_rows_only_in_any_batch_size():
    # By hand: line 2 reuses id 1 with other text (rejected, so its text is not "seen");
    # line 3 carries that text under id 2 and is kept; line 4 repeats it under id 3; line 5
    # repeats line 3 exactly; line 6 reuses id 2 (kept at line 3) with new text.
    rows = [row(1, text="T one."), row(1, text="U two."), row(2, text="U two."), row(3, text="U two."),
            row(2, text="U two."), row(2, text="V three."), row(4, outlet="wire", text="U two.")]
    expected = {2: ("duplicate_id", "id '1' already used by an earlier row with different text"),
                4: ("duplicate_text", "same outlet and text as article '2'"),
                5: ("duplicate_row", "same id and text as an earlier row"),
                6: ("duplicate_id", "id '2' already used by an earlier row with different text")}
    items = [(line, r, "", "") for line, r in enumerate(rows, start=1)]
    for size in range(1, len(items) + 1):
        for filters in (1 << 16, 1):  # a roomy filter, and one so full that every key "may" be seen
            stream = IngestStream(known_outlets=KNOWN, filter_capacity=filters, pending_limit=2)
            admitted = [a["id"] for lo in range(0, len(items), size) for a in stream.feed("c.jsonl", items[lo:lo + size])]
            rejected, counts = stream.finish()
            dropped = set(stream.dropped.tolist())
            assert [i for n, i in enumerate(admitted) if n not in dropped] == ["1", "2", "4"], size
            assert {r.line: (r.reason, r.detail) for r in rejected.itertuples()} == expected, size
            assert counts["read"] == counts["kept"] + counts["rejected"] == 7


def _sequential_duplicates(rows):
    """The rule by hand: each row against the rows kept before it, id first, then (outlet, text)."""
    kept_text_by_id, kept_id_by_text, kept, reasons = {}, {}, [], {}
    for line, r in enumerate(rows, start=1):
        if r["id"] in kept_text_by_id:
            reasons[line] = "duplicate_row" if kept_text_by_id[r["id"]] == r["text"] else "duplicate_id"
        elif (r["outlet"], r["text"]) in kept_id_by_text:
            reasons[line] = "duplicate_text"
        else:
            kept_text_by_id[r["id"]] = r["text"]
            kept_id_by_text[r["outlet"], r["text"]] = r["id"]
            kept.append(line)
    return kept, reasons


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.tuples(st.sampled_from("abcd"), st.sampled_from(KNOWN), st.sampled_from(["T one.", "U two.", "V three."])),
                     max_size=30),
       cuts=st.lists(st.integers(1, 8), min_size=1, max_size=10),
       capacity=st.sampled_from([1, 2, 1 << 16]), pending_limit=st.integers(1, 6))
# by hand: line 2 waits on its id (kept at line 1) and is rejected; line 3 waits on its text
# (held by line 2) and is kept; so line 4 must wait on its id, held by line 3, and be rejected
@example(rows=[("a", "state", "T one."), ("a", "state", "U two."), ("c", "state", "U two."), ("c", "state", "V three.")],
         cuts=[1, 3], capacity=1 << 16, pending_limit=6)
# line 2 waits on its text (kept at line 1) and is rejected; line 3 waits on its id (held by
# line 2) and is kept; so line 4 must wait on its text, held by line 3, and be rejected
@example(rows=[("a", "state", "T one."), ("b", "state", "T one."), ("b", "state", "U two."), ("c", "state", "U two.")],
         cuts=[1, 3], capacity=1 << 16, pending_limit=6)
def test_kept_rows_are_those_of_the_sequential_rule_whatever_the_batches_and_filters(rows, cuts, capacity, pending_limit):
    # Tiny filters answer "maybe seen" for almost every key: many rows wait and are decided
    # later, some mid-stream (pending_limit), some at finish; the outcome must not change.
    rows = [row(i, outlet=o, text=t) for i, o, t in rows]
    want_kept, want_reasons = _sequential_duplicates(rows)
    items = [(line, r, "", "") for line, r in enumerate(rows, start=1)]
    stream = IngestStream(known_outlets=KNOWN, filter_capacity=capacity, pending_limit=pending_limit)
    admitted, lo, k = [], 0, 0
    while lo < len(items):
        size = cuts[k % len(cuts)]
        admitted += stream.feed("c.jsonl", items[lo:lo + size])
        lo, k = lo + size, k + 1
    rejected, counts = stream.finish()
    dropped = set(stream.dropped.tolist())
    assert [a["source_line"] for n, a in enumerate(admitted) if n not in dropped] == want_kept
    assert dict(zip(rejected["line"], rejected["reason"])) == want_reasons
    assert counts["kept"] == len(want_kept) and counts["read"] == len(rows)
    # a duplicate_text row names the kept article it repeats
    for r in rejected.itertuples():
        if r.reason == "duplicate_text":
            same = [rows[n - 1]["id"] for n in want_kept
                    if (rows[n - 1]["outlet"], rows[n - 1]["text"]) == (rows[r.line - 1]["outlet"], rows[r.line - 1]["text"])]
            assert r.detail == f"same outlet and text as article {same[0]!r}"


def test_columns_and_types_come_from_kept_rows_only_when_rows_wait():
    # Line 2 waits (with a full filter its id "may" have been seen) and turns out a duplicate:
    # its columns "z" and "b" (text) must count for nothing; "b" of line 3 (a number) stays a number.
    rows = [row(1, a=1), row(1, b="text", z=1), row(2, text="Other.", b=2)]
    items = [(line, r, "", "") for line, r in enumerate(rows, start=1)]
    for capacity in (1, 1 << 16):
        stream = IngestStream(known_outlets=KNOWN, filter_capacity=capacity)
        admitted = [a for item in items for a in stream.feed("c.jsonl", [item])]
        stream.finish()
        assert len(admitted) == 3 and stream.dropped.tolist() == [1]  # one-row batches: line 2 waits
        kept = [a for n, a in enumerate(admitted) if n not in set(stream.dropped.tolist())]
        frame = stream.articles_frame(kept)
        assert "z" not in frame.columns and "a" in frame.columns, capacity
        assert frame.set_index("id")["b"].tolist()[1] == 2, capacity


def test_key_filter_has_no_false_negatives_and_few_false_positives():
    rng = np.random.default_rng(5)
    keys = rng.integers(0, 2**63, size=(50_000, 2), dtype=np.int64).astype(np.uint64)
    others = rng.integers(0, 2**63, size=(200_000, 2), dtype=np.int64).astype(np.uint64)
    filt = KeyFilter(first_capacity=1000, bits_per_key=16, hashes=11)
    for lo in range(0, len(keys), 7_000):  # batches across the growth of the arrays
        filt.add(keys[lo:lo + 7_000, 0], keys[lo:lo + 7_000, 1])
    assert filt.n_keys == len(keys)
    assert filt.maybe(keys[:, 0], keys[:, 1]).all()
    # Bloom's formula per array, (1 - exp(-k n / m))^k, summed over the arrays a key is tested against
    expected, n_left, capacity = 0.0, len(keys), 1000
    while n_left > 0:
        n, m = min(n_left, capacity), 8 * (1 << int(np.ceil(np.log2(capacity * 16 / 8))))
        expected += (1 - np.exp(-11 * n / m)) ** 11
        n_left, capacity = n_left - n, 2 * capacity
    rate = filt.maybe(others[:, 0], others[:, 1]).mean()
    assert rate <= 3 * expected + 20 / len(others)
    assert filt.nbytes <= 4 * 2 * len(keys)


def test_unknown_outlets_are_an_error_naming_them():
    rows = [row(1), row(2, outlet="ghost"), row(3, outlet="ghost"), row(4, outlet="Phantom")]
    with pytest.raises(CorpusError, match=r"'Phantom' \(1 row, first at c.jsonl line 4\); 'ghost' \(2 rows, first at c.jsonl line 2\)"):
        run(rows)


def test_boilerplate_removed_and_counted():
    text = "Fact-checking · DMCA · Report\nBody one.\n\nRelated: Other story\n\nBody two."
    result = run([row(1, text=text)], boilerplate_patterns=[r"Fact-checking · DMCA · Report", r"Related: .*"])
    art = result.articles.iloc[0]
    assert art["text"] == "Body one.\n\nBody two." and art["boilerplate_lines"] == 2


def test_only_boilerplate_is_empty_text():
    result = run([row(1, text="Share")], boilerplate_patterns=["Share"])
    assert result.rejected["reason"].tolist() == ["empty_text"] and result.counts["kept"] == 0


@pytest.mark.parametrize("value, expected", [
    ("2024-01-31", "2024-01-31"), ("2024-01-31T23:59:59+02:00", "2024-01-31"), ("", None), (None, None)])
def test_parse_date_accepts_iso(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["31/01/2024", "2024-13-01", "yesterday"])
def test_parse_date_rejects_others(value):
    with pytest.raises(ValueError):
        parse_date(value)


_EXTRA = st.one_of(st.none(), st.integers(-2**40, 2**40), st.floats(allow_nan=False, width=32), st.booleans(),
                   st.text(max_size=3), st.dictionaries(st.sampled_from("xy"), st.integers(0, 3), max_size=2))


@settings(max_examples=100, deadline=None)
@given(extras=st.lists(st.dictionaries(st.sampled_from(["p", "q", "r"]), _EXTRA, max_size=3), min_size=1, max_size=12),
       no_dates=st.booleans())
def test_articles_table_equals_the_pandas_route(extras, no_dates):
    # The CLI writes kept rows through articles_table (Arrow); the library through
    # articles_frame (pandas). Both must give the same table, whatever the extra fields.
    import pyarrow as pa

    rows = [{**row(i, text=f"Text {i}.", **({} if no_dates else {"date": "2024-05-01"})), **extra}
            for i, extra in enumerate(extras)]
    stream = IngestStream(known_outlets=KNOWN)
    kept = stream.feed("c.jsonl", [(line, r, "", "") for line, r in enumerate(rows, start=1)])
    stream.finish()
    schema = pa.Schema.from_pandas(stream.sample_frame(), preserve_index=False)
    want = pa.Table.from_pandas(stream.articles_frame(kept), schema=schema, preserve_index=False)
    core = pa.table({c: [a[c] for a in kept] for c in ("id", "outlet", "date", "title", "text", "url", "lang",
                                                        "source", "source_line", "boilerplate_lines",
                                                        "replaced_chars", "markup_removed")})
    got = stream.articles_table(core, [{k: v for k, v in a.items() if k in "pqr"} for a in kept], schema)
    assert got.equals(want.cast(schema))


@settings(max_examples=40, deadline=None)
@given(lengths=st.lists(st.integers(1, 400), min_size=1, max_size=120), n_ranges=st.integers(1, 12))
def test_key_splitters_cut_the_keys_into_ranges_of_about_equal_characters(lengths, n_ranges):
    # With every key in the sample (fewer rows than SAMPLE_SIZE) the cut is exact up to one
    # article: no range holds more than total / n_ranges + the longest article's characters.
    rows = [row(f"{i:04d}", outlet=KNOWN[i % 2], text=f"{i} " + "w" * n, title="t" * (i % 3))
            for i, n in enumerate(lengths)]
    stream = IngestStream(known_outlets=KNOWN)
    stream.feed("c.jsonl", [(line, r, "", "") for line, r in enumerate(rows, start=1)])
    stream.finish()
    sizes = {(r["outlet"], r["id"]): len(r["text"]) + len(r["title"]) for r in rows}
    assert stream.admitted_chars == sum(sizes.values())
    splitters = stream.key_splitters(n_ranges)
    assert len(splitters) == (n_ranges - 1 if n_ranges > 1 else 0) and splitters == sorted(splitters)
    ranges = [0] * n_ranges
    for key, size in sizes.items():
        ranges[bisect.bisect_right(splitters, key)] += size
    assert sum(ranges) == sum(sizes.values())
    assert max(ranges) <= sum(sizes.values()) / n_ranges + max(sizes.values())


def test_key_splitters_balance_characters_not_rows():
    # one outlet writes ten times longer articles: ranges of equal rows would hold most of the
    # text in the long outlet's ranges; ranges of equal characters do not
    rows = [row(f"{i:04d}", outlet="state", text=f"{i:03d} " + "w" * 996) for i in range(100)]
    rows += [row(f"w{i:04d}", outlet="wire", text=f"{i:03d} " + "w" * 96) for i in range(100)]
    stream = IngestStream(known_outlets=KNOWN)
    stream.feed("c.jsonl", [(line, r, "", "") for line, r in enumerate(rows, start=1)])
    splitters = stream.key_splitters(4)
    ranges = [0] * 4
    for r in rows:
        ranges[bisect.bisect_right(splitters, (r["outlet"], r["id"]))] += len(r["text"])
    total = 100 * 1000 + 100 * 100
    assert max(ranges) <= total / 4 + 1000
    by_rows = [0] * 4  # what cutting the sorted keys into equal row counts gives, for contrast
    for k, r in enumerate(sorted(rows, key=lambda r: (r["outlet"], r["id"]))):
        by_rows[k * 4 // len(rows)] += len(r["text"])
    assert max(by_rows) > total / 4 + 1000


def test_a_finished_stream_takes_no_more_rows():
    stream = IngestStream(known_outlets=KNOWN)
    stream.feed("c.jsonl", [(1, row(1), "", "")])
    stream.finish()  # its filters are freed: a later row could not be checked against the kept ones
    with pytest.raises(RuntimeError, match="feed after finish"):
        stream.feed("c.jsonl", [(2, row(2, text="Other text."), "", "")])
