"""Multilingual comparison: which lexicon categories reach which languages, and how much text each matches.

Comparing outlets that write in different languages with one set of
categories is only fair when every category has entries in every language
of the corpus and the entries are equivalent. This module gives the checks
and numbers that make that visible:

* :func:`missing_language_entries` lists the (category, language) pairs in
  which a category can never match: no entry under that language's key and
  no list-form (every-language) entry;
* :func:`language_entry_counts` counts, per category and language, the
  entries that apply (own-language and list-form separately);
* :func:`language_coverage` is the share of tokens inside any counted match,
  per article language and outlet — a coarse check of how equivalent the
  per-language lexicons are (very different coverage for the same events
  points at the lexicon, not at the outlets);
* :func:`fold_lexicon` normalises a parsed lexicon's words the way the
  tokens were normalised (:func:`framelens.tokenize.fold`), so accent and
  ``ё`` folding apply identically to text and entries.

The functions read the lexicon through the attributes of the shared lexicon
spec (``categories[].entries[].lang``; an entry without ``lang`` applies to
every language), so they work on list-form lexicons too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from framelens.tokenize import UNKNOWN_LANGUAGE, fold, language_key

__all__ = [
    "COVERAGE_COLUMNS",
    "corpus_languages",
    "entry_applies",
    "missing_language_entries",
    "language_entry_counts",
    "language_coverage",
    "coverage_by_language",
    "CoverageSums",
    "COVERAGE_BATCH",
    "fold_lexicon",
    "fold_entry",
]

COVERAGE_COLUMNS = (
    "outlet", "name", "outlet_language", "lang", "n_articles", "n_tokens", "matched_tokens",
    "coverage", "mean_coverage",
)
ALL_OUTLETS = "(all)"


def corpus_languages(langs: Iterable[Any]) -> list[str]:
    """Sorted distinct languages of a corpus's ``lang`` values (missing ones left out)."""
    keys = {language_key(lang) for lang in langs}
    return sorted(keys - {UNKNOWN_LANGUAGE})


def entry_applies(entry: Any, lang: str) -> bool:
    """True when ``entry`` is used for articles in ``lang`` (list-form entries apply to all)."""
    scope = getattr(entry, "lang", None)
    return scope is None or scope == lang


def language_entry_counts(lexicon: Any, languages: Sequence[str]) -> pd.DataFrame:
    """Per category and language: entries under that language's key, list-form entries, and both.

    Columns ``category, lang, own, shared, total``; categories in lexicon order,
    languages in the given order. Counts are of effective entries (a parent
    category includes its sub-categories' entries).
    """
    rows = []
    for cat in lexicon.categories:
        shared = sum(getattr(e, "lang", None) is None for e in cat.entries)
        for lang in languages:
            own = sum(getattr(e, "lang", None) == lang for e in cat.entries)
            rows.append({"category": cat.name, "lang": lang, "own": own, "shared": shared,
                         "total": own + shared})
    frame = pd.DataFrame(rows, columns=["category", "lang", "own", "shared", "total"])
    return frame.astype({"own": "int64", "shared": "int64", "total": "int64"})


def missing_language_entries(lexicon: Any, languages: Iterable[str]) -> list[tuple[str, str]]:
    """Return ``(category, language)`` pairs where the category has no entry that applies.

    Such a category scores 0 for every article in that language, whatever the
    article says, so its rates cannot be compared across languages. Pairs are
    in lexicon order, then sorted language.
    """
    langs = sorted({language_key(lang) for lang in languages} - {UNKNOWN_LANGUAGE})
    return [
        (cat.name, lang)
        for cat in lexicon.categories
        for lang in langs
        if not any(entry_applies(e, lang) for e in cat.entries)
    ]


def language_coverage(
    article_scores: pd.DataFrame, languages: pd.DataFrame, outlets: pd.DataFrame
) -> pd.DataFrame:
    """Share of tokens matched by the lexicon, per article language and outlet (:data:`COVERAGE_COLUMNS`).

    ``article_scores`` has ``id, outlet, n_tokens, matched_tokens`` (the score
    step's per-article table); ``languages`` has ``id, lang`` (the tokens
    table); ``outlets`` is the outlets sheet. ``coverage`` pools tokens
    (matched / all tokens); ``mean_coverage`` is the mean over articles. Rows
    with outlet ``(all)`` pool every outlet of a language. Articles without a
    language are grouped under ``und``.
    """
    lang_of = languages.drop_duplicates("id").set_index("id")["lang"].map(language_key)
    return coverage_by_language(
        article_scores.assign(lang=article_scores["id"].map(lang_of).fillna(UNKNOWN_LANGUAGE)), outlets)


COVERAGE_BATCH = 1 << 16
"""Articles summed at a time by :func:`coverage_by_language` (and by the streamed CLI step, so both
give the same bytes)."""


