"""Article × category scores in compact arrays: what the comparisons and trends work on.

The scoring step writes a long table, one row per article and category (``id,
outlet, category, count, rate, …``). The comparisons need it as matrices: one
row per article, one column per category, plus each article's outlet, length
(``n_tokens``) and, when used, event id, syndication weight and date.

:class:`ScoreData` holds them as numpy arrays and the article ids as one Arrow
string array (about 20 bytes per id), never as pandas labels or Python
strings. Rows are the articles in the order of their first row in the long
table (the workflow writes it in (outlet, id) order, whatever the number of
shards), so results do not depend on how the table was read. Categories keep
the order in which they first appear.

Two ways to build one, with the same result:

* :func:`from_frames` from pandas tables (small inputs, tests, notebooks);
* :func:`from_batches` from the long table read a batch at a time, in two
  passes, keeping only the result: at 10^6 articles and 6 categories about
  110 MB instead of the 0.6 GB that the long table takes in pandas. It needs
  each article's rows to be next to each other (as the scoring step writes
  them) and raises :class:`NotGrouped` otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["ScoreData", "NotGrouped", "NotSorted", "SortedLookup", "check_increasing", "from_frames", "from_batches", "iter_chunks",
           "categories_in_order", "MATRIX_VALUES"]

MATRIX_VALUES = ("rate", "count")
"""The long table's value columns that become matrices (``counts`` may be left out)."""


class NotGrouped(ValueError):
    """The long table's rows of one article are not next to each other."""


