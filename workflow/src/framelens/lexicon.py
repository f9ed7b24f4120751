"""Lexicons: parse and check framing dictionaries (nested categories of words, globs, stems, phrases).

The format (documented for users in ``data/lexicons/README.md``; the binding
spec is shared with the matchers) is YAML, read with the safe loader::

    name: framing
    version: "1.1.0"
    source: "who wrote it, citation"
    negation: {window: 3, negators: [not, no, never, without]}
    categories:
      sanctions:
        description: "one sentence"
        terms: [sanction*, "unilateral coercive measure*", ~sanction]
        exclude: ["sanctioned by the referee"]
        categories:
          blockade:
            terms: {en: [blockade, embargo], es: [bloqueo], ru: [блокада]}

Category ids are full paths joined by ``/`` (``sanctions/blockade``), listed
depth-first in document order (a parent before its children). A category's
*effective* entries are its own terms followed by its descendants' terms
(depth-first; an entry already present is kept once, the first occurrence
wins); its effective excludes likewise. quanteda's shorthand is accepted: a
category may be a plain list of terms, and a mapping without any of the keys
``description``/``terms``/``exclude``/``categories`` is read as sub-categories.

Entries are tokenized with :func:`framelens.tokenize.word_tokens`, so they
match whole tokens, never substrings. Per word: ``word`` is an exact token;
``word*`` any token starting with ``word`` (a ``*`` only at the end of a word,
never alone); ``~word`` any token whose Snowball stem equals the stem of
``word`` in the article's language.

Decisions where the spec was silent (the reference matcher and the fast
matcher rely on them):

* ``~`` applies to one token: ``~sister-country`` (two tokens) is an error;
  ``~word*`` is an error (a stem entry is already a family of words).
* Two entries are the same entry when they have the same language scope
  (``None`` for list-form terms, else the language code) and the same
  normalised pattern (words and kinds). A list-form entry and a per-language
  entry with the same pattern are different entries; both are kept.
* A stem entry in list form applies to every article; for an article whose
  ``lang`` is missing or has no Snowball stemmer the matcher raises
  :class:`~framelens.errors.LexiconError` naming the article (put such entries
  under a language key to restrict them). A stem entry under a language key
  without a stemmer is a parse error.
* Negators are single tokens, ``word`` or ``word*``; a negator written as
  several tokens or as a stem entry is an error.
* Language keys (in ``terms``, ``exclude`` and ``negators``) are ISO 639-1
  codes: two lower-case letters.
* Category names may not contain ``/`` (it joins paths).

Every problem is reported with the file and line it comes from
(:class:`Problem`); :func:`load_lexicon_text` raises on errors.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

from framelens.errors import LexiconError
from framelens.safeyaml import safe_compose
from framelens.stemming import has_stemmer
from framelens.tokenize import word_tokens

__all__ = [
    "WORD", "GLOB", "STEM",
    "Entry", "Category", "Negation", "Lexicon", "Problem",
    "parse_entry", "parse_lexicon", "load_lexicon_text",
]

WORD, GLOB, STEM = "word", "glob", "stem"
_TOP_KEYS = {"name", "version", "source", "description", "negation", "categories"}
_CATEGORY_KEYS = {"description", "terms", "exclude", "categories"}
_NEGATION_KEYS = {"window", "negators"}
_LANG = re.compile(r"^[a-z]{2}$")


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: its text as written, its token pattern, and its language scope.

    ``kinds[i]`` says how ``words[i]`` matches a token: :data:`WORD` (equal),
    :data:`GLOB` (token starts with it) or :data:`STEM` (same Snowball stem).
    ``lang`` is ``None`` for an entry that applies to every article.
    """

    text: str
    words: tuple[str, ...]
    kinds: tuple[str, ...]
    lang: str | None = None
    line: int = 0

    @property
    def globs(self) -> tuple[bool, ...]:
        return tuple(k == GLOB for k in self.kinds)

    @property
    def pattern(self) -> tuple[tuple[str, str], ...]:
        """The normalised pattern; two entries with the same pattern match the same tokens."""
        return tuple(zip(self.words, self.kinds))

    @property
    def key(self) -> tuple[str | None, tuple[tuple[str, str], ...]]:
        """Identity of an entry: language scope and pattern."""
        return (self.lang, self.pattern)

    @property
    def n_loose(self) -> int:
        """Number of glob or stem words (fewer wins a tie between equally long entries)."""
        return sum(k != WORD for k in self.kinds)

    def applies_to(self, lang: str | None) -> bool:
        """True when the entry is used for an article in language ``lang``."""
        return self.lang is None or self.lang == lang

    def __len__(self) -> int:
        return len(self.words)


