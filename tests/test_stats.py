import numpy as np
import pytest
from scipy import stats as sps

from framelens.stats import bootstrap_mean_ci, bootstrap_means, percentile_interval, stable_seed


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