@dataclass(frozen=True)
class ScoreData:
    """One row per article (see the module docstring for the order).

    ``rates`` and ``counts`` are articles × categories (NaN where an article has
    no row for a category; ``counts`` is ``None`` when not read). The
    article-level arrays are aligned with the rows: ``tokens`` (NaN when
    unknown), ``events`` (integer codes into ``event_names``, -1 for none),
    ``weights`` (1 for articles the weights do not name), ``dates``
    (``datetime64``, NaT for none); each is ``None`` when not given.
    """

    ids: pa.Array
    outlet_codes: np.ndarray
    outlet_names: np.ndarray
    categories: tuple[str, ...]
    rates: np.ndarray
    counts: np.ndarray | None = None
    tokens: np.ndarray | None = None
    events: np.ndarray | None = None
    event_names: np.ndarray | None = None
    weights: np.ndarray | None = None
    dates: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.outlet_codes)

    @property
    def outlets(self) -> list[str]:
        """The outlets that have articles, sorted."""
        present = np.unique(self.outlet_codes)
        return sorted(str(self.outlet_names[c]) for c in present)

    def outlet(self) -> np.ndarray:
        """Each article's outlet (an object array)."""
        return self.outlet_names[self.outlet_codes]

    def rows_of(self, outlets: Sequence[str]) -> np.ndarray:
        """Row numbers of the articles of ``outlets``, in row order."""
        names = set(outlets)
        wanted = [i for i, name in enumerate(self.outlet_names) if name in names]
        return np.flatnonzero(np.isin(self.outlet_codes, wanted))

    def id_list(self, rows: np.ndarray) -> list[str]:
        """The article ids of ``rows`` as Python strings."""
        return self.ids.take(pa.array(rows, type=pa.int64())).to_pylist()

    def clusters(self, rows: np.ndarray) -> np.ndarray | None:
        """Cluster labels of ``rows`` for the bootstrap: ``event:<id>``, or ``article:<id>`` for an
        article without an event (a cluster of its own); ``None`` when there are no events."""
        if self.events is None or self.event_names is None:
            return None
        names = self.event_names
        return np.array([f"event:{names[c]}" if c >= 0 else f"article:{i}"
                         for c, i in zip(self.events[rows].tolist(), self.id_list(rows))], dtype=str)

    def event_labels(self, rows: np.ndarray | slice = slice(None)) -> np.ndarray | None:
        """The event name of each of ``rows`` (``None`` for an article without one), or ``None``
        when the scores have no events."""
        if self.events is None or self.event_names is None:
            return None
        codes = self.events[rows]
        names = np.append(np.asarray(self.event_names, dtype=object), None)
        return names[np.where(codes >= 0, codes, len(names) - 1)]

    def lookup(self, ids: pa.Array | pa.ChunkedArray | Sequence[str]) -> np.ndarray:
        """The row of each of ``ids`` (-1 for ids that have no row): one hash table for the whole call."""
        values = _large_strings(ids)
        found = pc.index_in(values, value_set=self.ids)
        rows = pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype(np.int64)
        del found, values
        pa.default_memory_pool().release_unused()  # the hash table's blocks go back to the system
        return rows

    def column(self, ids: pa.Array | pa.ChunkedArray | Sequence[str], values: Any, *,
               fill: Any, dtype: Any = float) -> np.ndarray:
        """``values`` (one per id of ``ids``) as an array aligned with the rows; ``fill`` for rows not named."""
        rows = self.lookup(ids)
        values = np.asarray(values, dtype=dtype)
        out = np.full(len(self), fill, dtype=values.dtype)
        named = rows >= 0
        out[rows[named]] = values[named]
        return out

    def with_articles(self, *, tokens: np.ndarray | None = None, events: tuple[np.ndarray, np.ndarray] | None = None,
                      weights: np.ndarray | None = None, dates: np.ndarray | None = None) -> ScoreData:
        """A copy with the given aligned article-level arrays (``events`` as ``(codes, names)``)."""
        changes: dict[str, Any] = {}
        for name, value in (("tokens", tokens), ("weights", weights), ("dates", dates)):
            if value is not None:
                if len(value) != len(self):
                    raise ValueError(f"{name}: {len(value)} values for {len(self)} articles")
                changes[name] = value
        if events is not None:
            codes, names = events
            if len(codes) != len(self):
                raise ValueError(f"events: {len(codes)} values for {len(self)} articles")
            changes["events"], changes["event_names"] = codes, names
        return replace(self, **changes)

    def event_codes(self, ids: pa.Array | pa.ChunkedArray | Sequence[str],
                    events: Sequence[Any]) -> tuple[np.ndarray, np.ndarray]:
        """Aligned event codes and names from ``events`` (one per id; missing or empty = no event)."""
        labels = pd.array(list(events), dtype="string")
        missing = np.asarray(labels.isna() | (labels == ""), dtype=bool)
        codes, names = pd.factorize(pd.Series(labels).where(~missing, None), use_na_sentinel=True)
        aligned = self.column(ids, codes, fill=-1, dtype=np.int64)
        return aligned, np.asarray(names, dtype=object)


def _large_strings(ids: pa.Array | pa.ChunkedArray | Sequence[str]) -> pa.Array:
    if isinstance(ids, pa.ChunkedArray):
        ids = ids.combine_chunks()
    if not isinstance(ids, pa.Array):
        ids = pa.array(list(ids), type=pa.large_string())
    return ids.cast(pa.large_string()) if ids.type != pa.large_string() else ids


