"""Ingest: turn raw corpus rows into validated, cleaned, de-duplicated articles.

Nothing is lost: every row read ends up either in the articles table or in the
rejected table with its reason, source file and line, so that
``rows read == kept + rejected`` always holds (:attr:`IngestResult.counts`).
"""

from __future__ import annotations

import bisect
import datetime as _dt
import email.utils
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

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
    "IngestStream",
    "RowPreparation",
    "PreparedRow",
    "prepare_items",
    "DigestIndex",
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

    stream = IngestStream(known_outlets=known, boilerplate_patterns=boilerplate_patterns,
                          unicode_form=unicode_form, include_extra=include_extra, markup=markup,
                          max_text_chars=max_text_chars)
    kept: list[dict[str, Any]] = []
    for src in sources:
        items = [(line, None, reason, detail) for line, reason, detail in src.unreadable]
        items += [(line, row, "", "") for line, row in src.rows]
        kept.extend(stream.feed(src.name, items))
    rejected_frame, counts = stream.finish()
    articles = _articles_frame(kept)
    return IngestResult(articles=articles, rejected=rejected_frame, counts=counts)


@dataclass(frozen=True)
class RowPreparation:
    """The settings :func:`prepare_items` cleans rows with (:meth:`IngestStream.preparation`)."""

    patterns: Sequence[re.Pattern[str]]
    unicode_form: str
    markup: str
    max_text_chars: int


PreparedRow = tuple[Any, ...]
"""A row after :func:`prepare_items`: ``(line, row, outlet_name, reason, detail)`` when rejected,
``(line, row, outlet_name, id, outlet, date, title, text, replaced_chars, markup_removed,
boilerplate_lines, digests)`` when kept for the duplicate checks. ``row`` is the raw row
without its text and title; ``outlet_name`` is the stripped outlet value (None when empty)."""


def prepare_items(items: Iterable[tuple[int, dict[str, Any] | None, str, str]],
                  how: RowPreparation) -> list[PreparedRow]:
    """Check and clean rows ``(line, fields, reason, detail)``, each on its own (no state).

    What :meth:`IngestStream.feed` does to a row before the duplicate checks, which need
    the rows kept before it: it can run in worker processes, batch by batch, and the
    results go to :meth:`IngestStream.feed_prepared` in input order.
    """
    out: list[PreparedRow] = []
    for line, row, bad_reason, bad_detail in items:
        if row is None:
            out.append((line, None, None, bad_reason, bad_detail))
            continue
        outlet_value = _as_text(row.get("outlet"))
        outlet_name = outlet_value.strip() if outlet_value is not None and outlet_value.strip() else None
        slim = {k: v for k, v in row.items() if k != "text" and k != "title"}
        problem = _check_required(row)
        if problem:
            out.append((line, slim, outlet_name, *problem))
            continue
        art_id = str(row["id"]).strip()
        outlet = str(row["outlet"]).strip()
        try:
            date = parse_date(row.get("date"))
        except ValueError as exc:
            out.append((line, slim, outlet_name, "invalid_date", str(exc)))
            continue
        raw_text = str(row["text"])
        if len(raw_text) > how.max_text_chars:
            out.append((line, slim, outlet_name, "text_too_long",
                        f"text has {len(raw_text):,} characters, over ingest.max_text_chars = "
                        f"{how.max_text_chars:,}; raise the limit if this is really one article"))
            continue
        text, n_markup = strip_markup(raw_text, policy=how.markup)
        text = normalize_text(text, form=how.unicode_form)
        text, n_boiler = strip_boilerplate(text, how.patterns)
        if not text:
            out.append((line, slim, outlet_name, "empty_text",
                        "text is empty after whitespace normalisation and boilerplate removal"))
            continue
        title, n_title_markup = strip_markup(_as_text(row.get("title")) or "", policy=how.markup)
        title = normalize_text(title, form=how.unicode_form)
        title, _ = strip_boilerplate(title, how.patterns)
        text_key = _digest(text)
        keys = (_digest(art_id), text_key, _digest(outlet, text_key.hex()))  # (outlet, text): text hashed once
        out.append((line, slim, outlet_name, art_id, outlet, date, title, text, raw_text.count("\ufffd"),
                    n_markup + n_title_markup, n_boiler, keys))
    return out


