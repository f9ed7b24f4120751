import numpy as np
import pandas as pd
import pytest

from framelens.compare import compare_outlets, relative_to_corpus


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
    table = compare_outlets(*_scores(), n_resamples=500, seed=1).set_index(["outlet", "category"])
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
    table = compare_outlets(*_scores(), n_resamples=100)
    rel = relative_to_corpus(table)
    # corpus article-mean of sol = (20 + 10 + 0) / 3 = 10 -> s: 15/10, w: 0/10
    assert rel.loc["s", "sol"] == pytest.approx(1.5)
    assert rel.loc["w", "sol"] == 0.0
    kin_mean = (0 + 1000 / 300 + 10) / 3
    assert rel.loc["w", "kin"] == pytest.approx(10 / kin_mean)


def test_category_with_no_hits_anywhere_is_nan_relative():
    cats, arts, outlets = _scores()
    cats.loc[cats["category"] == "kin", ["count", "rate"]] = 0
    rel = relative_to_corpus(compare_outlets(cats, arts, outlets, n_resamples=100))
    assert np.isnan(rel.loc["s", "kin"])