def from_frames(
    category_scores: pd.DataFrame,
    article_scores: pd.DataFrame | None = None,
    *,
    events: pd.Series | None = None,
    weights: pd.Series | None = None,
    dates: pd.Series | None = None,
    values: Sequence[str] = MATRIX_VALUES,
) -> ScoreData:
    """Build from pandas tables: the long ``category_scores`` (``id, outlet, category`` and
    ``values``), ``article_scores`` (``id, n_tokens``) and Series keyed by article id
    (``events``: event ids; ``weights``: syndication weights; ``dates``: parsed dates).

    Raises ``ValueError`` when an article has two rows for one category.
    """
    _check_values(values)
    id_codes, id_uniques = pd.factorize(category_scores["id"], sort=False)
    cat_codes, cat_uniques = pd.factorize(category_scores["category"], sort=False)
    n, k = len(id_uniques), len(cat_uniques)
    cell = id_codes.astype(np.int64) * k + cat_codes
    if len(cell) and np.bincount(cell, minlength=n * k).max() > 1:
        raise ValueError("Index contains duplicate entries, cannot reshape (an article has two rows for a category)")
    matrices = []
    for value in values:
        matrix = np.full(n * k, np.nan)
        matrix[cell] = category_scores[value].to_numpy(dtype=float)
        matrices.append(matrix.reshape(n, k))
    first = np.empty(n, dtype=np.int64)
    first[id_codes[::-1]] = np.arange(len(id_codes) - 1, -1, -1)
    outlet_codes, outlet_names = pd.factorize(category_scores["outlet"].take(first).to_numpy(dtype=object))
    data = ScoreData(
        ids=_large_strings([str(i) for i in id_uniques]),
        outlet_codes=outlet_codes.astype(np.int32),
        outlet_names=np.asarray(outlet_names, dtype=object),
        categories=tuple(str(c) for c in cat_uniques),
        rates=matrices[list(values).index("rate")],
        counts=matrices[list(values).index("count")] if "count" in values else None,
    )
    if article_scores is not None:
        data = data.with_articles(tokens=data.column(article_scores["id"].astype(str).tolist(),
                                                     article_scores["n_tokens"], fill=np.nan))
    if weights is not None:
        data = data.with_articles(weights=data.column(weights.index.astype(str).tolist(),
                                                      weights.to_numpy(dtype=float), fill=1.0))
    if events is not None:
        data = data.with_articles(events=data.event_codes(events.index.astype(str).tolist(), events.tolist()))
    if dates is not None:
        data = data.with_articles(dates=data.column(dates.index.astype(str).tolist(),
                                                    dates.to_numpy(dtype="datetime64[ns]"),
                                                    fill=np.datetime64("NaT"), dtype="datetime64[ns]"))
    return data


def _check_values(values: Sequence[str]) -> None:
    if "rate" not in values or not set(values) <= set(MATRIX_VALUES):
        raise ValueError(f"values must be 'rate' and optionally 'count', not {list(values)}")


def _run_starts(ids: pa.Array, previous: str | None) -> np.ndarray:
    """True where a row starts a new article: its id differs from the row before (across batches too)."""
    if ids.null_count:
        raise ValueError("the scores table has rows without an article id")
    new = np.ones(len(ids), dtype=bool)
    if len(ids) > 1:
        new[1:] = pc.not_equal(ids.slice(1), ids.slice(0, len(ids) - 1)).to_numpy(zero_copy_only=False)
    if len(ids) and previous is not None and ids[0].as_py() == previous:
        new[0] = False
    return new


def _column(table: pa.Table, name: str) -> pa.Array:
    column = table.column(name)
    return column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column


def _category_codes(table: pa.Table, index: dict[str, int]) -> np.ndarray:
    """Each row's category number in ``index`` (-1 for a category it does not name)."""
    category = _column(table, "category").dictionary_encode()
    known = np.array([index.get(name, -1) for name in category.dictionary.to_pylist()], dtype=np.int64)
    return known[category.indices.to_numpy(zero_copy_only=False)] if len(known) else np.empty(0, np.int64)


