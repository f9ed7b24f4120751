"""End-to-end: the real Snakemake workflow on a tiny corpus in a temporary directory."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO, snakemake_bin, write_jsonl

pytestmark = pytest.mark.slow

LEXICON = textwrap.dedent("""\
    name: tiny
    version: "0.1"
    categories:
      sol: {description: solidarity, terms: [solidarity]}
      kin: {description: kinship, terms: [sister country]}
      sanc: {description: sanctions, terms: [sanction*, blockade]}
""")


def _project(tmp: Path) -> Path:
    (tmp / "data").mkdir()
    (tmp / "data" / "outlets.csv").write_text(
        "outlet,name,group,country,language,color\n"
        "state,State Daily,state-aligned,CU,en,#E69F00\n"
        "wire,World Wire,international,INT,en,#56B4E9\n", encoding="utf-8")
    s2 = {"id": "s2", "outlet": "state", "date": "2024-02-01",
          "text": "The blockade hurts. Solidarity and solidarity again."}
    corpus = write_jsonl(tmp / "data" / "tiny.jsonl", [
        {"id": "s1", "outlet": "state", "date": "2024-01-01",
         "text": "We stand in solidarity with the sister country."},
        s2, s2,
        {"id": "w1", "outlet": "wire", "date": "2024-01-02", "text": "Officials discussed sanctions on Monday."},
        {"id": "w2", "outlet": "wire", "text": "Trade talks ended without agreement.\nShare · Tweet · Email"},
    ])
    with corpus.open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    (tmp / "data" / "tiny.yaml").write_text(LEXICON, encoding="utf-8")
    config = tmp / "config.yaml"
    config.write_text(textwrap.dedent("""\
        corpus: {paths: [data/tiny.jsonl]}
        outlets: data/outlets.csv
        lexicons: {tiny: data/tiny.yaml}
        ingest: {boilerplate_patterns: ['^Share · Tweet · Email$']}
        compare: {n_resamples: 200, seed: 3}
    """), encoding="utf-8")
    return config


def _snakemake(tmp: Path, config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [snakemake_bin(), "-s", str(REPO / "Snakefile"), "-d", str(tmp), "--configfile", str(config),
           "--cores", "2", *args]
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)


def _planned_rules(output: str) -> set[str]:
    return set(re.findall(r"^(?:local)?rule (\w+):", output, flags=re.M)) - {"all"}


def test_workflow_end_to_end(tmp_path):
    config = _project(tmp_path)
    run = _snakemake(tmp_path, config)
    assert run.returncode == 0, run.stderr[-3000:]
    res = tmp_path / "results"

    rejected = pd.read_csv(res / "qc" / "rejected.csv")
    assert sorted(zip(rejected["line"], rejected["reason"])) == [(3, "duplicate_row"), (6, "malformed_json")]
    log = (res / "logs" / "ingest.log").read_text()
    assert "6 in / 4 kept / 2 rejected" in log

    table = pd.read_csv(res / "tables" / "tiny" / "outlet_scores.csv").set_index(["outlet", "category"])
    # s1: 8 tokens, 1 solidarity, 1 sister country; s2: 7 tokens, 2 solidarity, 1 blockade
    assert table.loc[("state", "sol"), "mean_rate"] == pytest.approx((1000 / 8 + 2000 / 7) / 2)
    assert table.loc[("state", "sol"), "pooled_rate"] == pytest.approx(3000 / 15)
    assert table.loc[("state", "kin"), "mean_rate"] == pytest.approx(1000 / 8 / 2)
    # w1: 5 tokens, 1 sanctions; w2: 5 tokens after the boilerplate line is removed
    assert table.loc[("wire", "sanc"), "mean_rate"] == pytest.approx(100.0)
    assert table.loc[("wire", "sanc"), "total_tokens"] == 10
    assert table.loc[("wire", "sanc"), "ci_low"] == 0.0 and table.loc[("wire", "sanc"), "ci_high"] == 200.0
    assert set(table["lexicon_version"].astype(str)) == {"0.1"}

    tokens = pd.read_parquet(res / "tokens" / "tokens.parquet").set_index("id")
    assert "share" not in list(tokens.loc["w2", "tokens"])

    for name in ("profile", "heatmap"):
        png = res / "figures" / "tiny" / f"{name}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        svg = (res / "figures" / "tiny" / f"{name}.svg").read_text()
        assert "<svg" in svg and "State Daily" in svg or "<svg" in svg

    # Editing only the lexicon reruns scoring and what follows, never ingest or tokenize.
    lexicon = tmp_path / "data" / "tiny.yaml"
    lexicon.write_text(LEXICON.replace("[solidarity]", "[solidarity, solidar*]"), encoding="utf-8")
    dry = _snakemake(tmp_path, config, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert _planned_rules(dry.stdout + dry.stderr) == {"score", "gather_scores", "compare", "plot_profile",
                                                       "plot_heatmap"}

    # A boilerplate change (a params change) reruns ingest and everything after it.
    config.write_text(config.read_text().replace("Email$'", "Email$', '^Advertisement$'"), encoding="utf-8")
    dry = _snakemake(tmp_path, config, "--dry-run")
    assert {"ingest", "tokenize", "score"} <= _planned_rules(dry.stdout + dry.stderr)

    report = _snakemake(tmp_path, config, "--report", str(tmp_path / "report.html"))
    assert report.returncode == 0, report.stderr[-3000:]
    html = (tmp_path / "report.html").read_text(encoding="utf-8", errors="replace")
    assert "profile.png" in html and "heatmap.png" in html


def test_bad_lexicon_stops_the_workflow_with_file_and_line(tmp_path):
    config = _project(tmp_path)
    (tmp_path / "data" / "tiny.yaml").write_text(LEXICON.replace("[solidarity]", "[solidarity, '*']"))
    run = _snakemake(tmp_path, config)
    assert run.returncode != 0
    log = (tmp_path / "results" / "logs" / "score" / "tiny" / "000.log").read_text()
    assert "data/tiny.yaml:4: error: category 'sol'" in log


def test_unknown_config_key_is_rejected(tmp_path):
    config = _project(tmp_path)
    config.write_text(config.read_text() + "compare_typo: 1\n")
    run = _snakemake(tmp_path, config, "--dry-run")
    assert run.returncode != 0
    assert "compare_typo" in run.stdout + run.stderr


def test_lint_has_only_the_conda_container_finding(tmp_path):
    config = _project(tmp_path)
    lint = _snakemake(tmp_path, config, "--lint")
    findings = re.findall(r"^\s+\* (.+?):?$", lint.stdout + lint.stderr, flags=re.M)
    assert findings, lint.stdout + lint.stderr
    assert set(findings) == {"Specify a conda environment or container for each rule."}
