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
from conftest import REPO, probe_report, snakemake_bin, write_jsonl

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
        target_windows: {enabled: true, window: 2, targets: {kin: [sister]}}
        validation: {enabled: true, per_cell: 2, sheets: {tiny: data/tiny_sheet.csv}}
    """), encoding="utf-8")
    (tmp / "data" / "tiny_sheet.csv").write_text(
        "item,id,outlet,category,entry,relevant\n1,s1,state,sol,solidarity,1\n2,s2,state,sol,solidarity,0\n"
        "3,s2,state,sol,solidarity,1\n4,w1,wire,sanc,sanction*,1\n", encoding="utf-8")
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

    diffs = pd.read_csv(res / "tables" / "tiny" / "differences.csv")
    pair = diffs[(diffs["level"] == "outlet") & (diffs["category"] == "sol")].iloc[0]
    assert (pair["a"], pair["b"]) == ("state", "wire")
    assert pair["difference"] == pytest.approx((1000 / 8 + 2000 / 7) / 2)
    assert 0 <= pair["p_value"] <= 1 and pair["q_value"] >= pair["p_value"]
    summary = pd.read_csv(res / "tables" / "corpus_summary.csv").set_index("outlet")
    assert summary.loc["state", "n_articles"] == 2 and summary.loc["total", "n_tokens"] == 25
    assert "State Daily" in (res / "report" / "summary.rst").read_text()

    # no gathered tokens table by default (shards.gather_tokens: false): read the shard files
    assert not (res / "tokens" / "tokens.parquet").exists()
    tokens = pd.concat([pd.read_parquet(p) for p in sorted((res / "tokens" / "shards").glob("*.parquet"))])
    tokens = tokens.set_index("id")
    assert "share" not in list(tokens.loc["w2", "tokens"])
    # no article has a lang: all under "und". State: s1 solidarity + sister country (3 tokens),
    # s2 blockade + solidarity x2 (3 tokens): 6 of 15 tokens matched
    coverage = pd.read_csv(res / "tables" / "tiny" / "language_coverage.csv").set_index("outlet")
    assert set(coverage["lang"]) == {"und"}
    assert coverage.loc["state", "matched_tokens"] == 6 and coverage.loc["state", "n_tokens"] == 15

    for name in ("profile", "heatmap"):
        png = res / "figures" / "tiny" / f"{name}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        svg = (res / "figures" / "tiny" / f"{name}.svg").read_text()
        assert "<svg" in svg and "State Daily" in svg or "<svg" in svg

    # Lexicon toolkit outputs (issue 3), each recording the lexicon's content hash
    sha = __import__("hashlib").sha256((tmp_path / "data" / "tiny.yaml").read_bytes()).hexdigest()
    kwic = pd.read_csv(res / "kwic" / "tiny" / "kwic_sample.csv")
    assert sorted(zip(kwic["id"], kwic["match"])) == [
        ("s1", "sister country"), ("s1", "solidarity"), ("s2", "blockade"), ("s2", "solidarity"),
        ("s2", "solidarity"), ("w1", "sanctions")]
    assert set(kwic["lexicon_sha256"]) == {sha}
    contrib = pd.read_csv(res / "tables" / "tiny" / "term_contributions.csv").set_index(["outlet", "category", "entry"])
    assert contrib.loc[("state", "sol", "solidarity"), ["n", "share"]].tolist() == [3, 1.0]
    assert (res / "figures" / "tiny" / "term_contributions.png").read_bytes()[:4] == b"\x89PNG"
    near = pd.read_csv(res / "tables" / "tiny-near-kin" / "outlet_scores.csv").set_index(["outlet", "category"])
    # only s1 mentions "sister": window 2 around tokens 6-7 -> "with the sister country" (4 tokens), 1 kin hit
    assert near.loc[("state", "kin"), ["n_articles", "total_tokens", "total_count"]].tolist() == [1, 4, 1]
    assert set(near.reset_index()["outlet"]) == {"state"} and set(near["lexicon_sha256"]) == {sha}
    sheet = pd.read_csv(res / "validation" / "tiny" / "coding_sheet.csv")
    assert len(sheet) == 5 and sheet["relevant"].isna().all()  # sol×state 2, kin×state 1, sanc×state 1, sanc×wire 1
    prec = pd.read_csv(res / "tables" / "tiny" / "outlet_scores_precision.csv").set_index(["outlet", "category"])
    assert prec.loc[("state", "sol"), "precision"] == pytest.approx(2 / 3)
    assert prec.loc[("state", "sol"), "precision_n"] == 3 and pd.isna(prec.loc[("state", "kin"), "precision"])

    # Editing only the lexicon reruns scoring and what follows, never ingest or tokenize.
    lexicon = tmp_path / "data" / "tiny.yaml"
    lexicon.write_text(LEXICON.replace("[solidarity]", "[solidarity, solidar*]"), encoding="utf-8")
    dry = _snakemake(tmp_path, config, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert _planned_rules(dry.stdout + dry.stderr) == {
        "score", "gather_scores", "compare", "differences", "plot_profile", "plot_heatmap", "language_coverage",
        # comparisons (issue 5)
        "plot_forest", "keyness_entries", "trends", "plot_trends", "summary",
        # lexicon toolkit (issue 3): everything that reads the lexicon or the scores
        "score_near", "kwic_sample", "contributions", "plot_contributions", "validation_sample", "validation_score"}

    # A boilerplate change (a params change) reruns ingest and everything after it.
    config.write_text(config.read_text().replace("Email$'", "Email$', '^Advertisement$'"), encoding="utf-8")
    dry = _snakemake(tmp_path, config, "--dry-run")
    assert {"ingest", "tokenize", "index", "score"} <= _planned_rules(dry.stdout + dry.stderr)

    report = _snakemake(tmp_path, config, "--report", str(tmp_path / "report.html"))
    assert report.returncode == 0, report.stderr[-3000:]
    html = (tmp_path / "report.html").read_text(encoding="utf-8", errors="replace")
    assert "profile.png" in html and "heatmap.png" in html
    # the front page states the corpus size per outlet and the lexicon hash
    assert "State Daily" in html and "World Wire" in html and "<table" in html

    # The report opens in a real browser and every figure in it decodes.
    line, shot = probe_report(tmp_path / "report.html", tmp_path, show="forest_outlet.png")
    match = re.search(r"images=(\d+) loaded=(\d+) failed=(\S*)", line)
    assert match, line
    n_images, loaded, failed = int(match[1]), int(match[2]), match[3]
    assert n_images >= 8 and loaded == n_images and failed == "", line
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_bad_lexicon_stops_the_workflow_with_file_and_line(tmp_path):
    config = _project(tmp_path)
    (tmp_path / "data" / "tiny.yaml").write_text(LEXICON.replace("[solidarity]", "[solidarity, '*']"))
    run = _snakemake(tmp_path, config)
    assert run.returncode != 0
    # Every step that reads the lexicon (score, score_near, kwic_sample) stops with the same
    # message; which one fails first depends on scheduling, so look in all their logs.
    logs = "\n".join(p.read_text() for p in (tmp_path / "results" / "logs").rglob("*.log"))
    assert "data/tiny.yaml:4: error: category 'sol'" in logs


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
