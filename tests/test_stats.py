from itertools import combinations, product

import numpy as np
import pytest
from scipy import stats as sps

from framelens.stats import bootstrap_mean_ci, bootstrap_means, percentile_interval, stable_seed


def _monte_carlo_tolerance(p_ref: float, n_resamples: int) -> float:
    """4 standard deviations of the difference of two independent Monte Carlo two-sided p-values
    (each twice a one-sided proportion over ``n_resamples`` shuffles)."""
    return 4 * 2 * np.sqrt(2 * (p_ref / 2) * (1 - p_ref / 2) / n_resamples)


def test_percentile_ci_agrees_with_scipy_bootstrap():
    rng = np.random.default_rng(7)
    sample = rng.gamma(shape=1.5, scale=4.0, size=80)  # skewed, like per-article rates
    ours = bootstrap_mean_ci(sample, n_resamples=20000, level=0.95, seed=1)
    ref = sps.bootstrap((sample,), np.mean, n_resamples=20000, confidence_level=0.95,
                        method="percentile", random_state=np.random.default_rng(2))
    se = sample.std(ddof=1) / np.sqrt(len(sample))
    # two independent Monte Carlo estimates of the same quantiles: equal within a small
    # fraction of the standard error
    assert ours[0] == pytest.approx(ref.confidence_interval.low, abs=0.1 * se)
    assert ours[1] == pytest.approx(ref.confidence_interval.high, abs=0.1 * se)


def test_constant_sample_has_zero_width_interval():
    assert bootstrap_mean_ci(np.full(10, 3.0), n_resamples=500) == (3.0, 3.0)


def test_columns_resampled_together_match_single_column():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(40, 2))
    both = bootstrap_means(x, n_resamples=300, rng=np.random.default_rng(5))
    first = bootstrap_means(x[:, 0], n_resamples=300, rng=np.random.default_rng(5))
    np.testing.assert_allclose(both[:, 0], first)


def test_chunking_does_not_change_result():
    x = np.arange(50, dtype=float)
    a = bootstrap_means(x, n_resamples=100, rng=np.random.default_rng(0), chunk=7)
    b = bootstrap_means(x, n_resamples=100, rng=np.random.default_rng(0), chunk=1000)
    np.testing.assert_array_equal(a, b)


def test_percentile_interval_hand_example():
    boot = np.arange(1, 101, dtype=float)  # 1..100
    low, high = percentile_interval(boot, level=0.9)
    # numpy linear interpolation: 5th percentile of 1..100 = 5.95, 95th = 95.05
    assert (float(low), float(high)) == pytest.approx((5.95, 95.05))
    with pytest.raises(ValueError, match="between 0 and 1"):
        percentile_interval(boot, level=95)


def test_stable_seed_depends_on_key_only():
    a = np.random.default_rng(stable_seed(1, "wire")).random()
    b = np.random.default_rng(stable_seed(1, "wire")).random()
    c = np.random.default_rng(stable_seed(1, "state")).random()
    assert a == b and a != c


def test_empty_sample_is_an_error():
    with pytest.raises(ValueError, match="empty"):
        bootstrap_means(np.array([]), n_resamples=10, rng=np.random.default_rng(0))


# ---------------------------------------------------------------- clusters, tests, corrections
from framelens.stats import (  # noqa: E402
    bh_qvalues,
    bootstrap_difference,
    cluster_bootstrap_means,
    cohens_d,
    nan_percentile_interval,
    permutation_test_means,
    random_subsets,
    spearman,
)


def test_cluster_bootstrap_with_singleton_clusters_is_the_article_bootstrap():
    x = np.random.default_rng(4).normal(size=(30, 2))
    a = cluster_bootstrap_means(x, np.arange(30), n_resamples=200, rng=np.random.default_rng(9))
    b = bootstrap_means(x, n_resamples=200, rng=np.random.default_rng(9))
    np.testing.assert_allclose(a, b)


