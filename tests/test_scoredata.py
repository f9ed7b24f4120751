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


def test_cli_comparisons_read_streamed_or_whole_the_same_tables(tmp_path):
    """compare, differences and trends on a scores file of many row groups (an article's rows cut
    across them) equal the comparisons of the same table in pandas; a file whose rows are not
    grouped by article (read whole instead) gives the same bytes."""
    import pyarrow.parquet as pq

    from framelens.cli import main
    from framelens.compare import compare_groups, compare_outlets, pairwise_differences
    from framelens.trends import parse_dates, rates_by_period

    rng = np.random.default_rng(8)
    n = 60
    ids = [f"art{i:03d}" for i in rng.permutation(n)]
    outlet = rng.choice(["s1", "s2", "w"], n)
    counts = rng.poisson(2.0, (n, 2))
    tokens = rng.integers(50, 400, n)
    long = pd.DataFrame({
        "id": np.repeat(ids, 2), "outlet": np.repeat(outlet, 2), "category": ["sol", "kin"] * n,
        "count": counts.ravel(), "rate": (1000 * counts / tokens[:, None]).ravel(),
    })
    dates = [f"2024-0{1 + i % 3}-1{i % 9}" for i in range(n)]
    corpus = pd.DataFrame({"id": ids, "date": dates, "weight": np.where(np.arange(n) % 5 == 0, 0.5, 1.0)})
    outlets = pd.DataFrame({"outlet": ["s1", "s2", "w"], "name": ["S1", "S2", "W"], "group": ["state", "state", "wire"],
                            "country": "", "language": "en", "color": "#000000"})
    outlets.to_csv(tmp_path / "outlets.csv", index=False)
    pq.write_table(pa.Table.from_pandas(corpus, preserve_index=False), tmp_path / "corpus.parquet")
    pq.write_table(pa.Table.from_pandas(pd.DataFrame({"id": ids, "n_tokens": tokens}), preserve_index=False),
                   tmp_path / "arts.parquet")
    interleaved = pd.concat([long.iloc[0::2], long.iloc[1::2]])  # every article's second row comes later
    for name, frame in (("grouped", long), ("interleaved", interleaved)):
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), tmp_path / f"{name}.parquet",
                       row_group_size=7)

    def run(name: str) -> dict[str, pd.DataFrame]:
        common = ["--categories", str(tmp_path / f"{name}.parquet"), "--corpus", str(tmp_path / "corpus.parquet"),
                  "--n-resamples", "200", "--seed", "3"]
        scored = [*common, "--article-scores", str(tmp_path / "arts.parquet"), "--outlets", str(tmp_path / "outlets.csv")]
        out = {k: tmp_path / f"{name}_{k}.csv" for k in ("outlets", "groups", "diffs", "trends")}
        assert main(["compare", *scored, "--out", str(out["outlets"]), "--groups-out", str(out["groups"])]) == 0
        assert main(["differences", *scored, "--n-permutations", "200", "--out", str(out["diffs"])]) == 0
        assert main(["trends", *common, "--out", str(out["trends"])]) == 0
        return {k: pd.read_csv(p, keep_default_na=False).drop(columns=["lexicon", "lexicon_version", "lexicon_sha256"], errors="ignore")
                for k, p in out.items()}

    grouped, interleaved_run = run("grouped"), run("interleaved")
    for key in grouped:
        pd.testing.assert_frame_equal(grouped[key], interleaved_run[key])
    data = from_frames(long, pd.DataFrame({"id": ids, "n_tokens": tokens}),
                       weights=corpus.set_index("id")["weight"],
                       dates=pd.Series(parse_dates(dates), index=ids))
    expected = {
        "outlets": compare_outlets(data, outlets, n_resamples=200, seed=3),
        "groups": compare_groups(data, outlets, n_resamples=200, seed=3),
        "diffs": pairwise_differences(data, outlets, n_resamples=200, n_permutations=200, seed=3),
        "trends": rates_by_period(data, n_resamples=200, seed=3)[0],
    }
    for key, table in expected.items():
        got = grouped[key]
        for column in table.columns:
            if table[column].dtype.kind == "f":
                np.testing.assert_allclose(got[column], table[column], rtol=1e-12, err_msg=f"{key}.{column}")
            else:
                assert got[column].fillna("").astype(str).tolist() == table[column].astype(str).tolist(), (key, column)
    assert (grouped["outlets"]["mean_rate"] != compare_outlets(
        from_frames(long, pd.DataFrame({"id": ids, "n_tokens": tokens})), outlets, n_resamples=200,
        seed=3)["mean_rate"]).any()  # the weights reached the outlet means
    unweighted = from_frames(long, pd.DataFrame({"id": ids, "n_tokens": tokens}),
                             dates=pd.Series(parse_dates(dates), index=ids))
    assert (grouped["diffs"]["mean_a"] != pairwise_differences(  # ... the differences
        unweighted, outlets, n_resamples=200, n_permutations=200, seed=3)["mean_a"]).any()
    assert (grouped["trends"]["mean_rate"] != rates_by_period(  # ... and the trends
        unweighted, n_resamples=200, seed=3)[0]["mean_rate"]).any()


