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


def learn_boilerplate_streamed(
    batches: Batches,
    *,
    min_share: float = 0.6,
    min_articles: int = 5,
    headlines: bool = True,
    min_headline_words: int = 4,
) -> LearnedBoilerplate:
    """:func:`learn_boilerplate` over a corpus read in batches, with memory that does not grow with it.

    Exactly the same result, in four passes over ``batches()``:

    1. per outlet, the number of articles ``n`` and of distinct lines ``m``
       (summed over articles); 64-bit hashes of the titles long enough to be
       inserted headlines;
    2. per outlet, the Misra-Gries summary with ``K = m // (min_share * n) + 2``
       counters: it is guaranteed to contain every line occurring in more than
       ``m / (K + 1)`` articles, hence every line in at least ``min_share`` of them;
    3. exact counts of those candidate lines only, and of body lines whose hash
       is a title's hash (candidate inserted headlines);
    4. the titles, to confirm that every candidate headline really is a title.

    Memory: the summaries (``K`` lines per outlet), 8 bytes per long title, and
    the lines found.
    """
    if not 0 < min_share <= 1:
        raise ConfigError(f"boilerplate min_share must be in (0, 1], not {min_share!r}")
    if min_articles < 2:
        raise ConfigError(f"boilerplate min_articles must be at least 2, not {min_articles!r}")
    n_outlet: Counter[str] = Counter()
    m_outlet: Counter[str] = Counter()
    title_hashes: list[np.ndarray] = []
    for outlets, titles, texts in batches():
        if not len(outlets) == len(titles) == len(texts):
            raise ValueError("outlets, titles and texts must have the same length")
        for outlet, text in zip(outlets, texts):
            n_outlet[outlet] += 1
            m_outlet[outlet] += len(set(_lines(text)))
        if headlines:
            title_hashes.append(np.fromiter(
                (hash(t.strip()) for t in titles if t and _words(t) >= min_headline_words), dtype=np.int64))
    known_titles = np.unique(np.concatenate(title_hashes)) if title_hashes else np.zeros(0, dtype=np.int64)
    del title_hashes

    eligible = {o for o, n in n_outlet.items() if n >= min_articles}
    size = {o: int(m_outlet[o] // (min_share * n_outlet[o])) + 2 for o in eligible}
    summary: dict[str, dict[str, int]] = {o: {} for o in eligible}
    for outlets, _titles, texts in batches():
        for outlet, text in zip(outlets, texts):
            if outlet not in eligible:
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

    per_outlet: dict[str, Counter[str]] = {o: Counter() for o in eligible}
    found: Counter[tuple[str, str]] = Counter()
    for outlets, titles, texts in batches():
        for outlet, title, text in zip(outlets, titles, texts):
            lines = set(_lines(text))
            if outlet in eligible:
                candidates = summary[outlet]
                per_outlet[outlet].update(line for line in lines if line in candidates)
            if headlines and len(known_titles) and lines:
                own = (title or "").strip()
                listed = list(lines)
                hashes = np.fromiter((hash(line) for line in listed), dtype=np.int64, count=len(listed))
                pos = np.searchsorted(known_titles, hashes).clip(max=len(known_titles) - 1)
                for line, hit in zip(listed, known_titles[pos] == hashes):
                    if hit and line != own:
                        found[(outlet, line)] += 1
    del summary

    if found:
        wanted = {line for _, line in found}
        real: set[str] = set()
        for _outlets, titles, _texts in batches():
            for t in titles:
                if t and t.strip() in wanted and _words(t) >= min_headline_words:
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


def _learned(rows: list[dict], removed: dict[str, set[str]]) -> LearnedBoilerplate:
    """The learned lines per outlet and their table (outlet, repeated before headline, most frequent first)."""
    table = pd.DataFrame(rows, columns=list(BOILERPLATE_COLUMNS))
    table = table.astype({"n_articles": "int64", "outlet_articles": "int64", "share": "float64"})
    table = table.sort_values(["outlet", "kind", "n_articles", "line"], ascending=[True, False, False, True],
                              kind="stable").reset_index(drop=True)
    return LearnedBoilerplate(lines={o: frozenset(s) for o, s in sorted(removed.items()) if s}, table=table)
