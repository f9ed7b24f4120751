import json

import pandas as pd
import pytest

from framelens.cli import main
from conftest import write_jsonl


def test_ingest_cli_prints_counts_and_writes_outputs(tmp_path, outlets_csv, capsys):
    corpus = write_jsonl(tmp_path / "c.jsonl", [
        {"id": "1", "outlet": "state", "text": "Solidarity."},
        {"id": "2", "outlet": "wire", "text": ""},
    ])
    rc = main(["ingest", "--corpus", str(corpus), "--outlets", str(outlets_csv),
               "--articles", str(tmp_path / "a.parquet"), "--rejected", str(tmp_path / "r.csv"),
               "--summary", str(tmp_path / "s.json")])
    assert rc == 0
    assert "2 in / 1 kept / 1 rejected" in capsys.readouterr().err
    assert json.loads((tmp_path / "s.json").read_text())["rejected_empty_text"] == 1
    assert pd.read_parquet(tmp_path / "a.parquet")["id"].tolist() == ["1"]


def test_cli_reports_framelens_errors_with_exit_2(tmp_path, outlets_csv, capsys):
    corpus = write_jsonl(tmp_path / "c.jsonl", [{"id": "1", "outlet": "nowhere", "text": "x"}])
    rc = main(["ingest", "--corpus", str(corpus), "--outlets", str(outlets_csv),
               "--articles", str(tmp_path / "a.parquet"), "--rejected", str(tmp_path / "r.csv")])
    assert rc == 2
    assert "not in the outlets sheet: 'nowhere'" in capsys.readouterr().err
    assert not (tmp_path / "a.parquet").exists()


def test_lexicon_check_exit_codes(tmp_path, capsys):
    good = tmp_path / "good.yaml"
    good.write_text("categories:\n  a: [one, two]\n  b: [two]\n")
    assert main(["lexicon", "check", str(good)]) == 0
    out = capsys.readouterr().out
    assert "warning" in out and "2 categories, 3 entries, 0 error(s), 2 warning(s)" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text("categories:\n  a: [one, 'o*ne']\n")
    assert main(["lexicon", "check", str(bad)]) == 1
    assert f"{bad}:2: error" in capsys.readouterr().out


def test_help_for_every_subcommand(capsys):
    for cmd in (["ingest"], ["tokenize"], ["score"], ["compare"], ["coverage"], ["plot"], ["lexicon", "check"]):
        with pytest.raises(SystemExit) as exc:
            main([*cmd, "--help"])
        assert exc.value.code == 0
    assert "usage: framelens" in capsys.readouterr().out
