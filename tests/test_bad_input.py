"""Bad corpus input: every kind either stops ingest with a message naming file/line and the fix,
or ends in the rejected table with its reason. Rows read = rows kept + rows rejected, always.

Each case writes its bytes into a temporary folder and runs the real ``framelens ingest``
subcommand (in process), then reads back what it wrote. The table in docs/bad_input.md lists
the same cases.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from framelens import io as fio
from framelens.cli import main

OUTLETS = ("outlet,name,group,country,language,color\n"
           "state,State Daily,state-aligned,CU,en,#E69F00\n"
           "wire,World Wire,international,INT,en,#56B4E9\n")


def jl(*rows: dict) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


def ok_row(i, text="Plain text about solidarity.", outlet="state", **extra) -> dict:
    return {"id": str(i), "outlet": outlet, "text": text, **extra}


class Run:
    """One in-process ``framelens ingest`` run on a file written by the test."""

    def __init__(self, tmp: Path, name: str, data: bytes, *args: str) -> None:
        (tmp / "outlets.csv").write_text(OUTLETS, encoding="utf-8")
        self.corpus = tmp / name
        self.corpus.write_bytes(data)
        self.out = tmp / "out"
        extra = [a for a in args if not a.startswith("-") and Path(a).is_file()]  # more corpus files
        args = tuple(a for a in args if a not in extra)
        self.rc = main(["ingest", "--corpus", str(self.corpus), *extra, "--outlets", str(tmp / "outlets.csv"),
                        "--articles", str(self.out / "articles.parquet"),
                        "--rejected", str(self.out / "rejected.csv"),
                        "--summary", str(self.out / "summary.json"), *args])

    def tables(self) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
        assert self.rc == 0
        articles = fio.read_parquet(self.out / "articles.parquet")
        rejected = pd.read_csv(self.out / "rejected.csv", dtype=str, keep_default_na=False)
        counts = json.loads((self.out / "summary.json").read_text())
        # The accounting invariant, checked on what was written to disk.
        assert counts["read"] == counts["kept"] + counts["rejected"]
        assert (len(articles), len(rejected)) == (counts["kept"], counts["rejected"])
        return articles, rejected, counts


def _dates(articles: pd.DataFrame) -> list[str | None]:
    return [d if isinstance(d, str) else None for d in articles["date"]]


def ingest_ok(tmp, name, data, *args, n_rows: int):
    """Run ingest, check the invariant and that every one of the file's ``n_rows`` rows was read."""
    articles, rejected, counts = Run(tmp, name, data, *args).tables()
    assert counts["read"] == n_rows
    return articles, rejected.set_index("line") if len(rejected) else rejected, counts


def ingest_fails(tmp, name, data, capsys, *args) -> str:
    run = Run(tmp, name, data, *args)
    err = capsys.readouterr().err
    assert run.rc == 2, err
    assert not (run.out / "articles.parquet").exists()  # nothing half-done is left
    return err


# --------------------------------------------------------------------------- JSON Lines
def test_malformed_json_lines_are_rejected_with_line_and_reason(tmp_path):
    data = (jl(ok_row(1)) + b'{"id": "2", "outlet": "state", "text": "cut off\n'
            + b'{"id": "3", "outlet": "state", "text": "trailing comma",}\n'
            + b'["a", "list"]\n' + b'"a string"\n' + b"\n" + jl(ok_row(7, "Last row.")))
    articles, rej, _ = ingest_ok(tmp_path, "c.jsonl", data, n_rows=6)
    assert articles["id"].tolist() == ["1", "7"]
    assert rej["reason"].to_dict() == {"2": "malformed_json", "3": "malformed_json",
                                       "4": "malformed_json", "5": "malformed_json"}
    assert "expected a JSON object, got list" in rej.loc["4", "detail"]
    assert (rej["source"] == str(tmp_path / "c.jsonl")).all()


