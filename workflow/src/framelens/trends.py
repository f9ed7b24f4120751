"""Trends: framing rates per outlet per calendar period (month by default) with bootstrap bands.

Each outlet × period × category cell is the mean of its articles' rates
(matches per 1,000 tokens) with a percentile bootstrap interval resampling the
cell's articles (whole events when event ids are given). Articles without a
date are left out and counted.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framelens.compare import article_matrices
from framelens.stats import cluster_bootstrap_means, percentile_interval, stable_seed

__all__ = ["TREND_COLUMNS", "PERIODS", "rates_by_period"]

TREND_COLUMNS = ("outlet", "period_kind", "period", "period_start", "category", "n_articles", "mean_rate", "ci_low", "ci_high")
PERIODS = {"week": "W-MON", "month": "M", "quarter": "Q", "year": "Y"}


def rates_by_period(
    category_scores: pd.DataFrame,
    dates: pd.Series,
    *,
    period: str = "month",
    n_resamples: int = 1000,
    level: float = 0.95,
    seed: int = 0,
    events: pd.Series | None = None,
) -> tuple[pd.DataFrame, int]:
    """Return (:data:`TREND_COLUMNS` table, number of articles without a usable date).

    ``dates`` maps article id → ISO date text (empty or missing = no date);
    ``period`` is one of :data:`PERIODS`.
    """
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; use one of {sorted(PERIODS)}")
    rates, outlet = article_matrices(category_scores, ("rate",))
    categories = list(rates.columns)
    parsed = pd.to_datetime(dates.reindex(rates.index).replace("", None), errors="coerce", format="ISO8601")
    undated = int(parsed.isna().sum())
    keep = parsed.notna().to_numpy()
    periods = parsed[keep].dt.to_period(PERIODS[period])
    frame = pd.DataFrame({"outlet": outlet[keep], "period": periods.astype(str),
                          "start": periods.dt.start_time.dt.strftime("%Y-%m-%d")}, index=rates.index[keep])
    rows = []
    for (out, per), sub in frame.groupby(["outlet", "period"], sort=True):
        values = rates.loc[sub.index].to_numpy(dtype=float)
        clusters = None
        if events is not None:
            ev = events.reindex(sub.index)
            clusters = np.where(ev.isna(), "article:" + sub.index.astype(str), "event:" + ev.astype(str))
        rng = np.random.default_rng(stable_seed(seed, "time", str(out), str(per)))
        boot = cluster_bootstrap_means(values, clusters, n_resamples=n_resamples, rng=rng)
        low, high = percentile_interval(boot, level=level)
        for j, cat in enumerate(categories):
            rows.append({"outlet": out, "period_kind": period, "period": per, "period_start": sub["start"].iloc[0], "category": cat,
                         "n_articles": len(sub), "mean_rate": float(values[:, j].mean()),
                         "ci_low": float(low[j]), "ci_high": float(high[j])})
    return pd.DataFrame(rows, columns=list(TREND_COLUMNS)), undated