def from_batches(
    scan: Iterable[pa.Table], fill: Iterable[pa.Table], *, values: Sequence[str] = MATRIX_VALUES
) -> ScoreData:
    """Build from the long table read twice, a batch at a time (two iterators over the same rows).

    ``scan`` yields tables with ``id, outlet, category``: the first pass finds
    the articles (runs of equal ids), their outlets (the first row's) and the
    categories. ``fill`` yields tables with ``id, category`` and ``values``,
    written into the matrices. The result equals :func:`from_frames` of the
    whole table. Raises :class:`NotGrouped` when an id comes back after other
    ids, and ``ValueError`` for two rows of one article and category.
    """
    _check_values(values)
    article_ids: list[pa.Array] = []
    outlets: list[pa.Array] = []
    categories: dict[str, int] = {}
    previous: str | None = None
    for table in scan:
        ids = _column(table, "id")
        new = _run_starts(ids, previous)
        mask = pa.array(new)
        article_ids.append(_large_strings(ids.filter(mask)))
        outlets.append(_column(table, "outlet").filter(mask).cast(pa.large_string()))
        for name in pc.unique(_column(table, "category")).to_pylist():
            categories.setdefault(name, len(categories))
        if len(ids):
            previous = ids[-1].as_py()
    ids_all = pa.concat_arrays(article_ids) if article_ids else pa.array([], type=pa.large_string())
    del article_ids
    n, k = len(ids_all), len(categories)
    grouped = len(pc.unique(ids_all)) == n
    pa.default_memory_pool().release_unused()
    if not grouped:
        raise NotGrouped("the scores table's rows of one article are not next to each other")
    encoded = (pa.concat_arrays(outlets) if outlets else pa.array([], type=pa.large_string())).dictionary_encode()
    matrices = {value: np.full(n * k, np.nan) for value in values}
    seen = np.zeros(n * k, dtype=bool)
    start = 0
    previous = None
    for table in fill:
        ids = _column(table, "id")
        new = _run_starts(ids, previous)
        rows = start - 1 + np.cumsum(new)
        start = int(rows[-1]) + 1 if len(rows) else start
        if len(ids):
            previous = ids[-1].as_py()
        if len(rows) and rows[-1] >= n:
            raise ValueError("the scores table changed between the two passes")
        cat = _category_codes(table, categories)
        if (cat < 0).any():
            raise ValueError("the scores table changed between the two passes")
        cell = rows.astype(np.int64) * k + cat
        unique = np.unique(cell)
        if len(unique) < len(cell) or seen[unique].any():
            raise ValueError("Index contains duplicate entries, cannot reshape (an article has two rows for a category)")
        seen[unique] = True
        for value in values:
            matrices[value][cell] = _column(table, value).to_numpy(zero_copy_only=False).astype(float)
    del seen
    pa.default_memory_pool().release_unused()
    shaped = {value: matrix.reshape(n, k) for value, matrix in matrices.items()}
    return ScoreData(
        ids=ids_all,
        outlet_codes=encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32),
        outlet_names=np.asarray(encoded.dictionary.to_pylist(), dtype=object),
        categories=tuple(categories),
        rates=shaped["rate"],
        counts=shaped.get("count"),
    )


# --------------------------------------------------------------------------- streamed chunks
class NotSorted(ValueError):
    """A table that a streamed read needs in (outlet, id) order is not in that order."""


def _as_text(column: pa.Array) -> pa.Array:
    if pa.types.is_dictionary(column.type):
        column = column.cast(column.type.value_type)
    return column.cast(pa.large_string()) if column.type != pa.large_string() else column


def check_increasing(outlets: pa.Array, ids: pa.Array, previous: tuple[str, str] | None, what: str) -> None:
    """Raise :class:`NotSorted` unless the (outlet, id) keys rise strictly, after ``previous``."""
    if len(ids) == 0:
        return
    if outlets.null_count or ids.null_count:
        raise NotSorted(f"{what}: rows without an outlet or id")
    if len(ids) > 1:
        o1, o2 = outlets.slice(0, len(ids) - 1), outlets.slice(1)
        i1, i2 = ids.slice(0, len(ids) - 1), ids.slice(1)
        rising = pc.or_(pc.less(o1, o2), pc.and_(pc.equal(o1, o2), pc.less(i1, i2)))
        if not pc.all(rising).as_py():
            raise NotSorted(f"{what} is not in (outlet, id) order")
    if previous is not None and not previous < (outlets[0].as_py(), ids[0].as_py()):
        raise NotSorted(f"{what} is not in (outlet, id) order")


