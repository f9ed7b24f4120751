"""Ingest: turn raw corpus rows into validated, cleaned, de-duplicated articles.

Nothing is lost: every row read ends up either in the articles table or in the
rejected table with its reason, source file and line, so that
``rows read == kept + rejected`` always holds (:attr:`IngestResult.counts`).
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from framelens.clean import compile_line_patterns, normalize_text, strip_boilerplate
from framelens.errors import CorpusError

__all__ = [
    "REQUIRED_FIELDS",
    "OPTIONAL_FIELDS",
    "REJECTED_COLUMNS",
    "Source",
    "IngestResult",
    "ingest",
    "parse_date",
]

REQUIRED_FIELDS = ("id", "outlet", "text")
OPTIONAL_FIELDS = ("title", "date", "url", "lang")
REJECTED_COLUMNS = ("source", "line", "id", "outlet", "reason", "detail")
_ARTICLE_COLUMNS = (
    "id", "outlet", "date", "title", "text", "url", "lang",
    "source", "source_line", "boilerplate_lines", "replaced_chars",
)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")


@dataclass(frozen=True)
class Source:
    """One corpus file's rows as read by :func:`framelens.io.read_corpus_rows`."""

    name: str
    rows: Sequence[tuple[int, dict[str, Any]]]
    unreadable: Sequence[tuple[int, str, str]] = ()


@dataclass(frozen=True)
class IngestResult:
    """Kept articles, rejected rows, and the counts that must add up."""

    articles: pd.DataFrame
    rejected: pd.DataFrame
    counts: dict[str, int] = field(default_factory=dict)