def test_cluster_bootstrap_agrees_with_scipy_bootstrap_over_clusters():
    rng = np.random.default_rng(11)
    sizes = rng.integers(1, 6, size=40)
    clusters = np.repeat(np.arange(40), sizes)
    effect = rng.normal(0, 3, size=40)[clusters]  # strong within-cluster correlation
    values = 5 + effect + rng.normal(0, 1, size=len(clusters))
    boot = cluster_bootstrap_means(values, clusters, n_resamples=20000, rng=np.random.default_rng(1))
    low, high = percentile_interval(boot, level=0.95)
    sums = np.bincount(clusters, weights=values)
    counts = np.bincount(clusters).astype(float)
    ref = sps.bootstrap((np.arange(40),), lambda i, axis=-1: sums[i].sum(axis=axis) / counts[i].sum(axis=axis),
                        n_resamples=20000, method="percentile", random_state=np.random.default_rng(2))
    width = ref.confidence_interval.high - ref.confidence_interval.low
    assert low == pytest.approx(ref.confidence_interval.low, abs=0.03 * width)
    assert high == pytest.approx(ref.confidence_interval.high, abs=0.03 * width)
    # ignoring the clusters would give a much narrower (wrong) interval
    naive = percentile_interval(bootstrap_means(values, n_resamples=4000, rng=np.random.default_rng(3)))
    assert naive[1] - naive[0] < 0.7 * width


def test_permutation_test_agrees_with_scipy_permutation_test():
    rng = np.random.default_rng(5)
    a, b = rng.gamma(2.0, 2.0, size=25), rng.gamma(2.0, 2.2, size=30)
    diff, p = permutation_test_means(a, b, n_resamples=20000, rng=np.random.default_rng(6))
    ref = sps.permutation_test((a, b), lambda x, y, axis=-1: x.mean(axis=axis) - y.mean(axis=axis),
                               permutation_type="independent", n_resamples=20000, vectorized=True,
                               alternative="two-sided", random_state=np.random.default_rng(7))
    assert diff == pytest.approx(ref.statistic)
    assert 0.01 < ref.pvalue < 0.5  # a p-value in the range where the two can be compared
    # two-sided p = 2 × a one-sided Monte Carlo proportion: SD of the difference of two estimates
    assert p == pytest.approx(ref.pvalue, abs=_monte_carlo_tolerance(ref.pvalue, 20000))


@pytest.mark.parametrize("sizes", [(60, 12), (12, 60)])
def test_permutation_test_with_one_small_side_agrees_with_scipy(sizes):
    # only the smaller side's rows are drawn; with the small side first or second
    rng = np.random.default_rng(9)
    a, b = rng.gamma(2.0, 2.0, size=sizes[0]), rng.gamma(2.0, 2.5, size=sizes[1])
    _, p = permutation_test_means(a, b, n_resamples=20000, rng=np.random.default_rng(10))
    ref = sps.permutation_test((a, b), lambda x, y, axis=-1: x.mean(axis=axis) - y.mean(axis=axis),
                               permutation_type="independent", n_resamples=20000, vectorized=True,
                               alternative="two-sided", random_state=np.random.default_rng(11))
    assert 0.01 < ref.pvalue < 0.6
    assert p == pytest.approx(ref.pvalue, abs=_monte_carlo_tolerance(ref.pvalue, 20000))


def test_permutation_test_agrees_with_full_enumeration():
    # 4 + 5 rows: all 126 ways to choose the first group's rows, counted by hand
    a, b = np.array([3.1, 4.0, 2.2, 5.5]), np.array([1.0, 2.5, 0.7, 1.9, 2.8])
    pooled = np.concatenate([a, b])
    sums = np.array([pooled[list(c)].sum() for c in combinations(range(9), 4)])
    exact = min(1.0, 2 * min((sums <= a.sum() + 1e-12).mean(), (sums >= a.sum() - 1e-12).mean()))
    _, p = permutation_test_means(a, b, n_resamples=40000, rng=np.random.default_rng(3))
    assert p == pytest.approx(exact, abs=4 * 2 * np.sqrt(exact / 2 * (1 - exact / 2) / 40000) + 1e-4)
    _, p_swapped = permutation_test_means(b, a, n_resamples=40000, rng=np.random.default_rng(3))
    assert p_swapped == pytest.approx(exact, abs=4 * 2 * np.sqrt(exact / 2 * (1 - exact / 2) / 40000) + 1e-4)


def test_random_subsets_are_uniform():
    # every one of the 15 two-row subsets of 6 rows equally likely (chi-square against uniform)
    member = random_subsets(6, 2, 30000, np.random.default_rng(4))
    assert (member.sum(axis=1) == 2).all()
    codes = member.astype(int) @ (1 << np.arange(6))
    _, counts = np.unique(codes, return_counts=True)
    assert len(counts) == 15
    assert sps.chisquare(counts).pvalue > 0.001
    # a large draw: each row's subset has exactly m rows, and each row is taken m/n of the time
    big = random_subsets(5000, 1900, 400, np.random.default_rng(5))
    assert (big.sum(axis=1) == 1900).all()
    share = big.mean(axis=0)
    assert abs(share.mean() - 0.38) < 1e-12 and sps.chisquare(big.sum(axis=0)).pvalue > 0.001
    assert not random_subsets(4, 0, 3, np.random.default_rng(0)).any()
    assert random_subsets(4, 4, 3, np.random.default_rng(0)).all()
    with pytest.raises(ValueError, match="cannot draw 5 of 4"):
        random_subsets(4, 5, 1, np.random.default_rng(0))


