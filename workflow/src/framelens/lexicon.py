"""Lexicons: parse and check framing dictionaries (categories of words, globs and phrases).

A lexicon file is YAML::

    name: framing
    version: "1.0.0"
    source: "who wrote it, citation"
    categories:
      solidarity:
        description: "one sentence"
        terms: [solidarity, "stand with", solidar*]

Entries are tokenized with :func:`framelens.tokenize.word_tokens`, so they match
whole tokens, never substrings. A ``*`` at the end of a word matches any word
ending (``solidar*``); it is an error anywhere else, or alone. Every problem is
reported with the file and line it comes from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

from framelens.errors import LexiconError
from framelens.safeyaml import safe_compose
from framelens.tokenize import word_tokens

__all__ = ["Entry", "Category", "Lexicon", "Problem", "parse_entry", "parse_lexicon", "load_lexicon_text"]

_TOP_KEYS = {"name", "version", "source", "description", "categories"}
_CATEGORY_KEYS = {"description", "terms"}


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: its text as written and the token pattern it matches."""

    text: str
    words: tuple[str, ...]
    globs: tuple[bool, ...]
    line: int = 0

    @property
    def key(self) -> tuple[tuple[str, bool], ...]:
        """The normalised pattern; two entries with the same key match the same tokens."""
        return tuple(zip(self.words, self.globs))

    def __len__(self) -> int:
        return len(self.words)


@dataclass(frozen=True)
class Category:
    """A named set of entries scored together."""

    name: str
    description: str
    entries: tuple[Entry, ...]
    line: int = 0


@dataclass(frozen=True)
class Problem:
    """A finding of the lexicon check: ``level`` is ``"error"`` or ``"warning"``."""

    level: str
    line: int
    message: str

    def format(self, path: str) -> str:
        return f"{path}:{self.line}: {self.level}: {self.message}"


@dataclass(frozen=True)
class Lexicon:
    """A parsed lexicon with its provenance (content hash of the file)."""

    name: str
    version: str
    source: str
    categories: tuple[Category, ...]
    sha256: str
    path: str = ""
    problems: tuple[Problem, ...] = field(default=(), compare=False)

    @property
    def category_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.categories)


def parse_entry(text: str, *, line: int = 0) -> Entry:
    """Parse one entry; raise :class:`LexiconError` when it is malformed or can never match."""
    words: list[str] = []
    globs: list[bool] = []
    for chunk in text.strip().split():
        glob = chunk.endswith("*")
        body = chunk[:-1] if glob else chunk
        if "*" in body:
            raise LexiconError(f"entry {text!r}: '*' is allowed only at the end of a word")
        tokens = word_tokens(body)
        if glob and (not tokens or not body[-1:].isalnum()):
            raise LexiconError(f"entry {text!r}: '*' must follow a letter or digit (a lone or leading '*' matches everything)")
        if not tokens:
            if glob:
                raise LexiconError(f"entry {text!r}: '*' must follow a letter or digit")
            continue
        words.extend(tokens)
        globs.extend([False] * (len(tokens) - 1) + [glob])
    if not words:
        raise LexiconError(f"entry {text!r} has no word the tokenizer can match")
    return Entry(text=text.strip(), words=tuple(words), globs=tuple(globs), line=line)


def _mapping_items(node: yaml.Node, path: str, problems: list[Problem]) -> Iterator[tuple[str, yaml.Node, int]]:
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        line = key_node.start_mark.line + 1
        if key in seen:
            problems.append(Problem("error", line, f"duplicate key {key!r} (first at line {seen[key]})"))
            continue
        seen[key] = line
        yield str(key), value_node, line


def _scalar(node: yaml.Node) -> str | None:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else None