# --------------------------------------------------------------------------- streamed chunks
from framelens.scoredata import NotSorted, categories_in_order, iter_chunks  # noqa: E402
from framelens.trends import parse_dates  # noqa: E402


def _slices(frame: pd.DataFrame, size: int):
    table = pa.Table.from_pandas(frame, preserve_index=False)
    return [table.slice(lo, size) for lo in range(0, max(len(frame), 1), size)]


def _sorted_tables(seed: int, n: int, gaps: bool = True):
    rng = np.random.default_rng(seed)
    outlet = rng.choice(["s1", "s2", "w"], n)
    ids = np.array([f"a{i:03d}" for i in rng.permutation(n)])
    order = np.lexsort((ids, outlet))
    outlet, ids = outlet[order], ids[order]
    rows = [(i, o, c) for i, o in zip(ids, outlet) for c in ("sol", "kin", "eco")
            if not gaps or rng.random() > 0.2]
    long = pd.DataFrame(rows, columns=["id", "outlet", "category"])
    long["count"] = rng.poisson(2.0, len(long))
    long["rate"] = long["count"] * 3.5
    scored = np.unique(long["id"])
    arts = pd.DataFrame({"id": ids, "outlet": outlet, "n_tokens": rng.integers(50, 400, n)})
    if gaps:
        arts = arts[rng.random(n) > 0.1]  # some articles without n_tokens
    extra = pd.DataFrame({"id": ["a999"], "outlet": ["s1"], "weight": [0.25], "event": ["e9"], "date": ["2024-05-06"]})
    corpus = pd.DataFrame({"id": ids, "outlet": outlet, "weight": rng.choice([1.0, 0.5], n),
                           "event": rng.choice(["e1", "e2", "", None], n),
                           "date": rng.choice(["2024-01-02", "2024-03-04", "", "not a date"], n)})
    corpus = pd.concat([corpus, extra]).sort_values(["outlet", "id"])  # an article that was not scored
    return long, arts, corpus, scored


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 40), sizes=st.tuples(*[st.integers(1, 9)] * 3))
def test_chunks_concatenated_equal_the_whole_table(seed, n, sizes):
    long, arts, corpus, _ = _sorted_tables(seed, n)
    categories = categories_in_order(_slices(long, 4))
    chunks = list(iter_chunks(_slices(long, sizes[0]), categories=categories, articles=_slices(arts, sizes[1]),
                              corpus=_slices(corpus, sizes[2]), event_column="event", weights=True, dates=True))
    whole = from_frames(long, arts, weights=corpus.set_index("id")["weight"], events=corpus.set_index("id")["event"],
                        dates=pd.Series(parse_dates(corpus["date"].tolist()), index=corpus["id"]))
    assert sum(len(c) for c in chunks) == len(whole)
    assert [i for c in chunks for i in c.ids.to_pylist()] == whole.ids.to_pylist()
    assert [o for c in chunks for o in c.outlet()] == list(whole.outlet())
    assert categories == whole.categories
    for name in ("rates", "counts", "tokens", "weights", "dates"):
        # (no chunk at all when every score row was left out: the whole table is empty too)
        np.testing.assert_array_equal(np.concatenate([getattr(c, name) for c in chunks] + [getattr(whole, name)[:0]]),
                                      getattr(whole, name))

    def event_names(data):
        return [data.event_names[c] if c >= 0 else None for c in data.events]

    assert [e for c in chunks for e in event_names(c)] == event_names(whole)


