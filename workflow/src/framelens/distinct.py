"""Distinctiveness: how well article text predicts its outlet (or group, or any label), honestly split.

Articles about the same event share names, places and numbers; a classifier
evaluated on random splits can recognise the story instead of the outlet's
framing. The headline score therefore comes from grouped cross-validation
(:class:`~sklearn.model_selection.StratifiedGroupKFold`): every article of one
group (an ``event_id``, or for a labelled corpus an outlet) is on the same
side of every split. When the corpus has no usable group column, articles are
grouped into blocks of ``date_block_days`` consecutive days. The random-split
score and a majority-class baseline (evaluated with the same grouped folds)
are reported next to it; the gap between grouped and random is the part of
the score that came from shared story details (or outlet style).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, clone
from sklearn.dummy import DummyClassifier
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

from framelens.classify import label_metrics
from framelens.errors import ConfigError

__all__ = [
    "CvGroups",
    "date_blocks",
    "cv_groups",
    "grouped_folds",
    "random_folds",
    "cross_val_labels",
    "DistinctResult",
    "evaluate_distinctiveness",
    "confusion_table",
    "indicative_terms",
]


@dataclass(frozen=True)
class CvGroups:
    """The group of every article for grouped CV, and how it was chosen (for the report)."""

    groups: np.ndarray
    kind: str  # "column:<name>" or "date_blocks:<days>"


def date_blocks(dates: Sequence[str | None], *, days: int) -> np.ndarray:
    """Group ISO dates into consecutive blocks of ``days`` days (block 0 starts at the earliest date).

    Articles without a date form one extra group, ``"undated"``.
    """
    if days < 1:
        raise ConfigError(f"date_block_days must be at least 1, not {days}")
    parsed = pd.to_datetime(pd.Series(list(dates), dtype=object), errors="coerce")
    start = parsed.min()
    out = np.empty(len(parsed), dtype=object)
    for i, d in enumerate(parsed):
        out[i] = "undated" if pd.isna(d) else f"block{int((d - start).days // days):04d}"
    return out


def cv_groups(
    articles: pd.DataFrame, *, group_column: str | None, date_block_days: int = 30, min_groups: int = 2
) -> CvGroups:
    """The CV groups: ``group_column`` when every article has a value, else date blocks.

    Raises :class:`~framelens.errors.ConfigError` when neither gives at least
    ``min_groups`` groups.
    """
    if group_column and group_column in articles.columns:
        values = articles[group_column]
        if values.notna().all() and (values.astype(str).str.strip() != "").all():
            groups = values.astype(str).to_numpy(dtype=object)
            if len(set(groups)) >= min_groups:
                return CvGroups(groups, f"column:{group_column}")
    if "date" in articles.columns and articles["date"].notna().any():
        groups = date_blocks(articles["date"].tolist(), days=date_block_days)
        if len(set(groups)) >= min_groups:
            return CvGroups(groups, f"date_blocks:{date_block_days}")
    raise ConfigError(
        f"cannot build {min_groups} groups for grouped cross-validation: the column "
        f"{group_column!r} is missing or incomplete and the dates give fewer than {min_groups} "
        f"blocks of {date_block_days} days; set a complete group column or a smaller block size")


def grouped_folds(
    y: Sequence[str], groups: Sequence[str], *, folds: int, seed: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Train/test index pairs in which no group is on both sides (stratified by ``y`` where possible)."""
    groups = np.asarray(groups, dtype=object)
    n_groups = len(set(groups.tolist()))
    k = min(folds, n_groups)
    if k < 2:
        raise ConfigError(f"grouped cross-validation needs at least 2 groups, found {n_groups}")
    splitter = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed)
    y = np.asarray(y, dtype=object).astype(str)
    return [(train, test) for train, test in splitter.split(np.zeros(len(y)), y, groups)]