def _digest(*parts: str) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.digest()


class DigestIndex:
    """A set of 16-byte digests with one int64 value each, queried and filled a batch at a time.

    The keys are two uint64 columns in sorted runs, merged when a run is not
    more than twice the size of the next one (a log-structured merge): 24 bytes
    per key, lookups by binary search in O(log n) runs. A Python dict of the
    same keys takes about five times the memory.
    """

    def __init__(self) -> None:
        self._runs: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # (hi, lo, value), sorted by (hi, lo)

    def __len__(self) -> int:
        return sum(len(run[0]) for run in self._runs)

    @staticmethod
    def _words(keys: Sequence[bytes]) -> tuple[np.ndarray, np.ndarray]:
        words = np.frombuffer(b"".join(keys), dtype="<u8").reshape(-1, 2)
        return words[:, 0], words[:, 1]

    def lookup(self, keys: Sequence[bytes]) -> np.ndarray:
        """The value of each key, -1 for keys not in the index."""
        out = np.full(len(keys), -1, dtype=np.int64)
        if not keys:
            return out
        hi, lo = self._words(keys)
        for run_hi, run_lo, run_value in self._runs:
            left = np.searchsorted(run_hi, hi, "left")
            span = np.searchsorted(run_hi, hi, "right") - left
            one = np.flatnonzero(span == 1)
            hit = run_lo[left[one]] == lo[one]
            out[one[hit]] = run_value[left[one[hit]]]
            for i in np.flatnonzero(span > 1):  # equal first halves: the second halves are sorted
                lo_part = run_lo[left[i]:left[i] + span[i]]
                j = int(np.searchsorted(lo_part, lo[i]))
                if j < len(lo_part) and lo_part[j] == lo[i]:
                    out[i] = run_value[left[i] + j]
        return out

    def insert(self, keys: Sequence[bytes], values: np.ndarray) -> None:
        """Add keys that are not in the index yet (distinct), with their values."""
        if not keys:
            return
        hi, lo = self._words(keys)
        run = (hi.copy(), lo.copy(), np.asarray(values, dtype=np.int64))
        while self._runs and len(self._runs[-1][0]) <= 2 * len(run[0]):
            last = self._runs.pop()
            run = tuple(np.concatenate([a, b]) for a, b in zip(last, run))  # type: ignore[assignment]
        order = np.lexsort((run[1], run[0]))
        self._runs.append((run[0][order], run[1][order], run[2][order]))


