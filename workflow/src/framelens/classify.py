"""Frame classifier: a multi-label TF-IDF + logistic-regression model, cross-validated and calibrated.

The model is a scikit-learn :class:`~sklearn.pipeline.Pipeline`: a TF-IDF
vectorizer (word 1–2-grams, optionally character n-grams) followed by one
logistic regression per frame (one-vs-rest, class weights), each wrapped in
:class:`~sklearn.calibration.CalibratedClassifierCV` so that a probability of
0.7 means "about 70 % of such sentences carry the frame". A sentence has a
frame when its calibrated probability reaches ``threshold``; ``none`` in the
annotations means "no frame" (a row of zeros), it is not a label of its own.

Evaluation is honest by construction: every prediction that enters a metric
comes from a model that did not see that sentence (stratified k-fold
out-of-fold predictions). Precision, recall and F1 are computed from counts
here (and checked against scikit-learn in the tests); their 95 % intervals
resample sentences (percentile bootstrap).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline

from framelens.errors import AnnotationError
from framelens.stats import percentile_interval, stable_seed

__all__ = [
    "NONE_LABEL",
    "Annotations",
    "parse_annotations",
    "build_vectorizer",
    "build_frame_classifier",
    "build_text_classifier",
    "stratify_key",
    "out_of_fold_proba",
    "f1_from_counts",
    "label_counts",
    "label_metrics",
    "calibration_table",
    "article_frame_shares",
    "outlet_frame_shares",
]

NONE_LABEL = "none"
CALIBRATION_METHODS = ("sigmoid", "isotonic", "none")


@dataclass(frozen=True)
class Annotations:
    """Annotated sentences: ids, texts and a 0/1 indicator matrix (rows × ``labels``)."""

    ids: tuple[str, ...]
    texts: tuple[str, ...]
    labels: tuple[str, ...]
    y: np.ndarray


def parse_annotations(
    frame: pd.DataFrame, *, labels: Sequence[str] | None = None, source: str = "annotations"
) -> Annotations:
    """Validate an ``id, text, labels`` table (labels ``;``-separated, or ``none``).

    ``labels`` fixes the allowed frames and their order; by default every label
    used in the file (except ``none``) is allowed, in order of first use. Bad
    rows raise :class:`~framelens.errors.AnnotationError` naming the data row
    (1 = first row after the header) and what would be valid.
    """
    missing = [c for c in ("id", "text", "labels") if c not in frame.columns]
    if missing:
        raise AnnotationError(f"{source}: missing column(s) {missing}; required: ['id', 'text', 'labels']")
    parsed: list[list[str]] = []
    problems: list[str] = []
    for row, (art_id, text, cell) in enumerate(zip(frame["id"], frame["text"], frame["labels"]), start=1):
        text = "" if pd.isna(text) else str(text)
        names = [p.strip() for p in ("" if pd.isna(cell) else str(cell)).split(";") if p.strip()]
        if not text.strip():
            problems.append(f"row {row} (id {art_id}): empty text")
        if not names:
            problems.append(f"row {row} (id {art_id}): no label; write '{NONE_LABEL}' for a sentence without a frame")
        elif NONE_LABEL in names and len(names) > 1:
            problems.append(f"row {row} (id {art_id}): '{NONE_LABEL}' combined with {names}")
        elif labels is not None:
            unknown = [n for n in names if n != NONE_LABEL and n not in labels]
            if unknown:
                problems.append(f"row {row} (id {art_id}): unknown label(s) {unknown}; "
                                f"valid: {[*labels, NONE_LABEL]}")
        parsed.append([n for n in names if n != NONE_LABEL])
    ids = [str(i) for i in frame["id"]]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        problems.append(f"id(s) used twice: {dupes[:10]}")
    if problems:
        shown = "; ".join(problems[:10]) + (f"; … ({len(problems) - 10} more)" if len(problems) > 10 else "")
        raise AnnotationError(f"{source}: {shown}")
    order = list(labels) if labels is not None else list(dict.fromkeys(n for names in parsed for n in names))
    y = np.zeros((len(parsed), len(order)), dtype=np.int8)
    index = {name: j for j, name in enumerate(order)}
    for i, names in enumerate(parsed):
        for name in names:
            y[i, index[name]] = 1
    unused = [name for name, col in zip(order, y.T) if col.sum() == 0]
    if unused:
        raise AnnotationError(f"{source}: no sentence is labelled {unused}; every frame needs examples")
    return Annotations(ids=tuple(ids), texts=tuple(str(t) for t in frame["text"]), labels=tuple(order), y=y)


def build_vectorizer(
    *,
    word_ngrams: tuple[int, int] = (1, 2),
    char_ngrams: tuple[int, int] | None = None,
    min_df: int = 1,
    max_features: int | None = None,
    sublinear_tf: bool = True,
) -> BaseEstimator:
    """TF-IDF features: word n-grams, plus character n-grams (within word bounds) when given."""
    word = TfidfVectorizer(ngram_range=tuple(word_ngrams), min_df=min_df, max_features=max_features,
                           sublinear_tf=sublinear_tf, lowercase=True, token_pattern=r"(?u)\b\w[\w']*\b")
    if not char_ngrams:
        return word
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(char_ngrams), min_df=min_df,
                           max_features=max_features, sublinear_tf=sublinear_tf, lowercase=True)
    return FeatureUnion([("word", word), ("char", char)])


def _logistic(C: float, class_weight: str | None, seed: int) -> LogisticRegression:
    return LogisticRegression(C=C, class_weight=class_weight, max_iter=2000, random_state=seed)


def build_frame_classifier(
    *,
    word_ngrams: tuple[int, int] = (1, 2),
    char_ngrams: tuple[int, int] | None = None,
    min_df: int = 1,
    max_features: int | None = None,
    C: float = 4.0,
    class_weight: str | None = "balanced",
    calibration: str = "sigmoid",
    calibration_folds: int = 3,
    seed: int = 0,
) -> Pipeline:
    """The multi-label frame model: TF-IDF → one calibrated logistic regression per frame."""
    if calibration not in CALIBRATION_METHODS:
        raise ValueError(f"calibration must be one of {CALIBRATION_METHODS}, not {calibration!r}")
    base = _logistic(C, class_weight, seed)
    if calibration != "none":
        base = CalibratedClassifierCV(base, method=calibration, cv=calibration_folds)
    return Pipeline([
        ("features", build_vectorizer(word_ngrams=word_ngrams, char_ngrams=char_ngrams,
                                      min_df=min_df, max_features=max_features)),
        ("classifier", OneVsRestClassifier(base)),
    ])


def build_text_classifier(
    *,
    word_ngrams: tuple[int, int] = (1, 2),
    char_ngrams: tuple[int, int] | None = None,
    min_df: int = 1,
    max_features: int | None = None,
    C: float = 4.0,
    class_weight: str | None = "balanced",
    seed: int = 0,
) -> Pipeline:
    """A single-label (multinomial) TF-IDF + logistic-regression text classifier."""
    return Pipeline([
        ("features", build_vectorizer(word_ngrams=word_ngrams, char_ngrams=char_ngrams,
                                      min_df=min_df, max_features=max_features)),
        ("classifier", _logistic(C, class_weight, seed)),
    ])


def stratify_key(y: np.ndarray) -> np.ndarray:
    """One stratum per row for multi-label k-fold: the row's rarest label (``-1`` for none).

    Stratifying on the rarest label keeps every frame, including the rare
    ones, spread over all folds.
    """
    y = np.asarray(y)
    freq = y.sum(axis=0).astype(float)
    rank = np.where(y > 0, freq[None, :], np.inf)
    key = rank.argmin(axis=1)
    return np.where(y.any(axis=1), key, -1)


def frame_probabilities(model: BaseEstimator, texts: Sequence[str], n_labels: int) -> np.ndarray:
    """Probability of each frame (rows × ``n_labels``) from a fitted one-vs-rest model.

    With a single frame, scikit-learn treats the indicator matrix as a binary
    target and returns both classes' probabilities; keep the positive one.
    """
    proba = np.asarray(model.predict_proba(texts), dtype=float)
    if n_labels == 1 and proba.ndim == 2 and proba.shape[1] == 2:
        proba = proba[:, 1:]
    return proba


def out_of_fold_proba(
    estimator: BaseEstimator, texts: Sequence[str], y: np.ndarray, *, folds: int = 5, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold probabilities (rows × labels) and each row's fold, from stratified k-fold."""
    y = np.asarray(y)
    texts = np.asarray(list(texts), dtype=object)
    strata = stratify_key(y)
    smallest = int(np.bincount(strata + 1).min(initial=0) if len(strata) else 0)
    if folds < 2 or folds > len(texts):
        raise ValueError(f"folds must be between 2 and the number of sentences ({len(texts)}), not {folds}")
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    proba = np.zeros(y.shape, dtype=float)
    fold_of = np.full(len(texts), -1, dtype=int)
    split_on = strata if smallest >= folds else np.zeros(len(texts), dtype=int)
    for k, (train, test) in enumerate(splitter.split(texts, split_on)):
        model = clone(estimator).fit(texts[train], y[train])
        proba[test] = frame_probabilities(model, texts[test], y.shape[1])
        fold_of[test] = k
    return proba, fold_of