def test_raw_control_characters_inside_json_strings_are_read_and_removed(tmp_path):
    data = b'{"id": "1", "outlet": "state", "text": "tab\there nul\x00 and bell\x07 end"}\n'
    data += jl(ok_row(2, "escaped \u0000 nul and \u001b escape"))
    articles, _, _ = ingest_ok(tmp_path, "c.jsonl", data, n_rows=2)
    texts = dict(zip(articles["id"], articles["text"]))
    assert texts == {"1": "tab here nul and bell end", "2": "escaped nul and escape"}


# --------------------------------------------------------------------------- CSV
def test_csv_embedded_newlines_and_quotes_are_kept_intact(tmp_path):
    data = ('id,outlet,text\n1,state,"First line, with comma\nsecond ""quoted"" line"\n'
            '2,wire,plain\n').encode()
    articles, rej, _ = ingest_ok(tmp_path, "c.csv", data, n_rows=2)
    assert dict(zip(articles["id"], articles["text"]))["1"] == 'First line, with comma\nsecond "quoted" line'
    assert len(rej) == 0


def test_csv_stray_quote_and_wrong_field_count_are_rejected_per_row(tmp_path):
    data = b'id,outlet,text\n1,state,"a"b"\n2,state,ok\n3,state,x,extra\n4,wire\n5,wire,fine\n'
    articles, rej, _ = ingest_ok(tmp_path, "c.csv", data, n_rows=5)
    assert articles["id"].tolist() == ["2", "5"]
    assert rej["reason"].to_dict() == {"2": "malformed_csv", "4": "malformed_csv", "5": "malformed_csv"}
    assert rej.loc["4", "detail"] == "4 fields where the header has 3"


def test_csv_unclosed_quote_stops_with_line_span_and_fix(tmp_path, capsys):
    data = b'id,outlet,text\n1,state,"never closed\n2,state,would vanish\n3,state,too\n'
    err = ingest_fails(tmp_path, "c.csv", data, capsys)
    assert "c.csv: line 2: a quoted field is never closed, so lines 2-4" in err
    assert 'written ""' in err


@pytest.mark.parametrize("sep, name", [(";", "semicolon"), ("\t", "tab"), ("|", "pipe")])
def test_csv_with_wrong_delimiter_names_the_delimiter(tmp_path, capsys, sep, name):
    data = f"id{sep}outlet{sep}text\n1{sep}state{sep}Hello\n".encode()
    err = ingest_fails(tmp_path, "c.csv", data, capsys)
    assert f"c.csv: CSV corpus header" in err and f"looks {name}-separated" in err
    assert "re-save it with commas" in err


# --------------------------------------------------------------------------- encodings
CP1252 = "Caf\u00e9 \u201csolidarity\u201d \u2013 na\u00efve".encode("cp1252")


def test_cp1252_jsonl_rows_are_rejected_under_strict(tmp_path):
    data = jl(ok_row(1)) + b'{"id": "2", "outlet": "state", "text": "' + CP1252 + b'"}\n'
    _, rej, counts = ingest_ok(tmp_path, "c.jsonl", data, n_rows=2)
    assert rej.loc["2", "reason"] == "invalid_encoding"
    assert "b'\\xe9' is not UTF-8" in rej.loc["2", "detail"]
    assert counts["replaced_chars"] == 0


def test_replace_policy_keeps_the_row_and_reports_replaced_characters(tmp_path, capsys):
    data = jl(ok_row(1)) + b'{"id": "2", "outlet": "state", "text": "' + CP1252 + b'"}\n'
    articles, rej, counts = ingest_ok(tmp_path, "c.jsonl", data, "--encoding-errors", "replace", n_rows=2)
    # five cp1252 bytes (é, two curly quotes, en dash, ï) are not UTF-8: five U+FFFD
    assert counts["replaced_chars"] == 5 and len(rej) == 0
    art = articles.set_index("id")
    assert art.loc["2", "replaced_chars"] == 5 and art.loc["2", "text"].count("\ufffd") == 5
    assert "replaced by U+FFFD: 5 character(s)" in capsys.readouterr().err