def test_stratified_permutation_equals_scipy_paired_samples_test():
    # each stratum (event) holds one article of each side: shuffling within strata
    # is swapping within pairs, which is scipy's permutation_type="samples"
    rng = np.random.default_rng(8)
    a = rng.normal(1.0, 1.0, size=12)
    b = a - 0.4 + rng.normal(0, 0.5, size=12)
    events = np.arange(12)
    _, p = permutation_test_means(a, b, n_resamples=4096, rng=np.random.default_rng(1),
                                  strata_a=events, strata_b=events)
    ref = sps.permutation_test((a, b), lambda x, y, axis=-1: np.mean(x - y, axis=axis),
                               permutation_type="samples", n_resamples=np.inf, vectorized=True)
    assert p == pytest.approx(ref.pvalue, abs=0.02)  # scipy exact (2^12), ours 4,096 random draws


def test_permutation_with_nothing_to_exchange_gives_p_one():
    # every article in its own event: no label can move, the null is the observed value
    _, p = permutation_test_means(np.array([5.0, 6.0]), np.array([0.0]), n_resamples=99,
                                  rng=np.random.default_rng(0), strata_a=["e1", "e2"], strata_b=["e3"])
    assert p == 1.0
    with pytest.raises(ValueError, match="at least one row"):
        permutation_test_means(np.array([]), np.array([1.0]), n_resamples=9, rng=np.random.default_rng(0))


def test_bh_qvalues_agree_with_scipy_and_keep_nan():
    p = np.array([0.01, 0.04, 0.03, np.nan, 0.2, 0.001, 0.04])
    q = bh_qvalues(p)
    ok = ~np.isnan(p)
    np.testing.assert_allclose(q[ok], sps.false_discovery_control(p[ok], method="bh"))
    assert np.isnan(q[3])
    # by hand: smallest p 0.001 * 6 / 1 = 0.006
    assert q[5] == pytest.approx(0.006)


def test_cohens_d_by_hand():
    # means 2 and 5, both variances 1 -> pooled SD 1 -> d = -3
    assert float(cohens_d(np.array([1.0, 2, 3]), np.array([4.0, 5, 6]))) == pytest.approx(-3.0)
    both = cohens_d(np.array([[1.0, 0], [2, 0], [3, 0]]), np.array([[4.0, 0], [5, 0], [6, 0]]))
    assert both[0] == pytest.approx(-3.0) and np.isnan(both[1])


def test_spearman_agrees_with_scipy_with_ties():
    x = np.array([1.0, 2, 2, 3, 5, 5, 5, 8])
    y = np.array([2.0, 1, 4, 4, 6, 3, 9, 7])
    assert spearman(x, y) == pytest.approx(sps.spearmanr(x, y).statistic)
    assert np.isnan(spearman(np.ones(4), y[:4]))


def test_bootstrap_difference_agrees_with_scipy_two_sample_bootstrap():
    rng = np.random.default_rng(12)
    a, b = rng.gamma(2, 3, size=40), rng.gamma(2, 2, size=35)
    boot = bootstrap_difference(a, b, rng=np.random.default_rng(3), n_resamples=20000)
    low, high = nan_percentile_interval(boot)
    ref = sps.bootstrap((a, b), lambda x, y, axis=-1: x.mean(axis=axis) - y.mean(axis=axis),
                        n_resamples=20000, method="percentile", random_state=np.random.default_rng(4))
    width = ref.confidence_interval.high - ref.confidence_interval.low
    assert low == pytest.approx(ref.confidence_interval.low, abs=0.03 * width)
    assert high == pytest.approx(ref.confidence_interval.high, abs=0.03 * width)


def test_paired_cluster_difference_is_narrower_than_independent():
    # both sides covered the same 30 events; the event effect cancels in the difference
    rng = np.random.default_rng(2)
    event = rng.normal(0, 5, size=30)
    a, b = event + 1 + rng.normal(0, 0.5, 30), event + rng.normal(0, 0.5, 30)
    ev = np.arange(30)
    paired = nan_percentile_interval(bootstrap_difference(a, b, rng=np.random.default_rng(1), n_resamples=2000,
                                                          clusters_a=ev, clusters_b=ev))
    indep = nan_percentile_interval(bootstrap_difference(a, b, rng=np.random.default_rng(1), n_resamples=2000))
    assert paired[0] > 0.5 and paired[1] < 1.5
    assert (indep[1] - indep[0]) > 5 * (paired[1] - paired[0])


