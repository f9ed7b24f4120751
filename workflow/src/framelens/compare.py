"""Comparison: per outlet and category, the mean framing rate with a bootstrap interval.

``mean_rate`` is the mean over an outlet's articles of the per-article rate
(matches per 1,000 tokens), so every article weighs the same; its interval
resamples articles. ``pooled_rate`` is all matches over all tokens of the
outlet (long articles weigh more); both are reported because they answer
different questions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framelens.stats import bootstrap_means, percentile_interval, stable_seed

__all__ = ["COMPARE_COLUMNS", "compare_outlets", "relative_to_corpus"]

COMPARE_COLUMNS = (
    "outlet", "name", "group", "language", "category", "n_articles",
    "mean_rate", "ci_low", "ci_high", "pooled_rate", "share_with_hit", "total_count", "total_tokens",
)


def compare_outlets(
    category_scores: pd.DataFrame,
    article_scores: pd.DataFrame,
    outlets: pd.DataFrame,
    *,
    n_resamples: int = 2000,
    level: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Return the tidy outlet × category table (:data:`COMPARE_COLUMNS`).

    ``category_scores`` has ``id, outlet, category, count, rate``;
    ``article_scores`` has ``id, n_tokens``; ``outlets`` is the outlets sheet.
    Categories keep the order in which they first appear in ``category_scores``.
    """
    categories = list(dict.fromkeys(category_scores["category"]))
    rates = category_scores.pivot(index="id", columns="category", values="rate")[categories]
    counts = category_scores.pivot(index="id", columns="category", values="count")[categories]
    article_outlet = category_scores.drop_duplicates("id").set_index("id")["outlet"]
    tokens = article_scores.set_index("id")["n_tokens"].reindex(rates.index)
    meta = outlets.set_index("outlet")
    rows = []
    for outlet in sorted(article_outlet.unique()):
        ids = article_outlet.index[article_outlet == outlet]
        r = rates.loc[ids].to_numpy(dtype=float)
        c = counts.loc[ids].to_numpy(dtype=float)
        n_tok = float(tokens.loc[ids].sum())
        rng = np.random.default_rng(stable_seed(seed, outlet))
        low, high = percentile_interval(bootstrap_means(r, n_resamples=n_resamples, rng=rng), level=level)
        for j, cat in enumerate(categories):
            rows.append({
                "outlet": outlet,
                "name": meta.at[outlet, "name"] if outlet in meta.index else outlet,
                "group": meta.at[outlet, "group"] if outlet in meta.index else "",
                "language": meta.at[outlet, "language"] if outlet in meta.index else "",
                "category": cat,
                "n_articles": len(ids),
                "mean_rate": float(r[:, j].mean()),
                "ci_low": float(low[j]),
                "ci_high": float(high[j]),
                "pooled_rate": 1000.0 * float(c[:, j].sum()) / n_tok if n_tok else 0.0,
                "share_with_hit": float((c[:, j] > 0).mean()),
                "total_count": int(c[:, j].sum()),
                "total_tokens": int(n_tok),
            })
    return pd.DataFrame(rows, columns=list(COMPARE_COLUMNS))


def relative_to_corpus(table: pd.DataFrame, *, value: str = "mean_rate") -> pd.DataFrame:
    """Outlet × category matrix of ``value`` divided by the corpus-wide article mean.

    The corpus mean weighs outlets by their number of articles. A cell of 2
    means the outlet uses the category twice as often as the average article.
    """
    weighted = table.assign(_w=table[value] * table["n_articles"])
    corpus = weighted.groupby("category", sort=False)["_w"].sum() / weighted.groupby("category", sort=False)["n_articles"].sum()
    matrix = table.pivot(index="outlet", columns="category", values=value)[list(corpus.index)]
    return matrix.div(corpus.replace(0, np.nan), axis=1)
