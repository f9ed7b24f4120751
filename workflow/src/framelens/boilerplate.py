"""Learned boilerplate: lines that repeat across an outlet's articles, and inserted headlines.

Configured patterns (:func:`framelens.clean.strip_boilerplate`, applied at
ingest) catch the boilerplate a user already knows. This module learns the
rest from the corpus itself:

* ``repeated`` lines: a line (after ingest's whitespace clean-up) that occurs
  in at least ``min_share`` of one outlet's articles, in an outlet with at
  least ``min_articles`` articles. Navigation, share buttons, subscription
  calls and aggregator headers and footers look like this; a sentence of real
  reporting almost never does.
* ``headline`` lines: a body line that is, word for word, the title of
  *another* article in the corpus (an inserted "related" headline). Only titles
  of at least ``min_headline_words`` words are used, so a one-word line such
  as "Politics" is never taken for a headline.

Everything found is returned as a table (written to
``results/qc/boilerplate.csv``) so that a user can review it and, if a line
was wrongly taken, raise the threshold or turn the feature off.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from framelens.errors import ConfigError

__all__ = ["BOILERPLATE_COLUMNS", "LearnedBoilerplate", "learn_boilerplate", "learn_boilerplate_streamed",
           "strip_learned"]

BOILERPLATE_COLUMNS = ("outlet", "kind", "line", "n_articles", "outlet_articles", "share")
_BLANK_RUN = "\n\n\n"


@dataclass(frozen=True)
class LearnedBoilerplate:
    """What was learned: per outlet, the lines to remove; and the review table."""

    lines: dict[str, frozenset[str]]  # outlet -> lines removed from its articles
    table: pd.DataFrame  # BOILERPLATE_COLUMNS, sorted by outlet, kind, -n_articles, line


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line]


def _words(line: str) -> int:
    return len(line.split())


def learn_boilerplate(
    outlets: Sequence[str],
    titles: Sequence[str | None],
    texts: Sequence[str],
    *,
    min_share: float = 0.6,
    min_articles: int = 5,
    headlines: bool = True,
    min_headline_words: int = 4,
) -> LearnedBoilerplate:
    """Learn repeated lines per outlet and inserted headlines from parallel sequences.

    A repeated line must occur in at least ``min_share`` of the outlet's
    articles and in at least two of them; outlets with fewer than
    ``min_articles`` articles are left alone (too few to tell boilerplate from
    coincidence).
    """
    if not 0 < min_share <= 1:
        raise ConfigError(f"boilerplate min_share must be in (0, 1], not {min_share!r}")
    if min_articles < 2:
        raise ConfigError(f"boilerplate min_articles must be at least 2, not {min_articles!r}")
    if not len(outlets) == len(titles) == len(texts):
        raise ValueError("outlets, titles and texts must have the same length")

    per_outlet: dict[str, Counter[str]] = defaultdict(Counter)
    n_outlet: Counter[str] = Counter()
    for outlet, text in zip(outlets, texts):
        n_outlet[outlet] += 1
        per_outlet[outlet].update(set(_lines(text)))

    rows: list[dict[str, object]] = []
    removed: dict[str, set[str]] = defaultdict(set)
    for outlet in sorted(per_outlet):
        n = n_outlet[outlet]
        if n < min_articles:
            continue
        for line, k in per_outlet[outlet].items():
            if k >= 2 and k >= min_share * n:
                removed[outlet].add(line)
                rows.append({"outlet": outlet, "kind": "repeated", "line": line, "n_articles": k,
                             "outlet_articles": n, "share": k / n})

    if headlines:
        title_owner: dict[str, set[int]] = defaultdict(set)
        for i, title in enumerate(titles):
            if title and _words(title) >= min_headline_words:
                title_owner[title.strip()].add(i)
        found: dict[tuple[str, str], int] = Counter()
        for i, (outlet, title, text) in enumerate(zip(outlets, titles, texts)):
            own = (title or "").strip()
            for line in set(_lines(text)):
                owners = title_owner.get(line)
                if owners and line != own and owners - {i} and line not in removed[outlet]:
                    found[(outlet, line)] += 1
        for (outlet, line), k in sorted(found.items()):
            removed[outlet].add(line)
            n = n_outlet[outlet]
            rows.append({"outlet": outlet, "kind": "headline", "line": line, "n_articles": k,
                         "outlet_articles": n, "share": k / n})
    return _learned(rows, removed)


def strip_learned(
    outlets: Sequence[str], texts: Sequence[str], learned: LearnedBoilerplate
) -> tuple[list[str], list[int]]:
    """Remove each outlet's learned lines; return the texts and the lines removed per text.

    Paragraph breaks survive; a blank line left where a paragraph disappeared
    is not doubled.
    """
    out_texts: list[str] = []
    n_removed: list[int] = []
    for outlet, text in zip(outlets, texts, strict=True):
        drop = learned.lines.get(outlet, frozenset())
        if not drop:
            out_texts.append(text)
            n_removed.append(0)
            continue
        kept = [line for line in text.split("\n") if not (line and line in drop)]
        cleaned = "\n".join(kept)
        while _BLANK_RUN in cleaned:
            cleaned = cleaned.replace(_BLANK_RUN, "\n\n")
        out_texts.append(cleaned.strip())
        n_removed.append(len(text.split("\n")) - len(kept))
    return out_texts, n_removed


# --------------------------------------------------------------------------- streamed learning (issue 9)
Batches = Callable[[], Iterable[tuple[Sequence[str], Sequence[str | None], Sequence[str]]]]
"""A callable that returns a fresh iterator of ``(outlets, titles, texts)`` batches on every call."""
TitleBatches = Callable[[], Iterable[Sequence[str | None]]]
"""A callable that returns a fresh iterator of the same batches' titles only."""

