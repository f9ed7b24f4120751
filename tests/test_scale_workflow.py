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
]
# The frame classifier (disabled in the tiny project: its distinctiveness step needs more
# articles) is applied per shard too; these targets run training, application and gathering.
CLASSIFY = ["results/classify/frame_articles.parquet", "results/classify/frame_shares.csv"]
ANNOTATIONS = "".join(
    f"a{i},We stand in solidarity with our friends {i}.,sol\n"
    f"b{i},New sanctions and a blockade were announced {i}.,sanc\n"
    f"k{i},Cuba is a sister country of ours {i}.,kin\n"
    f"c{i},The weather report for day {i} says rain.,none\n" for i in range(12))


def _tables(root: Path) -> list[str]:
    """Every result table (CSV, Parquet; the files of a table in parts) that does not depend on the shard
    count by design (the shards, their band keys and their token indexes do)."""
    res = root / "results"
    per_shard = {"shards", "band_keys", "index"}
    return sorted(str(p.relative_to(root)) for p in res.rglob("*")
                  if p.is_file() and p.suffix in (".csv", ".parquet") and not per_shard & set(p.parts)
                  and not {"logs", "benchmarks"} & set(p.parts))


def _run(tmp: Path, shards: int, *args: str, env: dict[str, str] | None = None) -> Path:
    tmp.mkdir()
    config = _project(tmp)
    (tmp / "data" / "frames.csv").write_text("id,text,labels\n" + ANNOTATIONS, encoding="utf-8")
    config.write_text(config.read_text() + f"shards: {{count: {shards}, batch_rows: 2}}\n"
                      "classifier: {enabled: false, annotations: data/frames.csv, lexicon: tiny, folds: 2, "
                      "n_resamples: 100}\n", encoding="utf-8")
    args = (*args, "all", *CLASSIFY)
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
    assert len(list((three / "results" / "corpus" / "band_keys").glob("*.parquet"))) == 3
    tables = _tables(three)
    assert _tables(one) == tables
    # every table: scores, compare, keyness, tone, summary, coverage, target windows, KWIC and
    # validation samples, term contributions, classifier (per-shard application, gathered)
    for rel in GATHERED + CLASSIFY + [
            "results/kwic/tiny/kwic_sample.csv", "results/validation/tiny/coding_sheet.csv",
            "results/tables/keyness_words.csv", "results/tables/tone.csv", "results/tone/articles.parquet",
            "results/tables/corpus_summary.csv", "results/tables/tiny/language_coverage.csv",
            "results/tables/tiny/term_contributions.csv", "results/scores/tiny-near-kin/categories.parquet",
            "results/tables/tiny-near-kin/outlet_scores.csv"]:
        assert rel in tables, rel
    for rel in tables:
        assert (one / rel).read_bytes() == (three / rel).read_bytes(), rel
    assert not (three / "results" / "tokens" / "tokens.parquet").exists()  # shards.gather_tokens: false
    # and the result is the hand-checked one of test_workflow (s1: 8 tokens, 1 solidarity)
    table = pd.read_csv(three / GATHERED[0]).set_index(["outlet", "category"])
    assert table.loc[("wire", "sanc"), "total_tokens"] == 10
    frames = pd.read_parquet(three / CLASSIFY[0])
    assert sorted(frames["id"].unique()) == ["s1", "s2", "w1", "w2"]


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
    assert len(ids) >= 17, ids  # ingest, shard, punkt, 3 tokenize, 3 index, 3 score, 4 gathers, compare, 2 plots
    assert {(state / f"{i}.rc").read_text().strip() for i in ids} == {"0"}
    assert len({(state / f"{i}.pid").read_text() for i in ids}) == len(ids)
    for rel in _tables(local):
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
