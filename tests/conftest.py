"""Shared fixtures: tiny literal corpora written for the tests, and paths."""

from __future__ import annotations

import json
import re
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


# --------------------------------------------------------------------------- headless Chromium
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage")

# Appended to a copy of a Snakemake report: loads every image result of the report
# into a hidden <img>, records how many decoded, and shows one figure in the report's
# own viewer (the way a reader opens it), so a screenshot shows a real figure page.
_REPORT_PROBE = """
<script>
window.addEventListener("load", function () {
  var images = Object.keys(results).filter(function (k) {
    return (results[k].mime_type || "").indexOf("image/") === 0; });
  var done = 0, ok = 0, bad = [];
  var out = document.createElement("pre");
  out.id = "framelens-probe";
  function finish() {
    out.textContent = "images=" + images.length + " loaded=" + ok + " failed=" + bad.join(",");
    document.body.appendChild(out);
    var show = images.filter(function (k) { return k.indexOf(%(show)s) >= 0; })[0];
    if (show) { app.setView({content: "img", contentPath: results[show].data_uri, resultPath: show}); }
  }
  if (!images.length) { finish(); return; }
  images.forEach(function (k) {
    var img = new Image();
    img.onload = function () { if (img.naturalWidth > 0) { ok++; } else { bad.push(k); }
                              if (++done === images.length) { finish(); } };
    img.onerror = function () { bad.push(k); if (++done === images.length) { finish(); } };
    img.src = results[k].data_uri;
  });
});
</script>
"""


def chromium_bin() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def probe_report(report: Path, workdir: Path, *, show: str) -> tuple[str, Path]:
    """Open a copy of ``report`` in headless Chromium; return (probe line, screenshot path).

    Skips the test with a clear message when Chromium is not installed
    (``make test`` installs it with apt-get where it can).
    """
    import json as _json
    import subprocess

    exe = chromium_bin()
    if exe is None:
        pytest.skip("headless Chromium is not installed (apt-get install chromium); report not opened")
    probe = workdir / "report_probe.html"
    html = report.read_text(encoding="utf-8")
    head, tag, tail = html.rpartition("</body>")  # the last one: library code quotes the tag too
    probe.write_text(head + _REPORT_PROBE % {"show": _json.dumps(show)} + tag + tail, encoding="utf-8")
    profile = workdir / "chromium-profile"
    common = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=15000",
              "--window-size=1400,1800"]
    dom = subprocess.run([*common, "--dump-dom", probe.as_uri()], capture_output=True, text=True,
                         timeout=180, check=False)
    shot = workdir / "report.png"
    subprocess.run([*common, f"--screenshot={shot}", probe.as_uri()], capture_output=True, text=True,
                   timeout=180, check=False)
    found = re.search(r'id="framelens-probe">([^<]*)<', dom.stdout)
    return (found[1] if found else "no probe result: " + dom.stderr[-2000:]), shot