def parse_lexicon(text: str, *, path: str = "<lexicon>") -> Lexicon:
    """Parse lexicon YAML ``text``; collect problems instead of stopping at the first.

    Errors (the lexicon cannot be used): YAML syntax, wrong structure, unknown
    keys, an empty category, a malformed entry, an entry listed twice in one
    category. Warnings: an entry that appears in several categories.
    Use :func:`load_lexicon_text` to raise on errors.
    """
    problems: list[Problem] = []
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    try:
        root = safe_compose(text, path=path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        problems.append(Problem("error", line, f"YAML syntax: {getattr(exc, 'problem', exc)}"))
        return Lexicon("", "", "", (), digest, path, tuple(problems))
    if not isinstance(root, yaml.MappingNode):
        problems.append(Problem("error", 1, "a lexicon is a mapping with a 'categories' key"))
        return Lexicon("", "", "", (), digest, path, tuple(problems))

    meta: dict[str, str] = {}
    categories: list[Category] = []
    cats_node: yaml.Node | None = None
    for key, node, line in _mapping_items(root, path, problems):
        if key not in _TOP_KEYS:
            problems.append(Problem("error", line, f"unknown key {key!r}; allowed: {sorted(_TOP_KEYS)}"))
        elif key == "categories":
            cats_node = node
        else:
            value = _scalar(node)
            if value is None:
                problems.append(Problem("error", line, f"{key!r} must be a single value"))
            else:
                meta[key] = value
    if cats_node is None or not isinstance(cats_node, yaml.MappingNode) or not cats_node.value:
        problems.append(Problem("error", 1, "'categories' must be a non-empty mapping of category names"))
    else:
        for name, node, line in _mapping_items(cats_node, path, problems):
            cat = _parse_category(name, node, line, problems)
            if cat is not None:
                categories.append(cat)

    owners: dict[tuple[tuple[str, bool], ...], list[str]] = {}
    for cat in categories:
        for entry in cat.entries:
            owners.setdefault(entry.key, []).append(cat.name)
    for cat in categories:
        for entry in cat.entries:
            others = [c for c in owners[entry.key] if c != cat.name]
            if others:
                problems.append(Problem(
                    "warning", entry.line,
                    f"entry {entry.text!r} of {cat.name!r} is also in {others}; it counts in each",
                ))
    return Lexicon(
        name=meta.get("name", ""), version=meta.get("version", ""), source=meta.get("source", ""),
        categories=tuple(categories), sha256=digest, path=path,
        problems=tuple(sorted(problems, key=lambda p: (p.line, p.level, p.message))),
    )


def _parse_category(name: str, node: yaml.Node, line: int, problems: list[Problem]) -> Category | None:
    description = ""
    terms_node: yaml.Node | None = None
    if isinstance(node, yaml.SequenceNode):  # quanteda-style: category: [terms]
        terms_node = node
    elif isinstance(node, yaml.MappingNode):
        for key, value, key_line in _mapping_items(node, "", problems):
            if key not in _CATEGORY_KEYS:
                problems.append(Problem("error", key_line, f"category {name!r}: unknown key {key!r}; allowed: {sorted(_CATEGORY_KEYS)}"))
            elif key == "description":
                description = _scalar(value) or ""
            else:
                terms_node = value
    else:
        problems.append(Problem("error", line, f"category {name!r} must be a mapping with 'terms' or a list of entries"))
        return None
    if terms_node is None or not isinstance(terms_node, yaml.SequenceNode) or not terms_node.value:
        problems.append(Problem("error", line, f"category {name!r} is empty: give it a non-empty 'terms' list"))
        return None
    entries: list[Entry] = []
    seen: dict[tuple[tuple[str, bool], ...], Entry] = {}
    for item in terms_node.value:
        item_line = item.start_mark.line + 1
        raw = _scalar(item)
        if raw is None or not raw.strip():
            problems.append(Problem("error", item_line, f"category {name!r}: every entry must be a non-empty string"))
            continue
        try:
            entry = parse_entry(raw, line=item_line)
        except LexiconError as exc:
            problems.append(Problem("error", item_line, f"category {name!r}: {exc}"))
            continue
        if entry.key in seen:
            problems.append(Problem(
                "error", item_line,
                f"category {name!r}: entry {raw!r} duplicates {seen[entry.key].text!r} (line {seen[entry.key].line})",
            ))
            continue
        seen[entry.key] = entry
        entries.append(entry)
    if not entries:
        return None
    return Category(name=name, description=description, entries=tuple(entries), line=line)


def load_lexicon_text(text: str, *, path: str = "<lexicon>") -> Lexicon:
    """Parse lexicon ``text`` and raise :class:`LexiconError` listing every error."""
    lexicon = parse_lexicon(text, path=path)
    errors = [p for p in lexicon.problems if p.level == "error"]
    if errors:
        listed = "\n".join(p.format(path) for p in errors)
        raise LexiconError(f"{path}: {len(errors)} error(s) in the lexicon:\n{listed}")
    return lexicon
