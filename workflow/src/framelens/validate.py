"""Validation: how often lexicon hits are right (coding sheets, precision, agreement, span overlap).

* :func:`coding_sheet` turns KWIC lines into a sheet for human coders: a
  stratified random sample per category × outlet with empty ``relevant``
  (and optionally ``relevant_2``) columns.
* :func:`score_sheet` reads a coded sheet back: precision per entry and per
  category with Wilson score intervals (:func:`wilson_interval`), and, with
  two coders, Cohen's kappa (:func:`cohen_kappa`) and Krippendorff's alpha
  for nominal data (:func:`krippendorff_alpha`).
* :func:`span_scores` compares lexicon hits with annotated character spans:
  token-level precision, recall and F1, where a token is *gold* when it
  overlaps an annotated span and *predicted* when it lies inside a counted hit.

Codes: ``1``/``yes``/``y``/``true``/``x`` are relevant, ``0``/``no``/``n``/
``false`` are not; an empty cell is "not coded" and left out (counted in
``n_uncoded``). Anything else is an error naming the sheet row.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import norm

from framelens.errors import FramelensError
from framelens.lexicon import Lexicon
from framelens.matcher import Matcher, match_article
from framelens.tokenize import TOKEN_PATTERN, word_tokens

__all__ = [
    "wilson_interval", "cohen_kappa", "krippendorff_alpha", "parse_code", "coding_sheet", "score_sheet",
    "SheetScores", "token_offsets", "span_scores", "SPAN_COLUMNS",
]

_TRUE = {"1", "yes", "y", "true", "x", "1.0"}
_FALSE = {"0", "no", "n", "false", "0.0"}
SPAN_COLUMNS = ("category", "n_tokens", "n_predicted", "n_gold", "true_positives", "precision", "recall", "f1",
                "gold_share")


def wilson_interval(k: int, n: int, *, level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for ``k`` successes in ``n`` trials; ``(nan, nan)`` when ``n == 0``."""
    if n == 0:
        return (math.nan, math.nan)
    z = float(norm.ppf(0.5 + level / 2))
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (max(0.0, centre - half), min(1.0, centre + half))


def cohen_kappa(a: Sequence[object], b: Sequence[object]) -> float:
    """Cohen's kappa of two coders' labels of the same items (``nan`` when chance agreement is 1)."""
    if len(a) != len(b):
        raise FramelensError(f"cohen_kappa: the coders labelled {len(a)} and {len(b)} items")
    labels = sorted(set(a) | set(b), key=str)
    n = len(a)
    if n == 0:
        return math.nan
    observed = sum(x == y for x, y in zip(a, b)) / n
    expected = sum((list(a).count(lab) / n) * (list(b).count(lab) / n) for lab in labels)
    return math.nan if expected == 1 else (observed - expected) / (1 - expected)


def krippendorff_alpha(units: Iterable[Sequence[object | None]]) -> float:
    """Krippendorff's alpha for nominal data; each unit lists its coders' values (``None`` = missing).

    Units with fewer than two values are not pairable and are ignored.
    """
    coincidence: dict[tuple[object, object], float] = {}
    for unit in units:
        values = [v for v in unit if v is not None]
        m = len(values)
        if m < 2:
            continue
        for i, x in enumerate(values):
            for j, y in enumerate(values):
                if i != j:
                    coincidence[(x, y)] = coincidence.get((x, y), 0.0) + 1.0 / (m - 1)
    if not coincidence:
        return math.nan
    labels = sorted({x for x, _ in coincidence}, key=str)
    marg = {c: sum(v for (x, _), v in coincidence.items() if x == c) for c in labels}
    total = sum(marg.values())
    observed = sum(v for (x, y), v in coincidence.items() if x != y)
    expected = sum(marg[c] * marg[k] for c in labels for k in labels if c != k) / (total - 1)
    return math.nan if expected == 0 else 1.0 - observed / expected


