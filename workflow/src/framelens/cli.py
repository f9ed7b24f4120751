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
from pathlib import Path

from framelens import __version__
from framelens import io as fio
from framelens.errors import ConfigError, CorpusError, FramelensError, LexiconError

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
    if "lang" in articles.columns and "lang" not in tokens.columns:  # the matcher needs each article's language
        tokens.insert(2, "lang", articles["lang"].to_numpy())
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


def _read_tokens(path: str, articles: str | None = None):
    """The tokens table with ``lang`` (None when absent) and ``date`` (from ``articles`` when given)."""
    tokens = fio.read_parquet(path)
    if "lang" not in tokens.columns:
        tokens["lang"] = None
    tokens["lang"] = [x if isinstance(x, str) and x else None for x in tokens["lang"]]
    tokens["date"] = ""
    if articles:
        dates = fio.read_parquet(articles, columns=["id", "date"]).set_index("id")["date"]
        tokens["date"] = [str(d) if isinstance(d, str) else "" for d in tokens["id"].map(dates)]
    return tokens


def _lexicon_meta(lexicon) -> dict[str, str]:
    return {"lexicon": lexicon.name, "lexicon_version": lexicon.version, "lexicon_sha256": lexicon.sha256}


def _with_lexicon_columns(frame, lexicon):
    frame = frame.copy()
    for key, value in _lexicon_meta(lexicon).items():
        frame[key] = value
    return frame


def cmd_score(args: argparse.Namespace) -> int:
    from framelens.lexicon import parse_entry
    from framelens.score import score_articles, score_windows

    lexicon = _load_lexicon(args.lexicon)
    tokens = _read_tokens(args.tokens)
    columns = (tokens["id"].tolist(), tokens["outlet"].tolist(), tokens["tokens"].tolist(), lexicon)
    meta = _provenance(**_lexicon_meta(lexicon))
    if args.near:
        targets = [parse_entry(t) for t in args.near]
        scores = score_windows(*columns, targets, window=args.window, langs=tokens["lang"].tolist())
        meta.update(_provenance(target=args.target or "", target_terms=args.near, window=args.window))
        scope = f"within {args.window} tokens of {args.near}, {len(scores.articles)} articles with a mention"
    else:
        scores = score_articles(*columns, langs=tokens["lang"].tolist())
        scope = "whole articles"
    fio.write_parquet(scores.categories, args.categories, metadata=meta)
    fio.write_parquet(scores.terms, args.terms, metadata=meta)
    fio.write_parquet(scores.articles, args.article_scores, metadata=meta)
    print(f"score: {len(tokens)} articles × {len(lexicon.categories)} categories "
          f"({lexicon.name} {lexicon.version}, sha256 {lexicon.sha256[:12]}), {scope}: "
          f"{int(scores.categories['count'].sum())} hits counted, {int(scores.categories['negated'].sum())} "
          f"negated, {int(scores.categories['excluded'].sum())} exclusion spans", file=sys.stderr)
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
    elif args.kind == "contributions":
        fig = plots.contributions_figure(table, outlets, top=args.top)
    else:
        fig = plots.heatmap_figure(relative_to_corpus(table), outlets)
    for path in args.out:
        fio.save_figure(fig, path, dpi=args.dpi)
    plt.close(fig)
    return 0


# --------------------------------------------------------------------------- lexicon tools
def _corpus_articles(path: str, *, text_field: str = "text", title: bool = True):
    """(ids, outlets, token lists, langs, rows) of a tokens Parquet or a raw corpus file."""
    from framelens.tokenize import word_tokens

    if str(path).endswith(".parquet") and "tokens" in fio.read_parquet(path).columns:
        t = _read_tokens(path)
        return t["id"].tolist(), t["outlet"].tolist(), [list(x) for x in t["tokens"]], t["lang"].tolist(), None
    rows, bad = fio.read_corpus_rows(path)
    if bad:
        print(f"{path}: {len(bad)} unreadable row(s) skipped (first at line {bad[0][0]}: {bad[0][1]})",
              file=sys.stderr)
    fields = [r for _, r in rows]
    texts = [((f.get("title") or "") + "\n\n" if title else "") + str(f.get(text_field) or "") for f in fields]
    return ([str(f.get("id", i)) for i, f in enumerate(fields)], [str(f.get("outlet", "")) for f in fields],
            [word_tokens(t) for t in texts], [f.get("lang") or None for f in fields], fields)


