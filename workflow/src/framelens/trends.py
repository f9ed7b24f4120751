"""Trends: framing rates per outlet per calendar period (month by default) with bootstrap bands.

Each outlet × period × category cell is the mean of its articles' rates
(matches per 1,000 tokens) with a percentile bootstrap interval resampling the
cell's articles (whole events when event ids are given). Articles without a
date are left out and counted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from framelens.scoredata import ScoreData
from framelens.stats import ClusterCounts, ClusterSums, percentile_interval, stable_seed

__all__ = ["TREND_COLUMNS", "PERIODS", "rates_by_period", "trends_stream", "parse_dates"]

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
    the outlet table; ``n_articles`` counts articles. See :func:`trends_stream`.
    """
    return trends_stream(lambda: [scores], period=period, n_resamples=n_resamples, level=level, seed=seed)


def _cells(chunk: ScoreData, freq: str) -> tuple[np.ndarray, list[tuple[str, str, str]]]:
    """Each row's cell number into the returned (outlet, period, period start) list; -1 without a date."""
    if chunk.dates is None:
        raise ValueError("the trends need each article's date")
    dated = ~np.isnat(chunk.dates)
    codes = np.full(len(chunk), -1, dtype=np.int64)
    if not dated.any():
        return codes, []
    periods = pd.Series(chunk.dates[dated]).dt.to_period(freq)
    outlets = chunk.outlet_names[chunk.outlet_codes[dated]]
    keys = pd.DataFrame({"outlet": outlets, "period": periods.astype(str),
                         "start": periods.dt.start_time.dt.strftime("%Y-%m-%d")})
    cell, uniques = pd.factorize(pd.MultiIndex.from_frame(keys))
    codes[dated] = cell
    return codes, [tuple(str(v) for v in key) for key in uniques]


def trends_stream(
    chunks: Callable[[], Iterable[ScoreData]],
    *,
    period: str = "month",
    n_resamples: int = 1000,
    level: float = 0.95,
    seed: int = 0,
) -> tuple[pd.DataFrame, int]:
    """:func:`rates_by_period` of scores read in chunks (called twice; the same articles in the same order).

    The first pass counts each outlet × period cell's articles and events; the
    second sums and resamples them (:class:`~framelens.stats.ClusterSums`,
    seeded by outlet and period) and finishes a cell as soon as its last
    article has come, so only the cells still being filled are held (with the
    scores in outlet order: one outlet's). Each cell's mean is Σ w·x / Σ w over
    its articles (w = 1 without weights).
    """
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; use one of {sorted(PERIODS)}")
    freq = PERIODS[period]
    counts = ClusterCounts()
    undated = 0
    categories: tuple[str, ...] = ()
    for chunk in chunks():
        categories = chunk.categories
        codes, keys = _cells(chunk, freq)
        undated += int((codes < 0).sum())
        labels = chunk.event_labels()
        for c, key in enumerate(keys):
            rows = np.flatnonzero(codes == c)
            counts.add(key, len(rows), None if labels is None else labels[rows])
    k = len(categories)
    live: dict[tuple[str, str, str], ClusterSums] = {}
    seen: dict[tuple[str, str, str], int] = {}
    rows_out: list[dict] = []
    for chunk in chunks():
        codes, keys = _cells(chunk, freq)
        labels = chunk.event_labels()
        w = np.ones(len(chunk)) if chunk.weights is None else chunk.weights
        values = np.column_stack([chunk.rates * w[:, None], w])
        for c, key in enumerate(keys):
            rows = np.flatnonzero(codes == c)
            if key not in live:
                rng = np.random.default_rng(stable_seed(seed, "time", key[0], key[1]))
                live[key] = ClusterSums(counts.units([key]), k + 1, n_resamples=n_resamples, rng=rng)
            live[key].add(values[rows], None if labels is None else labels[rows])
            seen[key] = seen.get(key, 0) + len(rows)
            if seen[key] == counts.articles[key]:  # the cell's last article: finish it
                n = counts.articles[key]
                rows_out += _cell_rows(key, categories, n, *live.pop(key).result(), period=period, level=level)
    if live:
        raise ValueError("the scores changed between the two passes")
    table = pd.DataFrame(rows_out, columns=list(TREND_COLUMNS))
    order = sorted(range(len(table)), key=lambda i: (table["outlet"].iat[i], table["period"].iat[i]))
    return table.iloc[order].reset_index(drop=True), undated


def _cell_rows(key: tuple[str, str, str], categories: tuple[str, ...], n: int, total: np.ndarray,
               boot: np.ndarray, *, period: str, level: float) -> list[dict]:
    k = len(categories)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = total[:k] / total[k]
        low, high = percentile_interval(boot[:, :k] / boot[:, [k]], level=level)
    outlet, label, start = key
    return [{"outlet": outlet, "period_kind": period, "period": label, "period_start": start, "category": cat,
             "n_articles": n, "mean_rate": float(means[j]), "ci_low": float(low[j]), "ci_high": float(high[j])}
            for j, cat in enumerate(categories)]
