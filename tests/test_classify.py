import numpy as np
import pandas as pd
import pytest
from sklearn.calibration import calibration_curve
from sklearn.metrics import brier_score_loss, f1_score, precision_recall_fscore_support

from framelens.classify import (
    article_frame_shares, build_frame_classifier, calibration_table, f1_from_counts, label_metrics,
    out_of_fold_proba, outlet_frame_shares, parse_annotations, stratify_key,
)
from framelens.errors import AnnotationError

# Hand-made multi-label predictions: 6 sentences x 3 labels.
Y_TRUE = np.array([[1, 0, 0], [1, 1, 0], [0, 1, 0], [0, 0, 0], [0, 0, 1], [1, 0, 1]])
Y_PRED = np.array([[1, 0, 0], [0, 1, 0], [0, 1, 1], [0, 0, 0], [0, 0, 1], [1, 1, 0]])
LABELS = ["a", "b", "c"]


def test_label_metrics_match_sklearn():
    m = label_metrics(Y_TRUE, Y_PRED, LABELS, n_resamples=200).set_index("label")
    p, r, f, s = precision_recall_fscore_support(Y_TRUE, Y_PRED, zero_division=0)
    assert m.loc[LABELS, "precision"].tolist() == pytest.approx(p.tolist())
    assert m.loc[LABELS, "recall"].tolist() == pytest.approx(r.tolist())
    assert m.loc[LABELS, "f1"].tolist() == pytest.approx(f.tolist())
    assert m.loc[LABELS, "support"].tolist() == s.tolist()
    assert m.at["micro", "f1"] == pytest.approx(f1_score(Y_TRUE, Y_PRED, average="micro"))
    assert m.at["macro", "f1"] == pytest.approx(f1_score(Y_TRUE, Y_PRED, average="macro"))
    # label a by hand: tp 2 (rows 0, 5), fp 0, fn 1 (row 1) -> P 1, R 2/3, F1 0.8
    assert (m.at["a", "precision"], m.at["a", "recall"], m.at["a", "f1"]) == pytest.approx((1, 2 / 3, 0.8))
    for lab in [*LABELS, "micro", "macro"]:
        assert m.at[lab, "f1_low"] <= m.at[lab, "f1"] + 1e-12 or lab == "macro"
        assert 0 <= m.at[lab, "f1_low"] <= m.at[lab, "f1_high"] <= 1


def test_zero_division_is_zero_like_sklearn():
    assert [float(v) for v in f1_from_counts(0, 0, 0)] == [0.0, 0.0, 0.0]
    y_true, y_pred = np.array([[0, 1], [0, 1]]), np.array([[0, 1], [0, 0]])
    m = label_metrics(y_true, y_pred, ["x", "y"], n_resamples=100).set_index("label")
    assert m.at["x", "f1"] == f1_score(y_true[:, 0], y_pred[:, 0], zero_division=0) == 0.0


def test_bootstrap_interval_is_reproducible_and_narrows_with_more_rows():
    a = label_metrics(Y_TRUE, Y_PRED, LABELS, n_resamples=300, seed=4)
    b = label_metrics(Y_TRUE, Y_PRED, LABELS, n_resamples=300, seed=4)
    pd.testing.assert_frame_equal(a, b)
    big = label_metrics(np.tile(Y_TRUE, (20, 1)), np.tile(Y_PRED, (20, 1)), LABELS, n_resamples=300, seed=4)
    width = lambda t: (t["f1_high"] - t["f1_low"]).to_numpy()  # noqa: E731
    assert (width(big)[:3] < width(a)[:3]).all()


