import numpy as np
import pandas as pd
import pytest

from framelens.errors import ConfigError
from framelens.syndication import (
    apply_policy, find_clusters, jaccard, republished_by_outlet, shingles, singletons,
)

BASE = ("the ministry said the new agreement on trade and energy would take effect next month "
        "after two years of talks between the delegations of both countries in the capital")
EDIT = BASE.replace("next month", "in june")  # 3 of 28 tokens changed
OTHER = ("heavy rain flooded the lower town on friday and the river rose above the old bridge "
         "while volunteers carried sandbags to the school")


def test_shingles_and_jaccard_by_hand():
    assert shingles("A b c d", size=2) == {"a b", "b c", "c d"}
    assert shingles("A b", size=3) == {"a b"} and shingles("...", size=3) == frozenset()
    a, b = shingles("a b c d", size=2), shingles("a b c e", size=2)  # {ab, bc, cd} vs {ab, bc, ce}
    assert jaccard(a, b) == pytest.approx(2 / 4)
    assert jaccard(frozenset(), frozenset()) == 0.0


def frame():
    return pd.DataFrame({
        "id": ["h1", "s1", "s2", "w1", "x1"],
        "outlet": ["hub", "state", "state", "wire", "hub"],
        "date": ["2024-03-02", "2024-03-01", "2024-03-05", None, "2024-03-01"],
        "text": [BASE, BASE, OTHER, EDIT, "short unrelated note about the weather in spring"],
    })


def test_clusters_origin_earliest_and_exact_jaccard():
    art = frame()
    syn = find_clusters(art["id"], art["outlet"], art["date"], art["text"], threshold=0.5, shingle_size=3)
    m = syn.members.set_index("id")
    assert m.loc[["h1", "s1", "w1"], "cluster"].tolist() == ["s1"] * 3  # s1 dated earliest
    assert m.loc[["h1", "s1", "w1"], "is_copy"].tolist() == [True, False, True]
    assert m.loc["s2", "cluster_size"] == 1 and m.loc["x1", "origin_id"] == "x1"
    expected = jaccard(shingles(EDIT, size=3), shingles(BASE, size=3))
    assert m.loc["w1", "jaccard_to_origin"] == pytest.approx(expected) and 0.5 < expected < 1
    assert m.loc["h1", "jaccard_to_origin"] == 1.0


def test_threshold_above_similarity_separates():
    art = frame()
    sim = jaccard(shingles(EDIT, size=3), shingles(BASE, size=3))
    syn = find_clusters(art["id"], art["outlet"], art["date"], art["text"], threshold=min(1.0, sim + 0.05),
                        shingle_size=3)
    m = syn.members.set_index("id")
    assert m.loc["w1", "cluster_size"] == 1 and m.loc["h1", "cluster"] == "s1"


def test_tie_on_date_broken_by_outlet_then_id_and_undated_last():
    ids, outlets = ["b2", "a9", "a1"], ["zeta", "alpha", "alpha"]
    syn = find_clusters(ids, outlets, ["2024-01-01"] * 3, [BASE] * 3, shingle_size=3)
    assert set(syn.members["origin_id"]) == {"a1"}
    syn = find_clusters(ids, outlets, [None, None, "2024-05-01"], [BASE] * 3, shingle_size=3)
    assert set(syn.members["origin_id"]) == {"a1"}
    syn = find_clusters(ids, outlets, [None, "2024-05-02", "2024-05-01"], [BASE] * 3, shingle_size=3)
    assert set(syn.members["origin_id"]) == {"a1"}


def test_deterministic_and_order_independent():
    art = frame()
    one = find_clusters(art["id"], art["outlet"], art["date"], art["text"], shingle_size=3).members
    rev = art.iloc[::-1]
    two = find_clusters(rev["id"], rev["outlet"], rev["date"], rev["text"], shingle_size=3).members
    pd.testing.assert_frame_equal(one.set_index("id").sort_index(), two.set_index("id").sort_index())


