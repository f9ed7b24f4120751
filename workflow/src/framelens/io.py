"""Reading and writing files: the only module of framelens that touches the disk.

Every writer is atomic (a temporary file in the same folder, then a rename), so
a reader never sees half a file, even when a run is killed. Every table written
as Parquet carries provenance metadata (framelens version, content hashes).
"""

from __future__ import annotations

import base64
import csv
import ctypes
import glob
import hashlib
import io
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from framelens.errors import ConfigError, CorpusError, ModelError

__all__ = [
    "RawRow",
    "UnreadableRow",
    "corpus_format",
    "read_corpus_rows",
    "read_html_pages",
    "read_url_list",
    "read_pages_sheet",
    "exists",
    "read_outlets",
    "read_text",
    "read_yaml",
    "read_parquet",
    "parquet_metadata",
    "read_csv",
    "write_parquet",
    "write_csv",
    "write_json",
    "write_text",
    "write_bytes",
    "save_figure",
    "file_sha256",
    "atomic_path",
    "atomic_dir",
    "parquet_parts",
    "PartWriter",
    "PART_ROW_GROUPS",
    "PARTS_SCHEMA",
    "read_json",
    "iter_parquet_batches",
    "iter_parquet_files",
    "read_parquet_files",
    "parquet_num_rows",
    "parquet_schema_names",
    "write_parquet_batches",
    "parquet_batch_writers",
    "iter_jsonl_chunks",
    "parse_jsonl_lines",
    "rows_table",
    "TOKEN_INDEX_SCHEMA",
    "VOCAB_SCHEMA",
    "token_index_writer",
    "iter_token_index",
    "split_parquet",
    "parquet_part_rows",
    "write_array_parquet",
    "write_array_batches",
    "read_array_parquet",
    "iter_array_parquet",
    "gather_parquet",
    "iter_parquet_columns",
    "CorpusItem",
    "iter_corpus_rows",
    "parquet_schema",
    "iter_parquet_tables",
    "ParquetStream",
    "parquet_stream_writer",
    "scratch_parquet_writer",
    "scratch_dir",
    "read_parquet_table",
    "read_arrow_stream",
    "release_memory",
    "ArrayStore",
    "TableSpool",
    "FixedRowGroups",
    "TRUSTED_MODEL_TYPES",
    "save_model",
    "load_model",
]

CORPUS_FORMATS = ("jsonl", "csv", "parquet", "html")
_SUFFIX_FORMATS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
}
OUTLET_COLUMNS = ("outlet", "name", "group", "country", "language", "color")

RawRow = tuple[int, dict[str, Any]]
"""A readable corpus row: its line (or row) number in the source and its fields."""

UnreadableRow = tuple[int, str, str]
"""A row that could not be read: line number, reason code, detail."""


def corpus_format(path: str | os.PathLike[str], fmt: str = "auto") -> str:
    """Return the corpus format of ``path``: ``fmt`` itself, or guessed from the suffix."""
    if fmt != "auto":
        if fmt not in CORPUS_FORMATS:
            raise ConfigError(f"unknown corpus format {fmt!r}; use one of {CORPUS_FORMATS} or 'auto'")
        return fmt
    if Path(path).is_dir():
        return "html"
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIX_FORMATS:
        raise CorpusError(
            f"{path}: cannot tell the corpus format from the suffix {suffix!r}; "
            f"use .jsonl, .csv or .parquet, or set the format explicitly"
        )
    return _SUFFIX_FORMATS[suffix]


def read_corpus_rows(
    path: str | os.PathLike[str], *, fmt: str = "auto", encoding_errors: str = "strict"
) -> tuple[list[RawRow], list[UnreadableRow]]:
    """Read every row of a corpus file, keeping its line number.

    Rows that cannot be read at all (broken JSON, undecodable bytes under the
    strict policy, a CSV row with too many fields) are returned separately with
    a reason, never dropped silently. ``encoding_errors`` is ``"strict"`` or
    ``"replace"``; with ``"replace"`` undecodable bytes become U+FFFD and the
    row is kept (the ingest step counts the replacements).
    """
    rows: list[RawRow] = []
    bad: list[UnreadableRow] = []
    for batch in iter_corpus_rows(path, fmt=fmt, encoding_errors=encoding_errors, batch_rows=10_000):
        for line, fields, reason, detail in batch:
            if fields is None:
                bad.append((line, reason, detail))
            else:
                rows.append((line, fields))
    return rows, bad


HTML_SUFFIXES = (".html", ".htm")
PAGES_SHEET = "pages.csv"


def read_html_pages(
    folder: str | os.PathLike[str],
) -> tuple[list[tuple[str, bytes]], list[dict[str, str]]]:
    """Read a folder of saved web pages: every ``*.html``/``*.htm`` file below it, and its sheet.

    Returns ``(pages, sheet)``: ``pages`` are ``(path relative to folder, raw
    bytes)`` in sorted path order (bytes, because a page declares its own
    encoding); ``sheet`` is the rows of ``folder/pages.csv`` if present (column
    ``file`` = relative path, plus ``outlet`` and optional ``id, url, date,
    title, lang``), else empty. Nothing is fetched: links inside the pages are
    never followed.
    """
    root = Path(folder)
    if not root.is_dir():
        raise CorpusError(f"HTML corpus folder not found: {root}")
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in HTML_SUFFIXES)
    pages = [(p.relative_to(root).as_posix(), p.read_bytes()) for p in files]
    return pages, read_pages_sheet(root)