def test_permutations_that_only_reorder_a_sum_are_ties():
    # each event holds the same value on both sides, so every shuffle leaves the first
    # group's values unchanged, only added in another order: the test must see ties
    # (p = 1) whatever the rounding (without the tie tolerance this gives p = 0.86)
    vals = np.random.default_rng(0).gamma(0.5, 3.0, size=40)
    events = np.arange(len(vals))
    _, p = permutation_test_means(vals, vals.copy(), n_resamples=199, rng=np.random.default_rng(2),
                                  strata_a=events, strata_b=events)
    assert p == 1.0


# ---------------------------------------------------------------- asymptotic permutation test

from framelens.stats import asymptotic_permutation_test_means  # noqa: E402


def _enumerated_normal_p(strata_values: list[np.ndarray], strata_n_a: list[int], observed_sum: float) -> float:
    """Two-sided normal p from the mean and variance of the first group's sum over EVERY relabelling."""
    per_stratum = [[sum(vals[list(c)]) for c in combinations(range(len(vals)), k)]
                   for vals, k in zip(strata_values, strata_n_a)]
    sums = np.array([sum(choice) for choice in product(*per_stratum)])
    z = (observed_sum - sums.mean()) / sums.std()
    return float(2 * sps.norm.sf(abs(z)))


def test_asymptotic_test_uses_the_exact_mean_and_variance_of_the_permutation_distribution():
    a = np.array([0.3, 2.5, 0.0, 1.7, 4.1])
    b = np.array([0.0, 0.2, 1.1, 0.4])
    diff, p = asymptotic_permutation_test_means(a, b)
    assert diff == pytest.approx(a.mean() - b.mean())
    assert p == pytest.approx(_enumerated_normal_p([np.concatenate([a, b])], [5], a.sum()), rel=1e-9)


def test_stratified_asymptotic_test_enumerated_by_hand():
    # three events; labels move only within an event; an event covered by one side only adds nothing
    a = np.array([1.0, 4.0, 2.5, 0.5, 3.0])
    b = np.array([0.0, 1.5, 0.2, 2.0])
    ev_a, ev_b = ["x", "x", "y", "y", "z"], ["x", "y", "y", "w"]
    _, p = asymptotic_permutation_test_means(a, b, strata_a=ev_a, strata_b=ev_b)
    # events z (3.0, side a only) and w (2.0, side b only) add a constant to every relabelling
    x, y = np.array([1.0, 4.0, 0.0]), np.array([2.5, 0.5, 1.5, 0.2])
    p_ref = _enumerated_normal_p([x, y], [2, 2], 1.0 + 4.0 + 2.5 + 0.5)
    assert p == pytest.approx(p_ref, rel=1e-9)


def test_asymptotic_test_agrees_with_scipy_permutation_test_on_large_skewed_samples():
    # per-article rates are skewed with many zeros; with thousands a side the normal
    # approximation of the permutation distribution matches the shuffled test
    rng = np.random.default_rng(11)
    a = rng.gamma(0.4, 6.0, size=3000) * (rng.random(3000) < 0.5)
    b = rng.gamma(0.4, 6.0, size=3500) * (rng.random(3500) < 0.5) * 1.2
    _, p = asymptotic_permutation_test_means(a, b)
    ref = sps.permutation_test((a, b), lambda x, y, axis=-1: x.mean(axis=axis) - y.mean(axis=axis),
                               permutation_type="independent", n_resamples=9999, vectorized=True,
                               alternative="two-sided", random_state=np.random.default_rng(3))
    assert 0.01 < ref.pvalue < 0.6
    assert p == pytest.approx(ref.pvalue, abs=_monte_carlo_tolerance(ref.pvalue, 9999))
    # columns are tested independently and give the 1-D answers
    _, p2 = asymptotic_permutation_test_means(np.column_stack([a, a]), np.column_stack([b, b * 3]))
    assert p2[0] == pytest.approx(p) and p2[1] < 1e-6


def test_asymptotic_test_with_nothing_to_exchange_or_constant_values_gives_p_one():
    _, p = asymptotic_permutation_test_means(np.array([5.0, 6.0]), np.array([0.0]),
                                             strata_a=["e1", "e2"], strata_b=["e3"])
    assert p == 1.0
    _, p = asymptotic_permutation_test_means(np.full(4, 0.1), np.full(3, 0.1))
    assert p == 1.0
    with pytest.raises(ValueError, match="at least one row"):
        asymptotic_permutation_test_means(np.array([]), np.array([1.0]))


