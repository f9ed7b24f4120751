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
import math
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
    if args.processes < 1:
        raise ConfigError(f"--processes must be at least 1, not {args.processes}")
    import bisect

    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from framelens.ingest import IngestStream
    from framelens.parallel import ordered_map

    outlets = fio.read_outlets(args.outlets)
    with fio.scratch_dir(args.articles) as scratch:
        # Pass 1: rows are checked, cleaned and de-duplicated batch by batch; admitted articles
        # go to a scratch file in input order (extra fields as JSON), the duplicate keys of the
        # kept ones to a spool. Some admitted rows are found to be duplicates later
        # (stream.dropped): pass 2 leaves them out.
        stream = IngestStream(known_outlets=outlets["outlet"], boilerplate_patterns=args.boilerplate,
                              unicode_form=args.unicode_form, markup=args.markup, max_text_chars=args.max_text_chars,
                              spool=fio.TableSpool(scratch / "kept-keys"))
        with fio.scratch_parquet_writer(scratch / "admitted.parquet", schema=_ingest_scratch_schema()) as admitted_out:
            def put(admitted: list) -> None:
                if admitted:
                    admitted_out(_ingest_scratch_table(admitted))

            for path in args.corpus:
                if fio.corpus_format(path, args.format) == "html":
                    from framelens.html import pages_to_sources

                    pages, sheet = fio.read_html_pages(path)
                    if not pages:
                        raise CorpusError(f"HTML corpus folder {path} has no .html/.htm pages; remove it from "
                                          f"corpus.paths or save pages into it")
                    for src in pages_to_sources(str(path), pages, sheet, min_chars=args.html_min_chars):
                        items = [(line, None, reason, detail) for line, reason, detail in src.unreadable]
                        put(stream.feed(src.name, items + [(line, row, "", "") for line, row in src.rows]))
                    continue
                empty = True
                if fio.corpus_format(path, args.format) == "jsonl":
                    # with --processes N, rows are parsed, checked and cleaned in N - 1 worker
                    # processes, a chunk of lines each; duplicates are checked here, in input order
                    how = stream.preparation()
                    jobs = ((first, lines, args.encoding_errors, how)
                            for first, lines in fio.iter_jsonl_chunks(path, args.batch_rows))
                    for prepared in ordered_map(_prepare_jsonl_chunk, jobs, workers=args.processes - 1):
                        empty = empty and not prepared
                        put(stream.feed_prepared(str(path), prepared))
                else:
                    for batch in fio.iter_corpus_rows(path, fmt=args.format, encoding_errors=args.encoding_errors,
                                                      batch_rows=args.batch_rows):
                        empty = False
                        put(stream.feed(str(path), batch))
                if empty:
                    raise CorpusError(f"corpus file {path} is empty (no rows); remove it from corpus.paths "
                                      f"or re-run the export that produced it")
        rejected, counts = stream.finish()
        if counts["kept"] == 0:
            for rej in rejected.head(20).itertuples(index=False):
                print(f"{rej.source}:{rej.line}: {rej.reason}: {rej.detail}", file=sys.stderr)
            reasons = {k[len("rejected_"):]: v for k, v in counts.items() if k.startswith("rejected_")}
            raise CorpusError(f"no article left: all {counts['read']} rows were rejected {reasons}; "
                              f"the first rejected rows are listed above with file, line and reason")
        # Pass 2: sort by (outlet, id) out of core: rows go to buckets of consecutive keys (cut
        # by splitters from a fixed-size sample of the keys, into ranges of about equal text),
        # each bucket is sorted in memory and appended. At most 2 batches of rows and about
        # INGEST_BUCKET_CHARS characters a bucket, at most 256 buckets, so that the split's
        # writes (reads x buckets) grow linearly: beyond ~10^6 articles of news length buckets grow.
        n = counts["kept"]
        n_buckets = max(1, min(256, n, max(-(-n // (2 * args.batch_rows)),
                                           -(-stream.admitted_chars // INGEST_BUCKET_CHARS))))
        splitters = stream.key_splitters(n_buckets)
        dropped = stream.dropped
        buckets = [scratch / f"bucket-{b}.arrows" for b in range(n_buckets)]  # Arrow IPC streams
        offset = [0]

        def assign(batch):
            first = offset[0]
            offset[0] += batch.num_rows
            keys = zip(batch.column("outlet").to_pylist(), batch.column("id").to_pylist())
            bucket = np.fromiter((bisect.bisect_right(splitters, key) for key in keys), np.int64, batch.num_rows)
            gone = dropped[np.searchsorted(dropped, first):np.searchsorted(dropped, offset[0])]
            bucket[gone - first] = -1  # found to be duplicates after they were admitted
            return bucket

        sizes = fio.split_parquet(scratch / "admitted.parquet", buckets, assign, batch_rows=args.batch_rows,
                                  arrow_stream=True)
        if sum(sizes) != n:  # pragma: no cover - invariant
            raise AssertionError(f"ingest: {sum(sizes)} rows in the buckets, {n} kept")
        schema = pa.Schema.from_pandas(stream.sample_frame(), preserve_index=False)
        settings = {"boilerplate": args.boilerplate, "unicode_form": args.unicode_form,
                    "encoding_errors": args.encoding_errors, "html_min_chars": args.html_min_chars,
                    "markup": args.markup, "max_text_chars": args.max_text_chars}
        with fio.parquet_stream_writer(args.articles, schema=schema, background=False, parts=True) as out:
            # Row groups of batch_rows rows (the last one fewer), whatever the buckets. A bucket
            # is held once; its rows are taken in sorted order a row group's worth at a time.
            groups = fio.FixedRowGroups(out.write, args.batch_rows, schema)
            for path in buckets:
                # one contiguous copy: a take from the stream's many small batches would
                # concatenate them all again for every row group (measured: +76 MB a take)
                table = fio.read_arrow_stream(path).combine_chunks()
                order = pc.sort_indices(table, sort_keys=[("outlet", "ascending"), ("id", "ascending")])
                for lo in range(0, table.num_rows, args.batch_rows):
                    groups.write(_ingest_table(stream, table.take(order[lo:lo + args.batch_rows]), schema))
                del table, order
                fio.release_memory()  # else freed bucket buffers stay in the process: RSS creeps up
            groups.close()
            out.metadata.update(_provenance(settings=settings, counts=counts))
    fio.write_csv(rejected, args.rejected)
    if args.summary:
        fio.write_json(counts, args.summary)
    c = counts
    print(f"ingest: {c['read']} in / {c['kept']} kept / {c['rejected']} rejected", file=sys.stderr)
    if c.get("replaced_chars"):
        print(f"  undecodable bytes replaced by U+FFFD: {c['replaced_chars']} character(s)", file=sys.stderr)
    for key, value in c.items():
        if key.startswith("rejected_"):
            print(f"  {key[len('rejected_'):]}: {value}", file=sys.stderr)
    return 0


#: Characters (texts and titles) of a bucket of ingest's sort: about 4,000 news articles. A
#: bucket is sorted in memory, and twice its size is held while it is (measured at 10^6
#: articles: buckets cut by rows held 1.6-2x the mean characters, by characters 1.2-1.4x).
INGEST_BUCKET_CHARS = 24_000_000


def _prepare_jsonl_chunk(first: int, lines: list[bytes], errors: str, how) -> list:
    """A worker's share of ingest: parse a chunk of JSON Lines, check and clean its rows."""
    from framelens.ingest import prepare_items

    return prepare_items(fio.parse_jsonl_lines(first, lines, errors), how)


def _ingest_scratch_schema():
    import pyarrow as pa

    text = ("id", "outlet", "date", "title", "text", "url", "lang", "source")
    ints = ("source_line", "boilerplate_lines", "replaced_chars", "markup_removed")
    return pa.schema([(c, pa.string()) for c in text] + [(c, pa.int64()) for c in ints] + [("__extras", pa.string())])


_INGEST_CORE = ("id", "outlet", "date", "title", "text", "url", "lang", "source",
                "source_line", "boilerplate_lines", "replaced_chars", "markup_removed")


def _ingest_scratch_table(kept: list):
    """Kept articles as a scratch table: the core columns, and the extra fields as JSON."""
    import pyarrow as pa

    basic = (str, int, float, bool, type(None))
    columns = {c: [a[c] for a in kept] for c in _INGEST_CORE}
    # Extra values of other types (dates, decimals) make their column text anyway: stored as text.
    # An article has every core field, so one with no more has no extras (most corpora: no JSON work).
    n_core = len(_INGEST_CORE)
    columns["__extras"] = ["{}" if len(a) == n_core else json.dumps(
        {k: (v if isinstance(v, basic) else str(v)) for k, v in a.items() if k not in _INGEST_CORE},
        ensure_ascii=False) for a in kept]
    return pa.table(columns, schema=_ingest_scratch_schema())


def _ingest_table(stream, part, schema):
    """Scratch rows (sorted) as rows of the articles table: the texts stay in Arrow."""
    extras = [{} if value == "{}" else json.loads(value) for value in part.column("__extras").to_pylist()]
    return stream.articles_table(part.drop_columns(["__extras"]), extras, schema)


# --------------------------------------------------------------------------- tokenize
def cmd_tokenize(args: argparse.Namespace) -> int:
    from framelens.tokenize import (
        article_text, punkt_from_dict, punkt_to_dict, sentence_splitters, tokenize_articles,
        train_punkt_by_language,
    )

    if args.punkt_params:  # sharded workflow: Punkt was trained once on the whole corpus
        return _tokenize_batched(args)
    if not args.punkt:
        raise ConfigError("tokenize needs --punkt (output) or --punkt-params (trained parameters)")
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


# --------------------------------------------------------------------------- shards (issue 9)
def _progress(total: int, what: str):
    from tqdm import tqdm

    return tqdm(total=total, unit=what, file=sys.stderr, mininterval=5.0, ascii=True)


def _throughput(step: str, n: int, seconds: float, extra: str = "") -> None:
    seconds = max(seconds, 1e-9)
    print(f"{step}: {n} articles in {seconds:.1f} s ({n / seconds:,.0f} articles/s{extra})", file=sys.stderr)


#: The shard step holds up to this many batches (of ``--batch-mb``) of rows waiting for their shard's
#: next row group: with ``n`` shards, row groups of about ``batch_rows`` rows or this many batches / n.
SHARD_BUFFER_BATCHES = 8


def cmd_shard(args: argparse.Namespace) -> int:
    from framelens.shards import shard_indices

    n = len(args.out)
    total = fio.parquet_num_rows(args.articles)
    with _progress(total, "art") as bar:
        counts = fio.split_parquet(
            args.articles, args.out,
            lambda batch: shard_indices(batch.column("id").to_pylist(), n),
            batch_rows=args.batch_rows, metadata={"n_shards": str(n)}, progress=bar.update,
            max_bytes=args.batch_bytes, buffer_bytes=SHARD_BUFFER_BATCHES * args.batch_bytes,
        )
    print(f"shard: {total} articles into {n} shards (sizes {min(counts)}..{max(counts)})", file=sys.stderr)
    if sum(counts) != total:  # pragma: no cover - invariant
        raise AssertionError(f"shard lost rows: {sum(counts)} of {total}")
    return 0


def _minhash_args(p: argparse.ArgumentParser) -> None:
    """The near-duplicate settings shared by ``syndication`` and ``syndication-keys``."""
    p.add_argument("--threshold", type=float, default=0.5, help="minimum Jaccard similarity of word shingles")
    p.add_argument("--shingle-size", type=int, default=5, help="words per shingle")
    p.add_argument("--num-perm", type=int, default=128, help="MinHash permutations")
    p.add_argument("--seed", type=int, default=1, help="MinHash seed (fixed: reruns are identical)")


def _syndication_settings(args: argparse.Namespace) -> dict[str, str]:
    """What makes MinHash band keys comparable: computed with other settings, they must not be mixed."""
    return {"threshold": repr(args.threshold), "num_perm": str(args.num_perm),
            "shingle_size": str(args.shingle_size), "seed": str(args.seed)}


def _band_key_batches(args: argparse.Namespace, bands: int, rows: int, part: tuple[int, int] | None = None,
                      progress=None):
    """(band keys, validity) of the articles of ``args.articles`` (or of its ``part``), a batch at a time."""
    from framelens.syndication import band_keys

    for (texts,) in fio.iter_parquet_columns(args.articles, columns=["text"], batch_rows=args.batch_rows,
                                             part=part, max_bytes=args.batch_bytes):
        yield band_keys(texts, shingle_size=args.shingle_size, num_perm=args.num_perm, seed=args.seed,
                        bands=bands, rows=rows)
        if progress is not None:
            progress(len(texts))


def _computed_band_keys(args: argparse.Namespace, n: int, bands: int, rows: int):
    """The band keys and validity of the ``n`` articles of ``args.articles``."""
    import numpy as np

    keys = np.zeros((n, bands), dtype=np.uint64)
    valid = np.zeros(n, dtype=bool)
    at = 0
    for k, v in _band_key_batches(args, bands, rows):
        keys[at:at + len(k)], valid[at:at + len(k)] = k, v
        at += len(k)
    return keys, valid


def cmd_syndication_keys(args: argparse.Namespace) -> int:
    import time

    import numpy as np

    from framelens.syndication import lsh_params

    bands, rows = lsh_params(threshold=args.threshold, num_perm=args.num_perm)
    span = fio.parquet_part_rows(args.articles, args.part, args.parts)
    start = time.perf_counter()
    def batches():
        at = span.start
        for keys, valid in _band_key_batches(args, bands, rows, part=(args.part, args.parts), progress=bar.update):
            yield {"row": np.arange(at, at + len(valid), dtype=np.int64), "valid": valid,
                   **{_band_column(b): keys[:, b] for b in range(bands)}}
            at += len(valid)
        if at == span.start:  # an empty part still has its columns
            yield {"row": np.zeros(0, np.int64), "valid": np.zeros(0, bool),
                   **{_band_column(b): np.zeros(0, np.uint64) for b in range(bands)}}

    # one column per band, so that the merge reads one band of every part at a time; written a
    # batch at a time, so that memory does not grow with the part
    with _progress(len(span), "art") as bar:
        fio.write_array_batches(batches(), args.out, metadata=_syndication_settings(args),
                                row_group_rows=BAND_KEY_ROW_GROUP)
    _throughput(f"syndication-keys (part {args.part} of {args.parts}, rows {span.start}..{span.stop - 1})",
                len(span), time.perf_counter() - start)
    return 0


#: Rows per row group of a band-key part. A row group waits in memory (with a copy while it is
#: joined) until it is written, so it is kept small: at 65,536 rows (a gathered table's) a part of
#: 10^6 / 8 articles held 34 MB more than one of 10^5 / 8, whose rows never filled a group. The
#: merge reads a band a row group at a time, so it reads less at once too.
BAND_KEY_ROW_GROUP = 16_384


def _band_column(band: int) -> str:
    return f"band_{band:03d}"


def _syndication_pairs(args: argparse.Namespace, n: int, bands: int, rows: int):
    """The candidate pairs (rows sharing a band key): merged band by band from the per-part files
    (``--keys``: each band streamed a row group at a time, twice, see
    :func:`framelens.syndication.band_pairs_streamed`), or from keys computed here."""
    import numpy as np

    from framelens.syndication import band_pairs_streamed, candidate_pairs, merge_pairs

    if not args.keys:
        return candidate_pairs(*_computed_band_keys(args, n, bands, rows))
    valid = np.zeros(n, dtype=bool)
    at = 0
    want = _syndication_settings(args)
    for path in args.keys:
        got = {k: v for k, v in fio.parquet_metadata(path).items() if k in want}
        if got != want:
            raise ConfigError(f"{path}: band keys computed with settings {got}, but this step has {want}; "
                              f"run syndication-keys again with this step's settings")
        names = fio.parquet_schema_names(path)
        part = fio.read_array_parquet(path, columns=["row", "valid"])
        m = len(part["row"])
        held = sum(name.startswith("band_") for name in names)
        if held != bands or (m and (part["row"][0] != at or part["row"][-1] != at + m - 1)):
            first, last = (part["row"][0], part["row"][-1]) if m else ("-", "-")
            raise CorpusError(f"{path}: holds rows {first}..{last} with {held} band columns, but row {at} with "
                              f"{bands} bands comes next; give the parts of this articles table in order, "
                              f"written by this version's syndication-keys")
        valid[at:at + m] = part["valid"]
        at += m
    if at != n:
        raise CorpusError(f"the band-key parts hold {at} rows, but {args.articles} has {n}; "
                          f"they were computed from another articles table")

    def band_batches(name: str):
        # one band's keys, part after part, a row group at a time: never the band's whole column
        return lambda: (keys for path in args.keys for keys in fio.iter_array_parquet(path, name))

    return merge_pairs((band_pairs_streamed(band_batches(_band_column(band)), valid) for band in range(bands)), n)


def cmd_punkt(args: argparse.Namespace) -> int:
    from framelens.shards import sample_ids
    from framelens.tokenize import article_text, punkt_to_dict, train_punkt_by_language

    ids = fio.read_parquet(args.articles, columns=["id"])["id"].tolist()
    keep = sample_ids(ids, args.max_articles)
    del ids
    columns = [c for c in ("id", "lang", "title", "text") if c in fio.parquet_schema_names(args.articles)]

    def texts():
        for batch in fio.iter_parquet_batches(args.articles, columns=columns, batch_rows=args.batch_rows,
                                              max_bytes=args.batch_bytes):
            langs = batch["lang"] if "lang" in batch.columns else [None] * len(batch)
            for i, lang, t, x in zip(batch["id"], langs, batch["title"], batch["text"]):
                if i in keep:
                    yield lang, article_text(t, x, include_title=args.include_title)

    params = {lang: punkt_to_dict(p) for lang, p in train_punkt_by_language(texts()).items()}
    fio.write_json(params, args.out)
    print(f"punkt: trained on {len(keep)} articles (sample of at most {args.max_articles}); "
          f"languages: {', '.join(sorted(params))}", file=sys.stderr)
    return 0


def _tokenize_batched(args: argparse.Namespace) -> int:
    import time

    import pyarrow as pa

    from framelens.tokenize import punkt_from_dict, sentence_splitters, tokenize_articles

    splitters = sentence_splitters({lang: punkt_from_dict(p) for lang, p in fio.read_json(args.punkt_params).items()})
    names = fio.parquet_schema_names(args.articles)
    fields = [("id", pa.string()), ("outlet", pa.string()), ("lang", pa.string()), ("n_sentences", pa.int64()),
              ("n_tokens", pa.int64()), ("sentences", pa.list_(pa.string())), ("tokens", pa.list_(pa.string())),
              ("paragraph_starts", pa.list_(pa.int64()))]
    if "weight" in names:
        fields.append(("weight", pa.float64()))
    columns = [c for c in ("id", "outlet", "lang", "title", "text", "weight") if c in names]
    normalization = {"fold_yo": args.fold_yo, "fold_accents": args.fold_accents}
    total = fio.parquet_num_rows(args.articles)
    start = time.perf_counter()

    def batches():
        with _progress(total, "art") as bar:
            for frame in fio.iter_parquet_batches(args.articles, columns=columns, batch_rows=args.batch_rows,
                                                  max_bytes=args.batch_bytes):
                yield tokenize_articles(frame, splitters, include_title=args.include_title, **normalization)
                bar.update(len(frame))

    fio.write_parquet_batches(batches(), args.tokens, schema=pa.schema(fields),
                              metadata=_provenance(include_title=args.include_title, normalization=normalization))
    _throughput("tokenize", total, time.perf_counter() - start)
    return 0


def _fast_matcher(lexicon):
    """The fast matcher bound to ``lexicon`` (same results as the reference, property-tested)."""
    from framelens.fastmatch import article_matcher

    return article_matcher(lexicon)


def _score_schemas():
    import pyarrow as pa

    return {
        "categories": pa.schema([("id", pa.string()), ("outlet", pa.string()), ("category", pa.string()),
                                 ("count", pa.int64()), ("negated", pa.int64()), ("excluded", pa.int64()),
                                 ("rate", pa.float64()), ("terms", pa.string())]),
        "terms": pa.schema([("id", pa.string()), ("outlet", pa.string()), ("category", pa.string()),
                            ("entry", pa.string()), ("n", pa.int64()), ("n_negated", pa.int64())]),
        "articles": pa.schema([("id", pa.string()), ("outlet", pa.string()), ("n_tokens", pa.int64()),
                               ("matched_tokens", pa.int64()), ("coverage", pa.float64())]),
    }


def _write_score_batches(args: argparse.Namespace, lexicon, source: str, columns: list[str], score_frame,
                         how: str, *, extra_meta: dict | None = None, scope: str = "whole articles",
                         arrow: bool = False, batches=None) -> int:
    """Score ``source`` batch by batch with ``score_frame(frame) -> Scores``; write the three tables.

    With ``arrow``, ``score_frame`` gets each batch as an Arrow table and returns
    :class:`framelens.score.ScoreRows` (which become Arrow tables without pandas)
    or the three Arrow tables by name. ``batches`` replaces the batches read from
    ``source`` (``score_frame`` gets each of them; ``source`` still gives the total).
    """
    import time

    import pyarrow as pa
    import pyarrow.compute as pc

    meta = _provenance(**_lexicon_meta(lexicon))
    meta.update(extra_meta or {})
    outputs = {"categories": args.categories, "terms": args.terms, "articles": args.article_scores}
    schemas = _score_schemas()
    total = fio.parquet_num_rows(source)
    start, n_tokens, n_bytes, counted, negated, excluded = time.perf_counter(), 0, 0, 0, 0, 0
    if batches is None:
        batches = (fio.iter_parquet_tables if arrow else fio.iter_parquet_batches)(
            source, columns=columns, batch_rows=args.batch_rows, max_bytes=args.batch_bytes)
    with _progress(total, "art") as bar, fio.parquet_batch_writers(outputs, schemas=schemas, metadata=meta) as write:
        for frame in batches:
            scores = score_frame(frame)
            if arrow:
                if not isinstance(scores, dict):
                    scores = {name: fio.rows_table(rows, schemas[name]) for name, rows in scores._asdict().items()}
                if hasattr(frame, "column_names") and "text" in frame.column_names:
                    n_bytes += pc.sum(pc.binary_length(frame["text"])).as_py() or 0
            else:
                scores = {name: pa.Table.from_pandas(table, schema=schemas[name], preserve_index=False)
                          for name, table in scores.__dict__.items()}
            write(scores)
            n_tokens += pc.sum(scores["articles"]["n_tokens"]).as_py() or 0
            counted += pc.sum(scores["categories"]["count"]).as_py() or 0
            negated += pc.sum(scores["categories"]["negated"]).as_py() or 0
            excluded += pc.sum(scores["categories"]["excluded"]).as_py() or 0
            bar.update(scores["articles"].num_rows if arrow else len(frame))
    seconds = max(time.perf_counter() - start, 1e-9)
    rate = f", {n_bytes / seconds / 1e6:.1f} MB/s of text" if n_bytes else ""
    _throughput("score", total, seconds, f", {n_tokens / seconds / 1e6:.1f} M tokens/s{rate}, {how}")
    print(f"score: {total} articles × {len(lexicon.categories)} categories "
          f"({lexicon.name} {lexicon.version}, sha256 {lexicon.sha256[:12]}), {scope}: "
          f"{counted} hits counted, {negated} negated, {excluded} exclusion spans", file=sys.stderr)
    return 0


def _score_batched(args: argparse.Namespace, lexicon) -> int:
    from framelens.fastmatch import article_matcher
    from framelens.matcher import match_article
    from framelens.score import score_articles

    match = article_matcher(lexicon) if args.matcher == "fast" else match_article
    columns = [c for c in ("id", "outlet", "lang", "tokens", "paragraph_starts")
               if c in fio.parquet_schema_names(args.tokens)]

    def score_frame(frame):
        langs = frame["lang"].tolist() if "lang" in frame.columns else None
        return score_articles(frame["id"].tolist(), frame["outlet"].tolist(), frame["tokens"].tolist(),
                              lexicon, langs=langs, match=match, paragraph_starts=_starts(frame))

    return _write_score_batches(args, lexicon, args.tokens, columns, score_frame, f"{args.matcher} matcher")


def _text_columns(articles: str) -> list[str]:
    """The columns of an articles table that scoring and indexing read (``lang``, ``title`` when present)."""
    names = fio.parquet_schema_names(articles)
    return [c for c in ("id", "outlet", "lang", "title", "text") if c in names]


def _article_texts(table, *, include_title: bool):
    """A batch of articles as ``(columns as lists, analysed texts, languages)``, as tokenize reads them."""
    from framelens.tokenize import article_language, article_text

    column = {name: table[name].to_pylist() for name in table.column_names}
    titles = column.get("title", [None] * table.num_rows)
    texts = [article_text(t, x, include_title=include_title) for t, x in zip(titles, column["text"])]
    langs = [article_language(x) for x in column["lang"]] if "lang" in column else [None] * len(texts)
    return column, texts, langs


def _score_texts(args: argparse.Namespace) -> int:
    """Score an articles table: each text tokenized and matched in one pass (framelens.fastmatch)."""
    from framelens.fastmatch import text_matcher
    from framelens.multilingual import fold_lexicon
    from framelens.score import score_text_rows

    norm = {"fold_yo": args.fold_yo, "fold_accents": args.fold_accents}
    lexicon = fold_lexicon(_load_lexicon(args.lexicon, min_glob_stem=args.min_glob_stem), **norm)
    match = text_matcher(lexicon, **norm)

    def score_table(table):
        column, texts, langs = _article_texts(table, include_title=args.include_title)
        return score_text_rows(column["id"], column["outlet"], texts, lexicon.category_names, match, langs=langs)

    return _write_score_batches(args, lexicon, args.articles, _text_columns(args.articles), score_table,
                                "tokenized and matched in one pass", arrow=True)


def _score_index(args: argparse.Namespace) -> int:
    """Score a shard's token index (framelens index): the lexicon's words looked up in each batch's
    vocabulary, its hits found with numpy (framelens.tokenindex); the tables equal those of --articles."""
    import pyarrow as pa

    from framelens.fastmatch import spec_from_lexicon
    from framelens.multilingual import fold_lexicon
    from framelens.tokenindex import IndexMatcher, index_batch, score_columns

    meta = fio.parquet_metadata(args.index)
    if "index_settings" not in meta:
        raise ConfigError(f"{args.index} is not a token index (framelens index writes one)")
    settings = json.loads(meta["index_settings"])
    norm = {"fold_yo": bool(settings.get("fold_yo")), "fold_accents": bool(settings.get("fold_accents"))}
    lexicon = fold_lexicon(_load_lexicon(args.lexicon, min_glob_stem=args.min_glob_stem), **norm)
    matcher = IndexMatcher(spec_from_lexicon(lexicon))
    schemas = _score_schemas()

    def score_batch(batch):
        articles, vocab = batch
        column = {name: articles[name].to_pylist() for name in ("id", "outlet", "lang")}
        langs = [x if x else None for x in column["lang"]]
        matcher.check_languages(langs, column["id"])
        try:
            index = index_batch(articles["tokens"], vocab)
        except ValueError as exc:
            raise CorpusError(f"{args.index} (articles {column['id'][0]!r} to {column['id'][-1]!r}): {exc}; "
                              "delete the token index and run the index step again") from None
        found = matcher.match(index, langs)
        return {name: pa.table(columns, schema=schemas[name])
                for name, columns in score_columns(column["id"], column["outlet"], index, found, matcher).items()}

    return _write_score_batches(args, lexicon, args.index, [], score_batch, "from the token index", arrow=True,
                                batches=fio.iter_token_index(args.index, args.vocab))


def cmd_index(args: argparse.Namespace) -> int:
    """Tokenize a shard once into a token index (framelens.tokenindex) that any lexicon is scored from."""
    import time

    import numpy as np
    import pyarrow as pa

    from framelens.tokenindex import index_texts

    settings = {"include_title": args.include_title, "fold_yo": args.fold_yo, "fold_accents": args.fold_accents}
    total = fio.parquet_num_rows(args.articles)
    start, n_tokens, n_types, n_bytes = time.perf_counter(), 0, 0, 0
    meta = _provenance(index_settings=json.dumps(settings, sort_keys=True))
    with _progress(total, "art") as bar, fio.token_index_writer(args.out, args.vocab, metadata=meta) as write:
        for table in fio.iter_parquet_tables(args.articles, columns=_text_columns(args.articles),
                                             batch_rows=args.batch_rows, max_bytes=args.batch_bytes):
            column, texts, langs = _article_texts(table, include_title=args.include_title)
            index = index_texts(texts, fold_yo=args.fold_yo, fold_accents=args.fold_accents)
            tokens = pa.ListArray.from_arrays(pa.array(index.offsets.astype(np.int32)), pa.array(index.ids))
            write(pa.table({"id": column["id"], "outlet": column["outlet"], "lang": pa.array(langs, pa.string()),
                            "tokens": tokens}), index.vocab)
            n_tokens += int(index.n_tokens.sum())
            n_types += len(index.vocab)
            n_bytes += sum(len(t) for t in texts)
            bar.update(table.num_rows)
    seconds = max(time.perf_counter() - start, 1e-9)
    _throughput("index", total, seconds, f", {n_tokens / seconds / 1e6:.1f} M tokens/s, "
                f"{n_bytes / seconds / 1e6:.1f} M characters/s")
    print(f"index: {total} articles, {n_tokens} tokens, {n_types} types summed over the batches' vocabularies "
          f"into {args.out} and {args.vocab}", file=sys.stderr)
    return 0


def cmd_gather(args: argparse.Namespace) -> int:
    from framelens.shards import GATHER_ORDER

    n = fio.gather_parquet(args.inputs, args.out, sort_by=GATHER_ORDER)
    print(f"gather: {n} rows from {len(args.inputs)} shard file(s) into {args.out}", file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- score
def _load_lexicon(path: str, *, min_glob_stem: int = 3):
    from framelens.guards import lexicon_glob_problems
    from framelens.lexicon import load_lexicon_text

    lexicon = load_lexicon_text(fio.read_text(path), path=str(path))
    for problem in lexicon.problems:
        print(problem.format(str(path)), file=sys.stderr)
    short = lexicon_glob_problems(lexicon, min_stem=min_glob_stem)
    if short:
        listed = "\n".join(f"{path}:{line}: error: {msg}" for line, msg in short)
        raise LexiconError(f"{path}: {len(short)} error(s) in the lexicon:\n{listed}")
    return lexicon


def _starts(tokens):
    """Per-article paragraph starts from a tokens table (None for tables written before they existed)."""
    if "paragraph_starts" not in tokens.columns:
        return None
    return [None if s is None else list(s) for s in tokens["paragraph_starts"]]


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


def _token_batches(paths: Sequence[str], columns: list[str], batch_rows: int, max_bytes: int | None = None):
    """Batches of the wanted columns of the tokens shards, file after file (memory: one batch)."""
    yield from fio.iter_parquet_files(paths, columns=columns, batch_rows=batch_rows, max_bytes=max_bytes)


def _langs(frame) -> list[str | None]:
    """Each article's language (None when absent or empty), as :func:`_read_tokens` gives it."""
    if "lang" not in frame.columns:
        return [None] * len(frame)
    return [x if isinstance(x, str) and x else None for x in frame["lang"]]


def _dates_of(articles: str | None, ids, batch_rows: int) -> dict[str, str]:
    """Publication date (str, "" when absent) of the given article ids, read from the articles table in batches."""
    wanted = set(ids)
    dates: dict[str, str] = {}
    if not articles or not wanted:
        return dates
    for frame in fio.iter_parquet_batches(articles, columns=["id", "date"], batch_rows=max(batch_rows, 10000)):
        for art, date in zip(frame["id"], frame["date"]):
            if art in wanted:
                dates[art] = str(date) if isinstance(date, str) else ""
    return dates


def _corpus_order(frame):
    """Rows sorted stably into corpus order (outlet, id), as the gathered tables are."""
    return frame.sort_values(["outlet", "id"], kind="stable").reset_index(drop=True)


def _lexicon_meta(lexicon) -> dict[str, str]:
    return {"lexicon": lexicon.name, "lexicon_version": lexicon.version, "lexicon_sha256": lexicon.sha256}


def _with_lexicon_columns(frame, lexicon):
    frame = frame.copy()
    for key, value in _lexicon_meta(lexicon).items():
        frame[key] = value
    return frame


def _token_folding(tokens_path: str) -> dict[str, bool]:
    """How the tokenize step folded the tokens (recorded in its metadata): ``fold_yo``, ``fold_accents``."""
    normalization = json.loads(fio.parquet_metadata(tokens_path).get("normalization", "{}"))
    return {"fold_yo": bool(normalization.get("fold_yo")), "fold_accents": bool(normalization.get("fold_accents"))}


def _fold_like_tokens(lexicon, tokens_path: str):
    """Fold the lexicon's words as the tokenize step folded the tokens."""
    from framelens.multilingual import fold_lexicon

    return fold_lexicon(lexicon, **_token_folding(tokens_path))


def cmd_score(args: argparse.Namespace) -> int:
    from framelens.lexicon import parse_entry
    from framelens.score import score_articles, score_windows

    if args.index:  # sharded workflow: a shard's token index
        if args.near or not args.vocab:
            raise ConfigError("score --index needs --vocab (no --near; target windows read --tokens)")
        return _score_index(args)
    if args.articles:  # articles tokenized and matched in one pass
        if args.near or not args.batch_rows or args.matcher != "fast":
            raise ConfigError("score --articles needs --batch-rows and the fast matcher (no --near; "
                              "target windows read --tokens)")
        return _score_texts(args)
    lexicon = _fold_like_tokens(_load_lexicon(args.lexicon, min_glob_stem=args.min_glob_stem), args.tokens)
    if not args.near and args.batch_rows:  # batched, fast or reference matcher over stored tokens
        return _score_batched(args, lexicon)
    if args.near and args.batch_rows:  # target windows of a token shard, batch by batch
        targets = [parse_entry(t) for t in args.near]
        match = _fast_matcher(lexicon)
        columns = [c for c in ("id", "outlet", "lang", "tokens") if c in fio.parquet_schema_names(args.tokens)]

        def score_frame(frame):
            langs = [x if isinstance(x, str) and x else None for x in frame["lang"]] if "lang" in frame else None
            return score_windows(frame["id"].tolist(), frame["outlet"].tolist(), frame["tokens"].tolist(), lexicon,
                                 targets, window=args.window, langs=langs, match=match)

        return _write_score_batches(
            args, lexicon, args.tokens, columns, score_frame, "fast matcher",
            extra_meta=_provenance(target=args.target or "", target_terms=args.near, window=args.window),
            scope=f"within {args.window} tokens of {args.near}")
    tokens = _read_tokens(args.tokens)
    columns = (tokens["id"].tolist(), tokens["outlet"].tolist(), tokens["tokens"].tolist(), lexicon)
    meta = _provenance(**_lexicon_meta(lexicon))
    if args.near:
        targets = [parse_entry(t) for t in args.near]
        scores = score_windows(*columns, targets, window=args.window, langs=tokens["lang"].tolist(),
                               match=_fast_matcher(lexicon))
        meta.update(_provenance(target=args.target or "", target_terms=args.near, window=args.window))
        scope = f"within {args.window} tokens of {args.near}, {len(scores.articles)} articles with a mention"
    else:
        scores = score_articles(*columns, langs=tokens["lang"].tolist(), match=_fast_matcher(lexicon),
                                paragraph_starts=_starts(tokens))
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
def _lexicon_columns(table, meta: dict[str, str]):
    return table.assign(lexicon=meta.get("lexicon", ""), lexicon_version=meta.get("lexicon_version", ""),
                        lexicon_sha256=meta.get("lexicon_sha256", ""))


def _score_data(args: argparse.Namespace, *, counts: bool = True, weights: bool = False, dates: bool = False):
    """The scores as compact matrices (:mod:`framelens.scoredata`) with each article's n_tokens
    and, when asked for, event ids, syndication weights and dates from the corpus table.

    The long scores table is read twice, a row group at a time, and only the matrices are kept
    (10^6 articles × 6 categories: about 110 MB). A table whose article rows are not grouped
    (not written by the scoring step) is read whole instead.
    """
    import numpy as np

    from framelens import scoredata

    values = ("rate", "count") if counts else ("rate",)
    batch = 1 << 16

    def scan():
        return fio.iter_parquet_tables(args.categories, columns=["id", "outlet", "category"], batch_rows=batch)

    def fill():
        return fio.iter_parquet_tables(args.categories, columns=["id", "category", *values], batch_rows=batch)

    try:
        data = scoredata.from_batches(scan(), fill(), values=values)
    except scoredata.NotGrouped:
        data = scoredata.from_frames(fio.read_parquet(args.categories, columns=["id", "outlet", "category", *values]),
                                     values=values)
    if getattr(args, "article_scores", None):
        table = fio.read_parquet_table(args.article_scores, columns=["id", "n_tokens"])
        data = data.with_articles(tokens=data.column(table.column("id"), table.column("n_tokens").to_numpy(),
                                                     fill=np.nan))
    events = _events(args, data)
    if events is not None:
        data = data.with_articles(events=events)
    if weights and args.corpus and "weight" in fio.parquet_schema_names(args.corpus):
        table = fio.read_parquet_table(args.corpus, columns=["id", "weight"])
        column = table.column("weight").to_numpy()
        if not (column == 1.0).all():  # all 1: unweighted
            data = data.with_articles(weights=data.column(table.column("id"), column, fill=1.0))
    if dates:
        from framelens.trends import parse_dates

        table = fio.read_parquet_table(args.corpus, columns=["id", "date"])
        date = table.column("date")  # parsed from Python text a batch at a time
        parsed = np.concatenate([parse_dates(date.slice(lo, batch).to_pylist())
                                 for lo in range(0, len(date), batch)] or [parse_dates([])])
        data = data.with_articles(dates=data.column(table.column("id"), parsed, fill=np.datetime64("NaT"),
                                                    dtype="datetime64[ns]"))
    return data


def _checked_event_column(args: argparse.Namespace) -> str:
    """``--event-column`` ('' for none), checked against the corpus table's columns."""
    from framelens.errors import ConfigError

    if not args.event_column:
        return ""
    if not args.corpus:
        raise ConfigError("--event-column needs --corpus (the cleaned articles table)")
    names = fio.parquet_schema_names(args.corpus)
    if args.event_column not in names:
        raise ConfigError(f"{args.corpus}: event column {args.event_column!r} is not in the corpus; columns are "
                          f"{sorted(names)}; set compare.event_column to one of them or ''")
    return args.event_column


def _uses_weights(args: argparse.Namespace) -> bool:
    """True when the corpus table has syndication weights other than 1 (read a batch at a time)."""
    import pyarrow.compute as pc

    if not args.corpus or "weight" not in fio.parquet_schema_names(args.corpus):
        return False
    return any(not pc.all(pc.equal(table.column("weight"), 1.0)).as_py()
               for table in fio.iter_parquet_tables(args.corpus, columns=["weight"], batch_rows=1 << 16))


def _score_chunks(args: argparse.Namespace, *, counts: bool = True, dates: bool = False):
    """A callable giving the scores as :func:`framelens.scoredata.iter_chunks` reads them: the long
    table, n_tokens (with ``--article-scores``), and the corpus' weights, events and (``dates``)
    dates merged in, a batch at a time. Raises ``NotSorted`` when a table cannot be merged."""
    from framelens import scoredata

    batch = 1 << 16
    event_column = _checked_event_column(args)
    weights = _uses_weights(args)
    article_scores = getattr(args, "article_scores", None)
    for path, needed in ((article_scores, bool(article_scores)), (args.corpus, bool(weights or event_column or dates))):
        if needed and "outlet" not in fio.parquet_schema_names(path):
            raise scoredata.NotSorted(f"{path} has no outlet column to merge by")
    categories = scoredata.categories_in_order(
        fio.iter_parquet_tables(args.categories, columns=["category"], batch_rows=batch))
    corpus_columns = ["id", "outlet"] + (["weight"] if weights else []) + ([event_column] if event_column else []) \
        + (["date"] if dates else [])
    values = ["rate", "count"] if counts else ["rate"]

    def chunks():
        corpus = (fio.iter_parquet_tables(args.corpus, columns=corpus_columns, batch_rows=batch)
                  if len(corpus_columns) > 2 else None)
        articles = (fio.iter_parquet_tables(article_scores, columns=["id", "outlet", "n_tokens"], batch_rows=batch)
                    if article_scores else None)
        return scoredata.iter_chunks(
            fio.iter_parquet_tables(args.categories, columns=["id", "outlet", "category", *values], batch_rows=batch),
            categories=categories, values=values, articles=articles, corpus=corpus,
            event_column=event_column or None, weights=weights, dates=dates)

    return chunks


def _on_scores(args: argparse.Namespace, step: str, compute, *, counts: bool = True, dates: bool = False):
    """``compute(chunks)`` on the scores streamed (:func:`_score_chunks`); when a table is not in
    (outlet, id) order, on the scores read whole (one ScoreData), which gives the same results."""
    from framelens.scoredata import NotSorted

    try:
        return compute(_score_chunks(args, counts=counts, dates=dates))
    except NotSorted as exc:
        print(f"{step}: {exc}; reading the scores whole", file=sys.stderr)
    data = _score_data(args, counts=counts, weights=True, dates=dates)
    return compute(lambda: [data])


def _events(args: argparse.Namespace, data):
    """Aligned event codes and names for ``data`` from the corpus' event column, or None."""
    from framelens.errors import ConfigError

    if not _checked_event_column(args):
        return None
    # only the two columns (the corpus table holds every text); the ids stay Arrow text
    table = fio.read_parquet_table(args.corpus, columns=["id", args.event_column])
    return data.event_codes(table.column("id"), table.column(args.event_column).to_pandas().astype("string").tolist())


def _differences(args: argparse.Namespace, data, outlets, opts: dict):
    """The differences table of ``data``: a ScoreData, or a callable giving its chunks (streamed)."""
    from framelens import compare as cmp
    from framelens.errors import ConfigError

    compute = cmp.differences_stream if callable(data) else cmp.pairwise_differences
    try:
        return compute(data, outlets, reference_group=args.reference_group or None,
                       n_permutations=args.n_permutations, fdr=args.fdr,
                       test=args.test, auto_min_articles=args.auto_min_articles, **opts)
    except KeyError as exc:
        raise ConfigError(f"compare.reference_group: {exc.args[0]}") from exc


def _comparison_args(p: argparse.ArgumentParser) -> None:
    """Inputs and settings shared by ``compare`` and ``differences``."""
    p.add_argument("--categories", required=True)
    p.add_argument("--article-scores", required=True)
    p.add_argument("--outlets", required=True)
    p.add_argument("--corpus", help="cleaned articles (Parquet); needed for --event-column")
    p.add_argument("--event-column", default="", help="corpus column of event ids: resample whole events")
    p.add_argument("--n-resamples", type=int, default=2000)
    p.add_argument("--n-permutations", type=int, default=2000)
    from framelens.stats import TESTS

    p.add_argument("--test", choices=TESTS, default="auto",
                   help="p-values of the differences: shuffled labels, the normal approximation of the "
                        "permutation distribution, or that approximation only for large pairs")
    p.add_argument("--auto-min-articles", type=int, default=2000,
                   help="with --test auto: the smaller side's article count from which the approximation is used")
    p.add_argument("--level", type=float, default=0.95)
    p.add_argument("--fdr", type=float, default=0.05, help="q-value below which a difference is marked")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--reference-group", default="", help="outlet group the others are compared with")


def cmd_differences(args: argparse.Namespace) -> int:
    opts = dict(n_resamples=args.n_resamples, level=args.level, seed=args.seed)
    outlets = fio.read_outlets(args.outlets)
    if args.event_column:  # shuffles within events and paired event draws: the scores read whole
        diffs = _differences(args, _score_data(args, counts=False, weights=True), outlets, opts)
    else:
        diffs = _on_scores(args, "differences", lambda chunks: _differences(args, chunks, outlets, opts),
                           counts=False)
    fio.write_csv(_lexicon_columns(diffs, fio.parquet_metadata(args.categories)), args.out)
    tests = diffs.drop_duplicates(["level", "comparison", "a", "b"])["test"].value_counts()
    print(f"differences: {len(diffs)} rows ({', '.join(f'{n} pairs {t}' for t, n in tests.items())}), "
          f"{int(diffs['significant'].sum())} significant at q < {args.fdr}", file=sys.stderr)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from framelens import compare as cmp

    outlets = fio.read_outlets(args.outlets)
    opts = dict(n_resamples=args.n_resamples, level=args.level, seed=args.seed)
    tables = dict(min_articles=args.min_articles, groups=bool(args.groups_out or args.warnings_out),
                  length_threshold=args.length_threshold if args.length_out or args.warnings_out else None, **opts)
    data = None
    if args.differences_out:  # the differences need the scores whole (events): read them once
        data = _score_data(args, weights=True)
        table, groups, length = cmp.compare_stream(lambda: [data], outlets, **tables)
    else:
        # read twice in batches and merged by (outlet, id): memory does not grow with the corpus
        table, groups, length = _on_scores(args, "compare", lambda chunks: cmp.compare_stream(chunks, outlets,
                                                                                              **tables))
    meta = fio.parquet_metadata(args.categories)
    fio.write_csv(_lexicon_columns(table, meta), args.out)
    if args.groups_out:
        fio.write_csv(_lexicon_columns(groups, meta), args.groups_out)
    if args.differences_out:
        diffs = _differences(args, data, outlets, opts)
        fio.write_csv(_lexicon_columns(diffs, meta), args.differences_out)
    if args.length_out:
        fio.write_csv(_lexicon_columns(length, meta), args.length_out)
    if args.warnings_out:
        fio.write_csv(_lexicon_columns(cmp.collect_warnings(table, groups, length), meta), args.warnings_out)
    print(f"compare: {table['outlet'].nunique()} outlets × {table['category'].nunique()} categories, "
          f"{args.n_resamples} bootstrap resamples"
          f"{', clustered by ' + args.event_column if args.event_column else ''}", file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- keyness
def _language_batches(paths: Sequence[str], columns: list[str], args: argparse.Namespace):
    """Batches of the tokens shards, only articles in ``args.languages`` (all when none); counts printed at the end."""
    kept = total = 0
    for frame in _token_batches(paths, columns, args.batch_rows):
        total += len(frame)
        if args.languages and "lang" in frame.columns:
            frame = frame[frame["lang"].isin(args.languages)]
        kept += len(frame)
        if len(frame):
            yield frame
    if args.languages:
        print(f"languages {args.languages}: {kept} of {total} articles", file=sys.stderr)


def cmd_keyness(args: argparse.Namespace) -> int:
    from framelens import keyness as kn
    from framelens.errors import ConfigError

    outlets = fio.read_outlets(args.outlets)
    if args.kind == "words":
        stopwords = kn.parse_stopwords(fio.read_text(args.stopwords)) if args.stopwords else []
        # per outlet (sides are sets of outlets), batch by batch: memory grows with the vocabulary only
        counts: dict = {}
        for frame in _language_batches(args.tokens, ["id", "outlet", "lang", "tokens"], args):
            counts = kn.outlet_word_counts(frame["outlet"].tolist(), frame["tokens"], stopwords=stopwords,
                                           into=counts)
        article_outlet = {o: o for o in counts}
        meta: dict[str, str] = {}
    else:
        terms = fio.read_parquet(args.terms)
        counts = kn.entry_counts(terms)
        article_outlet = dict(zip(terms["id"], terms["outlet"]))
        meta = fio.parquet_metadata(args.terms)
    pairs = [tuple(p.split("::", 1)) for p in args.pair] if args.pair else []
    pairs += kn.one_vs_rest_pairs(outlets["group"]) if args.one_vs_rest else []
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
    from framelens.trends import trends_stream

    opts = dict(period=args.period, n_resamples=args.n_resamples, level=args.level, seed=args.seed)
    table, undated = _on_scores(args, "trends", lambda chunks: trends_stream(chunks, **opts), counts=False,
                                dates=True)
    fio.write_csv(_lexicon_columns(table, fio.parquet_metadata(args.categories)), args.out)
    print(f"trends: {table['period'].nunique()} {args.period}s, {undated} articles without a date left out",
          file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- tone
def cmd_tone(args: argparse.Namespace) -> int:
    from framelens.tone import article_tone, outlet_tone, vader_scorer

    import pandas as pd

    outlets = fio.read_outlets(args.outlets)
    scorer = vader_scorer()
    parts = [article_tone(frame["id"].tolist(), frame["outlet"].tolist(), frame["sentences"].tolist(),
                          targets=args.targets, scorer=scorer)
             for frame in _language_batches(args.tokens, ["id", "outlet", "lang", "sentences"], args)]
    # one row per article, so the order of the gathered tokens table is (outlet, id)
    per_article = (_corpus_order(pd.concat(parts, ignore_index=True)) if parts
                   else article_tone([], [], [], targets=args.targets, scorer=scorer))
    fio.write_parquet(per_article, args.articles_out, metadata=_provenance(targets=args.targets))
    table = outlet_tone(per_article, outlets, n_resamples=args.n_resamples, level=args.level, seed=args.seed)
    table["targets"] = " | ".join(args.targets)
    fio.write_csv(table, args.out)
    print(f"tone: {len(per_article)} articles, {int(per_article['n_target_sentences'].sum())} target sentences",
          file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- summary
def _distinct_values(path: str, column: str, batch_rows: int) -> set:
    """The distinct values of one column of a Parquet table, read in batches (memory: one batch)."""
    import pyarrow.compute as pc

    seen: set = set()
    for table in fio.iter_parquet_tables(path, columns=[column], batch_rows=max(batch_rows, 10000)):
        seen.update(pc.unique(table[column]).to_pylist())
    return seen


def cmd_summary(args: argparse.Namespace) -> int:
    import pandas as pd

    from framelens.summary import corpus_summary, outlet_totals, summary_rst

    parts = [outlet_totals(frame) for frame in _token_batches(args.tokens, ["outlet", "n_tokens"], args.batch_rows)]
    totals = (pd.concat(parts).groupby(level=0, sort=True).sum() if parts
              else outlet_totals(pd.DataFrame({"outlet": [], "n_tokens": []})))
    table = corpus_summary(totals, fio.read_outlets(args.outlets))
    lexicons = []
    for item in args.lexicon:
        key, _, path = item.partition("=")
        meta = fio.parquet_metadata(path)
        cats = len(_distinct_values(path, "category", args.batch_rows))
        lexicons.append({"key": key, "name": meta.get("lexicon", ""), "version": meta.get("lexicon_version", ""),
                         "sha256": meta.get("lexicon_sha256", ""), "categories": str(cats)})
    counts = json.loads(fio.read_text(args.ingest_summary)) if args.ingest_summary else {}
    fio.write_csv(table, args.out)
    fio.write_text(summary_rst(table, lexicons, counts), args.rst)
    return 0


# --------------------------------------------------------------------------- language coverage
def _rebatched(tables, rows: int):
    """Arrow tables cut into consecutive tables of exactly ``rows`` rows (the last may be shorter)."""
    import pyarrow as pa

    pending: list = []
    held = 0
    for table in tables:
        pending.append(table)
        held += table.num_rows
        while held >= rows:
            joined = pa.concat_tables(pending)
            yield joined.slice(0, rows)
            rest = joined.slice(rows)
            pending, held = [rest], rest.num_rows
    if held:
        yield pa.concat_tables(pending)


def cmd_coverage(args: argparse.Namespace) -> int:
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from framelens.multilingual import COVERAGE_BATCH, CoverageSums
    from framelens.scoredata import NotSorted, SortedLookup
    from framelens.tokenize import UNKNOWN_LANGUAGE, language_key

    def lang_keys(lang: pa.Array) -> np.ndarray:
        encoded = lang.dictionary_encode()
        keys = [language_key(x) for x in encoded.dictionary.to_pylist()]  # the few distinct values
        codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False)
        return np.array(keys + [UNKNOWN_LANGUAGE], dtype=object)[np.where(codes < 0, len(keys), codes)]

    def add(sums: CoverageSums, scores: pa.Table, lang: pa.Array) -> None:
        sums.add(scores.column("outlet").to_numpy(zero_copy_only=False), lang_keys(lang),
                 scores.column("n_tokens").to_numpy(), scores.column("matched_tokens").to_numpy())

    columns = ["id", "outlet", "n_tokens", "matched_tokens"]
    sums = CoverageSums()
    streamed = len(args.tokens) == 1 and "outlet" in fio.parquet_schema_names(args.tokens[0])
    if streamed:
        # a batch of article scores at a time, each article's language merged in by (outlet, id)
        try:
            lookup = SortedLookup(fio.iter_parquet_tables(args.tokens[0], columns=["id", "outlet", "lang"],
                                                          batch_rows=COVERAGE_BATCH), "the languages table")
            for scores in _rebatched(fio.iter_parquet_tables(args.article_scores, columns=columns,
                                                             batch_rows=COVERAGE_BATCH), COVERAGE_BATCH):
                ids = scores.column("id").combine_chunks().cast(pa.large_string())
                outlets = scores.column("outlet").combine_chunks().cast(pa.large_string())
                found, window = lookup.rows(ids, (outlets[-1].as_py(), ids[-1].as_py()))
                lang = (pa.nulls(len(ids), pa.large_string()) if window is None else  # -1: no language
                        pc.take(window.column("lang").combine_chunks(), pa.array(found, mask=found < 0)))
                add(sums, scores, lang)
        except NotSorted as exc:
            print(f"coverage: {exc}; reading the tables whole", file=sys.stderr)
            streamed, sums = False, CoverageSums()
    if not streamed:
        # Each article's language is looked up with one Arrow hash join: no pandas label per id.
        scores = fio.read_parquet_table(args.article_scores, columns=columns)
        languages = pa.concat_tables([fio.read_parquet_table(p, columns=["id", "lang"]).cast(
            pa.schema([("id", pa.large_string()), ("lang", pa.large_string())])) for p in args.tokens])
        ids = languages.column("id").combine_chunks()
        if len(pc.unique(ids)) != len(ids):  # an article in two rows: its first row counts
            languages = pa.Table.from_pandas(languages.to_pandas().drop_duplicates("id"), preserve_index=False)
            ids = languages.column("id").combine_chunks()
        row = pc.index_in(scores.column("id").combine_chunks().cast(pa.large_string()), value_set=ids)
        lang = pc.take(languages.column("lang").combine_chunks(), row)
        del languages, ids, row
        for lo in range(0, scores.num_rows, COVERAGE_BATCH):
            add(sums, scores.slice(lo, COVERAGE_BATCH), lang.slice(lo, COVERAGE_BATCH))
    table = sums.table(fio.read_outlets(args.outlets))
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
    elif args.kind == "contributions":
        fig = plots.contributions_figure(table, outlets, top=args.top)
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
    from framelens.guards import lexicon_glob_problems
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
        short = lexicon_glob_problems(lexicon, min_stem=args.min_glob_stem)
        for line, msg in short:
            print(f"{path}:{line}: error: {msg}")
        n_err = sum(p.level == "error" for p in lexicon.problems) + len(short)
        n_warn = sum(p.level != "error" for p in lexicon.problems)
        n_entries = sum(len(c.own_entries) for c in lexicon.categories)
        n_unused = 0
        if corpus is not None and not n_err:
            ids, outlets, token_lists, langs, _ = corpus
            if str(args.corpus).endswith(".parquet"):
                lexicon = _fold_like_tokens(lexicon, args.corpus)
            from framelens.multilingual import missing_language_entries

            for cat_name, lang in missing_language_entries(lexicon, [x for x in langs if x]):
                n_unused += 1
                line = next(c.line for c in lexicon.categories if c.name == cat_name)
                print(f"{path}:{line}: warning: category {cat_name!r} has no entry for language {lang!r}, "
                      f"which articles of {args.corpus} are in: it scores 0 there whatever they say")
            terms = score_articles(ids, outlets, token_lists, lexicon, langs=langs,
                                   match=_fast_matcher(lexicon)).terms
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

    lexicon = _fold_like_tokens(_load_lexicon(args.lexicon), args.tokens)
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


def _sampled_kwic(args: argparse.Namespace, lines_of, empty, *, keep=None):
    """KWIC lines of every batch of the tokens shards, sampled as they come when ``args.per_cell`` is set.

    ``lines_of(frame)`` gives a batch's lines; ``keep(lines)`` filters them.
    With a sample only the current sample and one batch are in memory, and
    the result does not depend on the shard count or the batch size.
    """
    import pandas as pd

    from framelens.kwic import kwic_sample

    columns = ["id", "outlet", "lang", "tokens", "paragraph_starts"]
    acc, parts = empty, []
    for frame in _token_batches(args.tokens, columns, args.batch_rows):
        frame = _filter_outlets(frame, getattr(args, "outlet", None))
        if not len(frame):
            continue
        lines = lines_of(frame)
        if keep is not None:
            lines = keep(lines)
        if not len(lines):
            continue
        if args.per_cell:
            acc = kwic_sample(pd.concat([acc, lines], ignore_index=True) if len(acc) else lines,
                              per_cell=args.per_cell, seed=args.seed)
        else:
            parts.append(lines)
    if not args.per_cell:
        acc = _corpus_order(pd.concat(parts, ignore_index=True)) if parts else empty
    dates = _dates_of(args.articles, acc["id"], args.batch_rows)
    return acc.assign(date=[dates.get(i, "") for i in acc["id"]])


def cmd_kwic(args: argparse.Namespace) -> int:
    from framelens.kwic import format_kwic, kwic, kwic_pattern

    if bool(args.pattern) == bool(args.category):
        raise ConfigError("kwic: give either a PATTERN or --category (not both)")
    if args.category:
        if not args.lexicon:
            raise ConfigError("kwic: --category needs --lexicon")
        lexicon = _fold_like_tokens(_load_lexicon(args.lexicon), args.tokens[0])
        cats = lexicon.category_names if args.category == ["all"] else args.category
        match = _fast_matcher(lexicon)

        def lines_of(frame):
            return kwic(frame["id"].tolist(), frame["outlet"].tolist(), frame["tokens"].tolist(), lexicon,
                        categories=cats, match=match, paragraph_starts=_starts(frame), langs=_langs(frame),
                        window=args.window)
        empty = kwic([], [], [], lexicon, categories=cats)
    else:
        lexicon = None
        fold = _token_folding(args.tokens[0])  # the pattern folded as the tokens were

        def lines_of(frame):
            return kwic_pattern(frame["id"].tolist(), frame["outlet"].tolist(), frame["tokens"].tolist(),
                                args.pattern, langs=_langs(frame), window=args.window, **fold)
        empty = kwic_pattern([], [], [], args.pattern)
    lines = _sampled_kwic(args, lines_of, empty)
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


# --------------------------------------------------------------------------- classify
def _stamp(table, **columns):
    """Provenance columns on a CSV table: framelens version plus the given hashes/settings."""
    out = table.copy()
    out["framelens_version"] = __version__
    for key, value in columns.items():
        out[key] = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
    return out


def _feature_settings(args: argparse.Namespace) -> dict:
    char = tuple(args.char_ngrams) if args.char_ngrams and args.char_ngrams[0] > 0 else None
    return {"word_ngrams": tuple(args.word_ngrams), "char_ngrams": char, "min_df": args.min_df,
            "max_features": args.max_features or None, "C": args.C,
            "class_weight": None if args.class_weight == "none" else args.class_weight, "seed": args.seed}


def cmd_classify_train(args: argparse.Namespace) -> int:
    from framelens.classify import (
        build_frame_classifier, calibration_table, label_metrics, out_of_fold_proba, parse_annotations,
    )

    labels = _load_lexicon(args.lexicon).category_names if args.lexicon else None
    ann = parse_annotations(fio.read_csv(args.annotations), labels=labels, source=str(args.annotations))
    settings = _feature_settings(args) | {"calibration": args.calibration}
    estimator = build_frame_classifier(**settings)
    proba, fold = out_of_fold_proba(estimator, ann.texts, ann.y, folds=args.folds, seed=args.seed)
    predicted = (proba >= args.threshold).astype(int)
    sha = fio.file_sha256(args.annotations)
    metrics = label_metrics(ann.y, predicted, ann.labels, n_resamples=args.n_resamples,
                            level=args.level, seed=args.seed)
    fio.write_csv(_stamp(metrics, annotations_sha256=sha, threshold=str(args.threshold)), args.metrics)
    calib = calibration_table(ann.y, proba, ann.labels, n_bins=args.bins)
    fio.write_csv(_stamp(calib, annotations_sha256=sha, calibration=args.calibration), args.calibration_table)
    import pandas as pd

    long = pd.DataFrame({
        "id": [i for i in ann.ids for _ in ann.labels],
        "fold": [int(f) for f in fold for _ in ann.labels],
        "label": list(ann.labels) * len(ann.ids),
        "gold": ann.y.ravel().astype(int),
        "probability": proba.ravel(),
        "predicted": predicted.ravel(),
    })
    fio.write_csv(long, args.predictions)
    model = estimator.fit(list(ann.texts), ann.y)
    fio.save_model({"framelens_model": "frames", "estimator": model, "labels": list(ann.labels),
                    "threshold": args.threshold, "annotations_sha256": sha,
                    "settings": json.dumps(settings, sort_keys=True), "framelens_version": __version__},
                   args.model)
    summary = metrics.set_index("label")
    print(f"classify train: {len(ann.ids)} sentences × {len(ann.labels)} frames, {args.folds}-fold CV: "
          f"micro F1 {summary.at['micro', 'f1']:.3f}, macro F1 {summary.at['macro', 'f1']:.3f} "
          f"[{summary.at['macro', 'f1_low']:.3f}, {summary.at['macro', 'f1_high']:.3f}]", file=sys.stderr)
    return 0


def cmd_classify_apply(args: argparse.Namespace) -> int:
    import pyarrow as pa

    from framelens.classify import article_frame_shares

    bundle = fio.load_model(args.model, kind="frames")
    threshold = bundle["threshold"] if args.threshold is None else args.threshold
    counts = {"articles": 0, "sentences": 0, "other_languages": 0}

    def batches():
        for frame in _token_batches(args.tokens, ["id", "outlet", "lang", "sentences"], args.batch_rows,
                                    args.batch_bytes):
            if args.languages:
                # The model only knows the annotation's languages: articles in others are not classified.
                lang = frame["lang"] if "lang" in frame.columns else None
                known = lang.isna() | lang.isin(args.languages) if lang is not None else None
                if known is not None:
                    counts["other_languages"] += int((~known).sum())
                    frame = frame[known]
            counts["articles"] += len(frame)
            counts["sentences"] += int(frame["sentences"].map(len).sum())
            yield article_frame_shares(frame["id"].tolist(), frame["outlet"].tolist(),
                                       [list(s) for s in frame["sentences"]], bundle["estimator"],
                                       bundle["labels"], threshold=threshold)

    # large_string: the types pandas writes, as in the table before it was sharded
    schema = pa.schema([("id", pa.large_string()), ("outlet", pa.large_string()), ("category", pa.large_string()),
                        ("n_sentences", pa.int64()), ("n_frame_sentences", pa.int64()), ("share", pa.float64()),
                        ("mean_probability", pa.float64())])
    meta = _provenance(model_sha256=fio.file_sha256(args.model), threshold=threshold,
                       annotations_sha256=bundle.get("annotations_sha256", ""))
    fio.write_parquet_batches(batches(), args.articles, schema=schema, metadata=meta)
    if counts["other_languages"]:
        print(f"classify apply: {counts['other_languages']} article(s) in languages other than "
              f"{args.languages} not classified", file=sys.stderr)
    print(f"classify apply: {counts['articles']} articles, {counts['sentences']} sentences "
          f"× {len(bundle['labels'])} frames (threshold {threshold})", file=sys.stderr)
    if args.table:
        _frame_shares_table(fio.read_parquet(args.articles), args, meta)
    return 0


def _frame_shares_table(shares, args: argparse.Namespace, meta: dict[str, str]) -> None:
    from framelens.classify import outlet_frame_shares

    table = outlet_frame_shares(shares, fio.read_outlets(args.outlets), n_resamples=args.n_resamples,
                                level=args.level, seed=args.seed)
    table[["mean", "ci_low", "ci_high"]] *= 100.0  # percent of sentences
    table = table.rename(columns={"mean": "mean_share_pct", "ci_low": "ci_low_pct", "ci_high": "ci_high_pct"})
    fio.write_csv(_stamp(table, model_sha256=meta["model_sha256"], threshold=meta["threshold"]), args.table)


def cmd_classify_shares(args: argparse.Namespace) -> int:
    meta = fio.parquet_metadata(args.articles)
    shares = fio.read_parquet(args.articles)
    _frame_shares_table(shares, args, meta)
    print(f"classify shares: {shares['id'].nunique()} articles × {shares['category'].nunique()} frames "
          f"-> {args.table}", file=sys.stderr)
    return 0


def cmd_classify_distinct(args: argparse.Namespace) -> int:
    from framelens.classify import build_text_classifier
    from framelens.distinct import confusion_table, cv_groups, evaluate_distinctiveness, indicative_terms
    from framelens.errors import ConfigError
    from framelens.tokenize import article_text

    articles = fio.read_parquet(args.articles)
    target = args.target
    if target == "group":
        outlets = fio.read_outlets(args.outlets)
        articles = articles.assign(group=articles["outlet"].map(outlets.set_index("outlet")["group"]))
    if target not in articles.columns:
        raise ConfigError(f"{args.articles}: no column {target!r} to predict; columns: {sorted(articles.columns)}")
    if args.group_column == target:
        raise ConfigError(f"the target {target!r} cannot also be the CV group column")
    labelled = articles[articles[target].notna() & (articles[target].astype(str).str.strip() != "")]
    dropped = len(articles) - len(labelled)
    if args.max_articles and len(labelled) > args.max_articles:
        labelled = labelled.sample(n=args.max_articles, random_state=args.seed).sort_values("id")
    labelled = labelled.reset_index(drop=True)
    texts = [article_text(t, x, include_title=args.include_title)
             for t, x in zip(labelled["title"], labelled["text"])]
    y = labelled[target].astype(str).to_numpy()
    groups = cv_groups(labelled, group_column=args.group_column, date_block_days=args.date_block_days)
    estimator = build_text_classifier(**_feature_settings(args))
    result = evaluate_distinctiveness(labelled["id"].tolist(), texts, y, groups, estimator=estimator,
                                      folds=args.folds, seed=args.seed, n_resamples=args.n_resamples,
                                      level=args.level)
    stamp = {"target": target, "group_column": args.group_column or "",
             "articles_without_target": str(dropped), "settings": _feature_settings(args)}
    fio.write_csv(_stamp(result.scores, **stamp), args.scores)
    fio.write_csv(_stamp(result.per_class, target=target), args.per_class)
    classes = sorted(set(y.tolist()))
    confusion = confusion_table(y, result.predictions["grouped"], classes=classes)
    fio.write_csv(_stamp(confusion, target=target, split="grouped", cv_groups=groups.kind), args.confusion)
    terms = indicative_terms(estimator, texts, y, top=args.top_terms)
    fio.write_csv(_stamp(terms, target=target), args.terms)
    if args.predictions:
        fio.write_csv(result.predictions, args.predictions)
    s = result.scores.set_index("split")
    print(f"classify distinct: predict {target!r} from {len(y)} articles ({len(classes)} classes), "
          f"CV groups {groups.kind}: macro F1 grouped {s.at['grouped', 'macro_f1']:.3f}, "
          f"random {s.at['random', 'macro_f1']:.3f}, majority baseline {s.at['majority', 'macro_f1']:.3f}",
          file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- validate
def cmd_validate_sample(args: argparse.Namespace) -> int:
    from framelens.kwic import kwic
    from framelens.validate import coding_sheet

    lexicon = _fold_like_tokens(_load_lexicon(args.lexicon), args.tokens[0])
    match = _fast_matcher(lexicon)

    def lines_of(frame):
        return kwic(frame["id"].tolist(), frame["outlet"].tolist(), frame["tokens"].tolist(), lexicon,
                    langs=_langs(frame), window=args.window, match=match, paragraph_starts=_starts(frame))

    lines = _sampled_kwic(args, lines_of, kwic([], [], [], lexicon), keep=lambda lines: lines[~lines["negated"]])
    sheet = coding_sheet(lines, second_coder=args.second_coder)
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


def cmd_classify_agreement(args: argparse.Namespace) -> int:
    import numpy as np

    from framelens.agreement import (
        agreement_table, article_agreement, article_pairs, lexicon_indicators, sentence_agreement,
    )
    from framelens.classify import parse_annotations
    from framelens.matcher import compile_lexicon

    lexicon = _load_lexicon(args.lexicon)
    predictions = fio.read_csv(args.predictions)
    labels = list(dict.fromkeys(predictions["label"]))
    categories = [c for c in labels if c in lexicon.category_names]
    skipped = sorted(set(labels) ^ set(lexicon.category_names))
    ann = parse_annotations(fio.read_csv(args.annotations), labels=labels, source=str(args.annotations))
    wide = predictions.pivot(index="id", columns="label", values="predicted").loc[list(ann.ids), categories]
    cols = [labels.index(c) for c in categories]
    lex = lexicon_indicators(ann.texts, compile_lexicon(lexicon), categories, lang=args.lang)
    sentences = sentence_agreement(ann.y[:, cols], wide.to_numpy(dtype=np.int8), lex, categories)
    pairs = article_pairs(fio.read_parquet(args.lexicon_scores), fio.read_parquet(args.frame_articles))
    pairs = pairs[pairs["category"].isin(categories)]
    table = agreement_table(sentences, article_agreement(pairs))
    fio.write_csv(_stamp(table, lexicon=lexicon.name, lexicon_version=lexicon.version,
                         lexicon_sha256=lexicon.sha256, not_compared=";".join(skipped)), args.table)
    fio.write_csv(pairs, args.pairs)
    print(f"classify agreement: {len(categories)} categories, {len(ann.ids)} annotated sentences, "
          f"{pairs['id'].nunique()} articles" + (f"; not in both: {skipped}" if skipped else ""),
          file=sys.stderr)
    return 0


def cmd_classify_plot(args: argparse.Namespace) -> int:
    import matplotlib.pyplot as plt

    from framelens import plots

    table = fio.read_csv(args.table)
    outlets = fio.read_outlets(args.outlets) if args.outlets else None
    if args.kind == "f1":
        fig = plots.label_f1_figure(table, level=args.level)
    elif args.kind == "calibration":
        fig = plots.calibration_figure(table)
    elif args.kind == "shares":
        fig = plots.frame_share_figure(table, outlets, level=args.level)
    elif args.kind == "confusion":
        names = dict(zip(outlets["outlet"], outlets["name"])) if outlets is not None else {}
        fig = plots.confusion_figure(table, names=names, title=args.title)
    else:
        fig = plots.agreement_figure(table, fio.read_csv(args.stats), outlets)
    for path in args.out:
        fio.save_figure(fig, path, dpi=args.dpi)
    plt.close(fig)
    return 0


def _add_bootstrap_options(p: argparse.ArgumentParser, *, n_resamples: int = 2000) -> None:
    """--n-resamples, --level and --seed: the options of every step that reports bootstrap intervals."""
    p.add_argument("--n-resamples", type=int, default=n_resamples)
    p.add_argument("--level", type=float, default=0.95)
    p.add_argument("--seed", type=int, default=0)


def _add_model_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--word-ngrams", type=int, nargs=2, default=[1, 2], metavar=("MIN", "MAX"))
    p.add_argument("--char-ngrams", type=int, nargs=2, default=[0, 0], metavar=("MIN", "MAX"),
                   help="character n-grams within word bounds; 0 0 = none")
    p.add_argument("--min-df", type=int, default=1)
    p.add_argument("--max-features", type=int, default=0, help="0 = no limit")
    p.add_argument("--C", type=float, default=4.0, help="inverse regularisation strength")
    p.add_argument("--class-weight", default="balanced", choices=["balanced", "none"])
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--n-resamples", type=int, default=1000)
    p.add_argument("--level", type=float, default=0.95)


def _add_classify_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("classify", help="frame classifier, outlet distinctiveness, lexicon agreement")
    csub = p.add_subparsers(dest="classify_command", required=True, metavar="STEP")

    q = csub.add_parser("train", help="cross-validate and train the multi-label frame classifier")
    q.add_argument("--annotations", required=True, help="labelled sentences (CSV: id,text,labels)")
    q.add_argument("--lexicon", help="lexicon whose categories are the frames (default: labels in the file)")
    _add_model_options(q)
    q.add_argument("--calibration", default="sigmoid", choices=["sigmoid", "isotonic", "none"])
    q.add_argument("--threshold", type=float, default=0.5)
    q.add_argument("--bins", type=int, default=10, help="probability bins of the calibration table")
    q.add_argument("--model", required=True, help="output: model (.skops)")
    q.add_argument("--metrics", required=True, help="output: per-label CV metrics (CSV)")
    q.add_argument("--predictions", required=True, help="output: out-of-fold predictions (CSV)")
    q.add_argument("--calibration-table", required=True, help="output: reliability table (CSV)")
    q.set_defaults(func=cmd_classify_train)

    q = csub.add_parser("apply", help="apply the frame classifier to every sentence of every article")
    q.add_argument("--model", required=True)
    q.add_argument("--tokens", required=True, nargs="+", help="tokens Parquet file(s), e.g. one shard")
    q.add_argument("--batch-rows", type=int, default=2000, help="articles read at a time")
    _batch_mb_option(q)
    q.add_argument("--outlets", required=True)
    q.add_argument("--threshold", type=float, default=None, help="default: the model's own")
    q.add_argument("--languages", nargs="*", default=[],
                   help="classify only articles in these languages (those of the annotations); none = all")
    _add_bootstrap_options(q)
    q.add_argument("--articles", required=True, help="output: article × frame shares (Parquet)")
    q.add_argument("--table", help="output: outlet × frame mean shares with CIs (CSV); see also `shares`")
    q.set_defaults(func=cmd_classify_apply)

    q = csub.add_parser("shares", help="outlet × frame mean shares from the (gathered) article × frame table")
    q.add_argument("--articles", required=True, help="article × frame shares of `classify apply` (Parquet)")
    q.add_argument("--outlets", required=True)
    _add_bootstrap_options(q)
    q.add_argument("--table", required=True, help="output: outlet × frame mean shares with CIs (CSV)")
    q.set_defaults(func=cmd_classify_shares)

    q = csub.add_parser("distinct", help="predict the outlet (group, label) from text with grouped CV")
    q.add_argument("--articles", required=True)
    q.add_argument("--outlets", required=True)
    q.add_argument("--target", default="outlet", help="outlet, group, or any corpus column (e.g. bias)")
    q.add_argument("--group-column", default="event_id", help="CV group column; '' = date blocks")
    q.add_argument("--date-block-days", type=int, default=30)
    q.add_argument("--max-articles", type=int, default=0, help="random subsample size; 0 = all")
    q.add_argument("--include-title", action=argparse.BooleanOptionalAction, default=True)
    q.add_argument("--top-terms", type=int, default=15)
    _add_model_options(q)
    q.add_argument("--scores", required=True, help="output: grouped/random/majority scores (CSV)")
    q.add_argument("--per-class", required=True, help="output: per-class metrics (CSV)")
    q.add_argument("--confusion", required=True, help="output: grouped-CV confusion table (CSV)")
    q.add_argument("--terms", required=True, help="output: most indicative terms per class (CSV)")
    q.add_argument("--predictions", help="output: out-of-fold predictions (CSV)")
    q.set_defaults(func=cmd_classify_distinct)

    q = csub.add_parser("agreement", help="lexicon vs classifier, per category")
    q.add_argument("--annotations", required=True)
    q.add_argument("--predictions", required=True, help="out-of-fold predictions from `classify train`")
    q.add_argument("--lang", default="en", help="language of the annotated sentences (for per-language entries)")
    q.add_argument("--lexicon", required=True)
    q.add_argument("--lexicon-scores", required=True, help="article × category scores (Parquet)")
    q.add_argument("--frame-articles", required=True, help="article × frame shares (Parquet)")
    q.add_argument("--table", required=True, help="output: agreement per category (CSV)")
    q.add_argument("--pairs", required=True, help="output: article-level rate/share pairs (CSV)")
    q.set_defaults(func=cmd_classify_agreement)

    q = csub.add_parser("plot", help="draw a classifier figure")
    q.add_argument("kind", choices=["f1", "calibration", "shares", "confusion", "agreement"])
    q.add_argument("--table", required=True)
    q.add_argument("--stats", help="agreement: the per-category agreement table")
    q.add_argument("--outlets")
    q.add_argument("--title")
    q.add_argument("--level", type=float, default=0.95)
    q.add_argument("--dpi", type=int, default=200)
    q.add_argument("--out", nargs="+", required=True)
    q.set_defaults(func=cmd_classify_plot)


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


def cmd_boilerplate(args: argparse.Namespace) -> int:
    import pandas as pd
    import pyarrow as pa

    from framelens import accounting
    from framelens.boilerplate import learn_boilerplate_streamed, strip_learned

    acc = _accounting_in(args.articles)

    def batches():  # Arrow columns straight to Python strings: no pandas round trip
        return fio.iter_parquet_columns(args.articles, columns=["outlet", "title", "text"],
                                        batch_rows=args.batch_rows, max_bytes=args.batch_bytes)

    def titles():
        for (titles_,) in fio.iter_parquet_columns(args.articles, columns=["title"], batch_rows=args.batch_rows):
            yield titles_

    learned = learn_boilerplate_streamed(
        batches, min_share=args.min_share, min_articles=args.min_articles,
        headlines=args.inserted_headlines, min_headline_words=args.min_headline_words, titles=titles,
    )
    if not args.enabled:
        learned = type(learned)(lines={}, table=learned.table.iloc[0:0])
    schema = _extend_schema(_roundtrip_schema(fio.parquet_schema(args.articles)),
                            [("learned_boilerplate_lines", pa.int64())])
    rejected_parts = []
    n_kept = n_empty = n_removed = 0
    with fio.parquet_stream_writer(args.out, schema=schema, parts=True) as stream:
        for articles in fio.iter_parquet_batches(args.articles, batch_rows=args.batch_rows,
                                                 max_bytes=args.batch_bytes):
            texts, removed = strip_learned(articles["outlet"].tolist(), articles["text"].tolist(), learned)
            out = articles.assign(text=texts, learned_boilerplate_lines=removed)
            out["learned_boilerplate_lines"] = out["learned_boilerplate_lines"].astype("int64")
            n_removed += int(sum(removed))
            empty = out["text"].str.len() == 0
            rejected_parts.append(_quarantine(
                out[empty], "empty_text",
                "text is empty after removing learned boilerplate (see results/qc/boilerplate.csv)"))
            n_empty += int(empty.sum())
            out = out[~empty].reset_index(drop=True)
            n_kept += len(out)
            stream.write(out)
        rejected = pd.concat(rejected_parts, ignore_index=True) if rejected_parts else _quarantine(
            pd.DataFrame(columns=["source", "source_line", "id", "outlet"]), "empty_text", "")
        acc = accounting.record_step(acc, kept=n_kept, quarantined={"empty_text": n_empty})
        table = learned.table.assign(version=__version__)
        fio.write_csv(table, args.table)
        fio.write_csv(rejected, args.rejected)
        settings = {"enabled": args.enabled, "min_share": args.min_share, "min_articles": args.min_articles,
                    "inserted_headlines": args.inserted_headlines, "min_headline_words": args.min_headline_words}
        print(f"boilerplate: {len(learned.table)} learned line(s) in {len(learned.lines)} outlet(s), "
              f"{n_removed} line(s) removed", file=sys.stderr)
        _finish_step(stream, args, acc, "boilerplate", settings)
    return 0


def cmd_language(args: argparse.Namespace) -> int:
    from collections import Counter

    import pandas as pd
    import pyarrow as pa

    from framelens import accounting
    from framelens.language import assign_languages

    acc = _accounting_in(args.articles)
    schema = _extend_schema(_roundtrip_schema(fio.parquet_schema(args.articles)), [
        ("lang", pa.string()), ("lang_source", pa.large_string()), ("lang_prob", pa.float64()), ("analysed", pa.bool_())])
    langs = ", ".join(args.languages)
    counts: Counter[tuple] = Counter()  # (outlet, lang, lang_source, analysed) -> articles: language_table's rows
    rejected_parts = []
    n_other = n_kept = 0
    with fio.parquet_stream_writer(args.out, schema=schema, parts=True) as stream:
        for batch in fio.iter_parquet_batches(args.articles, batch_rows=args.batch_rows,
                                              max_bytes=args.batch_bytes):
            out = assign_languages(batch, languages=args.languages, detect=args.detect,
                                   min_chars=args.min_chars, min_prob=args.min_prob)
            counts.update(zip(out["outlet"].tolist(), out["lang"].fillna("undetermined").tolist(),
                              out["lang_source"].tolist(), out["analysed"].tolist()))
            other = ~out["analysed"]
            n_other += int(other.sum())
            if args.exclude_other and other.any():  # batches without such articles add no rows
                rejected = _quarantine(out[other], "unanalysed_language", "")
                rejected["detail"] = [f"language {lang!r} ({src}) not among the analysed languages ({langs})"
                                      for lang, src in zip(out.loc[other, "lang"], out.loc[other, "lang_source"])]
                rejected_parts.append(rejected)
                out = out[~other].reset_index(drop=True)
            n_kept += len(out)
            stream.write(out)
        keys = ["outlet", "lang", "lang_source", "analysed"]
        table = pd.DataFrame([(*key, n) for key, n in counts.items()], columns=[*keys, "n_articles"])
        table = table.groupby(keys, sort=True)["n_articles"].sum().reset_index()
        table = table.astype({"n_articles": "int64", "analysed": bool})
        fio.write_csv(table[["outlet", "lang", "lang_source", "n_articles", "analysed"]].assign(version=__version__),
                      args.table)
        rejected = (pd.concat(rejected_parts, ignore_index=True) if rejected_parts
                    else _quarantine(pd.DataFrame(columns=["source", "source_line", "id", "outlet"]),
                                     "unanalysed_language", ""))
        fio.write_csv(rejected, args.rejected)
        acc = accounting.record_step(acc, kept=n_kept, quarantined={"unanalysed_language": len(rejected)})
        print(f"language: {n_other} article(s) in languages other than {args.languages}"
              f"{' excluded' if args.exclude_other else ' kept'}", file=sys.stderr)
        settings = {"languages": args.languages, "detect": args.detect, "min_chars": args.min_chars,
                    "min_prob": args.min_prob, "exclude_other": args.exclude_other}
        _finish_step(stream, args, acc, "language", settings)
    return 0


def _extend_schema(schema, fields):
    """``schema`` with ``fields`` (name, type) set: replaced where present, appended otherwise."""
    import pyarrow as pa

    for name, kind in fields:
        i = schema.get_field_index(name)
        schema = schema.set(i, pa.field(name, kind)) if i >= 0 else schema.append(pa.field(name, kind))
    return schema


def _batch_rows_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--batch-rows", type=int, default=2000,
                   help="articles read and written at a time (memory ~ batch_rows x article size)")


#: Default of ``--batch-mb``: batches of long articles end at about this many megabytes.
DEFAULT_BATCH_MB = 8.0


def _megabytes(value: str) -> int:
    """``--batch-mb``'s value in bytes."""
    try:
        mb = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of megabytes: {value!r}") from None
    if not 0 < mb < math.inf:
        raise argparse.ArgumentTypeError(f"must be a positive number of megabytes, not {value!r}")
    return max(1, round(mb * 1_000_000))


def _text_options(p: argparse.ArgumentParser, when: str) -> None:
    """--include-title, --fold-yo and --fold-accents of the steps that tokenize texts as tokenize does."""
    p.add_argument("--include-title", action=argparse.BooleanOptionalAction, default=True,
                   help=f"{when}the title is the first paragraph (as tokenize does)")
    p.add_argument("--fold-yo", action=argparse.BooleanOptionalAction, default=False,
                   help=f"{when}fold ё to е in text and lexicon (as tokenize does)")
    p.add_argument("--fold-accents", action=argparse.BooleanOptionalAction, default=False,
                   help=f"{when}remove accents in text and lexicon (as tokenize does)")


def _batch_mb_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--batch-mb", dest="batch_bytes", type=_megabytes, default=_megabytes(str(DEFAULT_BATCH_MB)),
                   metavar="MB", help="also end a batch once the columns read reach about this many megabytes "
                   f"(long articles make batches of fewer rows; default {DEFAULT_BATCH_MB:g})")


def _finish_step(stream, args: argparse.Namespace, acc: dict[str, int], step: str, settings: dict) -> None:
    """Set the provenance of a streamed step's articles output: its settings, the earlier steps'
    settings and the accounting so far."""
    from framelens import accounting

    meta = fio.parquet_metadata(args.articles)
    provenance = _provenance(**{f"{step}_settings": settings})
    for key, value in meta.items():
        if key.endswith("settings") and key not in provenance:
            provenance[key] = value
    provenance["accounting"] = json.dumps(acc, sort_keys=True)
    stream.metadata.update(provenance)
    print(f"{step}: accounting {accounting.describe(acc)}", file=sys.stderr)


FINGERPRINT_BLOCK = 512
"""Candidate articles per block of the syndication step's fingerprint file."""

SPARSE_READ_BYTES = 2_000_000
"""Bound of a batch of texts read only for the few rows taken from it (the syndication candidates'
texts): smaller than ``--batch-mb``, since a batch's memory is mostly the texts that are read and
dropped (measured at 10^5: reading the text column in 8 MB batches held 76 MB, in 2 MB ones 41)."""


def _mean_fingerprint_bytes(store) -> float:
    """Bytes per fingerprint in the first block of ``store`` (for the memory budget)."""
    first = store.block(0)
    return max(8.0, 8.0 * sum(len(f) for f in first) / max(1, len(first)))


def _iter_rows_of(path: str, rows, columns: list[str], batch_rows: int, max_bytes: int | None = None):
    """The given (sorted) rows of a Parquet table, as one table per batch read (possibly empty)."""
    import numpy as np
    import pyarrow as pa

    at = 0
    for batch in fio.iter_parquet_tables(path, columns=columns, batch_rows=batch_rows, max_bytes=max_bytes):
        lo, hi = np.searchsorted(rows, [at, at + len(batch)])
        yield batch.take(pa.array(rows[lo:hi] - at, type=pa.int64()))
        at += len(batch)


def _rows_of(path: str, rows, columns: list[str], batch_rows: int):
    """The given (sorted) rows of a Parquet table, read a batch at a time, as one table."""
    import pyarrow as pa

    parts = list(_iter_rows_of(path, rows, columns, max(batch_rows, 1 << 14)))
    return pa.concat_tables(parts).combine_chunks() if parts else fio.read_parquet_table(path, columns=columns)


def _check_unique_ids(path: str, batch_rows: int) -> None:
    """Raise unless the article ids are unique: streamed when the table is in (outlet, id) order, as
    ingest writes it (strictly rising keys are distinct); otherwise with one hash table."""
    import pyarrow as pa

    from framelens.scoredata import NotSorted, check_increasing

    previous = None
    try:
        for table in fio.iter_parquet_tables(path, columns=["outlet", "id"], batch_rows=max(batch_rows, 1 << 14)):
            if table.num_rows:
                outlets = table.column("outlet").combine_chunks().cast(pa.large_string())
                ids = table.column("id").combine_chunks().cast(pa.large_string())
                check_increasing(outlets, ids, previous, "the articles table")
                previous = (outlets[-1].as_py(), ids[-1].as_py())
        return
    except NotSorted:
        pass
    ids = fio.read_parquet_table(path, columns=["id"]).column("id").combine_chunks()
    unique = len(pa.compute.unique(ids)) == len(ids)
    del ids
    fio.release_memory()  # the hash table
    if not unique:
        raise ValueError("article ids must be unique")


def cmd_syndication(args: argparse.Namespace) -> int:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    from framelens import accounting
    from framelens.syndication import (
        POLICIES, SYNDICATION_COLUMNS, block_similarities, clusters_from_pairs, lsh_params,
        republished_by_outlet, shingle_fingerprints,
    )

    if args.policy not in POLICIES:
        raise ConfigError(f"syndication policy must be one of {POLICIES}, not {args.policy!r}")
    acc = _accounting_in(args.articles)
    outlets = fio.read_outlets(args.outlets).set_index("outlet")
    late = set(outlets.index[outlets["group"].isin(args.aggregator_groups)].tolist())
    # Per-article state only for the articles in candidate pairs: their ids, outlets and dates
    # (read when they are known), and their shingle fingerprints in a scratch file.
    n = fio.parquet_num_rows(args.articles)
    _check_unique_ids(args.articles, args.batch_rows)
    members: dict[int, tuple[int, int, float]] = {}
    wanted = np.zeros(0, dtype=np.int64)
    meta = pa.table({"id": pa.array([], pa.string()), "outlet": pa.array([], pa.string()),
                     "date": pa.array([], pa.string())})
    if args.enabled:
        bands, rows = lsh_params(threshold=args.threshold, num_perm=args.num_perm)
        pairs = _syndication_pairs(args, n, bands, rows)
        fio.release_memory()  # the band keys' blocks
        wanted = np.unique(pairs)
        meta = _rows_of(args.articles, wanted, ["id", "outlet", "date"], args.batch_rows)
        id_col, outlet_col, date_col = meta.column("id"), meta.column("outlet"), meta.column("date")
        with fio.scratch_dir(args.out) as scratch:
            store = fio.ArrayStore(scratch / "fingerprints.arrow")
            pending: list = []
            # only the texts needed
            for part in _iter_rows_of(args.articles, wanted, ["text"], args.batch_rows,
                                      min(args.batch_bytes, SPARSE_READ_BYTES)):
                pending += shingle_fingerprints(part.column("text").to_pylist(), size=args.shingle_size)
                while len(pending) >= FINGERPRINT_BLOCK:
                    store.append(pending[:FINGERPRINT_BLOCK])
                    pending = pending[FINGERPRINT_BLOCK:]
            if pending:
                store.append(pending)
            del pending
            store.close()
            per_block = 1  # blocks of fingerprints held at a time: as many as --fingerprint-mb takes
            if store.block_sizes:
                per_block = max(1, int(args.fingerprint_mb * 2**20
                                       / (FINGERPRINT_BLOCK * _mean_fingerprint_bytes(store))))

            def similarity(chosen: np.ndarray) -> np.ndarray:  # article rows -> their candidate numbers
                return block_similarities(np.searchsorted(wanted, chosen), store.block_sizes, store.block,
                                          blocks_held=per_block)

            def age(i: int) -> tuple:
                k = int(np.searchsorted(wanted, i))
                date = date_col[k].as_py()
                date = date if isinstance(date, str) and date else None
                outlet = outlet_col[k].as_py()
                return (date is None, date or "", outlet in late, outlet, id_col[k].as_py())

            members = clusters_from_pairs(n, pairs, threshold=args.threshold, age=age, similarity=similarity)
            store.release()
        del pairs
        fio.release_memory()

    # The members of clusters as columns, in row order (not a Python object per member and field):
    # each member's row, its origin's row, the cluster's size and the member's Jaccard to the origin.
    in_order = sorted(members)
    member_rows = np.array(in_order, dtype=np.int64)
    origin_rows = np.fromiter((members[i][0] for i in in_order), dtype=np.int64, count=len(in_order))
    sizes = np.fromiter((members[i][1] for i in in_order), dtype=np.int64, count=len(in_order))
    similarities = np.fromiter((members[i][2] for i in in_order), dtype=np.float64, count=len(in_order))
    del members, in_order
    is_origin = member_rows == origin_rows

    def meta_values(column: str, rows: np.ndarray) -> np.ndarray:  # str or None per row
        return meta.column(column).take(pa.array(np.searchsorted(wanted, rows), pa.int64())).to_numpy(
            zero_copy_only=False)

    origin_ids = meta_values("id", origin_rows)
    member_ids, member_outlets = meta_values("id", member_rows), meta_values("outlet", member_rows)

    # The syndication table and per-outlet shares, from the members of clusters only.
    table = pd.DataFrame({
        "cluster": origin_ids, "cluster_size": sizes, "id": member_ids, "outlet": member_outlets,
        "date": meta_values("date", member_rows), "is_origin": is_origin, "origin_id": origin_ids,
        "origin_outlet": meta_values("outlet", origin_rows), "jaccard_to_origin": similarities,
        "kept": is_origin if args.policy == "origin_only" else np.ones(len(is_origin), dtype=bool),
    }, columns=list(SYNDICATION_COLUMNS)).astype(
        {"cluster": object, "id": object, "outlet": object, "date": object, "origin_id": object,
         "origin_outlet": object, "cluster_size": "int64", "jaccard_to_origin": "float64", "is_origin": bool,
         "kept": bool})
    table = table.sort_values(["cluster", "is_origin", "date", "outlet", "id"],
                              ascending=[True, False, True, True, True], kind="stable", na_position="last")
    table = table.reset_index(drop=True)
    marked = pd.DataFrame({"id": member_ids, "outlet": member_outlets, "origin_id": origin_ids,
                           "is_copy": ~is_origin, "cluster_size": sizes}).astype({"id": object, "outlet": object,
                                                                                  "origin_id": object})
    del member_ids, member_outlets, similarities
    # Articles outside clusters are their own origin; one row per outlet with their number stands in.
    counts: dict[str, int] = {}
    for table_part in fio.iter_parquet_tables(args.articles, columns=["outlet"], batch_rows=1 << 16):
        for c in pa.compute.value_counts(table_part.column("outlet").combine_chunks()).to_pylist():
            counts[c["values"]] = counts.get(c["values"], 0) + c["counts"]
    in_clusters = marked["outlet"].value_counts().to_dict()
    singles = [{"id": f"\0single:{o}", "outlet": o, "origin_id": f"\0single:{o}",
                "is_copy": False, "cluster_size": 1, "_n": c - in_clusters.get(o, 0)}
               for o, c in counts.items()]
    singles = pd.DataFrame(singles)
    singles = singles[singles["_n"] > 0]
    share = republished_by_outlet(pd.concat([marked, singles.drop(columns="_n")], ignore_index=True))
    extra = singles.set_index("outlet")["_n"] - 1
    share["n_articles"] = (share["n_articles"] + share["outlet"].map(extra).fillna(0)).astype("int64")
    share["share_copies"] = share["n_copies"] / share["n_articles"]
    share.insert(1, "name", [outlets["name"].get(o, o) for o in share["outlet"]])
    share.insert(2, "group", [outlets["group"].get(o, "") for o in share["outlet"]])
    settings = {"enabled": args.enabled, "threshold": args.threshold, "shingle_size": args.shingle_size,
                "num_perm": args.num_perm, "seed": args.seed, "policy": args.policy,
                "aggregator_groups": args.aggregator_groups}

    schema = _extend_schema(_roundtrip_schema(fio.parquet_schema(args.articles)), [
        ("cluster", pa.large_string()), ("cluster_size", pa.int64()), ("origin_id", pa.large_string()),
        ("is_copy", pa.bool_()), ("weight", pa.float64())])
    n_kept = 0
    with fio.parquet_stream_writer(args.out, schema=schema, parts=True) as stream:
        at = 0
        for batch in fio.iter_parquet_batches(args.articles, batch_rows=args.batch_rows,
                                              max_bytes=args.batch_bytes):
            # the batch's members of clusters: their origin, size and copy flag; the others are their own origin
            lo, hi = np.searchsorted(member_rows, [at, at + len(batch)])
            local = member_rows[lo:hi] - at
            origin = batch["id"].to_numpy(dtype=object, copy=True)
            origin[local] = origin_ids[lo:hi]
            size = np.ones(len(batch), dtype="int64")
            size[local] = sizes[lo:hi]
            is_copy = np.zeros(len(batch), dtype=bool)
            is_copy[local] = ~is_origin[lo:hi]
            out = batch.assign(cluster=origin, cluster_size=size, origin_id=origin, is_copy=is_copy)
            out["weight"] = (1.0 / out["cluster_size"]) if args.policy == "weight" else 1.0
            out["weight"] = out["weight"].astype("float64")
            if args.policy == "origin_only":
                out = out[~out["is_copy"]]
            n_kept += len(out)
            stream.write(out)
            at += len(batch)
        fio.write_csv(table.assign(policy=args.policy, version=__version__), args.table)
        fio.write_csv(share.assign(policy=args.policy, version=__version__), args.republished)
        dropped = n - n_kept
        acc = accounting.record_step(acc, kept=n_kept, dropped_duplicates=dropped)
        n_clusters = int(table["cluster"].nunique()) if len(table) else 0
        print(f"syndication: {n_clusters} cluster(s) of near-duplicates, {int(marked['is_copy'].sum())} copies "
              f"marked, {dropped} dropped (policy {args.policy})", file=sys.stderr)
        _finish_step(stream, args, acc, "syndication", settings)
    if args.accounting:
        fio.write_json(acc, args.accounting)
    return 0


def _roundtrip_schema(schema):
    """``schema`` as a pandas round trip writes it: text columns become ``large_string``; no metadata.

    The output's provenance is set by :func:`_finish_step`, its pandas metadata from the frames written.
    """
    import pyarrow as pa

    schema = schema.remove_metadata()
    for i, field in enumerate(schema):
        if field.type == pa.string():
            schema = schema.set(i, field.with_type(pa.large_string()))
    return schema


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
    p.add_argument("--format", default="auto", choices=["auto", "jsonl", "csv", "parquet", "html"],
                   help="auto: by suffix; a folder is a corpus of saved HTML pages")
    p.add_argument("--outlets", required=True, help="outlets sheet (CSV)")
    p.add_argument("--boilerplate", nargs="*", default=[], metavar="REGEX",
                   help="line patterns to remove (each must match a whole line)")
    p.add_argument("--unicode-form", default="NFC", choices=["NFC", "NFKC", "NFD", "NFKD"])
    p.add_argument("--encoding-errors", default="strict", choices=["strict", "replace"])
    p.add_argument("--html-min-chars", type=int, default=100,
                   help="a saved page with less article text than this is quarantined (no_article_text)")
    p.add_argument("--markup", default="strip", choices=["strip", "keep"],
                   help="HTML tags and entities inside text fields: strip them (default) or keep them")
    p.add_argument("--max-text-chars", type=int, default=1_000_000,
                   help="reject texts longer than this many characters (text_too_long)")
    p.add_argument("--articles", required=True, help="output: cleaned articles (Parquet)")
    p.add_argument("--rejected", required=True, help="output: rejected rows with reasons (CSV)")
    p.add_argument("--summary", help="output: counts (JSON)")
    p.add_argument("--processes", type=int, default=1,
                   help="processes of this step: with N > 1, N - 1 workers parse, check and clean JSON Lines "
                        "rows while this one checks duplicates and writes (the output is the same for any N)")
    _batch_rows_option(p)
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
    _batch_rows_option(p)
    _batch_mb_option(p)
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
    _batch_rows_option(p)
    _batch_mb_option(p)
    p.set_defaults(func=cmd_language)

    p = sub.add_parser("syndication", help="find near-duplicate (republished) articles, mark or drop copies")
    p.add_argument("--articles", required=True, help="input: articles (Parquet)")
    p.add_argument("--outlets", required=True, help="outlets sheet (CSV)")
    p.add_argument("--enabled", action=argparse.BooleanOptionalAction, default=True)
    _minhash_args(p)
    p.add_argument("--policy", default="keep_all", choices=["keep_all", "origin_only", "weight"])
    p.add_argument("--aggregator-groups", nargs="*", default=["aggregator"], metavar="GROUP",
                   help="outlet groups (outlets sheet) that never win a same-day tie for the origin")
    p.add_argument("--out", required=True, help="output: articles with cluster/weight columns (Parquet)")
    p.add_argument("--table", required=True, help="output: clusters of near-duplicates (CSV)")
    p.add_argument("--republished", required=True, help="output: per-outlet share of republished copy (CSV)")
    p.add_argument("--keys", nargs="*", default=[], metavar="PARQUET",
                   help="band keys from syndication-keys, every part in order (default: computed here)")
    p.add_argument("--accounting", help="output: in = kept + quarantined + dropped duplicates (JSON)")
    p.add_argument("--fingerprint-mb", type=float, default=16.0,
                   help="memory for the candidates' shingle fingerprints (the rest wait in a scratch file); "
                        "the results do not depend on it")
    _batch_rows_option(p)
    _batch_mb_option(p)
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
    p.add_argument("--fold-yo", action=argparse.BooleanOptionalAction, default=False,
                   help="fold Cyrillic ё to е in tokens")
    p.add_argument("--fold-accents", action=argparse.BooleanOptionalAction, default=False,
                   help="remove accents from tokens (país -> pais; ñ, й, ў, ї kept)")
    p.add_argument("--punkt",
                   help="output: Punkt parameters learned from the corpus, one model per language (JSON)")
    p.add_argument("--punkt-params", help="input: Punkt parameters trained by `framelens punkt` "
                   "(then the articles are read and written in batches)")
    p.add_argument("--batch-rows", type=int, default=2000, help="articles per batch with --punkt-params")
    _batch_mb_option(p)
    p.add_argument("--tokens", required=True, help="output: sentences and tokens (Parquet)")
    p.set_defaults(func=cmd_tokenize)

    p = sub.add_parser("shard", help="split the articles into shards by a stable hash of their id")
    p.add_argument("--articles", required=True, help="input: articles (Parquet)")
    p.add_argument("--batch-rows", type=int, default=2000, help="rows read per batch and per row group written")
    _batch_mb_option(p)
    p.add_argument("--out", nargs="+", required=True, help="output: one Parquet file per shard, in order")
    p.set_defaults(func=cmd_shard)

    p = sub.add_parser("syndication-keys",
                       help="MinHash band keys of one part of the articles (syndication's per-part work)")
    p.add_argument("--articles", required=True, help="input: articles (Parquet)")
    p.add_argument("--part", type=int, required=True, help="this part's number, from 0")
    p.add_argument("--parts", type=int, required=True, help="number of parts (consecutive row groups each)")
    _minhash_args(p)
    p.add_argument("--out", required=True, help="output: row numbers, band keys and validity (Parquet)")
    _batch_rows_option(p)
    _batch_mb_option(p)
    p.set_defaults(func=cmd_syndication_keys)

    p = sub.add_parser("punkt", help="train Punkt sentence boundaries once on (a sample of) the corpus")
    p.add_argument("--articles", required=True, help="input: articles (Parquet)")
    p.add_argument("--include-title", action=argparse.BooleanOptionalAction, default=True)
    p.add_argument("--max-articles", type=int, default=2000,
                   help="train on at most this many articles (a sample fixed by their ids)")
    p.add_argument("--batch-rows", type=int, default=2000)
    _batch_mb_option(p)
    p.add_argument("--out", required=True, help="output: Punkt parameters per language (JSON)")
    p.set_defaults(func=cmd_punkt)

    p = sub.add_parser("gather", help="concatenate shard tables in corpus order (outlet, id)")
    p.add_argument("--inputs", nargs="+", required=True, help="shard Parquet files with one schema")
    p.add_argument("--out", required=True, help="output: gathered Parquet file")
    p.set_defaults(func=cmd_gather)

    p = sub.add_parser("index", help="tokenize a shard once into a token index that any lexicon is scored from")
    p.add_argument("--articles", required=True, help="input: articles table (a shard, Parquet)")
    _text_options(p, "")
    p.add_argument("--batch-rows", type=int, default=2000, help="articles per batch (each batch has its vocabulary)")
    _batch_mb_option(p)
    p.add_argument("--out", required=True, help="output: the articles with their token ids (Parquet)")
    p.add_argument("--vocab", required=True, help="output: each batch's vocabulary (Parquet)")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("score", help="score every article against a lexicon")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--tokens", help="tokens table (framelens tokenize)")
    source.add_argument("--articles", help="articles table (a shard): tokenized and matched in one pass; "
                                           "needs --batch-rows")
    source.add_argument("--index", help="token index of a shard (framelens index); needs --vocab")
    p.add_argument("--vocab", help="with --index: the index's vocabularies (framelens index --vocab)")
    _text_options(p, "with --articles: ")
    p.add_argument("--lexicon", required=True)
    p.add_argument("--min-glob-stem", type=int, default=3,
                   help="refuse globs with fewer characters before '*' (e.g. 'co*')")
    p.add_argument("--categories", required=True, help="output: article × category scores (Parquet)")
    p.add_argument("--terms", required=True, help="output: article × category × entry counts (Parquet)")
    p.add_argument("--article-scores", required=True, help="output: per-article tokens and coverage (Parquet)")
    p.add_argument("--near", nargs="+", metavar="TERM",
                   help="score only within --window tokens of these target entries (lexicon syntax)")
    p.add_argument("--window", type=int, default=10, help="target window: tokens on each side of a target")
    p.add_argument("--target", help="name of the target (recorded in the output metadata)")
    p.add_argument("--batch-rows", type=int, default=0,
                   help="read and write this many articles at a time (whole-article scoring; 0 = all at once)")
    _batch_mb_option(p)
    p.add_argument("--matcher", choices=["fast", "reference"], default="fast",
                   help="with --batch-rows: the fast matcher or the slow reference (same results)")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("compare", help="outlet and group comparisons: CIs, differences, tests, warnings")
    _comparison_args(p)
    p.add_argument("--min-articles", type=int, default=0, help="warn about outlets with fewer articles")
    p.add_argument("--length-threshold", type=float, default=0.3, help="flag |Spearman rho| above this")
    p.add_argument("--out", required=True, help="output: outlet × category table (CSV)")
    p.add_argument("--groups-out", help="output: group × category table (CSV)")
    p.add_argument("--differences-out", help="output: pairwise and vs-reference differences (CSV)")
    p.add_argument("--length-out", help="output: length-confound diagnostic (CSV)")
    p.add_argument("--warnings-out", help="output: warnings (CSV)")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("differences", help="differences between outlets and groups: CIs, tests, q-values "
                                           "(what compare --differences-out writes, as a step of its own)")
    _comparison_args(p)
    p.add_argument("--out", required=True, help="output: pairwise and vs-reference differences (CSV)")
    p.set_defaults(func=cmd_differences)

    p = sub.add_parser("keyness", help="log-odds keyness (Fightin' Words) between outlet groups")
    p.add_argument("kind", choices=["words", "entries"])
    p.add_argument("--tokens", nargs="+", help="tokens (Parquet; the shard files), for words")
    p.add_argument("--batch-rows", type=int, default=2000, help="words: articles read at a time")
    p.add_argument("--terms", help="score step's entry counts (Parquet), for entries")
    p.add_argument("--stopwords", nargs="?", const="", default="",
                   help="words: file of words to leave out (one a line)")
    p.add_argument("--languages", nargs="*", default=[], help="words: only articles in these languages")
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
    _add_bootstrap_options(p, n_resamples=1000)
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_trends)

    p = sub.add_parser("tone", help="VADER tone per article and per target sentence, per outlet")
    p.add_argument("--tokens", required=True, nargs="+", help="tokens Parquet (the shard files)")
    p.add_argument("--batch-rows", type=int, default=2000, help="articles read at a time")
    p.add_argument("--outlets", required=True)
    p.add_argument("--targets", nargs="*", default=[], help="target terms (* = any ending)")
    p.add_argument("--languages", nargs="*", default=["en"],
                   help="only articles in these languages (VADER is an English lexicon); none = all")
    _add_bootstrap_options(p)
    p.add_argument("--articles-out", required=True, help="output: per-article tone (Parquet)")
    p.add_argument("--out", required=True, help="output: per-outlet tone (CSV)")
    p.set_defaults(func=cmd_tone)

    p = sub.add_parser("summary", help="corpus size per outlet and lexicons, for the report front page")
    p.add_argument("--tokens", required=True, nargs="+",
                   help="Parquet table(s) with outlet and n_tokens per article: the token shards, or a score "
                        "step's per-article table (the workflow's choice: no tokenize step needed)")
    p.add_argument("--batch-rows", type=int, default=2000, help="articles read at a time")
    p.add_argument("--outlets", required=True)
    p.add_argument("--ingest-summary")
    p.add_argument("--lexicon", nargs="*", default=[], metavar="NAME=CATEGORIES_PARQUET")
    p.add_argument("--out", required=True, help="output: corpus summary (CSV)")
    p.add_argument("--rst", required=True, help="output: front-page section (reStructuredText)")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("coverage", help="share of tokens the lexicon matches, per language and outlet")
    p.add_argument("--article-scores", required=True, help="per-article scores of the score step (Parquet)")
    p.add_argument("--tokens", required=True, nargs="+",
                   help="table(s) with each article's id and lang (Parquet): the corpus table or token shards")
    p.add_argument("--outlets", required=True)
    p.add_argument("--out", required=True, help="output: coverage by language and outlet (CSV)")
    p.set_defaults(func=cmd_coverage)

    p = sub.add_parser("plot", help="draw a comparative figure")
    p.add_argument("kind", choices=["profile", "heatmap", "contributions", "forest", "keyness", "trends", "tone"])
    p.add_argument("--table", required=True, help="input table (CSV) of the matching step")
    p.add_argument("--outlets", required=True)
    p.add_argument("--level", type=float, default=0.95)
    p.add_argument("--level-name", default="outlet", choices=["outlet", "group"], help="forest: rows")
    p.add_argument("--fdr", type=float, default=0.05, help="forest: q-value marked as significant")
    p.add_argument("--comparison", default="", help="keyness: comparison to draw")
    p.add_argument("--n-labels", type=int, default=12, help="keyness: terms labelled each way")
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
    q.add_argument("--min-glob-stem", type=int, default=3,
                   help="refuse globs with fewer characters before '*' (e.g. 'co*')")
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
    p.add_argument("--tokens", required=True, nargs="+", help="tokens Parquet (one or more shard files)")
    p.add_argument("--batch-rows", type=int, default=2000, help="articles read at a time")
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
    q.add_argument("--tokens", required=True, nargs="+", help="tokens Parquet (one or more shard files)")
    q.add_argument("--batch-rows", type=int, default=2000, help="articles read at a time")
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



    _add_classify_parser(sub)

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

