"""Integration: the full workflow on BASIL (same 100 events in three US outlets), config/basil.yaml.

Skipped where ../shared/corpora is absent. Resample counts are lowered to keep
the run to a couple of minutes; everything else is the shipped config.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import REPO, shared_corpus, snakemake_bin

pytestmark = [pytest.mark.slow, pytest.mark.integration]


def test_basil_workflow_produces_the_full_figure_set(tmp_path):
    corpus = shared_corpus("basil", "basil.jsonl")
    config = yaml.safe_load((REPO / "config" / "basil.yaml").read_text(encoding="utf-8"))
    config["corpus"]["paths"] = [str(corpus)]
    config["outlets"] = str(REPO / config["outlets"])
    config["lexicons"] = {k: str(REPO / v) for k, v in config["lexicons"].items()}
    config["keyness"]["stopwords"] = str(REPO / config["keyness"]["stopwords"])
    config["compare"].update(n_resamples=500, n_permutations=500)
    config["trends"]["n_resamples"] = 200
    path = tmp_path / "basil.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    run = subprocess.run([snakemake_bin(), "-s", str(REPO / "Snakefile"), "-d", str(tmp_path),
                          "--configfile", str(path), "--cores", "2"],
                         capture_output=True, text=True, check=False, env=env)
    assert run.returncode == 0, run.stderr[-3000:]
    res = tmp_path / "results"
    figures = {p.relative_to(res / "figures").as_posix() for p in (res / "figures").rglob("*.png")}
    assert figures >= {
        "us_politics/profile.png", "us_politics/heatmap.png", "us_politics/forest_outlet.png",
        "us_politics/forest_group.png", "us_politics/trends.png", "tone.png",
        "keyness/conservative_vs_liberal.png", "keyness/conservative_vs_rest.png",
        "keyness/liberal_vs_rest.png", "keyness/mainstream_vs_rest.png",
    }  # later stages may add their own figures (e.g. term contributions)
    assert all((res / "figures" / f).with_suffix(".svg").is_file() for f in figures)
    scores = pd.read_csv(res / "tables" / "us_politics" / "outlet_scores.csv")
    assert set(scores["n_articles"]) == {100}
    assert set(scores["n_clusters"]) == {100}  # one article per outlet per event
    diffs = pd.read_csv(res / "tables" / "us_politics" / "differences.csv")
    ref = diffs[(diffs["comparison"] == "vs_reference") & (diffs["level"] == "outlet")]
    assert set(ref["a"]) == {"Fox News", "HuffPost"} and set(ref["b"]) == {"mainstream"}
    trends = pd.read_csv(res / "tables" / "us_politics" / "trends.csv")
    assert sorted(set(trends["period"].astype(str))) == [str(y) for y in range(2010, 2020)]
    top = pd.read_csv(res / "tables" / "keyness_words_top.csv")
    assert {"conservative_vs_liberal"} <= set(top["comparison"])
