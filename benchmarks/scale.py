#!/usr/bin/env python
"""Scale benchmark: scoring throughput of three matchers, and the workflow end to end.

For each size (10k, 100k, 1M articles; choose with --sizes) it

1. builds a corpus by resampling paragraphs (per outlet, with new ids, outlets
   kept) of the shared news corpus in ../shared/corpora when present, else of
   the demo corpus; written to --workdir (never into the repository);
2. measures the scoring step (tokenize + match) in MB/s and articles/s on one
   core and with 2 processes, for the framelens fast matcher (full semantics;
   ``FastMatcher.match_text``), the same stopping at paragraph breaks
   (``fastmatch.text_matcher``, what ``score --articles`` runs),
   flashtext (exact keywords only: globs become their prefix word) and a naive
   matcher with one regular expression per entry (on a subsample), all in the
   same run, with ``text.lower().split()`` (no matching at all) as a calibration
   row: the issue's figures were measured when it ran at 111 MB/s; then, on one
   core, the two halves of the workflow's scoring: building the token index
   (``framelens index``, once per corpus) and scoring the lexicon from it
   (``framelens score --index``, once per lexicon edit; MB/s of the texts scored);
3. with --e2e, runs the whole workflow on 2 cores (``--profiles``: every analysis
   with the schema defaults, and config/large.yaml's lexicon-scoring study) and reports its wall time,
   the time of each stage (summed over its jobs), the peak RSS of the largest
   job, and the wall time of the rerun after a lexicon edit.

Prints one table per size. Run from the repository root, e.g.:

    .venv/bin/python benchmarks/scale.py --sizes 10k 100k --e2e
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing as mp
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "workflow" / "src"))

from framelens.fastmatch import compile_matcher  # noqa: E402
from framelens.lexicon import load_lexicon_text  # noqa: E402

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "1M": 1_000_000}
# ../shared/corpora next to the repository (or next to the folder of git worktrees)
SHARED = next((p / "shared" / "corpora" / "allsides" / "allsides_dev.jsonl" for p in (REPO.parent, REPO.parent.parent)
               if (p / "shared" / "corpora" / "allsides" / "allsides_dev.jsonl").is_file()),
              REPO.parent / "shared" / "corpora" / "allsides" / "allsides_dev.jsonl")
DEMO = REPO / "data" / "corpus" / "demo.jsonl"
COLORS = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]


# --------------------------------------------------------------------------- corpus
def source_paragraphs(path: Path) -> tuple[dict[str, list[str]], list[tuple[str, str, int]]]:
    """Paragraph pools per outlet, and (outlet, title, n_paragraphs) of every source article."""
    pools: dict[str, list[str]] = defaultdict(list)
    shapes: list[tuple[str, str, int]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            paras = [p.strip() for p in re.split(r"\n\s*\n", row.get("text") or "") if p.strip()]
            if not paras or not row.get("outlet"):
                continue
            outlet = re.sub(r"[^A-Za-z0-9_.-]+", "_", str(row["outlet"]).strip()).strip("_")
            pools[outlet].extend(paras)
            shapes.append((outlet, row.get("title") or "", len(paras)))
    return pools, shapes


def build_corpus(n: int, source: Path, out: Path, *, seed: int = 1) -> None:
    """Write ``n`` resampled articles as JSON Lines, and an outlets sheet next to it."""
    pools, shapes = source_paragraphs(source)
    rng = random.Random(seed)
    tmp = out.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for i in range(n):
            outlet, title, k = rng.choice(shapes)
            pool = pools[outlet]
            text = "\n\n".join(rng.choice(pool) for _ in range(k))
            fh.write(json.dumps({"id": f"bench-{i:07d}", "outlet": outlet, "title": title, "lang": "en",
                                 "date": "2024-01-01", "text": text}, ensure_ascii=False) + "\n")
    tmp.replace(out)
    with (out.parent / "outlets.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["outlet", "name", "group", "country", "language", "color"])
        for j, outlet in enumerate(sorted(pools)):
            w.writerow([outlet, outlet, "outlet", "INT", "en", COLORS[j % len(COLORS)]])


def read_texts(path: Path, limit: int) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            texts.append(f"{row['title']}\n\n{row['text']}")
            if len(texts) >= limit:
                break
    return texts


# --------------------------------------------------------------------------- matchers
def _entries(lexicon) -> list[tuple[str, list[tuple[str, bool]]]]:
    return [(cat.name, list(zip(e.words, e.globs))) for cat in lexicon.categories for e in cat.entries]


def make_fast(lexicon):
    matcher = compile_matcher(lexicon)
    return lambda text: len(matcher.match_text(text, lang="en").hits)


def make_fast_paragraphs(lexicon):
    from framelens.fastmatch import text_matcher

    match = text_matcher(lexicon)  # what the workflow's score step runs per article
    return lambda text: len(match(text, "en", "").hits)


def make_flashtext(lexicon):
    from flashtext import KeywordProcessor

    kp = KeywordProcessor(case_sensitive=False)
    for cat, words in _entries(lexicon):
        kp.add_keyword(" ".join(w for w, _ in words), cat)
    return lambda text: len(kp.extract_keywords(text))


def make_naive(lexicon):
    patterns = []
    for _cat, words in _entries(lexicon):
        parts = [re.escape(w) + (r"[^\W_]*" if g else "") for w, g in words]
        patterns.append(re.compile(r"(?<![^\W_])" + r"[\W_]+".join(parts) + r"(?![^\W_])"))
    return lambda text: sum(len(p.findall(text.lower())) for p in patterns)


def make_split(lexicon):
    return lambda text: len(text.lower().split())


MATCHERS = {"lower().split() only": make_split, "framelens fastmatch": make_fast,
            "framelens, by paragraph": make_fast_paragraphs, "flashtext": make_flashtext,
            "naive regex/entry": make_naive}

_WORK: dict = {}


def _work(span: tuple[int, int]) -> float:
    fn = _WORK["fn"]
    start = time.process_time()
    for t in _WORK["texts"][span[0]:span[1]]:
        fn(t)
    return time.process_time() - start


def throughput(name: str, lexicon, texts: list[str], processes: int) -> tuple[float, float, float]:
    """Wall MB/s, wall articles/s, and CPU MB/s (per core x cores) of ``name`` over ``texts``.

    The CPU figure divides by the CPU time the matcher used (per process, in
    parallel), so it shows what dedicated cores would give on a shared machine.
    """
    fn = MATCHERS[name](lexicon)
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)
    _WORK.update(fn=fn, texts=texts)
    if processes == 1:
        start = time.perf_counter()
        cpu = _work((0, len(texts)))
        seconds = time.perf_counter() - start
    else:
        step = max(1, len(texts) // (processes * 8))
        spans = [(i, i + step) for i in range(0, len(texts), step)]
        with mp.get_context("fork").Pool(processes) as pool:
            pool.map(_work, spans[:processes], chunksize=1)  # warm up the workers' caches
            start = time.perf_counter()
            cpu = sum(pool.map(_work, spans, chunksize=1)) / processes
            seconds = time.perf_counter() - start
    return n_bytes / 1e6 / seconds, len(texts) / seconds, n_bytes / 1e6 / cpu


def index_throughput(lexicon, texts: list[str], batch: int = 2000) -> tuple[tuple[float, float], tuple[float, float]]:
    """MB/s and articles/s (one process) of the token index: building it (``framelens index``: tokenize and
    encode, once per corpus) and scoring a lexicon from it (``framelens score --index``: match and the three
    tables, once per lexicon edit), in batches of ``batch`` articles as the workflow's steps run them."""
    from framelens.fastmatch import spec_from_lexicon
    from framelens.tokenindex import IndexMatcher, index_texts, score_columns

    n_bytes = sum(len(t.encode("utf-8")) for t in texts)
    start = time.process_time()
    batches = [index_texts(texts[i:i + batch]) for i in range(0, len(texts), batch)]
    build = time.process_time() - start
    start = time.process_time()
    matcher = IndexMatcher(spec_from_lexicon(lexicon))
    for b in batches:
        ids = [str(i) for i in range(b.n_articles)]
        score_columns(ids, ids, b, matcher.match(b, [None] * b.n_articles), matcher)
    score = time.process_time() - start
    return ((n_bytes / 1e6 / build, len(texts) / build), (n_bytes / 1e6 / score, len(texts) / score))


