"""Statistics: bootstrap confidence intervals for article-level means.

The unit of resampling is the article: an outlet's articles are drawn with
replacement, the mean of each category's rate is taken, and the percentile
interval of those means is the confidence interval. Several columns
(categories) are resampled with the same draws, so the intervals of one
outlet are computed from one set of bootstrap samples.
"""

from __future__ import annotations

import zlib

import numpy as np

__all__ = ["stable_seed", "bootstrap_means", "percentile_interval", "bootstrap_mean_ci"]


def stable_seed(seed: int, *keys: str) -> np.random.SeedSequence:
    """A seed sequence determined by ``seed`` and string ``keys`` (e.g. an outlet id).

    Keying by name means adding or removing one outlet never changes another
    outlet's intervals.
    """
    return np.random.SeedSequence([seed, *(zlib.crc32(k.encode("utf-8")) for k in keys)])


def bootstrap_means(
    values: np.ndarray, *, n_resamples: int, rng: np.random.Generator, chunk: int = 256
) -> np.ndarray:
    """Return ``n_resamples`` bootstrap means of ``values`` (rows resampled).

    ``values`` is 1-D (one statistic) or 2-D (rows = articles, columns =
    categories); the result has shape ``(n_resamples,)`` or
    ``(n_resamples, n_columns)``.
    """
    values = np.asarray(values, dtype=float)
    n = values.shape[0]
    if n == 0:
        raise ValueError("cannot bootstrap an empty sample")
    out = np.empty((n_resamples,) + values.shape[1:], dtype=float)
    step = max(1, min(chunk, (2_000_000 // max(n, 1)) or 1))
    for lo in range(0, n_resamples, step):
        hi = min(lo + step, n_resamples)
        idx = rng.integers(0, n, size=(hi - lo, n))
        out[lo:hi] = values[idx].mean(axis=1)
    return out


def percentile_interval(boot: np.ndarray, *, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """The percentile interval of bootstrap statistics along axis 0."""
    if not 0 < level < 1:
        raise ValueError(f"confidence level must be between 0 and 1, not {level}")
    alpha = (1 - level) / 2
    low, high = np.percentile(boot, [100 * alpha, 100 * (1 - alpha)], axis=0)
    return low, high


def bootstrap_mean_ci(
    values: np.ndarray, *, n_resamples: int = 2000, level: float = 0.95, seed: int | np.random.SeedSequence = 0
) -> tuple[float, float]:
    """Percentile bootstrap interval for the mean of a 1-D sample."""
    rng = np.random.default_rng(seed)
    boot = bootstrap_means(np.asarray(values, dtype=float), n_resamples=n_resamples, rng=rng)
    low, high = percentile_interval(boot, level=level)
    return float(low), float(high)
