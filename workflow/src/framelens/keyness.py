"""Keyness: which words or lexicon entries one side uses more than the other (Fightin' Words).

The statistic is the log-odds ratio with an informative Dirichlet prior of
Monroe, Colaresi & Quinn (2008, *Political Analysis* 16(4), "Fightin' Words"),
eq. 16–22: for term ``w`` with counts ``y_a``, ``y_b`` in sides of ``n_a``,
``n_b`` tokens and prior pseudo-counts ``alpha_w = alpha_0 * pi_w`` (``pi`` =
the term's share of the whole corpus),

    delta_w = log((y_a + alpha_w) / (n_a + alpha_0 - y_a - alpha_w))
            - log((y_b + alpha_w) / (n_b + alpha_0 - y_b - alpha_w))
    var(delta_w) ~ 1 / (y_a + alpha_w) + 1 / (y_b + alpha_w),   z_w = delta_w / sqrt(var)

A positive ``z`` means side ``a`` (the *focus*) uses the term more. The prior
shrinks rare terms towards zero, so the top of the list is not a row of
hapaxes. ``|z| > 1.96`` is the usual reading threshold (not corrected for the
many terms tested: read the list as a ranking, not as tests).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from framelens.errors import ConfigError

__all__ = [
    "one_vs_rest_pairs",
    "KEYNESS_COLUMNS", "REST", "log_odds_dirichlet", "word_counts", "outlet_word_counts", "parse_stopwords",
    "entry_counts",
    "resolve_side", "keyness_table", "top_terms", "comparison_slug", "comparison_slugs",
]

KEYNESS_COLUMNS = (
    "comparison", "focus", "other", "category", "term", "count_focus", "count_other",
    "n_focus", "n_other", "delta", "se", "z",
)
REST = "rest"
_WORD = re.compile(r"[^\W\d_]", re.UNICODE)


def log_odds_dirichlet(
    counts_a: Mapping[str, float], counts_b: Mapping[str, float], background: Mapping[str, float],
    *, prior_total: float,
) -> pd.DataFrame:
    """Log-odds ratio ``a`` vs ``b`` with an informative Dirichlet prior, per term.

    ``background`` gives the counts that define the prior shares ``pi`` (usually
    the whole corpus; it must cover every term of ``a`` and ``b``);
    ``prior_total`` is ``alpha_0``. Returns columns ``term, count_a, count_b,
    delta, se, z`` in sorted term order.
    """
    if prior_total <= 0:
        raise ValueError(f"prior_total must be positive, not {prior_total}")
    terms = sorted(set(counts_a) | set(counts_b))
    missing = [t for t in terms if background.get(t, 0) <= 0]
    if missing:
        raise ValueError(f"background counts lack term(s) {missing[:5]}; use counts that include both sides")
    y_a = np.array([counts_a.get(t, 0) for t in terms], dtype=float)
    y_b = np.array([counts_b.get(t, 0) for t in terms], dtype=float)
    bg = np.array([background[t] for t in terms], dtype=float)
    alpha = prior_total * bg / float(sum(background.values()))
    n_a, n_b = float(sum(counts_a.values())), float(sum(counts_b.values()))
    delta = (np.log((y_a + alpha) / (n_a + prior_total - y_a - alpha))
             - np.log((y_b + alpha) / (n_b + prior_total - y_b - alpha)))
    se = np.sqrt(1.0 / (y_a + alpha) + 1.0 / (y_b + alpha))
    return pd.DataFrame({"term": terms, "count_a": y_a.astype(int), "count_b": y_b.astype(int),
                         "delta": delta, "se": se, "z": delta / se})


def word_counts(
    ids: Sequence[str], tokens: Iterable[Sequence[str]], *, stopwords: Iterable[str] = ()
) -> dict[str, Counter]:
    """Per article id, the counts of its word tokens (with at least one letter, not in ``stopwords``)."""
    stop = frozenset(stopwords)
    return {i: Counter(t for t in toks if _WORD.search(t) and t not in stop) for i, toks in zip(ids, tokens)}


def outlet_word_counts(
    outlets: Sequence[str], tokens: Iterable[Sequence[str]], *, stopwords: Iterable[str] = (),
    into: dict[str, Counter] | None = None,
) -> dict[str, Counter]:
    """Per outlet, the counts of its articles' word tokens (as :func:`word_counts`, summed by outlet).

    Keyness only compares sides made of outlets, so these totals give the same
    :func:`keyness_table` as per-article counts (pass ``{outlet: outlet}`` as
    ``article_outlet``) while memory grows with the vocabulary, not the corpus.
    With ``into`` the counts are added to that mapping (a new one is returned;
    ``into`` is not changed), so a corpus can be counted batch by batch.
    """
    stop = frozenset(stopwords)
    out = {o: Counter(c) for o, c in (into or {}).items()}
    for outlet, toks in zip(outlets, tokens):
        out.setdefault(outlet, Counter()).update(t for t in toks if _WORD.search(t) and t not in stop)
    return out


def parse_stopwords(text: str) -> list[str]:
    """Words of a stopword list: one a line, lower-cased; blank lines and ``#`` comments ignored."""
    words = (line.split("#", 1)[0].strip().lower() for line in text.splitlines())
    return sorted({w for w in words if w})


def entry_counts(terms: pd.DataFrame) -> dict[str, Counter]:
    """Per article id, the counts of lexicon entries (``category: entry``) from the score step's terms table."""
    out: dict[str, Counter] = {}
    for art, cat, entry, n in zip(terms["id"], terms["category"], terms["entry"], terms["n"]):
        out.setdefault(art, Counter())[f"{cat}: {entry}"] += int(n)
    return out