@dataclass(frozen=True)
class Category:
    """A category: full ``/`` path, effective entries and excludes (own + descendants')."""

    name: str
    description: str
    entries: tuple[Entry, ...]
    excludes: tuple[Entry, ...] = ()
    own_entries: tuple[Entry, ...] = ()
    own_excludes: tuple[Entry, ...] = ()
    parent: str | None = None
    line: int = 0

    @property
    def leaf(self) -> str:
        """The last component of the path (the name as written in the file)."""
        return self.name.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Negation:
    """Negation rule: a hit is negated when a negator is among the ``window`` tokens before it."""

    window: int = 0
    negators: tuple[Entry, ...] = ()


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
    negation: Negation = Negation()
    description: str = ""

    @property
    def category_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.categories)

    def category(self, name: str) -> Category:
        """Return the category with full path ``name``; raise a :class:`LexiconError` naming the valid ones."""
        for cat in self.categories:
            if cat.name == name:
                return cat
        raise LexiconError(f"{self.path or 'lexicon'}: no category {name!r}; categories: {list(self.category_names)}")


# --------------------------------------------------------------------------- entries
def parse_entry(text: str, *, lang: str | None = None, line: int = 0) -> Entry:
    """Parse one entry; raise :class:`LexiconError` when it is malformed or can never match."""
    words: list[str] = []
    kinds: list[str] = []
    for chunk in text.strip().split():
        is_stem = chunk.startswith("~")
        body = chunk[1:] if is_stem else chunk
        glob = body.endswith("*")
        body = body[:-1] if glob else body
        if "~" in body:
            raise LexiconError(f"entry {text!r}: '~' is allowed only at the start of a word (a stem entry)")
        if "*" in body:
            raise LexiconError(f"entry {text!r}: '*' is allowed only at the end of a word")
        tokens = word_tokens(body)
        if glob and is_stem:
            raise LexiconError(f"entry {text!r}: a word cannot be both a stem (~) and a glob (*)")
        if glob and (not tokens or not body[-1:].isalnum()):
            raise LexiconError(f"entry {text!r}: '*' must follow a letter or digit (a lone or leading '*' matches everything)")
        if is_stem:
            if len(tokens) != 1:
                raise LexiconError(f"entry {text!r}: a stem entry '~word' must be one token, got {tokens}")
            if lang is not None and not has_stemmer(lang):
                raise LexiconError(f"entry {text!r}: no Snowball stemmer for language {lang!r}")
        if not tokens:
            continue
        words.extend(tokens)
        last = STEM if is_stem else GLOB if glob else WORD
        kinds.extend([WORD] * (len(tokens) - 1) + [last])
    if not words:
        raise LexiconError(f"entry {text!r} has no word the tokenizer can match")
    return Entry(text=text.strip(), words=tuple(words), kinds=tuple(kinds), lang=lang, line=line)


def _tokenizer_warning(entry: Entry) -> str | None:
    """A warning when the tokenizer reads the entry differently from how it is written."""
    written = []
    for chunk in entry.text.split():
        body = chunk.lstrip("~").rstrip("*").lower().replace("\u2019", "'")
        written.append(body)
    plain = [w for c in written for w in c.replace("-", " ").split()]
    if plain != list(entry.words):
        return (f"entry {entry.text!r} is read as the tokens {' '.join(entry.words)!r}: "
                f"the tokenizer splits on or drops punctuation, so it matches those tokens only")
    return None


# --------------------------------------------------------------------------- YAML walking
def _mapping_items(node: yaml.Node, problems: list[Problem]) -> Iterator[tuple[str, yaml.Node, int]]:
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + 1
        if key in seen:
            problems.append(Problem("error", line, f"duplicate key {key!r} (first at line {seen[key]})"))
            continue
        seen[key] = line
        yield key, value_node, line


def _scalar(node: yaml.Node) -> str | None:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else None


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


