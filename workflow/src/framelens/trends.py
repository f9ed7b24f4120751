"""Trends: framing rates per outlet per calendar period (month by default) with bootstrap bands.

Each outlet × period × category cell is the mean of its articles' rates
(matches per 1,000 tokens) with a percentile bootstrap interval resampling the
cell's articles (whole events when event ids are given). Articles without a
date are left out and counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from framelens.scoredata import ScoreData
from framelens.stats import (
    cluster_bootstrap_means,
    percentile_interval,
    stable_seed,
    weighted_bootstrap_means,
    weighted_means,
)

__all__ = ["TREND_COLUMNS", "PERIODS", "rates_by_period", "parse_dates"]

TREND_COLUMNS = ("outlet", "period_kind", "period", "period_start", "category", "n_articles", "mean_rate", "ci_low", "ci_high")
PERIODS = {"week": "W-MON", "month": "M", "quarter": "Q", "year": "Y"}


def parse_dates(values: Sequence[Any]) -> np.ndarray:
    """ISO date texts as ``datetime64[ns]``; empty, missing or unreadable ones are NaT."""
    series = pd.Series(list(values), dtype=object).replace("", None)
    return pd.to_datetime(series, errors="coerce", format="ISO8601").to_numpy(dtype="datetime64[ns]")


def rates_by_period(
    scores: ScoreData,
    *,
    period: str = "month",
    n_resamples: int = 1000,
    level: float = 0.95,
    seed: int = 0,
) -> tuple[pd.DataFrame, int]:
    """Return (:data:`TREND_COLUMNS` table, number of articles without a usable date).

    ``scores`` carries each article's rates and ``dates`` (NaT = no date; see
    :func:`parse_dates`), and event ids when intervals resample whole events;
    ``period`` is one of :data:`PERIODS`. With ``weights`` in ``scores``
    (syndication policy ``weight``) the means and intervals are weighted, as in
    the outlet table; ``n_articles`` counts articles.
    """
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; use one of {sorted(PERIODS)}")
    if scores.dates is None:
        raise ValueError("the trends need each article's date")
    parsed = pd.Series(scores.dates)
    undated = int(parsed.isna().sum())
    keep = np.flatnonzero(parsed.notna().to_numpy())
    periods = parsed.iloc[keep].dt.to_period(PERIODS[period])
    frame = pd.DataFrame({"outlet": pd.Categorical(scores.outlet()[keep]), "period": periods.to_numpy()})
    rows = []
    for (out, per), positions in sorted(frame.groupby(["outlet", "period"], observed=True, sort=False).indices.items(),
                                        key=lambda item: (str(item[0][0]), str(item[0][1]))):
        members = keep[positions]
        values = scores.rates[members]
        rng = np.random.default_rng(stable_seed(seed, "time", str(out), str(per)))
        if scores.weights is None:
            boot = cluster_bootstrap_means(values, scores.clusters(members), n_resamples=n_resamples, rng=rng)
            means = [float(values[:, j].mean()) for j in range(values.shape[1])]
        else:  # weighted means Σ w·x / Σ w
            w = scores.weights[members]
            boot = weighted_bootstrap_means(values, w, clusters=scores.clusters(members), n_resamples=n_resamples,
                                            rng=rng)
            means = [float(m) for m in weighted_means(values, w)]
        low, high = percentile_interval(boot, level=level)
        start = per.start_time.strftime("%Y-%m-%d")
        for j, cat in enumerate(scores.categories):
            rows.append({"outlet": out, "period_kind": period, "period": str(per), "period_start": start,
                         "category": cat, "n_articles": len(members), "mean_rate": means[j],
                         "ci_low": float(low[j]), "ci_high": float(high[j])})
    return pd.DataFrame(rows, columns=list(TREND_COLUMNS)), undated
