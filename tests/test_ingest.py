import json
import random

import numpy as np
import pytest

from framelens.errors import CorpusError
from framelens.ingest import DigestIndex, IngestStream, Source, ingest, parse_date

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
        stream = IngestStream(known_outlets=KNOWN)
        kept = [a["id"] for lo in range(0, len(items), size) for a in stream.feed("c.jsonl", items[lo:lo + size])]
        rejected, counts = stream.finish()
        assert kept == ["1", "2", "4"], size
        assert {r.line: (r.reason, r.detail) for r in rejected.itertuples()} == expected, size
        assert counts["read"] == counts["kept"] + counts["rejected"] == 7


def test_digest_index_answers_like_a_dict():
    rng = random.Random(7)
    index, reference = DigestIndex(), {}
    shared_half = bytes(8)  # keys whose first 8 bytes are equal must still be told apart
    value = 0
    for batch in range(40):
        keys = [(shared_half if rng.random() < 0.2 else rng.randbytes(8)) + rng.randbytes(8)
                for _ in range(rng.randint(0, 30))]
        keys = list(dict.fromkeys(k for k in keys if k not in reference))
        probes = keys + rng.sample(sorted(reference), min(len(reference), 10)) + [rng.randbytes(16)]
        got = index.lookup(probes).tolist()
        assert got == [reference.get(k, -1) for k in probes], batch
        values = np.arange(value, value + len(keys))
        index.insert(keys, values)
        reference.update(zip(keys, values.tolist()))
        value += len(keys)
    assert len(index) == len(reference) > 400
    assert index.lookup(list(reference)).tolist() == list(reference.values())


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