# --------------------------------------------------------------------------- workflow
def run_workflow(work: Path, corpus: Path, lexicon: Path, shards: int, cores: int, profile: str = "default") -> dict:
    """Run the workflow on ``corpus`` with the schema defaults ("default": every analysis) or with
    config/large.yaml's overrides ("large": the lexicon-scoring study, no token-level analyses)."""
    results = work / "results"
    if results.exists():
        shutil.rmtree(results)
    shutil.rmtree(work / ".snakemake", ignore_errors=True)
    lex = work / "lexicon.yaml"
    shutil.copy(lexicon, lex)
    config = work / "config.yaml"
    overrides = (REPO / "config" / "large.yaml").read_text(encoding="utf-8") if profile == "large" else ""
    overrides = re.sub(r"(?ms)^shards:.*?(?=^\S)", "", overrides)  # the shard count is --shards
    config.write_text(
        f"corpus: {{paths: [{corpus.name}]}}\noutlets: outlets.csv\nlexicons: {{bench: lexicon.yaml}}\n"
        f"compare: {{n_resamples: 1000}}\nshards: {{count: {shards}, batch_rows: 2000, gather_tokens: false}}\n"
        + overrides, encoding="utf-8")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    cmd = [str(Path(sys.executable).parent / "snakemake"), "-s", str(REPO / "Snakefile"), "-d", str(work),
           "--configfile", str(config), "--cores", str(cores), "--quiet", "all"]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, capture_output=True)
    full = time.perf_counter() - start
    stages, peaks, peak = _stage_times(results, since=0.0)
    # a lexicon edit: one more entry in one category
    text = lex.read_text(encoding="utf-8")
    edited = text.replace("[war, wars,", "[war, wars, warlord*,")
    lex.write_text(edited if edited != text else text + "\n# edited\n", encoding="utf-8")
    start, since = time.perf_counter(), time.time()
    subprocess.run(cmd, check=True, env=env, capture_output=True)
    edit = time.perf_counter() - start
    edit_stages, _, _ = _stage_times(results, since=since)
    return {"wall": full, "stages": dict(stages), "peaks": peaks, "peak_rss_mb": peak[0], "peak_job": peak[1],
            "edit": edit, "edit_stages": dict(edit_stages)}


