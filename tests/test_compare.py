import numpy as np
import pandas as pd
import pytest

from framelens.compare import compare_outlets, relative_to_corpus
from framelens.scoredata import from_frames


def _args(cats, arts, outlets, **article_columns):
    """The comparisons' inputs: the scores as matrices (with n_tokens, events, weights) and the outlets."""
    return from_frames(cats, arts, **article_columns), outlets


def _scores():
    # outlet s: two articles of 100 and 300 tokens; outlet w: one article of 200 tokens
    cats = pd.DataFrame({
        "id": ["a", "a", "b", "b", "c", "c"],
        "outlet": ["s", "s", "s", "s", "w", "w"],
        "category": ["sol", "kin"] * 3,
        "count": [2, 0, 3, 1, 0, 2],
        "rate": [20.0, 0.0, 10.0, 1000 / 300, 0.0, 10.0],
    })
    arts = pd.DataFrame({"id": ["a", "b", "c"], "n_tokens": [100, 300, 200]})
    outlets = pd.DataFrame({"outlet": ["s", "w"], "name": ["S", "W"], "group": ["state", "wire"],
                            "country": ["", ""], "language": ["en", "en"], "color": ["#000000"] * 2})
    return cats, arts, outlets


def test_means_pooled_and_shares_by_hand():
    table = compare_outlets(*_args(*_scores()), n_resamples=500, seed=1).set_index(["outlet", "category"])
    s_sol = table.loc[("s", "sol")]
    assert s_sol["n_articles"] == 2
    assert s_sol["mean_rate"] == pytest.approx(15.0)  # (20 + 10) / 2
    assert s_sol["pooled_rate"] == pytest.approx(1000 * 5 / 400)  # 12.5
    assert s_sol["share_with_hit"] == 1.0
    assert table.loc[("s", "kin"), "share_with_hit"] == 0.5
    # with two articles every bootstrap mean is one of 10, 15, 20
    assert 10.0 <= s_sol["ci_low"] <= s_sol["ci_high"] <= 20.0
    w = table.loc[("w", "kin")]
    assert (w["ci_low"], w["mean_rate"], w["ci_high"]) == (10.0, 10.0, 10.0)
    assert list(table.index.get_level_values("category")[:2]) == ["sol", "kin"]


def test_relative_to_corpus_weights_articles():
    table = compare_outlets(*_args(*_scores()), n_resamples=100)
    rel = relative_to_corpus(table)
    # corpus article-mean of sol = (20 + 10 + 0) / 3 = 10 -> s: 15/10, w: 0/10
    assert rel.loc["s", "sol"] == pytest.approx(1.5)
    assert rel.loc["w", "sol"] == 0.0
    kin_mean = (0 + 1000 / 300 + 10) / 3
    assert rel.loc["w", "kin"] == pytest.approx(10 / kin_mean)


def test_category_with_no_hits_anywhere_is_nan_relative():
    cats, arts, outlets = _scores()
    cats.loc[cats["category"] == "kin", ["count", "rate"]] = 0
    rel = relative_to_corpus(compare_outlets(*_args(cats, arts, outlets), n_resamples=100))
    assert np.isnan(rel.loc["s", "kin"])


# ---------------------------------------------------------------- groups, differences, warnings
from framelens.compare import (  # noqa: E402
    collect_warnings,
    compare_groups,
    length_confound,
    pairwise_differences,
)


def _three_outlets():
    # s1, s2 (state) and w (wire); one category "sol" with hand-checkable rates
    rates = {"a1": 10.0, "a2": 20.0, "b1": 30.0, "b2": 40.0, "c1": 0.0, "c2": 2.0, "c3": 4.0}
    outlet = {"a1": "s1", "a2": "s1", "b1": "s2", "b2": "s2", "c1": "w", "c2": "w", "c3": "w"}
    tokens = {"a1": 100, "a2": 100, "b1": 100, "b2": 100, "c1": 500, "c2": 500, "c3": 500}
    cats = pd.DataFrame({"id": list(rates), "outlet": [outlet[i] for i in rates], "category": "sol",
                         "count": [int(rates[i] * tokens[i] / 1000) for i in rates], "rate": list(rates.values())})
    arts = pd.DataFrame({"id": list(tokens), "n_tokens": list(tokens.values())})
    outlets = pd.DataFrame({"outlet": ["s1", "s2", "w"], "name": ["S One", "S Two", "Wire"],
                            "group": ["state", "state", "wire"], "country": "", "language": "en",
                            "color": "#000000"})
    return cats, arts, outlets