def test_latin1_csv_stops_under_strict_naming_file_line_and_fix(tmp_path, capsys):
    data = b"id,outlet,text\n1,state,ok\n2,state,Se\xf1or\n"
    err = ingest_fails(tmp_path, "c.csv", data, capsys)
    assert "c.csv: CSV corpus is not valid UTF-8 at line 3" in err
    assert "encoding_errors: replace" in err
    articles, _, counts = ingest_ok(tmp_path, "c.csv", data, "--encoding-errors", "replace", n_rows=2)
    assert counts["replaced_chars"] == 1 and "Se\ufffdor" in articles["text"].tolist()


@pytest.mark.parametrize("name, data", [
    ("c.jsonl", b"\xef\xbb\xbf" + jl(ok_row(1)) + b"\xef\xbb\xbf" + jl(ok_row(2, "Second file."))),
    ("c.csv", b"\xef\xbb\xbfid,outlet,text\n1,state,Plain.\n2,state,Second.\n"),
])
def test_utf8_bom_is_ignored(tmp_path, name, data):
    articles, rej, _ = ingest_ok(tmp_path, name, data, n_rows=2)
    assert articles["id"].tolist() == ["1", "2"] and len(rej) == 0


def test_nul_and_control_bytes_in_csv_are_removed(tmp_path):
    data = b"id,outlet,text\n1,state,nul\x00byte and \x01 \x1b controls\n"
    articles, _, _ = ingest_ok(tmp_path, "c.csv", data, n_rows=1)
    assert articles["text"].tolist() == ["nulbyte and controls"]


# --------------------------------------------------------------------------- fields
def test_empty_whitespace_and_missing_fields(tmp_path):
    data = jl(ok_row(1), ok_row(2, ""), ok_row(3, " \n\t \u00a0 \n"), {"outlet": "state", "text": "no id"},
              {"id": "5", "text": "no outlet"}, {"id": "6", "outlet": "state"},
              {"id": "", "outlet": "state", "text": "empty id"}, {"id": "8", "outlet": "state", "text": None},
              {"id": "9", "outlet": "state", "text": 42}, {"id": 10.5, "outlet": "state", "text": "float id"})
    articles, rej, _ = ingest_ok(tmp_path, "c.jsonl", data, n_rows=10)
    assert articles["id"].tolist() == ["1"]
    assert rej["reason"].to_dict() == {
        "2": "empty_text", "3": "empty_text", "4": "missing_field", "5": "missing_field",
        "6": "missing_field", "7": "missing_field", "8": "missing_field", "9": "invalid_field",
        "10": "invalid_field"}
    assert rej.loc["4", "detail"] == "required field 'id' is missing"
    assert rej.loc["5", "detail"] == "required field 'outlet' is missing"
    assert rej.loc["9", "detail"] == "field 'text' must be a string, got int"


def test_duplicate_ids_same_and_different_text(tmp_path):
    data = jl(ok_row(1, "Same text."), ok_row(1, "Same  text."), ok_row(1, "Different text."),
              ok_row(2, "Same text."), ok_row(3, "Same text.", outlet="wire"))
    articles, rej, _ = ingest_ok(tmp_path, "c.jsonl", data, n_rows=5)
    assert sorted(zip(articles["outlet"], articles["id"])) == [("state", "1"), ("wire", "3")]
    assert rej["reason"].to_dict() == {"2": "duplicate_row", "3": "duplicate_id", "4": "duplicate_text"}
    assert "id '1' already used" in rej.loc["3", "detail"]


def test_twenty_megabyte_article_is_rejected_with_its_length_and_the_setting(tmp_path):
    big = "word " * 4_000_000  # 20,000,000 characters
    data = jl(ok_row(1), ok_row(2, big), ok_row(3, "After the big one."))
    articles, rej, _ = ingest_ok(tmp_path, "c.jsonl", data, n_rows=3)
    assert articles["id"].tolist() == ["1", "3"]
    assert rej.loc["2", "reason"] == "text_too_long"
    assert "20,000,000 characters, over ingest.max_text_chars = 1,000,000" in rej.loc["2", "detail"]
    kept, _, _ = ingest_ok(tmp_path, "c.jsonl", data, "--max-text-chars", "30000000", n_rows=3)
    assert len(kept) == 3