def cmd_lexicon_check(args: argparse.Namespace) -> int:
    from framelens.interop import read_any
    from framelens.score import score_articles

    corpus = _corpus_articles(args.corpus) if args.corpus else None
    status = 0
    for path in args.files:
        try:
            lexicon = read_any(fio.read_text(path), path=str(path), name=Path(path).stem)
        except FramelensError as exc:
            print(exc)
            status = 1
            continue
        for problem in lexicon.problems:
            print(problem.format(str(path)))
        n_err = sum(p.level == "error" for p in lexicon.problems)
        n_warn = len(lexicon.problems) - n_err
        n_entries = sum(len(c.own_entries) for c in lexicon.categories)
        n_unused = 0
        if corpus is not None and not n_err:
            ids, outlets, token_lists, langs, _ = corpus
            terms = score_articles(ids, outlets, token_lists, lexicon, langs=langs).terms
            seen = terms.assign(total=terms["n"] + terms["n_negated"]).groupby(["category", "entry"])["total"].sum()
            for cat in lexicon.categories:
                for entry in cat.own_entries:
                    if seen.get((cat.name, entry.text), 0) == 0:
                        n_unused += 1
                        print(f"{path}:{entry.line}: warning: category {cat.name!r}: entry {entry.text!r} "
                              f"never occurs in {args.corpus} ({len(ids)} articles)")
        print(f"{path}: {len(lexicon.categories)} categories, {n_entries} entries, "
              f"{n_err} error(s), {n_warn + n_unused} warning(s)"
              + (f", {n_unused} never occurring in the corpus" if corpus is not None and not n_err else ""))
        status = status or (1 if n_err else 0)
    return status


def cmd_lexicon_convert(args: argparse.Namespace) -> int:
    from framelens.interop import lexicon_to_dic, lexicon_to_quanteda, lexicon_to_yaml, read_any

    src = str(args.input)
    lexicon = read_any(fio.read_text(src), path=src, name=args.name or Path(src).stem)
    errors = [p for p in lexicon.problems if p.level == "error"]
    if errors:
        raise LexiconError(f"{src}: cannot convert a lexicon with errors:\n" + "\n".join(p.format(src) for p in errors))
    fmt = args.to or ("liwc" if str(args.output).lower().endswith(".dic") else "framelens")
    warnings: list[str] = []
    if fmt == "liwc":
        text, warnings = lexicon_to_dic(lexicon)
    elif fmt == "quanteda":
        text, warnings = lexicon_to_quanteda(lexicon)
    else:
        text = lexicon_to_yaml(lexicon)
    for warning in warnings:
        print(f"convert: warning: {warning}", file=sys.stderr)
    fio.write_text(text, args.output)
    print(f"convert: {src} -> {args.output} ({fmt}): {len(lexicon.categories)} categories", file=sys.stderr)
    return 0