def test_group_table_pools_articles_of_its_outlets():
    groups = compare_groups(*_args(*_three_outlets()), n_resamples=200, min_articles=5).set_index("group")
    assert groups.loc["state", "mean_rate"] == pytest.approx(25.0)  # (10+20+30+40)/4
    assert groups.loc["state", "n_outlets"] == 2 and groups.loc["state", "n_articles"] == 4
    assert groups.loc["wire", "pooled_rate"] == pytest.approx(1000 * 3 / 1500)  # 0+1+2 matches / 1500
    assert groups.loc["state", "warning"].startswith("only 4 articles")
    assert groups.loc["wire", "share_with_hit"] == pytest.approx(2 / 3)


def test_differences_by_hand_and_reference_rows():
    diffs = pairwise_differences(*_args(*_three_outlets()), reference_group="wire", n_resamples=500,
                                 n_permutations=500, seed=1)
    pair = diffs[(diffs["level"] == "outlet") & (diffs["comparison"] == "pairwise")].set_index(["a", "b"])
    assert list(pair.index) == [("s1", "s2"), ("s1", "w"), ("s2", "w")]
    assert pair.loc[("s1", "s2"), "difference"] == pytest.approx(15 - 35)
    # Cohen's d: means 15, 35; variances 50, 50 -> pooled SD sqrt(50)
    assert pair.loc[("s1", "s2"), "cohens_d"] == pytest.approx(-20 / np.sqrt(50))
    ref = diffs[(diffs["level"] == "outlet") & (diffs["comparison"] == "vs_reference")].set_index("a")
    assert list(ref.index) == ["s1", "s2"] and set(ref["b"]) == {"wire"}
    assert ref.loc["s2", "difference"] == pytest.approx(35 - 2)
    assert ref.loc["s2", "ci_low"] > 0  # every resample of s2 is above every resample of w
    grp = diffs[(diffs["level"] == "group") & (diffs["comparison"] == "vs_reference")]
    assert list(grp["a"]) == ["state"] and grp["difference"].iloc[0] == pytest.approx(25 - 2)
    # q-values are BH within each family
    fam = diffs[(diffs["level"] == "outlet") & (diffs["comparison"] == "pairwise")]
    from scipy.stats import false_discovery_control
    np.testing.assert_allclose(fam["q_value"], false_discovery_control(fam["p_value"]))
    assert diffs["significant"].dtype == bool


def test_unknown_reference_group_names_the_groups():
    with pytest.raises(KeyError, match=r"'exile' has no articles; groups are \['state', 'wire'\]"):
        pairwise_differences(*_args(*_three_outlets()), reference_group="exile", n_resamples=100, n_permutations=100)


def test_event_clusters_are_counted_and_change_the_interval():
    cats, arts, outlets = _three_outlets()
    events = pd.Series({"a1": "e1", "a2": "e1", "b1": "e2", "b2": "e3", "c1": "e1", "c2": "", "c3": None})
    plain = compare_outlets(*_args(cats, arts, outlets), n_resamples=300).set_index("outlet")
    clustered = compare_outlets(*_args(cats, arts, outlets, events=events), n_resamples=300).set_index("outlet")
    # s1's two articles are one event: every resample draws both -> zero-width interval at 15
    assert (clustered.loc["s1", "ci_low"], clustered.loc["s1", "ci_high"]) == (15.0, 15.0)
    assert plain.loc["s1", "ci_low"] < 15.0 < plain.loc["s1", "ci_high"]
    assert clustered.loc["s1", "n_clusters"] == 1
    assert clustered.loc["w", "n_clusters"] == 3  # e1 + two undated-event articles on their own