def random_folds(y: Sequence[str], *, folds: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Stratified random k-fold splits (classes rarer than ``folds`` are split as well as possible)."""
    y = np.asarray(y, dtype=object).astype(str)
    smallest = int(pd.Series(y).value_counts().min())
    k = min(folds, len(y))
    if smallest >= k:
        splitter = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
        return list(splitter.split(np.zeros(len(y)), y))
    from sklearn.model_selection import KFold

    return list(KFold(n_splits=k, shuffle=True, random_state=seed).split(np.zeros(len(y))))


def cross_val_labels(
    estimator: BaseEstimator, texts: Sequence[str], y: Sequence[str], splits: list[tuple[np.ndarray, np.ndarray]]
) -> np.ndarray:
    """Out-of-fold predicted labels for every article, from the given splits."""
    texts = np.asarray(list(texts), dtype=object)
    y = np.asarray(y, dtype=object)
    pred = np.empty(len(y), dtype=object)
    for train, test in splits:
        model = clone(estimator).fit(texts[train], y[train])
        pred[test] = model.predict(texts[test])
    return pred


def _one_hot(values: np.ndarray, classes: Sequence[str]) -> np.ndarray:
    index = {c: j for j, c in enumerate(classes)}
    out = np.zeros((len(values), len(classes)), dtype=np.int8)
    for i, v in enumerate(values):
        out[i, index[v]] = 1
    return out


@dataclass(frozen=True)
class DistinctResult:
    """Scores per split scheme, per-class metrics and out-of-fold predictions."""

    scores: pd.DataFrame  # split, n_articles, n_groups, n_folds, accuracy, acc_low, acc_high, macro_f1, f1_low, f1_high
    per_class: pd.DataFrame  # split, label, support, precision, recall, f1, f1_low, f1_high
    predictions: pd.DataFrame  # id, truth, group, grouped, random, majority


def evaluate_distinctiveness(
    ids: Sequence[str],
    texts: Sequence[str],
    y: Sequence[str],
    groups: CvGroups,
    *,
    estimator: BaseEstimator,
    folds: int = 5,
    seed: int = 0,
    n_resamples: int = 1000,
    level: float = 0.95,
) -> DistinctResult:
    """Cross-validate ``estimator`` predicting ``y`` from ``texts``: grouped, random, and majority baseline.

    Accuracy equals micro-F1 here (one true and one predicted class per
    article); both it and macro-F1 get percentile bootstrap intervals that
    resample articles.
    """
    y = np.asarray(y, dtype=object).astype(str)
    classes = sorted(set(y.tolist()))
    if len(classes) < 2:
        raise ConfigError(f"the target has only one class ({classes}); nothing to distinguish")
    g_splits = grouped_folds(y, groups.groups, folds=folds, seed=seed)
    r_splits = random_folds(y, folds=folds, seed=seed)
    preds = {
        "grouped": cross_val_labels(estimator, texts, y, g_splits),
        "random": cross_val_labels(estimator, texts, y, r_splits),
        "majority": cross_val_labels(DummyClassifier(strategy="most_frequent"), texts, y, g_splits),
    }
    truth = _one_hot(y, classes)
    score_rows, class_rows = [], []
    n_groups = len(set(groups.groups.tolist()))
    for name, pred in preds.items():
        metrics = label_metrics(truth, _one_hot(pred.astype(str), classes), classes,
                                n_resamples=n_resamples, level=level, seed=seed)
        micro = metrics.set_index("label").loc["micro"]
        macro = metrics.set_index("label").loc["macro"]
        score_rows.append({
            "split": name, "cv_groups": groups.kind if name != "random" else "none",
            "n_articles": len(y), "n_groups": n_groups if name != "random" else len(y),
            "n_folds": len(g_splits) if name != "random" else len(r_splits),
            "accuracy": float(micro["f1"]), "accuracy_low": float(micro["f1_low"]),
            "accuracy_high": float(micro["f1_high"]),
            "macro_f1": float(macro["f1"]), "macro_f1_low": float(macro["f1_low"]),
            "macro_f1_high": float(macro["f1_high"]),
        })
        per = metrics[~metrics["label"].isin(["micro", "macro"])].assign(split=name)
        class_rows.append(per[["split", "label", "support", "precision", "recall", "f1", "f1_low", "f1_high"]])
    predictions = pd.DataFrame({"id": list(ids), "truth": y, "group": groups.groups, **preds})
    return DistinctResult(pd.DataFrame(score_rows), pd.concat(class_rows, ignore_index=True), predictions)


def confusion_table(truth: Sequence[str], predicted: Sequence[str], *, classes: Sequence[str] | None = None) -> pd.DataFrame:
    """Long confusion table ``truth, predicted, n, share`` (share of the true class's articles)."""
    truth = np.asarray(truth, dtype=object).astype(str)
    predicted = np.asarray(predicted, dtype=object).astype(str)
    classes = list(classes) if classes is not None else sorted(set(truth.tolist()) | set(predicted.tolist()))
    rows = []
    for t in classes:
        n_true = int((truth == t).sum())
        for p in classes:
            n = int(((truth == t) & (predicted == p)).sum())
            rows.append((t, p, n, n / n_true if n_true else 0.0))
    return pd.DataFrame(rows, columns=["truth", "predicted", "n", "share"])


def indicative_terms(estimator: BaseEstimator, texts: Sequence[str], y: Sequence[str], *, top: int = 15) -> pd.DataFrame:
    """Fit ``estimator`` (vectorizer → logistic regression) on all articles; the top-weighted terms per class.

    Columns ``label, rank, term, weight``. Weights are the logistic-regression
    coefficients of the TF-IDF features; they describe the fitted model and
    carry no interval.
    """
    model = clone(estimator).fit(list(texts), np.asarray(y, dtype=object).astype(str))
    features = model[:-1].get_feature_names_out()
    clf = model[-1]
    coef = np.asarray(clf.coef_)
    classes = [str(c) for c in clf.classes_]
    if coef.shape[0] == 1:  # binary: one row of coefficients for classes_[1]
        coef = np.vstack([-coef[0], coef[0]])
    rows = []
    for j, label in enumerate(classes):
        order = np.argsort(-coef[j], kind="stable")[:top]
        for rank, k in enumerate(order, start=1):
            term = str(features[k]).split("__", 1)[-1]
            rows.append((label, rank, term, float(coef[j, k])))
    return pd.DataFrame(rows, columns=["label", "rank", "term", "weight"])
