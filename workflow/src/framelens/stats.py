"""Statistics: resampling intervals and tests for article-level means.

The unit of resampling is the article: an outlet's articles are drawn with
replacement, the mean of each category's rate is taken, and the percentile
interval of those means is the confidence interval. Several columns
(categories) are resampled with the same draws, so the intervals of one
outlet are computed from one set of bootstrap samples. When articles come in
clusters (several articles about one event), whole clusters are drawn instead
(:func:`cluster_bootstrap_means`), and permutation tests shuffle labels only
within a cluster (:func:`permutation_test_means`). Also here: Benjamini–Hochberg
q-values, Cohen's d and a Spearman correlation.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "TESTS", "stable_seed", "bootstrap_means", "percentile_interval", "bootstrap_mean_ci",
    "cluster_bootstrap_means", "bootstrap_difference", "weighted_bootstrap_means", "nan_percentile_interval",
    "weighted_test_values", "weighted_means",
    "permutation_test_means", "random_subsets", "asymptotic_permutation_test_means", "bh_qvalues", "cohens_d", "spearman",
    "RowBlocks", "BlockBootstrap", "ClusterSums", "ClusterCounts", "spearman_from_counts", "PairCounts", "SubsetSums", "RowMoments",
    "permutation_p_values", "normal_p_values",
]


TESTS = ("permutation", "asymptotic", "auto")
"""How the p-values of differences are found: shuffled labels, the normal approximation of the
permutation distribution, or that approximation only for large pairs (see :mod:`framelens.compare`)."""


def stable_seed(seed: int, *keys: str) -> np.random.SeedSequence:
    """A seed sequence determined by ``seed`` and string ``keys`` (e.g. an outlet id).

    Keying by name means adding or removing one outlet never changes another
    outlet's intervals.
    """
    return np.random.SeedSequence([seed, *(zlib.crc32(k.encode("utf-8")) for k in keys)])


def _draw_counts(idx: np.ndarray, n: int) -> np.ndarray:
    """How often each of ``n`` rows is drawn in each resample: ``idx`` (resamples × draws) → (resamples × n)."""
    r = idx.shape[0]
    flat = (idx + (np.arange(r, dtype=np.int64) * n)[:, None]).ravel()
    return np.bincount(flat, minlength=r * n).reshape(r, n).astype(float)


def _weighted_sums(weights: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``weights @ values`` ((resamples × n) @ (n × columns)), computed as the faster (values.T @ weights.T).T."""
    return (values.T @ weights.T).T