def test_length_confound_flags_rates_that_follow_length_and_warnings_collect_it():
    cats, arts, outlets = _three_outlets()
    length = length_confound(from_frames(cats, arts), threshold=0.3)
    from scipy.stats import spearmanr
    merged = cats.merge(arts, on="id")
    assert length.loc[0, "spearman_rho"] == pytest.approx(spearmanr(merged["rate"], merged["n_tokens"]).statistic)
    assert bool(length.loc[0, "flagged"])  # long wire articles have low rates
    table = compare_outlets(*_args(cats, arts, outlets), n_resamples=100, min_articles=3)
    groups = compare_groups(*_args(cats, arts, outlets), n_resamples=100, min_articles=3)
    warnings = collect_warnings(table, groups, length)
    assert sorted(zip(warnings["kind"], warnings["subject"])) == [
        ("length_confound", "all articles"), ("small_outlet", "s1"), ("small_outlet", "s2")]


def test_syndication_weights_make_a_cluster_count_once():
    # outlet s: article a and its republished copy a2 (weight 1/2 each), and article b
    cats = pd.DataFrame({
        "id": ["a", "a2", "b"], "outlet": ["s", "s", "s"], "category": ["sol"] * 3,
        "count": [2, 2, 1], "rate": [20.0, 20.0, 10.0],
    })
    arts = pd.DataFrame({"id": ["a", "a2", "b"], "n_tokens": [100, 100, 100]})
    outlets = pd.DataFrame({"outlet": ["s"], "name": ["S"], "group": ["state"], "country": [""],
                            "language": ["en"], "color": ["#000000"]})
    weights = pd.Series({"a": 0.5, "a2": 0.5, "b": 1.0})
    row = compare_outlets(*_args(cats, arts, outlets, weights=weights), n_resamples=300).iloc[0]
    # by hand: (0.5·20 + 0.5·20 + 1·10) / 2 = 15, as if the copy were not there
    assert row["mean_rate"] == pytest.approx(15.0)
    assert row["pooled_rate"] == pytest.approx(1000 * (0.5 * 2 + 0.5 * 2 + 1) / 200)
    assert row["n_articles"] == 3
    assert 10.0 <= row["ci_low"] <= 15.0 <= row["ci_high"] <= 20.0
    unweighted = compare_outlets(*_args(cats, arts, outlets), n_resamples=300).iloc[0]
    assert unweighted["mean_rate"] == pytest.approx(50 / 3)


def test_asymptotic_and_auto_tests_in_the_differences_table():
    from framelens.stats import asymptotic_permutation_test_means

    cats, arts, outlets = _three_outlets()
    args = _args(cats, arts, outlets)
    shuffled = pairwise_differences(*args, n_resamples=200, n_permutations=200, seed=1, test="permutation")
    assert set(shuffled["test"]) == {"permutation"}
    asym = pairwise_differences(*args, n_resamples=200, n_permutations=200, seed=1, test="asymptotic")
    assert set(asym["test"]) == {"asymptotic"}
    # same differences and intervals; p-values from the normal approximation
    for col in ("difference", "ci_low", "ci_high", "cohens_d"):
        np.testing.assert_allclose(asym[col], shuffled[col])
    rates = cats.set_index("id")
    row = asym[(asym["level"] == "outlet") & (asym["a"] == "s1") & (asym["b"] == "s2")].iloc[0]
    ra = rates[rates["outlet"] == "s1"].query("category == @row.category")["rate"].to_numpy()
    rb = rates[rates["outlet"] == "s2"].query("category == @row.category")["rate"].to_numpy()
    assert row["p_value"] == pytest.approx(float(asymptotic_permutation_test_means(ra, rb)[1]))
    # auto: asymptotic only where the smaller side has auto_min_articles articles or more
    auto = pairwise_differences(*args, n_resamples=200, n_permutations=200, seed=1, test="auto",
                                auto_min_articles=3)
    small = np.minimum(auto["n_a"], auto["n_b"])
    assert (auto.loc[small >= 3, "test"] == "asymptotic").all()
    assert (auto.loc[small < 3, "test"] == "permutation").all() and (small < 3).any() and (small >= 3).any()
    np.testing.assert_allclose(auto.loc[small < 3, "p_value"], shuffled.loc[small < 3, "p_value"])
    with pytest.raises(ValueError, match="test must be one of"):
        pairwise_differences(*args, test="welch")


