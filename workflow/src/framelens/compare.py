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

from collections.abc import Callable, Iterable, Sequence
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd

from framelens.scoredata import ScoreData
from framelens.stats import (
    TESTS,
    ClusterCounts,
    ClusterSums,
    PairCounts,
    RowBlocks,
    RowMoments,
    SubsetSums,
    asymptotic_permutation_test_means,
    bh_qvalues,
    bootstrap_difference,
    bootstrap_means,
    cohens_d,
    nan_percentile_interval,
    normal_p_values,
    percentile_interval,
    permutation_p_values,
    permutation_test_means,
    stable_seed,
    weighted_bootstrap_means,
    weighted_means,
    weighted_test_values,
)

__all__ = [
    "COMPARE_COLUMNS", "GROUP_COLUMNS", "DIFFERENCE_COLUMNS", "LENGTH_COLUMNS", "WARNING_COLUMNS",
    "compare_outlets", "compare_groups", "pairwise_differences", "length_confound", "collect_warnings",
    "relative_to_corpus", "TESTS", "compare_stream", "differences_stream",
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
LENGTH_COLUMNS = ("category", "n_articles", "spearman_rho", "threshold", "flagged")
WARNING_COLUMNS = ("kind", "subject", "category", "detail")


def _outlet_rows(chunk: ScoreData) -> list[tuple[str, np.ndarray]]:
    """Each outlet's name and rows (in row order), outlets in the order of the chunk's codes."""
    if len(chunk) == 0:
        return []
    order = np.argsort(chunk.outlet_codes, kind="stable")
    codes = chunk.outlet_codes[order]
    bounds = np.flatnonzero(np.diff(codes)) + 1
    starts = np.concatenate([[0], bounds])
    return [(str(chunk.outlet_names[codes[start]]), rows) for start, rows in zip(starts, np.split(order, bounds))]


def _first_pass(chunks: Iterable[ScoreData]) -> tuple[tuple[str, ...], ClusterCounts]:
    """The categories, and each outlet's articles and events (:class:`~framelens.stats.ClusterCounts`)."""
    categories: tuple[str, ...] = ()
    counts = ClusterCounts()
    for chunk in chunks:
        categories = chunk.categories
        for outlet, rows in _outlet_rows(chunk):
            counts.add(outlet, len(rows), chunk.event_labels(rows))
    return categories, counts


def _augmented(chunk: ScoreData) -> tuple[np.ndarray, np.ndarray]:
    """Each article's weighted values ``rate·w | (count > 0)·w | count·w | n_tokens·w | w`` and its
    unweighted ``count | n_tokens`` (the whole-number totals)."""
    if chunk.counts is None or chunk.tokens is None:
        raise ValueError("the outlet comparison needs the counts and each article's n_tokens")
    k = chunk.rates.shape[1]
    n = len(chunk)
    augmented = np.empty((n, 3 * k + 2))
    augmented[:, :k] = chunk.rates
    augmented[:, k:2 * k] = chunk.counts > 0
    augmented[:, 2 * k:3 * k] = chunk.counts
    augmented[:, 3 * k] = chunk.tokens
    augmented[:, 3 * k + 1] = 1.0
    raw = np.column_stack([chunk.counts, chunk.tokens])
    if chunk.weights is not None:
        augmented[:, :3 * k + 1] *= chunk.weights[:, None]
        augmented[:, 3 * k + 1] = chunk.weights
    return augmented, raw


class _Side:
    """An outlet's or a group's sums and bootstrap (:class:`~framelens.stats.ClusterSums`), fed article
    rows in stream order. The weighted numerators and the weight column are resampled together, so
    the weighted means are ratios of the resampled sums (Σ w·x / Σ w)."""

    def __init__(self, k: int, n_articles: int, n_units: int, *, n_resamples: int,
                 rng: np.random.Generator) -> None:
        self.k, self.n_articles, self.n_units = k, n_articles, n_units
        self._sums = ClusterSums(n_units, 3 * k + 2, n_resamples=n_resamples, rng=rng)
        self._raw = np.zeros(k + 1)

    def add(self, augmented: np.ndarray, raw: np.ndarray, labels: np.ndarray | None) -> None:
        self._sums.add(augmented, labels)
        self._raw += raw.sum(axis=0)  # whole numbers: exact in any order

    def finish(self, *, level: float) -> list[dict]:
        sums, boot = self._sums.result()
        k = self.k
        with np.errstate(invalid="ignore", divide="ignore"):
            pooled_boot = 1000.0 * boot[:, 2 * k:3 * k] / boot[:, [3 * k]]
            means_boot = boot[:, :2 * k] / boot[:, [3 * k + 1]]
        low, high = percentile_interval(means_boot, level=level)
        p_low, p_high = nan_percentile_interval(pooled_boot, level=level)
        w_sum, wt_tok = sums[3 * k + 1], sums[3 * k]
        n_tok = float(self._raw[k])
        out = []
        for j in range(k):
            out.append({
                "n_articles": self.n_articles,
                "mean_rate": float(sums[j] / w_sum),
                "ci_low": float(low[j]),
                "ci_high": float(high[j]),
                "pooled_rate": float(1000.0 * sums[2 * k + j] / wt_tok) if wt_tok else 0.0,
                "share_with_hit": float(sums[k + j] / w_sum),
                "total_count": int(self._raw[j]),
                "total_tokens": int(n_tok),
                "pooled_ci_low": float(p_low[j]) if n_tok else 0.0,
                "pooled_ci_high": float(p_high[j]) if n_tok else 0.0,
                "share_ci_low": float(low[k + j]),
                "share_ci_high": float(high[k + j]),
                "n_clusters": self.n_units,
            })
        return out


def compare_stream(
    chunks: Callable[[], Iterable[ScoreData]],
    outlets: pd.DataFrame,
    *,
    n_resamples: int = 2000,
    level: float = 0.95,
    seed: int = 0,
    min_articles: int = 0,
    groups: bool = True,
    length_threshold: float | None = 0.3,
) -> tuple[pd.DataFrame, pd.DataFrame | None, pd.DataFrame | None]:
    """The outlet table, the group table and the length check from scores read in chunks.

    ``chunks`` is called twice and must give the same articles in the same
    order each time (consecutive :class:`~framelens.scoredata.ScoreData`
    chunks, as :func:`~framelens.scoredata.iter_chunks` reads them, or one
    ScoreData holding everything). The first pass counts each outlet's
    articles and events, the second sums and resamples them
    (:class:`~framelens.stats.ClusterSums`): memory holds each outlet's and
    group's resampled sums and, with events, one row of sums per event, never
    one row per article. The result does not depend on how the articles are
    cut into chunks. The tables are those of :func:`compare_outlets`,
    :func:`compare_groups` (``None`` unless ``groups``) and
    :func:`length_confound` (``None`` when ``length_threshold`` is ``None``).
    """
    categories, counts = _first_pass(chunks())
    k = len(categories)
    meta = outlets.set_index("outlet")
    present = sorted(counts.articles)
    sides: dict[tuple[str, str], _Side] = {}
    for outlet in present:
        sides[("outlet", outlet)] = _Side(
            k, counts.articles[outlet], counts.units([outlet]), n_resamples=n_resamples,
            rng=np.random.default_rng(stable_seed(seed, outlet)))
    members = _members_of(present, outlets) if groups else {}
    group_of = {o: g for g, os in members.items() for o in os}
    for group, names in members.items():
        sides[("group", group)] = _Side(
            k, sum(counts.articles[o] for o in names), counts.units(names),
            n_resamples=n_resamples, rng=np.random.default_rng(stable_seed(seed, "group", group)))
    pairs = [PairCounts() for _ in range(k)] if length_threshold is not None else []
    n_total = 0
    for chunk in chunks():
        augmented, raw = _augmented(chunk)
        n_total += len(chunk)
        for j, counter in enumerate(pairs):
            counter.add(chunk.rates[:, j], chunk.tokens)
        for outlet, rows in _outlet_rows(chunk):
            labels = chunk.event_labels(rows)
            part, part_raw = augmented[rows], raw[rows]
            sides[("outlet", outlet)].add(part, part_raw, labels)
            if outlet in group_of:
                sides[("group", group_of[outlet])].add(part, part_raw, labels)
    outlet_rows = []
    for outlet in present:
        side = sides[("outlet", outlet)]
        for cat, row in zip(categories, side.finish(level=level)):
            outlet_rows.append({
                "outlet": outlet,
                "name": meta.at[outlet, "name"] if outlet in meta.index else outlet,
                "group": meta.at[outlet, "group"] if outlet in meta.index else "",
                "language": meta.at[outlet, "language"] if outlet in meta.index else "",
                "category": cat, **row, "warning": _small(side.n_articles, min_articles),
            })
    outlet_table = pd.DataFrame(outlet_rows, columns=list(COMPARE_COLUMNS))
    group_table = None
    if groups:
        group_rows = []
        for group, names in members.items():
            side = sides[("group", group)]
            for cat, row in zip(categories, side.finish(level=level)):
                group_rows.append({"group": group, "category": cat, **row,
                                   "warning": _small(side.n_articles, min_articles), "n_outlets": len(names)})
        group_table = pd.DataFrame(group_rows, columns=list(GROUP_COLUMNS))
    length_table = None
    if length_threshold is not None:
        length_table = _length_table(categories, [c.spearman() for c in pairs], n_total, length_threshold)
    return outlet_table, group_table, length_table


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
    table, _, _ = compare_stream(lambda: [scores], outlets, n_resamples=n_resamples, level=level, seed=seed,
                                 min_articles=min_articles, groups=False, length_threshold=None)
    return table


def _members_of(present: Iterable[str], outlets: pd.DataFrame) -> dict[str, list[str]]:
    """Each group's outlets among ``present``, groups and outlets sorted."""
    sheet = outlets[outlets["outlet"].isin(set(present))]
    return {g: sorted(sub["outlet"]) for g, sub in sheet.groupby("group", sort=True)}


def _group_members(scores: ScoreData, outlets: pd.DataFrame) -> dict[str, list[str]]:
    return _members_of(scores.outlets, outlets)


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
    _, table, _ = compare_stream(lambda: [scores], outlets, n_resamples=n_resamples, level=level, seed=seed,
                                 min_articles=min_articles, groups=True, length_threshold=None)
    assert table is not None
    return table


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
    if scores.events is None:
        return differences_stream(lambda: [scores], outlets, reference_group=reference_group,
                                  n_resamples=n_resamples, n_permutations=n_permutations, level=level, fdr=fdr,
                                  seed=seed, test=test, auto_min_articles=auto_min_articles)
    members = _group_members(scores, outlets)
    names = dict(zip(outlets["outlet"], outlets["name"]))
    jobs = _pair_jobs(members, reference_group)
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
    return _difference_table(rows, fdr)


def _difference_table(rows: list[dict], fdr: float) -> pd.DataFrame:
    """The rows as a :data:`DIFFERENCE_COLUMNS` table, with q-values per level and comparison."""
    table = pd.DataFrame(rows, columns=list(DIFFERENCE_COLUMNS))
    table["q_value"] = np.nan
    for _, idx in table.groupby(["level", "comparison"], sort=False).groups.items():
        table.loc[idx, "q_value"] = bh_qvalues(table.loc[idx, "p_value"].to_numpy())
    table["significant"] = table["q_value"] < fdr
    return table


_Job = tuple[str, str, str, list[str], str, list[str]]


def _pair_jobs(members: dict[str, list[str]], reference_group: str | None) -> list[_Job]:
    """Every comparison ``(level, comparison, a, a's outlets, b, b's outlets)``, in table order."""
    if reference_group is not None and reference_group not in members:
        raise KeyError(f"reference group {reference_group!r} has no articles; groups are {sorted(members)}")
    group_of = {o: g for g, os in members.items() for o in os}
    jobs: list[_Job] = []
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
    return jobs


ROW_BLOCK = 1024
"""Rows per block of the streamed sums and moments."""


def _side_values(chunk: ScoreData) -> np.ndarray:
    """Each article's ``w·rate`` per category and ``w`` (w = 1 without weights)."""
    w = np.ones(len(chunk)) if chunk.weights is None else chunk.weights
    return np.column_stack([chunk.rates * w[:, None], w])


def differences_stream(
    chunks: Callable[[], Iterable[ScoreData]],
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
    """:func:`pairwise_differences` of scores without events, read in chunks (called twice).

    The first pass keeps each outlet's moments (:class:`~framelens.stats.RowMoments`:
    weighted means, spreads and the moments of the test values), which give the
    means, Cohen's d and the normal approximation of the permutation test of
    every pair. The second pass draws each outlet's and group's bootstrap
    (:class:`~framelens.stats.ClusterSums`, seeded by its outlets as in
    :func:`pairwise_differences`) and, for the pairs that are shuffled, the
    uniform subsets of the permutation test (:class:`~framelens.stats.SubsetSums`
    over the pair's rows in stream order). The test values are
    ``z = w·(x − m)``, ``m`` the pair's pooled weighted mean (with weights 1 a
    shift of ``x``, which leaves the permutation test as it is); a shuffled sum
    of ``z`` is the shuffled sum of ``w·x`` minus ``m`` times that of ``w``, so
    the subsets are drawn once over ``w·x`` and ``w``. The tie tolerance is
    1000 machine epsilons of ``Σ|w·x| + |m|·Σw``, a bound of ``Σ|z|``. Memory:
    the moments and resampled sums of every outlet, group and shuffled pair,
    never a row per article; results do not depend on how the articles (in
    outlet order) are cut into chunks.
    """
    if test not in TESTS:
        raise ValueError(f"test must be one of {', '.join(TESTS)}, not {test!r}")
    moments: dict[str, RowMoments] = {}
    blocks: dict[str, RowBlocks] = {}
    categories: tuple[str, ...] = ()

    def keep(outlet: str) -> Callable[[np.ndarray], None]:
        def handle(rows: np.ndarray) -> None:
            block = RowMoments.of(rows[:, :-1], rows[:, -1])  # rates and weights
            moments[outlet] = moments[outlet].merged(block) if outlet in moments else block
        return handle

    for chunk in chunks():
        if chunk.events is not None:
            raise ValueError("differences_stream takes scores without events; use pairwise_differences")
        categories = chunk.categories
        values = np.column_stack([chunk.rates, np.ones(len(chunk)) if chunk.weights is None else chunk.weights])
        for outlet, rows in _outlet_rows(chunk):
            blocks.setdefault(outlet, RowBlocks(keep(outlet), ROW_BLOCK)).add(values[rows])
    for block in blocks.values():
        block.close()
    k = len(categories)
    members = _members_of(moments, outlets)
    names = dict(zip(outlets["outlet"], outlets["name"]))
    jobs = _pair_jobs(members, reference_group)

    def side_moments(side: list[str]) -> RowMoments:
        merged = moments[side[0]]
        for outlet in side[1:]:
            merged = merged.merged(moments[outlet])
        return merged

    sizes = {o: m.n for o, m in moments.items()}
    sides = {tuple(a_out) for _, _, _, a_out, _, _ in jobs} | {tuple(b_out) for _, _, _, _, _, b_out in jobs}
    boots = {side: ClusterSums(sum(sizes[o] for o in side), k + 1, n_resamples=n_resamples,
                               rng=np.random.default_rng(stable_seed(seed, "side", *side)))
             for side in sorted(sides)}
    shuffled: dict[int, SubsetSums] = {}
    tests_used: list[str] = []
    for i, (level_name, kind, a, a_out, b, b_out) in enumerate(jobs):
        n_a, n_b = sum(sizes[o] for o in a_out), sum(sizes[o] for o in b_out)
        used = test if test != "auto" else ("asymptotic" if min(n_a, n_b) >= auto_min_articles else "permutation")
        tests_used.append(used)
        if used == "permutation":
            shuffled[i] = SubsetSums(n_a + n_b, min(n_a, n_b), k + 1, n_resamples=n_permutations,
                                     rng=np.random.default_rng(stable_seed(seed, level_name, kind, a, b)))
    feeds: dict[str, list[Any]] = {}
    for side, boot in boots.items():
        for outlet in side:
            feeds.setdefault(outlet, []).append(boot)
    for i, subsets in shuffled.items():
        for outlet in jobs[i][3] + jobs[i][5]:
            feeds.setdefault(outlet, []).append(subsets)
    for chunk in chunks():
        values = _side_values(chunk)
        for outlet, rows in _outlet_rows(chunk):
            part = values[rows]
            for target in feeds.get(outlet, []):
                target.add(part)
    side_means = {}
    for side, boot in boots.items():
        _, sums = boot.result()
        with np.errstate(invalid="ignore", divide="ignore"):
            side_means[side] = sums[:, :k] / sums[:, [k]]
    rows_out = []
    eps = 1000 * np.finfo(float).eps
    for i, (level_name, kind, a, a_out, b, b_out) in enumerate(jobs):
        ma, mb = side_moments(a_out), side_moments(b_out)
        pooled = ma.merged(mb)
        shift = pooled.mean  # the pooled weighted mean of each category
        low, high = nan_percentile_interval(side_means[tuple(a_out)] - side_means[tuple(b_out)], level=level)
        observed = ma.sum_u - shift * ma.sum_w
        total = pooled.sum_u - shift * pooled.sum_w
        tol = eps * (pooled.abs_u + np.abs(shift) * pooled.sum_w)
        if i in shuffled:
            drawn = shuffled[i].result()
            null = drawn[:, :k] - shift * drawn[:, [k]]
            if ma.n > mb.n:  # the smaller side b was drawn: side a holds the rest
                null = total - null
            p = permutation_p_values(null, observed, tol)
        else:
            n = pooled.n
            spread = pooled.m2_u - 2 * shift * pooled.c_uw + shift ** 2 * pooled.m2_w  # Σ(z − z̄)²
            p = normal_p_values(observed, ma.n * total / n, ma.n * mb.n / (n * (n - 1)) * spread, tol)
        diff = ma.mean - mb.mean
        d = np.full(k, np.nan)
        if ma.n >= 2 and mb.n >= 2 and ma.total_w + mb.total_w > 2:
            sd = np.sqrt((ma.m2 + mb.m2) / (ma.total_w + mb.total_w - 2))
            with np.errstate(divide="ignore", invalid="ignore"):
                d = np.where(sd > 0, diff / np.where(sd > 0, sd, 1.0), np.nan)
        for j, cat in enumerate(categories):
            rows_out.append({
                "level": level_name, "comparison": kind,
                "a": a, "a_name": names.get(a, a) if level_name == "outlet" else a,
                "b": b, "b_name": names.get(b, b) if level_name == "outlet" and kind == "pairwise" else b,
                "category": cat, "n_a": ma.n, "n_b": mb.n,
                "mean_a": float(ma.mean[j]), "mean_b": float(mb.mean[j]),
                "difference": float(diff[j]), "ci_low": float(low[j]), "ci_high": float(high[j]),
                "cohens_d": float(d[j]), "p_value": float(p[j]), "test": tests_used[i],
            })
    return _difference_table(rows_out, fdr)


def length_confound(scores: ScoreData, *, threshold: float = 0.3) -> pd.DataFrame:
    """Spearman correlation of each category's article rate with article length (:data:`LENGTH_COLUMNS`).

    A rate per 1,000 tokens should not depend on length; ``|rho| > threshold``
    is ``flagged``: then part of an outlet difference may be a length difference
    (compare ``pooled_rate`` with ``mean_rate`` and the outlets' lengths).
    """
    if scores.tokens is None:
        raise ValueError("the length check needs each article's n_tokens")
    rhos = []
    for j in range(len(scores.categories)):
        pairs = PairCounts()
        pairs.add(scores.rates[:, j], scores.tokens)
        rhos.append(pairs.spearman())
    return _length_table(scores.categories, rhos, len(scores), threshold)


def _length_table(categories: Sequence[str], rhos: Sequence[float], n_articles: int,
                  threshold: float) -> pd.DataFrame:
    rows = [{"category": cat, "n_articles": n_articles, "spearman_rho": rho, "threshold": threshold,
             "flagged": bool(np.isfinite(rho) and abs(rho) > threshold)} for cat, rho in zip(categories, rhos)]
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
