"""Interop: read and write lexicons as framelens YAML, quanteda YAML and LIWC ``.dic``.

* framelens YAML (:func:`lexicon_to_yaml`) keeps everything: nesting,
  descriptions, per-language terms, stems, excludes and negation.
* quanteda YAML (:func:`read_quanteda`, :func:`lexicon_to_quanteda`) is a
  mapping of category -> list of entries, nested mappings for sub-categories.
  quanteda has no descriptions, excludes, negation, per-language terms or
  stems: exporting drops them and says so (the returned warnings). A category
  with both own entries and sub-categories cannot be written (quanteda YAML
  has no place for both) and raises :class:`LexiconError`.
* LIWC ``.dic`` (:func:`read_dic`, :func:`lexicon_to_dic`): a header of
  numbered categories between two ``%`` lines, then one line per entry, the
  entry (words separated by spaces, ``*`` globs) followed by its category
  numbers, tab-separated. Nested categories are written as ``parent/child``
  names and each category lists its *effective* entries (own + descendants'),
  so LIWC-style software counts the same words; reading a ``.dic`` rebuilds
  the nesting from the ``/`` names and keeps as a parent's own entries only
  those not already in a descendant. Entries are written sorted
  (case-insensitively), categories numbered 1..n in lexicon order, so a
  canonical ``.dic`` round-trips byte for byte.

Lexicons read from quanteda or LIWC get ``name`` from the caller, version
``1.0.0`` and a ``source`` naming the imported file, and are then parsed and
checked by :func:`framelens.lexicon.parse_lexicon` like any framelens file.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from typing import Any

import yaml

from framelens.errors import LexiconError
from framelens.lexicon import STEM, Category, Lexicon, Problem, parse_entry, parse_lexicon
from framelens.safeyaml import safe_load

__all__ = [
    "FORMATS", "data_to_yaml", "lexicon_to_data", "lexicon_to_yaml", "lexicon_to_quanteda", "lexicon_to_dic",
    "read_quanteda", "read_dic", "read_any", "is_framelens_yaml",
]

FORMATS = ("framelens", "quanteda", "liwc")


class _Dumper(yaml.SafeDumper):
    """Safe dumper that indents lists under their key (the style of the shipped lexicons)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):  # noqa: ANN201, FBT001, FBT002
        return super().increase_indent(flow, False)