def _two_skewed_outlets(n_a: int, n_b: int, shift: float = 1.0):
    rng = np.random.default_rng(21)
    rates = np.concatenate([rng.gamma(0.5, 8.0, n_a), rng.gamma(0.5, 8.0, n_b) * shift])
    ids = [f"x{i}" for i in range(n_a + n_b)]
    cats = pd.DataFrame({"id": ids, "outlet": ["p"] * n_a + ["q"] * n_b, "category": "sol",
                         "count": (rates > 0).astype(int), "rate": rates})
    arts = pd.DataFrame({"id": ids, "n_tokens": 500})
    outlets = pd.DataFrame({"outlet": ["p", "q"], "name": ["P", "Q"], "group": ["g1", "g2"],
                            "country": ["", ""], "language": ["en", "en"], "color": ["#000000"] * 2})
    return cats, arts, outlets, rates[:n_a], rates[n_a:]


def test_pair_interval_and_p_value_agree_with_scipy():
    from scipy import stats as sps

    cats, arts, outlets, a, b = _two_skewed_outlets(250, 300, shift=1.1)
    diffs = pairwise_differences(*_args(cats, arts, outlets), n_resamples=4000, n_permutations=4000, seed=3,
                                 test="permutation")
    row = diffs[diffs["level"] == "outlet"].iloc[0]
    assert (row["a"], row["b"]) == ("p", "q")

    def diff(x, y, axis=-1):
        return x.mean(axis=axis) - y.mean(axis=axis)

    ci = sps.bootstrap((a, b), diff, method="percentile", n_resamples=4000, vectorized=True,
                       random_state=np.random.default_rng(4)).confidence_interval
    width = ci.high - ci.low
    assert row["ci_low"] == pytest.approx(ci.low, abs=0.08 * width)
    assert row["ci_high"] == pytest.approx(ci.high, abs=0.08 * width)
    ref = sps.permutation_test((a, b), diff, permutation_type="independent", n_resamples=4000,
                               vectorized=True, random_state=np.random.default_rng(5)).pvalue
    assert 0.005 < ref < 0.5
    assert row["p_value"] == pytest.approx(ref, abs=4 * 2 * np.sqrt(2 * ref / 2 * (1 - ref / 2) / 4000))


def test_weighted_differences_by_hand_and_constant_weights_change_nothing():
    from framelens.stats import asymptotic_permutation_test_means, cohens_d, weighted_test_values

    cats, arts, outlets, _, _ = _two_skewed_outlets(60, 50, shift=1.5)
    ids = cats["id"].to_numpy()
    weights = pd.Series(np.where(np.arange(len(ids)) % 3 == 0, 0.5, 1.0), index=ids)
    plain = pairwise_differences(*_args(cats, arts, outlets), n_resamples=300, n_permutations=300, seed=2,
                                 test="asymptotic")
    half = pairwise_differences(*_args(cats, arts, outlets, weights=pd.Series(0.5, index=ids)), n_resamples=300,
                                n_permutations=300, seed=2, test="asymptotic")
    # weights of one half everywhere: the same means, intervals and p-values (Cohen's d counts the
    # weights as frequencies, so only its small-sample correction moves: W − 2 instead of n − 2)
    for col in ("mean_a", "mean_b", "difference", "ci_low", "ci_high", "p_value"):
        np.testing.assert_allclose(half[col], plain[col], rtol=1e-9, err_msg=col)
    # pooled variance ½·SS / (55 − 2) instead of SS / (110 − 2)
    np.testing.assert_allclose(half["cohens_d"], plain["cohens_d"] * np.sqrt((55 - 2) / ((110 - 2) / 2)))
    table = pairwise_differences(*_args(cats, arts, outlets, weights=weights), n_resamples=300,
                                 n_permutations=300, seed=2, test="asymptotic")
    row = table[(table["level"] == "outlet")].iloc[0]
    x = cats.set_index("id")["rate"]
    p_ids, q_ids = cats.loc[cats["outlet"] == "p", "id"], cats.loc[cats["outlet"] == "q", "id"]
    xa, xb, wa, wb = x[p_ids].to_numpy(), x[q_ids].to_numpy(), weights[p_ids].to_numpy(), weights[q_ids].to_numpy()
    assert (row["n_a"], row["n_b"]) == (60, 50)
    assert row["mean_a"] == pytest.approx((wa * xa).sum() / wa.sum())
    assert row["difference"] == pytest.approx((wa * xa).sum() / wa.sum() - (wb * xb).sum() / wb.sum())
    assert row["difference"] != pytest.approx(plain[plain["level"] == "outlet"].iloc[0]["difference"])
    assert row["ci_low"] < row["difference"] < row["ci_high"]
    assert row["cohens_d"] == pytest.approx(float(cohens_d(xa, xb, weights_a=wa, weights_b=wb)))
    assert row["p_value"] == pytest.approx(float(asymptotic_permutation_test_means(
        *weighted_test_values(xa, xb, wa, wb))[1]))


