"""Tone: VADER sentiment per article and per sentence that names a target term, summarised per outlet.

Scores come from the ``vaderSentiment`` package's analyzer and the lexicon it
ships (no download). VADER is built for sentences, so an article's tone is the
mean ``compound`` score (−1 most negative … +1 most positive) of its
sentences; target tone is the mean over the sentences that contain one of the
target terms (a term ending in ``*`` matches any continuation). Per-outlet
means carry percentile bootstrap intervals resampling articles.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from framelens.stats import bootstrap_means, percentile_interval, stable_seed

__all__ = ["ARTICLE_TONE_COLUMNS", "OUTLET_TONE_COLUMNS", "target_pattern", "vader_scorer",
           "article_tone", "outlet_tone"]

ARTICLE_TONE_COLUMNS = ("id", "outlet", "n_sentences", "tone", "n_target_sentences", "target_tone")
OUTLET_TONE_COLUMNS = ("outlet", "name", "group", "scope", "n_articles", "mean_tone", "ci_low", "ci_high")


def target_pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    """A case-insensitive whole-word pattern for the target terms (``*`` = any word ending)."""
    parts = []
    for term in terms:
        term = term.strip().lower()
        if not term:
            continue
        stem = term.rstrip("*")
        words = [re.escape(w) for w in stem.split()]
        parts.append(r"\s+".join(words) + (r"\w*" if term.endswith("*") else r"\b"))
    if not parts:
        return None
    return re.compile(r"\b(?:" + "|".join(parts) + ")", re.IGNORECASE)


def vader_scorer() -> Callable[[str], float]:
    """VADER's compound score as a function of one sentence."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    return lambda text: float(analyzer.polarity_scores(text)["compound"])


def article_tone(
    ids: Sequence[str], outlets: Sequence[str], sentences: Sequence[Sequence[str]], *,
    targets: Sequence[str] = (), scorer: Callable[[str], float] | None = None,
) -> pd.DataFrame:
    """One row per article (:data:`ARTICLE_TONE_COLUMNS`); ``target_tone`` is NaN when no sentence names a target."""
    score = scorer or vader_scorer()
    pattern = target_pattern(targets)
    rows = []
    for art, outlet, sents in zip(ids, outlets, sentences):
        values = [score(s) for s in sents]
        hits = [v for s, v in zip(sents, values) if pattern is not None and pattern.search(s)]
        rows.append({"id": art, "outlet": outlet, "n_sentences": len(values),
                     "tone": float(np.mean(values)) if values else np.nan,
                     "n_target_sentences": len(hits),
                     "target_tone": float(np.mean(hits)) if hits else np.nan})
    return pd.DataFrame(rows, columns=list(ARTICLE_TONE_COLUMNS))


def outlet_tone(
    tone: pd.DataFrame, outlets: pd.DataFrame, *, n_resamples: int = 2000, level: float = 0.95, seed: int = 0,
) -> pd.DataFrame:
    """Per outlet and scope (``article``, ``target_sentences``) the mean tone with a bootstrap CI.

    For ``target_sentences`` the unit is still the article (the mean of its
    target sentences), over the articles that have at least one.
    """
    meta = outlets.set_index("outlet")
    rows = []
    for outlet in sorted(tone["outlet"].unique()):
        sub = tone[tone["outlet"] == outlet]
        for scope, column in (("article", "tone"), ("target_sentences", "target_tone")):
            values = sub[column].dropna().to_numpy(dtype=float)
            low = high = mean = np.nan
            if len(values):
                rng = np.random.default_rng(stable_seed(seed, "tone", outlet, scope))
                low, high = (float(x) for x in percentile_interval(
                    bootstrap_means(values, n_resamples=n_resamples, rng=rng), level=level))
                mean = float(values.mean())
            rows.append({"outlet": outlet,
                         "name": meta.at[outlet, "name"] if outlet in meta.index else outlet,
                         "group": meta.at[outlet, "group"] if outlet in meta.index else "",
                         "scope": scope, "n_articles": len(values), "mean_tone": mean,
                         "ci_low": low, "ci_high": high})
    return pd.DataFrame(rows, columns=list(OUTLET_TONE_COLUMNS))