# ---------------------------------------------------------------- weighted comparisons (syndication policy weight)
from framelens.stats import weighted_bootstrap_means, weighted_means, weighted_test_values  # noqa: E402


def test_weighted_cohens_d_with_whole_weights_is_d_of_repeated_rows():
    rng = np.random.default_rng(31)
    a, b = rng.gamma(2, 3, size=(15, 2)), rng.gamma(2, 2, size=(12, 2))
    wa, wb = rng.integers(1, 4, 15), rng.integers(1, 4, 12)
    expected = cohens_d(np.repeat(a, wa, axis=0), np.repeat(b, wb, axis=0))
    np.testing.assert_allclose(cohens_d(a, b, weights_a=wa, weights_b=wb), expected)
    np.testing.assert_allclose(weighted_means(a, wa), np.repeat(a, wa, axis=0).mean(axis=0))
    # weights of 1 are the unweighted d
    np.testing.assert_allclose(cohens_d(a, b, weights_a=np.ones(15), weights_b=np.ones(12)), cohens_d(a, b))
    with pytest.raises(ValueError, match="both samples or for neither"):
        cohens_d(a, b, weights_a=wa)


def test_weighted_bootstrap_difference_agrees_with_scipy_two_sample_bootstrap():
    rng = np.random.default_rng(32)
    a, b = rng.gamma(2, 3, size=40), rng.gamma(2, 2, size=35)
    wa, wb = rng.choice([0.25, 0.5, 1.0], 40), rng.choice([0.5, 1.0], 35)
    boot = bootstrap_difference(a, b, rng=np.random.default_rng(3), n_resamples=20000, weights_a=wa, weights_b=wb)
    low, high = nan_percentile_interval(boot)

    def weighted_difference(i, j, axis=-1):
        return ((wa[i] * a[i]).sum(axis=axis) / wa[i].sum(axis=axis)
                - (wb[j] * b[j]).sum(axis=axis) / wb[j].sum(axis=axis))

    ref = sps.bootstrap((np.arange(40), np.arange(35)), weighted_difference, n_resamples=20000,
                        method="percentile", random_state=np.random.default_rng(4))
    width = ref.confidence_interval.high - ref.confidence_interval.low
    assert low == pytest.approx(ref.confidence_interval.low, abs=0.03 * width)
    assert high == pytest.approx(ref.confidence_interval.high, abs=0.03 * width)
    # one side alone: the weighted means of bootstrap_means' own draws
    one = weighted_bootstrap_means(a, wa, n_resamples=50, rng=np.random.default_rng(5))
    counts = _draw_counts_like(40, 50, np.random.default_rng(5))
    np.testing.assert_allclose(one, (counts @ (wa * a)) / (counts @ wa))


def _draw_counts_like(n, resamples, rng):
    idx = rng.integers(0, n, size=(resamples, n))
    return np.stack([np.bincount(row, minlength=n) for row in idx]).astype(float)


def test_weighted_cluster_bootstrap_difference_with_whole_weights_and_one_article_per_event():
    # paired events, each side one article per event: the weighted difference of a drawn set of
    # events is that of the drawn articles, so the interval follows the weighted means of the
    # events' pairs; checked against a resampling of events written out by hand
    rng = np.random.default_rng(33)
    a, b = rng.normal(5, 1, 30), rng.normal(4, 1, 30)
    wa, wb = rng.choice([0.5, 1.0], 30), rng.choice([0.5, 1.0], 30)
    ev = np.array([f"e{i:02d}" for i in range(30)])  # event i is drawn as code i (labels sort as text)
    boot = bootstrap_difference(a, b, rng=np.random.default_rng(7), n_resamples=300, clusters_a=ev, clusters_b=ev,
                                weights_a=wa, weights_b=wb)
    draw = np.random.default_rng(7)
    for r in range(300):
        chosen = draw.integers(0, 30, size=30)
        by_hand = (wa[chosen] * a[chosen]).sum() / wa[chosen].sum() - (wb[chosen] * b[chosen]).sum() / wb[chosen].sum()
        assert boot[r] == pytest.approx(by_hand)


