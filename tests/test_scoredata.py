"""ScoreData: the long scores table as article × category matrices, from pandas and streamed."""

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framelens.scoredata import NotGrouped, from_batches, from_frames

LONG = pd.DataFrame({
    "id": ["b", "b", "a", "c", "a", "é1", "Z"],
    "outlet": ["w", "w", "s", "s", "s", "w", "s"],
    "category": ["kin", "sol", "sol", "kin", "kin", "sol", "kin"],  # c and Z lack "sol"
    "rate": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
    "count": [1, 2, 3, 4, 5, 6, 7],
})


def test_from_frames_equals_pivot_in_order_of_first_appearance():
    order = ["b", "a", "c", "é1", "Z"]  # first row of each article
    for frame in (LONG, LONG.astype({"id": "category", "outlet": "category", "category": "category"})):
        data = from_frames(frame)
        assert data.ids.to_pylist() == order and data.categories == ("kin", "sol")
        expected = LONG.pivot(index="id", columns="category", values="rate").loc[order, ["kin", "sol"]]
        np.testing.assert_array_equal(data.rates, expected.to_numpy())
        assert list(data.counts[1]) == [5.0, 3.0] and np.isnan(data.counts[2, 1])
        assert dict(zip(order, data.outlet())) == {"Z": "s", "a": "s", "b": "w", "c": "s", "é1": "w"}
        assert data.outlets == ["s", "w"]
        assert list(data.rows_of(["s"])) == [1, 2, 4]
    with pytest.raises(ValueError, match="duplicate"):
        from_frames(pd.concat([LONG, LONG.iloc[:1]]))


def test_article_columns_are_aligned_by_id_and_unnamed_rows_get_the_fill():
    data = from_frames(LONG, pd.DataFrame({"id": ["a", "zz", "b"], "n_tokens": [10, 99, 20]}),
                       weights=pd.Series({"c": 0.5}),
                       events=pd.Series({"a": "e1", "b": "", "c": None, "Z": 7, "é1": "e1"}))
    np.testing.assert_array_equal(data.tokens, [20.0, 10.0, np.nan, np.nan, np.nan])
    np.testing.assert_array_equal(data.weights, [1.0, 1.0, 0.5, 1.0, 1.0])
    # "" and missing events are no event: the article is a cluster of its own; 7 is read as text
    assert list(data.clusters(np.arange(5))) == ["article:b", "event:e1", "article:c", "event:e1", "event:7"]
    assert from_frames(LONG).clusters(np.arange(5)) is None
    with pytest.raises(ValueError, match="3 values for 5 articles"):
        data.with_articles(tokens=np.zeros(3))


def _batches(frame: pd.DataFrame, cuts: list[int], columns: list[str]):
    table = pa.Table.from_pandas(frame[columns], preserve_index=False)
    bounds = [0, *sorted(cuts), len(frame)]
    return [table.slice(lo, hi - lo) for lo, hi in zip(bounds, bounds[1:])]


def _assert_same(streamed, framed):
    assert streamed.ids.to_pylist() == framed.ids.to_pylist()
    assert streamed.categories == framed.categories
    assert list(streamed.outlet()) == list(framed.outlet())
    np.testing.assert_array_equal(streamed.rates, framed.rates)
    np.testing.assert_array_equal(streamed.counts, framed.counts)


@st.composite
def _grouped_tables(draw):
    n = draw(st.integers(0, 12))
    categories = ["sol", "kin", "war", "eco"]
    rows = []
    for i in range(n):
        cats = draw(st.lists(st.sampled_from(categories), min_size=1, max_size=4, unique=True))
        outlet = draw(st.sampled_from(["s", "w", "x"]))
        article = f"id{draw(st.integers(0, 3))}-{i}"  # unsorted ids
        for cat in cats:
            count = draw(st.integers(0, 5))
            rows.append({"id": article, "outlet": outlet, "category": cat,
                         "count": count, "rate": count * 2.5})
    frame = pd.DataFrame(rows, columns=["id", "outlet", "category", "count", "rate"])
    cuts = draw(st.lists(st.integers(0, len(frame)), max_size=5))  # repeated cuts give empty batches
    return frame, cuts


@settings(max_examples=150, deadline=None)
@given(_grouped_tables())
def test_streamed_matrices_equal_the_pandas_ones_whatever_the_batches(case):
    frame, cuts = case
    streamed = from_batches(_batches(frame, cuts, ["id", "outlet", "category"]),
                            _batches(frame, cuts[::-1], ["id", "category", "rate", "count"]))
    _assert_same(streamed, from_frames(frame.astype({"count": int})))


def test_streamed_refuses_ungrouped_rows_and_duplicates():
    interleaved = LONG.iloc[[2, 0, 4]]  # a, b, a: a's rows are not next to each other
    with pytest.raises(NotGrouped):
        from_batches(_batches(interleaved, [1], ["id", "outlet", "category"]),
                     _batches(interleaved, [1], ["id", "category", "rate", "count"]))
    twice = LONG.iloc[[0, 0, 2]]  # b's "kin" row twice, in a row
    with pytest.raises(ValueError, match="duplicate"):
        from_batches(_batches(twice, [1], ["id", "outlet", "category"]),
                     _batches(twice, [1], ["id", "category", "rate", "count"]))
    with pytest.raises(ValueError, match="'rate' and optionally 'count'"):
        from_frames(LONG, values=("count",))