def resolve_side(name: str, outlets: pd.DataFrame) -> list[str]:
    """Outlet ids meant by ``name``: an outlet group, else an outlet id.

    Raises ``KeyError`` listing the valid names.
    """
    members = outlets.loc[outlets["group"] == name, "outlet"].tolist()
    if members:
        return sorted(members)
    if name in set(outlets["outlet"]):
        return [name]
    raise KeyError(f"{name!r} is neither an outlet group nor an outlet id; groups are "
                   f"{sorted(set(outlets['group']))}, outlets {sorted(outlets['outlet'])}")


def one_vs_rest_pairs(groups: Sequence[str]) -> list[tuple[str, str]]:
    """``(group, REST)`` for each distinct group, sorted; none when there are fewer than two groups.

    With a single group "the rest" is empty and there is nothing to compare.
    """
    unique = sorted(set(groups))
    return [(g, REST) for g in unique] if len(unique) > 1 else []


def comparison_slug(focus: str, other: str) -> str:
    """File-name-safe name of a comparison, e.g. ``state-aligned_vs_rest``."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{focus}_vs_{other}")


def comparison_slugs(pairs: Sequence[tuple[str, str]]) -> list[str]:
    """:func:`comparison_slug` of each distinct pair; :class:`ConfigError` when two pairs share a file name.

    Group names "state aligned" and "state-aligned" would both be written to
    ``state-aligned_vs_rest``; one comparison would silently replace the other.
    """
    owner: dict[str, tuple[str, str]] = {}
    slugs: list[str] = []
    for pair in dict.fromkeys(tuple(p) for p in pairs):
        slug = comparison_slug(*pair)
        if slug in owner:
            raise ConfigError(f"keyness comparisons {owner[slug]} and {pair} would both be written as "
                              f"{slug!r}; rename one of the groups so their letters and digits differ")
        owner[slug] = pair
        slugs.append(slug)
    return slugs


def keyness_table(
    counts: Mapping[str, Counter],
    article_outlet: Mapping[str, str],
    outlets: pd.DataFrame,
    comparisons: Sequence[tuple[str, str]],
    *,
    prior_total: float = 1000.0,
    min_count: int = 5,
) -> pd.DataFrame:
    """Tidy keyness table (:data:`KEYNESS_COLUMNS`) for each ``(focus, other)`` comparison.

    ``counts`` maps article id → term counts (:func:`word_counts` or
    :func:`entry_counts`); ``other`` may be :data:`REST` (every article not in
    ``focus``). The prior shares come from the whole corpus. Terms used fewer
    than ``min_count`` times by the two sides together are left out. Rows are
    sorted by comparison, then ``z`` descending, then term.
    """
    background: Counter = Counter()
    for c in counts.values():
        background.update(c)
    frames = []
    for focus, other in comparisons:
        focus_outlets = set(resolve_side(focus, outlets))
        other_outlets = (set(outlets["outlet"]) - focus_outlets) if other == REST \
            else set(resolve_side(other, outlets))
        side_a: Counter = Counter()
        side_b: Counter = Counter()
        for art, c in counts.items():
            outlet = article_outlet.get(art)
            if outlet in focus_outlets:
                side_a.update(c)
            elif outlet in other_outlets:
                side_b.update(c)
        if not side_a or not side_b:
            raise ValueError(f"keyness {focus} vs {other}: one side has no tokens "
                             f"(focus outlets {sorted(focus_outlets)}, other {sorted(other_outlets)})")
        res = log_odds_dirichlet(side_a, side_b, background, prior_total=prior_total)
        res = res[res["count_a"] + res["count_b"] >= min_count]
        split = res["term"].str.split(": ", n=1, expand=True) if res["term"].str.contains(": ").all() \
            and len(res) else None
        frames.append(pd.DataFrame({
            "comparison": comparison_slug(focus, other), "focus": focus, "other": other,
            "category": split[0].to_numpy() if split is not None else "",
            "term": split[1].to_numpy() if split is not None else res["term"].to_numpy(),
            "count_focus": res["count_a"].to_numpy(), "count_other": res["count_b"].to_numpy(),
            "n_focus": int(sum(side_a.values())), "n_other": int(sum(side_b.values())),
            "delta": res["delta"].to_numpy(), "se": res["se"].to_numpy(), "z": res["z"].to_numpy(),
        }))
    if not frames:
        return pd.DataFrame(columns=list(KEYNESS_COLUMNS))
    table = pd.concat(frames, ignore_index=True)
    order = {slug: i for i, slug in enumerate(dict.fromkeys(table["comparison"]))}
    table = table.assign(_o=table["comparison"].map(order), _z=-table["z"])
    return table.sort_values(["_o", "_z", "term"], kind="stable").drop(columns=["_o", "_z"]).reset_index(drop=True)


def top_terms(table: pd.DataFrame, *, n: int = 20) -> pd.DataFrame:
    """The ``n`` terms with the highest and the ``n`` with the lowest ``z`` per comparison, with a ``direction``."""
    parts = []
    for _, sub in table.groupby("comparison", sort=False):
        up = sub[sub["z"] > 0].nlargest(n, "z").assign(direction="focus", rank=lambda f: range(1, len(f) + 1))
        down = sub[sub["z"] < 0].nsmallest(n, "z").assign(direction="other", rank=lambda f: range(1, len(f) + 1))
        parts += [up, down]
    if not parts:
        return table.assign(direction=[], rank=[])
    return pd.concat(parts, ignore_index=True)