_KEY_MIX = np.uint64(0x9E3779B97F4A7C15)
_SUMMARY_FACTOR = 2  # K = _SUMMARY_FACTOR * (m // (min_share * n)) + 2 hashes per outlet in pass 1


def learn_boilerplate_streamed(
    batches: Batches,
    *,
    min_share: float = 0.6,
    min_articles: int = 5,
    headlines: bool = True,
    min_headline_words: int = 4,
    titles: TitleBatches | None = None,
) -> LearnedBoilerplate:
    """:func:`learn_boilerplate` over a corpus read in batches, with memory that does not grow with it.

    Exactly the same result, in two passes over ``batches()`` and one over the
    titles (``titles()``, or ``batches()`` when it is not given):

    1. per outlet, the number of articles ``n`` and of distinct lines ``m``
       (summed over articles); 64-bit hashes of the titles long enough to be
       inserted headlines; and a Misra-Gries summary of the line hashes, kept
       batch by batch as a mergeable summary (the batch's exact counts are
       added, then the ``K + 1``-th largest count is subtracted from all and
       what is left positive kept, ``K = 2 * (m // (min_share * n)) + 2`` with
       ``m`` and ``n`` so far). The sum ``E`` of what was subtracted bounds how
       far any count is below the truth, so every line in at least
       ``k_min = max(2, min_share * n)`` articles is kept if ``E < k_min``, and
       the candidates are the hashes whose count plus ``E`` reaches ``k_min``.
       An outlet where ``E`` is too large (a corpus ordered adversarially) gets
       an extra pass: the exact Misra-Gries summary of its lines with
       ``K = m // (min_share * n) + 2`` counters, which contains every line in
       more than ``m / (K + 1)`` articles;
    2. exact counts of the lines whose hash is a candidate, and of body lines
       whose hash is a title's hash (candidate inserted headlines); hashes only
       select lines, the counts are of the lines themselves;
    3. the titles, to confirm that every candidate headline really is a title.

    Memory: the summaries (about ``K`` hashes per outlet), 8 bytes per long
    title, one batch's lines, and the lines found.
    """
    if not 0 < min_share <= 1:
        raise ConfigError(f"boilerplate min_share must be in (0, 1], not {min_share!r}")
    if min_articles < 2:
        raise ConfigError(f"boilerplate min_articles must be at least 2, not {min_articles!r}")
    code_of: dict[str, int] = {}
    n_code: list[int] = []
    m_code: list[int] = []
    error: list[int] = []
    summary: _Summary = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    title_hashes: list[np.ndarray] = []
    for outlets, titles_, texts in batches():
        if not len(outlets) == len(titles_) == len(texts):
            raise ValueError("outlets, titles and texts must have the same length")
        codes = _outlet_codes(outlets, code_of, n_code, m_code, error)
        flat, sizes = _line_sets(texts)
        hashes = np.fromiter(map(hash, flat), dtype=np.int64, count=len(flat))
        line_codes = np.repeat(codes, sizes)
        for code, k in enumerate(np.bincount(codes, minlength=len(n_code)).tolist()):
            n_code[code] += k
        for code, k in enumerate(np.bincount(line_codes, minlength=len(n_code)).tolist()):
            m_code[code] += k
        summary = _merge_summary(summary, line_codes, hashes, n_code, m_code, error, min_share)
        if headlines:
            title_hashes.append(np.fromiter(
                (hash(t.strip()) for t in titles_ if t and _words(t) >= min_headline_words), dtype=np.int64))
    known_titles = np.unique(np.concatenate(title_hashes)) if title_hashes else np.zeros(0, dtype=np.int64)
    del title_hashes
    n_outlet = {o: n_code[c] for o, c in code_of.items()}

    eligible = {o for o, n in n_outlet.items() if n >= min_articles}
    candidates: list[np.ndarray] = []
    exhaustive: dict[str, int] = {}
    s_code, s_hash, s_count = summary
    for outlet in sorted(eligible):
        code = code_of[outlet]
        k_min = _min_count(min_share, n_code[code])
        if error[code] < k_min:
            mine = (s_code == code) & (s_count + error[code] >= k_min)
            candidates.append(_combined(s_code[mine], s_hash[mine]))
        else:
            exhaustive[outlet] = int(m_code[code] // (min_share * n_code[code])) + 2
    del summary, s_code, s_hash, s_count
    if exhaustive:
        for outlet, lines in _misra_gries(batches, exhaustive).items():
            hashes = np.fromiter(map(hash, lines), dtype=np.int64, count=len(lines))
            candidates.append(_combined(np.full(len(lines), code_of[outlet], dtype=np.int64), hashes))
    wanted = np.unique(np.concatenate(candidates)) if candidates else np.zeros(0, dtype=np.uint64)
    del candidates

    per_outlet: dict[str, Counter[str]] = {o: Counter() for o in eligible}
    found: Counter[tuple[str, str]] = Counter()
    if len(wanted) or (headlines and len(known_titles)):
        for outlets, titles_, texts in batches():
            flat, sizes = _line_sets(texts)
            if not flat:
                continue
            hashes = np.fromiter(map(hash, flat), dtype=np.int64, count=len(flat))
            article = np.repeat(np.arange(len(texts)), sizes)
            codes = np.fromiter((code_of[o] for o in outlets), dtype=np.int64, count=len(outlets))
            repeated = _isin_sorted(_combined(codes[article], hashes), wanted)
            headline = (_isin_sorted(hashes, known_titles) if headlines
                        else np.zeros(len(hashes), dtype=bool))
            for i in np.flatnonzero(repeated | headline).tolist():
                line, a = flat[i], int(article[i])
                outlet = outlets[a]
                if repeated[i] and outlet in eligible:
                    per_outlet[outlet][line] += 1
                if headline[i] and line != (titles_[a] or "").strip():
                    found[(outlet, line)] += 1

    if found:
        lines_found = {line for _, line in found}
        real: set[str] = set()
        title_batches = titles() if titles is not None else (t for _o, t, _x in batches())
        for batch_titles in title_batches:
            for t in batch_titles:
                if t and t.strip() in lines_found and _words(t) >= min_headline_words:
                    real.add(t.strip())
        found = Counter({key: k for key, k in found.items() if key[1] in real})

    rows: list[dict[str, object]] = []
    removed: dict[str, set[str]] = defaultdict(set)
    for outlet in sorted(per_outlet):
        n = n_outlet[outlet]
        for line, k in per_outlet[outlet].items():
            if k >= 2 and k >= min_share * n:
                removed[outlet].add(line)
                rows.append({"outlet": outlet, "kind": "repeated", "line": line, "n_articles": k,
                             "outlet_articles": n, "share": k / n})
    for (outlet, line), k in sorted(found.items()):
        if line in removed[outlet]:
            continue
        removed[outlet].add(line)
        n = n_outlet[outlet]
        rows.append({"outlet": outlet, "kind": "headline", "line": line, "n_articles": k,
                     "outlet_articles": n, "share": k / n})
    return _learned(rows, removed)


def _line_sets(texts: Sequence[str]) -> tuple[list[str], list[int]]:
    """The distinct lines of each text (``set(_lines(text))``), one list for all, and how many per text."""
    flat: list[str] = []
    sizes: list[int] = []
    for text in texts:
        lines = set(text.split("\n"))
        lines.discard("")
        flat.extend(lines)
        sizes.append(len(lines))
    return flat, sizes


def _outlet_codes(outlets: Sequence[str], code_of: dict[str, int], *grow: list[int]) -> np.ndarray:
    """Small integer codes of ``outlets`` (new outlets get the next code; ``grow`` lists get a 0 each)."""
    for outlet in outlets:
        if outlet not in code_of:
            code_of[outlet] = len(code_of)
            for values in grow:
                values.append(0)
    return np.fromiter((code_of[o] for o in outlets), dtype=np.int64, count=len(outlets))


def _min_count(min_share: float, n: int) -> int:
    """The smallest number of articles ``k`` with ``k >= 2 and k >= min_share * n`` (as the rows test it)."""
    k = max(2, math.ceil(min_share * n))
    while k > 2 and k - 1 >= min_share * n:
        k -= 1
    while not k >= min_share * n:
        k += 1
    return k


_Summary = tuple[np.ndarray, np.ndarray, np.ndarray]  # outlet code, line hash, count (sorted by code, hash)


def _merge_summary(summary: _Summary, line_codes: np.ndarray, hashes: np.ndarray, n_code: list[int],
                   m_code: list[int], error: list[int], min_share: float) -> _Summary:
    """Add one batch's (outlet code, line hash) pairs to the summaries; prune each outlet's to ``K`` hashes."""
    s_code, s_hash, s_count = summary
    if not len(s_code) + len(line_codes):
        return summary
    code = np.concatenate([s_code, line_codes])
    key = np.concatenate([s_hash, hashes])
    count = np.concatenate([s_count, np.ones(len(hashes), dtype=np.int64)])
    order = np.lexsort((key, code))
    code, key, count = code[order], key[order], count[order]
    starts = np.flatnonzero(np.r_[True, (code[1:] != code[:-1]) | (key[1:] != key[:-1])])
    code, key, count = code[starts], key[starts], np.add.reduceat(count, starts)
    bounds = np.flatnonzero(np.r_[True, code[1:] != code[:-1], True])
    keep = np.ones(len(code), dtype=bool)
    for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        c = int(code[lo])
        size = _SUMMARY_FACTOR * int(m_code[c] // (min_share * n_code[c])) + 2
        if hi - lo > size:
            cut = int(np.partition(count[lo:hi], hi - lo - size - 1)[hi - lo - size - 1])
            count[lo:hi] -= cut
            keep[lo:hi] = count[lo:hi] > 0
            error[c] += cut
    return code[keep], key[keep], count[keep]


def _combined(codes: np.ndarray, hashes: np.ndarray) -> np.ndarray:
    """One 64-bit key per (outlet code, line hash): equal pairs give equal keys."""
    with np.errstate(over="ignore"):
        return hashes.astype(np.uint64) ^ (codes.astype(np.uint64) * _KEY_MIX)


def _isin_sorted(values: np.ndarray, table: np.ndarray) -> np.ndarray:
    """``np.isin(values, table)`` for a sorted, unique ``table``."""
    if not len(table):
        return np.zeros(len(values), dtype=bool)
    pos = np.searchsorted(table, values).clip(max=len(table) - 1)
    return table[pos] == values


def _misra_gries(batches: Batches, size: dict[str, int]) -> dict[str, list[str]]:
    """The Misra-Gries summary (``size[outlet]`` counters) of the distinct lines of each outlet in ``size``."""
    summary: dict[str, dict[str, int]] = {o: {} for o in size}
    for outlets, _titles, texts in batches():
        for outlet, text in zip(outlets, texts):
            if outlet not in summary:
                continue
            counters = summary[outlet]
            for line in set(_lines(text)):
                if line in counters:
                    counters[line] += 1
                elif len(counters) < size[outlet]:
                    counters[line] = 1
                else:
                    for key in list(counters):
                        counters[key] -= 1
                        if not counters[key]:
                            del counters[key]
    return {o: list(c) for o, c in summary.items()}


def _learned(rows: list[dict], removed: dict[str, set[str]]) -> LearnedBoilerplate:
    """The learned lines per outlet and their table (outlet, repeated before headline, most frequent first)."""
    table = pd.DataFrame(rows, columns=list(BOILERPLATE_COLUMNS))
    table = table.astype({"n_articles": "int64", "outlet_articles": "int64", "share": "float64"})
    table = table.sort_values(["outlet", "kind", "n_articles", "line"], ascending=[True, False, False, True],
                              kind="stable").reset_index(drop=True)
    return LearnedBoilerplate(lines={o: frozenset(s) for o, s in sorted(removed.items()) if s}, table=table)
