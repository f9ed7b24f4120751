"""Shared fixtures: tiny literal corpora written for the tests, and paths."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# ../shared/corpora next to the checkout; FRAMELENS_SHARED_CORPORA overrides it (e.g. in a git worktree).
SHARED = Path(__import__("os").environ.get("FRAMELENS_SHARED_CORPORA", REPO.parent / "shared" / "corpora"))


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def outlets_csv(tmp_path: Path) -> Path:
    path = tmp_path / "outlets.csv"
    path.write_text(
        "outlet,name,group,country,language,color\n"
        "state,State Daily,state-aligned,CU,en,#E69F00\n"
        "wire,World Wire,international,INT,en,#56B4E9\n",
        encoding="utf-8",
    )
    return path


def snakemake_bin() -> str:
    exe = shutil.which("snakemake", path=str(Path(__import__("sys").executable).parent))
    if exe is None:  # pragma: no cover - the venv always has it
        pytest.skip("snakemake is not installed in this environment")
    return exe


def shared_corpus(name: str, filename: str) -> Path:
    path = SHARED / name / filename
    if not path.is_file():
        pytest.skip(f"{path} is absent (the ../shared corpora are only on the project's machines)")
    return path
