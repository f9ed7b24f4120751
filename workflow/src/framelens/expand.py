"""Expansion: suggest new entries for a category from the user's own corpus, offline.

Three signals, each computed on sentences (the unit of context):

* ``assoc_g2`` — co-occurrence association: the signed log-likelihood ratio
  (G²) of a word appearing in sentences with a hit of the category versus the
  other sentences (positive = over-represented next to the seeds);
* ``collocation_llr`` — NLTK bigram collocations (likelihood ratio) that
  contain a word of a seed hit, as candidate phrases;
* ``svd_cosine`` — cosine similarity, in a TruncatedSVD space of the
  TF-IDF term–sentence matrix, between a word and the centroid of the seed
  words (words that are used in the same sentences as the seeds).

Candidates are ranked by reciprocal-rank fusion of the three rankings
(``score = Σ 1 / (60 + rank)``), so a candidate strong on several signals
rises. Words the category already matches, words in fewer than
``min_count`` sentences and words in more than ``max_share`` of all
sentences (function words) are left out. Nothing is downloaded.

:func:`apply_review` merges the accepted rows of a review sheet into a
lexicon and bumps its version.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from framelens.errors import FramelensError, LexiconError
from framelens.lexicon import Lexicon, parse_entry, parse_lexicon
from framelens.matcher import Matcher, match_article

__all__ = ["REVIEW_COLUMNS", "suggest_terms", "apply_review", "bump_version", "ACCEPT_VALUES"]

REVIEW_COLUMNS = ("category", "candidate", "lang", "score", "assoc_g2", "collocation_llr", "svd_cosine",
                  "n_sentences", "kwic_1", "kwic_2", "accept")
ACCEPT_VALUES = {"1", "1.0", "y", "yes", "true", "x"}
_RRF = 60


def _g2(a: np.ndarray, b: np.ndarray, n1: int, n2: int) -> np.ndarray:
    """Signed G² for a word in ``a`` of ``n1`` seed sentences and ``b`` of ``n2`` other sentences."""
    obs = np.stack([a, n1 - a, b, n2 - b]).astype(float)
    total = n1 + n2
    rows = np.stack([a + b, (n1 - a) + (n2 - b), a + b, (n1 - a) + (n2 - b)]).astype(float)
    cols = np.array([n1, n1, n2, n2], dtype=float)[:, None]
    exp = rows * cols / total
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(obs > 0, obs * np.log(obs / exp), 0.0)
    g2 = 2 * terms.sum(axis=0)
    sign = np.sign(a / max(n1, 1) - b / max(n2, 1))
    return sign * g2


def _context(tokens: Sequence[str], start: int, end: int, window: int = 5) -> str:
    left = " ".join(tokens[max(0, start - window):start])
    right = " ".join(tokens[end:end + window])
    return f"{left} [{' '.join(tokens[start:end])}] {right}".strip()


def _find(tokens: Sequence[str], words: Sequence[str]) -> int:
    n = len(words)
    for p in range(len(tokens) - n + 1):
        if list(tokens[p:p + n]) == list(words):
            return p
    return -1


def suggest_terms(
    sentences: Sequence[Sequence[str]],
    lexicon: Lexicon,
    category: str,
    *,
    langs: Sequence[str | None] | None = None,
    top: int = 30,
    min_count: int = 3,
    max_share: float = 0.2,
    n_components: int = 50,
    seed: int = 0,
    match: Matcher = match_article,
) -> pd.DataFrame:
    """Rank candidate words and phrases for ``category`` (:data:`REVIEW_COLUMNS`, best first).

    ``sentences`` are token lists (one per sentence); ``langs`` their articles' languages.
    """
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    cat = lexicon.category(category)
    single = replace(lexicon, categories=(cat,))
    langs = [x if isinstance(x, str) and x else None for x in (langs or [None] * len(sentences))]
    units = [list(s) for s in sentences]
    seeded = np.zeros(len(units), dtype=bool)
    seed_words: Counter[str] = Counter()
    for i, (tokens, lang) in enumerate(zip(units, langs, strict=True)):
        for m in match(single, tokens, lang=lang).hits:
            if not m.negated:
                seeded[i] = True
                seed_words.update(tokens[m.start:m.end])
    n1 = int(seeded.sum())
    if n1 == 0:
        raise FramelensError(f"category {category!r} has no hit in the corpus: nothing to expand from")
    n2 = len(units) - n1

    df = Counter()
    df_seed = Counter()
    unit_lang: dict[str, set] = {}
    for tokens, is_seed, lang in zip(units, seeded, langs):
        for w in set(tokens):
            df[w] += 1
            unit_lang.setdefault(w, set()).add(lang)
            if is_seed:
                df_seed[w] += 1

    def already(tokens: list[str], lang: str | None) -> bool:
        return bool(match(single, tokens, lang=lang).hits)

    def eligible(w: str) -> bool:
        return (len(w) >= 3 and not w.isdigit() and df[w] >= min_count and df[w] <= max_share * len(units)
                and not already([w], next(iter(unit_lang[w]))))

    words = sorted(w for w in df if eligible(w))
    rows: dict[str, dict[str, Any]] = {}
    if words:
        a = np.array([df_seed[w] for w in words])
        b = np.array([df[w] - df_seed[w] for w in words])
        for w, g in zip(words, _g2(a, b, n1, n2)):
            if g > 0:
                rows.setdefault(w, {})["assoc_g2"] = float(g)

    finder = BigramCollocationFinder.from_documents(units)
    finder.apply_freq_filter(min_count)
    for (w1, w2), llr in finder.score_ngrams(BigramAssocMeasures.likelihood_ratio):
        if (w1 in seed_words) != (w2 in seed_words) and len(w1) > 1 and len(w2) > 1:
            rows.setdefault(f"{w1} {w2}", {})["collocation_llr"] = float(llr)

    vectorizer = TfidfVectorizer(analyzer=lambda doc: doc, min_df=min_count, sublinear_tf=True)
    matrix = vectorizer.fit_transform(units)
    vocab = vectorizer.get_feature_names_out()
    k = min(n_components, matrix.shape[0] - 1, matrix.shape[1] - 1)
    if k >= 2:
        svd = TruncatedSVD(n_components=k, random_state=seed)
        svd.fit(matrix)
        term_vecs = svd.components_.T * svd.singular_values_
        norms = np.linalg.norm(term_vecs, axis=1)
        norms[norms == 0] = 1.0
        term_vecs = term_vecs / norms[:, None]
        index = {w: i for i, w in enumerate(vocab)}
        seeds = [index[w] for w in seed_words if w in index]
        if seeds:
            centroid = term_vecs[seeds].mean(axis=0)
            centroid /= np.linalg.norm(centroid) or 1.0
            wanted = set(words)
            sims = term_vecs @ centroid
            for w, s in zip(vocab, sims):
                if w in wanted:
                    rows.setdefault(w, {})["svd_cosine"] = float(s)

    frame = pd.DataFrame.from_dict(rows, orient="index")
    for col in ("assoc_g2", "collocation_llr", "svd_cosine"):
        if col not in frame:
            frame[col] = np.nan
    score = np.zeros(len(frame))
    for col in ("assoc_g2", "collocation_llr", "svd_cosine"):
        ranks = frame[col].rank(ascending=False, method="min")
        score += np.where(ranks.notna(), 1.0 / (_RRF + ranks.fillna(0)), 0.0)
    frame["score"] = score
    frame["candidate"] = frame.index
    frame = frame.sort_values(["score", "candidate"], ascending=[False, True]).head(top)

    out = []
    for cand, row in frame.iterrows():
        cwords = cand.split()
        examples, n_sent, cand_langs = [], 0, set()
        for tokens, lang in zip(units, langs):
            p = _find(tokens, cwords)
            if p >= 0:
                n_sent += 1
                cand_langs.add(lang)
                if len(examples) < 2:
                    examples.append(_context(tokens, p, p + len(cwords)))
        examples += [""] * (2 - len(examples))
        lang = next(iter(cand_langs)) if len(cand_langs) == 1 else None
        out.append((category, cand, lang or "", round(float(row["score"]), 6), row["assoc_g2"],
                    row["collocation_llr"], row["svd_cosine"], n_sent, examples[0], examples[1], ""))
    return pd.DataFrame(out, columns=list(REVIEW_COLUMNS))


# --------------------------------------------------------------------------- apply
def bump_version(version: str) -> str:
    """Next version: ``1.2.3`` -> ``1.3.0``; a trailing number is incremented; else ``.1`` is appended."""
    m = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", version.strip())
    if m:
        return f"{m.group(1)}.{int(m.group(2)) + 1}.0"
    m = re.fullmatch(r"(.*?)(\d+)", version.strip())
    if m:
        return f"{m.group(1)}{int(m.group(2)) + 1}"
    return f"{version.strip() or '0'}.1"


def apply_review(lexicon: Lexicon, review: pd.DataFrame) -> tuple[dict[str, Any], list[str]]:
    """Merge the accepted review rows into ``lexicon``; return the new lexicon data and what was added.

    A row is accepted when ``accept`` is 1/y/yes/true/x. An accepted candidate
    is appended to its category's own terms (under its ``lang`` key when the
    category's terms are per-language; to the list when they are list-form,
    which applies to every language). Candidates the category already has,
    or already matches as a whole (``sanctions`` when ``sanction*`` is an
    entry), are skipped. The version is bumped (:func:`bump_version`).
    """
    from framelens.interop import lexicon_to_data

    for col in ("category", "candidate", "accept"):
        if col not in review.columns:
            raise FramelensError(f"review sheet: missing column {col!r}; columns are {list(review.columns)}")
    data = lexicon_to_data(lexicon)
    added: list[str] = []
    for i, row in enumerate(review.itertuples(index=False), start=2):
        if str(getattr(row, "accept", "") or "").strip().lower() not in ACCEPT_VALUES:
            continue
        cand = str(row.candidate).strip()
        lang = str(getattr(row, "lang", "") or "").strip() or None
        if isinstance(getattr(row, "lang", None), float) and math.isnan(row.lang):
            lang = None
        try:
            entry = parse_entry(cand, lang=lang)
        except LexiconError as exc:
            raise FramelensError(f"review sheet row {i}: {exc}") from exc
        cat = lexicon.category(str(row.category))
        if any(e.pattern == entry.pattern and e.lang in (None, lang) for e in cat.entries):
            continue
        if entry.n_loose == 0 and lang is not None or entry.n_loose == 0 and not any(
                "stem" in e.kinds for e in cat.entries):
            covered = match_article(replace(lexicon, categories=(cat,)), list(entry.words), lang=lang).hits
            if any(m.start == 0 and m.end == len(entry.words) for m in covered):
                continue  # the category already matches this phrase as a whole
        node = {"categories": data["categories"]}
        for part in cat.name.split("/"):
            node = node["categories"][part]
        terms = node.setdefault("terms", [])
        if isinstance(terms, dict):
            if lang is None:
                raise FramelensError(f"review sheet row {i}: category {cat.name!r} has per-language terms; "
                                     f"give the candidate {cand!r} a lang")
            terms.setdefault(lang, []).append(cand)
        elif lang is not None and not terms:
            node["terms"] = {lang: [cand]}
        else:
            terms.append(cand)  # list-form terms apply to every language, whatever the row's lang
        added.append(f"{cat.name}: {cand}")
    data["version"] = bump_version(lexicon.version)
    return data, added


def check_applied(text: str, *, path: str) -> Lexicon:
    """Parse the merged lexicon text; raise when merging produced an invalid lexicon."""
    lexicon = parse_lexicon(text, path=path)
    errors = [p.format(path) for p in lexicon.problems if p.level == "error"]
    if errors:
        raise LexiconError("the merged lexicon has errors:\n" + "\n".join(errors))
    return lexicon
