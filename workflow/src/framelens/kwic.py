"""Keyword in context: every hit of a category or a pattern with the tokens around it.

Contexts are built from the article's tokens (lower-cased words, punctuation
removed), which are exactly what the matcher saw, so a KWIC line shows why a
hit counted. :func:`kwic_sample` draws a reproducible stratified sample (per
category × outlet) for reading or for a coding sheet; the draw of each line is
a hash of the seed and the hit, so the sample is the same however the corpus
is split into shards and batches.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import pandas as pd

from framelens.lexicon import Lexicon, parse_entry
from framelens.matcher import Matcher, entry_matches_at, match_article
from framelens.multilingual import fold_entry
from framelens.score import split_paragraphs

__all__ = ["KWIC_COLUMNS", "kwic", "kwic_pattern", "kwic_sample", "sample_priority", "format_kwic"]

KWIC_COLUMNS = ("id", "outlet", "date", "category", "entry", "start", "end", "negated", "left", "match", "right")


def _row(art_id, outlet, date, category, entry, tokens, s, e, negated, window):  # noqa: ANN001, ANN202
    return (art_id, outlet, date, category, entry, s, e, negated,
            " ".join(tokens[max(0, s - window):s]), " ".join(tokens[s:e]), " ".join(tokens[e:e + window]))


def _frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(KWIC_COLUMNS)).astype(
        {"start": "int64", "end": "int64", "negated": "bool"})


def _dates(dates: Sequence[str | None] | None, n: int) -> list[str]:
    return ["" if d is None or (isinstance(d, float) and np.isnan(d)) else str(d) for d in (dates or [None] * n)]


def _langs(langs: Sequence[str | None] | None, n: int) -> list[str | None]:
    return [x if isinstance(x, str) and x else None for x in (langs or [None] * n)]


def kwic(
    ids: Sequence[str],
    outlets: Sequence[str],
    token_lists: Sequence[Sequence[str]],
    lexicon: Lexicon,
    *,
    categories: Sequence[str] | None = None,
    langs: Sequence[str | None] | None = None,
    dates: Sequence[str | None] | None = None,
    window: int = 6,
    match: Matcher = match_article,
    paragraph_starts: Sequence[Sequence[int] | None] | None = None,
) -> pd.DataFrame:
    """KWIC lines (:data:`KWIC_COLUMNS`) of every hit (counted and negated) of ``categories`` (default all).

    With ``paragraph_starts`` hits are found paragraph by paragraph, as the
    score step counts them; the context still runs across paragraphs.
    """
    # Categories are matched independently, so matching all and keeping the wanted
    # ones gives the same hits as matching the wanted ones alone (and lets ``match``
    # be a matcher compiled for the whole lexicon, such as the fast one).
    wanted = None if categories is None else {lexicon.category(c).name for c in categories}
    rows = []
    starts_all = paragraph_starts if paragraph_starts is not None else [None] * len(ids)
    for art_id, outlet, tokens, lang, date, starts in zip(ids, outlets, token_lists, _langs(langs, len(ids)),
                                                          _dates(dates, len(ids)), starts_all, strict=True):
        tokens = list(tokens)
        offset = 0
        for segment in split_paragraphs(tokens, starts):
            for m in match(lexicon, segment, lang=lang, article=art_id).hits:
                if wanted is not None and m.category not in wanted:
                    continue
                rows.append(_row(art_id, outlet, date, m.category, m.entry, tokens, offset + m.start,
                                 offset + m.end, m.negated, window))
            offset += len(segment)
    return _frame(rows)


def kwic_pattern(
    ids: Sequence[str],
    outlets: Sequence[str],
    token_lists: Sequence[Sequence[str]],
    pattern: str,
    *,
    langs: Sequence[str | None] | None = None,
    dates: Sequence[str | None] | None = None,
    window: int = 6,
    fold_yo: bool = False,
    fold_accents: bool = False,
) -> pd.DataFrame:
    """KWIC lines of a single entry ``pattern`` in lexicon syntax (``sanction*``, ``"sister country"``, ``~bloqueo``).

    Matches are taken left to right without overlap; ``category`` is empty.
    ``fold_yo``/``fold_accents`` fold the pattern as the tokens were folded
    (the tokenize step's settings), so ``ёлка`` finds the folded ``елка``.
    """
    entry = fold_entry(parse_entry(pattern), fold_yo, fold_accents)
    rows = []
    for art_id, outlet, tokens, lang, date in zip(ids, outlets, token_lists, _langs(langs, len(ids)),
                                                  _dates(dates, len(ids)), strict=True):
        tokens = list(tokens)
        p = 0
        while p < len(tokens):
            if entry_matches_at(entry, tokens, p, lang):
                rows.append(_row(art_id, outlet, date, "", entry.text, tokens, p, p + len(entry), False, window))
                p += len(entry)
            else:
                p += 1
    return _frame(rows)


def sample_priority(seed: int, art_id: str, start: int, end: int, category: str, entry: str) -> int:
    """A line's draw in :func:`kwic_sample`: 64 bits of BLAKE2b of the seed and the hit's identity.

    Depends only on the hit itself (article id, token span, category, entry),
    never on where or with which other lines it was read.
    """
    key = f"{seed}\x1f{art_id}\x1f{start}\x1f{end}\x1f{category}\x1f{entry}".encode("utf-8")
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big")


def kwic_sample(lines: pd.DataFrame, *, per_cell: int, seed: int = 0) -> pd.DataFrame:
    """At most ``per_cell`` random lines per category × outlet, reproducible for a given ``seed``.

    Each line draws a number from a hash of ``seed`` and the hit (see
    :func:`sample_priority`); a cell keeps its ``per_cell`` lowest draws. So the
    sample does not depend on the order or grouping in which lines arrive:
    ``kwic_sample(concat([kwic_sample(a), kwic_sample(b)]))`` equals
    ``kwic_sample(concat([a, b]))``, which lets a streamed corpus be sampled
    batch by batch, shard by shard. Rows are returned in corpus order within
    cells: by outlet, category, article id, then position.
    """
    if per_cell < 1:
        raise ValueError(f"per_cell must be >= 1, not {per_cell}")
    draw = [sample_priority(seed, *key) for key in zip(
        lines["id"], lines["start"].tolist(), lines["end"].tolist(), lines["category"], lines["entry"])]
    ranked = lines.assign(_draw=np.array(draw, dtype=np.uint64)).sort_values(
        ["category", "outlet", "_draw", "id", "start", "end", "entry"], kind="stable")
    kept = ranked[ranked.groupby(["category", "outlet"], sort=False).cumcount() < per_cell]
    return (kept.drop(columns="_draw").sort_values(["outlet", "category", "id", "start", "end", "entry"],
                                                   kind="stable").reset_index(drop=True))


def format_kwic(lines: pd.DataFrame, *, width: int = 40) -> str:
    """Plain-text KWIC: id, outlet, date, then left context right-aligned, the match in brackets, right context."""
    out = []
    for row in lines.itertuples(index=False):
        left = row.left[-width:]
        neg = " (negated)" if row.negated else ""
        out.append(f"{row.id}\t{row.outlet}\t{row.date}\t{left:>{width}} [{row.match}] {row.right[:width]}{neg}")
    return "\n".join(out)
