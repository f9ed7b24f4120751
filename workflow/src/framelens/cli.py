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
        if fio.corpus_format(path, args.format) == "html":
            from framelens.html import pages_to_sources

            pages, sheet = fio.read_html_pages(path)
            sources.extend(pages_to_sources(str(path), pages, sheet, min_chars=args.html_min_chars))
            continue
        rows, unreadable = fio.read_corpus_rows(path, fmt=args.format, encoding_errors=args.encoding_errors)
        sources.append(Source(name=str(path), rows=rows, unreadable=unreadable))
    result = ingest(
        sources,
        known_outlets=outlets["outlet"],
        boilerplate_patterns=args.boilerplate,
        unicode_form=args.unicode_form,
    )
    settings = {"boilerplate": args.boilerplate, "unicode_form": args.unicode_form,
                "encoding_errors": args.encoding_errors, "html_min_chars": args.html_min_chars}
    fio.write_parquet(result.articles, args.articles, metadata=_provenance(settings=settings, counts=result.counts))
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


# --------------------------------------------------------------------------- corpus refinement (issue 7)
def _accounting_in(path: str) -> dict[str, int]:
    from framelens import accounting

    meta = fio.parquet_metadata(path)
    if "accounting" in meta:
        return json.loads(meta["accounting"])
    if "counts" in meta:
        return accounting.from_ingest(json.loads(meta["counts"]))
    raise FramelensError(f"{path}: no accounting metadata; it must be written by `framelens ingest` "
                         f"or a later corpus step")


def _quarantine(articles, reason: str, detail: str):
    import pandas as pd

    from framelens.ingest import REJECTED_COLUMNS

    frame = pd.DataFrame({
        "source": articles["source"], "line": articles["source_line"], "id": articles["id"],
        "outlet": articles["outlet"], "reason": reason, "detail": detail,
    }, columns=list(REJECTED_COLUMNS))
    return frame.astype({"line": "int64"})


def _write_step(articles, args, acc: dict[str, int], step: str, settings: dict) -> None:
    from framelens import accounting

    meta = fio.parquet_metadata(args.articles)
    provenance = _provenance(**{f"{step}_settings": settings})
    for key, value in meta.items():
        if key.endswith("settings") and key not in provenance:
            provenance[key] = value
    provenance["accounting"] = json.dumps(acc, sort_keys=True)
    fio.write_parquet(articles, args.out, metadata=provenance)
    print(f"{step}: accounting {accounting.describe(acc)}", file=sys.stderr)


def cmd_boilerplate(args: argparse.Namespace) -> int:
    from framelens import accounting
    from framelens.boilerplate import learn_boilerplate, strip_learned

    articles = fio.read_parquet(args.articles)
    acc = _accounting_in(args.articles)
    learned = learn_boilerplate(
        articles["outlet"].tolist(), articles["title"].tolist(), articles["text"].tolist(),
        min_share=args.min_share, min_articles=args.min_articles,
        headlines=args.inserted_headlines, min_headline_words=args.min_headline_words,
    )
    if not args.enabled:
        learned = type(learned)(lines={}, table=learned.table.iloc[0:0])
    texts, removed = strip_learned(articles["outlet"].tolist(), articles["text"].tolist(), learned)
    out = articles.assign(text=texts, learned_boilerplate_lines=removed)
    out["learned_boilerplate_lines"] = out["learned_boilerplate_lines"].astype("int64")
    empty = out["text"].str.len() == 0
    rejected = _quarantine(out[empty], "empty_text",
                           "text is empty after removing learned boilerplate (see results/qc/boilerplate.csv)")
    out = out[~empty].reset_index(drop=True)
    acc = accounting.record_step(acc, kept=len(out), quarantined={"empty_text": int(empty.sum())})
    table = learned.table.assign(version=__version__)
    fio.write_csv(table, args.table)
    fio.write_csv(rejected, args.rejected)
    settings = {"enabled": args.enabled, "min_share": args.min_share, "min_articles": args.min_articles,
                "inserted_headlines": args.inserted_headlines, "min_headline_words": args.min_headline_words}
    print(f"boilerplate: {len(learned.table)} learned line(s) in {len(learned.lines)} outlet(s), "
          f"{int(sum(removed))} line(s) removed", file=sys.stderr)
    _write_step(out, args, acc, "boilerplate", settings)
    return 0