def parse_code(value: object, *, where: str) -> int | None:
    """A coder's cell as 1 (relevant), 0 (not) or ``None`` (not coded)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip().lower()
    if text == "":
        return None
    if text in _TRUE:
        return 1
    if text in _FALSE:
        return 0
    raise FramelensError(f"{where}: code {value!r} is not one of 1/0, yes/no, y/n, true/false (or empty)")


# --------------------------------------------------------------------------- coding sheets
def coding_sheet(lines: pd.DataFrame, *, second_coder: bool = False) -> pd.DataFrame:
    """A coding sheet from (sampled) KWIC lines: ``item`` numbers and empty code columns added."""
    sheet = lines.reset_index(drop=True).copy()
    sheet.insert(0, "item", np.arange(1, len(sheet) + 1))
    sheet["relevant"] = ""
    if second_coder:
        sheet["relevant_2"] = ""
    return sheet


@dataclass(frozen=True)
class SheetScores:
    """What a coded sheet says: precision per entry and per category, and agreement."""

    entries: pd.DataFrame
    categories: pd.DataFrame
    agreement: pd.DataFrame


def _precision_table(coded: pd.DataFrame, keys: list[str], level: float) -> pd.DataFrame:
    rows = []
    for key, group in coded.groupby(keys, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        codes = group["_code"]
        n_coded = int(codes.notna().sum())
        k = int((codes == 1).sum())
        low, high = wilson_interval(k, n_coded, level=level)
        rows.append((*key, len(group), n_coded, len(group) - n_coded, k,
                     k / n_coded if n_coded else math.nan, low, high))
    return pd.DataFrame(rows, columns=[*keys, "n_lines", "n_coded", "n_uncoded", "n_relevant",
                                       "precision", "ci_low", "ci_high"])


def score_sheet(sheet: pd.DataFrame, *, level: float = 0.95) -> SheetScores:
    """Precision per category × entry and per category (Wilson intervals at ``level``); two-coder agreement.

    The first coder is ``relevant``; precision uses it. With a ``relevant_2``
    column, items coded by both give Cohen's kappa and Krippendorff's alpha
    (alpha also uses items coded by one coder only when a third is absent:
    they are unpairable and ignored).
    """
    for col in ("category", "entry", "relevant"):
        if col not in sheet.columns:
            raise FramelensError(f"coding sheet: missing column {col!r}; columns are {list(sheet.columns)}")

    def codes(col: str) -> list[int | None]:
        return [parse_code(v, where=f"coding sheet row {i + 2}, column {col!r}") for i, v in enumerate(sheet[col])]

    first = codes("relevant")
    coded = sheet.assign(_code=pd.array(first, dtype="Int64"))
    entries = _precision_table(coded, ["category", "entry"], level)
    categories = _precision_table(coded, ["category"], level)
    agreement_rows = []
    if "relevant_2" in sheet.columns:
        second = codes("relevant_2")
        both = [(a, b) for a, b in zip(first, second) if a is not None and b is not None]
        kappa = cohen_kappa([a for a, _ in both], [b for _, b in both]) if both else math.nan
        alpha = krippendorff_alpha(list(zip(first, second)))
        agreement_rows.append(("all", len(both), sum(a == b for a, b in both) / len(both) if both else math.nan,
                               kappa, alpha))
    agreement = pd.DataFrame(agreement_rows, columns=["scope", "n_both_coded", "percent_agreement",
                                                      "cohen_kappa", "krippendorff_alpha"])
    return SheetScores(entries=entries, categories=categories, agreement=agreement)


# --------------------------------------------------------------------------- spans
_TOKEN = re.compile(TOKEN_PATTERN)


def token_offsets(text: str) -> list[tuple[str, int, int]]:
    """Tokens of ``text`` (as :func:`word_tokens` gives them) with their character spans in ``text``."""
    tokens = word_tokens(text)
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    if len(spans) != len(tokens):  # pragma: no cover - only if the tokenizer stops being regex-based
        raise FramelensError("token offsets: the tokenizer and the token pattern disagree on this text")
    return [(t, s, e) for t, (s, e) in zip(tokens, spans)]


def span_scores(
    texts: Sequence[str],
    gold_spans: Sequence[Sequence[tuple[int, int]]],
    lexicon: Lexicon,
    *,
    langs: Sequence[str | None] | None = None,
    match: Matcher = match_article,
) -> pd.DataFrame:
    """Token-level precision, recall and F1 of the lexicon's counted hits against gold character spans.

    One row per category (predicted tokens: that category's hits; recall against
    all gold tokens) and a first row ``all`` (tokens inside any category's hit).
    ``gold_share`` (gold tokens ÷ all tokens) is the precision of a random guess:
    the baseline a lexicon's precision should beat.
    """
    langs = list(langs) if langs is not None else [None] * len(texts)
    cats = list(lexicon.category_names)
    pred: dict[str, int] = {c: 0 for c in ["all", *cats]}
    tp: dict[str, int] = {c: 0 for c in ["all", *cats]}
    n_gold = n_tokens = 0
    for text, spans, lang in zip(texts, gold_spans, langs, strict=True):
        toks = token_offsets(text)
        n_tokens += len(toks)
        gold = {i for i, (_, s, e) in enumerate(toks) if any(s < ge and gs < e for gs, ge in spans)}
        n_gold += len(gold)
        found = match(lexicon, [t for t, _, _ in toks], lang=lang if isinstance(lang, str) and lang else None)
        covered: dict[str, set[int]] = {c: set() for c in cats}
        for m in found.hits:
            if not m.negated:
                covered[m.category].update(range(m.start, m.end))
        covered["all"] = set().union(*covered.values()) if cats else set()
        for c, idx in covered.items():
            pred[c] += len(idx)
            tp[c] += len(idx & gold)
    rows = []
    for c in ["all", *cats]:
        p = tp[c] / pred[c] if pred[c] else math.nan
        r = tp[c] / n_gold if n_gold else math.nan
        f1 = 2 * p * r / (p + r) if pred[c] and n_gold and (p + r) > 0 else (0.0 if pred[c] and n_gold else math.nan)
        rows.append((c, n_tokens, pred[c], n_gold, tp[c], p, r, f1, n_gold / n_tokens if n_tokens else math.nan))
    return pd.DataFrame(rows, columns=list(SPAN_COLUMNS))

