import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score

from framelens.classify import build_text_classifier
from framelens.distinct import (
    CvGroups, confusion_table, cv_groups, date_blocks, evaluate_distinctiveness, grouped_folds,
    indicative_terms,
)
from framelens.errors import ConfigError


def test_grouped_folds_never_put_one_group_on_both_sides():
    rng = np.random.default_rng(0)
    groups = np.array([f"e{i}" for i in rng.integers(0, 13, size=120)], dtype=object)
    y = np.array(["a", "b", "c"] * 40, dtype=object)
    splits = grouped_folds(y, groups, folds=5, seed=3)
    assert len(splits) == 5
    seen_test = []
    for train, test in splits:
        assert not set(groups[train]) & set(groups[test])
        seen_test.extend(test.tolist())
    assert sorted(seen_test) == list(range(120))  # every article tested exactly once


def test_fewer_groups_than_folds_and_single_group():
    assert len(grouped_folds(["a", "b", "a", "b"], ["x", "x", "y", "y"], folds=5, seed=0)) == 2
    with pytest.raises(ConfigError, match="at least 2 groups"):
        grouped_folds(["a", "b"], ["x", "x"], folds=5, seed=0)


def test_date_blocks_and_fallback():
    blocks = date_blocks(["2024-01-01", "2024-01-30", "2024-01-31", None], days=30)
    assert blocks.tolist() == ["block0000", "block0000", "block0001", "undated"]
    arts = pd.DataFrame({"event_id": ["e1", None, "e2"], "date": ["2024-01-01", "2024-03-01", "2024-05-01"]})
    assert cv_groups(arts, group_column="event_id", date_block_days=30).kind == "date_blocks:30"
    assert cv_groups(arts.fillna("e3"), group_column="event_id").kind == "column:event_id"
    with pytest.raises(ConfigError, match="cannot build 2 groups"):
        cv_groups(arts.assign(date=None), group_column="nope")


def test_confusion_table_matches_sklearn():
    truth = ["a", "a", "b", "c", "c", "c"]
    pred = ["a", "b", "b", "c", "a", "c"]
    table = confusion_table(truth, pred, classes=["a", "b", "c"])
    matrix = table.pivot(index="truth", columns="predicted", values="n").to_numpy()
    assert (matrix == confusion_matrix(truth, pred, labels=["a", "b", "c"])).all()
    assert table.set_index(["truth", "predicted"]).at[("c", "c"), "share"] == pytest.approx(2 / 3)


def _corpus():
    texts, y, groups = [], [], []
    for e in range(8):
        story = f"story{e} minister{e} harbour{e}"
        texts += [f"{story} brotherly solidarity heroic people", f"{story} the regime propaganda critics said",
                  f"{story} officials said on monday according to sources"]
        y += ["state", "exile", "wire"]
        groups += [f"e{e}"] * 3
    return texts, np.array(y, dtype=object), np.array(groups, dtype=object)


def test_evaluate_distinctiveness_scores_match_sklearn_on_its_own_predictions():
    texts, y, groups = _corpus()
    est = build_text_classifier(seed=0)
    res = evaluate_distinctiveness([f"d{i}" for i in range(len(y))], texts, y, CvGroups(groups, "column:e"),
                                   estimator=est, folds=4, seed=0, n_resamples=200)
    scores = res.scores.set_index("split")
    for split in ("grouped", "random", "majority"):
        pred = res.predictions[split].astype(str)
        assert scores.at[split, "accuracy"] == pytest.approx(accuracy_score(y.astype(str), pred))
        assert scores.at[split, "macro_f1"] == pytest.approx(
            f1_score(y.astype(str), pred, average="macro", labels=sorted(set(y)), zero_division=0))
    assert scores.at["grouped", "accuracy"] == 1.0  # style words survive unseen stories
    assert scores.at["majority", "accuracy"] == pytest.approx(1 / 3, abs=0.2)
    terms = indicative_terms(est, texts, y, top=3)
    assert set(terms[terms["label"] == "exile"]["term"]) & {"regime", "propaganda", "critics"}