class _Parser:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem("error", line, message))

    def warn(self, line: int, message: str) -> None:
        self.problems.append(Problem("warning", line, message))

    # entries --------------------------------------------------------------
    def entry_list(self, node: yaml.Node, *, where: str, what: str, lang: str | None) -> list[Entry]:
        if not isinstance(node, yaml.SequenceNode):
            self.error(_line(node), f"{where}: {what} must be a list of entries")
            return []
        out: list[Entry] = []
        seen: dict[tuple, Entry] = {}
        for item in node.value:
            item_line = _line(item)
            raw = _scalar(item)
            if raw is None or not raw.strip():
                self.error(item_line, f"{where}: every entry must be a non-empty string")
                continue
            try:
                entry = parse_entry(raw, lang=lang, line=item_line)
            except LexiconError as exc:
                self.error(item_line, f"{where}: {exc}")
                continue
            if entry.key in seen:
                first = seen[entry.key]
                self.error(item_line, f"{where}: entry {raw!r} duplicates {first.text!r} (line {first.line})")
                continue
            warning = _tokenizer_warning(entry)
            if warning:
                self.warn(item_line, f"{where}: {warning}")
            seen[entry.key] = entry
            out.append(entry)
        return out

    def scoped_entries(self, node: yaml.Node, *, where: str, what: str) -> list[Entry]:
        """A list (every language) or a mapping language -> list."""
        if isinstance(node, yaml.MappingNode):
            out: list[Entry] = []
            for lang, value, line in _mapping_items(node, self.problems):
                if not _LANG.match(lang):
                    self.error(line, f"{where}: language key {lang!r} in {what} is not an ISO 639-1 code (two lower-case letters)")
                    continue
                out.extend(self.entry_list(value, where=where, what=f"{what}[{lang}]", lang=lang))
            return out
        return self.entry_list(node, where=where, what=what, lang=None)

    # categories -----------------------------------------------------------
    def category(self, path: str, node: yaml.Node, line: int, parent: str | None) -> list[Category]:
        """Parse one category and its descendants; return them depth-first, this one first."""
        where = f"category {path!r}"
        description = ""
        own: list[Entry] = []
        own_excl: list[Entry] = []
        children: list[Category] = []
        child_nodes: list[tuple[str, yaml.Node, int]] = []
        if isinstance(node, yaml.SequenceNode):  # quanteda-style: category: [terms]
            own = self.scoped_entries(node, where=where, what="terms")
        elif isinstance(node, yaml.MappingNode):
            keys = {str(k.value) for k, _ in node.value}
            if keys & _CATEGORY_KEYS:
                for key, value, key_line in _mapping_items(node, self.problems):
                    if key not in _CATEGORY_KEYS:
                        self.error(key_line, f"{where}: unknown key {key!r}; allowed: {sorted(_CATEGORY_KEYS)} "
                                             f"(sub-categories go under 'categories')")
                    elif key == "description":
                        description = _scalar(value) or ""
                    elif key == "terms":
                        own = self.scoped_entries(value, where=where, what="terms")
                    elif key == "exclude":
                        own_excl = self.scoped_entries(value, where=where, what="exclude")
                    elif not isinstance(value, yaml.MappingNode):
                        self.error(key_line, f"{where}: 'categories' must be a mapping of sub-category names")
                    else:
                        child_nodes.extend(_mapping_items(value, self.problems))
            else:  # quanteda-style nesting: parent: {child: [terms]}
                child_nodes.extend(_mapping_items(node, self.problems))
        else:
            self.error(line, f"{where} must be a mapping (description/terms/exclude/categories) or a list of entries")
            return []
        for child, child_node, child_line in child_nodes:
            if not self._valid_name(child, child_line):
                continue
            children.extend(self.category(f"{path}/{child}", child_node, child_line, path))
        effective = _union(own, [e for c in children if c.parent == path for e in c.entries])
        excludes = _union(own_excl, [e for c in children if c.parent == path for e in c.excludes])
        if not effective:
            self.error(line, f"{where} is empty (no usable entry): give it a non-empty 'terms' list "
                             f"or sub-categories with terms")
            return children
        cat = Category(name=path, description=description, entries=tuple(effective), excludes=tuple(excludes),
                       own_entries=tuple(own), own_excludes=tuple(own_excl), parent=parent, line=line)
        return [cat, *children]

    def _valid_name(self, name: str, line: int) -> bool:
        if not name.strip() or "/" in name:
            self.error(line, f"category name {name!r} is invalid: it must be non-empty and may not contain '/'")
            return False
        return True

    def negation(self, node: yaml.Node, line: int) -> Negation:
        if not isinstance(node, yaml.MappingNode):
            self.error(line, "'negation' must be a mapping with 'window' and 'negators'")
            return Negation()
        window = 0
        negators: list[Entry] = []
        for key, value, key_line in _mapping_items(node, self.problems):
            if key not in _NEGATION_KEYS:
                self.error(key_line, f"negation: unknown key {key!r}; allowed: {sorted(_NEGATION_KEYS)}")
            elif key == "window":
                raw = _scalar(value)
                if raw is None or not raw.isdigit():
                    self.error(key_line, f"negation: window must be a whole number of tokens >= 0, not {raw!r}")
                else:
                    window = int(raw)
            else:
                for entry in self.scoped_entries(value, where="negation", what="negators"):
                    if len(entry.words) != 1 or entry.kinds[0] == STEM:
                        self.error(entry.line, f"negation: negator {entry.text!r} must be one word (globs allowed, no '~')")
                    else:
                        negators.append(entry)
        if window > 0 and not negators:
            self.error(line, "negation: a window > 0 needs a non-empty 'negators' list")
        return Negation(window=window, negators=tuple(negators))


