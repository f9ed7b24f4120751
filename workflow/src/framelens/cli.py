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
from framelens.errors import CorpusError, FramelensError, LexiconError

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
        if not rows and not unreadable:
            raise CorpusError(f"corpus file {path} is empty (no rows); remove it from corpus.paths "
                                 f"or re-run the export that produced it")
        sources.append(Source(name=str(path), rows=rows, unreadable=unreadable))
    result = ingest(
        sources,
        known_outlets=outlets["outlet"],
        boilerplate_patterns=args.boilerplate,
        unicode_form=args.unicode_form,
        html=args.html,
        max_text_chars=args.max_text_chars,
    )
    if result.counts["kept"] == 0:
        for rej in result.rejected.head(20).itertuples(index=False):
            print(f"{rej.source}:{rej.line}: {rej.reason}: {rej.detail}", file=sys.stderr)
        reasons = {k[len("rejected_"):]: v for k, v in result.counts.items() if k.startswith("rejected_")}
        raise CorpusError(f"no article left: all {result.counts['read']} rows were rejected {reasons}; "
                             f"the first rejected rows are listed above with file, line and reason")
    settings = {"boilerplate": args.boilerplate, "unicode_form": args.unicode_form,
                "encoding_errors": args.encoding_errors, "html": args.html,
                "max_text_chars": args.max_text_chars}
    fio.write_parquet(result.articles, args.articles, metadata=_provenance(settings=settings))
    fio.write_csv(result.rejected, args.rejected)
    if args.summary:
        fio.write_json(result.counts, args.summary)
    c = result.counts
    print(f"ingest: {c['read']} in / {c['kept']} kept / {c['rejected']} rejected", file=sys.stderr)
    if c.get("replaced_chars"):
        print(f"  undecodable bytes replaced by U+FFFD: {c['replaced_chars']} character(s)", file=sys.stderr)
    for key, value in c.items():
        if key.startswith("rejected_"):
            print(f"  {key[len('rejected_'):]}: {value}", file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- tokenize
def cmd_tokenize(args: argparse.Namespace) -> int:
    from framelens.tokenize import (
        article_text, punkt_from_dict, punkt_to_dict, sentence_splitters, tokenize_articles,
        train_punkt_by_language,
    )

    articles = fio.read_parquet(args.articles)
    langs = articles["lang"] if "lang" in articles.columns else [None] * len(articles)
    texts = ((lang, article_text(t, x, include_title=args.include_title))
             for lang, t, x in zip(langs, articles["title"], articles["text"]))
    params = {lang: punkt_to_dict(p) for lang, p in train_punkt_by_language(texts).items()}
    fio.write_json(params, args.punkt)
    splitters = sentence_splitters({lang: punkt_from_dict(p) for lang, p in params.items()})
    normalization = {"fold_yo": args.fold_yo, "fold_accents": args.fold_accents}
    tokens = tokenize_articles(articles, splitters, include_title=args.include_title, **normalization)
    fio.write_parquet(tokens, args.tokens, metadata=_provenance(include_title=args.include_title,
                                                                normalization=normalization))
    print(f"tokenize: {len(tokens)} articles, {int(tokens['n_tokens'].sum())} tokens, "
          f"{int(tokens['n_sentences'].sum())} sentences; Punkt trained per language: "
          f"{', '.join(sorted(params))}", file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- score
def _load_lexicon(path: str, *, min_glob_stem: int = 3):
    from framelens.guards import glob_problems
    from framelens.lexicon import load_lexicon_text

    lexicon = load_lexicon_text(fio.read_text(path), path=str(path))
    for problem in lexicon.problems:
        print(problem.format(str(path)), file=sys.stderr)
    short = glob_problems(lexicon.categories, min_stem=min_glob_stem)
    if short:
        listed = "\n".join(f"{path}:{line}: error: {msg}" for line, msg in short)
        raise LexiconError(f"{path}: {len(short)} error(s) in the lexicon:\n{listed}")
    return lexicon


def _fold_like_tokens(lexicon, tokens_path: str):
    """Fold the lexicon's words as the tokenize step folded the tokens (recorded in its metadata)."""
    from framelens.multilingual import fold_lexicon

    normalization = json.loads(fio.parquet_metadata(tokens_path).get("normalization", "{}"))
    return fold_lexicon(lexicon, fold_yo=bool(normalization.get("fold_yo")),
                        fold_accents=bool(normalization.get("fold_accents")))


def cmd_score(args: argparse.Namespace) -> int:
    from framelens.matcher import compile_lexicon
    from framelens.score import score_articles

    lexicon = _fold_like_tokens(_load_lexicon(args.lexicon, min_glob_stem=args.min_glob_stem), args.tokens)
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


# --------------------------------------------------------------------------- language coverage
def cmd_coverage(args: argparse.Namespace) -> int:
    from framelens.multilingual import language_coverage

    article_scores = fio.read_parquet(args.article_scores)
    languages = fio.read_parquet(args.tokens, columns=["id", "lang"])
    table = language_coverage(article_scores, languages, fio.read_outlets(args.outlets))
    meta = fio.parquet_metadata(args.article_scores)
    table["lexicon"] = meta.get("lexicon", "")
    table["lexicon_version"] = meta.get("lexicon_version", "")
    table["lexicon_sha256"] = meta.get("lexicon_sha256", "")
    fio.write_csv(table, args.out)
    pooled = table[table["outlet"] == "(all)"]
    print("coverage: " + ", ".join(f"{lang} {cov:.1%}" for lang, cov in zip(pooled["lang"], pooled["coverage"]))
          + " of tokens matched", file=sys.stderr)
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
    from framelens.guards import glob_problems
    from framelens.lexicon import parse_lexicon

    status = 0
    for path in args.files:
        lexicon = parse_lexicon(fio.read_text(path), path=str(path))
        for problem in lexicon.problems:
            print(problem.format(str(path)))
        short = glob_problems(lexicon.categories, min_stem=args.min_glob_stem)
        for line, msg in short:
            print(f"{path}:{line}: error: {msg}")
        n_err = sum(p.level == "error" for p in lexicon.problems) + len(short)
        n_warn = len(lexicon.problems) - n_err
        n_entries = sum(len(c.entries) for c in lexicon.categories)
        print(f"{path}: {len(lexicon.categories)} categories, {n_entries} entries, "
              f"{n_err} error(s), {n_warn} warning(s)")
        status = status or (1 if n_err else 0)
    return status


# --------------------------------------------------------------------------- config tools
def cmd_config_check(args: argparse.Namespace) -> int:
    from framelens.configcheck import check_config_text

    schema = fio.read_yaml(args.schema)
    status = 0
    for path in args.files:
        problems = check_config_text(fio.read_text(path), schema, path=str(path))
        for problem in problems:
            print(problem)
        print(f"{path}: {len(problems)} error(s)")
        status = status or (1 if problems else 0)
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
    p.add_argument("--html", default="strip", choices=["strip", "keep"],
                   help="HTML tags and entities inside text fields: strip them (default) or keep them")
    p.add_argument("--max-text-chars", type=int, default=1_000_000,
                   help="reject texts longer than this many characters (text_too_long)")
    p.add_argument("--articles", required=True, help="output: cleaned articles (Parquet)")
    p.add_argument("--rejected", required=True, help="output: rejected rows with reasons (CSV)")
    p.add_argument("--summary", help="output: counts (JSON)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("tokenize", help="split articles into sentences and word tokens")
    p.add_argument("--articles", required=True, help="input: articles (Parquet)")
    p.add_argument("--include-title", action=argparse.BooleanOptionalAction, default=True)
    p.add_argument("--fold-yo", action=argparse.BooleanOptionalAction, default=False,
                   help="fold Cyrillic ё to е in tokens")
    p.add_argument("--fold-accents", action=argparse.BooleanOptionalAction, default=False,
                   help="remove accents from tokens (país -> pais; ñ, й, ў, ї kept)")
    p.add_argument("--punkt", required=True,
                   help="output: Punkt parameters learned from the corpus, one model per language (JSON)")
    p.add_argument("--tokens", required=True, help="output: sentences and tokens (Parquet)")
    p.set_defaults(func=cmd_tokenize)

    p = sub.add_parser("score", help="score every article against a lexicon")
    p.add_argument("--tokens", required=True)
    p.add_argument("--lexicon", required=True)
    p.add_argument("--min-glob-stem", type=int, default=3,
                   help="refuse globs with fewer characters before '*' (e.g. 'co*')")
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

    p = sub.add_parser("coverage", help="share of tokens the lexicon matches, per language and outlet")
    p.add_argument("--article-scores", required=True, help="per-article scores of the score step (Parquet)")
    p.add_argument("--tokens", required=True, help="tokens table with each article's lang (Parquet)")
    p.add_argument("--outlets", required=True)
    p.add_argument("--out", required=True, help="output: coverage by language and outlet (CSV)")
    p.set_defaults(func=cmd_coverage)

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
    q.add_argument("--min-glob-stem", type=int, default=3,
                   help="refuse globs with fewer characters before '*' (e.g. 'co*')")
    q.set_defaults(func=cmd_lexicon_check)

    p = sub.add_parser("config", help="config tools")
    csub = p.add_subparsers(dest="config_command", required=True, metavar="TOOL")
    q = csub.add_parser("check", help="check config files (every error, with key path and line); exit 1 on errors")
    q.add_argument("files", nargs="+")
    q.add_argument("--schema", default="workflow/schemas/config.schema.yaml",
                   help="JSON Schema (YAML) to validate against")
    q.set_defaults(func=cmd_config_check)
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