class SortedLookup:
    """Rows of a table in (outlet, id) order, looked up by id for keys that come in the same order.

    Only the rows between the last key asked for and the next are held, so a
    merge of two tables in the same order keeps a batch or two of each.
    """

    def __init__(self, tables: Iterable[pa.Table], what: str) -> None:
        self._tables = iter(tables)
        self._what = what
        self._buffer: pa.Table | None = None
        self._last: tuple[str, str] | None = None  # the last key read from the table
        self._done = False

    def _read(self) -> bool:
        for table in self._tables:
            if table.num_rows == 0:
                continue
            outlets, ids = _as_text(_column(table, "outlet")), _as_text(_column(table, "id"))
            check_increasing(outlets, ids, self._last, self._what)
            self._last = (outlets[-1].as_py(), ids[-1].as_py())
            table = table.set_column(table.schema.get_field_index("id"), "id", ids)
            table = table.set_column(table.schema.get_field_index("outlet"), "outlet", outlets)
            self._buffer = table if self._buffer is None else pa.concat_tables([self._buffer, table])
            return True
        self._done = True
        return False

    def rows(self, ids: pa.Array, last: tuple[str, str]) -> tuple[np.ndarray, pa.Table | None]:
        """For each of ``ids`` (all with keys up to ``last``), its row in the returned table or -1;
        rows with keys up to ``last`` are then dropped."""
        while not self._done and (self._last is None or self._last < last):
            self._read()
        if self._buffer is None or self._buffer.num_rows == 0:
            return np.full(len(ids), -1, dtype=np.int64), None
        buffer = self._buffer.combine_chunks()
        found = pc.fill_null(pc.index_in(ids, value_set=_column(buffer, "id")), -1)
        positions = found.to_numpy(zero_copy_only=False).astype(np.int64)
        outlets, row_ids = _column(buffer, "outlet"), _column(buffer, "id")
        lo, hi = 0, buffer.num_rows  # the first row whose key is after ``last``
        while lo < hi:
            mid = (lo + hi) // 2
            if (outlets[mid].as_py(), row_ids[mid].as_py()) <= last:
                lo = mid + 1
            else:
                hi = mid
        self._buffer = buffer.slice(lo)
        return positions, buffer


def categories_in_order(tables: Iterable[pa.Table]) -> tuple[str, ...]:
    """The distinct ``category`` values of a long table read in batches, in order of first appearance."""
    seen: dict[str, None] = {}
    for table in tables:
        for name in pc.unique(_column(table, "category")).to_pylist():
            seen.setdefault(name, None)
    return tuple(seen)