def _union(own: list[Entry], inherited: list[Entry]) -> list[Entry]:
    out: list[Entry] = []
    seen: set[tuple] = set()
    for entry in [*own, *inherited]:
        if entry.key not in seen:
            seen.add(entry.key)
            out.append(entry)
    return out


def parse_lexicon(text: str, *, path: str = "<lexicon>") -> Lexicon:
    """Parse lexicon YAML ``text``; collect problems instead of stopping at the first.

    Errors (the lexicon cannot be used): YAML syntax, wrong structure, unknown
    keys, an empty category, a malformed entry, an entry listed twice in one
    category's terms (or excludes). Warnings: an entry in the own terms of
    several categories; an entry the tokenizer reads differently from how it is
    written (punctuation inside). Use :func:`load_lexicon_text` to raise on errors.
    """
    parser = _Parser()
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    try:
        root = safe_compose(text, path=path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        parser.error(line, f"YAML syntax: {getattr(exc, 'problem', None) or exc}")
        return Lexicon("", "", "", (), digest, path, tuple(parser.problems))
    if not isinstance(root, yaml.MappingNode):
        parser.error(1, "a lexicon is a mapping with a 'categories' key")
        return Lexicon("", "", "", (), digest, path, tuple(parser.problems))

    meta: dict[str, str] = {}
    categories: list[Category] = []
    negation = Negation()
    cats_node: yaml.Node | None = None
    for key, node, line in _mapping_items(root, parser.problems):
        if key not in _TOP_KEYS:
            parser.error(line, f"unknown key {key!r}; allowed: {sorted(_TOP_KEYS)}")
        elif key == "categories":
            cats_node = node
        elif key == "negation":
            negation = parser.negation(node, line)
        else:
            value = _scalar(node)
            if value is None:
                parser.error(line, f"{key!r} must be a single value")
            else:
                meta[key] = value
    if cats_node is None or not isinstance(cats_node, yaml.MappingNode) or not cats_node.value:
        parser.error(1, "'categories' must be a non-empty mapping of category names")
    else:
        for name, node, line in _mapping_items(cats_node, parser.problems):
            if parser._valid_name(name, line):
                categories.extend(parser.category(name, node, line, None))

    owners: dict[tuple, list[str]] = {}
    for cat in categories:
        for entry in cat.own_entries:
            owners.setdefault(entry.key, []).append(cat.name)
    for cat in categories:
        for entry in cat.own_entries:
            others = [c for c in owners[entry.key] if c != cat.name]
            if others:
                parser.warn(entry.line, f"entry {entry.text!r} of {cat.name!r} is also in {others}; it counts in each")
    problems = sorted(set(parser.problems), key=lambda p: (p.line, p.level, p.message))
    return Lexicon(
        name=meta.get("name", ""), version=meta.get("version", ""), source=meta.get("source", ""),
        categories=tuple(categories), sha256=digest, path=path, problems=tuple(problems),
        negation=negation, description=meta.get("description", ""),
    )


def load_lexicon_text(text: str, *, path: str = "<lexicon>") -> Lexicon:
    """Parse lexicon ``text`` and raise :class:`LexiconError` listing every error."""
    lexicon = parse_lexicon(text, path=path)
    errors = [p for p in lexicon.problems if p.level == "error"]
    if errors:
        listed = "\n".join(p.format(path) for p in errors)
        raise LexiconError(f"{path}: {len(errors)} error(s) in the lexicon:\n{listed}")
    return lexicon
