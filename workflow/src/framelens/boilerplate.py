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
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from framelens.errors import ConfigError

__all__ = ["BOILERPLATE_COLUMNS", "LearnedBoilerplate", "learn_boilerplate", "strip_learned"]

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

    table = pd.DataFrame(rows, columns=list(BOILERPLATE_COLUMNS))
    table = table.astype({"n_articles": "int64", "outlet_articles": "int64", "share": "float64"})
    table = table.sort_values(["outlet", "kind", "n_articles", "line"], ascending=[True, False, False, True],
                              kind="stable").reset_index(drop=True)
    return LearnedBoilerplate(lines={o: frozenset(s) for o, s in sorted(removed.items()) if s}, table=table)


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
