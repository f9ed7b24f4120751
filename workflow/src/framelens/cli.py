"""Command line: one subcommand per workflow step, plus the lexicon tools.

This is the only glue between files and the library: each subcommand reads
its inputs through :mod:`framelens.io`, calls pure functions, and writes its
outputs atomically. Every Snakemake rule calls exactly one subcommand, and
every setting arrives as an option, so Snakemake sees (and reruns on) every
change.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence

from framelens import __version__
from framelens import io as fio
from framelens.errors import ConfigError, FramelensError

__all__ = ["main", "build_parser"]

log = logging.getLogger("framelens")


def _provenance(**extra: object) -> dict[str, str]:
    meta = {"version": __version__}
    meta.update({k: v if isinstance(v, str) else json.dumps(v, sort_keys=True) for k, v in extra.items()})
    return meta


# --------------------------------------------------------------------------- ingest
def cmd_ingest(args: argparse.Namespace) -> int:
    from framelens.ingest import Source, ingest

    outlets = fio.read_outlets(args.outlets)
    sources = []
    for path in args.corpus:
        rows, unreadable = fio.read_corpus_rows(path, fmt=args.format, encoding_errors=args.encoding_errors)
        sources.append(Source(name=str(path), rows=rows, unreadable=unreadable))
    result = ingest(
        sources,
        known_outlets=outlets["outlet"],
        boilerplate_patterns=args.boilerplate,
        unicode_form=args.unicode_form,
    )
    settings = {"boilerplate": args.boilerplate, "unicode_form": args.unicode_form,
                "encoding_errors": args.encoding_errors}
    fio.write_parquet(result.articles, args.articles, metadata=_provenance(settings=settings))
    fio.write_csv(result.rejected, args.rejected)
    if args.summary:
        fio.write_json(result.counts, args.summary)
    c = result.counts
    print(f"ingest: {c['read']} in / {c['kept']} kept / {c['rejected']} rejected", file=sys.stderr)
    for key, value in c.items():
        if key.startswith("rejected_"):
            print(f"  {key[len('rejected_'):]}: {value}", file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- tokenize
def cmd_tokenize(args: argparse.Namespace) -> int:
    from framelens.tokenize import (
        article_text, punkt_from_dict, punkt_to_dict, sentence_splitter, tokenize_articles, train_punkt,
    )

    if args.punkt_params:  # sharded workflow: Punkt was trained once on the whole corpus
        return _tokenize_batched(args)
    if not args.punkt:
        raise ConfigError("tokenize needs --punkt (output) or --punkt-params (trained parameters)")
    articles = fio.read_parquet(args.articles)
    texts = (article_text(t, x, include_title=args.include_title)
             for t, x in zip(articles["title"], articles["text"]))
    params = punkt_to_dict(train_punkt(texts))
    fio.write_json(params, args.punkt)
    splitter = sentence_splitter(punkt_from_dict(params))
    tokens = tokenize_articles(articles, splitter, include_title=args.include_title)
    fio.write_parquet(tokens, args.tokens, metadata=_provenance(include_title=args.include_title))
    print(f"tokenize: {len(tokens)} articles, {int(tokens['n_tokens'].sum())} tokens, "
          f"{int(tokens['n_sentences'].sum())} sentences", file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- shards (issue 9)
def _progress(total: int, what: str):
    from tqdm import tqdm

    return tqdm(total=total, unit=what, file=sys.stderr, mininterval=5.0, dynamic_ncols=False, ascii=True)


def _throughput(step: str, n: int, n_bytes: int, seconds: float) -> None:
    seconds = max(seconds, 1e-9)
    print(f"{step}: {n} articles in {seconds:.1f} s ({n / seconds:,.0f} articles/s, "
          f"{n_bytes / 1e6 / seconds:.1f} M characters/s of text)", file=sys.stderr)


def cmd_shard(args: argparse.Namespace) -> int:
    from framelens.shards import shard_indices

    n = len(args.out)
    total = fio.parquet_num_rows(args.articles)
    with _progress(total, "art") as bar:
        counts = fio.split_parquet(
            args.articles, args.out,
            lambda batch: shard_indices(batch.column("id").to_pylist(), n),
            batch_rows=args.batch_rows, metadata={"n_shards": str(n)}, progress=bar.update,
        )
    print(f"shard: {total} articles into {n} shards (sizes {min(counts)}..{max(counts)})", file=sys.stderr)
    if sum(counts) != total:  # pragma: no cover - invariant
        raise AssertionError(f"shard lost rows: {sum(counts)} of {total}")
    return 0


def cmd_punkt(args: argparse.Namespace) -> int:
    from framelens.shards import sample_ids
    from framelens.tokenize import article_text, punkt_to_dict, train_punkt

    ids = fio.read_parquet(args.articles, columns=["id"])["id"].tolist()
    keep = sample_ids(ids, args.max_articles)
    del ids
    texts = (article_text(t, x, include_title=args.include_title)
             for batch in fio.iter_parquet_batches(args.articles, columns=["id", "title", "text"],
                                                   batch_rows=args.batch_rows)
             for i, t, x in zip(batch["id"], batch["title"], batch["text"]) if i in keep)
    fio.write_json(punkt_to_dict(train_punkt(texts)), args.out)
    print(f"punkt: trained on {len(keep)} articles (sample of at most {args.max_articles})", file=sys.stderr)
    return 0


def _tokenize_batched(args: argparse.Namespace) -> int:
    import time

    import pyarrow as pa

    from framelens.tokenize import punkt_from_dict, sentence_splitter, tokenize_articles

    splitter = sentence_splitter(punkt_from_dict(fio.read_json(args.punkt_params)))
    schema = pa.schema([("id", pa.string()), ("outlet", pa.string()), ("n_sentences", pa.int64()),
                        ("n_tokens", pa.int64()), ("sentences", pa.list_(pa.string())),
                        ("tokens", pa.list_(pa.string()))])
    total = fio.parquet_num_rows(args.articles)
    start, n_bytes = time.perf_counter(), 0

    def batches():
        nonlocal n_bytes
        with _progress(total, "art") as bar:
            for frame in fio.iter_parquet_batches(args.articles, columns=["id", "outlet", "title", "text"],
                                                  batch_rows=args.batch_rows):
                n_bytes += int(frame["text"].str.len().sum())
                yield tokenize_articles(frame, splitter, include_title=args.include_title)
                bar.update(len(frame))

    fio.write_parquet_batches(batches(), args.tokens, schema=schema,
                              metadata=_provenance(include_title=args.include_title))
    _throughput("tokenize", total, n_bytes, time.perf_counter() - start)
    return 0


def _score_batched(args: argparse.Namespace) -> int:
    import time

    from framelens.fastmatch import compile_matcher
    from framelens.fastscore import SCORE_SCHEMAS, score_frame

    lexicon = _load_lexicon(args.lexicon)
    matcher = compile_matcher(lexicon)
    meta = _provenance(lexicon=lexicon.name, lexicon_version=lexicon.version,
                       lexicon_sha256=lexicon.sha256, include_title=args.include_title)
    total = fio.parquet_num_rows(args.articles)
    columns = [c for c in ("id", "outlet", "title", "text", "lang")
               if c in fio.parquet_schema_names(args.articles)]
    start, n_bytes, n_matches = time.perf_counter(), 0, 0
    outputs = {"categories": args.categories, "terms": args.terms, "articles": args.article_scores}
    with _progress(total, "art") as bar, fio.parquet_batch_writers(
            outputs, schemas=SCORE_SCHEMAS, metadata=meta) as write:
        for frame in fio.iter_parquet_batches(args.articles, columns=columns, batch_rows=args.batch_rows):
            n_bytes += int(frame["text"].str.len().sum())
            scores = score_frame(frame, matcher, include_title=args.include_title)
            n_matches += int(scores.categories["count"].sum())
            write({"categories": scores.categories, "terms": scores.terms, "articles": scores.articles})
            bar.update(len(frame))
    _throughput("score", total, n_bytes, time.perf_counter() - start)
    print(f"score: {total} articles × {len(lexicon.categories)} categories "
          f"({lexicon.name} {lexicon.version}, sha256 {lexicon.sha256[:12]}), {n_matches} matches",
          file=sys.stderr)
    return 0


def cmd_gather(args: argparse.Namespace) -> int:
    from framelens.shards import GATHER_ORDER

    n = fio.gather_parquet(args.inputs, args.out, sort_by=GATHER_ORDER)
    print(f"gather: {n} rows from {len(args.inputs)} shard file(s) into {args.out}", file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- score
def _load_lexicon(path: str):
    from framelens.lexicon import load_lexicon_text

    lexicon = load_lexicon_text(fio.read_text(path), path=str(path))
    for problem in lexicon.problems:
        print(problem.format(str(path)), file=sys.stderr)
    return lexicon


def cmd_score(args: argparse.Namespace) -> int:
    from framelens.matcher import compile_lexicon
    from framelens.score import score_articles

    if args.articles:  # sharded workflow: tokenize + match in one pass, in batches
        return _score_batched(args)
    if not args.tokens:
        raise ConfigError("score needs --tokens (token lists) or --articles (article text)")
    lexicon = _load_lexicon(args.lexicon)
    tokens = fio.read_parquet(args.tokens, columns=["id", "outlet", "tokens"])
    scores = score_articles(tokens["id"].tolist(), tokens["outlet"].tolist(),
                            tokens["tokens"].tolist(), compile_lexicon(lexicon))
    meta = _provenance(lexicon=lexicon.name, lexicon_version=lexicon.version,
                       lexicon_sha256=lexicon.sha256)
    fio.write_parquet(scores.categories, args.categories, metadata=meta)
    fio.write_parquet(scores.terms, args.terms, metadata=meta)
    fio.write_parquet(scores.articles, args.article_scores, metadata=meta)
    print(f"score: {len(tokens)} articles × {len(lexicon.categories)} categories "
          f"({lexicon.name} {lexicon.version}, sha256 {lexicon.sha256[:12]}), "
          f"{int(scores.categories['count'].sum())} matches", file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- compare
def cmd_compare(args: argparse.Namespace) -> int:
    from framelens.compare import compare_outlets

    categories = fio.read_parquet(args.categories)
    article_scores = fio.read_parquet(args.article_scores)
    outlets = fio.read_outlets(args.outlets)
    table = compare_outlets(categories, article_scores, outlets,
                            n_resamples=args.n_resamples, level=args.level, seed=args.seed)
    meta = fio.parquet_metadata(args.categories)
    table["lexicon"] = meta.get("lexicon", "")
    table["lexicon_version"] = meta.get("lexicon_version", "")
    table["lexicon_sha256"] = meta.get("lexicon_sha256", "")
    fio.write_csv(table, args.out)
    print(f"compare: {table['outlet'].nunique()} outlets × {table['category'].nunique()} categories, "
          f"{args.n_resamples} bootstrap resamples", file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- plot
def cmd_plot(args: argparse.Namespace) -> int:
    import matplotlib.pyplot as plt

    from framelens import plots
    from framelens.compare import relative_to_corpus

    table = fio.read_csv(args.table)
    outlets = fio.read_outlets(args.outlets)
    if args.kind == "profile":
        fig = plots.profile_figure(table, outlets, level=args.level)
    else:
        fig = plots.heatmap_figure(relative_to_corpus(table), outlets)
    for path in args.out:
        fio.save_figure(fig, path, dpi=args.dpi)
    plt.close(fig)
    return 0


# --------------------------------------------------------------------------- lexicon tools
def cmd_lexicon_check(args: argparse.Namespace) -> int:
    from framelens.lexicon import parse_lexicon

    status = 0
    for path in args.files:
        lexicon = parse_lexicon(fio.read_text(path), path=str(path))
        for problem in lexicon.problems:
            print(problem.format(str(path)))
        n_err = sum(p.level == "error" for p in lexicon.problems)
        n_warn = len(lexicon.problems) - n_err
        n_entries = sum(len(c.entries) for c in lexicon.categories)
        print(f"{path}: {len(lexicon.categories)} categories, {n_entries} entries, "
              f"{n_err} error(s), {n_warn} warning(s)")
        status = status or (1 if n_err else 0)
    return status


# --------------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="framelens", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"framelens {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", help="validate, clean and de-duplicate a corpus")
    p.add_argument("--corpus", nargs="+", required=True, help="corpus files (.jsonl, .csv, .parquet)")
    p.add_argument("--format", default="auto", choices=["auto", "jsonl", "csv", "parquet"])
    p.add_argument("--outlets", required=True, help="outlets sheet (CSV)")
    p.add_argument("--boilerplate", nargs="*", default=[], metavar="REGEX",
                   help="line patterns to remove (each must match a whole line)")
    p.add_argument("--unicode-form", default="NFC", choices=["NFC", "NFKC", "NFD", "NFKD"])
    p.add_argument("--encoding-errors", default="strict", choices=["strict", "replace"])
    p.add_argument("--articles", required=True, help="output: cleaned articles (Parquet)")
    p.add_argument("--rejected", required=True, help="output: rejected rows with reasons (CSV)")
    p.add_argument("--summary", help="output: counts (JSON)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("tokenize", help="split articles into sentences and word tokens")
    p.add_argument("--articles", required=True, help="input: articles (Parquet)")
    p.add_argument("--include-title", action=argparse.BooleanOptionalAction, default=True)
    p.add_argument("--punkt", help="output: Punkt parameters learned from the corpus (JSON)")
    p.add_argument("--punkt-params", help="input: Punkt parameters trained by `framelens punkt` "
                   "(then the articles are read and written in batches)")
    p.add_argument("--batch-rows", type=int, default=2000, help="articles per batch with --punkt-params")
    p.add_argument("--tokens", required=True, help="output: sentences and tokens (Parquet)")
    p.set_defaults(func=cmd_tokenize)

    p = sub.add_parser("shard", help="split the articles into shards by a stable hash of their id")
    p.add_argument("--articles", required=True, help="input: articles (Parquet)")
    p.add_argument("--batch-rows", type=int, default=2000, help="rows read and written per batch")
    p.add_argument("--out", nargs="+", required=True, help="output: one Parquet file per shard, in order")
    p.set_defaults(func=cmd_shard)

    p = sub.add_parser("punkt", help="train Punkt sentence boundaries once on (a sample of) the corpus")
    p.add_argument("--articles", required=True, help="input: articles (Parquet)")
    p.add_argument("--include-title", action=argparse.BooleanOptionalAction, default=True)
    p.add_argument("--max-articles", type=int, default=2000,
                   help="train on at most this many articles (a sample fixed by their ids)")
    p.add_argument("--batch-rows", type=int, default=2000)
    p.add_argument("--out", required=True, help="output: Punkt parameters (JSON)")
    p.set_defaults(func=cmd_punkt)

    p = sub.add_parser("gather", help="concatenate shard tables in corpus order (outlet, id)")
    p.add_argument("--inputs", nargs="+", required=True, help="shard Parquet files with one schema")
    p.add_argument("--out", required=True, help="output: gathered Parquet file")
    p.set_defaults(func=cmd_gather)

    p = sub.add_parser("score", help="score every article against a lexicon")
    p.add_argument("--tokens", help="input: token lists (Parquet; reference matcher)")
    p.add_argument("--articles", help="input: articles (Parquet); tokenized and matched in one pass "
                   "by the fast matcher, in batches")
    p.add_argument("--include-title", action=argparse.BooleanOptionalAction, default=True,
                   help="with --articles: score the title with the body")
    p.add_argument("--batch-rows", type=int, default=2000, help="with --articles: articles per batch")
    p.add_argument("--lexicon", required=True)
    p.add_argument("--categories", required=True, help="output: article × category scores (Parquet)")
    p.add_argument("--terms", required=True, help="output: article × category × entry counts (Parquet)")
    p.add_argument("--article-scores", required=True, help="output: per-article tokens and coverage (Parquet)")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("compare", help="per outlet × category means with bootstrap CIs")
    p.add_argument("--categories", required=True)
    p.add_argument("--article-scores", required=True)
    p.add_argument("--outlets", required=True)
    p.add_argument("--n-resamples", type=int, default=2000)
    p.add_argument("--level", type=float, default=0.95)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", required=True, help="output: tidy table (CSV)")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("plot", help="draw a comparative figure")
    p.add_argument("kind", choices=["profile", "heatmap"])
    p.add_argument("--table", required=True, help="compare table (CSV)")
    p.add_argument("--outlets", required=True)
    p.add_argument("--level", type=float, default=0.95)
    p.add_argument("--dpi", type=int, default=200)
    p.add_argument("--out", nargs="+", required=True, help="output files (.png, .svg)")
    p.set_defaults(func=cmd_plot)

    p = sub.add_parser("lexicon", help="lexicon tools")
    lsub = p.add_subparsers(dest="lexicon_command", required=True, metavar="TOOL")
    q = lsub.add_parser("check", help="check lexicon files; exit 1 on errors")
    q.add_argument("files", nargs="+")
    q.set_defaults(func=cmd_lexicon_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args) or 0)
    except FramelensError as exc:
        print(f"framelens {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