def iter_chunks(
    long: Iterable[pa.Table],
    *,
    categories: Sequence[str],
    values: Sequence[str] = MATRIX_VALUES,
    articles: Iterable[pa.Table] | None = None,
    corpus: Iterable[pa.Table] | None = None,
    event_column: str | None = None,
    weights: bool = False,
    dates: bool = False,
) -> Iterator[ScoreData]:
    """The scores as consecutive :class:`ScoreData` chunks, for steps whose memory must not grow.

    ``long`` yields batches of the long table (``id, outlet, category`` and
    ``values``) in (outlet, id) order, as the scoring step writes it; each
    chunk holds the whole articles of a batch, with the matrices' columns in
    ``categories`` order. ``articles`` (``id, outlet, n_tokens``) and ``corpus``
    (``id, outlet`` and ``weight``, ``event_column`` and/or ``date``, as asked
    for), when given, are merged in by id a window at a time, so they must be
    in the same order; an article they lack gets NaN tokens, weight 1, no
    event or no date (NaT; dates are read as :func:`framelens.trends.parse_dates` reads them). Raises
    :class:`NotSorted` when a table is not in that order (the caller can then
    read everything with :func:`from_batches`) and ``ValueError`` for two rows
    of one article and category. Outlet and event codes are per chunk: read
    the names through ``outlet_names`` and ``event_names``. Concatenated, the
    chunks hold what :func:`from_batches` gives for the same tables.
    """
    _check_values(values)
    index = {name: j for j, name in enumerate(categories)}
    k = len(categories)
    token_window = SortedLookup(articles, "the article scores table") if articles is not None else None
    corpus_window = SortedLookup(corpus, "the corpus table") if corpus is not None else None
    carry: pa.Table | None = None
    previous: tuple[str, str] | None = None

    def chunk(table: pa.Table) -> ScoreData:
        nonlocal previous
        ids = _as_text(_column(table, "id"))
        new = _run_starts(ids, None)
        mask = pa.array(new)
        article_ids = ids.filter(mask)
        outlets = _as_text(_column(table, "outlet")).filter(mask)
        check_increasing(outlets, article_ids, previous, "the scores table")
        last = (outlets[-1].as_py(), article_ids[-1].as_py())
        previous = last
        n = len(article_ids)
        rows = np.cumsum(new) - 1
        cat = _category_codes(table, index)
        if (cat < 0).any():
            raise ValueError("the scores table has a category that was not in its first pass")
        cell = rows.astype(np.int64) * k + cat
        if len(np.unique(cell)) < len(cell):
            raise ValueError("Index contains duplicate entries, cannot reshape (an article has two rows for a category)")
        matrices = {}
        for value in values:
            matrix = np.full(n * k, np.nan)
            matrix[cell] = _column(table, value).to_numpy(zero_copy_only=False).astype(float)
            matrices[value] = matrix.reshape(n, k)
        encoded = outlets.dictionary_encode()
        data = ScoreData(
            ids=article_ids,
            outlet_codes=encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32),
            outlet_names=np.asarray(encoded.dictionary.to_pylist(), dtype=object),
            categories=tuple(categories),
            rates=matrices["rate"],
            counts=matrices.get("count"),
        )
        changes: dict[str, Any] = {}
        if token_window is not None:
            found, window = token_window.rows(article_ids, last)
            tokens = np.full(n, np.nan)
            if window is not None:
                hit = found >= 0
                tokens[hit] = _column(window, "n_tokens").to_numpy(zero_copy_only=False).astype(float)[found[hit]]
            changes["tokens"] = tokens
        if corpus_window is not None:
            found, window = corpus_window.rows(article_ids, last)
            hit = found >= 0
            if weights:
                w = np.ones(n)
                if window is not None and "weight" in window.column_names:
                    w[hit] = _column(window, "weight").to_numpy(zero_copy_only=False).astype(float)[found[hit]]
                changes["weights"] = w
            if event_column:
                codes = np.full(n, -1, dtype=np.int64)
                names = np.empty(0, dtype=object)
                if window is not None:  # labels read as the in-memory route reads them (event_codes)
                    labels = pd.array(_column(window, event_column).to_pandas().astype("string").tolist(),
                                      dtype="string")
                    missing = np.asarray(labels.isna() | (labels == ""), dtype=bool)
                    window_codes, names = pd.factorize(pd.Series(labels).where(~missing, None),
                                                       use_na_sentinel=True)
                    codes[hit] = window_codes[found[hit]]
                changes["events"] = codes
                changes["event_names"] = np.asarray(names, dtype=object)
            if dates:
                from framelens.trends import parse_dates

                parsed = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
                if window is not None:
                    parsed[hit] = parse_dates(_column(window, "date").take(pa.array(found[hit])).to_pylist())
                changes["dates"] = parsed
        return replace(data, **changes) if changes else data

    for table in long:
        if table.num_rows == 0:
            continue
        if carry is not None:
            table = pa.concat_tables([carry, table.select(carry.column_names)]).combine_chunks()
        ids = _column(table, "id")
        starts = np.flatnonzero(_run_starts(ids, None))
        cut = int(starts[-1])  # the last article may go on in the next batch
        carry = table.slice(cut)
        if cut:
            yield chunk(table.slice(0, cut))
    if carry is not None and carry.num_rows:
        yield chunk(carry)
