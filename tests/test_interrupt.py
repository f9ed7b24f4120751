"""Interrupted writes: a process killed with SIGKILL while writing never leaves half a file.

Every framelens writer goes through ``io.atomic_path`` (temporary file in the same folder, then
``os.replace``). Here a child process rewrites a large Parquet table and a CSV table in a loop,
each generation internally consistent, and is killed at several moments; whatever is on disk
must then be a whole, readable table of exactly one generation. The workflow-level version
(SIGKILL of Snakemake, rerun, outputs equal a clean run's) is in test_determinism.py.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pandas as pd
import pytest

from framelens import io as fio

WRITER = textwrap.dedent("""\
    import sys
    import pandas as pd
    from framelens import io as fio
    out = sys.argv[1]
    n = 400_000
    generation = 0
    while True:
        frame = pd.DataFrame({"g": [generation] * n, "text": [f"row {i} of generation {generation}" for i in range(n)]})
        fio.write_parquet(frame, out + "/t.parquet", metadata={"generation": str(generation)})
        fio.write_csv(frame.head(50_000), out + "/t.csv")
        print(generation, flush=True)
        generation += 1
""")


@pytest.mark.parametrize("delay", [0.0, 0.15, 0.4])
def test_sigkill_during_writes_leaves_whole_files_only(tmp_path, delay):
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()  # one full generation is on disk
        assert first.strip() == "0", first
        time.sleep(delay)  # then kill at some point of a later write
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    table = fio.read_parquet(tmp_path / "t.parquet")
    assert len(table) == 400_000 and table["g"].nunique() == 1
    assert fio.parquet_metadata(tmp_path / "t.parquet")["generation"] == str(table["g"].iloc[0])
    csv = pd.read_csv(tmp_path / "t.csv")
    assert len(csv) == 50_000 and csv["g"].nunique() == 1
    # A killed write may leave its hidden temporary file; the next write of that target removes it.
    fio.write_csv(csv, tmp_path / "t.csv")
    fio.write_parquet(table, tmp_path / "t.parquet")
    assert sorted(os.listdir(tmp_path)) == ["t.csv", "t.parquet"]


def test_atomic_path_removes_only_its_own_stale_temporary_files(tmp_path):
    (tmp_path / ".out.csv.abc123.tmp").write_text("half")
    (tmp_path / ".other.csv.abc123.tmp").write_text("another target's")
    fio.write_text("done", tmp_path / "out.csv")
    assert sorted(os.listdir(tmp_path)) == [".other.csv.abc123.tmp", "out.csv"]