def parse_date(value: Any) -> str | None:
    """Return an ISO ``YYYY-MM-DD`` date for ``value``; ``None`` for empty; raise ``ValueError``.

    Accepted: ISO dates and ISO timestamps (the time part is dropped).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.strftime("%Y-%m-%d")
    text = str(value).strip()
    match = _ISO_DATE.fullmatch(text)
    if not match:
        raise ValueError(f"{text!r} is not an ISO date (YYYY-MM-DD)")
    year, month, day = (int(g) for g in match.groups())
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a real date ({exc})") from None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN from Parquet/pandas
        return None
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return str(value)
    return None


def _extra_value(value: Any) -> Any:
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def ingest(
    sources: Iterable[Source],
    *,
    known_outlets: Iterable[str],
    boilerplate_patterns: Sequence[str] = (),
    unicode_form: str = "NFC",
    include_extra: bool = True,
) -> IngestResult:
    """Validate, clean and de-duplicate the rows of ``sources``.

    Per row, in order: required fields present and text-like (``missing_field``,
    ``invalid_field``); date valid (``invalid_date``); text normalised and
    boilerplate lines removed, then non-empty (``empty_text``); exact duplicates
    dropped (``duplicate_row``: same id, outlet and cleaned text as an earlier
    row; ``duplicate_text``: same outlet and cleaned text under another id);
    conflicting ids rejected (``duplicate_id``: an id already kept with
    different text). Copies of one text in *different* outlets are kept:
    syndication is a finding, not an error.

    Raises :class:`CorpusError` when rows name outlets that are not in
    ``known_outlets``, listing each unknown outlet with its first location.
    """
    patterns = compile_line_patterns(boilerplate_patterns)
    known = set(known_outlets)
    sources = list(sources)

    unknown: dict[str, tuple[str, int, int]] = {}
    for src in sources:
        for line, row in src.rows:
            outlet = _as_text(row.get("outlet"))
            if outlet is not None and outlet.strip() and outlet.strip() not in known:
                name = outlet.strip()
                first = unknown.get(name)
                unknown[name] = (first[0], first[1], first[2] + 1) if first else (src.name, line, 1)
    if unknown:
        listed = "; ".join(
            f"{name!r} ({n} row{'s' if n > 1 else ''}, first at {file} line {line})"
            for name, (file, line, n) in sorted(unknown.items())
        )
        raise CorpusError(
            f"outlet(s) not in the outlets sheet: {listed}. Add them to the outlets sheet "
            f"(columns outlet,name,group,country,language,color) or fix the corpus."
        )

    kept: list[dict[str, Any]] = []
    rejected: list[dict[str, Any]] = []
    seen_text: dict[tuple[str, str], str] = {}
    seen_id: dict[str, str] = {}
    n_read = 0

    def reject(src: str, line: int, row: dict[str, Any], reason: str, detail: str) -> None:
        rejected.append({
            "source": src, "line": line,
            "id": _as_text(row.get("id")) or "", "outlet": _as_text(row.get("outlet")) or "",
            "reason": reason, "detail": detail,
        })

    for src in sources:
        for line, reason, detail in src.unreadable:
            n_read += 1
            reject(src.name, line, {}, reason, detail)
        for line, row in src.rows:
            n_read += 1
            problem = _check_required(row)
            if problem:
                reject(src.name, line, row, *problem)
                continue
            art_id = str(row["id"]).strip()
            outlet = str(row["outlet"]).strip()
            try:
                date = parse_date(row.get("date"))
            except ValueError as exc:
                reject(src.name, line, row, "invalid_date", str(exc))
                continue
            raw_text = str(row["text"])
            text = normalize_text(raw_text, form=unicode_form)
            text, n_boiler = strip_boilerplate(text, patterns)
            if not text:
                reject(src.name, line, row, "empty_text",
                       "text is empty after whitespace normalisation and boilerplate removal")
                continue
            title = normalize_text(_as_text(row.get("title")) or "", form=unicode_form)
            title, _ = strip_boilerplate(title, patterns)
            if (art_id in seen_id) and seen_id[art_id] == text:
                reject(src.name, line, row, "duplicate_row", f"same id and text as an earlier row")
                continue
            if art_id in seen_id:
                reject(src.name, line, row, "duplicate_id",
                       f"id {art_id!r} already used by an earlier row with different text")
                continue
            if (outlet, text) in seen_text:
                reject(src.name, line, row, "duplicate_text",
                       f"same outlet and text as article {seen_text[(outlet, text)]!r}")
                continue
            seen_id[art_id] = text
            seen_text[(outlet, text)] = art_id
            article = {
                "id": art_id, "outlet": outlet, "date": date, "title": title, "text": text,
                "url": (_as_text(row.get("url")) or "").strip() or None,
                "lang": (_as_text(row.get("lang")) or "").strip().lower() or None,
                "source": src.name, "source_line": line, "boilerplate_lines": n_boiler,
                "replaced_chars": raw_text.count("\ufffd"),
            }
            if include_extra:
                for key, value in row.items():
                    if key not in article and key not in REQUIRED_FIELDS + OPTIONAL_FIELDS:
                        article[f"x_{key}" if key in _ARTICLE_COLUMNS else key] = _extra_value(value)
            kept.append(article)

    articles = _articles_frame(kept)
    order = {src.name: i for i, src in enumerate(sources)}
    rejected.sort(key=lambda r: (order[r["source"]], r["line"]))
    rejected_frame = pd.DataFrame(rejected, columns=list(REJECTED_COLUMNS))
    rejected_frame["line"] = rejected_frame["line"].astype("int64")
    counts = {"read": n_read, "kept": len(articles), "rejected": len(rejected_frame)}
    if counts["read"] != counts["kept"] + counts["rejected"]:  # pragma: no cover - invariant
        raise AssertionError(f"ingest lost rows: {counts}")
    counts.update({f"rejected_{k}": v for k, v in sorted(Counter(r["reason"] for r in rejected).items())})
    return IngestResult(articles=articles, rejected=rejected_frame, counts=counts)


def _check_required(row: dict[str, Any]) -> tuple[str, str] | None:
    for name in REQUIRED_FIELDS:
        value = row.get(name)
        if value is None or (isinstance(value, float) and value != value):
            return "missing_field", f"required field {name!r} is missing"
        if _as_text(value) is None:
            return "invalid_field", f"field {name!r} must be a string, got {type(value).__name__}"
        if name != "text" and not str(value).strip():
            return "missing_field", f"required field {name!r} is empty"
    return None


def _articles_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    for col in _ARTICLE_COLUMNS:
        if col not in frame.columns:
            frame[col] = pd.Series(dtype="object")
    extra = [c for c in frame.columns if c not in _ARTICLE_COLUMNS]
    frame = frame[list(_ARTICLE_COLUMNS) + sorted(extra)]
    for col in ("source_line", "boilerplate_lines", "replaced_chars"):
        frame[col] = frame[col].astype("int64")
    for col in extra:
        # Parquet needs one type per column: mixed extras become text.
        kinds = {type(v) for v in frame[col] if v is not None and v == v}
        if len(kinds) > 1 or kinds - {str, int, float, bool}:
            frame[col] = [None if v is None or v != v else str(v) for v in frame[col]]
    return frame.sort_values(["outlet", "id"], kind="stable").reset_index(drop=True)
