"""Scoring: per article and category, how often the lexicon's framing appears.

``count`` is the number of matches (a multi-word match counts once), ``rate``
is matches per 1,000 tokens of the article, ``terms`` lists which entries
matched. Per article, ``coverage`` is the share of tokens covered by a match of
any category.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from framelens.matcher import CompiledLexicon, match_tokens

__all__ = ["Scores", "score_articles", "rate_per_1000"]

PER = 1000.0


@dataclass(frozen=True)
class Scores:
    """The three tables the score step writes."""

    categories: pd.DataFrame  # id, outlet, category, count, rate, terms
    terms: pd.DataFrame  # id, outlet, category, entry, n
    articles: pd.DataFrame  # id, outlet, n_tokens, matched_tokens, coverage


def rate_per_1000(count: int | float, n_tokens: int | float) -> float:
    """Matches per 1,000 tokens; 0 for an article without tokens."""
    return PER * count / n_tokens if n_tokens else 0.0


def score_articles(
    ids: Sequence[str],
    outlets: Sequence[str],
    token_lists: Sequence[Sequence[str]],
    compiled: CompiledLexicon,
) -> Scores:
    """Score every article (given as parallel sequences) against ``compiled``."""
    cat_rows: list[tuple[str, str, str, int, float, str]] = []
    term_rows: list[tuple[str, str, str, str, int]] = []
    art_rows: list[tuple[str, str, int, int, float]] = []
    categories = compiled.categories
    for art_id, outlet, tokens in zip(ids, outlets, token_lists, strict=True):
        n_tokens = len(tokens)
        per_cat: dict[str, Counter[str]] = {c: Counter() for c in categories}
        covered: set[int] = set()
        for m in match_tokens(compiled, tokens):
            per_cat[m.category][m.entry] += 1
            covered.update(range(m.start, m.end))
        for cat in categories:
            hits = per_cat[cat]
            count = sum(hits.values())
            ordered = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))
            terms = "; ".join(f"{entry} ({n})" for entry, n in ordered)
            cat_rows.append((art_id, outlet, cat, count, rate_per_1000(count, n_tokens), terms))
            term_rows.extend((art_id, outlet, cat, entry, n) for entry, n in ordered)
        coverage = len(covered) / n_tokens if n_tokens else 0.0
        art_rows.append((art_id, outlet, n_tokens, len(covered), coverage))
    return Scores(
        categories=pd.DataFrame(cat_rows, columns=["id", "outlet", "category", "count", "rate", "terms"])
        .astype({"count": "int64", "rate": "float64"}),
        terms=pd.DataFrame(term_rows, columns=["id", "outlet", "category", "entry", "n"]).astype({"n": "int64"}),
        articles=pd.DataFrame(art_rows, columns=["id", "outlet", "n_tokens", "matched_tokens", "coverage"])
        .astype({"n_tokens": "int64", "matched_tokens": "int64", "coverage": "float64"}),
    )