class CoverageSums:
    """Per (article language, outlet), and per language over all outlets: articles, tokens, matched
    tokens and the sum of the articles' coverage, added a batch of articles at a time. Memory: one
    row per language and outlet."""

    def __init__(self) -> None:
        self._counts: dict[tuple[str, str], np.ndarray] = {}  # articles, tokens, matched tokens
        self._coverage: dict[tuple[str, str], float] = {}

    def add(self, outlet: Sequence[Any], lang: Sequence[Any], n_tokens: Any, matched_tokens: Any) -> None:
        """One batch: each article's outlet, language key, n_tokens and matched_tokens."""
        n = np.asarray(n_tokens, dtype=np.int64)
        m = np.asarray(matched_tokens, dtype=np.int64)
        cov = np.where(n != 0, m / np.where(n != 0, n, 1), 0.0)  # 0 for an empty article
        lang = np.asarray(lang, dtype=object).astype(str)
        for keys in (np.stack([lang, np.asarray(outlet, dtype=object).astype(str)], axis=1),
                     np.stack([lang, np.full(len(lang), ALL_OUTLETS)], axis=1)):
            unique, codes = np.unique(keys, axis=0, return_inverse=True)
            codes = codes.ravel()
            sums = np.stack([np.bincount(codes, minlength=len(unique)),
                             np.bincount(codes, weights=n, minlength=len(unique)).astype(np.int64),
                             np.bincount(codes, weights=m, minlength=len(unique)).astype(np.int64)], axis=1)
            covered = np.bincount(codes, weights=cov, minlength=len(unique))
            for key, row, c in zip(map(tuple, unique.tolist()), sums, covered.tolist()):
                self._counts[key] = self._counts[key] + row if key in self._counts else row
                self._coverage[key] = self._coverage.get(key, 0.0) + c

    def table(self, outlets: pd.DataFrame) -> pd.DataFrame:
        """The :data:`COVERAGE_COLUMNS` table: languages sorted, each language's outlets sorted, then ``(all)``."""
        meta = outlets.set_index("outlet")
        order = sorted(self._counts, key=lambda key: (key[0], key[1] == ALL_OUTLETS, key[1]))
        rows = []
        for lang, outlet in order:
            n_articles, n_tok, matched = (int(v) for v in self._counts[(lang, outlet)])
            known = outlet in meta.index
            rows.append({
                "outlet": outlet,
                "name": meta.at[outlet, "name"] if known else outlet,
                "outlet_language": meta.at[outlet, "language"] if known else "",
                "lang": lang,
                "n_articles": n_articles,
                "n_tokens": n_tok,
                "matched_tokens": matched,
                "coverage": matched / n_tok if n_tok else 0.0,
                "mean_coverage": self._coverage[(lang, outlet)] / n_articles,
            })
        return pd.DataFrame(rows, columns=list(COVERAGE_COLUMNS))


def coverage_by_language(articles: pd.DataFrame, outlets: pd.DataFrame) -> pd.DataFrame:
    """:func:`language_coverage` of articles whose language key is known: ``articles`` has
    ``outlet, lang, n_tokens, matched_tokens`` (no ids), summed :data:`COVERAGE_BATCH` articles at
    a time (:class:`CoverageSums`)."""
    sums = CoverageSums()
    for lo in range(0, len(articles), COVERAGE_BATCH):
        part = articles.iloc[lo:lo + COVERAGE_BATCH]
        sums.add(part["outlet"].astype(str).to_numpy(dtype=object), part["lang"].astype(str).to_numpy(dtype=object),
                 part["n_tokens"].to_numpy(), part["matched_tokens"].to_numpy())
    return sums.table(outlets)


def fold_entry(entry: Any, fold_yo: bool = False, fold_accents: bool = False) -> Any:
    """``entry`` with its words folded like the tokens (:func:`~framelens.tokenize.fold`); the text as written is kept."""
    words = tuple(fold(w, fold_yo=fold_yo, fold_accents=fold_accents) for w in entry.words)
    return entry if words == tuple(entry.words) else dataclasses.replace(entry, words=words)


def _fold_entries(items: Sequence[Any], fold_yo: bool, fold_accents: bool) -> tuple[Any, ...]:
    return tuple(fold_entry(e, fold_yo, fold_accents) for e in items)


def fold_lexicon(lexicon: Any, *, fold_yo: bool = False, fold_accents: bool = False) -> Any:
    """Return ``lexicon`` with every entry's words folded like the tokens (:func:`~framelens.tokenize.fold`).

    Folding is per token and idempotent, so folding parsed entries equals
    parsing folded text. Entries, excludes and negators are all folded; the
    lexicon's hash and everything else are unchanged. With both options off
    the lexicon is returned as is.
    """
    if not (fold_yo or fold_accents):
        return lexicon
    categories = []
    for cat in lexicon.categories:
        changes = {name: _fold_entries(getattr(cat, name), fold_yo, fold_accents)
                   for name in ("entries", "excludes", "own_entries", "own_excludes") if hasattr(cat, name)}
        categories.append(dataclasses.replace(cat, **changes))
    changes: dict[str, Any] = {"categories": tuple(categories)}
    negation = getattr(lexicon, "negation", None)
    if negation is not None and hasattr(negation, "negators"):
        changes["negation"] = dataclasses.replace(
            negation, negators=_fold_entries(negation.negators, fold_yo, fold_accents))
    return dataclasses.replace(lexicon, **changes)