@pytest.mark.parametrize("policy, kept, weights", [
    ("keep_all", ["h1", "s1", "s2", "w1", "x1"], [1, 1, 1, 1, 1]),
    ("origin_only", ["s1", "s2", "x1"], [1, 1, 1]),
    ("weight", ["h1", "s1", "s2", "w1", "x1"], [1 / 3, 1 / 3, 1, 1 / 3, 1]),
])
def test_policies(policy, kept, weights):
    art = frame()
    syn = find_clusters(art["id"], art["outlet"], art["date"], art["text"], shingle_size=3)
    out, table = apply_policy(art, syn, policy=policy)
    assert out["id"].tolist() == kept
    assert np.allclose(out["weight"], weights)
    if policy == "weight":  # each cluster sums to one article
        assert out.groupby("cluster")["weight"].sum().tolist() == pytest.approx([1.0] * 3)
    assert table["id"].tolist() == ["s1", "h1", "w1"]  # origin first, then by date (undated last)
    assert table["kept"].tolist() == [True, policy != "origin_only", policy != "origin_only"]
    assert table["origin_outlet"].unique().tolist() == ["state"]
    assert len(art) == 5 and "weight" not in art.columns  # input not mutated


def test_republished_share_by_outlet():
    art = frame()
    syn = find_clusters(art["id"], art["outlet"], art["date"], art["text"], shingle_size=3)
    marked, _ = apply_policy(art, syn, policy="keep_all")
    share = republished_by_outlet(marked).set_index("outlet")
    assert share.loc["hub", ["n_articles", "n_copies", "copies_of_other_outlets"]].tolist() == [2, 1, 1]
    assert share.loc["hub", "share_copies"] == 0.5
    assert share.loc["state", ["n_copies", "originals_republished"]].tolist() == [0, 1]
    assert share.loc["wire", "share_copies"] == 1.0


def test_within_outlet_copy_counts_as_within():
    syn = find_clusters(["a", "b"], ["o", "o"], ["2024-01-01", "2024-01-02"], [BASE, BASE], shingle_size=3)
    marked, _ = apply_policy(pd.DataFrame({"id": ["a", "b"], "outlet": ["o", "o"],
                                           "date": ["2024-01-01", "2024-01-02"], "text": [BASE, BASE]}),
                             syn, policy="keep_all")
    share = republished_by_outlet(marked).iloc[0]
    assert (share["n_copies"], share["copies_within_outlet"], share["copies_of_other_outlets"]) == (1, 1, 0)


def test_singletons_and_errors():
    assert singletons(["a", "b"]).members["cluster_size"].tolist() == [1, 1]
    with pytest.raises(ConfigError, match="threshold must be in"):
        find_clusters(["a"], ["o"], [None], ["x"], threshold=0)
    with pytest.raises(ConfigError, match="policy must be one of"):
        apply_policy(frame(), singletons(frame()["id"]), policy="drop")
    with pytest.raises(ValueError, match="unique"):
        find_clusters(["a", "a"], ["o", "o"], [None, None], ["x", "y"])


def test_same_day_aggregator_copy_is_not_the_origin():
    ids, dates = ["hub-1", "agency-1"], ["2024-01-01", "2024-01-01"]
    # alphabetically "agency" < "hub" already; make the aggregator sort first to see the rule work
    syn = find_clusters(ids, ["aaa_hub", "agency"], dates, [BASE] * 2, shingle_size=3)
    assert set(syn.members["origin_id"]) == {"hub-1"}
    syn = find_clusters(ids, ["aaa_hub", "agency"], dates, [BASE] * 2, shingle_size=3, late_outlets=["aaa_hub"])
    assert set(syn.members["origin_id"]) == {"agency-1"}
    # an earlier date still wins over the aggregator rule
    syn = find_clusters(ids, ["aaa_hub", "agency"], ["2023-12-31", "2024-01-01"], [BASE] * 2, shingle_size=3,
                        late_outlets=["aaa_hub"])
    assert set(syn.members["origin_id"]) == {"hub-1"}
