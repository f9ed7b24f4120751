"""Comparison: outlets and outlet groups per category, with intervals, tests and warnings.

``mean_rate`` is the mean over an outlet's articles of the per-article rate
(matches per 1,000 tokens), so every article weighs the same; its interval
resamples articles. ``pooled_rate`` is all matches over all tokens of the
outlet (long articles weigh more); both are reported because they answer
different questions. When an event column is given, intervals resample whole
events and permutation tests shuffle labels within an event (see
:mod:`framelens.stats`), because articles about one event are not independent.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from framelens.scoredata import ScoreData
from framelens.stats import (
    asymptotic_permutation_test_means,
    bh_qvalues,
    bootstrap_difference,
    bootstrap_means,
    cluster_bootstrap_means,
    cohens_d,
    nan_percentile_interval,
    percentile_interval,
    permutation_test_means,
    spearman,
    stable_seed,
    weighted_bootstrap_means,
    weighted_means,
    weighted_test_values,
)

__all__ = [
    "COMPARE_COLUMNS", "GROUP_COLUMNS", "DIFFERENCE_COLUMNS", "LENGTH_COLUMNS", "WARNING_COLUMNS",
    "compare_outlets", "compare_groups", "pairwise_differences", "length_confound", "collect_warnings",
    "relative_to_corpus", "TESTS",
]

COMPARE_COLUMNS = (
    "outlet", "name", "group", "language", "category", "n_articles",
    "mean_rate", "ci_low", "ci_high", "pooled_rate", "share_with_hit", "total_count", "total_tokens",
    "pooled_ci_low", "pooled_ci_high", "share_ci_low", "share_ci_high", "n_clusters", "warning",
)
GROUP_COLUMNS = ("group",) + tuple(c for c in COMPARE_COLUMNS if c not in ("outlet", "name", "group", "language")) \
    + ("n_outlets",)
DIFFERENCE_COLUMNS = (
    "level", "comparison", "a", "a_name", "b", "b_name", "category", "n_a", "n_b", "mean_a", "mean_b",
    "difference", "ci_low", "ci_high", "cohens_d", "p_value", "q_value", "significant", "test",
)
TESTS = ("permutation", "asymptotic", "auto")
LENGTH_COLUMNS = ("category", "n_articles", "spearman_rho", "threshold", "flagged")
WARNING_COLUMNS = ("kind", "subject", "category", "detail")


def _summarise(scores: ScoreData, rows: np.ndarray, *, n_resamples: int, level: float,
               rng: np.random.Generator) -> list[dict]:
    if scores.counts is None or scores.tokens is None:
        raise ValueError("the outlet comparison needs the counts and each article's n_tokens")
    k = len(scores.categories)
    n = len(rows)
    # The bootstrap resamples the weighted numerators and the weight column together, so the
    # weighted means are ratios of means (sum w·x / sum w). Built in place, one block at a time:
    # rate·w | (count > 0)·w | count·w | n_tokens·w | w.
    augmented = np.empty((n, 3 * k + 2))
    augmented[:, 2 * k:3 * k] = scores.counts[rows]
    total_counts = augmented[:, 2 * k:3 * k].sum(axis=0)  # whole numbers: exact in any order
    augmented[:, k:2 * k] = augmented[:, 2 * k:3 * k] > 0
    augmented[:, :k] = scores.rates[rows]
    augmented[:, 3 * k] = scores.tokens[rows]
    n_tok = float(augmented[:, 3 * k].sum())
    if scores.weights is None:
        augmented[:, 3 * k + 1] = 1.0
    else:
        w = scores.weights[rows]
        augmented[:, :3 * k + 1] *= w[:, None]
        augmented[:, 3 * k + 1] = w
        del w

    def column_sum(j: int) -> float:
        return float(np.ascontiguousarray(augmented[:, j]).sum())  # summed as a column of its own

    w_sum = column_sum(3 * k + 1)
    wt_tok = column_sum(3 * k)
    sums = [(column_sum(j), column_sum(k + j), column_sum(2 * k + j)) for j in range(k)]
    clusters = scores.clusters(rows)
    boot = cluster_bootstrap_means(augmented, clusters, n_resamples=n_resamples, rng=rng)
    del augmented
    with np.errstate(invalid="ignore", divide="ignore"):
        pooled_boot = 1000.0 * boot[:, 2 * k:3 * k] / boot[:, [3 * k]]
        means_boot = boot[:, :2 * k] / boot[:, [3 * k + 1]]
    low, high = percentile_interval(means_boot, level=level)
    p_low, p_high = nan_percentile_interval(pooled_boot, level=level)
    n_clusters = n if clusters is None else len(set(clusters))
    out = []
    for j, cat in enumerate(scores.categories):
        rate_sum, hit_sum, count_sum = sums[j]
        out.append({
            "category": cat,
            "n_articles": n,
            "mean_rate": rate_sum / w_sum,
            "ci_low": float(low[j]),
            "ci_high": float(high[j]),
            "pooled_rate": 1000.0 * count_sum / wt_tok if wt_tok else 0.0,
            "share_with_hit": hit_sum / w_sum,
            "total_count": int(total_counts[j]),
            "total_tokens": int(n_tok),
            "pooled_ci_low": float(p_low[j]) if n_tok else 0.0,
            "pooled_ci_high": float(p_high[j]) if n_tok else 0.0,
            "share_ci_low": float(low[k + j]),
            "share_ci_high": float(high[k + j]),
            "n_clusters": n_clusters,
        })
    return out


def _small(n: int, min_articles: int) -> str:
    return f"only {n} articles (< {min_articles}); interpret with care" if n < min_articles else ""


def compare_outlets(
    scores: ScoreData,
    outlets: pd.DataFrame,
    *,
    n_resamples: int = 2000,
    level: float = 0.95,
    seed: int = 0,
    min_articles: int = 0,
) -> pd.DataFrame:
    """Return the tidy outlet × category table (:data:`COMPARE_COLUMNS`).

    ``scores`` holds the rates, counts and ``tokens`` (see
    :mod:`framelens.scoredata`); ``outlets`` is the outlets sheet. With event
    ids in ``scores`` the intervals resample whole events (cluster bootstrap).
    Categories keep the order in which they first appear in the scores table.
    Outlets with fewer than ``min_articles`` articles get a ``warning``. With
    ``weights`` in ``scores`` (the syndication step's ``weight``: 1 / cluster
    size under policy ``weight``), means, shares and pooled rates are weighted
    (``n_articles`` stays the count of articles).
    """
    meta = outlets.set_index("outlet")
    rows = []
    for outlet in scores.outlets:
        ids = scores.rows_of([outlet])
        rng = np.random.default_rng(stable_seed(seed, outlet))
        for row in _summarise(scores, ids, n_resamples=n_resamples, level=level, rng=rng):
            rows.append({
                "outlet": outlet,
                "name": meta.at[outlet, "name"] if outlet in meta.index else outlet,
                "group": meta.at[outlet, "group"] if outlet in meta.index else "",
                "language": meta.at[outlet, "language"] if outlet in meta.index else "",
                **row,
                "warning": _small(len(ids), min_articles),
            })
    return pd.DataFrame(rows, columns=list(COMPARE_COLUMNS))


def _group_members(scores: ScoreData, outlets: pd.DataFrame) -> dict[str, list[str]]:
    present = outlets[outlets["outlet"].isin(set(scores.outlets))]
    return {g: sorted(sub["outlet"]) for g, sub in present.groupby("group", sort=True)}


def compare_groups(
    scores: ScoreData,
    outlets: pd.DataFrame,
    *,
    n_resamples: int = 2000,
    level: float = 0.95,
    seed: int = 0,
    min_articles: int = 0,
) -> pd.DataFrame:
    """Return the outlet-group × category table (:data:`GROUP_COLUMNS`): all articles of a group pooled."""
    rows = []
    for group, members in _group_members(scores, outlets).items():
        ids = scores.rows_of(members)
        rng = np.random.default_rng(stable_seed(seed, "group", group))
        for row in _summarise(scores, ids, n_resamples=n_resamples, level=level, rng=rng):
            rows.append({"group": group, **row, "warning": _small(len(ids), min_articles),
                         "n_outlets": len(members)})
    return pd.DataFrame(rows, columns=list(GROUP_COLUMNS))


def pairwise_differences(
    scores: ScoreData,
    outlets: pd.DataFrame,
    *,
    reference_group: str | None = None,
    n_resamples: int = 2000,
    n_permutations: int = 2000,
    level: float = 0.95,
    fdr: float = 0.05,
    seed: int = 0,
    test: str = "auto",
    auto_min_articles: int = 2000,
) -> pd.DataFrame:
    """Differences in article-mean rate between outlets and between groups (:data:`DIFFERENCE_COLUMNS`).

    Four families, each with its own Benjamini–Hochberg correction over all
    its pairs and categories: ``level`` outlet or group × ``comparison``
    ``pairwise`` (every unordered pair, ``a`` before ``b`` alphabetically) or
    ``vs_reference`` (every outlet outside ``reference_group`` and every other
    group against all articles of ``reference_group``; skipped when it is
    ``None``). ``difference`` is ``mean_a - mean_b`` with a percentile
    bootstrap interval (without events the sides are resampled independently,
    and each side's resamples, seeded by its outlets, serve every pair it is in;
    with events the clusters of both sides are drawn together, per pair);
    ``p_value`` a two-sided permutation test (within
    events when ``scores`` has event ids); ``cohens_d`` the standardised
    difference; ``significant`` is ``q_value < fdr``.

    With ``weights`` in ``scores`` (syndication policy ``weight``), as in the outlet
    and group tables: ``mean_a``, ``mean_b``, ``difference`` and its interval are
    weighted means (``Σ w·x / Σ w``; the bootstrap resamples each article with its
    weight), ``cohens_d`` counts weights as frequencies, and the p-value tests the
    weighted difference by the permutation distribution of the sum of
    ``w·(x − pooled weighted mean)`` over side a
    (:func:`~framelens.stats.weighted_test_values`). ``n_a`` and ``n_b`` count articles.

    ``test`` chooses how the permutation p-value is computed: ``"permutation"``
    shuffles labels ``n_permutations`` times; ``"asymptotic"`` uses the normal
    approximation of the same permutation distribution
    (:func:`~framelens.stats.asymptotic_permutation_test_means`: no shuffles,
    for large samples); ``"auto"`` uses it for pairs whose smaller side has at
    least ``auto_min_articles`` articles and shuffles otherwise. The ``test``
    column records which one gave each row's p-value.
    """
    if test not in TESTS:
        raise ValueError(f"test must be one of {', '.join(TESTS)}, not {test!r}")
    members = _group_members(scores, outlets)
    names = dict(zip(outlets["outlet"], outlets["name"]))
    if reference_group is not None and reference_group not in members:
        raise KeyError(f"reference group {reference_group!r} has no articles; groups are {sorted(members)}")
    group_of = {o: g for g, os in members.items() for o in os}
    jobs: list[tuple[str, str, str, list[str], str, list[str]]] = []
    outlet_ids = sorted(group_of)
    for a, b in combinations(outlet_ids, 2):
        jobs.append(("outlet", "pairwise", a, [a], b, [b]))
    for a, b in combinations(sorted(members), 2):
        jobs.append(("group", "pairwise", a, members[a], b, members[b]))
    if reference_group is not None:
        ref = members[reference_group]
        for a in outlet_ids:
            if group_of[a] != reference_group:
                jobs.append(("outlet", "vs_reference", a, [a], reference_group, ref))
        for g in sorted(members):
            if g != reference_group:
                jobs.append(("group", "vs_reference", g, members[g], reference_group, ref))
    weighted = scores.weights is not None
    sides: dict[tuple[str, ...], tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None]] = {}
    side_boots: dict[tuple[str, ...], np.ndarray] = {}

    def side(members_: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None]:
        key = tuple(members_)
        if key not in sides:
            ids = scores.rows_of(members_)
            # column-major, as pandas held them: each column is summed pairwise (more exact)
            sides[key] = (ids, np.asfortranarray(scores.rates[ids]), scores.clusters(ids),
                          scores.weights[ids] if weighted else None)
        return sides[key]

    def side_boot(members_: list[str], values: np.ndarray, weights: np.ndarray | None) -> np.ndarray:
        # Without events the two sides are resampled independently, so each side's
        # bootstrap means are drawn once (seeded by its outlets) and serve every pair.
        key = tuple(members_)
        if key not in side_boots:
            rng_side = np.random.default_rng(stable_seed(seed, "side", *key))
            side_boots[key] = (bootstrap_means(values, n_resamples=n_resamples, rng=rng_side) if weights is None
                               else weighted_bootstrap_means(values, weights, n_resamples=n_resamples, rng=rng_side))
        return side_boots[key]

    rows = []
    for level_name, kind, a, a_outlets, b, b_outlets in jobs:
        (ids_a, ra, ca, wa), (ids_b, rb, cb, wb) = side(a_outlets), side(b_outlets)
        rng = np.random.default_rng(stable_seed(seed, level_name, kind, a, b))
        if ca is None:
            boot = side_boot(a_outlets, ra, wa) - side_boot(b_outlets, rb, wb)
        else:
            boot = bootstrap_difference(ra, rb, rng=rng, n_resamples=n_resamples, clusters_a=ca, clusters_b=cb,
                                        weights_a=wa, weights_b=wb)
        low, high = nan_percentile_interval(boot, level=level)
        used = test if test != "auto" else (
            "asymptotic" if min(len(ids_a), len(ids_b)) >= auto_min_articles else "permutation")
        # weighted: the p-value tests the weighted difference through z = w·(x − pooled weighted mean)
        ta, tb = (ra, rb) if not weighted else weighted_test_values(ra, rb, wa, wb)
        if used == "asymptotic":
            diff, p = asymptotic_permutation_test_means(ta, tb, strata_a=ca, strata_b=cb)
        else:
            diff, p = permutation_test_means(ta, tb, n_resamples=n_permutations, rng=rng, strata_a=ca, strata_b=cb)
        if weighted:
            mean_a, mean_b = weighted_means(ra, wa), weighted_means(rb, wb)
            diff = mean_a - mean_b
        else:  # each column's own mean, summed as a column (the bytes of the unweighted tables)
            mean_a, mean_b = ([ra[:, j].mean() for j in range(ra.shape[1])],
                              [rb[:, j].mean() for j in range(rb.shape[1])])
        d = cohens_d(ra, rb, weights_a=wa, weights_b=wb)
        for j, cat in enumerate(scores.categories):
            rows.append({
                "level": level_name, "comparison": kind,
                "a": a, "a_name": names.get(a, a) if level_name == "outlet" else a,
                "b": b, "b_name": names.get(b, b) if level_name == "outlet" and kind == "pairwise" else b,
                "category": cat, "n_a": len(ids_a), "n_b": len(ids_b),
                "mean_a": float(mean_a[j]), "mean_b": float(mean_b[j]),
                "difference": float(diff[j]), "ci_low": float(low[j]), "ci_high": float(high[j]),
                "cohens_d": float(d[j]), "p_value": float(p[j]), "test": used,
            })
    table = pd.DataFrame(rows, columns=list(DIFFERENCE_COLUMNS))
    table["q_value"] = np.nan
    for _, idx in table.groupby(["level", "comparison"], sort=False).groups.items():
        table.loc[idx, "q_value"] = bh_qvalues(table.loc[idx, "p_value"].to_numpy())
    table["significant"] = table["q_value"] < fdr
    return table


def length_confound(scores: ScoreData, *, threshold: float = 0.3) -> pd.DataFrame:
    """Spearman correlation of each category's article rate with article length (:data:`LENGTH_COLUMNS`).

    A rate per 1,000 tokens should not depend on length; ``|rho| > threshold``
    is ``flagged``: then part of an outlet difference may be a length difference
    (compare ``pooled_rate`` with ``mean_rate`` and the outlets' lengths).
    """
    if scores.tokens is None:
        raise ValueError("the length check needs each article's n_tokens")
    rows = []
    for j, cat in enumerate(scores.categories):
        rho = spearman(scores.rates[:, j], scores.tokens)
        rows.append({"category": cat, "n_articles": len(scores), "spearman_rho": rho,
                     "threshold": threshold, "flagged": bool(np.isfinite(rho) and abs(rho) > threshold)})
    return pd.DataFrame(rows, columns=list(LENGTH_COLUMNS))


def collect_warnings(outlet_table: pd.DataFrame, group_table: pd.DataFrame,
                     length_table: pd.DataFrame) -> pd.DataFrame:
    """One row per caveat a reader must see (:data:`WARNING_COLUMNS`): small outlets/groups, length confounds."""
    rows = []
    for kind, table, key in (("small_outlet", outlet_table, "outlet"), ("small_group", group_table, "group")):
        flagged = table[table["warning"].fillna("") != ""].drop_duplicates(key)
        rows += [{"kind": kind, "subject": r[key], "category": "", "detail": r["warning"]}
                 for _, r in flagged.iterrows()]
    for _, r in length_table[length_table["flagged"]].iterrows():
        rows.append({"kind": "length_confound", "subject": "all articles", "category": r["category"],
                     "detail": f"Spearman rho between rate and article length is {r['spearman_rho']:.2f} "
                               f"(|rho| > {r['threshold']:g})"})
    return pd.DataFrame(rows, columns=list(WARNING_COLUMNS))


def relative_to_corpus(table: pd.DataFrame, *, value: str = "mean_rate") -> pd.DataFrame:
    """Outlet × category matrix of ``value`` divided by the corpus-wide article mean.

    The corpus mean weighs outlets by their number of articles. A cell of 2
    means the outlet uses the category twice as often as the average article.
    """
    weighted = table.assign(_w=table[value] * table["n_articles"])
    corpus = weighted.groupby("category", sort=False)["_w"].sum() / weighted.groupby("category", sort=False)["n_articles"].sum()
    matrix = table.pivot(index="outlet", columns="category", values=value)[list(corpus.index)]
    return matrix.div(corpus.replace(0, np.nan), axis=1)