def label_counts(y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    """Per-row, per-label true positives, false positives and false negatives: shape (3, rows, labels)."""
    t = np.asarray(y_true).astype(bool)
    p = np.asarray(y_pred).astype(bool)
    if t.shape != p.shape:
        raise ValueError(f"y_true has shape {t.shape} but y_pred has shape {p.shape}")
    return np.stack([t & p, ~t & p, t & ~p]).astype(np.int64)


def f1_from_counts(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Precision, recall and F1 from counts (0 where a denominator is 0, as scikit-learn does)."""
    tp, fp, fn = (np.asarray(a, dtype=float) for a in (tp, fp, fn))
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(tp + fp > 0, tp / (tp + fp), 0.0)
        recall = np.where(tp + fn > 0, tp / (tp + fn), 0.0)
        f1 = np.where(2 * tp + fp + fn > 0, 2 * tp / (2 * tp + fp + fn), 0.0)
    return precision, recall, f1


def label_metrics(
    y_true: np.ndarray,
    y_pred: np.ndarray,
    labels: Sequence[str],
    *,
    n_resamples: int = 1000,
    level: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Per-label precision/recall/F1 plus ``micro`` and ``macro`` rows, with bootstrap CIs of F1.

    Columns: ``label, support, predicted, precision, recall, f1, f1_low, f1_high``.
    Macro F1 is the unweighted mean of the per-label F1; micro F1 pools the
    counts of all labels. Intervals resample rows (sentences or articles) with
    replacement, ``n_resamples`` times, using the same draws for every label.
    """
    counts = label_counts(y_true, y_pred)  # (3, n, L)
    n = counts.shape[1]
    if n == 0:
        raise ValueError("cannot compute metrics on zero rows")
    totals = counts.sum(axis=1)  # (3, L)
    prec, rec, f1 = f1_from_counts(*totals)
    mp, mr, mf = f1_from_counts(*totals.sum(axis=1))
    rng = np.random.default_rng(stable_seed(seed, "label_metrics"))
    flat = counts.transpose(1, 0, 2).reshape(n, -1)  # (n, 3L)
    boot_f1 = np.empty((n_resamples, len(labels)))
    boot_micro = np.empty(n_resamples)
    for b in range(n_resamples):
        w = np.bincount(rng.integers(0, n, size=n), minlength=n)
        tot = (w @ flat).reshape(3, -1)
        boot_f1[b] = f1_from_counts(*tot)[2]
        boot_micro[b] = f1_from_counts(*tot.sum(axis=1))[2]
    low, high = percentile_interval(boot_f1, level=level)
    mlow, mhigh = percentile_interval(boot_micro, level=level)
    alow, ahigh = percentile_interval(boot_f1.mean(axis=1), level=level)
    support = totals[0] + totals[2]
    predicted = totals[0] + totals[1]
    rows = [
        {"label": lab, "support": int(support[j]), "predicted": int(predicted[j]),
         "precision": float(prec[j]), "recall": float(rec[j]), "f1": float(f1[j]),
         "f1_low": float(low[j]), "f1_high": float(high[j])}
        for j, lab in enumerate(labels)
    ]
    rows.append({"label": "micro", "support": int(support.sum()), "predicted": int(predicted.sum()),
                 "precision": float(mp), "recall": float(mr), "f1": float(mf),
                 "f1_low": float(mlow), "f1_high": float(mhigh)})
    rows.append({"label": "macro", "support": int(support.sum()), "predicted": int(predicted.sum()),
                 "precision": float(prec.mean()), "recall": float(rec.mean()), "f1": float(f1.mean()),
                 "f1_low": float(alow), "f1_high": float(ahigh)})
    return pd.DataFrame(rows)


def calibration_table(
    y_true: np.ndarray, proba: np.ndarray, labels: Sequence[str], *, n_bins: int = 10
) -> pd.DataFrame:
    """Reliability table: per label (and ``all`` pooled), per probability bin of width 1/``n_bins``.

    Columns ``label, bin, n, mean_predicted, observed, brier``; empty bins are
    left out (as :func:`sklearn.calibration.calibration_curve` does). ``brier``
    is the label's mean squared error of the probabilities, repeated per row.
    """
    y_true = np.asarray(y_true, dtype=float)
    proba = np.asarray(proba, dtype=float)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    rows = []
    columns = [(lab, y_true[:, j], proba[:, j]) for j, lab in enumerate(labels)]
    columns.append(("all", y_true.ravel(), proba.ravel()))
    for lab, t, p in columns:
        bins = np.searchsorted(edges[1:-1], p, side="right")
        brier = float(np.mean((p - t) ** 2))
        for b in range(n_bins):
            mask = bins == b
            if mask.any():
                rows.append({"label": lab, "bin": b, "n": int(mask.sum()),
                             "mean_predicted": float(p[mask].mean()), "observed": float(t[mask].mean()),
                             "brier": brier})
    return pd.DataFrame(rows, columns=["label", "bin", "n", "mean_predicted", "observed", "brier"])


def article_frame_shares(
    ids: Sequence[str],
    outlets: Sequence[str],
    sentence_lists: Sequence[Sequence[str]],
    model: BaseEstimator,
    labels: Sequence[str],
    *,
    threshold: float = 0.5,
) -> pd.DataFrame:
    """Apply the frame model to every sentence; one row per article × frame.

    Columns ``id, outlet, category, n_sentences, n_frame_sentences, share,
    mean_probability``: ``share`` is the fraction of the article's sentences
    whose probability reaches ``threshold``; ``mean_probability`` the mean
    probability over its sentences (0 for an article without sentences).
    """
    flat = [s for sents in sentence_lists for s in sents]
    proba = frame_probabilities(model, flat, len(labels)) if flat else np.zeros((0, len(labels)))
    rows = []
    start = 0
    for art_id, outlet, sents in zip(ids, outlets, sentence_lists, strict=True):
        block = proba[start:start + len(sents)]
        start += len(sents)
        hits = (block >= threshold).sum(axis=0) if len(sents) else np.zeros(len(labels), dtype=int)
        means = block.mean(axis=0) if len(sents) else np.zeros(len(labels))
        for j, lab in enumerate(labels):
            rows.append((art_id, outlet, lab, len(sents), int(hits[j]),
                         hits[j] / len(sents) if len(sents) else 0.0, float(means[j])))
    return pd.DataFrame(rows, columns=["id", "outlet", "category", "n_sentences", "n_frame_sentences",
                                       "share", "mean_probability"]).astype(
        {"n_sentences": "int64", "n_frame_sentences": "int64", "share": "float64", "mean_probability": "float64"})


def outlet_frame_shares(
    shares: pd.DataFrame,
    outlets: pd.DataFrame,
    *,
    value: str = "share",
    n_resamples: int = 2000,
    level: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Per outlet × frame: mean of the article ``value`` with a percentile bootstrap CI (articles resampled).

    Columns ``outlet, name, group, category, n_articles, mean, ci_low, ci_high``.
    Seeds are keyed by outlet, as in :func:`framelens.compare.compare_outlets`.
    """
    from framelens.stats import bootstrap_means

    categories = list(dict.fromkeys(shares["category"]))
    wide = shares.pivot(index="id", columns="category", values=value)[categories]
    article_outlet = shares.drop_duplicates("id").set_index("id")["outlet"]
    meta = outlets.set_index("outlet")
    rows = []
    for outlet in sorted(article_outlet.unique()):
        ids = article_outlet.index[article_outlet == outlet]
        values = wide.loc[ids].to_numpy(dtype=float)
        rng = np.random.default_rng(stable_seed(seed, outlet))
        low, high = percentile_interval(bootstrap_means(values, n_resamples=n_resamples, rng=rng), level=level)
        for j, cat in enumerate(categories):
            rows.append({
                "outlet": outlet,
                "name": meta.at[outlet, "name"] if outlet in meta.index else outlet,
                "group": meta.at[outlet, "group"] if outlet in meta.index else "",
                "category": cat, "n_articles": len(ids),
                "mean": float(values[:, j].mean()), "ci_low": float(low[j]), "ci_high": float(high[j]),
            })
    return pd.DataFrame(rows, columns=["outlet", "name", "group", "category", "n_articles",
                                       "mean", "ci_low", "ci_high"])