def data_to_yaml(data: Any) -> str:
    """Plain lexicon data as YAML in the style of the shipped lexicons (key order kept, Unicode as is)."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False,
                     width=100)


def _scoped(entries: tuple) -> list[str] | dict[str, list[str]]:
    """Entries as a YAML value: a list if all are list-form, else a language mapping."""
    langs = {e.lang for e in entries}
    if langs <= {None}:
        return [e.text for e in entries]
    if None in langs:
        raise LexiconError("cannot write a category mixing list-form and per-language entries")
    out: dict[str, list[str]] = {}
    for e in entries:
        out.setdefault(e.lang, []).append(e.text)
    return out


def _children(lexicon: Lexicon, parent: str | None) -> list[Category]:
    return [c for c in lexicon.categories if c.parent == parent]


def lexicon_to_data(lexicon: Lexicon) -> dict[str, Any]:
    """The lexicon as plain data in the framelens YAML layout (own terms; children nested)."""

    def category(cat: Category) -> dict[str, Any]:
        node: dict[str, Any] = {}
        if cat.description:
            node["description"] = cat.description
        if cat.own_entries or not _children(lexicon, cat.name):
            node["terms"] = _scoped(cat.own_entries)
        if cat.own_excludes:
            node["exclude"] = _scoped(cat.own_excludes)
        kids = _children(lexicon, cat.name)
        if kids:
            node["categories"] = {k.leaf: category(k) for k in kids}
        return node

    data: dict[str, Any] = {"name": lexicon.name, "version": lexicon.version, "source": lexicon.source}
    if lexicon.description:
        data["description"] = lexicon.description
    neg = lexicon.negation
    if neg.window > 0:
        data["negation"] = {"window": neg.window, "negators": _scoped(neg.negators)}
    data["categories"] = {c.leaf: category(c) for c in _children(lexicon, None)}
    return data


def lexicon_to_yaml(lexicon: Lexicon) -> str:
    """Write ``lexicon`` as framelens YAML (every feature kept; comments are not)."""
    return data_to_yaml(lexicon_to_data(lexicon))


def _lossy_warnings(lexicon: Lexicon, fmt: str) -> list[str]:
    warnings = []
    if lexicon.negation.window > 0:
        warnings.append(f"{fmt} has no negation rules: the negation window is dropped")
    for cat in lexicon.categories:
        if cat.own_excludes:
            warnings.append(f"{fmt} has no excludes: {len(cat.own_excludes)} exclude(s) of {cat.name!r} dropped")
        scoped = [e.text for e in cat.own_entries if e.lang is not None]
        if scoped:
            warnings.append(f"{fmt} has no per-language entries: {scoped} of {cat.name!r} dropped")
        stems = [e.text for e in cat.own_entries if e.lang is None and STEM in e.kinds]
        if stems:
            warnings.append(f"{fmt} has no stem entries: {stems} of {cat.name!r} dropped")
    return warnings


def _portable(entries: tuple) -> list[str]:
    return [e.text for e in entries if e.lang is None and STEM not in e.kinds]


def lexicon_to_quanteda(lexicon: Lexicon) -> tuple[str, list[str]]:
    """Write ``lexicon`` as quanteda YAML; return the text and warnings about what was dropped."""

    def category(cat: Category) -> Any:
        kids = _children(lexicon, cat.name)
        own = _portable(cat.own_entries)
        if kids and own:
            raise LexiconError(
                f"category {cat.name!r} has its own entries and sub-categories; quanteda YAML cannot hold "
                f"both. Move its own entries into a sub-category, or export to framelens YAML or LIWC .dic"
            )
        return {k.leaf: category(k) for k in kids} if kids else own

    return data_to_yaml({c.leaf: category(c) for c in _children(lexicon, None)}), _lossy_warnings(lexicon, "quanteda")


def lexicon_to_dic(lexicon: Lexicon) -> tuple[str, list[str]]:
    """Write ``lexicon`` as a LIWC ``.dic``; return the text and warnings about what was dropped."""
    ids: dict[str, list[int]] = {}
    for number, cat in enumerate(lexicon.categories, start=1):
        for text in _portable(cat.entries):
            ids.setdefault(text, []).append(number)
    lines = ["%"]
    lines += [f"{number}\t{cat.name}" for number, cat in enumerate(lexicon.categories, start=1)]
    lines.append("%")
    for text in sorted(ids, key=lambda t: (t.casefold(), t)):
        lines.append("\t".join([text, *map(str, ids[text])]))
    return "\n".join(lines) + "\n", _lossy_warnings(lexicon, "LIWC .dic")


# --------------------------------------------------------------------------- readers
def _shift(lexicon: Lexicon, offset: int, **meta: str) -> Lexicon:
    problems = tuple(replace(p, line=max(p.line - offset, 0)) for p in lexicon.problems)
    return replace(lexicon, problems=problems, **meta)


def is_framelens_yaml(text: str) -> bool:
    """True when ``text`` is a YAML mapping with a top-level ``categories`` key (else quanteda style)."""
    try:
        data = safe_load(text)  # size, depth and alias limits before anything is built
    except yaml.YAMLError:
        return True  # let the framelens parser report the syntax error with its line
    return isinstance(data, dict) and "categories" in data


def read_quanteda(text: str, *, name: str, path: str = "<quanteda>") -> Lexicon:
    """Read a quanteda YAML dictionary (no checks raised; see ``Lexicon.problems``)."""
    body = [("" if line.strip() == "---" else "  " + line) for line in text.splitlines()]
    wrapped = "categories:\n" + "\n".join(body) + "\n"
    lexicon = parse_lexicon(wrapped, path=path)

    return _shift(lexicon, 1, name=name, version="1.0.0", source=f"imported from quanteda YAML {path}",
                  sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())


_DIC_HEADER = re.compile(r"^\s*(\d+)\s+(\S.*?)\s*$")


def read_dic(text: str, *, name: str, path: str = "<dic>") -> Lexicon:
    """Read a LIWC-style ``.dic``; raise :class:`LexiconError` with ``path:line`` for every problem."""

    lines = text.splitlines()
    errors: list[str] = []
    marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
    if len(marks) < 2:
        raise LexiconError(f"{path}: a .dic starts with a category header between two '%' lines")
    names: dict[int, str] = {}
    for i in range(marks[0] + 1, marks[1]):
        if not lines[i].strip():
            continue
        m = _DIC_HEADER.match(lines[i])
        if not m:
            errors.append(f"{path}:{i + 1}: error: header line {lines[i]!r} is not '<number> <category>'")
            continue
        number, cat = int(m.group(1)), m.group(2)
        if number in names:
            errors.append(f"{path}:{i + 1}: error: category number {number} used twice")
        names[number] = cat
    members: dict[str, list[str]] = {cat: [] for cat in names.values()}
    for i in range(marks[1] + 1, len(lines)):
        raw = lines[i].rstrip()
        if not raw.strip():
            continue
        if "\t" in raw:
            parts = [p.strip() for p in raw.split("\t") if p.strip()]
            term, numbers = parts[0], parts[1:]
        else:
            parts = raw.split()
            k = len(parts)
            while k > 1 and parts[k - 1].isdigit():
                k -= 1
            term, numbers = " ".join(parts[:k]), parts[k:]
        if not numbers or not all(n.isdigit() for n in numbers):
            errors.append(f"{path}:{i + 1}: error: entry line {raw!r} needs category numbers after the entry")
            continue
        try:
            parse_entry(term, line=i + 1)
        except LexiconError as exc:
            errors.append(f"{path}:{i + 1}: error: {exc}")
            continue
        for n in numbers:
            if int(n) not in names:
                errors.append(f"{path}:{i + 1}: error: entry {term!r} names category {n}, not in the header")
            elif term not in members[names[int(n)]]:
                members[names[int(n)]].append(term)
    if errors:
        raise LexiconError(f"{path}: {len(errors)} error(s) in the .dic:\n" + "\n".join(errors))
    tree: dict[str, Any] = {}
    paths = list(names.values())
    for cat in paths:
        inherited = {t for other in paths if other.startswith(cat + "/") for t in members[other]}
        node = tree
        parts = cat.split("/")
        for part in parts[:-1]:
            node = node.setdefault(part, {}).setdefault("categories", {})
        leaf = node.setdefault(parts[-1], {})
        own = [t for t in members[cat] if t not in inherited]
        if own or not any(o.startswith(cat + "/") for o in paths):
            leaf["terms"] = own
    data = {"name": name, "version": "1.0.0", "source": f"imported from LIWC .dic {path}", "categories": tree}
    lexicon = parse_lexicon(data_to_yaml(data), path=path)
    problems = tuple(p for p in lexicon.problems if p.level == "error")
    if problems:
        raise LexiconError(f"{path}: " + "; ".join(p.message for p in problems))
    return replace(lexicon, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                   problems=tuple(Problem(p.level, 0, p.message) for p in lexicon.problems))


def read_any(text: str, *, path: str, name: str) -> Lexicon:
    """Read a lexicon by its suffix and content: ``.dic`` LIWC, YAML framelens or quanteda."""
    if path.lower().endswith(".dic"):
        return read_dic(text, name=name, path=path)
    if is_framelens_yaml(text):
        return parse_lexicon(text, path=path)
    return read_quanteda(text, name=name, path=path)