# ---------------------------------------------------------------- streamed: chunks, scipy
from dataclasses import replace  # noqa: E402

from scipy import stats as sps  # noqa: E402

from framelens.compare import compare_stream  # noqa: E402


def _slice(data, lo, hi):
    """Rows lo:hi of a ScoreData, as a chunk of the streamed reader would hold them."""
    cut = slice(lo, hi)
    return replace(data, ids=data.ids.slice(lo, hi - lo), outlet_codes=data.outlet_codes[cut], rates=data.rates[cut],
                   counts=data.counts[cut], tokens=data.tokens[cut],
                   events=None if data.events is None else data.events[cut],
                   weights=None if data.weights is None else data.weights[cut])


def _many_articles(n=2500, seed=5):
    rng = np.random.default_rng(seed)
    ids = [f"x{i:05d}" for i in range(n)]
    outlet = np.sort(rng.choice(["s1", "s2", "w"], n))
    tokens = rng.integers(80, 600, n)
    counts = rng.poisson(1.5, (n, 2))
    cats = pd.DataFrame({"id": np.repeat(ids, 2), "outlet": np.repeat(outlet, 2), "category": ["sol", "kin"] * n,
                         "count": counts.ravel(), "rate": (1000 * counts / tokens[:, None]).ravel()})
    arts = pd.DataFrame({"id": ids, "n_tokens": tokens})
    events = pd.Series(np.where(rng.random(n) < 0.6, [f"e{j}" for j in rng.integers(0, 300, n)], ""), index=ids)
    weights = pd.Series(rng.choice([1.0, 0.5, 0.25], n), index=ids)
    return cats, arts, events, weights


def test_streamed_tables_do_not_depend_on_the_chunks():
    cats, arts, events, weights = _many_articles()
    _, _, outlets = _three_outlets()
    data = from_frames(cats, arts, events=events, weights=weights)
    whole = compare_stream(lambda: [data], outlets, n_resamples=300, seed=2)
    for cuts in ([1, 1024, 1025, 2047], list(range(100, 2500, 333))):
        bounds = [0, *cuts, len(data)]
        chunked = compare_stream(lambda: [_slice(data, lo, hi) for lo, hi in zip(bounds, bounds[1:])], outlets,
                                 n_resamples=300, seed=2)
        for got, expected in zip(chunked, whole):
            pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert (whole[1]["n_clusters"] < whole[1]["n_articles"]).all()


def test_outlet_interval_agrees_with_scipy_bootstrap():
    cats, arts, events, _ = _many_articles(n=1200, seed=8)
    _, _, outlets = _three_outlets()
    table = compare_outlets(from_frames(cats, arts), outlets, n_resamples=20000, seed=1)
    row = table[(table["outlet"] == "s2") & (table["category"] == "sol")].iloc[0]
    rates = cats[(cats["outlet"] == "s2") & (cats["category"] == "sol")]["rate"].to_numpy()
    ref = sps.bootstrap((rates,), np.mean, n_resamples=20000, method="percentile",
                        random_state=np.random.default_rng(3)).confidence_interval
    se = rates.std(ddof=1) / np.sqrt(len(rates))
    assert row["mean_rate"] == pytest.approx(rates.mean(), rel=1e-12)
    assert row["ci_low"] == pytest.approx(ref.low, abs=0.1 * se)
    assert row["ci_high"] == pytest.approx(ref.high, abs=0.1 * se)
    # with events: whole events are drawn (scipy resamples the clusters' sums and sizes)
    clustered = compare_outlets(from_frames(cats, arts, events=events), outlets, n_resamples=20000, seed=1)
    row = clustered[(clustered["outlet"] == "s2") & (clustered["category"] == "sol")].iloc[0]
    ids = cats[(cats["outlet"] == "s2") & (cats["category"] == "sol")]["id"]
    labels = [events[i] or f"article:{i}" for i in ids]
    codes, _ = pd.factorize(pd.Series(labels))
    sums, sizes = np.bincount(codes, weights=rates), np.bincount(codes).astype(float)
    assert row["n_clusters"] == len(sizes)
    ref = sps.bootstrap((np.arange(len(sizes)),), lambda i, axis=-1: sums[i].sum(axis=axis) / sizes[i].sum(axis=axis),
                        n_resamples=20000, method="percentile", random_state=np.random.default_rng(4)).confidence_interval
    assert row["ci_low"] == pytest.approx(ref.low, abs=0.1 * se)
    assert row["ci_high"] == pytest.approx(ref.high, abs=0.1 * se)


