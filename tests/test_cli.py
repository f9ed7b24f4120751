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


def _scores_on_disk(tmp_path, outlets_csv):
    from framelens.io import write_parquet

    cats = pd.DataFrame({"id": ["a", "b", "c", "d"], "outlet": ["state", "state", "wire", "wire"],
                         "category": "sol", "count": [2, 1, 0, 1], "rate": [20.0, 10.0, 0.0, 5.0]})
    write_parquet(cats, tmp_path / "cats.parquet", metadata={"lexicon": "tiny", "lexicon_version": "0.1",
                                                             "lexicon_sha256": "ab" * 32})
    write_parquet(pd.DataFrame({"id": list("abcd"), "n_tokens": [100, 100, 100, 200]}), tmp_path / "arts.parquet")
    write_parquet(pd.DataFrame({"id": list("abcd"), "event_id": ["e1", "e2", "e1", "e2"]}),
                  tmp_path / "corpus.parquet")
    return ["compare", "--categories", str(tmp_path / "cats.parquet"), "--article-scores",
            str(tmp_path / "arts.parquet"), "--outlets", str(outlets_csv), "--corpus", str(tmp_path / "corpus.parquet"),
            "--n-resamples", "300", "--n-permutations", "300", "--seed", "5", "--reference-group", "international"]


def test_compare_is_byte_identical_across_runs(tmp_path, outlets_csv):
    base = _scores_on_disk(tmp_path, outlets_csv)
    outputs = []
    for run in ("one", "two"):
        out = {k: tmp_path / f"{k}_{run}.csv" for k in ("scores", "groups", "diffs", "length", "warn")}
        assert main([*base, "--event-column", "event_id", "--out", str(out["scores"]), "--groups-out",
                     str(out["groups"]), "--differences-out", str(out["diffs"]), "--length-out",
                     str(out["length"]), "--warnings-out", str(out["warn"])]) == 0
        outputs.append({k: p.read_bytes() for k, p in out.items()})
    assert outputs[0] == outputs[1]
    diffs = pd.read_csv(tmp_path / "diffs_one.csv")
    assert set(diffs["lexicon_sha256"]) == {"ab" * 32}
    assert set(diffs["comparison"]) == {"pairwise", "vs_reference"}


def test_compare_names_a_missing_event_column(tmp_path, outlets_csv, capsys):
    base = _scores_on_disk(tmp_path, outlets_csv)
    assert main([*base, "--event-column", "story", "--out", str(tmp_path / "x.csv")]) == 2
    err = capsys.readouterr().err
    assert "event column 'story' is not in the corpus" in err and "event_id" in err


def test_help_for_new_subcommands(capsys):
    for cmd in (["keyness"], ["trends"], ["tone"], ["summary"]):
        with pytest.raises(SystemExit) as exc:
            main([*cmd, "--help"])
        assert exc.value.code == 0
