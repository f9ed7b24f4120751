"""Agreement: lexicon counts and frame-classifier output set side by side, per category.

Two views, one row per category in one table:

* **sentences** (the annotated set): a sentence is *lexicon-positive* for a
  category when the lexicon matches at least once in it, *classifier-positive*
  when the out-of-fold calibrated probability reaches the threshold. Each is
  scored against the human labels, and the lexicon is scored against the
  classifier as reference (its precision and recall; swapping the roles swaps
  the two numbers), with Cohen's kappa between them.
* **articles** (the corpus): Pearson and Spearman correlation, across
  articles, between the lexicon rate (matches per 1,000 tokens) and the
  classifier share (fraction of the article's sentences with the frame).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats as sstats

from framelens.classify import f1_from_counts
from framelens.matcher import CompiledLexicon, match_tokens
from framelens.tokenize import word_tokens

__all__ = [
    "lexicon_indicators",
    "cohen_kappa",
    "sentence_agreement",
    "article_pairs",
    "article_agreement",
    "agreement_table",
]


def lexicon_indicators(
    texts: Sequence[str], compiled: CompiledLexicon, categories: Sequence[str], *, lang: str | None = None
) -> np.ndarray:
    """0/1 matrix (texts × ``categories``): does the lexicon count the category at least once?

    ``lang`` is the texts' language: per-language entries match only in it. A
    negated hit ("no solidarity") does not count, as in the article scores.
    """
    index = {c: j for j, c in enumerate(categories)}
    out = np.zeros((len(texts), len(categories)), dtype=np.int8)
    for i, text in enumerate(texts):
        for m in match_tokens(compiled, word_tokens(text), lang=lang):
            if m.category in index and not m.negated:
                out[i, index[m.category]] = 1
    return out


def cohen_kappa(a: np.ndarray, b: np.ndarray) -> float:
    """Cohen's kappa of two 0/1 codings (NaN when both are constant and identical)."""
    a = np.asarray(a).astype(bool)
    b = np.asarray(b).astype(bool)
    observed = float((a == b).mean())
    pa, pb = a.mean(), b.mean()
    expected = float(pa * pb + (1 - pa) * (1 - pb))
    return (observed - expected) / (1 - expected) if expected < 1 else float("nan")


def _prf(reference: np.ndarray, test: np.ndarray) -> tuple[float, float, float]:
    r = np.asarray(reference).astype(bool)
    t = np.asarray(test).astype(bool)
    p, rec, f = f1_from_counts((r & t).sum(), (~r & t).sum(), (r & ~t).sum())
    return float(p), float(rec), float(f)


def sentence_agreement(
    gold: np.ndarray, classifier: np.ndarray, lexicon: np.ndarray, categories: Sequence[str]
) -> pd.DataFrame:
    """Per category: lexicon and classifier against the human labels, and against each other."""
    rows = []
    for j, cat in enumerate(categories):
        g, c, lx = gold[:, j], classifier[:, j], lexicon[:, j]
        lp, lr, lf = _prf(g, lx)
        cp, cr, cf = _prf(g, c)
        xp, xr, _ = _prf(c, lx)
        rows.append({
            "category": cat, "n_sentences": int(len(g)), "n_gold": int(g.sum()),
            "n_lexicon": int(lx.sum()), "n_classifier": int(c.sum()),
            "lexicon_precision": lp, "lexicon_recall": lr, "lexicon_f1": lf,
            "classifier_precision": cp, "classifier_recall": cr, "classifier_f1": cf,
            "lexicon_precision_vs_classifier": xp, "lexicon_recall_vs_classifier": xr,
            "kappa_lexicon_classifier": cohen_kappa(lx, c),
            "gold_without_lexicon_match": int((g.astype(bool) & ~lx.astype(bool)).sum()),
            "lexicon_match_without_gold": int((~g.astype(bool) & lx.astype(bool)).sum()),
        })
    return pd.DataFrame(rows)


def article_pairs(lexicon_scores: pd.DataFrame, frame_shares: pd.DataFrame) -> pd.DataFrame:
    """Join per-article lexicon ``rate`` and classifier ``share`` on ``id, category`` (shared categories only)."""
    left = lexicon_scores[["id", "outlet", "category", "rate"]]
    right = frame_shares[["id", "category", "share", "mean_probability"]]
    return left.merge(right, on=["id", "category"], how="inner", validate="one_to_one")


def article_agreement(pairs: pd.DataFrame) -> pd.DataFrame:
    """Per category: Pearson r and Spearman rho (with p-values) of lexicon rate vs classifier share."""
    rows = []
    for cat, sub in pairs.groupby("category", sort=False):
        x = sub["rate"].to_numpy(dtype=float)
        y = sub["share"].to_numpy(dtype=float)
        if len(sub) < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
            r = rp = rho = rhop = float("nan")
        else:
            r, rp = (float(v) for v in sstats.pearsonr(x, y))
            rho, rhop = (float(v) for v in sstats.spearmanr(x, y))
        rows.append({"category": cat, "n_articles": int(len(sub)), "pearson_r": r, "pearson_p": rp,
                     "spearman_rho": rho, "spearman_p": rhop,
                     "mean_lexicon_rate": float(x.mean()), "mean_classifier_share": float(y.mean())})
    return pd.DataFrame(rows)


def agreement_table(sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per category: the article correlations followed by the sentence-level agreement."""
    return articles.merge(sentences, on="category", how="outer", sort=False)
