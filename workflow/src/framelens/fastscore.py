"""Fast scoring: tokenize and score batches of articles with the fast matcher, in score's layout.

Produces exactly the tables of :func:`framelens.score.score_articles` (same
columns, types and row order) from article text, tokenizing and matching in
one pass with :mod:`framelens.fastmatch`; a test checks both agree.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pyarrow as pa

from framelens.fastmatch import FastMatcher, fast_word_tokens
from framelens.score import Scores, rate_per_1000
from framelens.tokenize import article_text

__all__ = ["SCORE_SCHEMAS", "score_frame"]

#: Arrow schemas of the three score tables (so empty shards still have typed columns).
SCORE_SCHEMAS = {
    "categories": pa.schema([("id", pa.string()), ("outlet", pa.string()), ("category", pa.string()),
                             ("count", pa.int64()), ("rate", pa.float64()), ("terms", pa.string())]),
    "terms": pa.schema([("id", pa.string()), ("outlet", pa.string()), ("category", pa.string()),
                        ("entry", pa.string()), ("n", pa.int64())]),
    "articles": pa.schema([("id", pa.string()), ("outlet", pa.string()), ("n_tokens", pa.int64()),
                           ("matched_tokens", pa.int64()), ("coverage", pa.float64())]),
}


def score_frame(articles: pd.DataFrame, matcher: FastMatcher, *, include_title: bool = True) -> Scores:
    """Score ``articles`` (columns id, outlet, text, optional title and lang) with ``matcher``."""
    cat_rows: list[tuple[str, str, str, int, float, str]] = []
    term_rows: list[tuple[str, str, str, str, int]] = []
    art_rows: list[tuple[str, str, int, int, float]] = []
    categories = matcher.categories
    n = len(articles)
    titles = articles["title"] if "title" in articles.columns else [None] * n
    langs = articles["lang"] if "lang" in articles.columns else [None] * n
    for art_id, outlet, title, text, lang in zip(articles["id"], articles["outlet"], titles,
                                                 articles["text"], langs, strict=True):
        lang = lang if isinstance(lang, str) and lang else None
        tokens = fast_word_tokens(article_text(title, text, include_title=include_title))
        result = matcher.match(tokens, lang=lang)
        n_tokens = result.n_tokens
        per_cat: dict[str, Counter[str]] = {}
        covered: set[int] = set()
        for hit in result.hits:
            if hit.negated:
                continue
            per_cat.setdefault(hit.category, Counter())[hit.entry] += 1
            covered.update(range(hit.start, hit.end))
        for cat in categories:
            hits = per_cat.get(cat)
            if not hits:
                cat_rows.append((art_id, outlet, cat, 0, 0.0, ""))
                continue
            count = sum(hits.values())
            ordered = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))
            terms = "; ".join(f"{entry} ({k})" for entry, k in ordered)
            cat_rows.append((art_id, outlet, cat, count, rate_per_1000(count, n_tokens), terms))
            term_rows.extend((art_id, outlet, cat, entry, k) for entry, k in ordered)
        coverage = len(covered) / n_tokens if n_tokens else 0.0
        art_rows.append((art_id, outlet, n_tokens, len(covered), coverage))
    return Scores(
        categories=pd.DataFrame(cat_rows, columns=SCORE_SCHEMAS["categories"].names)
        .astype({"count": "int64", "rate": "float64"}),
        terms=pd.DataFrame(term_rows, columns=SCORE_SCHEMAS["terms"].names).astype({"n": "int64"}),
        articles=pd.DataFrame(art_rows, columns=SCORE_SCHEMAS["articles"].names)
        .astype({"n_tokens": "int64", "matched_tokens": "int64", "coverage": "float64"}),
    )
