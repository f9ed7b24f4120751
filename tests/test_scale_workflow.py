"""End-to-end scale features: shard-count invariance, cluster execution, the SLURM profile."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO
from test_workflow import _project, _snakemake

pytestmark = pytest.mark.slow

GATHERED = [
    "results/tables/tiny/outlet_scores.csv",
    "results/scores/tiny/categories.parquet",
    "results/scores/tiny/terms.parquet",
    "results/scores/tiny/articles.parquet",
    "results/tokens/tokens.parquet",
]


def _run(tmp: Path, shards: int, *args: str, env: dict[str, str] | None = None) -> Path:
    tmp.mkdir()
    config = _project(tmp)
    config.write_text(config.read_text() + f"shards: {{count: {shards}, batch_rows: 2}}\n", encoding="utf-8")
    run = _snakemake(tmp, config, *args) if env is None else _snakemake_env(tmp, config, env, *args)
    assert run.returncode == 0, (run.stdout + run.stderr)[-4000:]
    return tmp


def _snakemake_env(tmp: Path, config: Path, env: dict[str, str], *args: str):
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        return _snakemake(tmp, config, *args)
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@pytest.fixture(scope="module")
def three_shards(tmp_path_factory) -> Path:
    """The test workflow run locally with 3 shards (shared by the tests of this module)."""
    return _run(tmp_path_factory.mktemp("scale") / "three", 3)


def test_shard_count_changes_no_result(tmp_path, three_shards):
    one = _run(tmp_path / "one", 1)
    three = three_shards
    assert len(list((three / "results" / "corpus" / "shards").glob("*.parquet"))) == 3
    for rel in GATHERED:
        assert (one / rel).read_bytes() == (three / rel).read_bytes(), rel
    # and the result is the hand-checked one of test_workflow (s1: 8 tokens, 1 solidarity)
    table = pd.read_csv(three / GATHERED[0]).set_index(["outlet", "category"])
    assert table.loc[("wire", "sanc"), "total_tokens"] == 10


def test_cluster_generic_executor_gives_the_local_results(tmp_path, three_shards):
    scripts = REPO / "workflow" / "profiles" / "local-cluster"
    local = three_shards
    state = tmp_path / "cluster-state"
    cluster = _run(
        tmp_path / "cluster", 3,
        "--executor", "cluster-generic",
        "--cluster-generic-submit-cmd", str(scripts / "submit.sh"),
        "--cluster-generic-status-cmd", str(scripts / "status.sh"),
        "--cluster-generic-cancel-cmd", str(scripts / "cancel.sh"),
        "--jobs", "4", "--seconds-between-status-checks", "1", "--latency-wait", "10",
        env={"FRAMELENS_CLUSTER_DIR": str(state)},
    )
    # every job really went through the submit script, as its own process
    ids = sorted(p.stem for p in state.glob("*.rc"))
    assert len(ids) >= 14, ids  # ingest, shard, punkt, 3 tokenize, 3 score, 4 gathers, compare, 2 plots
    assert {(state / f"{i}.rc").read_text().strip() for i in ids} == {"0"}
    assert len({(state / f"{i}.pid").read_text() for i in ids}) == len(ids)
    for rel in GATHERED:
        assert (local / rel).read_bytes() == (cluster / rel).read_bytes(), rel


def test_slurm_profile_dry_runs(tmp_path):
    if shutil.which("sbatch"):
        pytest.skip("a real SLURM is present; do not risk submitting from a test")
    tmp_path.mkdir(exist_ok=True)
    config = _project(tmp_path)
    dry = _snakemake(tmp_path, config, "--workflow-profile", str(REPO / "workflow" / "profiles" / "slurm"),
                     "--dry-run")
    assert dry.returncode == 0, (dry.stdout + dry.stderr)[-3000:]
    assert "score" in dry.stdout + dry.stderr