def cmd_language(args: argparse.Namespace) -> int:
    from framelens import accounting
    from framelens.language import assign_languages, language_table

    articles = fio.read_parquet(args.articles)
    acc = _accounting_in(args.articles)
    out = assign_languages(articles, languages=args.languages, detect=args.detect,
                           min_chars=args.min_chars, min_prob=args.min_prob)
    fio.write_csv(language_table(out).assign(version=__version__), args.table)
    other = ~out["analysed"]
    if args.exclude_other:
        langs = ", ".join(args.languages)
        rejected = _quarantine(out[other], "unanalysed_language",
                               f"language not among the analysed languages ({langs})")
        rejected["detail"] = [f"language {lang!r} ({src}) not among the analysed languages ({langs})"
                              for lang, src in zip(out.loc[other, "lang"], out.loc[other, "lang_source"])]
        out = out[~other].reset_index(drop=True)
    else:
        rejected = _quarantine(out.iloc[0:0], "unanalysed_language", "")
    fio.write_csv(rejected, args.rejected)
    acc = accounting.record_step(acc, kept=len(out), quarantined={"unanalysed_language": len(rejected)})
    print(f"language: {int(other.sum())} article(s) in languages other than {args.languages}"
          f"{' excluded' if args.exclude_other else ' kept'}", file=sys.stderr)
    settings = {"languages": args.languages, "detect": args.detect, "min_chars": args.min_chars,
                "min_prob": args.min_prob, "exclude_other": args.exclude_other}
    _write_step(out, args, acc, "language", settings)
    return 0


def cmd_syndication(args: argparse.Namespace) -> int:
    from framelens import accounting
    from framelens.syndication import apply_policy, find_clusters, republished_by_outlet, singletons

    articles = fio.read_parquet(args.articles)
    acc = _accounting_in(args.articles)
    outlets = fio.read_outlets(args.outlets).set_index("outlet")
    late = outlets.index[outlets["group"].isin(args.aggregator_groups)].tolist()
    if args.enabled:
        clusters = find_clusters(
            articles["id"].tolist(), articles["outlet"].tolist(), articles["date"].tolist(),
            articles["text"].tolist(), threshold=args.threshold,
            shingle_size=args.shingle_size, num_perm=args.num_perm, seed=args.seed, late_outlets=late,
        )
    else:
        clusters = singletons(articles["id"].tolist())
    kept, table = apply_policy(articles, clusters, policy=args.policy)
    marked, _ = apply_policy(articles, clusters, policy="keep_all")
    share = republished_by_outlet(marked)
    share.insert(1, "name", [outlets["name"].get(o, o) for o in share["outlet"]])
    share.insert(2, "group", [outlets["group"].get(o, "") for o in share["outlet"]])
    settings = {"enabled": args.enabled, "threshold": args.threshold, "shingle_size": args.shingle_size,
                "num_perm": args.num_perm, "seed": args.seed, "policy": args.policy,
                "aggregator_groups": args.aggregator_groups}
    fio.write_csv(table.assign(policy=args.policy, version=__version__), args.table)
    fio.write_csv(share.assign(policy=args.policy, version=__version__), args.republished)
    dropped = len(articles) - len(kept)
    acc = accounting.record_step(acc, kept=len(kept), dropped_duplicates=dropped)
    n_clusters = int(table["cluster"].nunique()) if len(table) else 0
    print(f"syndication: {n_clusters} cluster(s) of near-duplicates, {int(marked['is_copy'].sum())} copies "
          f"marked, {dropped} dropped (policy {args.policy})", file=sys.stderr)
    _write_step(kept, args, acc, "syndication", settings)
    if args.accounting:
        fio.write_json(acc, args.accounting)
    return 0


def cmd_fetch(args: argparse.Namespace) -> int:
    from framelens.fetch import USER_AGENT, PoliteFetcher, fetch_all, parse_url_list

    import pandas as pd

    targets = parse_url_list(fio.read_url_list(args.urls), outlet=args.outlet, source=str(args.urls))
    out = args.out.rstrip("/")
    sheet = {row["file"]: row for row in fio.read_pages_sheet(out)}

    def save(target, body: bytes) -> None:
        fio.write_bytes(body, f"{out}/{target.file}")
        sheet[target.file] = {"file": target.file, "outlet": target.outlet, "url": target.url}
        frame = pd.DataFrame(sorted(sheet.values(), key=lambda r: r["file"]))
        fio.write_csv(frame, f"{out}/{fio.PAGES_SHEET}")

    fetcher = PoliteFetcher(user_agent=args.user_agent or USER_AGENT, delay=args.delay, timeout=args.timeout,
                            max_bytes=args.max_bytes)
    results = fetch_all(targets, fetcher, exists=lambda f: fio.exists(f"{out}/{f}"), save=save)
    log_frame = pd.DataFrame([r.__dict__ for r in results], columns=["url", "outlet", "file", "status", "detail"])
    fio.write_csv(log_frame, f"{out}/fetch_log.csv")
    counts = log_frame["status"].value_counts().to_dict()
    print("fetch: " + ", ".join(f"{counts.get(k, 0)} {k}" for k in ("saved", "exists", "disallowed", "failed"))
          + f" (of {len(targets)} URLs); pages in {out}/", file=sys.stderr)
    return 0 if not counts.get("failed") else 1


