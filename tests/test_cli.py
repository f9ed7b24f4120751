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
    for cmd in (["ingest"], ["tokenize"], ["score"], ["compare"], ["plot"], ["lexicon", "check"]):
        with pytest.raises(SystemExit) as exc:
            main([*cmd, "--help"])
        assert exc.value.code == 0
    assert "usage: framelens" in capsys.readouterr().out


def test_shard_punkt_tokenize_score_gather_cli(tmp_path, outlets_csv, capsys):
    corpus = write_jsonl(tmp_path / "c.jsonl", [
        {"id": f"s{i}", "outlet": "state" if i % 2 else "wire", "title": "Dr. Ana spoke",
         "text": f"Sanctions hurt {i}. We stand in solidarity."} for i in range(7)])
    arts = tmp_path / "a.parquet"
    assert main(["ingest", "--corpus", str(corpus), "--outlets", str(outlets_csv), "--articles", str(arts),
                 "--rejected", str(tmp_path / "r.csv")]) == 0
    shards = [str(tmp_path / f"{i}.parquet") for i in range(3)]
    assert main(["shard", "--articles", str(arts), "--batch-rows", "2", "--out", *shards]) == 0
    assert "7 articles into 3 shards" in capsys.readouterr().err
    assert sum(len(pd.read_parquet(s)) for s in shards) == 7
    punkt = tmp_path / "punkt.json"
    assert main(["punkt", "--articles", str(arts), "--max-articles", "3", "--out", str(punkt)]) == 0
    assert "trained on 3 articles" in capsys.readouterr().err
    tok = [str(tmp_path / f"t{i}.parquet") for i in range(3)]
    for s, t in zip(shards, tok):
        assert main(["tokenize", "--articles", s, "--punkt-params", str(punkt), "--batch-rows", "2",
                     "--tokens", t]) == 0
    lex = tmp_path / "lex.yaml"
    lex.write_text("categories:\n  sanc: [sanction*]\n  sol: [solidarity]\n")
    cats = []
    for i, s in enumerate(shards):
        cats.append(str(tmp_path / f"c{i}.parquet"))
        assert main(["score", "--articles", s, "--lexicon", str(lex), "--categories", cats[-1],
                     "--terms", str(tmp_path / f"te{i}.parquet"),
                     "--article-scores", str(tmp_path / f"ar{i}.parquet")]) == 0
    assert main(["gather", "--inputs", *tok, "--out", str(tmp_path / "tokens.parquet")]) == 0
    assert main(["gather", "--inputs", *cats, "--out", str(tmp_path / "cats.parquet")]) == 0
    tokens = pd.read_parquet(tmp_path / "tokens.parquet")
    assert tokens["id"].tolist() == ["s1", "s3", "s5", "s0", "s2", "s4", "s6"]  # outlet, then id
    assert tokens["sentences"].iloc[0].tolist()[0] == "Dr. Ana spoke"
    cats = pd.read_parquet(tmp_path / "cats.parquet")
    assert cats["count"].tolist() == [1, 1] * 7 and cats["category"].tolist()[:2] == ["sanc", "sol"]