class IngestStream:
    """:func:`ingest`, row by row: memory holds digests of the kept texts, not the texts.

    ``feed(source, items)`` checks and cleans a batch of rows (``(line, fields,
    reason, detail)``, ``fields`` ``None`` for a row that could not be read) and
    returns the kept articles in input order; exact duplicates are recognised by
    128-bit BLAKE2b digests of the id, the text and (outlet, text), each row
    compared with the rows kept before it. The kept rows' digests sit in
    :class:`DigestIndex` runs and their ids in Arrow arrays: about 100 bytes per
    kept article, so 10^6 articles take about 100 MB. ``finish()``
    returns the rejected table and the counts, after raising
    :class:`CorpusError` for outlets not in ``known_outlets``.
    :meth:`articles_frame` turns kept articles into table rows with the column
    set and types that one table of *all* kept articles would have.
    """

    def __init__(
        self,
        *,
        known_outlets: Iterable[str],
        boilerplate_patterns: Sequence[str] = (),
        unicode_form: str = "NFC",
        include_extra: bool = True,
        markup: str = "strip",
        max_text_chars: int = MAX_TEXT_CHARS,
    ) -> None:
        if max_text_chars < 1:
            raise ConfigError(f"max_text_chars must be a positive number of characters, not {max_text_chars}")
        self._patterns = compile_line_patterns(boilerplate_patterns)
        self._known = set(known_outlets)
        self._options = {"unicode_form": unicode_form, "include_extra": include_extra, "markup": markup,
                         "max_text_chars": max_text_chars}
        self._unknown: dict[str, tuple[str, int, int]] = {}
        self._order: dict[str, int] = {}
        self._rejected: list[dict[str, Any]] = []
        # Kept rows, compactly: digests of ids and of (outlet, text) in sorted runs, the
        # text digest (16 bytes) and the id (Arrow) of each kept row, by its number.
        self._ids = DigestIndex()
        self._texts = DigestIndex()
        self._kept_text_digests = bytearray()
        self._kept_ids: list[pa.Array] = []
        self._kept_starts: list[int] = []
        self._outlets: dict[str, str] = {}
        self.n_read = 0
        self.n_kept = 0
        self._sums = {"replaced_chars": 0, "markup_removed": 0}
        self._witness: dict[tuple[str, type], dict[str, Any]] = {}
        self._columns: dict[str, None] = {}  # columns of the kept rows, in order of appearance
        # (column names, value types) of articles observed in full: an article of a shape
        # seen before adds no witness and no lacking column (every column added since has one)
        self._shapes: set[tuple[tuple[str, ...], tuple[type, ...]]] = set()
        self._first_row: dict[str, Any] | None = None
        self._lacking: dict[str, dict[str, Any]] = {}

    def feed(self, source: str, items: Iterable[tuple[int, dict[str, Any] | None, str, str]]) -> list[dict[str, Any]]:
        """Check, clean and de-duplicate one batch of rows of ``source``; return the kept articles."""
        return self.feed_prepared(source, prepare_items(items, self.preparation()))

    def preparation(self) -> RowPreparation:
        """What :func:`prepare_items` needs to check and clean rows as this stream does (picklable)."""
        return RowPreparation(patterns=self._patterns, unicode_form=self._options["unicode_form"],
                              markup=self._options["markup"], max_text_chars=self._options["max_text_chars"])

    def feed_prepared(self, source: str, prepared: Iterable[PreparedRow]) -> list[dict[str, Any]]:
        """:meth:`feed` for rows already checked and cleaned by :func:`prepare_items`, in input order.

        The rows may have been prepared in other processes; the outcome is the same as
        ``feed`` on the raw rows.
        """
        self._order.setdefault(source, len(self._order))
        candidates: list[tuple[Any, ...]] = []
        for item in prepared:
            self.n_read += 1
            line, row, outlet_name = item[0], item[1], item[2]
            if outlet_name is not None and outlet_name not in self._known:
                first = self._unknown.get(outlet_name)
                self._unknown[outlet_name] = (first[0], first[1], first[2] + 1) if first else (source, line, 1)
            if len(item) == 5:  # (line, row, outlet, reason, detail): rejected
                self._reject(source, line, row or {}, item[3], item[4])
                continue
            outlet = self._outlets.setdefault(item[4], item[4])
            candidates.append((*item[:4], outlet, *item[5:]))
        return self._admit(source, candidates)

    def _admit(self, source: str, candidates: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
        # Exact duplicates, in input order: a row is compared with the rows kept before it
        # (earlier batches through the digest indexes, this batch through two small dicts).
        opts = self._options
        earlier_id = self._ids.lookup([c[-1][0] for c in candidates])
        earlier_text = self._texts.lookup([c[-1][2] for c in candidates])
        batch_ids: dict[bytes, bytes] = {}
        batch_texts: dict[bytes, str] = {}
        kept: list[dict[str, Any]] = []
        new_keys: list[tuple[bytes, bytes, bytes]] = []
        for (line, row, _, art_id, outlet, date, title, text, n_replaced, n_markup, n_boiler, keys), k_id, k_text in zip(
                candidates, earlier_id.tolist(), earlier_text.tolist()):
            id_key, text_key, outlet_key = keys
            seen_text_key = batch_ids.get(id_key) if k_id < 0 else self._text_digest(k_id)
            if seen_text_key is not None:
                if seen_text_key == text_key:
                    self._reject(source, line, row, "duplicate_row", "same id and text as an earlier row")
                else:
                    self._reject(source, line, row, "duplicate_id",
                                 f"id {art_id!r} already used by an earlier row with different text")
                continue
            earlier = batch_texts.get(outlet_key) if k_text < 0 else self._kept_id(k_text)
            if earlier is not None:
                self._reject(source, line, row, "duplicate_text", f"same outlet and text as article {earlier!r}")
                continue
            batch_ids[id_key] = text_key
            batch_texts[outlet_key] = art_id
            new_keys.append(keys)
            article = {
                "id": art_id, "outlet": outlet, "date": date, "title": title, "text": text,
                "url": (_as_text(row.get("url")) or "").strip() or None,
                "lang": (_as_text(row.get("lang")) or "").strip().lower() or None,
                "source": source, "source_line": line, "boilerplate_lines": n_boiler,
                "replaced_chars": n_replaced,
                "markup_removed": n_markup,
            }
            if opts["include_extra"]:
                for key, value in row.items():
                    if key not in article and key not in REQUIRED_FIELDS + OPTIONAL_FIELDS:
                        article[f"x_{key}" if key in _ARTICLE_COLUMNS else key] = _extra_value(value)
            self._sums["replaced_chars"] += article["replaced_chars"]
            self._sums["markup_removed"] += article["markup_removed"]
            self._observe(article)
            kept.append(article)
        if kept:
            first = self.n_kept - len(kept)
            index = np.arange(first, self.n_kept, dtype=np.int64)
            self._ids.insert([k[0] for k in new_keys], index)
            self._texts.insert([k[2] for k in new_keys], index)
            self._kept_text_digests += b"".join(k[1] for k in new_keys)
            self._kept_ids.append(pa.array([a["id"] for a in kept], pa.string()))
            self._kept_starts.append(first)
        return kept

    def kept_ids(self) -> pa.Array:
        """The ids of the kept articles, in input order (as ``feed`` returned them)."""
        return pa.concat_arrays(self._kept_ids) if self._kept_ids else pa.array([], pa.string())

    def _text_digest(self, k: int) -> bytes:
        return bytes(self._kept_text_digests[16 * k:16 * k + 16])

    def _kept_id(self, k: int) -> str:
        chunk = bisect.bisect_right(self._kept_starts, k) - 1
        return self._kept_ids[chunk][k - self._kept_starts[chunk]].as_py()

    def _observe(self, article: dict[str, Any]) -> None:
        # Keep one real row per (column, value type) and per column a row lacking it: the
        # table of these few rows has the column set and types of the table of all rows.
        shape = (tuple(article), tuple(map(type, article.values())))
        if shape in self._shapes:  # same columns and types as an article observed in full: nothing new
            self.n_kept += 1
            return
        self._shapes.add(shape)
        if self._first_row is None:
            self._first_row = article
        for key, value in article.items():
            if key not in self._columns:
                self._columns[key] = None
                if self.n_kept:
                    self._lacking.setdefault(key, self._first_row if key not in self._first_row else article)
            self._witness.setdefault((key, type(value)), article)
        for key in self._columns:
            if key not in article and key not in self._lacking:
                self._lacking[key] = article
        self.n_kept += 1

    def _reject(self, src: str, line: int, row: dict[str, Any], reason: str, detail: str) -> None:
        self._rejected.append({
            "source": src, "line": line,
            "id": _as_text(row.get("id")) or "", "outlet": _as_text(row.get("outlet")) or "",
            "reason": reason, "detail": detail,
        })

    def finish(self) -> tuple[pd.DataFrame, dict[str, int]]:
        """The rejected table (by source, then line) and the counts; raise for unknown outlets."""
        if self._unknown:
            listed = "; ".join(
                f"{name!r} ({n} row{'s' if n > 1 else ''}, first at {file} line {line})"
                for name, (file, line, n) in sorted(self._unknown.items())
            )
            raise CorpusError(
                f"outlet(s) not in the outlets sheet: {listed}. Add them to the outlets sheet "
                f"(columns outlet,name,group,country,language,color) or fix the corpus."
            )
        rejected = sorted(self._rejected, key=lambda r: (self._order[r["source"]], r["line"]))
        frame = pd.DataFrame(rejected, columns=list(REJECTED_COLUMNS))
        frame["line"] = frame["line"].astype("int64")
        counts = {"read": self.n_read, "kept": self.n_kept, "rejected": len(frame)}
        if counts["read"] != counts["kept"] + counts["rejected"]:  # pragma: no cover - invariant
            raise AssertionError(f"ingest lost rows: {counts}")
        counts.update({k: int(v) for k, v in self._sums.items()})
        counts.update({f"rejected_{k}": v for k, v in sorted(Counter(r["reason"] for r in rejected).items())})
        return frame, counts

    def witnesses(self) -> list[dict[str, Any]]:
        """The few kept articles whose table has the column set and types of all kept articles."""
        rows = list({id(r): r for r in list(self._witness.values()) + list(self._lacking.values())}.values())
        return rows

    def sample_frame(self) -> pd.DataFrame:
        """The table of :meth:`witnesses`: its columns and types are those of the table of all kept articles."""
        return _articles_frame(self.witnesses())

    def articles_frame(self, rows: list[dict[str, Any]]) -> pd.DataFrame:
        """Kept ``rows`` as table rows (not sorted) with every column any kept article has.

        Extra columns that hold mixed types in the whole table are text in every part of it.
        """
        witnesses = self.witnesses()
        columns = list(_articles_frame(witnesses).columns)
        return _articles_frame(rows, columns=columns, stringify=_mixed_columns(witnesses), sort=False)


def _mixed_columns(rows: list[dict[str, Any]]) -> list[str]:
    frame = pd.DataFrame(rows)
    out = []
    for col in frame.columns:
        if col in _ARTICLE_COLUMNS:
            continue
        kinds = {type(v) for v in frame[col] if v is not None and v == v}
        if len(kinds) > 1 or kinds - {str, int, float, bool}:
            out.append(col)
    return out


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


def _articles_frame(
    rows: list[dict[str, Any]],
    *,
    columns: list[str] | None = None,
    stringify: Sequence[str] | None = None,
    sort: bool = True,
) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    for col in list(_ARTICLE_COLUMNS) + list(columns or []):
        if col not in frame.columns:
            frame[col] = pd.Series(dtype="object")
    extra = [c for c in frame.columns if c not in _ARTICLE_COLUMNS]
    frame = frame[list(_ARTICLE_COLUMNS) + sorted(extra)]
    for col in ("source_line", "boilerplate_lines", "replaced_chars", "markup_removed"):
        frame[col] = frame[col].astype("int64")
    for col in extra:
        if stringify is not None:  # decided on the whole table (IngestStream.articles_frame)
            if col in stringify:
                frame[col] = pd.Series([None if v is None or v != v else str(v) for v in
                                        (r.get(col) for r in rows)], index=frame.index, dtype="object")
            continue
        # Parquet needs one type per column: mixed extras become text.
        kinds = {type(v) for v in frame[col] if v is not None and v == v}
        if len(kinds) > 1 or kinds - {str, int, float, bool}:
            frame[col] = [None if v is None or v != v else str(v) for v in frame[col]]
    if not sort:
        return frame.reset_index(drop=True)
    return frame.sort_values(["outlet", "id"], kind="stable").reset_index(drop=True)