def test_calibration_table_matches_sklearn_curve_and_brier():
    y = np.array([[0], [0], [1], [1], [1], [0], [1], [0]])
    p = np.array([[0.05], [0.15], [0.18], [0.55], [0.62], [0.68], [0.91], [0.35]])
    table = calibration_table(y, p, ["x"], n_bins=5)
    sub = table[table["label"] == "x"]
    observed, predicted = calibration_curve(y[:, 0], p[:, 0], n_bins=5, strategy="uniform")
    assert sub["observed"].tolist() == pytest.approx(observed.tolist())
    assert sub["mean_predicted"].tolist() == pytest.approx(predicted.tolist())
    assert sub["brier"].iloc[0] == pytest.approx(brier_score_loss(y[:, 0], p[:, 0]))
    assert sub["n"].sum() == 8 and set(table["label"]) == {"x", "all"}


def test_parse_annotations_builds_indicators_and_names_bad_rows():
    frame = pd.DataFrame({"id": ["1", "2", "3"], "text": ["x y", "z", "w"],
                          "labels": ["a;b", "none", "b"]})
    ann = parse_annotations(frame, labels=["a", "b"])
    assert ann.y.tolist() == [[1, 1], [0, 0], [0, 1]]
    bad = frame.assign(labels=["a;none", "", "q"])
    with pytest.raises(AnnotationError, match=r"row 1 \(id 1\): 'none' combined") as err:
        parse_annotations(bad, labels=["a", "b"])
    assert "row 2 (id 2): no label" in str(err.value) and "row 3 (id 3): unknown label(s) ['q']" in str(err.value)
    with pytest.raises(AnnotationError, match=r"no sentence is labelled \['c'\]"):
        parse_annotations(frame, labels=["a", "b", "c"])
    with pytest.raises(AnnotationError, match="missing column"):
        parse_annotations(frame.drop(columns="labels"))


def test_stratify_key_uses_the_rarest_label():
    y = np.array([[1, 1], [1, 0], [0, 0], [1, 0]])  # label 1 is rarer
    assert stratify_key(y).tolist() == [1, 0, -1, 0]


TEXTS = [f"{w} {k}" for k in range(12) for w in
         ("we stand with our brothers", "the blockade hurts trade", "weather was sunny today")]
Y = np.array([[1, 0], [0, 1], [0, 0]] * 12)


def test_out_of_fold_probabilities_come_from_models_that_did_not_see_the_row():
    est = build_frame_classifier(calibration="sigmoid", calibration_folds=2, seed=0)
    proba, fold = out_of_fold_proba(est, TEXTS, Y, folds=3, seed=1)
    assert proba.shape == (36, 2) and set(fold.tolist()) == {0, 1, 2}
    assert ((proba >= 0.5) == Y.astype(bool)).mean() > 0.9  # the signal is learnable
    with pytest.raises(ValueError, match="folds must be between 2"):
        out_of_fold_proba(est, TEXTS, Y, folds=1)


def test_article_shares_and_outlet_means():
    est = build_frame_classifier(calibration="none", seed=0).fit(TEXTS, Y)
    shares = article_frame_shares(
        ["a1", "a2", "a3"], ["s", "s", "w"],
        [["we stand with our brothers", "weather was sunny today"], ["the blockade hurts trade"], []],
        est, ["sol", "sanc"], threshold=0.5)
    got = shares.set_index(["id", "category"])
    assert got.loc[("a1", "sol"), "share"] == 0.5 and got.loc[("a1", "sanc"), "share"] == 0.0
    assert got.loc[("a2", "sanc"), "share"] == 1.0
    assert got.loc[("a3", "sol"), "n_sentences"] == 0 and got.loc[("a3", "sol"), "share"] == 0.0
    outlets = pd.DataFrame({"outlet": ["s", "w"], "name": ["S", "W"], "group": ["g1", "g2"]})
    table = outlet_frame_shares(shares, outlets, n_resamples=200).set_index(["outlet", "category"])
    assert table.loc[("s", "sol"), "mean"] == pytest.approx(0.25)  # (0.5 + 0) / 2
    assert table.loc[("s", "sol"), "ci_low"] == 0.0 and table.loc[("s", "sol"), "ci_high"] == 0.5