def _stage_times(results: Path, since: float) -> tuple[dict[str, float], dict[str, float], tuple[float, str]]:
    """Seconds per stage (summed over its jobs), peak RSS per stage and the largest job, from the
    ``benchmark:`` files written after ``since`` (a time stamp; 0 = all)."""
    stages: dict[str, float] = defaultdict(float)
    peaks: dict[str, float] = {}
    peak = (0.0, "")
    for tsv in sorted((results / "benchmarks").rglob("*.tsv")):
        if tsv.stat().st_mtime < since:
            continue
        with tsv.open() as fh:
            row = next(csv.DictReader(fh, delimiter="\t"))
        stage = tsv.relative_to(results / "benchmarks").parts[0].removesuffix(".tsv")
        stages[stage] += float(row["s"])
        rss = float(row["max_rss"]) if row["max_rss"] not in ("", "NA", "-") else 0.0
        peaks[stage] = max(peaks.get(stage, 0.0), rss)
        if rss > peak[0]:
            peak = (rss, str(tsv.relative_to(results / "benchmarks")))
    return stages, peaks, peak


def true_peaks(work: Path, config: Path, stages: list[str]) -> dict[str, float]:
    """Peak RSS (MB) of each stage's jobs, each run again alone, from the kernel's own count.

    Snakemake's ``benchmark:`` files sample memory now and then and miss short peaks. Here each
    job's shell command (from a dry run) runs again, one at a time, in a fresh Python process
    that reads ``ru_maxrss`` of its children: the true peak of the largest job of the stage. The
    jobs write their outputs again (the same bytes), so this runs last.
    """
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "OPENBLAS_NUM_THREADS": "1"}  # as Snakemake runs a one-thread job
    # the job's argument list run without a shell, its stderr to its log (the " 2> log" of the rule)
    measure = ("import json, resource, subprocess, sys; argv, log = json.loads(sys.argv[1]); "
               "err = open(log, 'w') if log else None; subprocess.run(argv, stderr=err, check=True); "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    per_kb = 1024 if sys.platform == "darwin" else 1  # macOS counts bytes, Linux kilobytes
    out = {}
    for stage in stages:
        dry = subprocess.run([str(Path(sys.executable).parent / "snakemake"), "-s", str(REPO / "Snakefile"),
                              "-d", str(work), "--configfile", str(config), "-n", "-p", "--forcerun", stage,
                              "--until", stage], check=False, env=env, capture_output=True, text=True).stdout
        commands, rule = [], ""
        for line in dry.splitlines():
            if m := re.match(r"^(?:local)?rule (\w+):", line.strip()):
                rule = m.group(1)
            elif "Shell command: " in line and rule == stage:  # only the stage's own jobs
                commands.append(line.split("Shell command: ", 1)[1])
        if not commands:  # a benchmark folder that is not named after its rule (e.g. keyness/words)
            continue
        peak = 0.0
        for command in commands:
            command, redirect, log = command.partition(" 2> ")
            job = json.dumps([shlex.split(command), shlex.split(log)[0] if redirect else ""])
            done = subprocess.run([sys.executable, "-c", measure, job], check=True, env=env, cwd=work,
                                  capture_output=True, text=True)
            peak = max(peak, int(done.stdout.split()[-1]) / per_kb / 1024)
        out[stage] = peak
    return out


# --------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["10k"], choices=list(SIZES))
    parser.add_argument("--source", choices=["auto", "shared", "demo"], default="auto")
    parser.add_argument("--lexicon", type=Path, default=REPO / "benchmarks" / "lexicon.yaml")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/framelens-bench"))
    parser.add_argument("--score-articles", type=int, default=10_000,
                        help="articles scored per matcher and setting (the first ones of the corpus)")
    parser.add_argument("--naive-articles", type=int, default=300, help="subsample for the naive matcher")
    parser.add_argument("--e2e", action="store_true", help="also run the workflow end to end (2 cores)")
    parser.add_argument("--shards", type=int, default=4, help="shard count of the end-to-end run")
    parser.add_argument("--profiles", nargs="+", choices=["default", "large"], default=["default", "large"],
                        help="end-to-end runs: every analysis (schema defaults) and/or config/large.yaml's "
                             "lexicon-scoring study")
    parser.add_argument("--skip-scoring", action="store_true", help="only the end-to-end runs")
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--true-peaks", type=int, default=0, metavar="N",
                        help="after the runs, run the jobs of the N stages with the largest sampled peaks "
                             "again, one at a time, and print their true peak RSS")
    args = parser.parse_args(argv)

    source = SHARED if args.source == "shared" or (args.source == "auto" and SHARED.is_file()) else DEMO
    lexicon = load_lexicon_text(args.lexicon.read_text(encoding="utf-8"), path=str(args.lexicon))
    print(f"source: {source.name}; lexicon: {args.lexicon.name} "
          f"({sum(len(c.entries) for c in lexicon.categories)} entries); cpu count {os.cpu_count()}")
    for size in args.sizes:
        n = SIZES[size]
        work = args.workdir / size
        work.mkdir(parents=True, exist_ok=True)
        corpus = work / "corpus.jsonl"
        if not corpus.is_file():
            t0 = time.perf_counter()
            build_corpus(n, source, corpus)
            print(f"[{size}] built {corpus} in {time.perf_counter() - t0:.0f} s")
        mb = corpus.stat().st_size / 1e6
        print(f"\n== {size}: {n:,} articles, {mb:,.0f} MB of JSON Lines ==")
        if not args.skip_scoring:
            texts = read_texts(corpus, args.score_articles)
            print(f"scoring (tokenize + match), first {len(texts):,} articles; naive on {args.naive_articles}")
            print(f"load average before: {os.getloadavg()[0]:.1f} (2 cores; above 2 the wall figures are shared)")
            print(f"{'matcher':24s} {'processes':>9s} {'MB/s':>8s} {'articles/s':>11s} {'MB/s (CPU time)':>16s}")
            for name in MATCHERS:
                sample = texts[:args.naive_articles] if name.startswith("naive") else texts
                for procs in (1, 2):
                    mbs, aps, cpu_mbs = throughput(name, lexicon, sample, procs)
                    print(f"{name:24s} {procs:9d} {mbs:8.1f} {aps:11,.0f} {cpu_mbs:16.1f}", flush=True)
            for name, (mbs, aps) in zip(("token index: build", "token index: score"), index_throughput(lexicon, texts)):
                print(f"{name:24s} {1:9d} {mbs:8.1f} {aps:11,.0f} {mbs:16.1f}", flush=True)
            del texts
        for profile in args.profiles if args.e2e else []:
            print(f"load average before the workflow ({profile}): {os.getloadavg()[0]:.1f}")
            r = run_workflow(work, corpus, args.lexicon, args.shards, args.cores, profile)
            print(f"workflow [{profile}] on {args.cores} cores, {args.shards} shards: {r['wall']:.0f} s wall; "
                  f"rerun after a lexicon edit: {r['edit']:.0f} s ({r['edit'] / r['wall']:.0%} of the full run)")
            print(f"peak RSS of the largest job: {r['peak_rss_mb']:.0f} MB ({r['peak_job']})")
            print("stage times (s, summed over the stage's jobs): " + ", ".join(
                f"{k} {v:.1f}" for k, v in sorted(r["stages"].items(), key=lambda kv: -kv[1])))
            print("rerun after the edit, stage times (s): " + ", ".join(
                f"{k} {v:.1f}" for k, v in sorted(r["edit_stages"].items(), key=lambda kv: -kv[1])))
            print("peak RSS per stage (MB, largest job): " + ", ".join(
                f"{k} {v:.0f}" for k, v in sorted(r["peaks"].items(), key=lambda kv: -kv[1])), flush=True)
            if args.true_peaks:
                top = [k for k, _ in sorted(r["peaks"].items(), key=lambda kv: -kv[1])[:args.true_peaks]]
                peaks = true_peaks(work, work / "config.yaml", top)
                print("true peak RSS, each job alone (MB, largest job of the stage): " + ", ".join(
                    f"{k} {v:.0f}" for k, v in sorted(peaks.items(), key=lambda kv: -kv[1])), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