def test_weighted_permutation_test_agrees_with_scipy_on_the_weighted_score_statistic():
    rng = np.random.default_rng(34)
    a, b = rng.gamma(2.0, 2.0, size=25), rng.gamma(2.0, 3.0, size=30)
    wa, wb = rng.choice([1 / 3, 0.5, 1.0], 25), rng.choice([0.5, 1.0], 30)
    za, zb = weighted_test_values(a, b, wa, wb)
    _, p = permutation_test_means(za, zb, n_resamples=20000, rng=np.random.default_rng(6))
    values, weights = np.concatenate([a, b]), np.concatenate([wa, wb])
    pooled_mean = (weights * values).sum() / weights.sum()

    def score(i, j, axis=-1):  # Σ over side a of w·(x − pooled weighted mean)
        return (weights[i] * (values[i] - pooled_mean)).sum(axis=axis)

    ref = sps.permutation_test((np.arange(25), np.arange(25, 55)), score, permutation_type="independent",
                               n_resamples=20000, vectorized=True, alternative="two-sided",
                               random_state=np.random.default_rng(7))
    assert 0.01 < ref.pvalue < 0.6
    assert p == pytest.approx(ref.pvalue, abs=_monte_carlo_tolerance(ref.pvalue, 20000))
    # all weights 1: the unweighted test, draw for draw
    ones = weighted_test_values(a, b, np.ones(25), np.ones(30))
    p1 = permutation_test_means(*ones, n_resamples=999, rng=np.random.default_rng(8))[1]
    p0 = permutation_test_means(a, b, n_resamples=999, rng=np.random.default_rng(8))[1]
    assert p1 == pytest.approx(p0)


# ---------------------------------------------------------------- streamed bootstrap, rank correlation from counts
from framelens.stats import BlockBootstrap, PairCounts, spearman_from_counts  # noqa: E402


def _block_sums(values, splits, *, n_resamples=200, seed=3, block=7):
    boot = BlockBootstrap(len(values), values.shape[1], n_resamples=n_resamples, rng=np.random.default_rng(seed),
                          block=block)
    for part in np.split(values, splits):
        boot.add(part)
    return boot.result()


def test_block_bootstrap_does_not_depend_on_how_rows_arrive():
    values = np.random.default_rng(1).normal(size=(50, 3))
    whole = _block_sums(values, [])
    assert np.array_equal(whole, _block_sums(values, list(range(1, 50))))
    assert np.array_equal(whole, _block_sums(values, [3, 20, 21, 44]))


def test_block_bootstrap_counts_are_the_multinomial_of_n_draws_from_n():
    # rows = the identity: each resample's sums are how often each row was drawn. With 4 rows in
    # blocks of 1, 2 and 3 rows the chained binomials must give multinomial(4; 1/4, ...) exactly:
    # compare the frequencies of all 35 outcomes with their probabilities (chi-square).
    n, r = 4, 40000
    outcomes = [c for c in product(range(n + 1), repeat=n) if sum(c) == n]
    expected = np.array([sps.multinomial.pmf(c, n, [1 / n] * n) for c in outcomes]) * r
    for block in (1, 2, 3):
        boot = BlockBootstrap(n, n, n_resamples=r, rng=np.random.default_rng(block), block=block)
        boot.add(np.eye(n))
        counts = boot.result()
        assert (counts.sum(axis=1) == n).all()
        index = {c: i for i, c in enumerate(outcomes)}
        observed = np.bincount([index[tuple(int(v) for v in row)] for row in counts], minlength=len(outcomes))
        assert sps.chisquare(observed, expected).pvalue > 1e-4


def test_block_bootstrap_interval_agrees_with_scipy_bootstrap():
    sample = np.random.default_rng(7).gamma(shape=1.5, scale=4.0, size=300)
    boot = BlockBootstrap(len(sample), 1, n_resamples=20000, rng=np.random.default_rng(2), block=64)
    for lo in range(0, 300, 50):
        boot.add(sample[lo:lo + 50, None])
    low, high = percentile_interval(boot.result()[:, 0] / len(sample))
    ref = sps.bootstrap((sample,), np.mean, n_resamples=20000, method="percentile",
                        random_state=np.random.default_rng(4)).confidence_interval
    se = sample.std(ddof=1) / np.sqrt(len(sample))
    assert low == pytest.approx(ref.low, abs=0.05 * se * 4)
    assert high == pytest.approx(ref.high, abs=0.05 * se * 4)


def test_block_bootstrap_refuses_missing_and_extra_rows():
    boot = BlockBootstrap(5, 1, n_resamples=3, rng=np.random.default_rng(0))
    boot.add(np.ones((4, 1)))
    with pytest.raises(ValueError, match="more than the 5 rows"):
        boot.add(np.ones((2, 1)))
    with pytest.raises(ValueError, match="1 of the 5 rows"):
        boot.result()
    with pytest.raises(ValueError, match="empty"):
        BlockBootstrap(0, 1, n_resamples=3, rng=np.random.default_rng(0))


