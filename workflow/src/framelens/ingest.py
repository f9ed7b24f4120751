"""Ingest: turn raw corpus rows into validated, cleaned, de-duplicated articles.

Nothing is lost: every row read ends up either in the articles table or in the
rejected table with its reason, source file and line, so that
``rows read == kept + rejected`` always holds (:attr:`IngestResult.counts`).
"""

from __future__ import annotations

import datetime as _dt
import email.utils
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from framelens.clean import compile_line_patterns, normalize_text, strip_boilerplate
from framelens.errors import ConfigError, CorpusError
from framelens.markup import strip_markup

__all__ = [
    "REQUIRED_FIELDS",
    "OPTIONAL_FIELDS",
    "REJECTED_COLUMNS",
    "MAX_TEXT_CHARS",
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
    "source", "source_line", "boilerplate_lines", "replaced_chars", "markup_removed",
)
MAX_TEXT_CHARS = 1_000_000
"""Default longest text accepted: about 150,000 words, far beyond any news article."""


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

    Accepted (the calendar date as written; a time and time zone are dropped,
    never converted):

    * ISO dates and timestamps: ``2024-03-05``, ``2024-03-05T10:00:00+02:00``;
    * year-first with ``/`` or ``.``: ``2024/03/05``, ``2024.03.05``;
    * RFC 2822 (RSS feeds): ``Tue, 05 Mar 2024 10:00:00 +0000``;
    * English month names: ``5 March 2024``, ``March 5, 2024``, ``Mar 5 2024``;
    * ``datetime.date``/``datetime.datetime`` values (Parquet date and timestamp columns).

    Refused with a reason: impossible dates (``2024-02-30``), all-numeric
    dates with the year last (``05/03/2024`` is 5 March or 3 May; accepting only
    the unambiguous ones would bias the sample towards days 13-31), numbers
    (epoch seconds), and anything else.
    """
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(f"{value!r} is a number, not a date; write dates as YYYY-MM-DD")
    text = " ".join(str(value).split())
    for pattern, order in _DATE_FORMATS:
        match = pattern.fullmatch(text)
        if match:
            parts = dict(zip(order, match.groups()))
            year = int(parts["y"])
            month = _month(parts["m"])
            day = int(parts["d"])
            try:
                return _dt.date(year, month, day).isoformat()
            except ValueError as exc:
                raise ValueError(f"{text!r} is not a real date ({exc})") from None
    if _NUMERIC_YEAR_LAST.fullmatch(text):
        raise ValueError(f"{text!r} has the year last; framelens does not guess whether it is "
                         f"day/month or month/day — write dates as YYYY-MM-DD")
    if _RFC2822.match(text):
        try:
            return email.utils.parsedate_to_datetime(text).date().isoformat()
        except (TypeError, ValueError, IndexError) as exc:
            raise ValueError(f"{text!r} is not a real date ({exc})") from None
    raise ValueError(
        f"{text!r} is not a date framelens reads; write YYYY-MM-DD "
        f"(also accepted: ISO timestamps, 2024/03/05, RFC 2822, '5 March 2024', 'March 5, 2024')")


_MONTHS = {name: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for name in names}
_MONTH_NAME = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?: ?(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?)?"
_DATE_FORMATS = (
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME), "ymd"),
    (re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})" + _TIME), "ymd"),
    (re.compile(r"(\d{1,2}) " + _MONTH_NAME + r",? (\d{4})" + _TIME, re.I), "dmy"),
    (re.compile(_MONTH_NAME + r" (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})" + _TIME, re.I), "mdy"),
)
_NUMERIC_YEAR_LAST = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?:[T ].*)?")
_RFC2822 = re.compile(r"[A-Za-z]{3}, \d{1,2} [A-Za-z]{3} \d{4}")


def _month(value: str) -> int:
    return int(value) if value.isdigit() else _MONTHS[value.lower()]


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
    markup: str = "strip",
    max_text_chars: int = MAX_TEXT_CHARS,
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

    Markup: with ``markup="strip"`` HTML tags and character entities in the title
    and text are removed (:func:`framelens.markup.strip_markup`); counted per
    article in ``markup_removed``. A text longer than ``max_text_chars``
    characters is rejected (``text_too_long``) before any cleaning: it is
    almost always a scraping error (a whole page or feed in one field); raise
    the limit to keep such texts.

    Raises :class:`CorpusError` when rows name outlets that are not in
    ``known_outlets``, listing each unknown outlet with its first location.
    """
    if max_text_chars < 1:
        raise ConfigError(f"max_text_chars must be a positive number of characters, not {max_text_chars}")
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
            if len(raw_text) > max_text_chars:
                reject(src.name, line, row, "text_too_long",
                       f"text has {len(raw_text):,} characters, over ingest.max_text_chars = "
                       f"{max_text_chars:,}; raise the limit if this is really one article")
                continue
            text, n_markup = strip_markup(raw_text, policy=markup)
            text = normalize_text(text, form=unicode_form)
            text, n_boiler = strip_boilerplate(text, patterns)
            if not text:
                reject(src.name, line, row, "empty_text",
                       "text is empty after whitespace normalisation and boilerplate removal")
                continue
            title, n_title_markup = strip_markup(_as_text(row.get("title")) or "", policy=markup)
            title = normalize_text(title, form=unicode_form)
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
                "markup_removed": n_markup + n_title_markup,
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
    counts["replaced_chars"] = int(articles["replaced_chars"].sum())
    counts["markup_removed"] = int(articles["markup_removed"].sum())
    counts.update({f"rejected_{k}": v for k, v in sorted(Counter(r["reason"] for r in rejected).items())})
    return IngestResult(articles=articles, rejected=rejected_frame, counts=counts)


def _check_required(row: dict[str, Any]) -> tuple[str, str] | None:
    for name in REQUIRED_FIELDS:
        value = row.get(name)
        if value is None or (isinstance(value, float) and value != value):
            return "missing_field", f"required field {name!r} is missing"
        if _as_text(value) is None or (name == "text" and not isinstance(value, str)):
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
    for col in ("source_line", "boilerplate_lines", "replaced_chars", "markup_removed"):
        frame[col] = frame[col].astype("int64")
    for col in extra:
        # Parquet needs one type per column: mixed extras become text.
        kinds = {type(v) for v in frame[col] if v is not None and v == v}
        if len(kinds) > 1 or kinds - {str, int, float, bool}:
            frame[col] = [None if v is None or v != v else str(v) for v in frame[col]]
    return frame.sort_values(["outlet", "id"], kind="stable").reset_index(drop=True)
