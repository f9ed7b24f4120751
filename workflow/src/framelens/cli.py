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
from framelens.errors import FramelensError

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
def _lexicon_columns(table, meta: dict[str, str]):
    return table.assign(lexicon=meta.get("lexicon", ""), lexicon_version=meta.get("lexicon_version", ""),
                        lexicon_sha256=meta.get("lexicon_sha256", ""))


def _events(args: argparse.Namespace):
    from framelens.compare import article_events
    from framelens.errors import ConfigError

    if not args.event_column:
        return None
    if not args.corpus:
        raise ConfigError("--event-column needs --corpus (the cleaned articles table)")
    articles = fio.read_parquet(args.corpus)
    try:
        return article_events(articles, args.event_column)
    except KeyError as exc:
        raise ConfigError(f"{args.corpus}: {exc.args[0]}; set compare.event_column to one of them or ''") from exc


def cmd_compare(args: argparse.Namespace) -> int:
    from framelens import compare as cmp
    from framelens.errors import ConfigError

    categories = fio.read_parquet(args.categories)
    article_scores = fio.read_parquet(args.article_scores)
    outlets = fio.read_outlets(args.outlets)
    events = _events(args)
    opts = dict(n_resamples=args.n_resamples, level=args.level, seed=args.seed, events=events)
    table = cmp.compare_outlets(categories, article_scores, outlets, min_articles=args.min_articles, **opts)
    meta = fio.parquet_metadata(args.categories)
    fio.write_csv(_lexicon_columns(table, meta), args.out)
    if args.groups_out:
        groups = cmp.compare_groups(categories, article_scores, outlets, min_articles=args.min_articles, **opts)
        fio.write_csv(_lexicon_columns(groups, meta), args.groups_out)
    if args.differences_out:
        try:
            diffs = cmp.pairwise_differences(categories, article_scores, outlets,
                                             reference_group=args.reference_group or None,
                                             n_permutations=args.n_permutations, fdr=args.fdr, **opts)
        except KeyError as exc:
            raise ConfigError(f"compare.reference_group: {exc.args[0]}") from exc
        fio.write_csv(_lexicon_columns(diffs, meta), args.differences_out)
    if args.length_out or args.warnings_out:
        length = cmp.length_confound(categories, article_scores, threshold=args.length_threshold)
        if args.length_out:
            fio.write_csv(_lexicon_columns(length, meta), args.length_out)
        if args.warnings_out:
            groups = groups if args.groups_out else cmp.compare_groups(
                categories, article_scores, outlets, min_articles=args.min_articles, **opts)
            fio.write_csv(_lexicon_columns(cmp.collect_warnings(table, groups, length), meta), args.warnings_out)
    print(f"compare: {table['outlet'].nunique()} outlets × {table['category'].nunique()} categories, "
          f"{args.n_resamples} bootstrap resamples"
          f"{', clustered by ' + args.event_column if events is not None else ''}", file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- keyness
def cmd_keyness(args: argparse.Namespace) -> int:
    from framelens import keyness as kn
    from framelens.errors import ConfigError

    outlets = fio.read_outlets(args.outlets)
    if args.kind == "words":
        tokens = fio.read_parquet(args.tokens, columns=["id", "outlet", "tokens"])
        stopwords = kn.parse_stopwords(fio.read_text(args.stopwords)) if args.stopwords else []
        counts = kn.word_counts(tokens["id"].tolist(), tokens["tokens"], stopwords=stopwords)
        article_outlet = dict(zip(tokens["id"], tokens["outlet"]))
        meta: dict[str, str] = {}
    else:
        terms = fio.read_parquet(args.terms)
        counts = kn.entry_counts(terms)
        article_outlet = dict(zip(terms["id"], terms["outlet"]))
        meta = fio.parquet_metadata(args.terms)
    pairs = [tuple(p.split("::", 1)) for p in args.pair] if args.pair else []
    pairs += [(g, kn.REST) for g in sorted(set(outlets["group"]))] if args.one_vs_rest else []
    bad = [p for p in pairs if len(p) != 2]
    if bad:
        raise ConfigError(f"keyness pairs must look like FOCUS::OTHER, got {bad}")
    try:
        table = kn.keyness_table(counts, article_outlet, outlets, pairs,
                                 prior_total=args.prior_total, min_count=args.min_count)
    except (KeyError, ValueError) as exc:
        raise ConfigError(f"keyness: {exc.args[0]}") from exc
    if meta:
        table = _lexicon_columns(table, meta)
    fio.write_csv(table, args.out)
    fio.write_csv(kn.top_terms(table, n=args.top), args.top_out)
    print(f"keyness ({args.kind}): {len(pairs)} comparisons, {len(table)} rows", file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- trends
def cmd_trends(args: argparse.Namespace) -> int:
    from framelens.trends import rates_by_period

    categories = fio.read_parquet(args.categories)
    articles = fio.read_parquet(args.corpus)
    table, undated = rates_by_period(categories, articles.set_index("id")["date"].astype("string"),
                                     period=args.period, n_resamples=args.n_resamples, level=args.level,
                                     seed=args.seed, events=_events(args))
    fio.write_csv(_lexicon_columns(table, fio.parquet_metadata(args.categories)), args.out)
    print(f"trends: {table['period'].nunique()} {args.period}s, {undated} articles without a date left out",
          file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- tone
def cmd_tone(args: argparse.Namespace) -> int:
    from framelens.tone import article_tone, outlet_tone

    tokens = fio.read_parquet(args.tokens, columns=["id", "outlet", "sentences"])
    outlets = fio.read_outlets(args.outlets)
    per_article = article_tone(tokens["id"].tolist(), tokens["outlet"].tolist(), tokens["sentences"].tolist(),
                               targets=args.targets)
    fio.write_parquet(per_article, args.articles_out, metadata=_provenance(targets=args.targets))
    table = outlet_tone(per_article, outlets, n_resamples=args.n_resamples, level=args.level, seed=args.seed)
    table["targets"] = " | ".join(args.targets)
    fio.write_csv(table, args.out)
    print(f"tone: {len(per_article)} articles, {int(per_article['n_target_sentences'].sum())} target sentences",
          file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- summary
def cmd_summary(args: argparse.Namespace) -> int:
    from framelens.summary import corpus_summary, summary_rst

    tokens = fio.read_parquet(args.tokens, columns=["id", "outlet", "n_tokens"])
    table = corpus_summary(tokens, fio.read_outlets(args.outlets))
    lexicons = []
    for item in args.lexicon:
        key, _, path = item.partition("=")
        meta = fio.parquet_metadata(path)
        cats = fio.read_parquet(path, columns=["category"])["category"].nunique()
        lexicons.append({"key": key, "name": meta.get("lexicon", ""), "version": meta.get("lexicon_version", ""),
                         "sha256": meta.get("lexicon_sha256", ""), "categories": str(cats)})
    counts = json.loads(fio.read_text(args.ingest_summary)) if args.ingest_summary else {}
    fio.write_csv(table, args.out)
    fio.write_text(summary_rst(table, lexicons, counts), args.rst)
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
    elif args.kind == "heatmap":
        fig = plots.heatmap_figure(relative_to_corpus(table), outlets)
    elif args.kind == "forest":
        fig = plots.forest_figure(table, outlets, level_name=args.level_name, level=args.level, fdr=args.fdr)
    elif args.kind == "keyness":
        fig = plots.keyness_figure(table, comparison=args.comparison, n_labels=args.n_labels)
    elif args.kind == "trends":
        fig = plots.trends_figure(table, outlets, level=args.level)
    else:
        fig = plots.tone_figure(table, outlets, level=args.level)
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
    p.add_argument("--punkt", required=True, help="output: Punkt parameters learned from the corpus (JSON)")
    p.add_argument("--tokens", required=True, help="output: sentences and tokens (Parquet)")
    p.set_defaults(func=cmd_tokenize)

    p = sub.add_parser("score", help="score every article against a lexicon")
    p.add_argument("--tokens", required=True)
    p.add_argument("--lexicon", required=True)
    p.add_argument("--categories", required=True, help="output: article × category scores (Parquet)")
    p.add_argument("--terms", required=True, help="output: article × category × entry counts (Parquet)")
    p.add_argument("--article-scores", required=True, help="output: per-article tokens and coverage (Parquet)")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("compare", help="outlet and group comparisons: CIs, differences, tests, warnings")
    p.add_argument("--categories", required=True)
    p.add_argument("--article-scores", required=True)
    p.add_argument("--outlets", required=True)
    p.add_argument("--corpus", help="cleaned articles (Parquet); needed for --event-column")
    p.add_argument("--event-column", default="", help="corpus column of event ids: resample whole events")
    p.add_argument("--n-resamples", type=int, default=2000)
    p.add_argument("--n-permutations", type=int, default=2000)
    p.add_argument("--level", type=float, default=0.95)
    p.add_argument("--fdr", type=float, default=0.05, help="q-value below which a difference is marked")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--min-articles", type=int, default=0, help="warn about outlets with fewer articles")
    p.add_argument("--reference-group", default="", help="outlet group the others are compared with")
    p.add_argument("--length-threshold", type=float, default=0.3, help="flag |Spearman rho| above this")
    p.add_argument("--out", required=True, help="output: outlet × category table (CSV)")
    p.add_argument("--groups-out", help="output: group × category table (CSV)")
    p.add_argument("--differences-out", help="output: pairwise and vs-reference differences (CSV)")
    p.add_argument("--length-out", help="output: length-confound diagnostic (CSV)")
    p.add_argument("--warnings-out", help="output: warnings (CSV)")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("keyness", help="log-odds keyness (Fightin' Words) between outlet groups")
    p.add_argument("kind", choices=["words", "entries"])
    p.add_argument("--tokens", help="tokens (Parquet), for words")
    p.add_argument("--terms", help="score step's entry counts (Parquet), for entries")
    p.add_argument("--stopwords", nargs="?", const="", default="",
                   help="words: file of words to leave out (one a line)")
    p.add_argument("--outlets", required=True)
    p.add_argument("--pair", nargs="*", default=[], metavar="FOCUS::OTHER",
                   help="group or outlet pairs; OTHER may be 'rest'")
    p.add_argument("--one-vs-rest", action=argparse.BooleanOptionalAction, default=True,
                   help="also compare every group with all other outlets")
    p.add_argument("--prior-total", type=float, default=1000.0, help="alpha_0 of the Dirichlet prior")
    p.add_argument("--min-count", type=int, default=5)
    p.add_argument("--top", type=int, default=20)
    p.add_argument("--out", required=True, help="output: every term (CSV)")
    p.add_argument("--top-out", required=True, help="output: top terms each way (CSV)")
    p.set_defaults(func=cmd_keyness)

    p = sub.add_parser("trends", help="rates per outlet per period with bootstrap bands")
    p.add_argument("--categories", required=True)
    p.add_argument("--corpus", required=True, help="cleaned articles (Parquet), for dates")
    p.add_argument("--event-column", default="")
    p.add_argument("--period", default="month", choices=["week", "month", "quarter", "year"])
    p.add_argument("--n-resamples", type=int, default=1000)
    p.add_argument("--level", type=float, default=0.95)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_trends)

    p = sub.add_parser("tone", help="VADER tone per article and per target sentence, per outlet")
    p.add_argument("--tokens", required=True)
    p.add_argument("--outlets", required=True)
    p.add_argument("--targets", nargs="*", default=[], help="target terms (* = any ending)")
    p.add_argument("--n-resamples", type=int, default=2000)
    p.add_argument("--level", type=float, default=0.95)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--articles-out", required=True, help="output: per-article tone (Parquet)")
    p.add_argument("--out", required=True, help="output: per-outlet tone (CSV)")
    p.set_defaults(func=cmd_tone)

    p = sub.add_parser("summary", help="corpus size per outlet and lexicons, for the report front page")
    p.add_argument("--tokens", required=True)
    p.add_argument("--outlets", required=True)
    p.add_argument("--ingest-summary")
    p.add_argument("--lexicon", nargs="*", default=[], metavar="NAME=CATEGORIES_PARQUET")
    p.add_argument("--out", required=True, help="output: corpus summary (CSV)")
    p.add_argument("--rst", required=True, help="output: front-page section (reStructuredText)")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("plot", help="draw a comparative figure")
    p.add_argument("kind", choices=["profile", "heatmap", "forest", "keyness", "trends", "tone"])
    p.add_argument("--table", required=True, help="input table (CSV) of the matching step")
    p.add_argument("--outlets", required=True)
    p.add_argument("--level", type=float, default=0.95)
    p.add_argument("--level-name", default="outlet", choices=["outlet", "group"], help="forest: rows")
    p.add_argument("--fdr", type=float, default=0.05, help="forest: q-value marked as significant")
    p.add_argument("--comparison", default="", help="keyness: comparison to draw")
    p.add_argument("--n-labels", type=int, default=12, help="keyness: terms labelled each way")
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