def test_spearman_from_counts_agrees_with_scipy_on_the_expanded_sample():
    rng = np.random.default_rng(8)
    x = rng.integers(0, 6, size=40).astype(float)  # many ties
    y = np.round(x + rng.normal(size=40), 1)
    counts = rng.integers(1, 5, size=40)
    ref = sps.spearmanr(np.repeat(x, counts), np.repeat(y, counts)).statistic
    assert spearman_from_counts(x, y, counts) == pytest.approx(ref, rel=1e-12)
    assert np.isnan(spearman_from_counts(np.ones(5), y[:5], np.ones(5)))


def test_pair_counts_stream_gives_the_correlation_of_all_pairs():
    rng = np.random.default_rng(9)
    tokens = rng.integers(50, 60, size=3000).astype(float)
    rate = np.round(1000 * rng.integers(0, 4, size=3000) / tokens, 6)
    rate[::97] = np.nan  # left out, like scipy's nan_policy="omit"
    pairs = PairCounts(compact_at=500)
    for lo in range(0, 3000, 256):
        pairs.add(rate[lo:lo + 256], tokens[lo:lo + 256])
    ref = sps.spearmanr(rate, tokens, nan_policy="omit").statistic
    assert pairs.spearman() == pytest.approx(ref, rel=1e-10)
    assert len(pairs._pairs) < 200  # distinct pairs, not one row per observation
    order = np.lexsort((pairs._pairs[:, 1], pairs._pairs[:, 0]))
    assert np.array_equal(order, np.arange(len(order)))  # in (x, y) order, each pair once


def test_pair_counts_keep_infinite_values_apart():
    x = np.array([1.0, 2.0, 2.0, 3.0, 4.0, 5.0])
    y = np.array([0.5, np.inf, np.inf, -np.inf, 7.0, 2.0])
    pairs = PairCounts(compact_at=2)
    for lo in range(0, 6, 4):
        pairs.add(x[lo:lo + 4], y[lo:lo + 4])
    assert pairs.spearman() == pytest.approx(sps.spearmanr(x, y).statistic, rel=1e-12)
    assert pairs._counts.tolist() == [1, 2, 1, 1, 1]


def test_cluster_sums_resample_single_articles_then_clusters_in_label_order():
    from framelens.stats import ClusterSums

    rng = np.random.default_rng(12)
    rows = rng.normal(size=(40, 2))
    labels = np.array([None if i % 3 else f"e{i % 4}" for i in range(40)], dtype=object)
    assert sum(x is None for x in labels) == 26
    sums = ClusterSums(26 + 4, 2, n_resamples=500, rng=np.random.default_rng(6), block=8)
    for lo in range(0, 40, 11):
        sums.add(rows[lo:lo + 11], labels[lo:lo + 11])
    total, boot = sums.result()
    np.testing.assert_allclose(total, rows.sum(axis=0))
    single = np.array([x is None for x in labels])
    clusters = [rows[labels == f"e{j}"].sum(axis=0) for j in range(4)]  # e0 < e1 < e2 < e3
    units = np.vstack([rows[single], clusters])
    direct = BlockBootstrap(len(units), 2, n_resamples=500, rng=np.random.default_rng(6), block=8)
    direct.add(units)
    np.testing.assert_allclose(boot, direct.result())


from framelens.stats import RowMoments, SubsetSums  # noqa: E402


def test_subset_sums_draw_every_subset_equally_often():
    # rows = the identity: each resample's sums say which rows it picked. 6 rows in blocks of 2
    # (hypergeometric splits between blocks, permutations within): all 15 2-subsets equally likely
    n, m, r = 6, 2, 30000
    sums = SubsetSums(n, m, n, n_resamples=r, rng=np.random.default_rng(1), block=2)
    for row in np.eye(n):
        sums.add(row[None, :])
    picked = sums.result()
    assert set(np.unique(picked)) <= {0.0, 1.0} and (picked.sum(axis=1) == m).all()
    index = {c: i for i, c in enumerate(combinations(range(n), m))}
    observed = np.bincount([index[tuple(np.flatnonzero(row))] for row in picked], minlength=len(index))
    assert sps.chisquare(observed).pvalue > 1e-4


class _TiedKeys(SubsetSums):
    """Keys from {0, 1, 2}: ties at the boundary of the subset are the rule, not a 2**-32 event."""

    def _keys(self, shape):
        return self._rng.integers(0, 3, size=shape).astype(np.uint32)