def cmd_lexicon_suggest(args: argparse.Namespace) -> int:
    from framelens.expand import suggest_terms
    from framelens.tokenize import word_tokens

    lexicon = _load_lexicon(args.lexicon)
    tokens = _read_tokens(args.tokens)
    sentences, langs = [], []
    for sents, lang in zip(tokens["sentences"], tokens["lang"]):
        for sentence in sents:
            sentences.append(word_tokens(sentence))
            langs.append(lang)
    review = suggest_terms(sentences, lexicon, args.category, langs=langs, top=args.top,
                           min_count=args.min_count, max_share=args.max_share, seed=args.seed)
    review = _with_lexicon_columns(review, lexicon)
    fio.write_csv(review, args.out)
    for row in review.itertuples(index=False):
        print(f"{row.score:.4f}  {row.candidate}")
        for line in (row.kwic_1, row.kwic_2):
            if line:
                print(f"          {line}")
    print(f"suggest: {len(review)} candidates for {args.category!r} -> {args.out}; mark 'accept' with 1 "
          f"and run `framelens lexicon apply`", file=sys.stderr)
    return 0


def cmd_lexicon_apply(args: argparse.Namespace) -> int:
    from framelens.expand import apply_review, check_applied
    from framelens.interop import data_to_yaml

    lexicon = _load_lexicon(args.lexicon)
    data, added = apply_review(lexicon, fio.read_csv(args.review))
    text = data_to_yaml(data)
    new = check_applied(text, path=str(args.out))
    fio.write_text(text, args.out)
    for item in added:
        print(f"  + {item}")
    print(f"apply: {len(added)} entr(ies) added; {lexicon.name} {lexicon.version} -> {new.version} "
          f"(sha256 {new.sha256[:12]}) -> {args.out}", file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- kwic
def _filter_outlets(tokens, outlets):
    return tokens[tokens["outlet"].isin(outlets)] if outlets else tokens


def cmd_kwic(args: argparse.Namespace) -> int:
    from framelens.kwic import format_kwic, kwic, kwic_pattern, kwic_sample

    if bool(args.pattern) == bool(args.category):
        raise ConfigError("kwic: give either a PATTERN or --category (not both)")
    tokens = _filter_outlets(_read_tokens(args.tokens, args.articles), args.outlet)
    cols = (tokens["id"].tolist(), tokens["outlet"].tolist(), tokens["tokens"].tolist())
    opts = {"langs": tokens["lang"].tolist(), "dates": tokens["date"].tolist(), "window": args.window}
    if args.category:
        if not args.lexicon:
            raise ConfigError("kwic: --category needs --lexicon")
        lexicon = _load_lexicon(args.lexicon)
        cats = lexicon.category_names if args.category == ["all"] else args.category
        lines = kwic(*cols, lexicon, categories=cats, **opts)
    else:
        lexicon = None
        lines = kwic_pattern(*cols, args.pattern, **opts)
    if args.per_cell:
        lines = kwic_sample(lines, per_cell=args.per_cell, seed=args.seed)
    if args.out:
        fio.write_csv(_with_lexicon_columns(lines, lexicon) if lexicon else lines, args.out)
    if not args.quiet:
        shown = lines.head(args.limit) if args.limit else lines
        if len(shown):
            print(format_kwic(shown))
    print(f"kwic: {len(lines)} line(s)" + (f" -> {args.out}" if args.out else ""), file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- contributions
def cmd_contributions(args: argparse.Namespace) -> int:
    from framelens.contributions import term_contributions

    terms = fio.read_parquet(args.terms)
    meta = fio.parquet_metadata(args.terms)
    table = term_contributions(terms)
    for key in ("lexicon", "lexicon_version", "lexicon_sha256"):
        table[key] = meta.get(key, "")
    fio.write_csv(table, args.out)
    top = table[table["rank"] == 1]
    print(f"contributions: {len(table)} outlet × category × entry rows; the top entry gives on average "
          f"{top['share'].mean():.0%} of a category's hits" if len(top) else "contributions: no hits",
          file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- validate
def cmd_validate_sample(args: argparse.Namespace) -> int:
    from framelens.kwic import kwic, kwic_sample
    from framelens.validate import coding_sheet

    lexicon = _load_lexicon(args.lexicon)
    tokens = _read_tokens(args.tokens, args.articles)
    lines = kwic(tokens["id"].tolist(), tokens["outlet"].tolist(), tokens["tokens"].tolist(), lexicon,
                 langs=tokens["lang"].tolist(), dates=tokens["date"].tolist(), window=args.window)
    lines = lines[~lines["negated"]]
    sheet = coding_sheet(kwic_sample(lines, per_cell=args.per_cell, seed=args.seed),
                         second_coder=args.second_coder)
    fio.write_csv(_with_lexicon_columns(sheet, lexicon), args.out)
    print(f"validate sample: {len(sheet)} hits to code ({args.per_cell} per category × outlet at most) "
          f"-> {args.out}", file=sys.stderr)
    return 0


def cmd_validate_score(args: argparse.Namespace) -> int:
    from framelens.validate import score_sheet

    sheet = fio.read_csv(args.sheet)
    result = score_sheet(sheet, level=args.level)
    provenance = {k: str(sheet[k].iloc[0]) if k in sheet.columns and len(sheet) else ""
                  for k in ("lexicon", "lexicon_version", "lexicon_sha256")}
    for frame in (result.entries, result.categories):
        for key, value in provenance.items():
            frame[key] = value
    fio.write_csv(result.categories, args.categories)
    if args.entries:
        fio.write_csv(result.entries, args.entries)
    if args.agreement:
        fio.write_csv(result.agreement, args.agreement)
    if args.scores and args.joined:
        scores = fio.read_csv(args.scores)
        prec = result.categories[["category", "n_coded", "precision", "ci_low", "ci_high"]].rename(columns={
            "n_coded": "precision_n", "precision": "precision", "ci_low": "precision_low",
            "ci_high": "precision_high"})
        fio.write_csv(scores.merge(prec, on="category", how="left"), args.joined)
    for row in result.categories.itertuples(index=False):
        print(f"{row.category}: precision {row.precision:.2f} [{row.ci_low:.2f}, {row.ci_high:.2f}] "
              f"({row.n_relevant}/{row.n_coded} coded, {row.n_uncoded} uncoded)")
    for row in result.agreement.itertuples(index=False):
        print(f"agreement on {row.n_both_coded} items: {row.percent_agreement:.1%}, Cohen's kappa "
              f"{row.cohen_kappa:.3f}, Krippendorff's alpha {row.krippendorff_alpha:.3f}")
    return 0


def cmd_validate_spans(args: argparse.Namespace) -> int:
    from framelens.validate import span_scores

    lexicon = _load_lexicon(args.lexicon)
    rows, bad = fio.read_corpus_rows(args.corpus)
    texts, gold, langs = [], [], []
    skipped = 0
    for lineno, row in rows:
        spans = row.get(args.spans_field) or []
        if not isinstance(spans, list):
            raise CorpusError(f"{args.corpus}:{lineno}: field {args.spans_field!r} must be a list of spans")
        kept = []
        for span in spans:
            if span.get("field", args.text_field) != args.text_field:
                skipped += 1
                continue
            if args.labels and str(span.get(args.label_key)) not in args.labels:
                continue
            kept.append((int(span["start"]), int(span["end"])))
        texts.append(str(row.get(args.text_field) or ""))
        gold.append(kept)
        langs.append(row.get("lang") or args.lang)
    table = span_scores(texts, gold, lexicon, langs=langs)
    table = _with_lexicon_columns(table, lexicon)
    if args.out:
        fio.write_csv(table, args.out)
    for row in table.itertuples(index=False):
        print(f"{row.category}: P {row.precision:.3f}  R {row.recall:.3f}  F1 {row.f1:.3f}  "
              f"({row.true_positives} of {row.n_predicted} predicted tokens; {row.n_gold} gold of "
              f"{row.n_tokens} tokens, chance precision {row.gold_share:.4f})")
    print(f"validate spans: {len(texts)} articles ({len(bad)} unreadable), {sum(map(len, gold))} gold spans"
          f"{f' labelled {args.labels}' if args.labels else ''}, {skipped} span(s) outside "
          f"{args.text_field!r} skipped", file=sys.stderr)
    return 0


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
    p.add_argument("--near", nargs="+", metavar="TERM",
                   help="score only within --window tokens of these target entries (lexicon syntax)")
    p.add_argument("--window", type=int, default=10, help="target window: tokens on each side of a target")
    p.add_argument("--target", help="name of the target (recorded in the output metadata)")
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
    p.add_argument("kind", choices=["profile", "heatmap", "contributions"])
    p.add_argument("--table", required=True, help="compare table (CSV)")
    p.add_argument("--outlets", required=True)
    p.add_argument("--level", type=float, default=0.95)
    p.add_argument("--dpi", type=int, default=200)
    p.add_argument("--top", type=int, default=6, help="contributions: entries shown per category")
    p.add_argument("--out", nargs="+", required=True, help="output files (.png, .svg)")
    p.set_defaults(func=cmd_plot)

    p = sub.add_parser("lexicon", help="lexicon tools")
    lsub = p.add_subparsers(dest="lexicon_command", required=True, metavar="TOOL")
    q = lsub.add_parser("check", help="check lexicon files; exit 1 on errors",
                        description="Report errors (file:line) and warnings; with --corpus also the entries "
                                    "that never occur. Exit 1 when a file has errors.")
    q.add_argument("files", nargs="+", help="lexicon files (framelens YAML, quanteda YAML or LIWC .dic)")
    q.add_argument("--corpus", help="tokens Parquet (results/tokens/tokens.parquet) or a corpus file")
    q.set_defaults(func=cmd_lexicon_check)
    q = lsub.add_parser("convert", help="convert between framelens YAML, quanteda YAML and LIWC .dic",
                        description="The input format is read from the suffix/content; the output format from "
                                    "--to or the suffix (.dic = LIWC, else framelens YAML). Features the target "
                                    "format lacks are dropped with a warning.")
    q.add_argument("input")
    q.add_argument("output")
    q.add_argument("--to", choices=["framelens", "quanteda", "liwc"])
    q.add_argument("--name", help="lexicon name for formats without one (default: input file stem)")
    q.set_defaults(func=cmd_lexicon_convert)
    q = lsub.add_parser("suggest", help="suggest new entries for a category from the corpus (offline)",
                        description="Ranks words and phrases by co-occurrence association with the category's "
                                    "hits, NLTK collocations with a seed, and TruncatedSVD similarity; writes a "
                                    "review CSV with an empty 'accept' column.")
    q.add_argument("--tokens", required=True, help="tokens Parquet (with sentences)")
    q.add_argument("--lexicon", required=True)
    q.add_argument("--category", required=True, help="category path, e.g. sanctions or sanctions/blockade")
    q.add_argument("--top", type=int, default=30)
    q.add_argument("--min-count", type=int, default=3, help="minimum number of sentences a candidate is in")
    q.add_argument("--max-share", type=float, default=0.2,
                   help="leave out words in more than this share of sentences (function words)")
    q.add_argument("--seed", type=int, default=0)
    q.add_argument("--out", required=True, help="output: review sheet (CSV)")
    q.set_defaults(func=cmd_lexicon_suggest)
    q = lsub.add_parser("apply", help="merge accepted suggestions into a lexicon as a new version",
                        description="Rows with accept = 1/y/yes/true/x are added to their category; the version "
                                    "is bumped. The output is canonical framelens YAML (comments are not kept).")
    q.add_argument("lexicon")
    q.add_argument("review", help="review sheet from `framelens lexicon suggest`")
    q.add_argument("--out", required=True, help="output lexicon (may be the input file)")
    q.set_defaults(func=cmd_lexicon_apply)

    p = sub.add_parser("kwic", help="keyword-in-context lines of a pattern or a lexicon category",
                       description="Prints article id, outlet, date, left context, [match], right context "
                                   "(lower-cased tokens, as the matcher sees them) and optionally writes a CSV.")
    p.add_argument("pattern", nargs="?", help="an entry in lexicon syntax: sanction*, 'sister country', ~bloqueo")
    p.add_argument("--category", nargs="+", help="category path(s) of --lexicon ('all' for every category)")
    p.add_argument("--lexicon")
    p.add_argument("--tokens", required=True, help="tokens Parquet")
    p.add_argument("--articles", help="articles Parquet (adds dates)")
    p.add_argument("--outlet", nargs="+", help="only these outlet ids")
    p.add_argument("--window", type=int, default=6, help="context tokens on each side")
    p.add_argument("--per-cell", type=int, default=0, help="random sample of at most N lines per category × outlet")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--limit", type=int, default=50, help="lines printed (0 = all); the CSV has every line")
    p.add_argument("--quiet", action="store_true", help="print nothing but the summary")
    p.add_argument("--out", help="output: KWIC lines (CSV)")
    p.set_defaults(func=cmd_kwic)

    p = sub.add_parser("contributions", help="per outlet × category, which entries produced the hits")
    p.add_argument("--terms", required=True, help="terms Parquet from the score step")
    p.add_argument("--out", required=True, help="output: contributions table (CSV)")
    p.set_defaults(func=cmd_contributions)

    p = sub.add_parser("validate", help="validate a lexicon against human judgement")
    vsub = p.add_subparsers(dest="validate_command", required=True, metavar="TOOL")
    q = vsub.add_parser("sample", help="write a coding sheet: a stratified sample of hits to judge",
                        description="A random sample of counted hits per category × outlet with context and an "
                                    "empty 'relevant' column (and 'relevant_2' for a second coder).")
    q.add_argument("--tokens", required=True)
    q.add_argument("--articles", help="articles Parquet (adds dates)")
    q.add_argument("--lexicon", required=True)
    q.add_argument("--per-cell", type=int, default=10)
    q.add_argument("--window", type=int, default=10)
    q.add_argument("--seed", type=int, default=0)
    q.add_argument("--second-coder", action="store_true")
    q.add_argument("--out", required=True, help="output: coding sheet (CSV)")
    q.set_defaults(func=cmd_validate_sample)
    q = vsub.add_parser("score", help="precision per entry and category (Wilson CIs); agreement of two coders",
                        description="Codes: 1/yes/y/true/x relevant, 0/no/n/false not relevant, empty = not coded.")
    q.add_argument("sheet", help="a coded sheet from `framelens validate sample`")
    q.add_argument("--level", type=float, default=0.95)
    q.add_argument("--categories", required=True, help="output: precision per category (CSV)")
    q.add_argument("--entries", help="output: precision per category × entry (CSV)")
    q.add_argument("--agreement", help="output: Cohen's kappa and Krippendorff's alpha (CSV)")
    q.add_argument("--scores", help="outlet scores table (CSV) to show the precision next to")
    q.add_argument("--joined", help="output: outlet scores with precision columns (CSV)")
    q.set_defaults(func=cmd_validate_score)
    q = vsub.add_parser("spans", help="token-level precision/recall/F1 of hits against annotated spans",
                        description="A token is gold when it overlaps an annotated character span of the text "
                                    "field, predicted when inside a counted hit.")
    q.add_argument("--corpus", required=True, help="corpus file with span annotations")
    q.add_argument("--lexicon", required=True)
    q.add_argument("--spans-field", default="spans", help="field holding a list of {start, end, label}")
    q.add_argument("--text-field", default="text", help="field the offsets refer to")
    q.add_argument("--label-key", default="label", help="span key holding the label")
    q.add_argument("--labels", nargs="+", help="only spans with these labels (default: all)")
    q.add_argument("--lang", help="language for articles without a lang field")
    q.add_argument("--out", help="output: P/R/F1 table (CSV)")
    q.set_defaults(func=cmd_validate_spans)
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