def test_html_and_entities_inside_text_are_stripped_by_default(tmp_path):
    html = ('<div class="article"><p>Officials spoke of <b>solidarity</b> &amp; aid.</p>'
            '<script>var ad = "sanctions";</script><p>Second&nbsp;paragraph&#8217;s end.</p></div>')
    data = jl(ok_row(1, html, title="A &quot;title&quot;"), ok_row(2, "AT&amp;T and 3 < 4 > 2"))
    articles, _, counts = ingest_ok(tmp_path, "c.jsonl", data, n_rows=2)
    art = articles.set_index("id")
    assert art.loc["1", "text"] == "Officials spoke of solidarity & aid.\n\nSecond paragraph\u2019s end."
    assert art.loc["1", "title"] == 'A "title"'
    assert art.loc["2", "text"] == "AT&T and 3 < 4 > 2"
    assert art.loc["2", "markup_removed"] == 1 and counts["markup_removed"] == int(art["markup_removed"].sum())
    raw, _, _ = ingest_ok(tmp_path, "c.jsonl", data, "--markup", "keep", n_rows=2)
    assert "<script>" in raw.set_index("id").loc["1", "text"]


def test_dates_in_several_formats_and_impossible_dates(tmp_path):
    dates = ["2024-03-05", "2024-03-05T23:30:00-05:00", "2024/03/05", "Tue, 05 Mar 2024 10:00:00 +0000",
             "5 March 2024", "March 5, 2024", "", "2024-02-30", "2023-02-29", "05/03/2024", "yesterday",
             1709596800]
    data = jl(*[ok_row(i, f"Text number {i}.", date=d) for i, d in enumerate(dates, start=1)])
    articles, rej, _ = ingest_ok(tmp_path, "c.jsonl", data, n_rows=len(dates))
    kept = dict(zip(articles["id"], _dates(articles)))
    assert kept == {"1": "2024-03-05", "2": "2024-03-05", "3": "2024-03-05", "4": "2024-03-05",
                    "5": "2024-03-05", "6": "2024-03-05", "7": None}
    assert set(rej["reason"]) == {"invalid_date"} and sorted(rej.index, key=int) == ["8", "9", "10", "11", "12"]
    assert "not a real date" in rej.loc["9", "detail"]
    assert "does not guess whether it is day/month" in rej.loc["10", "detail"]
    assert "is a number" in rej.loc["12", "detail"]


def test_outlet_missing_from_the_sheet_stops_ingest_naming_it(tmp_path, capsys):
    data = jl(ok_row(1), ok_row(2, outlet="Granma Intl"), ok_row(3, outlet="Granma Intl"))
    err = ingest_fails(tmp_path, "c.jsonl", data, capsys)
    assert "'Granma Intl' (2 rows, first at" in err and "c.jsonl line 2)" in err
    assert "Add them to the outlets sheet" in err


@pytest.mark.parametrize("name, data", [("empty.jsonl", b""), ("blank.jsonl", b"\n \n\n"),
                                        ("header_only.csv", b"id,outlet,text\n"), ("empty.csv", b"")])
def test_empty_corpus_file_is_an_error_naming_it(tmp_path, capsys, name, data):
    err = ingest_fails(tmp_path, name, data, capsys)
    assert f"corpus file {tmp_path / name} is empty (no rows)" in err and "corpus.paths" in err


def test_corpus_where_every_row_is_rejected_stops_with_the_reasons(tmp_path, capsys):
    data = jl(ok_row(1, ""), {"id": "2", "outlet": "state"})
    err = ingest_fails(tmp_path, "c.jsonl", data, capsys)
    assert "no article left: all 2 rows were rejected {'empty_text': 1, 'missing_field': 1}" in err
    assert "c.jsonl:2: missing_field: required field 'text' is missing" in err