def read_pages_sheet(folder: str | os.PathLike[str]) -> list[dict[str, str]]:
    """Rows of ``folder/pages.csv`` (the sheet of an HTML corpus), or ``[]`` when there is none."""
    sheet_path = Path(folder) / PAGES_SHEET
    if not sheet_path.is_file():
        return []
    frame = pd.read_csv(sheet_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    if "file" not in frame.columns:
        raise CorpusError(f"{sheet_path}: needs a 'file' column (page path relative to {folder})")
    return [{k: str(v).strip() for k, v in row.items()} for row in frame.to_dict("records")]


def exists(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` exists (used to resume an interrupted download)."""
    return Path(path).exists()


def read_url_list(path: str | os.PathLike[str]) -> list[tuple[int, str]]:
    """Read a URL list for ``framelens fetch``: ``(line number, line)`` of non-empty, non-comment lines."""
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"URL list not found: {path}")
    out = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        line = line.strip()
        if line and not line.startswith("#"):
            out.append((lineno, line))
    return out


def read_outlets(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read the outlets sheet: one row per outlet id, columns :data:`OUTLET_COLUMNS`."""
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"outlets sheet not found: {path}")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in OUTLET_COLUMNS if c not in frame.columns]
    if missing:
        raise CorpusError(f"{path}: missing column(s) {missing}; required: {list(OUTLET_COLUMNS)}")
    frame = frame.apply(lambda col: col.str.strip())
    dupes = sorted(set(frame.loc[frame["outlet"].duplicated(), "outlet"]))
    if dupes:
        raise CorpusError(f"{path}: outlet id(s) listed twice: {dupes}")
    empty = frame.index[frame["outlet"] == ""].tolist()
    if empty:
        raise CorpusError(f"{path}: empty outlet id on data row(s) {[i + 1 for i in empty]}")
    return frame.sort_values("outlet").reset_index(drop=True)


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a UTF-8 text file (a BOM is ignored)."""
    return Path(path).read_text(encoding="utf-8-sig")


def read_yaml(path: str | os.PathLike[str]) -> Any:
    """Read a YAML file with the safe loader, within :mod:`framelens.safeyaml`'s limits."""
    from framelens.safeyaml import safe_load

    with open(path, encoding="utf-8-sig") as fh:
        return safe_load(fh.read(), path=str(path))


def read_parquet(path: str | os.PathLike[str], columns: list[str] | None = None) -> pd.DataFrame:
    """Read a Parquet table written by :func:`write_parquet` (or a table in parts, :func:`parquet_parts`)."""
    return read_parquet_table(path, columns=columns).to_pandas()


def parquet_metadata(path: str | os.PathLike[str]) -> dict[str, str]:
    """Return the framelens provenance metadata stored in a Parquet file (or a table in parts)."""
    meta = parquet_schema(path).metadata or {}
    return {
        k.decode()[len("framelens.") :]: v.decode()
        for k, v in meta.items()
        if k.decode().startswith("framelens.")
    }


def read_csv(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a CSV table written by :func:`write_csv`."""
    return pd.read_csv(path, keep_default_na=False, na_values=[""])


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


@contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; rename it onto ``path`` on success."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        # mkstemp creates the file private (0600); results get the usual umask-based mode.
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _remove_stale(target: Path) -> None:
    """A run killed while writing leaves its temporary file (or folder) behind; the next write removes it."""
    for stale in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            stale.unlink(missing_ok=True)


@contextmanager
def atomic_dir(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary folder next to ``path``; on success it replaces ``path`` (a file or a folder).

    As with :func:`atomic_path`, a reader sees the old output or the whole new
    one, never a half-written folder; what a failed or killed run leaves is removed.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(target)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        yield tmp
        os.chmod(tmp, 0o777 & ~_UMASK)  # mkdtemp creates the folder private (0700)
        if not os.path.lexists(target):
            os.replace(tmp, target)
        else:  # a folder cannot be renamed onto a file or a full folder: the old one steps aside first
            old = target.with_name(f".{target.name}.old.tmp")
            os.replace(target, old)
            os.replace(tmp, target)
            if old.is_dir() and not old.is_symlink():
                shutil.rmtree(old, ignore_errors=True)
            else:
                old.unlink()
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------------- tables in parts (issue 9)
#: Row groups per part of a table written in parts (:func:`parquet_stream_writer` with ``parts``).
#: A Parquet reader decodes the whole footer when it opens a file, and a writer keeps every row
#: group's footer entry until it closes: about 1.4 KB per row group and column in memory (measured:
#: 21 MB to open a file of 710 row groups of 21 columns, the articles of 10^6 news articles; 12 MB
#: held by its writer). A table in parts of this many row groups holds one part's footer at a time
#: (about 2 MB), whatever the number of articles.
PART_ROW_GROUPS = 64

#: The file of a table in parts that holds its schema and metadata and no rows. Its name starts
#: with "_", so Arrow's and pandas's dataset readers (``pd.read_parquet(folder)``) pass it over.
PARTS_SCHEMA = "_schema.parquet"


def _part_name(k: int) -> str:
    return f"part-{k:06d}.parquet"


def parquet_parts(path: str | os.PathLike[str]) -> list[Path]:
    """The Parquet files that hold a table's rows, in order: the file itself, or a folder's parts.

    A table in parts is a folder (named like a file, ``articles.parquet``) of
    ``part-000000.parquet``, ``part-000001.parquet``, ... and :data:`PARTS_SCHEMA`.
    The parts' rows, in the order of their names, are the table's rows.
    """
    folder = Path(path)
    if not folder.is_dir():
        return [folder]
    if not (folder / PARTS_SCHEMA).is_file():
        raise CorpusError(f"{folder}: a folder, but not a table in parts (no {PARTS_SCHEMA}); "
                          f"was it written by framelens?")
    return sorted(folder.glob("part-*.parquet"))


def _schema_file(path: str | os.PathLike[str]) -> Path:
    """The file whose footer holds a table's schema and metadata."""
    folder = Path(path)
    return folder / PARTS_SCHEMA if folder.is_dir() else folder


class PartWriter:
    """``write_table(table)`` into a folder of parts, a new part every :data:`PART_ROW_GROUPS` tables.

    Each table written is one row group (tables of at most a million rows). A
    part's writer is closed, and its footer entries freed, once the part is
    full. :meth:`close` writes :data:`PARTS_SCHEMA` with the final ``schema``.
    """

    def __init__(self, folder: Path, schema: pa.Schema, *, compression: str = "zstd") -> None:
        self.folder, self.schema, self.compression = folder, schema, compression
        self._writer: pq.ParquetWriter | None = None
        self._groups = self.parts = 0

    def write_table(self, table: pa.Table) -> None:
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.folder / _part_name(self.parts), self.schema,
                                            compression=self.compression)
            self.parts += 1
        self._writer.write_table(table)
        self._groups += 1
        if self._groups >= PART_ROW_GROUPS:
            self.close_part()

    def close_part(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer, self._groups = None, 0

    def close(self, schema: pa.Schema | None = None) -> None:
        """Close the last part and write the table's ``schema`` (default: the parts') with its metadata."""
        self.close_part()
        final = self.schema if schema is None else schema
        pq.write_table(final.empty_table(), self.folder / PARTS_SCHEMA, compression=self.compression)


def write_parquet(
    frame: pd.DataFrame, path: str | os.PathLike[str], *, metadata: Mapping[str, str] | None = None
) -> None:
    """Write ``frame`` (index dropped) as Parquet with provenance ``metadata``, atomically."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    meta = dict(table.schema.metadata or {})
    for key, value in sorted((metadata or {}).items()):
        meta[f"framelens.{key}".encode()] = str(value).encode()
    table = table.replace_schema_metadata(meta)
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp, compression="zstd")


def write_csv(frame: pd.DataFrame, path: str | os.PathLike[str]) -> None:
    """Write ``frame`` (index dropped) as a UTF-8 CSV with ``\\n`` line ends, atomically."""
    with atomic_path(path) as tmp:
        frame.to_csv(tmp, index=False, lineterminator="\n", encoding="utf-8")


def write_json(value: Any, path: str | os.PathLike[str]) -> None:
    """Write ``value`` as indented, key-sorted JSON, atomically."""
    write_text(json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n", path)


def write_text(text: str, path: str | os.PathLike[str]) -> None:
    """Write a UTF-8 text file atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_bytes(data: bytes, path: str | os.PathLike[str]) -> None:
    """Write raw bytes atomically (a fetched page is saved exactly as received)."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def save_figure(figure: Any, path: str | os.PathLike[str], *, dpi: int = 200) -> None:
    """Save a matplotlib figure as PNG or SVG (by suffix), byte-identical across runs."""
    import matplotlib

    target = Path(path)
    fmt = target.suffix.lstrip(".").lower()
    metadata: dict[str, Any] = {"Software": None}
    if fmt == "svg":
        metadata = {"Date": None, "Creator": None}
    with matplotlib.rc_context({"svg.hashsalt": "framelens", "svg.fonttype": "path"}):
        with atomic_path(target) as tmp:
            figure.savefig(tmp, format=fmt, dpi=dpi, metadata=metadata, bbox_inches="tight")


def file_sha256(path: str | os.PathLike[str]) -> str:
    """Return the hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ----------------------------------------------------------------------------- models
MODEL_KEY = "framelens_model"
TRUSTED_MODEL_TYPES: tuple[str, ...] = (
    # scikit-learn's private helpers inside a fitted CalibratedClassifierCV; skops
    # trusts public scikit-learn, NumPy and SciPy types by itself.
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
)
"""Types a framelens model file may contain beyond those skops trusts by default."""


def save_model(model: Mapping[str, Any], path: str | os.PathLike[str]) -> None:
    """Save a framelens model bundle with skops (never pickle), zip-compressed, atomically.

    ``model`` is a mapping with the key ``"framelens_model"`` (the kind of model,
    e.g. ``"frames"``), the fitted ``"estimator"`` and any JSON-like metadata
    (labels, settings, hashes) stored next to it.
    """
    import zipfile

    import skops.io as sio

    if not isinstance(model, Mapping) or MODEL_KEY not in model:
        raise ModelError(f"save_model expects a mapping with a {MODEL_KEY!r} key, got {type(model).__name__}")
    buffer = io.BytesIO()
    sio.dump(dict(model), buffer, compression=zipfile.ZIP_DEFLATED)
    with atomic_path(path) as tmp:
        tmp.write_bytes(_canonical_skops(buffer.getvalue()))


_SKOPS_ID = re.compile(r'("__id__": )(\d+)|("file": ")(\d+)(\.\w+")')
# scikit-learn's text vectorizers keep id(stop_words) to skip a repeated check; a memory
# address, different on every run. 0 is never an id, so a loaded model simply checks again.
_STOP_WORDS_ID = re.compile(r'("_stop_words_id": \{[^{}]*?"content": ")(\d+)(")')


def _canonical_skops(data: bytes) -> bytes:
    """The same skops archive, byte-identical across runs.

    skops names array members and tags shared objects with ``id()`` values
    (memory addresses) and stamps members with the current time; here every id
    becomes its rank of first appearance in ``schema.json``, members are stored
    in name order with a fixed timestamp, and a vectorizer's cached
    ``_stop_words_id`` (also a memory address) becomes 0. What the file loads
    to predicts exactly the same.
    """
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as src:
        members = {info.filename: src.read(info) for info in src.infolist()}
    rank: dict[str, str] = {}

    def renumber(match: re.Match[str]) -> str:
        if match.group(1):
            return match.group(1) + rank.setdefault(match.group(2), str(len(rank)))
        return match.group(3) + rank.setdefault(match.group(4), str(len(rank))) + match.group(5)

    schema = _STOP_WORDS_ID.sub(r"\g<1>0\g<3>", members.pop("schema.json").decode("utf-8"))
    schema = _SKOPS_ID.sub(renumber, schema)
    renamed = {"schema.json": schema.encode("utf-8")}
    for name, payload in members.items():
        stem, dot, suffix = name.partition(".")
        renamed[(rank.get(stem, stem) + dot + suffix) if stem.isdigit() else name] = payload
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(renamed):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, renamed[name])
    return out.getvalue()


def load_model(
    path: str | os.PathLike[str], *, kind: str | None = None, trusted: tuple[str, ...] = TRUSTED_MODEL_TYPES
) -> dict[str, Any]:
    """Load a model bundle written by :func:`save_model`, trusting only an explicit list of types.

    Refuses (with :class:`~framelens.errors.ModelError`) anything that is not a
    skops file (a pickle is never unpickled), a skops file that contains a type
    outside skops' defaults and ``trusted``, a skops file that is not a framelens
    model, and a model of another ``kind``.
    """
    import zipfile

    import skops.io as sio

    path = Path(path)
    if not path.is_file():
        raise ModelError(f"model file not found: {path}")
    if not zipfile.is_zipfile(path):
        raise ModelError(f"{path}: not a skops model file (a skops file is a zip archive); "
                         f"framelens never loads pickle or joblib files; retrain to get a .skops model")
    try:
        untrusted = sio.get_untrusted_types(file=path)
    except Exception as exc:  # skops raises several types for a zip that is not its own
        raise ModelError(f"{path}: not a skops model file ({type(exc).__name__}: {exc})") from exc
    refused = sorted(set(untrusted) - set(trusted))
    if refused:
        raise ModelError(f"{path}: refusing to load, the file contains type(s) framelens does not trust: "
                         f"{refused}; trusted beyond skops' defaults: {list(trusted)}")
    try:
        model = sio.load(path, trusted=list(untrusted))
    except Exception as exc:
        raise ModelError(f"{path}: cannot load the skops file ({type(exc).__name__}: {exc})") from exc
    if not isinstance(model, dict) or MODEL_KEY not in model or "estimator" not in model:
        raise ModelError(f"{path}: a skops file but not a framelens model "
                         f"(expected a bundle with {MODEL_KEY!r} and 'estimator' keys)")
    if kind is not None and model[MODEL_KEY] != kind:
        raise ModelError(f"{path}: a framelens {model[MODEL_KEY]!r} model, but a {kind!r} model is needed")
    return model


def read_json(path: str | os.PathLike[str]) -> Any:
    """Read a UTF-8 JSON file."""
    with open(path, encoding="utf-8-sig") as fh:
        return json.load(fh)


# --------------------------------------------------------------------------- batched Parquet (shards)
def _with_metadata(schema: pa.Schema, metadata: Mapping[str, str] | None) -> pa.Schema:
    meta = dict(schema.metadata or {})
    meta.pop(b"pandas", None)  # pandas index bookkeeping differs between batches; not needed
    for key, value in sorted((metadata or {}).items()):
        meta[f"framelens.{key}".encode()] = str(value).encode()
    return schema.with_metadata(meta)


def parquet_num_rows(path: str | os.PathLike[str]) -> int:
    """Return the number of rows of a Parquet file or table in parts (from footers, without reading data)."""
    return sum(pq.read_metadata(part).num_rows for part in parquet_parts(path))


def parquet_schema_names(path: str | os.PathLike[str]) -> list[str]:
    """Return the column names of a Parquet file (or table in parts)."""
    return list(parquet_schema(path).names)


@contextmanager
def parquet_batch_writers(
    paths: Mapping[str, str | os.PathLike[str]],
    *,
    schemas: Mapping[str, pa.Schema],
    metadata: Mapping[str, str] | None = None,
) -> Iterator[Callable[[Mapping[str, pd.DataFrame]], None]]:
    """Open one Parquet writer per named output; yield ``write({name: frame})``; commit atomically.

    A frame is a DataFrame or an Arrow table (:func:`rows_table`), cast to the output's schema.

    Outputs appear only when the block ends without an exception.
    """
    with ExitStack() as stack:
        writers: dict[str, tuple[pq.ParquetWriter, pa.Schema]] = {}
        for name, out in paths.items():
            schema = _with_metadata(schemas[name], metadata)
            tmp = stack.enter_context(atomic_path(out))
            writers[name] = (stack.enter_context(pq.ParquetWriter(tmp, schema, compression="zstd")), schema)

        def write(frames: Mapping[str, pd.DataFrame | pa.Table]) -> None:
            for name, frame in frames.items():
                writer, schema = writers[name]
                if isinstance(frame, pa.Table):
                    table = frame.select(schema.names).cast(schema)
                else:
                    table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
                writer.write_table(table.replace_schema_metadata(schema.metadata))

        yield write


#: Rows read at a time while a batch bounded in bytes is gathered: a batch ends at most this many rows
#: after it reaches its byte bound.
BYTES_STEP_ROWS = 128

#: Whether the streamed Parquet reads decode in Arrow's thread pool. They do not: measured at 10^5
#: articles (session 11), decoding in the calling thread held 13-38 MB less per step (boilerplate
#: 384 -> 360 MB, language 270 -> 243, shard 338 -> 324, syndication 361 -> 333) at the same speed
#: within this machine's noise (the batches are 128 rows: little to share out, and the pool's threads
#: each keep blocks of their own in the allocator). The workflow runs jobs side by side anyway.
READ_THREADS = False


def _pieces(
    path: str | os.PathLike[str], *, batch_size: int, columns: list[str] | None, row_groups: list[int] | None,
) -> Iterator[pa.RecordBatch]:
    """Arrow's record batches of a Parquet file or table in parts, in order, one part's footer held at a time.

    ``row_groups`` are numbered across the parts (as :func:`parquet_part_rows` counts them).
    A table in parts gets its schema's metadata from :data:`PARTS_SCHEMA`.
    """
    parts = parquet_parts(path)
    meta = parquet_schema(path).metadata if Path(path).is_dir() else None
    first = 0  # the number, across the parts, of the part's first row group
    for part in parts:
        pfile = pq.ParquetFile(part, pre_buffer=False)  # pre-buffering keeps what was read: RSS grows
        n = pfile.num_row_groups
        groups = None if row_groups is None else [g - first for g in row_groups if first <= g < first + n]
        first += n
        if groups is None or groups:
            for batch in pfile.iter_batches(batch_size=batch_size, columns=columns, row_groups=groups,
                                            use_threads=READ_THREADS):
                yield batch if meta is None else batch.replace_schema_metadata(meta)
                del batch
        pfile.close()
        del pfile  # its footer goes before the next part's is read


def _bounded_batches(
    path: str | os.PathLike[str], *, columns: list[str] | None, batch_rows: int, max_bytes: int | None,
    row_groups: list[int] | None = None,
) -> Iterator[pa.Table]:
    """The rows of ``path`` as tables of at most ``batch_rows`` rows and about ``max_bytes`` bytes.

    A batch ends when it has ``batch_rows`` rows, or once the columns read
    (their size in Arrow's memory) reach ``max_bytes``. It is read
    :data:`BYTES_STEP_ROWS` rows at a time, so it ends at most that many rows
    past the bound. Long texts thus make batches of fewer rows, and a batch's
    memory does not grow with the articles' length. ``max_bytes=None``: rows only.

    The generator keeps no reference to a batch it has yielded: a caller that
    converts it (to pandas, to Python lists) and drops it frees its Arrow
    memory before working on the conversion. Pre-buffering is off (it keeps what
    was read), and the Arrow memory pool hands its freed blocks back before the
    next batch is read: without that, mimalloc keeps some of every batch and a
    long stream's RSS creeps up.
    """
    if batch_rows < 1:
        raise ValueError(f"batch_rows must be at least 1, not {batch_rows!r}")
    if max_bytes is not None and max_bytes < 1:
        raise ValueError(f"max_bytes must be at least 1, not {max_bytes!r}")
    pool = pa.default_memory_pool()
    parts: list[pa.RecordBatch] = []
    if max_bytes is None:  # Arrow's batches as they come (a table in parts: whole batches within a part)
        for batch in _pieces(path, batch_size=batch_rows, columns=columns, row_groups=row_groups):
            parts.append(batch)
            del batch
            yield _table_of(parts)
            pool.release_unused()
        return
    rows = size = 0
    for piece in _pieces(path, batch_size=min(batch_rows, BYTES_STEP_ROWS), columns=columns,
                         row_groups=row_groups):
        while piece is not None and piece.num_rows:
            take = min(piece.num_rows, batch_rows - rows)
            if take < piece.num_rows:
                parts.append(piece.slice(0, take))
                piece = piece.slice(take)
            else:
                parts.append(piece)
                piece = None
            rows += take
            size += parts[-1].nbytes
            if rows == batch_rows or size >= max_bytes:
                rows = size = 0
                yield _table_of(parts)
                pool.release_unused()
    if parts:
        yield _table_of(parts)
        pool.release_unused()


def _table_of(parts: list[pa.RecordBatch]) -> pa.Table:
    """``parts`` as one table; ``parts`` is emptied, so that the caller keeps no reference to them."""
    table = pa.Table.from_batches(parts)
    parts.clear()
    return table


def iter_parquet_batches(
    path: str | os.PathLike[str], *, columns: list[str] | None = None, batch_rows: int = 2000,
    max_bytes: int | None = None,
) -> Iterator[pd.DataFrame]:
    """Yield a Parquet table as DataFrames of at most ``batch_rows`` rows (memory stays flat).

    With ``max_bytes``, a batch also ends once its columns reach about that
    many bytes (see :func:`_bounded_batches`).
    """
    pool = pa.default_memory_pool()
    for table in _bounded_batches(path, columns=columns, batch_rows=batch_rows, max_bytes=max_bytes):
        frame = table.to_pandas()
        del table
        pool.release_unused()
        yield frame


def iter_parquet_files(
    paths: Sequence[str | os.PathLike[str]], *, columns: list[str] | None = None, batch_rows: int = 2000,
    max_bytes: int | None = None,
) -> Iterator[pd.DataFrame]:
    """Yield the rows of several Parquet files (e.g. the shards of one table), file after file, in batches.

    ``columns`` absent from a file are left out of its batches (callers check
    :func:`parquet_schema_names` when a column is optional). At most
    ``batch_rows`` rows (and about ``max_bytes`` bytes) are held at a time, whatever the number of files.
    """
    for path in paths:
        names = set(parquet_schema_names(path))
        wanted = None if columns is None else [c for c in columns if c in names]
        yield from iter_parquet_batches(path, columns=wanted, batch_rows=batch_rows, max_bytes=max_bytes)


def read_parquet_files(
    paths: Sequence[str | os.PathLike[str]], *, columns: list[str]
) -> pd.DataFrame:
    """Read ``columns`` of several Parquet files with one schema into one DataFrame (files in the given order).

    Meant for narrow per-article columns (``id``, ``outlet``, ``lang``): only
    those columns are read, never a file's token lists.
    """
    tables = [pq.read_table(p, columns=columns).replace_schema_metadata(None) for p in paths]
    return pa.concat_tables(tables, promote_options="default").to_pandas()


def write_parquet_batches(
    frames: Iterable[pd.DataFrame],
    path: str | os.PathLike[str],
    *,
    schema: pa.Schema,
    metadata: Mapping[str, str] | None = None,
) -> int:
    """Write DataFrames one after another into one Parquet file with ``schema``, atomically.

    Returns the number of rows written; an empty iterable writes a valid empty table.
    """
    schema = _with_metadata(schema, metadata)
    n = 0
    with atomic_path(path) as tmp:
        with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
            for frame in frames:
                table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
                writer.write_table(table.replace_schema_metadata(schema.metadata))
                n += table.num_rows
    return n


def split_parquet(
    path: str | os.PathLike[str],
    outputs: Sequence[str | os.PathLike[str]],
    assign: Callable[[pa.RecordBatch], Sequence[int]],
    *,
    batch_rows: int = 2000,
    metadata: Mapping[str, str] | None = None,
    progress: Callable[[int], None] | None = None,
    compression: str = "zstd",
    arrow_stream: bool = False,
    max_bytes: int | None = None,
    buffer_bytes: int | None = None,
) -> list[int]:
    """Stream the rows of ``path`` into ``outputs``: ``assign(batch)`` gives each row's output index.

    Rows keep their order within each output; every output is written (empty if
    no row goes there), atomically. Returns the row count of each output.
    ``compression="none"`` suits scratch files read back once. With
    ``arrow_stream`` the outputs are Arrow IPC streams (read them with
    :func:`read_arrow_stream`): for scratch buckets that each get a few rows of
    every batch. A Parquet writer keeps the footer entry of every row group in
    memory until it closes (measured: about 14 KB per row group of 12 columns,
    0.85 GB for 250 outputs × 250 batches of 10^5 articles); an IPC stream keeps
    nothing, and writes twice as fast.

    The input is read ``batch_rows`` rows (and about ``max_bytes`` bytes) at a
    time. With ``buffer_bytes``, each output's rows wait until they make a row
    group of ``batch_rows`` rows, and while all the waiting rows take more than
    ``buffer_bytes`` the output with the most waits no longer: its rows are
    written as a row group. Without it each batch's rows are written at once:
    ``n`` outputs get row groups of about ``batch_rows / n`` rows, and ``n``
    times as many footer entries. Parquet outputs are compressed and written in
    a thread of their own (one row group in flight), while the next batch is read
    and split.
    """
    import pyarrow.compute as pc

    if buffer_bytes is not None and arrow_stream:
        raise ValueError("buffer_bytes is for Parquet outputs: an IPC stream keeps no footer")
    source = parquet_schema(path)
    schema = _with_metadata(source, metadata)
    counts = [0] * len(outputs)
    waiting: list[list[pa.RecordBatch]] = [[] for _ in outputs]
    wait_rows = [0] * len(outputs)
    wait_bytes = [0] * len(outputs)
    with ExitStack() as stack:
        writers: list[Callable[[pa.RecordBatch | pa.Table], None]] = []
        for out in outputs:
            tmp = stack.enter_context(atomic_path(out))
            if arrow_stream:
                sink = stack.enter_context(pa.OSFile(str(tmp), "wb"))
                writers.append(stack.enter_context(pa.ipc.new_stream(sink, schema)).write)
            else:
                writer = stack.enter_context(pq.ParquetWriter(tmp, schema, compression=compression))
                writers.append(lambda part, writer=writer: writer.write_table(
                    (part if isinstance(part, pa.Table) else pa.Table.from_batches([part]))
                    .replace_schema_metadata(schema.metadata), row_group_size=batch_rows))
        if not arrow_stream:
            # Arrow compresses and writes the Parquet outputs' row groups in a thread of its own,
            # in order, while this one reads and splits the next batch (closed before the writers)
            from framelens.parallel import InOrderCalls

            calls = stack.enter_context(InOrderCalls(lambda job: job[0](job[1]), name="split-writer"))
            writers = [lambda part, write=write: calls.submit((write, part)) for write in writers]

        def flush(k: int, rows: int | None = None) -> None:
            """Write ``rows`` (all when ``None``) of output ``k``'s waiting rows as one row group."""
            table = pa.Table.from_batches(waiting[k], schema=source)
            rows = table.num_rows if rows is None else rows
            writers[k](table.slice(0, rows))
            rest = table.slice(rows)  # zero-copy slices (each keeps its part's buffer: one part a shard more)
            waiting[k] = [b for b in rest.to_batches() if b.num_rows]
            wait_rows[k] = rest.num_rows
            wait_bytes[k] = sum(b.nbytes for b in waiting[k])

        pool = pa.default_memory_pool()
        for table in _bounded_batches(path, columns=None, batch_rows=batch_rows, max_bytes=max_bytes):
            if not table.num_rows:
                continue
            batch = table.combine_chunks().to_batches()[0]
            del table
            index = pa.array(assign(batch), type=pa.int64())
            part = None
            for k, write in enumerate(writers):
                part = batch.filter(pc.equal(index, k))
                if not part.num_rows:
                    continue
                counts[k] += part.num_rows
                if buffer_bytes is None:
                    write(part)
                    continue
                waiting[k].append(part)
                wait_rows[k] += part.num_rows
                wait_bytes[k] += part.nbytes
                while wait_rows[k] >= batch_rows:
                    flush(k, batch_rows)
            while buffer_bytes is not None and sum(wait_bytes) > buffer_bytes:
                flush(max(range(len(outputs)), key=wait_bytes.__getitem__))
            if progress is not None:
                progress(batch.num_rows)
            del batch, part, index
            pool.release_unused()  # else mimalloc keeps some of every batch: RSS creeps up
        for k in range(len(outputs)):
            if wait_rows[k]:
                flush(k)
    return counts


def read_arrow_stream(path: str | os.PathLike[str]) -> pa.Table:
    """An Arrow IPC stream file (as :func:`split_parquet` writes with ``arrow_stream``) as one table."""
    with pa.OSFile(str(path), "rb") as source:
        return pa.ipc.open_stream(source).read_all()


#: Rows per row group of a gathered table: the file's layout depends only on its rows.
GATHER_ROW_GROUP = 65_536


def gather_parquet(
    paths: Sequence[str | os.PathLike[str]],
    path: str | os.PathLike[str],
    *,
    sort_by: Sequence[tuple[str, str]],
    metadata: Mapping[str, str] | None = None,
    batch_rows: int = 16_384,
) -> int:
    """Concatenate Parquet files with one schema, sort rows stably by ``sort_by``, write ``path``.

    The result does not depend on how rows were split among ``paths``, only on
    which rows there are (ties keep the order of ``paths``, then of rows). When
    every key is an ascending text column and every file is already sorted by
    the keys (as shard outputs are), the files are merged ``batch_rows`` at a
    time, so memory does not grow with the table; otherwise they are read
    whole and sorted. Either way the file is written in row groups of
    :data:`GATHER_ROW_GROUP` rows, so its bytes depend only on its rows.
    Returns the number of rows.
    """
    files = [pq.ParquetFile(p, pre_buffer=False) for p in paths]  # pre-buffering keeps what was read
    schema = pa.unify_schemas([f.schema_arrow.remove_metadata() for f in files], promote_options="default")
    schema = _with_metadata(schema.with_metadata(files[0].schema_arrow.metadata or {}), metadata)
    keys = [c for c, _ in sort_by]
    mergeable = all(order == "ascending" for _, order in sort_by) and all(
        pa.types.is_string(schema.field(k).type) or pa.types.is_large_string(schema.field(k).type)
        or pa.types.is_null(schema.field(k).type) for k in keys)
    if mergeable:
        mergeable = all(_sorted_by(f, keys, batch_rows) for f in files)
    with atomic_path(path) as tmp, pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
        out = FixedRowGroups(partial(writer.write_table, row_group_size=GATHER_ROW_GROUP), GATHER_ROW_GROUP, schema)
        if mergeable:
            for table in _merged(files, keys, sort_by, schema, batch_rows):
                out.write(table)
        else:
            import pyarrow.compute as pc

            table = pa.concat_tables([f.read().cast(schema) for f in files]).combine_chunks()
            if table.num_rows:
                table = table.take(pc.sort_indices(table, sort_keys=list(sort_by)))
            out.write(table)
        out.close()
    return out.rows


class FixedRowGroups:
    """Hands tables on to ``write`` in row groups of exactly ``rows`` rows (the last may be short).

    Tables come in any sizes (:meth:`write`), cast to ``schema``; :meth:`close` hands on
    what is left, or one empty table if no row came at all. A file written this way has
    a layout that depends only on its rows, not on how they were produced.
    """

    def __init__(self, write: Callable[[pa.Table], None], rows: int, schema: pa.Schema) -> None:
        self._write, self.size, self.schema = write, rows, schema
        self.pending: list[pa.Table] = []
        self.rows = 0

    def write(self, table: pa.Table) -> None:
        self.pending.append(table.cast(self.schema))
        self.rows += table.num_rows
        if sum(t.num_rows for t in self.pending) >= self.size:
            buffered = pa.concat_tables(self.pending)
            full = buffered.num_rows // self.size * self.size
            for lo in range(0, full, self.size):
                self._write(buffered.slice(lo, self.size).combine_chunks())
            self.pending = [buffered.slice(full).combine_chunks()]  # not a view of what was written
            del buffered
            pa.default_memory_pool().release_unused()

    def close(self) -> None:
        rest = pa.concat_tables(self.pending) if self.pending else self.schema.empty_table()
        if rest.num_rows or self.rows == 0:
            self._write(rest.combine_chunks())


def _merge_key(table: pa.Table | pa.RecordBatch, keys: Sequence[str]) -> pa.Array:
    # "\x00" sorts below every other character, so comparing the joined strings compares the tuples
    import pyarrow.compute as pc

    columns = [pc.fill_null(pc.cast(table.column(k), pa.string()), "") for k in keys]
    joined = columns[0] if len(columns) == 1 else pc.binary_join_element_wise(*columns, "\x00")
    return joined.combine_chunks() if isinstance(joined, pa.ChunkedArray) else joined


def _sorted_by(file: pq.ParquetFile, keys: Sequence[str], batch_rows: int) -> bool:
    """Whether the file's rows are in non-decreasing key order (reads only the key columns)."""
    import pyarrow.compute as pc

    last = None
    for batch in file.iter_batches(batch_size=batch_rows, columns=list(keys), use_threads=READ_THREADS):
        k = _merge_key(batch, keys)
        if not len(k):
            continue
        if last is not None and k[0].as_py() < last:
            return False
        if len(k) > 1 and pc.any(pc.less(k[1:], k[:-1])).as_py():
            return False
        last = k[-1].as_py()
    return True


def _merged(files: Sequence[pq.ParquetFile], keys: Sequence[str], sort_by: Sequence[tuple[str, str]],
            schema: pa.Schema, batch_rows: int) -> Iterator[pa.Table]:
    """K-way merge of key-sorted files, in sorted pieces: every row whose key is below the
    smallest last key among the files not yet exhausted can be written (no later row is smaller)."""
    import pyarrow.compute as pc

    batches = [f.iter_batches(batch_size=batch_rows, use_threads=READ_THREADS) for f in files]
    buffers = [schema.empty_table() for _ in files]
    bufkeys = [pa.array([], pa.string()) for _ in files]
    live = [True] * len(files)

    def refill(i: int) -> None:
        batch = next(batches[i], None)
        if batch is None:
            live[i] = False
            return
        table = pa.Table.from_batches([batch]).cast(schema)
        buffers[i] = pa.concat_tables([buffers[i], table])
        bufkeys[i] = pa.concat_arrays([bufkeys[i], _merge_key(table, keys)])

    while True:
        for i in range(len(files)):
            while live[i] and not len(bufkeys[i]):
                refill(i)
        holders = [i for i in range(len(files)) if live[i]]
        if not holders:
            rest = pa.concat_tables(buffers)
            if rest.num_rows:
                yield rest.take(pc.sort_indices(rest, sort_keys=list(sort_by)))
            return
        bound = min(bufkeys[i][-1].as_py() for i in holders)
        parts = []
        for i in range(len(files)):
            # keys are sorted, so the rows below the bound are a prefix
            cut = int(pc.sum(pc.less(bufkeys[i], bound)).as_py() or 0) if len(bufkeys[i]) else 0
            if cut:
                parts.append(buffers[i].slice(0, cut))
                buffers[i], bufkeys[i] = buffers[i].slice(cut), bufkeys[i].slice(cut)
        if parts:
            ready = pa.concat_tables(parts)
            yield ready.take(pc.sort_indices(ready, sort_keys=list(sort_by)))
        else:  # every buffered row of the files holding the bound has the bound key: read on
            for i in holders:
                if bufkeys[i][-1].as_py() == bound:
                    refill(i)


def iter_parquet_columns(
    path: str | os.PathLike[str], *, columns: list[str], batch_rows: int = 2000,
    part: tuple[int, int] | None = None, max_bytes: int | None = None,
) -> Iterator[tuple[list[Any], ...]]:
    """Yield ``columns`` of a Parquet table as Python lists (one per column), ``batch_rows`` rows at a time.

    For passes that only loop over the values in Python: no pandas round trip.
    As in :func:`iter_parquet_batches`, the Arrow memory pool hands back each
    batch's blocks, so a long stream's RSS stays flat, and ``max_bytes`` also
    bounds a batch's size. ``part=(k, parts)`` yields only the rows of
    :func:`parquet_part_rows`.
    """
    groups = None if part is None else _part_row_groups(_row_group_rows(path), *part)
    if groups is not None and not groups:
        return
    pool = pa.default_memory_pool()
    for table in _bounded_batches(path, columns=columns, batch_rows=batch_rows, max_bytes=max_bytes,
                                  row_groups=groups):
        values = tuple(table.column(name).to_pylist() for name in columns)
        del table
        pool.release_unused()
        yield values


# --------------------------------------------------------------------------- streamed corpus steps (issue 9)
CorpusItem = tuple[int, dict[str, Any] | None, str, str]
"""One corpus row as streamed by :func:`iter_corpus_rows`: ``(line, fields, reason, detail)``;
``fields`` is ``None`` for a row that could not be read (``reason``/``detail`` say why)."""


def iter_corpus_rows(
    path: str | os.PathLike[str], *, fmt: str = "auto", encoding_errors: str = "strict", batch_rows: int = 2000
) -> Iterator[list[CorpusItem]]:
    """Yield the rows of a corpus file in file order, in lists of at most ``batch_rows``.

    Reads one batch at a time, so that memory does not grow with the file;
    :func:`read_corpus_rows` collects the same rows into two lists.
    """
    if encoding_errors not in ("strict", "replace"):
        raise ConfigError(f"encoding_errors must be 'strict' or 'replace', not {encoding_errors!r}")
    if batch_rows < 1:
        raise ConfigError(f"batch_rows must be at least 1, not {batch_rows}")
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"corpus file not found: {path}")
    kind = corpus_format(path, fmt)
    if kind == "html":
        raise CorpusError(f"{path}: a folder of HTML pages is read with read_html_pages, not row by row")
    if kind == "parquet":
        items = _iter_parquet_items(path, batch_rows)
    elif kind == "jsonl":
        items = _iter_jsonl_items(path, encoding_errors)
    else:
        items = _iter_csv_items(path, encoding_errors)
    batch: list[CorpusItem] = []
    for item in items:
        batch.append(item)
        if len(batch) >= batch_rows:
            yield batch
            batch = []
    if batch:
        yield batch


def _iter_parquet_items(path: Path, batch_rows: int) -> Iterator[CorpusItem]:
    try:
        pfile = pq.ParquetFile(path, pre_buffer=False)
        line = 0
        for batch in pfile.iter_batches(batch_size=batch_rows, use_threads=READ_THREADS):
            for row in batch.to_pylist():
                line += 1
                yield line, row, "", ""
    except (pa.ArrowInvalid, OSError) as exc:
        raise CorpusError(f"{path}: not a readable Parquet file ({exc})") from exc


def _iter_jsonl_items(path: Path, errors: str) -> Iterator[CorpusItem]:
    for first, lines in iter_jsonl_chunks(path, 2000):
        yield from parse_jsonl_lines(first, lines, errors)


def iter_jsonl_chunks(path: str | os.PathLike[str], lines_per_chunk: int, *,
                      block_bytes: int = 1 << 22) -> Iterator[tuple[int, list[bytes]]]:
    """A JSON Lines file as ``(number of the first line, raw lines)`` chunks, nothing parsed.

    Blank lines are kept (they count in the line numbers); a UTF-8 byte order mark
    before the first line is dropped. The file is read ``block_bytes`` at a time.
    :func:`parse_jsonl_lines` reads a chunk's rows, in this process or another.
    """
    if lines_per_chunk < 1:
        raise ValueError(f"lines_per_chunk must be at least 1, not {lines_per_chunk}")
    if not Path(path).is_file():
        raise CorpusError(f"corpus file not found: {path}")
    chunk: list[bytes] = []
    first = 1
    pending: list[bytes] = []  # the start of a line that continues in the next block
    with open(path, "rb") as fh:
        start = fh.read(3)
        end = start[-1:]  # the file's last byte, so far
        blocks = chain([b"" if start == b"\xef\xbb\xbf" else start], iter(partial(fh.read, block_bytes), b""))
        for block in blocks:
            end = block[-1:] or end
            if b"\n" not in block:  # inside one line: keep the piece
                pending.append(block)
                continue
            lines = b"".join([*pending, block]).split(b"\n")
            pending = [lines.pop()]
            at = 0
            while at < len(lines):
                take = lines[at:at + lines_per_chunk - len(chunk)]
                chunk.extend(take)
                at += len(take)
                if len(chunk) >= lines_per_chunk:
                    yield first, chunk
                    first, chunk = first + len(chunk), []
    if end and end != b"\n":  # a last line without a line break (perhaps empty after a byte order mark)
        chunk.append(b"".join(pending))
    if chunk:
        yield first, chunk


def _decode(raw: bytes, errors: str) -> tuple[str | None, str]:
    try:
        return raw.decode("utf-8"), ""
    except UnicodeDecodeError as exc:
        if errors == "replace":
            return raw.decode("utf-8", errors="replace"), ""
        return None, f"byte {exc.start}: {raw[exc.start:exc.start + 1]!r} is not UTF-8 ({exc.reason})"


def parse_jsonl_lines(first: int, lines: Sequence[bytes], errors: str) -> list[CorpusItem]:
    """The rows of raw JSON Lines (``first`` = number of the first), as :func:`iter_corpus_rows` gives them.

    Blank lines are skipped; a line that is not UTF-8 (under ``errors="strict"``), not JSON
    or not a JSON object is an unreadable row with its reason.
    """
    items: list[CorpusItem] = []
    for lineno, raw in enumerate(lines, start=first):
        if not raw.strip():
            continue
        text, problem = _decode(raw.rstrip(b"\r"), errors)
        if text is None:
            items.append((lineno, None, "invalid_encoding", problem))
            continue
        try:
            # strict=False: raw control characters inside strings (tabs, NUL) are read, and
            # removed later by cleaning, instead of losing the whole row.
            value = json.loads(text.lstrip("\ufeff"), strict=False)  # BOM of a concatenated file
        except json.JSONDecodeError as exc:
            items.append((lineno, None, "malformed_json", f"{exc.msg} at column {exc.colno}"))
            continue
        if not isinstance(value, dict):
            items.append((lineno, None, "malformed_json", f"expected a JSON object, got {type(value).__name__}"))
            continue
        items.append((lineno, value, "", ""))
    return items


def _iter_csv_items(path: Path, errors: str) -> Iterator[CorpusItem]:
    # The CSV reader needs text: decode as a stream. A decoding error names its line
    # (found by a second, byte-wise scan, only on that error path).
    fh = open(path, encoding="utf-8-sig", errors=errors, newline="")
    try:
        reader = csv.reader(fh, strict=True)
        try:
            header = next(reader)
        except StopIteration:
            return
        header = [h.strip() for h in header]
        if len(header) == 1:
            for delimiter, name in ((";", "semicolon"), ("\t", "tab"), ("|", "pipe")):
                if delimiter in header[0]:
                    raise CorpusError(
                        f"{path}: CSV corpus header {header[0][:80]!r} is one column: the file looks "
                        f"{name}-separated; framelens reads comma-separated CSV (RFC 4180) — re-save it "
                        f"with commas, or convert it to JSON Lines")
        start = reader.line_num + 1
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                if "unexpected end of data" in str(exc):
                    raise CorpusError(
                        f"{path}: line {start}: a quoted field is never closed, so lines {start}-"
                        f"{reader.line_num} would be read as one field and their rows lost; close the "
                        f"quote (a quote inside a quoted field is written \"\")") from exc
                yield start, None, "malformed_csv", str(exc)
                start = reader.line_num + 1
                continue
            if not fields or all(not f.strip() for f in fields):
                start = reader.line_num + 1
                continue
            if len(fields) != len(header):
                yield start, None, "malformed_csv", f"{len(fields)} fields where the header has {len(header)}"
            else:
                yield start, dict(zip(header, fields)), "", ""
            start = reader.line_num + 1
    except UnicodeDecodeError:
        _raise_csv_encoding(path)
    finally:
        fh.close()


def _raise_csv_encoding(path: Path) -> None:
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            body = raw[3:] if lineno == 1 and raw.startswith(b"\xef\xbb\xbf") else raw
            try:
                body.decode("utf-8")
            except UnicodeDecodeError as exc:
                bad = body[exc.start:exc.start + 1]
                raise CorpusError(
                    f"{path}: CSV corpus is not valid UTF-8 at line {lineno} (byte {bad!r}); "
                    f"re-save it as UTF-8 or set ingest.encoding_errors: replace"
                ) from exc
    raise CorpusError(f"{path}: CSV corpus is not valid UTF-8; re-save it as UTF-8 or set "
                      f"ingest.encoding_errors: replace")  # pragma: no cover - found above


def parquet_schema(path: str | os.PathLike[str]) -> pa.Schema:
    """Return the Arrow schema of a Parquet file or table in parts (with its metadata)."""
    return pq.read_schema(_schema_file(path))


def rows_table(rows: Sequence[tuple], schema: pa.Schema) -> pa.Table:
    """An Arrow table of ``schema`` from row tuples in its column order, without a DataFrame."""
    columns = list(zip(*rows)) if rows else [()] * len(schema)
    if len(columns) != len(schema):
        raise ValueError(f"rows of {len(columns)} values for a schema of {len(schema)} columns")
    return pa.Table.from_arrays([pa.array(col, type=field.type) for col, field in zip(columns, schema)],
                                schema=schema)


#: The token index of a shard (:mod:`framelens.tokenindex`): the articles with their tokens as ids into
#: their batch's vocabulary, and each batch's vocabulary; one row group per batch in both files.
TOKEN_INDEX_SCHEMA = pa.schema([("id", pa.string()), ("outlet", pa.string()), ("lang", pa.string()),
                                ("tokens", pa.list_(pa.int32()))])
VOCAB_SCHEMA = pa.schema([("type", pa.string())])


@contextmanager
def token_index_writer(
    tokens_path: str | os.PathLike[str], vocab_path: str | os.PathLike[str], *,
    metadata: Mapping[str, str] | None = None,
) -> Iterator[Callable[[pa.Table, pa.Array], None]]:
    """Yield ``write(articles, vocab)`` that adds one batch of a token index; both files appear atomically.

    ``articles`` has the columns of :data:`TOKEN_INDEX_SCHEMA`; ``vocab`` is the
    batch's vocabulary. Each batch becomes one row group of each file, so that
    :func:`iter_token_index` can pair them again.
    """
    with ExitStack() as stack:
        writers = []
        for path, schema in ((tokens_path, TOKEN_INDEX_SCHEMA), (vocab_path, VOCAB_SCHEMA)):
            schema = _with_metadata(schema, metadata)
            tmp = stack.enter_context(atomic_path(path))
            writers.append((stack.enter_context(pq.ParquetWriter(tmp, schema, compression="zstd")), schema))

        def write(articles: pa.Table, vocab: pa.Array) -> None:
            for (writer, schema), table in zip(writers, (articles, pa.table({"type": vocab}))):
                table = table.select(schema.names).cast(schema).replace_schema_metadata(schema.metadata)
                writer.write_table(table, row_group_size=max(1, table.num_rows))

        yield write


def iter_token_index(
    tokens_path: str | os.PathLike[str], vocab_path: str | os.PathLike[str], *, columns: list[str] | None = None,
) -> Iterator[tuple[pa.Table, pa.Array]]:
    """Yield each batch of a token index (:func:`token_index_writer`): its articles and its vocabulary."""
    tokens, vocab = pq.ParquetFile(tokens_path), pq.ParquetFile(vocab_path)
    if tokens.num_row_groups != vocab.num_row_groups:
        raise CorpusError(f"{tokens_path} has {tokens.num_row_groups} batches but {vocab_path} has "
                          f"{vocab.num_row_groups}: the two files of a token index were not written together; "
                          "delete them and run the index step again")
    for i in range(tokens.num_row_groups):
        articles = tokens.read_row_group(i, columns=columns, use_threads=READ_THREADS)
        types = vocab.read_row_group(i, use_threads=READ_THREADS).column("type").combine_chunks()
        yield articles, types


def iter_parquet_tables(
    path: str | os.PathLike[str], *, columns: list[str] | None = None, batch_rows: int = 2000,
    max_bytes: int | None = None,
) -> Iterator[pa.Table]:
    """Yield a Parquet table as Arrow tables of at most ``batch_rows`` rows (compact columns).

    As in :func:`iter_parquet_batches`, the Arrow memory pool hands back the
    freed blocks after each batch, so a long stream's RSS stays flat, and
    ``max_bytes`` also bounds a batch's size.
    """
    for table in _bounded_batches(path, columns=columns, batch_rows=batch_rows, max_bytes=max_bytes):
        yield table.combine_chunks() if table.num_columns and table.column(0).num_chunks > 1 else table


def _row_group_rows(path: str | os.PathLike[str]) -> list[int]:
    """The rows of each row group of a Parquet file or table in parts (numbered across its parts)."""
    rows: list[int] = []
    for part in parquet_parts(path):
        meta = pq.read_metadata(part)
        rows += [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
        del meta
    return rows


def _part_row_groups(sizes: Sequence[int], k: int, parts: int) -> list[int]:
    if not 0 <= k < parts:
        raise ValueError(f"part {k} of {parts} does not exist (parts are numbered from 0)")
    n = len(sizes)
    return list(range(k * n // parts, (k + 1) * n // parts))


def write_array_parquet(
    arrays: Mapping[str, np.ndarray], path: str | os.PathLike[str], *, metadata: Mapping[str, str] | None = None
) -> None:
    """Numpy arrays of one length as one Parquet table, atomically; a 2-D array is a fixed-size list column."""
    columns = {}
    for name, values in arrays.items():
        values = np.ascontiguousarray(values)
        if values.ndim == 2:
            columns[name] = pa.FixedSizeListArray.from_arrays(pa.array(values.reshape(-1)), values.shape[1])
        else:
            columns[name] = pa.array(values)
    table = pa.table(columns)
    table = table.replace_schema_metadata(_with_metadata(table.schema, metadata).metadata)
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp, compression="zstd")


def write_array_batches(
    batches: Iterable[Mapping[str, np.ndarray]], path: str | os.PathLike[str], *,
    metadata: Mapping[str, str] | None = None, row_group_rows: int = GATHER_ROW_GROUP,
) -> int:
    """:func:`write_array_parquet` of 1-D arrays that come a batch at a time (the same columns in
    every batch), in row groups of ``row_group_rows``: memory holds one row group, not the table.
    Returns the number of rows."""
    writer: pq.ParquetWriter | None = None
    pending: list[pa.Table] = []
    held = rows = 0
    with atomic_path(path) as tmp:
        try:
            for arrays in batches:
                table = pa.table({name: pa.array(np.ascontiguousarray(v)) for name, v in arrays.items()})
                if writer is None:
                    schema = _with_metadata(table.schema, metadata)
                    writer = pq.ParquetWriter(tmp, schema, compression="zstd")
                pending.append(table.replace_schema_metadata(writer.schema.metadata))
                held += table.num_rows
                rows += table.num_rows
                if held >= row_group_rows:
                    writer.write_table(pa.concat_tables(pending), row_group_size=held)
                    pending, held = [], 0
                    pa.default_memory_pool().release_unused()
            if writer is None:
                raise ValueError("write_array_batches needs at least one batch (its columns)")
            if pending:
                writer.write_table(pa.concat_tables(pending), row_group_size=max(held, 1))
        finally:
            if writer is not None:
                writer.close()
    return rows


def read_array_parquet(path: str | os.PathLike[str], columns: list[str] | None = None) -> dict[str, np.ndarray]:
    """The arrays of :func:`write_array_parquet` (2-D for fixed-size list columns); all, or ``columns``."""
    table = pq.read_table(path, columns=columns)
    out = {}
    for name in table.column_names:
        col = table.column(name).combine_chunks()
        if pa.types.is_fixed_size_list(col.type):
            width = col.type.list_size
            out[name] = col.flatten().to_numpy(zero_copy_only=False).reshape(-1, width)
        else:
            out[name] = col.to_numpy(zero_copy_only=False)
    return out


def iter_array_parquet(path: str | os.PathLike[str], column: str) -> Iterator[np.ndarray]:
    """One 1-D column of a :func:`write_array_parquet` file, a row group at a time (memory: one row group)."""
    pfile = pq.ParquetFile(path, pre_buffer=False)
    for i in range(pfile.num_row_groups):
        yield pfile.read_row_group(i, columns=[column], use_threads=READ_THREADS).column(0).to_numpy()


def parquet_part_rows(path: str | os.PathLike[str], k: int, parts: int) -> range:
    """The rows of part ``k`` of ``parts``: consecutive whole row groups, about a ``parts``-th of them.

    Parts ``0 .. parts - 1`` cover every row once, in order, whatever the number
    of parts (a part may be empty when there are fewer row groups than parts).
    """
    sizes = _row_group_rows(path)
    groups = _part_row_groups(sizes, k, parts)
    start = sum(sizes[:k * len(sizes) // parts])  # the part's first row group (or where it would be)
    return range(start, start + sum(sizes[i] for i in groups))


class ParquetStream:
    """A Parquet file written batch by batch: ``write(frame_or_table)``; ``metadata`` filled before the end."""

    def __init__(self, write: Callable[[pa.Table], None], schema: pa.Schema) -> None:
        self._write = write
        self.schema = schema
        self.metadata: dict[str, str] = {}
        self.num_rows = 0
        self.pandas: dict[str, Any] | None = None  # pandas metadata merged over the frames written

    def write(self, data: pd.DataFrame | pa.Table) -> None:
        if isinstance(data, pd.DataFrame) and b"pandas" not in (self.schema.metadata or {}):
            self._merge_pandas(json.loads(pa.Schema.from_pandas(data, preserve_index=False).metadata[b"pandas"]))
        table = data if isinstance(data, pa.Table) else pa.Table.from_pandas(
            data, schema=self.schema, preserve_index=False)
        table = table.cast(self.schema).replace_schema_metadata(self.schema.metadata)
        self.num_rows += table.num_rows
        self._write(table)

    def _merge_pandas(self, meta: dict[str, Any]) -> None:
        # What pandas would record for the whole table: a column that is empty in one
        # batch takes its kind from a batch where it is not.
        if self.pandas is None:
            self.pandas = meta
            return
        # A column with missing values in any batch is an object column of the whole table.
        for mine, theirs in zip(self.pandas["columns"], meta["columns"]):
            if mine["pandas_type"] == "empty" and theirs["pandas_type"] != "empty":
                mine["pandas_type"], mine["metadata"] = theirs["pandas_type"], theirs["metadata"]
            if theirs["numpy_type"] == "object":
                mine["numpy_type"] = "object"


@contextmanager
def parquet_stream_writer(
    path: str | os.PathLike[str], *, schema: pa.Schema, background: bool = True, parts: bool = False,
) -> Iterator[ParquetStream]:
    """Yield a :class:`ParquetStream` writing one Parquet file of ``schema``; commit atomically.

    With ``parts``, ``path`` becomes a table in parts (a folder, :func:`parquet_parts`):
    a new part every :data:`PART_ROW_GROUPS` tables, and the final schema and
    metadata in :data:`PARTS_SCHEMA`. Memory then does not grow with the number
    of row groups; every reader of this module reads it like one file.

    Provenance known only at the end (counts, accounting) goes into
    ``stream.metadata`` before the block ends; it is written into the file's
    footer when the block ends, with the pandas metadata. The schema's pandas
    metadata is kept, so the file reads back exactly like one written by
    :func:`write_parquet`; a schema without pandas metadata gets the metadata
    pandas gives the whole table of frames written. Each table written is one
    row group (regrouping them to a fixed size was measured: +20 MB at the
    boilerplate step's peak).

    The rows go straight into the compressed file. Readers take a file's schema
    metadata from the Arrow schema stored in its footer (``ARROW:schema``), which
    the writer serialises when it opens, so that entry is replaced at the end by
    the final schema (measured, 10^5 articles: writing a scratch file and copying
    it, as before, took twice as long as writing the file once).

    With ``background`` Arrow compresses and writes each table in a thread of its
    own while the caller prepares the next (:class:`framelens.parallel.InOrderCalls`:
    the caller waits until the previous table is written before handing over the
    next): the step uses a second core, for some memory (measured at 10^5 articles:
    boilerplate 25 % faster and 15-25 MB more; ingest's sort, whose tables come
    from a bucket it holds, no faster and 40 MB more: ingest writes without it).
    """
    if parts:
        with atomic_dir(path) as folder:
            pieces = PartWriter(folder, schema)
            try:
                with _stream_to(pieces.write_table, schema, background) as stream:
                    yield stream
            except BaseException:
                pieces.close_part()  # the folder is removed; its open file is closed first
                raise
            pieces.close(_final_schema(schema, stream))
        return
    with atomic_path(path) as tmp, pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
        with _stream_to(writer.write_table, schema, background) as stream:
            yield stream
        writer.add_key_value_metadata(_footer_metadata(_final_schema(schema, stream)))


@contextmanager
def _stream_to(write: Callable[[pa.Table], None], schema: pa.Schema, background: bool) -> Iterator[ParquetStream]:
    """A :class:`ParquetStream` handing its tables to ``write``; with ``background``, in a thread of its own."""
    from framelens.parallel import InOrderCalls

    if background:
        with InOrderCalls(write, name="parquet-writer") as calls:
            yield ParquetStream(calls.submit, schema)
    else:
        yield ParquetStream(write, schema)


def _final_schema(schema: pa.Schema, stream: ParquetStream) -> pa.Schema:
    """``schema`` with the pandas metadata of the frames written and the stream's provenance."""
    meta = dict(schema.metadata or {})
    if stream.pandas is not None:
        meta[b"pandas"] = json.dumps(stream.pandas).encode("utf-8")
    for key, value in sorted(stream.metadata.items()):
        meta[f"framelens.{key}".encode()] = str(value).encode()
    return schema.with_metadata(meta)


def _footer_metadata(schema: pa.Schema) -> dict[str, str]:
    """The key-value entries of a Parquet footer for ``schema``: its metadata and the stored Arrow schema.

    ``ARROW:schema`` is what Arrow's Parquet writer stores: the schema's IPC
    serialisation in base64. Every value is text (Thrift's strings are UTF-8).
    """
    entries = {key.decode("utf-8"): value.decode("utf-8") for key, value in (schema.metadata or {}).items()}
    entries["ARROW:schema"] = base64.b64encode(schema.serialize().to_pybytes()).decode("ascii")
    return entries


@contextmanager
def scratch_dir(near: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary folder next to ``near`` (same disk), removed afterwards."""
    parent = Path(near).parent
    parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{Path(near).name}.", dir=parent) as tmp:
        yield Path(tmp)


@contextmanager
def scratch_parquet_writer(path: str | os.PathLike[str], *, schema: pa.Schema) -> Iterator[Callable[[pa.Table], None]]:
    """Yield ``write(table)`` appending Arrow tables of ``schema`` to a scratch table in parts.

    Not compressed (a scratch file is read back once, on the same disk) and not
    atomic: it belongs in a :func:`scratch_dir`. In parts (:data:`PART_ROW_GROUPS`
    tables each), so that neither this writer nor the reader holds every table's footer entry.
    """
    Path(path).mkdir()
    writer = PartWriter(Path(path), schema, compression="none")
    try:
        yield writer.write_table
    finally:
        writer.close()


class ArrayStore:
    """Integer arrays of any length, one per item, spilled to a scratch Arrow IPC file.

    ``append(arrays)`` writes one block (a record batch); after :meth:`close`,
    :meth:`block` reads block ``k`` back (into memory, not mapped) as a list of
    arrays. For data that would otherwise be held whole, such as the shingle
    fingerprints of every candidate article of the syndication step: the file
    lives in a :func:`scratch_dir`, and a reader holds the blocks it asked for.
    """

    _FIELD = pa.field("values", pa.list_(pa.uint64()))

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._sink = pa.OSFile(str(self.path), "wb")
        self._writer = pa.ipc.new_file(self._sink, pa.schema([self._FIELD]))
        self.block_sizes: list[int] = []
        self._reader: pa.ipc.RecordBatchFileReader | None = None
        self._source: pa.OSFile | None = None

    def append(self, arrays: Sequence[np.ndarray]) -> None:
        flat = np.concatenate([np.asarray(a, dtype=np.uint64) for a in arrays]) if arrays else np.empty(0, np.uint64)
        offsets = np.concatenate([[0], np.cumsum([len(a) for a in arrays])]).astype(np.int32)
        column = pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), pa.array(flat, pa.uint64()))
        self._writer.write_batch(pa.record_batch([column], schema=pa.schema([self._FIELD])))
        self.block_sizes.append(len(arrays))

    def close(self) -> None:
        if self._reader is None:
            self._writer.close()
            self._sink.close()
            self._source = pa.OSFile(str(self.path), "rb")
            self._reader = pa.ipc.open_file(self._source)

    def block(self, k: int) -> list[np.ndarray]:
        """The arrays of block ``k`` (one read of that block).

        Arrow's memory pool is asked first to hand back what the blocks read before and dropped
        since left free: a reader that loads many blocks one after another otherwise keeps their
        memory in the pool (measured at 10^6 articles, the syndication step's similarity phase
        held 15 MB more without this).
        """
        self.close()
        assert self._reader is not None
        pa.default_memory_pool().release_unused()
        column = self._reader.get_batch(k).column(0)
        values = column.values.to_numpy(zero_copy_only=False)
        offsets = column.offsets.to_numpy(zero_copy_only=False)
        return [values[lo:hi] for lo, hi in zip(offsets[:-1], offsets[1:])]  # views of one block

    def release(self) -> None:
        """Close the file (it stays in its scratch folder until that is removed)."""
        self.close()
        if self._source is not None:
            self._source.close()


class TableSpool:
    """Record batches appended to scratch Arrow IPC files and read back between appends.

    ``append(batch)`` writes to the open segment (``<prefix>-<k>.arrows``);
    :meth:`scan` closes it and yields every batch written so far, one at a time,
    from the files; the next ``append`` opens a new segment. For a table that
    grows with the corpus and is only ever scanned, such as the duplicate keys of
    every article ingest has kept: memory holds one batch, not the table.
    """

    def __init__(self, prefix: str | os.PathLike[str]) -> None:
        self.prefix = Path(prefix)
        self._segments: list[Path] = []
        self._sink: pa.OSFile | None = None
        self._writer: pa.ipc.RecordBatchStreamWriter | None = None
        self.n_rows = 0

    def append(self, batch: pa.RecordBatch) -> None:
        if self._writer is None:
            path = self.prefix.with_name(f"{self.prefix.name}-{len(self._segments)}.arrows")
            self._segments.append(path)
            self._sink = pa.OSFile(str(path), "wb")
            self._writer = pa.ipc.new_stream(self._sink, batch.schema)
        self._writer.write_batch(batch)
        self.n_rows += batch.num_rows

    def close(self) -> None:
        """Finish the open segment (a later :meth:`append` starts another)."""
        if self._writer is not None:
            self._writer.close()
            assert self._sink is not None
            self._sink.close()
            self._writer = self._sink = None

    def scan(self) -> Iterator[pa.RecordBatch]:
        """Every batch appended so far, in order, read one at a time."""
        self.close()
        for path in list(self._segments):
            with pa.OSFile(str(path), "rb") as source:
                yield from pa.ipc.open_stream(source)


def release_memory() -> None:
    """Hand freed memory back to the system: Arrow's pool, and the C heap where glibc can trim it.

    A step that frees many small blocks after a phase (a dict of fingerprints, per-row Python
    objects) otherwise keeps them in the process's heap: measured at 10^6 articles, 344 MB of the
    syndication step's RSS was such freed memory. A no-op where ``malloc_trim`` does not exist.
    """
    pa.default_memory_pool().release_unused()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
            pass


def read_parquet_table(path: str | os.PathLike[str], columns: list[str] | None = None) -> pa.Table:
    """Read a Parquet file or table in parts as an Arrow table (compact; no pandas conversion)."""
    if not Path(path).is_dir():
        return pq.read_table(path, columns=columns)
    parts = parquet_parts(path)  # checks that the folder is a table in parts
    meta = parquet_schema(path).metadata
    tables = [pq.read_table(part, columns=columns).replace_schema_metadata(meta) for part in parts]
    if not tables:  # no row at all: the schema file's empty table
        return pq.read_table(_schema_file(path), columns=columns)
    return pa.concat_tables(tables)