def test_chunks_refuse_tables_out_of_order():
    long, arts, corpus, _ = _sorted_tables(3, 30)
    categories = categories_in_order([pa.Table.from_pandas(long)])
    shuffled = corpus.sample(frac=1, random_state=1)
    with pytest.raises(NotSorted, match="corpus table is not in"):
        list(iter_chunks(_slices(long, 5), categories=categories, corpus=_slices(shuffled, 5), weights=True))
    backwards = long.iloc[::-1]
    with pytest.raises(NotSorted, match="scores table is not in"):
        list(iter_chunks(_slices(backwards, 5), categories=categories))
    with pytest.raises(ValueError, match="duplicate"):
        list(iter_chunks(_slices(pd.concat([long.iloc[:1], long]), 5), categories=categories))


def test_cli_compare_streamed_equals_compare_of_the_whole_table(tmp_path, capsys):
    """``compare`` on tables in (outlet, id) order streams them; the same tables read whole (the route
    of ``--differences-out``, and of tables in another order) give the same bytes."""
    import pyarrow.parquet as pq

    from framelens.cli import main

    long, arts, corpus, _ = _sorted_tables(11, 300, gaps=False)  # as the scoring step writes them
    outlets = pd.DataFrame({"outlet": ["s1", "s2", "w"], "name": ["S1", "S2", "W"],
                            "group": ["state", "state", "wire"], "country": "", "language": "en",
                            "color": "#000000"})
    outlets.to_csv(tmp_path / "outlets.csv", index=False)
    for name, frame in (("long", long), ("arts", arts), ("corpus", corpus),
                        ("shuffled", corpus.sample(frac=1, random_state=2))):
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), tmp_path / f"{name}.parquet",
                       row_group_size=37)

    def run(tag: str, corpus_name: str, *extra: str) -> dict[str, bytes]:
        out = {k: tmp_path / f"{tag}_{k}.csv" for k in ("outlets", "groups", "length", "warnings")}
        assert main(["compare", "--categories", str(tmp_path / "long.parquet"),
                     "--article-scores", str(tmp_path / "arts.parquet"), "--outlets", str(tmp_path / "outlets.csv"),
                     "--corpus", str(tmp_path / f"{corpus_name}.parquet"), "--event-column", "event",
                     "--n-resamples", "300", "--seed", "4", "--out", str(out["outlets"]),
                     "--groups-out", str(out["groups"]), "--length-out", str(out["length"]),
                     "--warnings-out", str(out["warnings"]), *extra]) == 0
        return {k: p.read_bytes() for k, p in out.items()}

    def trends(tag: str, corpus_name: str) -> bytes:
        out = tmp_path / f"{tag}_trends.csv"
        assert main(["trends", "--categories", str(tmp_path / "long.parquet"), "--corpus",
                     str(tmp_path / f"{corpus_name}.parquet"), "--event-column", "event", "--n-resamples", "300",
                     "--out", str(out)]) == 0
        return out.read_bytes()

    def differences(tag: str, corpus_name: str) -> bytes:
        out = tmp_path / f"{tag}_differences.csv"
        assert main(["differences", "--categories", str(tmp_path / "long.parquet"), "--article-scores",
                     str(tmp_path / "arts.parquet"), "--outlets", str(tmp_path / "outlets.csv"), "--corpus",
                     str(tmp_path / f"{corpus_name}.parquet"), "--n-resamples", "300", "--n-permutations", "300",
                     "--auto-min-articles", "100", "--reference-group", "wire", "--out", str(out)]) == 0
        return out.read_bytes()

    assert differences("streamed", "corpus") == differences("fallback", "shuffled")
    err = capsys.readouterr().err
    assert err.count("reading the scores whole") == 1 and "pairs permutation" in err and "pairs asymptotic" in err
    assert trends("streamed", "corpus") == trends("fallback", "shuffled")
    err = capsys.readouterr().err
    assert err.count("reading the scores whole") == 1 and "2 months, " in err
    streamed = run("streamed", "corpus")
    assert "reading the scores whole" not in capsys.readouterr().err
    whole = run("whole", "corpus", "--differences-out", str(tmp_path / "diffs.csv"))
    fallback = run("fallback", "shuffled")
    assert "corpus table is not in (outlet, id) order; reading the scores whole" in capsys.readouterr().err
    assert streamed == whole == fallback
    table = pd.read_csv(tmp_path / "streamed_groups.csv")
    assert (table["n_clusters"] < table["n_articles"]).all()  # the events reached the bootstrap