@pytest.mark.parametrize("block", [1, 3, 4, 7])
def test_subset_sums_stay_uniform_when_sort_keys_tie(block):
    # 7 rows, 3 picked: all 35 subsets equally likely, whatever the blocks (picks of 0, all or
    # some of a block) and however often the keys tie and a row is drawn again
    n, m, r = 7, 3, 35000
    sums = _TiedKeys(n, m, n, n_resamples=r, rng=np.random.default_rng(block), block=block)
    sums.add(np.eye(n))
    picked = sums.result()
    assert set(np.unique(picked)) <= {0.0, 1.0} and (picked.sum(axis=1) == m).all()
    index = {c: i for i, c in enumerate(combinations(range(n), m))}
    observed = np.bincount([index[tuple(np.flatnonzero(row))] for row in picked], minlength=len(index))
    assert observed.min() > 0 and sps.chisquare(observed).pvalue > 1e-4


def test_subset_sums_give_scipys_permutation_p_value():
    from framelens.stats import permutation_p_values

    rng = np.random.default_rng(21)
    a, b = rng.normal(0.4, 1, 40), rng.normal(0, 1, 700)
    pooled = np.concatenate([a, b])
    sums = SubsetSums(len(pooled), len(a), 1, n_resamples=20000, rng=np.random.default_rng(3), block=64)
    for lo in range(0, len(pooled), 100):
        sums.add(pooled[lo:lo + 100, None])
    p = permutation_p_values(sums.result()[:, 0], a.sum(), 0.0)
    ref = sps.permutation_test((a, b), lambda x, y, axis=-1: x.mean(axis=axis) - y.mean(axis=axis),
                               n_resamples=20000, random_state=np.random.default_rng(4)).pvalue
    assert p == pytest.approx(ref, abs=_monte_carlo_tolerance(ref, 20000))


def test_row_moments_merge_to_the_direct_weighted_moments():
    rng = np.random.default_rng(6)
    x = rng.gamma(2.0, 3.0, size=(500, 3)) + 1e6  # a large offset: raw sums of squares would lose it
    w = rng.choice([1.0, 0.5, 0.25], 500)
    parts = [RowMoments.of(x[lo:hi], w[lo:hi]) for lo, hi in ((0, 7), (7, 300), (300, 500))]
    merged = parts[0].merged(parts[1]).merged(parts[2])
    mean = np.average(x, axis=0, weights=w)
    np.testing.assert_allclose(merged.mean, mean, rtol=1e-14)
    np.testing.assert_allclose(merged.m2, (w[:, None] * (x - mean) ** 2).sum(axis=0), rtol=1e-9)
    u = w[:, None] * x
    np.testing.assert_allclose(merged.m2_u, 500 * u.var(axis=0), rtol=1e-9)
    np.testing.assert_allclose(merged.m2_w, 500 * w.var(), rtol=1e-9)
    np.testing.assert_allclose(merged.c_uw, ((u - u.mean(axis=0)) * (w - w.mean())[:, None]).sum(axis=0), rtol=1e-9)
    np.testing.assert_allclose(merged.sum_u, u.sum(axis=0), rtol=1e-14)
    assert merged.n == 500 and merged.total_w == pytest.approx(w.sum())


def test_row_blocks_hand_over_the_same_blocks_and_keep_no_larger_array_alive():
    import gc
    import weakref

    from framelens.stats import RowBlocks

    seen = []
    blocks = RowBlocks(lambda x, y: seen.append((x.copy(), y.copy())), block=4)
    big = np.arange(30.0).reshape(15, 2).copy()  # an array that owns its memory
    labels = np.arange(15)
    held = weakref.ref(big)
    blocks.add(big, labels)  # 15 rows: three blocks handed over, 3 rows left
    del big
    gc.collect()
    assert held() is None  # the 3 rows waiting for the next block do not keep the 15-row array alive
    other = np.arange(100.0, 140.0).reshape(20, 2).copy()
    held = weakref.ref(other)
    blocks.add(other[:1], np.array([99]))  # a view, too few rows for a block: held as a copy
    del other
    gc.collect()
    assert held() is None
    blocks.add(np.array([[7.0, 8.0]]), np.array([98]))
    blocks.close()
    rows = np.concatenate([x for x, _ in seen])
    expected = np.concatenate([np.arange(30.0).reshape(15, 2), [[100.0, 101.0], [7.0, 8.0]]])
    np.testing.assert_array_equal(rows, expected)
    np.testing.assert_array_equal(np.concatenate([y for _, y in seen]), np.r_[np.arange(15), 99, 98])
    assert [len(x) for x, _ in seen] == [4, 4, 4, 4, 1]