# --------------------------------------------------------------------------- Parquet
def test_parquet_with_wrong_column_types(tmp_path):
    # integer ids are read as text; a date32 column is a real date; a null text is missing
    table = pa.table({
        "id": pa.array([1, 2, 3], pa.int64()),
        "outlet": ["state", "wire", "wire"],
        "text": pa.array(["Fine text.", "Wire text.", None]),
        "date": pa.array([dt.date(2024, 1, 2), None, None], pa.date32()),
    })
    pq.write_table(table, tmp_path / "t.parquet")
    articles, rej, _ = ingest_ok(tmp_path, "c.parquet", (tmp_path / "t.parquet").read_bytes(), n_rows=3)
    assert dict(zip(articles["id"], _dates(articles))) == {"1": "2024-01-02", "2": None}
    assert rej["reason"].to_dict() == {"3": "missing_field"}


def test_parquet_list_text_float_ids_and_integer_dates_are_rejected_per_row(tmp_path):
    good = tmp_path / "good.jsonl"  # a second file with one valid row, so ingest keeps something
    good.write_bytes(jl(ok_row("ok", outlet="wire")))
    table = pa.table({"id": ["1", "2"], "outlet": ["state"] * 2,
                      "text": pa.array([["a", "list"], ["b"]])})  # list<string> instead of string
    pq.write_table(table, tmp_path / "t.parquet")
    articles, rej, _ = ingest_ok(tmp_path, "c.parquet", (tmp_path / "t.parquet").read_bytes(),
                                 str(good), n_rows=3)
    assert articles["id"].tolist() == ["ok"]
    assert set(rej["reason"]) == {"invalid_field"}
    assert rej.loc["1", "detail"].startswith("field 'text' must be a string, got ")

    table = pa.table({"id": pa.array([1.0, 2.5]), "outlet": ["state"] * 2, "text": ["One.", "Two."]})
    pq.write_table(table, tmp_path / "f.parquet")
    _, rej, _ = ingest_ok(tmp_path, "c.parquet", (tmp_path / "f.parquet").read_bytes(), str(good), n_rows=3)
    assert rej["reason"].to_dict() == {"1": "invalid_field", "2": "invalid_field"}
    assert rej.loc["1", "detail"] == "field 'id' must be a string, got float"

    table = pa.table({"id": ["1", "2"], "outlet": ["state"] * 2, "text": ["One.", "Two."],
                      "date": pa.array([1709596800, None], pa.int64())})
    pq.write_table(table, tmp_path / "g.parquet")
    articles, rej, _ = ingest_ok(tmp_path, "c.parquet", (tmp_path / "g.parquet").read_bytes(), n_rows=2)
    assert articles["id"].tolist() == ["2"] and rej.loc["1", "reason"] == "invalid_date"


def test_corrupt_parquet_names_the_file(tmp_path, capsys):
    err = ingest_fails(tmp_path, "c.parquet", b"PAR1 this is not really parquet", capsys)
    assert "c.parquet: not a readable Parquet file" in err


def test_accounting_holds_over_several_files(tmp_path):
    (tmp_path / "outlets.csv").write_text(OUTLETS, encoding="utf-8")
    a = tmp_path / "a.jsonl"
    a.write_bytes(jl(ok_row(1), ok_row(1)) + b"{oops\n")
    b = tmp_path / "b.csv"
    b.write_bytes(b"id,outlet,text\n2,wire,Wire text.\n3,wire,\n")
    out = tmp_path / "out"
    rc = main(["ingest", "--corpus", str(a), str(b), "--outlets", str(tmp_path / "outlets.csv"),
               "--articles", str(out / "a.parquet"), "--rejected", str(out / "r.csv"),
               "--summary", str(out / "s.json")])
    assert rc == 0
    counts = json.loads((out / "s.json").read_text())
    assert (counts["read"], counts["kept"], counts["rejected"]) == (5, 2, 3)
    rejected = pd.read_csv(out / "r.csv", dtype=str)
    assert sorted(zip(rejected["source"].str.rsplit("/", n=1).str[-1], rejected["line"])) == [
        ("a.jsonl", "2"), ("a.jsonl", "3"), ("b.csv", "3")]


