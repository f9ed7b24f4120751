import pandas as pd
import pytest

from framelens.trends import rates_by_period


def _scores():
    ids = ["a", "b", "c", "d"]
    return pd.DataFrame({"id": ids, "outlet": ["s", "s", "s", "w"], "category": "sol", "count": [1, 3, 2, 0],
                         "rate": [10.0, 30.0, 20.0, 0.0]})


def test_monthly_means_by_hand_and_undated_counted():
    dates = pd.Series({"a": "2024-01-03", "b": "2024-01-30", "c": "2024-02-10", "d": ""})
    table, undated = rates_by_period(_scores(), dates, period="month", n_resamples=200)
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
    table, _ = rates_by_period(_scores(), dates, period="quarter", n_resamples=100)
    assert sorted(set(table["period"])) == ["2024Q1", "2024Q2"]
    assert set(table["period_kind"]) == {"quarter"}
    with pytest.raises(ValueError, match="unknown period 'day'"):
        rates_by_period(_scores(), dates, period="day")
