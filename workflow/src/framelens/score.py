"""Scoring: per article and category, how often the lexicon's framing appears.

Per article × category: ``count`` is the number of counted (not negated)
hits (a multi-word hit counts once), ``negated`` the hits preceded by a
negator, ``excluded`` the exclusion spans found, ``rate`` counted hits per
1,000 tokens of the article, ``terms`` which entries produced the counted hits
(``"entry (n); ..."``, most frequent first, then by entry). Per article ×
category × entry: ``n`` counted and ``n_negated`` negated hits. Per article,
``coverage`` is the share of tokens inside a counted hit of any category.

The matcher is a parameter (``match=``): the reference matcher
:func:`framelens.matcher.match_article` by default; a faster matcher with the
same semantics can be passed in.

Target windows (:func:`target_windows`, :func:`score_windows`) restrict
scoring to the tokens within ±N tokens of a target term; each window is
matched as its own token sequence (negation and excludes do not reach across
a window's edge) and ``n_tokens`` is the number of tokens inside windows.
Articles without a target mention are left out of windowed scores.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import pandas as pd

from framelens.lexicon import Entry, Lexicon
from framelens.matcher import Matcher, entry_matches_at, match_article

__all__ = ["Scores", "ScoreRows", "score_articles", "score_texts", "score_text_rows", "article_rows", "split_paragraphs", "rate_per_1000", "target_windows", "score_windows",
           "CATEGORY_COLUMNS", "TERM_COLUMNS", "ARTICLE_COLUMNS"]

PER = 1000.0
CATEGORY_COLUMNS = ("id", "outlet", "category", "count", "negated", "excluded", "rate", "terms")
TERM_COLUMNS = ("id", "outlet", "category", "entry", "n", "n_negated")
ARTICLE_COLUMNS = ("id", "outlet", "n_tokens", "matched_tokens", "coverage")


@dataclass(frozen=True)
class Scores:
    """The three tables the score step writes."""

    categories: pd.DataFrame  # CATEGORY_COLUMNS
    terms: pd.DataFrame  # TERM_COLUMNS
    articles: pd.DataFrame  # ARTICLE_COLUMNS


class ScoreRows(NamedTuple):
    """The three tables as rows (tuples in the column order of ``*_COLUMNS``), before any DataFrame."""

    categories: list[tuple]
    terms: list[tuple]
    articles: list[tuple]


_NO_TERMS: Counter[str] = Counter()  # shared and never changed: a category without hits


def rate_per_1000(count: int | float, n_tokens: int | float) -> float:
    """Matches per 1,000 tokens; 0 for an article without tokens."""
    return PER * count / n_tokens if n_tokens else 0.0


def _article_rows(
    art_id: str, outlet: str, segments: Sequence[Sequence[str]], lexicon: Lexicon,
    lang: str | None, match: Matcher,
) -> tuple[list[tuple], list[tuple], tuple]:
    hits: list = []
    exclusions: list = []
    n_tokens = 0
    for tokens in segments:  # positions shifted so that segments do not overlap
        found = match(lexicon, tokens, lang=lang, article=art_id)
        hits.extend((m.category, m.entry, m.start + n_tokens, m.end + n_tokens, m.negated) for m in found.hits)
        exclusions.extend(x.category for x in found.exclusions)
        n_tokens += len(tokens)
    return article_rows(art_id, outlet, lexicon.category_names, n_tokens, hits, exclusions)


def article_rows(
    art_id: str, outlet: str, categories: Sequence[str], n_tokens: int,
    hits: Sequence[tuple[str, str, int, int, bool]], exclusion_categories: Sequence[str],
) -> tuple[list[tuple], list[tuple], tuple]:
    """One article's rows of the three tables from its hits ``(category, entry, start, end, negated)``.

    ``exclusion_categories`` names the category of each exclusion span found.
    """
    if not hits and not exclusion_categories:  # most articles of a narrow lexicon
        return ([(art_id, outlet, cat, 0, 0, 0, 0.0, "") for cat in categories], [],
                (art_id, outlet, n_tokens, 0, 0.0))
    # per category: ({entry: counted}, {entry: negated}), from one count of (category, entry, negated)
    per_category: dict[str, tuple[dict[str, int], dict[str, int]]] = {}
    for (category, entry, is_negated), n in Counter([(h[0], h[1], h[4]) for h in hits]).items():
        both = per_category.get(category)
        if both is None:
            both = per_category[category] = ({}, {})
        both[1 if is_negated else 0][entry] = n
    excluded = Counter(exclusion_categories) if exclusion_categories else _NO_TERMS
    cat_rows, term_rows = [], []
    for cat in categories:
        both = per_category.get(cat)
        if both is None:  # most categories of most articles
            cat_rows.append((art_id, outlet, cat, 0, 0, excluded[cat], 0.0, ""))
            continue
        found, neg = both
        count = sum(found.values())
        ordered = sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))
        cat_rows.append((art_id, outlet, cat, count, sum(neg.values()), excluded[cat],
                         rate_per_1000(count, n_tokens), "; ".join([f"{entry} ({n})" for entry, n in ordered])))
        if not neg:
            term_rows.extend([(art_id, outlet, cat, entry, n, 0) for entry, n in ordered])
            continue
        for entry in sorted(found.keys() | neg.keys(), key=lambda e: (-found.get(e, 0), -neg.get(e, 0), e)):
            term_rows.append((art_id, outlet, cat, entry, found.get(entry, 0), neg.get(entry, 0)))
    # tokens covered by counted hits: the length of the union of their spans
    covered, reach = 0, 0
    for start, end in sorted([(h[2], h[3]) for h in hits if not h[4]]):
        if end > reach:
            covered += end - max(start, reach)
            reach = end
    coverage = covered / n_tokens if n_tokens else 0.0
    return cat_rows, term_rows, (art_id, outlet, n_tokens, covered, coverage)


def _tables(cat_rows: list, term_rows: list, art_rows: list) -> Scores:
    return Scores(
        categories=pd.DataFrame(cat_rows, columns=list(CATEGORY_COLUMNS))
        .astype({"count": "int64", "negated": "int64", "excluded": "int64", "rate": "float64"}),
        terms=pd.DataFrame(term_rows, columns=list(TERM_COLUMNS)).astype({"n": "int64", "n_negated": "int64"}),
        articles=pd.DataFrame(art_rows, columns=list(ARTICLE_COLUMNS))
        .astype({"n_tokens": "int64", "matched_tokens": "int64", "coverage": "float64"}),
    )


def _langs(langs: Sequence[str | None] | None, n: int) -> list[str | None]:
    if langs is None:
        return [None] * n
    return [lang if isinstance(lang, str) and lang else None for lang in langs]


def split_paragraphs(tokens: Sequence[str], starts: Sequence[int] | None) -> list[list[str]]:
    """The token list cut at the paragraph starts (the whole list when ``starts`` is empty)."""
    tokens = list(tokens)
    if starts is None or len(starts) <= 1:
        return [tokens]
    bounds = [int(x) for x in starts] + [len(tokens)]
    return [tokens[a:b] for a, b in zip(bounds[:-1], bounds[1:]) if b > a]


def score_articles(
    ids: Sequence[str],
    outlets: Sequence[str],
    token_lists: Sequence[Sequence[str]],
    lexicon: Lexicon,
    *,
    langs: Sequence[str | None] | None = None,
    match: Matcher = match_article,
    paragraph_starts: Sequence[Sequence[int] | None] | None = None,
) -> Scores:
    """Score every article (given as parallel sequences) against ``lexicon``.

    ``langs`` holds each article's ISO 639-1 language (``None``/empty when unknown).
    ``paragraph_starts`` holds, per article, the index of each paragraph's first
    token (:func:`framelens.tokenize.paragraph_tokens`): matches then never span
    a paragraph break, so an article's counts are the sum of its paragraphs'.
    """
    cat_rows: list[tuple] = []
    term_rows: list[tuple] = []
    art_rows: list[tuple] = []
    starts_all = paragraph_starts if paragraph_starts is not None else [None] * len(ids)
    for art_id, outlet, tokens, lang, starts in zip(ids, outlets, token_lists, _langs(langs, len(ids)),
                                                   starts_all, strict=True):
        c, t, a = _article_rows(art_id, outlet, split_paragraphs(tokens, starts), lexicon, lang, match)
        cat_rows.extend(c)
        term_rows.extend(t)
        art_rows.append(a)
    return _tables(cat_rows, term_rows, art_rows)


def score_texts(
    ids: Sequence[str],
    outlets: Sequence[str],
    texts: Sequence[str],
    categories: Sequence[str],
    match_text: Callable[[str, str | None, str], Any],
    *,
    langs: Sequence[str | None] | None = None,
) -> Scores:
    """Score articles given as texts, tokenized and matched in one pass.

    ``match_text(text, lang, article_id)`` returns the article's matches with
    ``n_tokens``, ``hits`` (category, entry, start, end, negated) and
    ``exclusions`` (category first), matching paragraph by paragraph, such as
    :func:`framelens.fastmatch.text_matcher`. The tables equal those of
    :func:`score_articles` on the tokens of :func:`framelens.tokenize.paragraph_tokens`.
    """
    return _tables(*score_text_rows(ids, outlets, texts, categories, match_text, langs=langs))


def score_text_rows(
    ids: Sequence[str],
    outlets: Sequence[str],
    texts: Sequence[str],
    categories: Sequence[str],
    match_text: Callable[[str, str | None, str], Any],
    *,
    langs: Sequence[str | None] | None = None,
) -> ScoreRows:
    """:func:`score_texts` as rows: what the sharded score step turns into Arrow tables directly."""
    cat_rows: list[tuple] = []
    term_rows: list[tuple] = []
    art_rows: list[tuple] = []
    for art_id, outlet, text, lang in zip(ids, outlets, texts, _langs(langs, len(ids)), strict=True):
        found = match_text(text, lang, art_id)
        c, t, a = article_rows(art_id, outlet, categories, found.n_tokens, found.hits,
                               [x[0] for x in found.exclusions])
        cat_rows.extend(c)
        term_rows.extend(t)
        art_rows.append(a)
    return ScoreRows(cat_rows, term_rows, art_rows)


def target_windows(
    tokens: Sequence[str], targets: Sequence[Entry], *, window: int, lang: str | None = None
) -> list[tuple[int, int]]:
    """Token spans ``[start, end)`` within ``window`` tokens of a target mention, overlaps merged.

    Every position where a target entry matches counts as a mention (targets
    are not leftmost-longest: any match marks the window). The window around
    a mention ``[s, e)`` is ``[s - window, e + window)`` clipped to the article.
    """
    spans: list[tuple[int, int]] = []
    for p in range(len(tokens)):
        for target in targets:
            if target.applies_to(lang) and entry_matches_at(target, tokens, p, lang):
                spans.append((max(0, p - window), min(len(tokens), p + len(target.words) + window)))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def score_windows(
    ids: Sequence[str],
    outlets: Sequence[str],
    token_lists: Sequence[Sequence[str]],
    lexicon: Lexicon,
    targets: Sequence[Entry],
    *,
    window: int,
    langs: Sequence[str | None] | None = None,
    match: Matcher = match_article,
) -> Scores:
    """Score only the tokens within ``window`` tokens of a target; same tables as :func:`score_articles`."""
    cat_rows: list[tuple] = []
    term_rows: list[tuple] = []
    art_rows: list[tuple] = []
    for art_id, outlet, tokens, lang in zip(ids, outlets, token_lists, _langs(langs, len(ids)), strict=True):
        tokens = list(tokens)
        spans = target_windows(tokens, targets, window=window, lang=lang)
        if not spans:
            continue
        c, t, a = _article_rows(art_id, outlet, [tokens[s:e] for s, e in spans], lexicon, lang, match)
        cat_rows.extend(c)
        term_rows.extend(t)
        art_rows.append(a)
    return _tables(cat_rows, term_rows, art_rows)