def test_streamed_differences_do_not_depend_on_the_chunks():
    from framelens.compare import differences_stream

    cats, arts, _, weights = _many_articles(n=2600, seed=9)
    _, _, outlets = _three_outlets()
    data = from_frames(cats, arts, weights=weights)
    opts = dict(reference_group="wire", n_resamples=300, n_permutations=300, seed=4, test="auto",
                auto_min_articles=860)  # s1 863, s2 858, w 879 articles: pairs with s2 are shuffled
    whole = differences_stream(lambda: [data], outlets, **opts)
    assert set(whole["test"]) == {"permutation", "asymptotic"}
    bounds = [0, 5, 1023, 1500, 1501, 2600]
    chunked = differences_stream(lambda: [_slice(data, lo, hi) for lo, hi in zip(bounds, bounds[1:])], outlets,
                                 **opts)
    pd.testing.assert_frame_equal(chunked, whole, check_exact=True)
    pd.testing.assert_frame_equal(pairwise_differences(data, outlets, **opts), whole, check_exact=True)


def test_streamed_difference_statistics_agree_with_scipy():
    cats, arts, _, _ = _many_articles(n=1400, seed=10)
    _, _, outlets = _three_outlets()
    table = pairwise_differences(from_frames(cats, arts), outlets, n_resamples=4000, n_permutations=20000, seed=1,
                                 test="permutation")
    row = table[(table["a"] == "s1") & (table["b"] == "w") & (table["category"] == "kin")].iloc[0]
    x = cats[(cats["outlet"] == "s1") & (cats["category"] == "kin")]["rate"].to_numpy()
    y = cats[(cats["outlet"] == "w") & (cats["category"] == "kin")]["rate"].to_numpy()
    assert row["mean_a"] - row["mean_b"] == pytest.approx(x.mean() - y.mean(), rel=1e-10)
    pooled_sd = np.sqrt(((len(x) - 1) * x.var(ddof=1) + (len(y) - 1) * y.var(ddof=1)) / (len(x) + len(y) - 2))
    assert row["cohens_d"] == pytest.approx((x.mean() - y.mean()) / pooled_sd, rel=1e-10)
    ref = sps.permutation_test((x, y), lambda u, v, axis=-1: u.mean(axis=axis) - v.mean(axis=axis),
                               n_resamples=20000, random_state=np.random.default_rng(3)).pvalue
    assert row["p_value"] == pytest.approx(ref, abs=4 * 2 * np.sqrt(2 * (ref / 2) * (1 - ref / 2) / 20000) + 1e-12)
    asym = pairwise_differences(from_frames(cats, arts), outlets, n_resamples=100, seed=1, test="asymptotic")
    z = (x.mean() - y.mean()) / np.sqrt(np.concatenate([x, y]).var() * (len(x) + len(y)) ** 2
                                        / (len(x) * len(y) * (len(x) + len(y) - 1)))
    got = asym[(asym["a"] == "s1") & (asym["b"] == "w") & (asym["category"] == "kin")]["p_value"].iloc[0]
    assert got == pytest.approx(2 * sps.norm.sf(abs(z)), rel=1e-9)


def test_no_scored_articles_give_empty_tables_with_their_columns():
    from framelens.compare import COMPARE_COLUMNS, GROUP_COLUMNS, differences_stream

    _, _, outlets = _three_outlets()
    table, groups, length = compare_stream(lambda: [], outlets)
    assert list(table.columns) == list(COMPARE_COLUMNS) and table.empty
    assert list(groups.columns) == list(GROUP_COLUMNS) and groups.empty and length.empty
    assert differences_stream(lambda: [], outlets).empty
