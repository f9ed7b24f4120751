import pandas as pd
import pytest

from framelens.scoredata import from_frames
from framelens.trends import parse_dates, rates_by_period


def _scores():
    ids = ["a", "b", "c", "d"]
    return pd.DataFrame({"id": ids, "outlet": ["s", "s", "s", "w"], "category": "sol", "count": [1, 3, 2, 0],
                         "rate": [10.0, 30.0, 20.0, 0.0]})


def _dated(dates: pd.Series):
    return from_frames(_scores(), dates=pd.Series(parse_dates(dates.tolist()), index=dates.index))


def test_monthly_means_by_hand_and_undated_counted():
    dates = pd.Series({"a": "2024-01-03", "b": "2024-01-30", "c": "2024-02-10", "d": ""})
    table, undated = rates_by_period(_dated(dates), period="month", n_resamples=200)
    assert undated == 1
    rows = table.set_index(["outlet", "period"])
    assert rows.loc[("s", "2024-01"), "mean_rate"] == pytest.approx(20.0)
    assert rows.loc[("s", "2024-01"), "n_articles"] == 2
    assert rows.loc[("s", "2024-01"), "period_start"] == "2024-01-01"
    assert 10.0 <= rows.loc[("s", "2024-01"), "ci_low"] <= rows.loc[("s", "2024-01"), "ci_high"] <= 30.0
    assert (rows.loc[("s", "2024-02"), "ci_low"], rows.loc[("s", "2024-02"), "ci_high"]) == (20.0, 20.0)
    assert "w" not in set(table["outlet"])


def test_quarters_and_bad_period():
    dates = pd.Series({"a": "2024-01-03", "b": "2024-03-30", "c": "2024-04-10", "d": "2024-05-01"})
    table, _ = rates_by_period(_dated(dates), period="quarter", n_resamples=100)
    assert sorted(set(table["period"])) == ["2024Q1", "2024Q2"]
    assert set(table["period_kind"]) == {"quarter"}
    with pytest.raises(ValueError, match="unknown period 'day'"):
        rates_by_period(_dated(dates), period="day")
    with pytest.raises(ValueError, match="need each article's date"):
        rates_by_period(from_frames(_scores()))


def test_dates_parse_as_iso_and_bad_ones_are_missing():
    parsed = parse_dates(["2024-03-05", "", None, "not a date", "2024-03-05T10:00:00"])
    assert list(parsed.astype("datetime64[D]").astype(str)) == ["2024-03-05", "NaT", "NaT", "NaT", "2024-03-05"]


def test_weighted_trends_count_a_syndicated_pair_once():
    # a and b are one story published twice (weight 1/2 each); c is alone
    dates = pd.Series({"a": "2024-01-03", "b": "2024-01-05", "c": "2024-01-30", "d": ""})
    data = from_frames(_scores(), dates=pd.Series(parse_dates(dates.tolist()), index=dates.index),
                       weights=pd.Series({"a": 0.5, "b": 0.5, "c": 1.0, "d": 1.0}))
    table, _ = rates_by_period(data, period="month", n_resamples=400)
    row = table.set_index(["outlet", "period"]).loc[("s", "2024-01")]
    # by hand: (0.5·10 + 0.5·30 + 1·20) / 2 = 20; unweighted it would be 20 too, so shift c
    assert row["mean_rate"] == pytest.approx(20.0) and row["n_articles"] == 3
    scores = _scores().assign(rate=[10.0, 30.0, 50.0, 0.0])
    data = from_frames(scores, dates=pd.Series(parse_dates(dates.tolist()), index=dates.index),
                       weights=pd.Series({"a": 0.5, "b": 0.5, "c": 1.0, "d": 1.0}))
    row = rates_by_period(data, period="month", n_resamples=400)[0].set_index(["outlet", "period"]).loc[("s", "2024-01")]
    assert row["mean_rate"] == pytest.approx((0.5 * 10 + 0.5 * 30 + 50) / 2)  # 35, not the unweighted 30
    assert 10.0 <= row["ci_low"] <= 35.0 <= row["ci_high"] <= 50.0


def test_streamed_trends_do_not_depend_on_the_chunks_and_match_scipy():
    from dataclasses import replace

    import numpy as np
    from scipy import stats as sps

    from framelens.trends import trends_stream

    rng = np.random.default_rng(3)
    n = 1500
    ids = [f"x{i:05d}" for i in range(n)]
    outlet = np.sort(rng.choice(["s", "w"], n))
    counts = rng.poisson(2.0, (n, 2))
    cats = pd.DataFrame({"id": np.repeat(ids, 2), "outlet": np.repeat(outlet, 2), "category": ["sol", "kin"] * n,
                         "count": counts.ravel(), "rate": (10.0 * counts).ravel()})
    dates = pd.Series(rng.choice(["2024-01-05", "2024-02-11", "2024-03-30", ""], n), index=ids)
    events = pd.Series(np.where(rng.random(n) < 0.5, [f"e{j}" for j in rng.integers(0, 200, n)], ""), index=ids)
    weights = pd.Series(rng.choice([1.0, 0.5], n), index=ids)
    data = from_frames(cats, dates=pd.Series(parse_dates(dates.tolist()), index=ids), events=events, weights=weights)

    def piece(lo, hi):
        cut = slice(lo, hi)
        return replace(data, ids=data.ids.slice(lo, hi - lo), outlet_codes=data.outlet_codes[cut],
                       rates=data.rates[cut], dates=data.dates[cut], events=data.events[cut],
                       weights=data.weights[cut])

    whole, undated = trends_stream(lambda: [data], n_resamples=300, seed=5)
    bounds = [0, 1, 400, 1023, 1024, 1100, n]
    chunked, undated_chunked = trends_stream(lambda: [piece(lo, hi) for lo, hi in zip(bounds, bounds[1:])],
                                             n_resamples=300, seed=5)
    pd.testing.assert_frame_equal(chunked, whole, check_exact=True)
    assert undated == undated_chunked == (dates == "").sum()
    # unweighted, without events: one cell's interval against scipy's bootstrap of its rates
    plain = from_frames(cats, dates=pd.Series(parse_dates(dates.tolist()), index=ids))
    table, _ = rates_by_period(plain, n_resamples=20000, seed=1)
    row = table[(table["outlet"] == "w") & (table["period"] == "2024-02") & (table["category"] == "sol")].iloc[0]
    members = [i for i, o in zip(ids, outlet) if o == "w" and dates[i] == "2024-02-11"]
    rates = cats[cats["id"].isin(members) & (cats["category"] == "sol")]["rate"].to_numpy()
    ref = sps.bootstrap((rates,), np.mean, n_resamples=20000, method="percentile",
                        random_state=np.random.default_rng(2)).confidence_interval
    se = rates.std(ddof=1) / np.sqrt(len(rates))
    assert row["n_articles"] == len(rates) and row["mean_rate"] == pytest.approx(rates.mean(), rel=1e-12)
    assert row["ci_low"] == pytest.approx(ref.low, abs=0.1 * se)
    assert row["ci_high"] == pytest.approx(ref.high, abs=0.1 * se)