def test_a_long_single_line_text_is_split_in_pieces_without_losing_sentences():
    # NLTK's Punkt regexes time out on one multi-megabyte line; framelens feeds long lines in
    # pieces cut at sentence ends, so a 400,000-character line still gives every sentence.
    from framelens.tokenize import sentence_splitter, split_sentences, train_punkt, train_punkt_by_language

    text = "The minister spoke at length. " * 8000 + "Officials met in Havana, Cuba. " * 5000
    assert len(text) > 300_000 and "\n" not in text
    train_punkt([text])  # learns from the pieces; no TimeoutError
    assert set(train_punkt_by_language([("en", text), (None, text)])) == {"en", "und"}
    sentences = split_sentences(text, sentence_splitter(None))  # untrained: splits at every ". T"
    assert len(sentences) == 13_000
    assert set(sentences) == {"The minister spoke at length.", "Officials met in Havana, Cuba."}


# --------------------------------------------------------------------------- saved HTML pages
def _page(title: str, body: str, charset: str = "utf-8") -> str:
    return (f'<html><head><meta charset="{charset}"><title>{title}</title></head><body>'
            f'<nav>Home · World · Sport</nav><article><h1>{title}</h1><p>{body}</p></article></body></html>')


BODY = ("Officials of both governments spoke again of solidarity between the sister countries, "
        "and of the blockade that, they said, has hurt trade for decades. ") * 3


def test_folder_of_pages_with_empty_garbage_and_misplaced_pages(tmp_path):
    pages = tmp_path / "pages"
    (pages / "state").mkdir(parents=True)
    (pages / "state" / "good.html").write_text(_page("Good page", BODY), encoding="utf-8")
    (pages / "state" / "cp1252.html").write_bytes(
        _page("Caf\u00e9 page", "\u201cSolidarity\u201d \u2013 " + BODY, "windows-1252").encode("cp1252"))
    (pages / "state" / "empty.html").write_bytes(b"")
    (pages / "state" / "garbage.html").write_bytes(bytes(range(256)) * 40)
    (pages / "state" / "menu.html").write_text(_page("Index", "Latest news"), encoding="utf-8")
    (pages / "orphan.html").write_text(_page("Orphan", BODY), encoding="utf-8")
    (tmp_path / "outlets.csv").write_text(OUTLETS, encoding="utf-8")
    out = tmp_path / "out"
    rc = main(["ingest", "--corpus", str(pages), "--outlets", str(tmp_path / "outlets.csv"),
               "--articles", str(out / "a.parquet"), "--rejected", str(out / "r.csv"),
               "--summary", str(out / "s.json")])
    assert rc == 0
    counts = json.loads((out / "s.json").read_text())
    articles = fio.read_parquet(out / "a.parquet")
    rejected = pd.read_csv(out / "r.csv", dtype=str, keep_default_na=False)
    assert counts["read"] == 6 == counts["kept"] + counts["rejected"]
    assert (len(articles), len(rejected)) == (counts["kept"], counts["rejected"])
    assert sorted(articles["id"]) == ["state/cp1252", "state/good"]
    text = dict(zip(articles["id"], articles["text"]))["state/cp1252"]
    assert text.startswith("\u201cSolidarity\u201d \u2013 Officials")  # the page's own charset was used
    reasons = dict(zip(rejected["source"].str.rsplit("/", n=1).str[-1], rejected["reason"]))
    assert reasons == {"empty.html": "no_article_text", "garbage.html": "no_article_text",
                       "menu.html": "no_article_text", "orphan.html": "no_outlet"}


def test_empty_folder_of_pages_is_an_error(tmp_path, capsys):
    (tmp_path / "pages").mkdir()
    (tmp_path / "outlets.csv").write_text(OUTLETS, encoding="utf-8")
    rc = main(["ingest", "--corpus", str(tmp_path / "pages"), "--outlets", str(tmp_path / "outlets.csv"),
               "--articles", str(tmp_path / "a.parquet"), "--rejected", str(tmp_path / "r.csv")])
    assert rc == 2
    assert f"HTML corpus folder {tmp_path / 'pages'} has no .html/.htm pages" in capsys.readouterr().err