# --------------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="framelens", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"framelens {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", help="validate, clean and de-duplicate a corpus")
    p.add_argument("--corpus", nargs="+", required=True, help="corpus files (.jsonl, .csv, .parquet)")
    p.add_argument("--format", default="auto", choices=["auto", "jsonl", "csv", "parquet", "html"],
                   help="auto: by suffix; a folder is a corpus of saved HTML pages")
    p.add_argument("--outlets", required=True, help="outlets sheet (CSV)")
    p.add_argument("--boilerplate", nargs="*", default=[], metavar="REGEX",
                   help="line patterns to remove (each must match a whole line)")
    p.add_argument("--unicode-form", default="NFC", choices=["NFC", "NFKC", "NFD", "NFKD"])
    p.add_argument("--encoding-errors", default="strict", choices=["strict", "replace"])
    p.add_argument("--html-min-chars", type=int, default=100,
                   help="a saved page with less article text than this is quarantined (no_article_text)")
    p.add_argument("--articles", required=True, help="output: cleaned articles (Parquet)")
    p.add_argument("--rejected", required=True, help="output: rejected rows with reasons (CSV)")
    p.add_argument("--summary", help="output: counts (JSON)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("boilerplate", help="learn and remove lines repeated across an outlet's articles")
    p.add_argument("--articles", required=True, help="input: articles (Parquet, from ingest)")
    p.add_argument("--enabled", action=argparse.BooleanOptionalAction, default=True,
                   help="--no-enabled passes the articles through unchanged")
    p.add_argument("--min-share", type=float, default=0.6,
                   help="a line in at least this share of one outlet's articles is boilerplate")
    p.add_argument("--min-articles", type=int, default=5, help="outlets with fewer articles are left alone")
    p.add_argument("--inserted-headlines", action=argparse.BooleanOptionalAction, default=True,
                   help="remove body lines that are another article's title")
    p.add_argument("--min-headline-words", type=int, default=4)
    p.add_argument("--out", required=True, help="output: articles without learned boilerplate (Parquet)")
    p.add_argument("--table", required=True, help="output: learned lines with frequencies (CSV)")
    p.add_argument("--rejected", required=True, help="output: articles emptied by the removal (CSV)")
    p.set_defaults(func=cmd_boilerplate)

    p = sub.add_parser("language", help="detect each article's language; set aside unanalysed languages")
    p.add_argument("--articles", required=True, help="input: articles (Parquet)")
    p.add_argument("--languages", nargs="+", default=["en"], help="analysed languages (ISO 639-1)")
    p.add_argument("--detect", action=argparse.BooleanOptionalAction, default=True,
                   help="detect the language where the corpus gives none")
    p.add_argument("--min-chars", type=int, default=100, help="shorter texts are not detected (undetermined)")
    p.add_argument("--min-prob", type=float, default=0.9,
                   help="detections less probable than this are left undetermined")
    p.add_argument("--exclude-other", action=argparse.BooleanOptionalAction, default=True,
                   help="quarantine articles in languages that are not analysed")
    p.add_argument("--out", required=True, help="output: articles with lang columns (Parquet)")
    p.add_argument("--table", required=True, help="output: articles per outlet and language (CSV)")
    p.add_argument("--rejected", required=True, help="output: excluded articles (CSV)")
    p.set_defaults(func=cmd_language)

    p = sub.add_parser("syndication", help="find near-duplicate (republished) articles, mark or drop copies")
    p.add_argument("--articles", required=True, help="input: articles (Parquet)")
    p.add_argument("--outlets", required=True, help="outlets sheet (CSV)")
    p.add_argument("--enabled", action=argparse.BooleanOptionalAction, default=True)
    p.add_argument("--threshold", type=float, default=0.5, help="minimum Jaccard similarity of word shingles")
    p.add_argument("--shingle-size", type=int, default=5, help="words per shingle")
    p.add_argument("--num-perm", type=int, default=128, help="MinHash permutations")
    p.add_argument("--seed", type=int, default=1, help="MinHash seed (fixed: reruns are identical)")
    p.add_argument("--policy", default="keep_all", choices=["keep_all", "origin_only", "weight"])
    p.add_argument("--aggregator-groups", nargs="*", default=["aggregator"], metavar="GROUP",
                   help="outlet groups (outlets sheet) that never win a same-day tie for the origin")
    p.add_argument("--out", required=True, help="output: articles with cluster/weight columns (Parquet)")
    p.add_argument("--table", required=True, help="output: clusters of near-duplicates (CSV)")
    p.add_argument("--republished", required=True, help="output: per-outlet share of republished copy (CSV)")
    p.add_argument("--accounting", help="output: in = kept + quarantined + dropped duplicates (JSON)")
    p.set_defaults(func=cmd_syndication)

    p = sub.add_parser("fetch", help="download web pages politely into a folder (not part of the workflow)")
    p.add_argument("urls", metavar="URLS_FILE", help="one 'URL' or 'URL OUTLET' per line; # comments")
    p.add_argument("--out", required=True, help="folder for the pages (<outlet>/<name>.html + pages.csv)")
    p.add_argument("--outlet", help="outlet for lines that name none")
    p.add_argument("--delay", type=float, default=2.0, help="seconds between requests to one host (min)")
    p.add_argument("--timeout", type=float, default=20.0, help="seconds before a request is given up")
    p.add_argument("--max-bytes", type=int, default=5_000_000, help="larger pages are skipped")
    p.add_argument("--user-agent", default=None, help="default: framelens/<version> (research corpus builder)")
    p.set_defaults(func=cmd_fetch)

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