def _rows_per_chunk(n: int, chunk: int) -> int:
    # a (rows × n) count matrix of at most ~2 million cells (16 MB) per chunk
    return max(1, min(chunk, 2_000_000 // max(n, 1)))


def bootstrap_means(
    values: np.ndarray, *, n_resamples: int, rng: np.random.Generator, chunk: int = 256
) -> np.ndarray:
    """Return ``n_resamples`` bootstrap means of ``values`` (rows resampled).

    ``values`` is 1-D (one statistic) or 2-D (rows = articles, columns =
    categories); the result has shape ``(n_resamples,)`` or
    ``(n_resamples, n_columns)``. Each resample draws ``n`` row indices with
    replacement; its mean is computed as (times each row was drawn) · values / n,
    one matrix product per chunk of resamples instead of a copy of every drawn
    value. The draws do not depend on ``chunk``.
    """
    values = np.asarray(values, dtype=float)
    n = values.shape[0]
    if n == 0:
        raise ValueError("cannot bootstrap an empty sample")
    flat = values.reshape(n, -1)
    out = np.empty((n_resamples, flat.shape[1]), dtype=float)
    step = _rows_per_chunk(n, chunk)
    for lo in range(0, n_resamples, step):
        hi = min(lo + step, n_resamples)
        idx = rng.integers(0, n, size=(hi - lo, n))
        out[lo:hi] = _weighted_sums(_draw_counts(idx, n), flat) / n
    return out.reshape((n_resamples,) + values.shape[1:])


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


def cluster_bootstrap_means(
    values: np.ndarray, clusters: np.ndarray | None, *, n_resamples: int, rng: np.random.Generator,
    chunk: int = 256,
) -> np.ndarray:
    """Bootstrap means of ``values`` resampling whole clusters (e.g. events).

    Each resample draws as many clusters as there are, with replacement; its
    statistic is the mean over all articles of the drawn clusters (sum of the
    clusters' sums over the sum of their sizes). ``clusters`` of ``None``, or
    one cluster per row, gives exactly :func:`bootstrap_means` with the same
    ``rng``. Shapes as in :func:`bootstrap_means`.
    """
    values = np.asarray(values, dtype=float)
    if clusters is None:
        return bootstrap_means(values, n_resamples=n_resamples, rng=rng, chunk=chunk)
    clusters = np.asarray(clusters)
    if len(clusters) != values.shape[0]:
        raise ValueError(f"{len(clusters)} cluster labels for {values.shape[0]} rows")
    if values.shape[0] == 0:
        raise ValueError("cannot bootstrap an empty sample")
    _, codes = np.unique(clusters, return_inverse=True)
    k = int(codes.max()) + 1
    flat = values.reshape(values.shape[0], -1)
    sums = np.zeros((k, flat.shape[1]))
    np.add.at(sums, codes, flat)
    sizes = np.bincount(codes, minlength=k).astype(float)
    out = np.empty((n_resamples, flat.shape[1]), dtype=float)
    step = _rows_per_chunk(k, chunk)
    for lo in range(0, n_resamples, step):
        hi = min(lo + step, n_resamples)
        drawn = _draw_counts(rng.integers(0, k, size=(hi - lo, k)), k)
        out[lo:hi] = _weighted_sums(drawn, sums) / (drawn @ sizes)[:, None]
    return out.reshape((n_resamples,) + values.shape[1:])


def permutation_test_means(
    a: np.ndarray, b: np.ndarray, *, n_resamples: int, rng: np.random.Generator,
    strata_a: np.ndarray | None = None, strata_b: np.ndarray | None = None, chunk: int = 128,
) -> tuple[np.ndarray, np.ndarray]:
    """Two-sided permutation test of ``mean(a) - mean(b)``; returns ``(difference, p)``.

    Rows of ``a`` and ``b`` (1-D, or 2-D with one column per statistic tested
    with the same permutations) are pooled and the group labels shuffled
    ``n_resamples`` times. With strata (e.g. event ids) labels are shuffled only
    among rows of the same stratum, so an event covered by both sides is
    compared with itself. The p-value follows :func:`scipy.stats.permutation_test`
    (randomised test, ``alternative="two-sided"``): twice the smaller one-sided
    p-value, each counted with the observed statistic included, capped at 1.
    Shuffled statistics that differ from the observed one only by rounding
    (within 1000 machine epsilons of the column's absolute sum) count as ties,
    as scipy's tolerance does. Without strata only the smaller side's rows are
    drawn (:func:`random_subsets`), in chunks of at most ~2 million membership
    cells; a stratified test permutes each stratum in chunks of at most ~2 million
    cells, so one of more than 15,625 rows draws in smaller chunks.
    """
    pooled, n_a, observed, codes = _two_samples(a, b, strata_a, strata_b)
    n = pooled.shape[0]
    # mean(first) - mean(rest) = s·(1/n_a + 1/n_b) - total/n_b rises with s, the sum over
    # the rows shuffled into the first group, so the test compares those sums: one 0/1
    # membership matrix times the values per chunk instead of a copy of every shuffled value.
    observed_sum = pooled[:n_a].sum(axis=0)
    if codes is None:
        # no strata: draw only the smaller side's rows (a uniform subset), not a whole permutation
        # of every row; the other side's sum is the rest of the total
        smaller = min(n_a, n - n_a)
        null_sums = _subset_sums(pooled, smaller, n_resamples=n_resamples, rng=rng)
        if smaller != n_a:
            null_sums = pooled.sum(axis=0) - null_sums
    else:
        blocks = [np.flatnonzero(codes == c) for c in range(int(codes.max()) + 1)]
        blocks = [blk for blk in blocks if len(blk) > 1]
        null_sums = _permuted_sums(pooled, n_a, blocks, n_resamples=n_resamples, rng=rng, chunk=chunk)
    p = permutation_p_values(null_sums, observed_sum, _tie_tolerance(pooled))
    shape = np.shape(a)[1:]
    return observed.reshape(shape), p.reshape(shape)


def random_subsets(n: int, m: int, resamples: int, rng: np.random.Generator) -> np.ndarray:
    """``resamples`` uniform random ``m``-subsets of ``range(n)`` as a (resamples × n) boolean matrix.

    Each row draws its missing rows with replacement, keeps the distinct ones and draws again
    for what is still missing, until it holds ``m``. Every step depends on the draws only through
    which of them are equal, so relabelling the ``n`` rows maps each outcome to the relabelled
    outcome with the same probability: every ``m``-subset is equally likely, as with the first
    ``m`` places of a random permutation. The work is about ``m·log(m)/log(n/m)`` draws per
    row instead of the ``n`` of a permutation.
    """
    if not 0 <= m <= n:
        raise ValueError(f"cannot draw {m} of {n} rows")
    member = np.zeros((resamples, n), dtype=bool)
    flat = member.reshape(-1)
    rows = np.arange(resamples)
    missing = np.full(resamples, m, dtype=np.int64)
    while len(rows):
        width = int(missing.max())
        draws = rng.integers(0, n, size=(len(rows), width))
        keep = np.arange(width)[None, :] < missing[:, None]
        flat[(draws + (rows * n)[:, None])[keep]] = True
        missing = m - np.count_nonzero(member[rows], axis=1)
        rows, missing = rows[missing > 0], missing[missing > 0]
    return member


def _subset_sums(pooled: np.ndarray, m: int, *, n_resamples: int, rng: np.random.Generator) -> np.ndarray:
    """Column sums of ``m`` rows of ``pooled`` drawn without replacement (:func:`random_subsets`),
    ``n_resamples`` times. Memory: a membership matrix of at most 2 million cells per chunk
    (the product with the values takes a float copy of it: 16 MB)."""
    n = pooled.shape[0]
    out = np.empty((n_resamples, pooled.shape[1]))
    step = _rows_per_chunk(n, n_resamples)
    for lo in range(0, n_resamples, step):
        hi = min(lo + step, n_resamples)
        out[lo:hi] = random_subsets(n, m, hi - lo, rng).view(np.uint8) @ pooled
    return out


def _permuted_sums(pooled: np.ndarray, n_a: int, blocks: list[np.ndarray], *, n_resamples: int,
                   rng: np.random.Generator, chunk: int) -> np.ndarray:
    """Column sums of the rows shuffled into the first ``n_a`` places, ``n_resamples`` times;
    rows are exchanged only within ``blocks`` (the strata)."""
    n = pooled.shape[0]
    null_sums = np.empty((n_resamples, pooled.shape[1]))
    rows = np.arange(n)
    step = _rows_per_chunk(n, chunk)
    for lo in range(0, n_resamples, step):
        hi = min(lo + step, n_resamples)
        idx = np.tile(rows, (hi - lo, 1))
        for blk in blocks:
            idx[:, blk] = blk[rng.permuted(np.tile(np.arange(len(blk)), (hi - lo, 1)), axis=1)]
        # a permutation draws each row once: the counts of its first n_a rows are the 0/1 membership
        null_sums[lo:hi] = _weighted_sums(_draw_counts(idx[:, :n_a], n), pooled)
    return null_sums


def asymptotic_permutation_test_means(
    a: np.ndarray, b: np.ndarray, *, strata_a: np.ndarray | None = None, strata_b: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The large-sample (normal) approximation of :func:`permutation_test_means`; ``(difference, p)``.

    No shuffling: the permutation distribution of the first group's sum has an
    exact mean and variance. Without strata, for ``N`` pooled rows with mean
    ``m`` and population variance ``v``, the sum over ``n_a`` rows drawn
    without replacement has mean ``n_a·m`` and variance
    ``n_a·(N − n_a)/(N − 1)·v``; with strata these add up over the strata
    (a stratum of one row contributes nothing). The p-value is two-sided from
    the normal distribution with that mean and variance (R's ``coin`` calls this
    the asymptotic null distribution). It is accurate when both sides have many
    rows (thousands), where the shuffled test is limited to ``p ≥ 2/(n + 1)``
    anyway; a null variance of 0 gives p = 1.
    """
    pooled, n_a, observed, codes = _two_samples(a, b, strata_a, strata_b)
    if codes is None:
        codes = np.zeros(pooled.shape[0], dtype=np.int64)
    k = int(codes.max()) + 1
    size = np.bincount(codes, minlength=k).astype(float)
    size_a = np.bincount(codes[:n_a], minlength=k).astype(float)
    means = _stratum_sums(codes, pooled, k) / size[:, None]
    centred = _stratum_sums(codes, (pooled - means[codes]) ** 2, k)
    with np.errstate(invalid="ignore", divide="ignore"):
        factor = np.where(size > 1, size_a * (size - size_a) / (size * (size - 1)), 0.0)
    expected = (size_a[:, None] * means).sum(axis=0)
    variance = (factor[:, None] * centred).sum(axis=0)
    observed_sum = pooled[:n_a].sum(axis=0)
    p = normal_p_values(observed_sum, expected, variance, _tie_tolerance(pooled))
    shape = np.shape(a)[1:]
    return observed.reshape(shape), p.reshape(shape)


def _two_samples(a, b, strata_a, strata_b) -> tuple[np.ndarray, int, np.ndarray, np.ndarray | None]:
    """Both samples pooled as rows × columns, ``len(a)``, the observed mean difference, and stratum codes (or None)."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.shape[0] == 0 or b.shape[0] == 0:
        raise ValueError("both samples need at least one row for a permutation test")
    if (strata_a is None) != (strata_b is None):
        raise ValueError("give strata for both samples or for neither")
    pooled = np.concatenate([a, b]).reshape(a.shape[0] + b.shape[0], -1)
    n_a = a.shape[0]
    observed = pooled[:n_a].mean(axis=0) - pooled[n_a:].mean(axis=0)
    codes = None
    if strata_a is not None:
        labels = np.concatenate([np.asarray(strata_a).astype(str), np.asarray(strata_b).astype(str)])
        codes = np.unique(labels, return_inverse=True)[1].reshape(-1)
    return pooled, n_a, observed, codes


def _stratum_sums(codes: np.ndarray, values: np.ndarray, k: int) -> np.ndarray:
    """Column sums of ``values`` per stratum code (k × columns), one bincount per column."""
    return np.column_stack([np.bincount(codes, weights=values[:, j], minlength=k) for j in range(values.shape[1])])


def _tie_tolerance(pooled: np.ndarray) -> np.ndarray:
    # sums that differ only by rounding (the same rows added in another order) are ties
    return 1000 * np.finfo(float).eps * np.abs(pooled).sum(axis=0)


def bh_qvalues(pvalues: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (q-values); NaN p-values stay NaN and are not counted."""
    p = np.asarray(pvalues, dtype=float)
    q = np.full(p.shape, np.nan)
    ok = np.isfinite(p)
    m = int(ok.sum())
    if m == 0:
        return q
    vals = p[ok]
    order = np.argsort(vals, kind="stable")
    ranked = vals[order] * m / np.arange(1, m + 1)
    ranked = np.minimum.accumulate(ranked[::-1])[::-1]
    adjusted = np.empty(m)
    adjusted[order] = np.clip(ranked, 0.0, 1.0)
    q[ok] = adjusted
    return q


def cohens_d(a: np.ndarray, b: np.ndarray, *, weights_a: np.ndarray | None = None,
             weights_b: np.ndarray | None = None) -> np.ndarray:
    """Cohen's d, ``(mean(a) - mean(b)) / pooled SD`` (ddof 1), per column.

    NaN when the pooled SD is 0 (both samples constant) or either side has
    fewer than two rows. With weights (both sides), the means are weighted and
    the weights count as frequencies: the pooled variance is
    ``(Σ_a w·(x − m_a)² + Σ_b w·(x − m_b)²) / (W_a + W_b − 2)``, which for whole-number
    weights is the plain ``d`` of the rows repeated that many times (NaN when
    ``W_a + W_b ≤ 2``).
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    n_a, n_b = a.shape[0], b.shape[0]
    if (weights_a is None) != (weights_b is None):
        raise ValueError("give weights for both samples or for neither")
    if n_a < 2 or n_b < 2:
        return np.full(a.shape[1:], np.nan) if a.ndim > 1 else np.float64(np.nan)
    if weights_a is None:
        pooled = ((n_a - 1) * a.var(axis=0, ddof=1) + (n_b - 1) * b.var(axis=0, ddof=1)) / (n_a + n_b - 2)
        diff = a.mean(axis=0) - b.mean(axis=0)
    else:
        wa, wb = _row_weights(weights_a, a), _row_weights(weights_b, b)
        total = float(wa.sum() + wb.sum())
        m_a, m_b = weighted_means(a, weights_a), weighted_means(b, weights_b)
        spread = (wa * (a - m_a) ** 2).sum(axis=0) + (wb * (b - m_b) ** 2).sum(axis=0)
        pooled = spread / (total - 2) if total > 2 else np.full(np.shape(spread), np.nan)
        diff = m_a - m_b
    sd = np.sqrt(pooled)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(sd > 0, diff / np.where(sd > 0, sd, 1.0), np.nan)


def weighted_test_values(a: np.ndarray, b: np.ndarray, weights_a: np.ndarray,
                         weights_b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Values whose (unweighted) permutation test is the test of a weighted mean difference.

    Returns ``z = w·(x − m)`` for each side, ``m`` the weighted mean of both sides
    pooled. The sum of ``z`` over the rows shuffled into side a, ``W_a'·(m_a' − m)``,
    is the linear (score) statistic of the weighted comparison: it is 0 when the
    shuffled side's weighted mean equals the pooled one and grows with the
    difference, weighted by the side's total weight. Its permutation distribution
    has an exact mean and variance, so :func:`permutation_test_means` and
    :func:`asymptotic_permutation_test_means` on these values (with the same
    strata) test the weighted difference; with all weights 1 the test is the
    unweighted one.
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    wa, wb = _row_weights(weights_a, a), _row_weights(weights_b, b)
    pooled_mean = ((wa * a).sum(axis=0) + (wb * b).sum(axis=0)) / float(wa.sum() + wb.sum())
    return wa * (a - pooled_mean), wb * (b - pooled_mean)


def weighted_means(values: np.ndarray, weights: np.ndarray | None) -> np.ndarray:
    """Column means of ``values`` (rows = articles), weighted when ``weights`` is given."""
    values = np.asarray(values, dtype=float)
    if weights is None:
        return values.mean(axis=0)
    w = _row_weights(weights, values)
    return (w * values).sum(axis=0) / w.sum()


def _row_weights(weights: np.ndarray, values: np.ndarray) -> np.ndarray:
    """One weight per row of ``values``, shaped to multiply it (a column for 2-D values)."""
    w = np.asarray(weights, dtype=float)
    if w.shape != (values.shape[0],):
        raise ValueError(f"{w.size} weights for {values.shape[0]} rows")
    return w.reshape((values.shape[0],) + (1,) * (values.ndim - 1))


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman rank correlation (average ranks for ties); NaN when either side is constant."""
    rx = _average_ranks(np.asarray(x, dtype=float))
    ry = _average_ranks(np.asarray(y, dtype=float))
    if len(rx) < 2 or rx.std() == 0 or ry.std() == 0:
        return float("nan")
    return float(np.corrcoef(rx, ry)[0, 1])


def _average_ranks(values: np.ndarray) -> np.ndarray:
    order = np.argsort(values, kind="stable")
    sorted_vals = values[order]
    ranks = np.empty(len(values))
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and sorted_vals[j + 1] == sorted_vals[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def bootstrap_difference(
    a: np.ndarray, b: np.ndarray, *, rng: np.random.Generator, n_resamples: int,
    clusters_a: np.ndarray | None = None, clusters_b: np.ndarray | None = None,
    weights_a: np.ndarray | None = None, weights_b: np.ndarray | None = None,
) -> np.ndarray:
    """Bootstrap distribution of ``mean(a) - mean(b)`` (rows = articles, per column).

    Without clusters each side is resampled on its own (a stratified bootstrap).
    With clusters, clusters are drawn from the union of both sides' clusters
    and each side's mean is taken over its articles in the drawn clusters, so
    an event that both sides covered stays paired. A resample with no article
    of one side gives NaN (ignored by :func:`nan_percentile_interval`). With
    weights (both sides) each mean is weighted, ``Σ w·x / Σ w`` over the drawn
    articles: the weighted values and the weights are resampled together.
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if (weights_a is None) != (weights_b is None):
        raise ValueError("give weights for both samples or for neither")
    if clusters_a is None or clusters_b is None:
        if weights_a is None:
            return (bootstrap_means(a, n_resamples=n_resamples, rng=rng)
                    - bootstrap_means(b, n_resamples=n_resamples, rng=rng))
        return (weighted_bootstrap_means(a, weights_a, n_resamples=n_resamples, rng=rng)
                - weighted_bootstrap_means(b, weights_b, n_resamples=n_resamples, rng=rng))
    labels = np.concatenate([np.asarray(clusters_a).astype(str), np.asarray(clusters_b).astype(str)])
    _, codes = np.unique(labels, return_inverse=True)
    k = int(codes.max()) + 1
    flat_a = a.reshape(a.shape[0], -1)
    flat_b = b.reshape(b.shape[0], -1)
    w_a = np.ones(a.shape[0]) if weights_a is None else np.asarray(weights_a, dtype=float)
    w_b = np.ones(b.shape[0]) if weights_b is None else np.asarray(weights_b, dtype=float)
    sums_a = np.zeros((k, flat_a.shape[1]))
    sums_b = np.zeros((k, flat_b.shape[1]))
    np.add.at(sums_a, codes[: a.shape[0]], flat_a if weights_a is None else w_a[:, None] * flat_a)
    np.add.at(sums_b, codes[a.shape[0]:], flat_b if weights_b is None else w_b[:, None] * flat_b)
    size_a = np.bincount(codes[: a.shape[0]], weights=w_a, minlength=k)
    size_b = np.bincount(codes[a.shape[0]:], weights=w_b, minlength=k)
    out = np.empty((n_resamples, flat_a.shape[1]))
    step = _rows_per_chunk(k, 256)
    with np.errstate(invalid="ignore", divide="ignore"):
        for lo in range(0, n_resamples, step):
            hi = min(lo + step, n_resamples)
            drawn = _draw_counts(rng.integers(0, k, size=(hi - lo, k)), k)
            out[lo:hi] = (_weighted_sums(drawn, sums_a) / (drawn @ size_a)[:, None]
                          - _weighted_sums(drawn, sums_b) / (drawn @ size_b)[:, None])
    return out.reshape((n_resamples,) + a.shape[1:])


def weighted_bootstrap_means(values: np.ndarray, weights: np.ndarray, *, n_resamples: int,
                             rng: np.random.Generator, clusters: np.ndarray | None = None) -> np.ndarray:
    """Bootstrap weighted means ``Σ w·x / Σ w`` of ``values`` (rows resampled with their weights).

    The draws are those of :func:`cluster_bootstrap_means` (whole clusters when given;
    without, those of :func:`bootstrap_means`) with the same ``rng``: the weighted values
    and the weight column are resampled together as one matrix.
    """
    values = np.asarray(values, dtype=float)
    n = values.shape[0]
    w = _row_weights(weights, values[:, None] if values.ndim == 1 else values)
    flat = values.reshape(n, -1)
    joined = np.column_stack([w.reshape(n, 1) * flat, w.reshape(n)])
    boot = cluster_bootstrap_means(joined, clusters, n_resamples=n_resamples, rng=rng)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = boot[:, :-1] / boot[:, [-1]]
    return out.reshape((n_resamples,) + values.shape[1:])


def nan_percentile_interval(boot: np.ndarray, *, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """:func:`percentile_interval` ignoring NaN resamples."""
    if not 0 < level < 1:
        raise ValueError(f"confidence level must be between 0 and 1, not {level}")
    alpha = (1 - level) / 2
    low, high = np.nanpercentile(boot, [100 * alpha, 100 * (1 - alpha)], axis=0)
    return low, high


class RowBlocks:
    """Aligned arrays that arrive a few rows at a time, handed to ``handle`` in blocks of ``block``
    rows (the last, shorter one at :meth:`close`), so that what ``handle`` computes does not depend
    on how many rows each :meth:`add` brings. Holds at most one block."""

    def __init__(self, handle: Callable[..., None], block: int = 1024) -> None:
        self._handle = handle
        self._block = block
        self._pending: list[tuple[np.ndarray, ...]] = []
        self._rows = 0

    def add(self, *arrays: np.ndarray) -> None:
        """The next rows: one or more arrays with one row per row (the same count in each)."""
        self._rows += len(arrays[0])
        if self._rows < self._block:
            self._pending.append(tuple(_own(a) for a in arrays))
            return
        self._pending.append(arrays)
        joined = self._joined()
        full = self._rows - self._rows % self._block
        for lo in range(0, full, self._block):
            self._handle(*(a[lo:lo + self._block] for a in joined))
        # the rows left over are copied: a view would keep the whole joined array (or the caller's)
        # alive until the block is full, which for a stream that ends here is until the end
        self._pending = [tuple(a[full:].copy() for a in joined)] if full < self._rows else []
        self._rows -= full

    def close(self) -> None:
        """Hand over the rows of the last, shorter block."""
        if self._rows:
            self._handle(*self._joined())
        self._pending, self._rows = [], 0

    def _joined(self) -> tuple[np.ndarray, ...]:
        if len(self._pending) == 1:
            return self._pending[0]
        return tuple(np.concatenate(parts) for parts in zip(*self._pending))


def _own(a: np.ndarray) -> np.ndarray:
    """``a``, or a copy of it when it is a view: what is held must not keep a larger array alive."""
    return a.copy() if isinstance(a, np.ndarray) and a.base is not None else a


class _RowBlocks:
    """Rows of a known number ``n`` that arrive a few at a time, handed to :meth:`_draw` in blocks of
    ``block`` rows (:class:`RowBlocks`), so what is drawn does not depend on how many rows each
    :meth:`add` brings. Subclasses draw; :meth:`result` returns ``self._sums``."""

    def __init__(self, n: int, n_columns: int, *, n_resamples: int, rng: np.random.Generator, block: int) -> None:
        self.n = n
        self._rng = rng
        self._sums = np.zeros((n_resamples, n_columns))
        self._rows_left = n
        self._added = 0
        self._blocks = RowBlocks(self._draw_block, block)

    def add(self, rows: np.ndarray) -> None:
        """Add the next rows (rows × columns) in their fixed order."""
        rows = np.asarray(rows, dtype=float)
        if rows.ndim != 2 or rows.shape[1] != self._sums.shape[1]:
            raise ValueError(f"rows must have {self._sums.shape[1]} columns, not shape {rows.shape}")
        if self._added + len(rows) > self.n:
            raise ValueError(f"more than the {self.n} rows announced")
        self._added += len(rows)
        self._blocks.add(rows)

    def result(self) -> np.ndarray:
        """Each resample's column sums; every one of the ``n`` rows must have been added."""
        self._blocks.close()
        if self._rows_left:
            raise ValueError(f"{self._rows_left} of the {self.n} rows announced were not added")
        return self._sums

    def _draw_block(self, rows: np.ndarray) -> None:
        self._draw(rows)
        self._rows_left -= len(rows)

    def _draw(self, rows: np.ndarray) -> None:
        raise NotImplementedError


class BlockBootstrap(_RowBlocks):
    """The bootstrap of column sums over ``n`` rows that arrive a few at a time.

    Each of ``n_resamples`` resamples draws ``n`` rows with replacement, as
    :func:`bootstrap_means` does, and :meth:`result` returns each resample's
    column sums (resamples × columns). Only one block of ``block`` rows is held:
    the number of draws that fall in the next ``c`` of the ``R`` rows not yet
    seen is Binomial(draws left, c / R), and given that number the draws within
    the block are uniform over its rows. Chained, these are exactly the
    multinomial counts of drawing ``n`` rows from ``n``, so the bootstrap
    distribution is the usual one; only the random draws differ from
    :func:`bootstrap_means`. The rows are buffered into blocks of ``block``
    rows, so the result does not depend on how many rows each :meth:`add`
    brings. ``n`` must be known in advance (a first pass counts the rows).

    For a cluster bootstrap the rows are clusters: each row is the sum of its
    cluster's articles' values, and the ratio of two sum columns (for instance
    values over a column of ones) is the resample's mean over articles.
    """

    def __init__(self, n: int, n_columns: int, *, n_resamples: int, rng: np.random.Generator,
                 block: int = 1024) -> None:
        if n <= 0:
            raise ValueError("cannot bootstrap an empty sample")
        super().__init__(n, n_columns, n_resamples=n_resamples, rng=rng, block=block)
        self._draws_left = np.full(n_resamples, n, dtype=np.int64)

    def _draw(self, rows: np.ndarray) -> None:
        c = len(rows)
        if c == self._rows_left:
            in_block = self._draws_left
        else:
            in_block = self._rng.binomial(self._draws_left, c / self._rows_left)
        r = len(in_block)
        offsets = np.repeat(np.arange(r, dtype=np.int64) * c, in_block)
        offsets += self._rng.integers(0, c, size=len(offsets))
        counts = np.bincount(offsets, minlength=r * c).reshape(r, c).astype(float)
        self._sums += _weighted_sums(counts, rows)
        self._draws_left = self._draws_left - in_block


def spearman_from_counts(x: np.ndarray, y: np.ndarray, counts: np.ndarray) -> float:
    """:func:`spearman` of a sample given as its distinct ``(x, y)`` pairs and how often each occurs.

    Average ranks for ties, as in :func:`spearman`, and the Pearson correlation
    of the ranks with each pair counted ``counts`` times. NaN when either side
    is constant or there are fewer than two observations. Lets a streamed step
    keep one row per distinct pair instead of one per article.
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    w = np.asarray(counts, dtype=float)
    total = w.sum()
    if total < 2:
        return float("nan")
    rx, ry = _weighted_average_ranks(x, w), _weighted_average_ranks(y, w)
    mx, my = (w @ rx) / total, (w @ ry) / total
    dx, dy = rx - mx, ry - my
    sxx, syy = w @ (dx * dx), w @ (dy * dy)
    if sxx == 0 or syy == 0:
        return float("nan")
    return float((w @ (dx * dy)) / np.sqrt(sxx * syy))


def _weighted_average_ranks(values: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The average rank (1-based) of each value in a sample holding ``counts[i]`` copies of ``values[i]``."""
    distinct, inverse = np.unique(values, return_inverse=True)
    per_value = np.bincount(inverse.ravel(), weights=counts, minlength=len(distinct))
    below = np.cumsum(per_value) - per_value
    return (below + (per_value + 1) / 2)[inverse.ravel()]


class PairCounts:
    """Distinct ``(x, y)`` pairs of a stream and how often each occurred, for :func:`spearman_from_counts`.

    Pairs with a NaN are left out. Memory grows with the number of distinct
    pairs (for a rate and an article length: bounded by the distinct lengths ×
    the distinct counts), not with the number of observations.
    """

    def __init__(self, compact_at: int = 1 << 16) -> None:
        self._pairs = np.empty((0, 2))
        self._counts = np.empty(0)
        self._pending: list[np.ndarray] = []
        self._pending_rows = 0
        self._compact_at = compact_at

    def add(self, x: np.ndarray, y: np.ndarray) -> None:
        pairs = np.column_stack([np.asarray(x, dtype=float), np.asarray(y, dtype=float)])
        pairs = pairs[~np.isnan(pairs).any(axis=1)]
        self._pending.append(pairs)
        self._pending_rows += len(pairs)
        if self._pending_rows >= self._compact_at:
            self._compact()

    def _compact(self) -> None:
        pairs = np.concatenate([self._pairs, *self._pending])
        counts = np.concatenate([self._counts, *(np.ones(len(p)) for p in self._pending)])
        # The distinct pairs in (x, y) order, as np.unique(pairs, axis=0) gives them, about 6x faster:
        # a complex number sorts by its real part, then its imaginary part.
        # (A view, not x + 1j * y, which would turn an infinite y into nan + inf j.)
        distinct, inverse = np.unique(np.ascontiguousarray(pairs).view(np.complex128).ravel(), return_inverse=True)
        self._pairs = np.column_stack([distinct.real, distinct.imag])
        self._counts = np.bincount(inverse.ravel(), weights=counts, minlength=len(self._pairs))
        self._pending, self._pending_rows = [], 0

    def spearman(self) -> float:
        self._compact()
        return spearman_from_counts(self._pairs[:, 0], self._pairs[:, 1], self._counts)


class ClusterSums:
    """Column sums of articles that arrive in a fixed order, and their (cluster) bootstrap.

    ``add`` takes article rows and each row's cluster label (``None`` for an
    article that is a cluster of its own; ``labels`` of ``None`` for all). The
    bootstrap (:class:`BlockBootstrap`) resamples ``n_units`` clusters: the
    single articles in their order, then one row per labelled cluster (the sum
    of its articles' rows), in label order. :meth:`result` gives the column
    sums over all articles and each resample's sums; a ratio of two columns
    (values over a column of ones, or weighted values over the weights) is the
    resample's mean over articles. Rows are summed ``block`` at a time, so the
    results do not depend on how many rows each call brings. Memory: the
    resamples' sums, one block and one row per labelled cluster.
    """

    def __init__(self, n_units: int, n_columns: int, *, n_resamples: int, rng: np.random.Generator,
                 block: int = 1024) -> None:
        self.n_units = n_units
        self._boot = BlockBootstrap(n_units, n_columns, n_resamples=n_resamples, rng=rng, block=block)
        self._sums = np.zeros(n_columns)
        self._clusters: dict[str, np.ndarray] = {}
        self._blocks = RowBlocks(self._sum_block, block)

    def add(self, rows: np.ndarray, labels: np.ndarray | None = None) -> None:
        rows = np.asarray(rows, dtype=float)
        labels = np.full(len(rows), None, dtype=object) if labels is None else np.asarray(labels, dtype=object)
        if len(labels) != len(rows):
            raise ValueError(f"{len(labels)} cluster labels for {len(rows)} rows")
        self._blocks.add(rows, labels)

    def _sum_block(self, rows: np.ndarray, labels: np.ndarray) -> None:
        self._sums += np.asfortranarray(rows).sum(axis=0)  # each column summed pairwise
        single = np.fromiter((x is None for x in labels), dtype=bool, count=len(labels))
        self._boot.add(rows[single])
        if not single.all():
            names, codes = np.unique(labels[~single].astype(str), return_inverse=True)
            sums = np.zeros((len(names), rows.shape[1]))
            np.add.at(sums, codes.ravel(), rows[~single])
            for name, row in zip(names.tolist(), sums):
                self._clusters[name] = self._clusters[name] + row if name in self._clusters else row

    def result(self) -> tuple[np.ndarray, np.ndarray]:
        """(column sums over all articles, resamples × columns sums)."""
        self._blocks.close()
        if self._clusters:
            self._boot.add(np.stack([self._clusters[name] for name in sorted(self._clusters)]))
            self._clusters = {}
        return self._sums, self._boot.result()


class ClusterCounts:
    """What a :class:`ClusterSums` must know in advance, counted in a first pass, per key (an outlet,
    a cell): its articles, those without a cluster label, and its distinct labels."""

    def __init__(self) -> None:
        self.articles: dict[Any, int] = {}
        self.singles: dict[Any, int] = {}
        self.labels: dict[Any, set[str]] = {}

    def add(self, key: Any, n: int, labels: np.ndarray | None) -> None:
        """``n`` more articles of ``key``, with their cluster labels (``None`` for none at all)."""
        named = [] if labels is None else [x for x in labels.tolist() if x is not None]
        self.articles[key] = self.articles.get(key, 0) + n
        self.singles[key] = self.singles.get(key, 0) + n - len(named)
        self.labels.setdefault(key, set()).update(named)

    def units(self, keys: Iterable[Any]) -> int:
        """The clusters of the articles of ``keys`` pooled: single articles, and each label once."""
        keys = list(keys)
        return sum(self.singles[k] for k in keys) + len(set().union(*(self.labels[k] for k in keys)))


class SubsetSums(_RowBlocks):
    """Column sums of uniform random ``m``-subsets of ``n`` rows that arrive a block at a time.

    The streamed counterpart of the draws in :func:`permutation_test_means`
    without strata: each of ``n_resamples`` resamples picks ``m`` of the ``n``
    rows without replacement, every ``m``-subset equally likely. How many picks
    fall in the next ``c`` of the ``R`` rows not yet seen is hypergeometric
    (``c`` good, ``R − c`` bad, the picks left drawn); given that number ``k``,
    the picks within the block are a uniform ``k``-subset of its rows
    (:meth:`_subsets`). Chained, this is exactly a uniform ``m``-subset. Rows
    are buffered into blocks of ``block``, so the result does not depend on how
    many rows each :meth:`add` brings. Memory: the resamples' sums and one
    block.
    """

    def __init__(self, n: int, m: int, n_columns: int, *, n_resamples: int, rng: np.random.Generator,
                 block: int = 1024) -> None:
        if not 0 <= m <= n:
            raise ValueError(f"cannot draw {m} of {n} rows")
        super().__init__(n, n_columns, n_resamples=n_resamples, rng=rng, block=block)
        self.m = m
        self._picks_left = np.full(n_resamples, m, dtype=np.int64)

    def _draw(self, rows: np.ndarray) -> None:
        c = len(rows)
        if c == self._rows_left:
            picks = self._picks_left
        else:
            picks = self._rng.hypergeometric(c, self._rows_left - c, self._picks_left)
        member = self._subsets(picks, c)
        self._sums += member.view(np.uint8) @ rows
        self._picks_left = self._picks_left - picks

    def _keys(self, shape: tuple[int, int]) -> np.ndarray:
        """Independent uniform random sort keys (unsigned integers)."""
        return self._rng.integers(0, 1 << 32, size=shape, dtype=np.uint32)

    def _subsets(self, picks: np.ndarray, c: int) -> np.ndarray:
        """A boolean matrix (``len(picks)`` × ``c``) whose row ``i`` is a uniform ``picks[i]``-subset.

        Each row's ``c`` places get independent uniform keys; the places of the
        ``k`` smallest keys are the subset. When the ``k``-th and ``(k+1)``-th
        smallest keys tie, the row is drawn again with new keys. The keys'
        distribution does not change when places are permuted, and neither does
        the event of a tie, so the subset kept is uniform among the
        ``k``-subsets: exactly what a random permutation's first ``k`` places
        give (the draw used before), at a fraction of the cost (sorting 32-bit
        keys is vectorised; a tie has probability below ``c/2**32``).
        """
        r = len(picks)
        member = np.zeros((r, c), dtype=bool)
        member[picks >= c] = True
        todo = np.flatnonzero((picks > 0) & (picks < c))
        while len(todo):
            keys = self._keys((len(todo), c))
            ordered = np.sort(keys, axis=1)
            k = picks[todo]
            at = np.arange(len(todo))
            bound = ordered[at, k]
            ok = ordered[at, k - 1] < bound
            member[todo[ok]] = keys[ok] < bound[ok, None]
            todo = todo[~ok]
        return member


def permutation_p_values(null_sums: np.ndarray, observed_sum: np.ndarray, tol: np.ndarray) -> np.ndarray:
    """Two-sided p-values of :func:`permutation_test_means` from the shuffled sums (resamples × columns)."""
    n_resamples = null_sums.shape[0]
    p_less = ((null_sums <= observed_sum + tol).sum(axis=0) + 1) / (n_resamples + 1)
    p_greater = ((null_sums >= observed_sum - tol).sum(axis=0) + 1) / (n_resamples + 1)
    return np.clip(2 * np.minimum(p_less, p_greater), 0.0, 1.0)


def normal_p_values(observed_sum: np.ndarray, expected: np.ndarray, variance: np.ndarray,
                    tol: np.ndarray) -> np.ndarray:
    """Two-sided p-values of :func:`asymptotic_permutation_test_means` from the null mean and variance."""
    from scipy.special import ndtr

    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.abs(observed_sum - expected) / np.sqrt(variance)
    p = np.where((variance > 0) & (np.abs(observed_sum - expected) > tol), 2 * ndtr(-z), 1.0)
    return np.clip(p, 0.0, 1.0)


@dataclass(frozen=True)
class RowMoments:
    """Moments of article rows ``x`` (rows × columns) with weights ``w``, mergeable (Chan et al.).

    ``n`` rows; ``total_w`` = Σw; ``mean`` the weighted mean of each column and
    ``m2`` = Σw·(x − mean)²; for the values ``u = w·x`` of the weighted
    permutation test, ``mean_u``, ``m2_u`` = Σ(u − ū)², ``mean_w``,
    ``m2_w`` = Σ(w − w̄)² and ``c_uw`` = Σ(u − ū)(w − w̄); ``abs_u`` = Σ|u|.
    With all weights 1 these are the plain mean, sum of squared deviations and
    so on. Merging centred moments (not raw sums of squares) keeps them exact
    to rounding whatever the size of the numbers.
    """

    n: int
    total_w: float
    mean: np.ndarray
    m2: np.ndarray
    mean_u: np.ndarray
    m2_u: np.ndarray
    mean_w: float
    m2_w: float
    c_uw: np.ndarray
    abs_u: np.ndarray

    @classmethod
    def of(cls, x: np.ndarray, w: np.ndarray) -> RowMoments:
        """The moments of one block of rows (computed directly, two passes)."""
        x = np.asarray(x, dtype=float)
        w = np.asarray(w, dtype=float)
        if len(x) == 0:
            raise ValueError("no rows")
        total_w = float(w.sum())
        mean = (w @ x) / total_w
        u = w[:, None] * x
        mean_u = u.mean(axis=0)
        mean_w = float(w.mean())
        du, dw = u - mean_u, w - mean_w
        return cls(n=len(x), total_w=total_w, mean=mean, m2=w @ (x - mean) ** 2, mean_u=mean_u,
                   m2_u=(du * du).sum(axis=0), mean_w=mean_w, m2_w=float(dw @ dw), c_uw=dw @ du,
                   abs_u=np.abs(u).sum(axis=0))

    def merged(self, other: RowMoments) -> RowMoments:
        n = self.n + other.n
        total_w = self.total_w + other.total_w
        delta = other.mean - self.mean
        delta_u = other.mean_u - self.mean_u
        delta_w = other.mean_w - self.mean_w
        share = other.n / n
        return RowMoments(
            n=n, total_w=total_w,
            mean=self.mean + delta * (other.total_w / total_w),
            m2=self.m2 + other.m2 + delta ** 2 * (self.total_w * other.total_w / total_w),
            mean_u=self.mean_u + delta_u * share,
            m2_u=self.m2_u + other.m2_u + delta_u ** 2 * (self.n * share),
            mean_w=self.mean_w + delta_w * share,
            m2_w=self.m2_w + other.m2_w + delta_w ** 2 * (self.n * share),
            c_uw=self.c_uw + other.c_uw + delta_u * delta_w * (self.n * share),
            abs_u=self.abs_u + other.abs_u,
        )

    @property
    def sum_u(self) -> np.ndarray:
        return self.mean_u * self.n

    @property
    def sum_w(self) -> float:
        return self.mean_w * self.n
