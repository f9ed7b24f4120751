import json

import pytest

from framelens.errors import CorpusError
from framelens.ingest import Source, ingest, parse_date

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
