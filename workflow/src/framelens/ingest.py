"""Ingest: turn raw corpus rows into validated, cleaned, de-duplicated articles.

Nothing is lost: every row read ends up either in the articles table or in the
rejected table with its reason, source file and line, so that
``rows read == kept + rejected`` always holds (:attr:`IngestResult.counts`).
"""

from __future__ import annotations

import datetime as _dt
import email.utils
import hashlib
import heapq
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
    "KeyFilter",
    "MemorySpool",
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
    admitted: list[dict[str, Any]] = []
    for src in sources:
        items = [(line, None, reason, detail) for line, reason, detail in src.unreadable]
        items += [(line, row, "", "") for line, row in src.rows]
        admitted.extend(stream.feed(src.name, items))
    rejected_frame, counts = stream.finish()
    dropped = set(stream.dropped.tolist())
    kept = [article for number, article in enumerate(admitted) if number not in dropped]
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


def _words(keys: Sequence[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """16-byte digests as two uint64 columns (their first and last 8 bytes)."""
    if not keys:
        return np.empty(0, np.uint64), np.empty(0, np.uint64)
    words = np.frombuffer(b"".join(keys), dtype="<u8").reshape(-1, 2)
    return words[:, 0], words[:, 1]


def _digests(hi: np.ndarray, lo: np.ndarray) -> list[bytes]:
    """The inverse of :func:`_words`."""
    flat = np.stack([np.asarray(hi, "<u8"), np.asarray(lo, "<u8")], axis=1).tobytes()
    return [flat[i:i + 16] for i in range(0, len(flat), 16)]


class KeyFilter:
    """A Bloom filter of 16-byte digests that grows with what is added to it.

    :meth:`maybe` has no false negatives: a key added is always answered ``True``;
    a key never added is answered ``True`` with a small probability (a false
    positive). The bits sit in a series of arrays, each for twice as many keys as
    the one before (``bits_per_key`` bits per key, ``hashes`` positions per key by
    double hashing of the digest's two halves): about 2 · ``bits_per_key`` bits per
    key at most, 4 bytes per key with the defaults. With 16 bits and 11 positions a
    full array answers about 0.05 % of absent keys wrongly; all the arrays of 10^6 keys,
    0.2 % (measured).
    """

    def __init__(self, *, first_capacity: int = 1 << 16, bits_per_key: int = 16, hashes: int = 11) -> None:
        if first_capacity < 1 or bits_per_key < 1 or hashes < 1:
            raise ValueError("first_capacity, bits_per_key and hashes must be positive")
        self._first = first_capacity
        self._bits_per_key = bits_per_key
        self._steps = np.arange(hashes, dtype=np.uint64)
        self._arrays: list[np.ndarray] = []  # uint8, a power of two of bytes each
        self._room = 0  # keys the last array still takes
        self.n_keys = 0

    def _positions(self, hi: np.ndarray, lo: np.ndarray, n_bits: int) -> np.ndarray:
        step = (hi | np.uint64(1))[:, None]
        return (lo[:, None] + self._steps[None, :] * step) & np.uint64(n_bits - 1)

    def maybe(self, hi: np.ndarray, lo: np.ndarray) -> np.ndarray:
        """Per key (two uint64 halves), ``False`` if it was certainly never added."""
        out = np.zeros(len(hi), dtype=bool)
        for bits in self._arrays:
            pos = self._positions(hi, lo, 8 * len(bits))
            hit = ((bits[pos >> np.uint64(3)] >> (pos & np.uint64(7)).astype(np.uint8)) & 1).astype(bool)
            out |= hit.all(axis=1)
        return out

    def add(self, hi: np.ndarray, lo: np.ndarray) -> None:
        done = 0
        while done < len(hi):
            if self._room == 0:
                capacity = self._first << len(self._arrays)
                n_bytes = 1 << max(3, int(np.ceil(np.log2(capacity * self._bits_per_key / 8))))
                self._arrays.append(np.zeros(n_bytes, dtype=np.uint8))
                self._room = capacity
            take = min(self._room, len(hi) - done)
            bits = self._arrays[-1]
            pos = self._positions(hi[done:done + take], lo[done:done + take], 8 * len(bits)).ravel()
            np.bitwise_or.at(bits, pos >> np.uint64(3), np.left_shift(1, pos & np.uint64(7)).astype(np.uint8))
            self._room -= take
            done += take
        self.n_keys += len(hi)

    @property
    def nbytes(self) -> int:
        return sum(len(bits) for bits in self._arrays)


class MemorySpool:
    """What :class:`framelens.io.TableSpool` does, in memory: record batches appended and scanned."""

    def __init__(self) -> None:
        self._batches: list[pa.RecordBatch] = []

    def append(self, batch: pa.RecordBatch) -> None:
        self._batches.append(batch)

    def scan(self) -> Iterable[pa.RecordBatch]:
        return list(self._batches)


_KEPT_KEYS = pa.schema([(name, pa.uint64()) for name in ("id_hi", "id_lo", "text_hi", "text_lo",
                                                         "outlet_text_hi", "outlet_text_lo")]
                      + [("id", pa.string())])


class IngestStream:
    """:func:`ingest`, row by row, in memory that does not grow with the corpus.

    ``feed(source, items)`` checks and cleans a batch of rows (``(line, fields,
    reason, detail)``, ``fields`` ``None`` for a row that could not be read) and
    returns the *admitted* articles in input order, numbered from 0 across calls.
    Exact duplicates are recognised by 128-bit BLAKE2b digests of the id, the text
    and (outlet, text), each row compared with the rows kept before it:

    - the digests of kept rows go to a spool (``spool``: a
      :class:`framelens.io.TableSpool` on disk; :class:`MemorySpool` by default) and
      into two growing Bloom filters (:class:`KeyFilter`, about 8 bytes per article);
    - a row whose keys the filters have certainly not seen, and that shares none with
      a row still undecided, is kept at once; one that matches a row kept in the same
      batch is rejected at once;
    - any other row is admitted *undecided*. Undecided rows are settled in input
      order against one scan of the spool when ``pending_limit`` of them wait, and
      by :meth:`finish`. Those found to be duplicates then are listed in
      :attr:`dropped` (admitted numbers, rising) and reported as rejected.

    The outcome is that of comparing every row with all rows kept before it,
    whatever the batches and the filters' false positives. :meth:`finish` returns
    the rejected table and the counts, after raising :class:`CorpusError` for
    outlets not in ``known_outlets``; the articles kept are the admitted ones not
    in :attr:`dropped`. :meth:`articles_frame` turns kept articles into table rows
    with the column set and types that one table of *all* kept articles would have;
    :meth:`key_splitters` cuts the (outlet, id) keys into ranges of about equal size,
    from a fixed-size sample.
    """

    #: (outlet, id) keys sampled for :meth:`key_splitters`: the admitted rows with the
    #: smallest id digests, a uniform sample that does not depend on the batches
    SAMPLE_SIZE = 16_384

    def __init__(
        self,
        *,
        known_outlets: Iterable[str],
        boilerplate_patterns: Sequence[str] = (),
        unicode_form: str = "NFC",
        include_extra: bool = True,
        markup: str = "strip",
        max_text_chars: int = MAX_TEXT_CHARS,
        spool: Any = None,
        pending_limit: int = 20_000,
        filter_capacity: int = 1 << 16,
    ) -> None:
        if max_text_chars < 1:
            raise ConfigError(f"max_text_chars must be a positive number of characters, not {max_text_chars}")
        if pending_limit < 1:
            raise ValueError(f"pending_limit must be at least 1, not {pending_limit}")
        self._patterns = compile_line_patterns(boilerplate_patterns)
        self._known = set(known_outlets)
        self._options = {"unicode_form": unicode_form, "include_extra": include_extra, "markup": markup,
                         "max_text_chars": max_text_chars}
        self._unknown: dict[str, tuple[str, int, int]] = {}
        self._order: dict[str, int] = {}
        self._rejected: list[dict[str, Any]] = []
        # Kept rows: their digests in a spool and in Bloom filters of ids and of (outlet, text).
        self._spool = spool if spool is not None else MemorySpool()
        self._id_filter: KeyFilter | None = KeyFilter(first_capacity=filter_capacity)
        self._text_filter: KeyFilter | None = KeyFilter(first_capacity=filter_capacity)
        # Undecided rows, in input order, and the keys they hold back.
        self._pending: list[tuple[Any, ...]] = []
        self._pending_ids: set[bytes] = set()
        self._pending_texts: set[bytes] = set()
        self._pending_limit = pending_limit
        self._dropped: list[int] = []
        self._sample: list[tuple[int, str, str, int]] = []  # (id digest's first word, outlet, id, characters)
        self.admitted_chars = 0  # characters of the admitted texts and titles
        self._outlets: dict[str, str] = {}
        self.n_read = 0
        self.n_admitted = 0
        self.n_kept = 0
        self._sums = {"replaced_chars": 0, "markup_removed": 0}
        self._witness: dict[tuple[str, type], dict[str, Any]] = {}
        self._columns: dict[str, None] = {}  # columns of the kept rows, in order of appearance
        # (column names, value types) of articles observed in full: an article of a shape
        # seen before adds no witness and no lacking column (every column added since has one)
        self._shapes: set[tuple[tuple[str, ...], tuple[type, ...]]] = set()
        self._first_row: dict[str, Any] | None = None
        self._lacking: dict[str, dict[str, Any]] = {}
        # Articles of shapes not observed yet, waiting for their rows to be decided:
        # (admitted number, article), and the shapes one of them is sure to be kept of
        self._to_observe: list[tuple[int, dict[str, Any]]] = []
        self._settled: set[tuple[tuple[str, ...], tuple[type, ...]]] = set()

    def feed(self, source: str, items: Iterable[tuple[int, dict[str, Any] | None, str, str]]) -> list[dict[str, Any]]:
        """Check, clean and de-duplicate one batch of rows of ``source``; return the admitted articles."""
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

    @property
    def dropped(self) -> np.ndarray:
        """Admitted numbers of the rows found to be duplicates after they were admitted (rising)."""
        return np.asarray(self._dropped, dtype=np.int64)

    def _admit(self, source: str, candidates: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
        # A row is compared with the rows kept before it: those of this batch through two
        # dicts, exactly; those of earlier batches through the filters, which may only
        # err towards "seen". The id is checked first: a row whose id may have been kept,
        # or is held by an undecided row, waits, whatever its text.
        opts = self._options
        id_filter, text_filter = self._filters()
        id_maybe = id_filter.maybe(*_words([c[-1][0] for c in candidates])).tolist()
        text_maybe = text_filter.maybe(*_words([c[-1][2] for c in candidates])).tolist()
        batch_ids: dict[bytes, bytes] = {}
        batch_texts: dict[bytes, str] = {}
        admitted: list[dict[str, Any]] = []
        kept_keys: list[tuple[tuple[bytes, bytes, bytes], str]] = []
        for (line, row, _, art_id, outlet, date, title, text, n_replaced, n_markup, n_boiler, keys), maybe_id, maybe_text in zip(
                candidates, id_maybe, text_maybe):
            id_key, text_key, outlet_key = keys
            seen_text_key = batch_ids.get(id_key)
            if seen_text_key is not None:
                self._reject_id(source, line, row, art_id, seen_text_key == text_key)
                continue
            wait = maybe_id or id_key in self._pending_ids
            if not wait:
                earlier = batch_texts.get(outlet_key)
                if earlier is not None:
                    self._reject_text(source, line, row, earlier)
                    continue
                wait = maybe_text or outlet_key in self._pending_texts
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
            number = self.n_admitted
            self.n_admitted += 1
            if wait:
                self._pending.append((number, source, line, {"id": row.get("id"), "outlet": row.get("outlet")},
                                      art_id, keys, n_replaced, n_markup))
                self._pending_ids.add(id_key)
                self._pending_texts.add(outlet_key)
            else:
                batch_ids[id_key] = text_key
                batch_texts[outlet_key] = art_id
                kept_keys.append((keys, art_id))
                self._count_kept(n_replaced, n_markup)
            self._note(number, article, sure=not wait)
            size = len(text) + len(title or "")
            self.admitted_chars += size
            self._sample.append((int.from_bytes(id_key[:8], "little"), outlet, art_id, size))
            admitted.append(article)
        self._remember(kept_keys)
        if len(self._sample) > 2 * self.SAMPLE_SIZE:
            self._sample = heapq.nsmallest(self.SAMPLE_SIZE, self._sample)
        if len(self._pending) >= self._pending_limit:
            self._settle()
        elif not self._pending:
            self._observe_waiting(set())
        return admitted

    def _filters(self) -> tuple[KeyFilter, KeyFilter]:
        if self._id_filter is None or self._text_filter is None:
            raise RuntimeError("IngestStream.feed after finish: the stream takes no more rows")
        return self._id_filter, self._text_filter

    def _count_kept(self, n_replaced: int, n_markup: int) -> None:
        self.n_kept += 1
        self._sums["replaced_chars"] += n_replaced
        self._sums["markup_removed"] += n_markup

    def _remember(self, kept: list[tuple[tuple[bytes, bytes, bytes], str]]) -> None:
        """Add kept rows' keys to the filters and the spool."""
        if not kept:
            return
        id_hi, id_lo = _words([k[0] for k, _ in kept])
        text_hi, text_lo = _words([k[1] for k, _ in kept])
        ot_hi, ot_lo = _words([k[2] for k, _ in kept])
        id_filter, text_filter = self._filters()
        id_filter.add(id_hi, id_lo)
        text_filter.add(ot_hi, ot_lo)
        self._spool.append(pa.record_batch(
            [pa.array(a) for a in (id_hi, id_lo, text_hi, text_lo, ot_hi, ot_lo)]
            + [pa.array([art_id for _, art_id in kept], pa.string())], schema=_KEPT_KEYS))

    def _settle(self) -> None:
        """Decide the undecided rows, in input order, against the kept rows that share their keys."""
        if not self._pending:
            return
        # The kept rows sharing a key with an undecided row were all kept before it: a
        # row kept later would have waited for it.
        seen_ids: dict[bytes, bytes] = {}
        seen_texts: dict[bytes, str] = {}
        want_id_hi = _words(list(self._pending_ids))[0]
        want_ot_hi = _words(list(self._pending_texts))[0]
        for batch in self._spool.scan():
            cols = {name: batch.column(name).to_numpy(zero_copy_only=False) for name in _KEPT_KEYS.names[:-1]}
            rows = np.flatnonzero(np.isin(cols["id_hi"], want_id_hi))
            for key, text_key in zip(_digests(cols["id_hi"][rows], cols["id_lo"][rows]),
                                     _digests(cols["text_hi"][rows], cols["text_lo"][rows])):
                if key in self._pending_ids:
                    seen_ids[key] = text_key
            rows = np.flatnonzero(np.isin(cols["outlet_text_hi"], want_ot_hi))
            ids = batch.column("id")
            for i, key in zip(rows.tolist(), _digests(cols["outlet_text_hi"][rows], cols["outlet_text_lo"][rows])):
                if key in self._pending_texts:
                    seen_texts[key] = ids[i].as_py()
        kept: list[tuple[tuple[bytes, bytes, bytes], str]] = []
        dropped: set[int] = set()
        for number, source, line, row, art_id, keys, n_replaced, n_markup in self._pending:
            id_key, text_key, outlet_key = keys
            seen_text_key = seen_ids.get(id_key)
            earlier = seen_texts.get(outlet_key)
            if seen_text_key is not None:
                self._reject_id(source, line, row, art_id, seen_text_key == text_key)
            elif earlier is not None:
                self._reject_text(source, line, row, earlier)
            else:
                seen_ids[id_key] = text_key
                seen_texts[outlet_key] = art_id
                kept.append((keys, art_id))
                self._count_kept(n_replaced, n_markup)
                continue
            dropped.add(number)
            self._dropped.append(number)
        self._remember(kept)
        self._pending.clear()
        self._pending_ids.clear()
        self._pending_texts.clear()
        self._observe_waiting(dropped)

    def _note(self, number: int, article: dict[str, Any], *, sure: bool) -> None:
        # Articles are observed in input order once their rows are decided. One of a shape
        # observed already, or after one sure to be kept, would change nothing.
        shape = (tuple(article), tuple(map(type, article.values())))
        if shape in self._shapes or shape in self._settled:
            return
        # only the columns and their types count: without its text and title (the same type),
        # a witness or a waiting article holds no per-article text
        self._to_observe.append((number, {**article, "text": "", "title": ""}))
        if sure:
            self._settled.add(shape)

    def _observe_waiting(self, dropped: set[int]) -> None:
        for number, article in self._to_observe:
            if number not in dropped:
                self._observe(article)
        self._to_observe.clear()
        self._settled.clear()

    def key_splitters(self, n_ranges: int) -> list[tuple[str, str]]:
        """``n_ranges - 1`` (outlet, id) keys that cut the admitted rows into ranges of about equal size.

        Range ``k`` holds the keys ``x`` with ``bisect_right(splitters, x) == k``. Taken
        from the sample; any splitters give a correct sort, these give ranges of about
        equal characters (texts and titles), not rows: an outlet of long articles would
        otherwise make ranges of several times the mean in memory. Splitters may repeat
        (an empty range) when a sampled article is longer than a range.
        """
        sample = sorted((outlet, art_id, size) for _, outlet, art_id, size
                        in heapq.nsmallest(self.SAMPLE_SIZE, self._sample))
        if n_ranges <= 1 or not sample:
            return []
        # splitter k: the first sampled key whose characters before it reach k / n_ranges of the total
        ends = np.cumsum([size for _, _, size in sample], dtype=np.float64)
        starts = np.concatenate([[0.0], ends[:-1]])
        at = np.searchsorted(starts, ends[-1] * np.arange(1, n_ranges) / n_ranges, side="left")
        at = np.minimum(at, len(sample) - 1)
        return [(sample[i][0], sample[i][1]) for i in at.tolist()]

    def _observe(self, article: dict[str, Any]) -> None:
        # Keep one real row per (column, value type) and per column a row lacking it: the
        # table of these few rows has the column set and types of the table of all rows.
        shape = (tuple(article), tuple(map(type, article.values())))
        if shape in self._shapes:  # same columns and types as an article observed in full: nothing new
            return
        self._shapes.add(shape)
        if self._first_row is None:
            self._first_row = article
        for key, value in article.items():
            if key not in self._columns:
                self._columns[key] = None
                if article is not self._first_row:
                    self._lacking.setdefault(key, self._first_row if key not in self._first_row else article)
            self._witness.setdefault((key, type(value)), article)
        for key in self._columns:
            if key not in article and key not in self._lacking:
                self._lacking[key] = article

    def _reject_text(self, src: str, line: int, row: dict[str, Any], earlier_id: str) -> None:
        self._reject(src, line, row, "duplicate_text", f"same outlet and text as article {earlier_id!r}")

    def _reject_id(self, src: str, line: int, row: dict[str, Any], art_id: str, same_text: bool) -> None:
        if same_text:
            self._reject(src, line, row, "duplicate_row", "same id and text as an earlier row")
        else:
            self._reject(src, line, row, "duplicate_id", f"id {art_id!r} already used by an earlier row with different text")

    def _reject(self, src: str, line: int, row: dict[str, Any], reason: str, detail: str) -> None:
        self._rejected.append({
            "source": src, "line": line,
            "id": _as_text(row.get("id")) or "", "outlet": _as_text(row.get("outlet")) or "",
            "reason": reason, "detail": detail,
        })

    def finish(self) -> tuple[pd.DataFrame, dict[str, int]]:
        """The rejected table (by source, then line) and the counts; raise for unknown outlets.

        Decides the rows still undecided first: :attr:`dropped` is complete after this.
        The stream takes no more rows: its Bloom filters are freed (about 8 bytes per
        article kept, memory that ingest's sort can use).
        """
        self._settle()
        self._id_filter = self._text_filter = None
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
        if counts["read"] != counts["kept"] + counts["rejected"] or self.n_kept != self.n_admitted - len(self._dropped):
            raise AssertionError(f"ingest lost rows: {counts}")  # pragma: no cover - invariant
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

    def articles_table(self, core: pa.Table, extras: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
        """Kept rows as a table of ``schema`` (that of :meth:`sample_frame`), without pandas.

        ``core`` holds the article columns (``id`` ... ``markup_removed``) of the rows,
        ``extras`` their other fields, one dict per row. The values are those
        :meth:`articles_frame` gives: extra columns of mixed types as text, a missing
        value (``None``, NaN) as null. The texts stay in Arrow: no Python string per row.
        """
        if len(extras) != core.num_rows:
            raise ValueError(f"{core.num_rows} rows of article columns but {len(extras)} of extra fields")
        stringify = set(_mixed_columns(self.witnesses()))
        columns = []
        for field in schema:
            if field.name in _ARTICLE_COLUMNS:  # null type: no kept row has a value (witnesses)
                column = core.column(field.name)
                columns.append(pa.nulls(len(column)) if pa.types.is_null(field.type) else column.cast(field.type))
                continue
            values = [row.get(field.name) for row in extras]
            if field.name in stringify:
                values = [None if v is None or v != v else str(v) for v in values]
            columns.append(pa.array(values, type=field.type, from_pandas=True))
        return pa.Table.from_arrays(columns, schema=schema)

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
