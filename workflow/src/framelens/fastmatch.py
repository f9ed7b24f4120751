"""Fast exact matching: tokenize a text and find lexicon hits in one pass, with the full semantics.

It matches one text at a time (``framelens score --articles``, target
windows) and its normalisation is what the token index
(:mod:`framelens.tokenindex`, behind the workflow's ``score`` step) is built
from; the slow, obviously-correct reference is
:func:`framelens.matcher.match_tokens`, and a property test checks that both
agree on generated texts and lexicons.

Semantics (``/work/spec-matching.md``, summarised in the README): entries are
token patterns whose words are exact (``word``), globs (``word*``: any token
starting with ``word``) or stems (``~word``: any token whose Snowball stem, in
the article's language, equals the stem of ``word``). Per article and
category, independently of the other categories:

1. exclusion spans are found leftmost-longest among the category's excludes;
2. hits are found left to right; at a free position the best entry matching
   there whose span overlaps no exclusion span wins (longest, then fewer
   glob/stem words, then listed first) and its tokens are consumed;
3. a hit is *negated* when one of the ``window`` tokens before it is a negator.

How it is fast (measured in ``benchmarks/``): the text becomes the UTF-8 bytes
of its tokens with spaces between (a few ``bytes.translate`` and regex passes;
Unicode folding only for texts that need it), an Aho-Corasick automaton
(pyahocorasick) finds the candidate positions in those bytes, numpy finds the
token offsets, and the Python-level work is proportional to the number of
candidate positions, not to the length of the text. A candidate whose best
entry is one word, in a category without exclusion spans and without
negation, is a hit at once; phrases, excludes and negation take the general
per-candidate path. Token lists (the ``match`` entry point, and the fallback
without pyahocorasick) classify each distinct token type once per language and
cache it, so the per-token work is a set membership test done in C.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import compress
from typing import Any, NamedTuple

import numpy as np

from framelens.errors import LexiconError
from framelens.stemming import SNOWBALL_LANGUAGES
from framelens.tokenize import fold, paragraph_tokens, word_tokens

__all__ = [
    "EXACT",
    "GLOB",
    "STEM",
    "SNOWBALL_LANGUAGES",
    "PatternSpec",
    "CategorySpec",
    "NegationSpec",
    "MatcherSpec",
    "Hit",
    "ArticleMatches",
    "FastMatcher",
    "fast_word_tokens",
    "spec_from_lexicon",
    "compile_matcher",
    "article_matcher",
    "text_matcher",
    "normalized_bytes",
    "fast_paragraph_tokens",
]

EXACT, GLOB, STEM = 0, 1, 2
_MAX_CACHED_TYPES = 2_000_000


# The token grammar of framelens.tokenize.word_tokens, rewritten for speed. The text is turned
# into UTF-8 bytes in which every token is a run of bytes > 32 and everything else is a space
# (or NUL, a paragraph barrier). Plain path: a text whose characters outside ASCII are all
# separators that folding leaves alone, whitespace, the curly apostrophe, or letters and digits
# that folding leaves alone (é, ñ, ...: most news text in Latin script) is never folded: one bytes.translate
# lower-cases ASCII letters and marks ASCII punctuation, the non-ASCII separators are marked by
# byte replacements (or by the table when no letter outside ASCII is present), blank lines
# become barriers, two regular expressions that start with a literal remove possessive "'s"
# and apostrophes that do not join two word characters, and a last translate blanks every
# separator. Any other text is folded first (NFC, lower case, optional ё/accent folding).
# Texts with combining marks after folding take the general path (the regex of
# framelens.tokenize), which keeps a mark inside its word.
_MARKS = re.compile("[\u0300-\u036f\u0483-\u0489]")
_NON_ASCII_SEPARATOR = re.compile(r"[^\x00-\x7f\w]")


def _is_plain_separator(c: str) -> bool:
    """A non-word character that folding leaves alone (NFC- and lower-case-stable, not a mark)."""
    return (re.match(r"\w", c) is None and not _MARKS.match(c) and unicodedata.normalize("NFC", c) == c
            and c.lower() == c and c != "\u2019")


# Latin-1 punctuation and the General Punctuation block: quotes, dashes, spaces, ellipsis, bullets.
_PLAIN_SEPARATORS = "".join(c for c in map(chr, [*range(0x80, 0xC0), *range(0x2000, 0x2070)])
                            if _is_plain_separator(c))


def _table(keep_non_ascii: bool) -> bytes:
    out = bytearray(b" " * 256)
    for c in range(128):
        ch = chr(c)
        if ch.isalnum() or ch == "'":
            out[c] = ord(ch.lower())
    out[0] = 0  # paragraph barrier
    if keep_non_ascii:  # bytes of multi-byte UTF-8 characters (word characters only by then)
        out[128:] = bytes(range(128, 256))
    return bytes(out)


_UTF8_TABLE = _table(True)  # every separator a space, the bytes of non-ASCII letters kept
_ASCII_TABLE = _UTF8_TABLE[:128] + b" " * 128  # the same when every non-ASCII byte belongs to a separator
_SPACE = re.compile(r"\s")
_ASCII_BYTES = bytes(range(128))
_W = rb"0-9a-z\x80-\xff"
# "'s" ending a token (after a word character, not followed by one or by "'" and one)
_POSSESSIVE_BYTES = re.compile(rb"'s(?<=[" + _W + rb"]'s)(?![" + _W + rb"]|'[" + _W + rb"])")
# an apostrophe that does not join two word characters is a separator
_LOOSE_APOSTROPHE = re.compile(rb"'(?:(?<=[^" + _W + rb"]')|(?<=^')|(?![" + _W + rb"]))")
# A blank line (framelens.tokenize: r"\n\s*\n" on the text) in UTF-8: \s is every whitespace character.
_WHITESPACE_UTF8 = b"|".join(re.escape(chr(c).encode()) for c in range(0x3001) if re.match(r"\s", chr(c)))
_PARAGRAPH_BYTES = re.compile(b"\n(?:" + _WHITESPACE_UTF8 + b")*\n")
# The same on a text of the plain path, where every whitespace character is ASCII by then.
_BLANK_LINE = re.compile(rb"\n[\t\n\x0b\x0c\r\x1c-\x1f ]*\n")
_FOLD = b"fold"  # _char_action: the text needs Unicode folding


def _char_action(c: str, fold_yo: bool, fold_accents: bool) -> bytes | None:
    """How step 1 of the plain path treats the non-ASCII character ``c``.

    ``b"'"`` for the curly apostrophe, ``b" "`` for whitespace (it can be part of a blank
    line), ``b"\\x01"`` for a separator that folding leaves alone, ``None`` for a letter or
    digit that folding leaves alone and that cannot compose with a neighbour (kept as its
    UTF-8 bytes), ``_FOLD`` for anything else (the text takes the folded path). Below U+0590
    (Latin, Greek, Cyrillic, Armenian) no character that is not a combining mark is the second
    of a canonical composition pair (tested), so such a letter stays NFC next to any other.
    """
    if c == "\u2019":
        return b"'"
    if _SPACE.match(c):
        return b" "
    if c in _PLAIN_SEPARATORS:
        return b"\x01"
    if (ord(c) < 0x590 and re.match(r"[^\W_]", c) and not _MARKS.match(c) and not unicodedata.combining(c)
            and unicodedata.is_normalized("NFC", c)
            and fold(c, fold_yo=fold_yo, fold_accents=fold_accents) == c):
        return None
    return _FOLD


_CHAR_ACTIONS: dict[tuple[bool, bool], dict[str, bytes | None]] = {}


def _plain_bytes(raw: bytes, *, fold_yo: bool = False, fold_accents: bool = False,
                 paragraphs: bool = False) -> bytes | None:
    """The plain path: ``raw`` (UTF-8, no NUL) with ASCII letters lower-cased and every separator a space.

    Letters and digits outside ASCII that folding leaves alone keep their bytes;
    with ``paragraphs`` each blank line becomes ``b" \\x00 "``; apostrophes are
    left to :func:`_apostrophes`. ``None`` when the text needs Unicode folding.
    """
    table = _UTF8_TABLE
    if not raw.isascii():
        actions = _CHAR_ACTIONS.setdefault((fold_yo, fold_accents), {})
        chars = set(raw.translate(None, _ASCII_BYTES).decode())  # the few non-ASCII characters
        letters = []
        for c in chars:
            action = actions.get(c, b"")
            if action == b"":
                action = actions[c] = _char_action(c, fold_yo, fold_accents)
            if action is _FOLD:
                return None
            if action is None:
                letters.append(c)
            elif action != b"\x01":  # the curly apostrophe, whitespace
                raw = raw.replace(c.encode(), action)
        if letters:
            for c in chars:
                if actions[c] == b"\x01":
                    raw = raw.replace(c.encode(), b"\x01")
        else:  # every byte left outside ASCII is part of a separator
            table = _ASCII_TABLE
    if paragraphs and b"\n" in raw:
        raw = _BLANK_LINE.sub(b" \x00 ", raw)
    return raw.translate(table)


def _apostrophes(data: bytes) -> bytes:
    """Possessive "'s" and apostrophes that do not join two word characters become spaces."""
    if b"'" in data:
        if b"'s" in data:
            data = _POSSESSIVE_BYTES.sub(b"  ", data)
        data = _LOOSE_APOSTROPHE.sub(b" ", data)
    return data


def _folded_bytes(text: str, *, fold_yo: bool, fold_accents: bool, paragraphs: bool) -> bytes | None:
    """The folded path: NFC, lower case, non-ASCII separators to spaces; blank lines to b" \\x00 "."""
    data = text.encode()
    if b"\x00" in data:
        data = data.replace(b"\x00", b"\x01")  # a separator, but not whitespace
    if paragraphs and b"\n" in data:
        data = _PARAGRAPH_BYTES.sub(b" \x00 ", data)
    folded = fold(data.decode(), fold_yo=fold_yo, fold_accents=fold_accents)
    if _MARKS.search(folded):
        return None
    folded = _NON_ASCII_SEPARATOR.sub(" ", folded.replace("\u2019", "'"))
    return _apostrophes(folded.encode().translate(_UTF8_TABLE))


def normalized_bytes(text: str, *, fold_yo: bool = False, fold_accents: bool = False,
                     paragraphs: bool = False) -> bytes | None:
    """``text`` as UTF-8 bytes: the tokens of :func:`framelens.tokenize.word_tokens`, spaces between.

    With ``paragraphs``, each paragraph break (a blank line) becomes ``b" \\x00 "``.
    Returns ``None`` for a text with combining marks (use the general tokenizer).
    """
    raw = text.encode()
    data = None if b"\x00" in raw else _plain_bytes(raw, fold_yo=fold_yo, fold_accents=fold_accents,
                                                     paragraphs=paragraphs)
    if data is None:
        return _folded_bytes(text, fold_yo=fold_yo, fold_accents=fold_accents, paragraphs=paragraphs)
    return _apostrophes(data)


def fast_word_tokens(text: str, *, fold_yo: bool = False, fold_accents: bool = False) -> list[str]:
    """Return exactly :func:`framelens.tokenize.word_tokens` of ``text`` (same options), faster."""
    data = normalized_bytes(text, fold_yo=fold_yo, fold_accents=fold_accents)
    if data is None:  # rare after NFC: a mark stays inside its word
        return word_tokens(text, fold_yo=fold_yo, fold_accents=fold_accents)
    return data.decode().split()


def fast_paragraph_tokens(text: str, *, fold_yo: bool = False, fold_accents: bool = False
                          ) -> tuple[list[str], list[int]]:
    """Return exactly :func:`framelens.tokenize.paragraph_tokens` of ``text``, faster."""
    data = normalized_bytes(text, fold_yo=fold_yo, fold_accents=fold_accents, paragraphs=True)
    if data is None:
        return paragraph_tokens(text, fold_yo=fold_yo, fold_accents=fold_accents)
    return _split_paragraphs(data.decode())


# --------------------------------------------------------------------------- spec
@dataclass(frozen=True)
class PatternSpec:
    """One entry as a token pattern: words, their kinds (EXACT/GLOB/STEM) and its language.

    ``lang`` is ``None`` for an entry that applies to every article, else the
    ISO 639-1 code of the only articles it applies to.
    """

    text: str
    words: tuple[str, ...]
    kinds: tuple[int, ...]
    lang: str | None = None

    @property
    def n_loose(self) -> int:
        """Number of glob or stem words (the second tie-break)."""
        return sum(k != EXACT for k in self.kinds)


@dataclass(frozen=True)
class CategorySpec:
    """A category's id (full path) with its EFFECTIVE entries and excludes, in effective order."""

    name: str
    entries: tuple[PatternSpec, ...]
    excludes: tuple[PatternSpec, ...] = ()


@dataclass(frozen=True)
class NegationSpec:
    """Negation: ``window`` tokens before a hit are searched for a one-word negator pattern."""

    window: int = 0
    negators: tuple[PatternSpec, ...] = ()


@dataclass(frozen=True)
class MatcherSpec:
    """Everything the matcher needs from a lexicon, independent of the YAML format."""

    categories: tuple[CategorySpec, ...]
    negation: NegationSpec = field(default_factory=NegationSpec)


_KIND_NAMES = {"word": EXACT, "glob": GLOB, "stem": STEM}


def _kinds_of(entry: Any) -> tuple[int, ...]:
    kinds = getattr(entry, "kinds", None)
    if kinds is not None:  # framelens.lexicon: "word" / "glob" / "stem" per word
        return tuple(_KIND_NAMES[k] for k in kinds)
    n = len(entry.words)
    globs = tuple(getattr(entry, "globs", (False,) * n))
    return tuple(GLOB if g else EXACT for g in globs)


def _pattern_of(entry: Any) -> PatternSpec:
    return PatternSpec(entry.text, tuple(entry.words), _kinds_of(entry), getattr(entry, "lang", None))


def spec_from_lexicon(lexicon: Any) -> MatcherSpec:
    """Adapt a :class:`framelens.lexicon.Lexicon` to a :class:`MatcherSpec`.

    Reads ``category.name``, ``category.entries`` and ``category.excludes``
    (the effective, ordered lists: own plus descendants'), ``entry.text``,
    ``entry.words``, ``entry.kinds`` and ``entry.lang``, and
    ``lexicon.negation`` (``window`` and one-word ``negators``).
    """
    cats = tuple(
        CategorySpec(
            name=cat.name,
            entries=tuple(_pattern_of(e) for e in cat.entries),
            excludes=tuple(_pattern_of(e) for e in getattr(cat, "excludes", ())),
        )
        for cat in lexicon.categories
    )
    neg = getattr(lexicon, "negation", None)
    negation = NegationSpec()
    if neg is not None and getattr(neg, "window", 0):
        negation = NegationSpec(int(neg.window), tuple(_pattern_of(e) for e in neg.negators))
    return MatcherSpec(categories=cats, negation=negation)


# --------------------------------------------------------------------------- results
class Hit(NamedTuple):
    """One hit: category id, entry as written, token span ``[start, end)``, and whether negated."""

    category: str
    entry: str
    start: int
    end: int
    negated: bool = False


@dataclass(frozen=True)
class ArticleMatches:
    """All hits of one article (ordered by start, then category order) and exclusion spans.

    ``exclusions`` holds ``(category, exclude entry, start, end)`` in category order, then start.
    """

    n_tokens: int
    hits: tuple[Hit, ...]
    exclusions: tuple[tuple[str, str, int, int], ...] = ()

    @property
    def excluded(self) -> dict[str, int]:
        """Number of exclusion spans per category that has any."""
        out: dict[str, int] = {}
        for cat, _, _, _ in self.exclusions:
            out[cat] = out.get(cat, 0) + 1
        return out


# --------------------------------------------------------------------------- engine
@dataclass(frozen=True)
class _Cand:
    cat: int
    exclude: bool
    order: int
    pattern: PatternSpec
    rank: tuple[int, int, int]
    length: int
    rest: tuple[tuple[int, str, int], ...]  # (offset, word, kind) of the words after the first


def _cand(cat: int, exclude: bool, order: int, p: PatternSpec) -> _Cand:
    rest = tuple((k, p.words[k], p.kinds[k]) for k in range(1, len(p.words)))
    return _Cand(cat, exclude, order, p, (-len(p.words), p.n_loose, order), len(p.words), rest)


class _LangTables:
    """Per-language caches: token type -> candidates whose first word it matches; negators."""

    def __init__(self, lang: str | None, matcher: FastMatcher) -> None:
        self.lang = lang
        self.stem = matcher._stemmer(lang)
        # token type -> candidates it starts, for every type known to start an entry (small)
        self.cands: dict[str, tuple[tuple[int, bool, tuple[_Cand, ...]], ...]] = {}
        self.checked: set[str] = set()  # types already classified (a bounded cache)
        self.negators: set[str] = set()
        self.neg_seen: set[str] = set()
        self._m = matcher
        stem = self.stem
        self.exact: dict[str, list[_Cand]] = {}
        self.prefix: dict[str, list[_Cand]] = {}
        self.stemmed: dict[str, list[_Cand]] = {}
        for cand in matcher._cands:
            p = cand.pattern
            if p.lang is not None and p.lang != lang:
                continue
            word, kind = p.words[0], p.kinds[0]
            if kind == STEM:
                if stem is None:
                    continue  # no stemmer for this language: a stem entry cannot match
                self.stemmed.setdefault(stem(word), []).append(cand)
            else:
                (self.prefix if kind == GLOB else self.exact).setdefault(word, []).append(cand)
        self.prefix_lengths = sorted({len(w) for w in self.prefix})
        self.neg_patterns = [p for p in matcher.spec.negation.negators if p.lang is None or p.lang == lang]
        self._stem_cache: dict[str, str] = {}
        for word in self.exact:  # exact first words are known up front
            self.classify(word)
        # Globs and stems can match types never seen before: each new type of an article is
        # classified once (a set difference in C against the types already checked).
        self.scan_every_type = bool(self.stemmed or self.prefix)
        self.keys = frozenset(self.cands)
        self._automaton: Any = False  # built on first use

    def automaton(self) -> Any:
        """The Aho-Corasick automaton that finds candidate positions (None: use the token path).

        Each candidate entry is found through one *anchor*: its longest exact or glob
        word (the rarest, by Zipf's law; "to blame" is anchored on "blame", not on
        "to"). Keys are ``" word "`` for an exact anchor and ``" prefix"`` for a glob;
        the value is ``(key length, shifts)``, the anchor's offsets within the
        entries it anchors. Keys are added as their UTF-8 bytes read as Latin-1 and
        searched in the normalised text's bytes read the same way (so every offset
        is a byte offset): a key ending at byte ``end`` of ``b" " + text + b" "``
        marks the token starting at byte ``end - length + 2`` of it; an entry can
        only match ``shift`` tokens before it. ``None`` when an entry has only stem words, or
        when pyahocorasick is not installed (same results, about half the speed).
        """
        if self._automaton is False:
            shifts: dict[str, set[int]] = {}
            for cand in self._m._cands:
                p = cand.pattern
                if p.lang is not None and p.lang != self.lang:
                    continue
                if STEM in p.kinds and self.stem is None:
                    continue  # a stem word cannot match without a stemmer
                anchors = [(-len(w), k) for k, (w, kind) in enumerate(zip(p.words, p.kinds)) if kind != STEM]
                if not anchors:
                    self._automaton = None
                    return None
                _, k = min(anchors)
                key = f" {p.words[k]} " if p.kinds[k] == EXACT else f" {p.words[k]}"
                shifts.setdefault(key, set()).add(k)
            if not shifts:
                self._automaton = _NoHits()
                return self._automaton
            try:
                import ahocorasick
            except ImportError:  # pyahocorasick missing (no wheel for this platform): the token path
                self._automaton = None
            else:
                auto = ahocorasick.Automaton()
                for key, ks in shifts.items():
                    latin1 = key.encode().decode("latin-1")  # the text is searched byte by byte
                    auto.add_word(latin1, (len(latin1), tuple(sorted(ks))))
                auto.make_automaton()
                self._automaton = auto
        return self._automaton

    def scan_types(self, tokens: Sequence[str]) -> None:
        """Classify the token types of an article not seen before (needed for globs and stems)."""
        new = set(tokens) - self.checked
        if len(self.checked) + len(new) > _MAX_CACHED_TYPES:
            self.checked.clear()
        for tok in new:
            self.classify(tok)
        self.checked |= new

    def stem_of(self, token: str) -> str | None:
        if self.stem is None:
            return None
        s = self._stem_cache.get(token)
        if s is None:
            s = self._stem_cache[token] = self.stem(token)
        return s

    def word_matches(self, token: str, word: str, kind: int) -> bool:
        if kind == EXACT:
            return token == word
        if kind == GLOB:
            return token.startswith(word)
        return self.stem is not None and self.stem_of(token) == self.stem_of(word)

    def classify(self, tok: str) -> tuple[tuple[int, bool, tuple[_Cand, ...]], ...] | None:
        """Candidates whose first word matches ``tok``, grouped by (category, is-exclude); cached."""
        exact, prefix, stemmed = self.exact, self.prefix, self.stemmed
        found = list(exact.get(tok, ()))
        for n in self.prefix_lengths:
            if n > len(tok):
                break
            found.extend(prefix.get(tok[:n], ()))
        if stemmed:
            found.extend(stemmed.get(self.stem_of(tok), ()))
        if not found:
            return None
        groups: dict[tuple[int, bool], list[_Cand]] = {}
        for c in sorted(found, key=lambda c: (c.cat, c.exclude, c.rank)):  # best candidate first
            groups.setdefault((c.cat, c.exclude), []).append(c)
        grouped = tuple((ci, ex, tuple(cs)) for (ci, ex), cs in groups.items())
        self.cands[tok] = grouped
        self.keys = None  # rebuilt lazily
        return grouped

    def is_negator(self, tok: str) -> bool:
        if tok not in self.neg_seen:
            self.neg_seen.add(tok)
            if any(len(p.words) == 1 and self.word_matches(tok, p.words[0], p.kinds[0]) for p in self.neg_patterns):
                self.negators.add(tok)
        return tok in self.negators


class FastMatcher:
    """A compiled lexicon. Build with :func:`compile_matcher`; reuse across articles (it caches).

    Not thread-safe (its caches grow while it runs); use one per process.
    """

    def __init__(self, spec: MatcherSpec, *, stemmer: Callable[[str], Callable[[str], str] | None] | None = None) -> None:
        self.spec = spec
        self.categories = tuple(c.name for c in spec.categories)
        cands: list[_Cand] = []
        for ci, cat in enumerate(spec.categories):
            for order, p in enumerate(cat.excludes):
                cands.append(_cand(ci, True, order, p))
            for order, p in enumerate(cat.entries):
                cands.append(_cand(ci, False, order, p))
        self._cands = tuple(cands)
        self._stemmer_factory = stemmer or _snowball
        self._tables: dict[str | None, _LangTables] = {}
        self.window = spec.negation.window if spec.negation.negators else 0
        self.has_excludes = any(c.excludes for c in spec.categories)

    def _stemmer(self, lang: str | None) -> Callable[[str], str] | None:
        return self._stemmer_factory(lang) if lang is not None else None

    def _lang(self, lang: str | None) -> _LangTables:
        tables = self._tables.get(lang)
        if tables is None:
            tables = self._tables[lang] = _LangTables(lang, self)
        return tables

    def match_text(self, text: str, *, lang: str | None = None, fold_yo: bool = False,
                   fold_accents: bool = False, paragraphs: bool = False) -> ArticleMatches:
        """Tokenize ``text`` (as :func:`framelens.tokenize.word_tokens`) and match it, in one pass.

        With ``paragraphs``, matching stops at blank lines as it does on the
        paragraphs of :func:`framelens.tokenize.paragraph_tokens` matched one by
        one (no multi-word hit and no negation window reaches across a
        paragraph break); token positions count over the whole text.

        The candidate positions come from an Aho-Corasick automaton
        (pyahocorasick) over the normalised text: one key per exact first word
        (``" word "``) and per glob prefix (``" prefix"``), so the Python-level
        work is proportional to the candidates, not to the tokens. Languages
        whose entries start with a stem (``~word``) take the token-list path,
        which classifies every new token type.
        """
        t = self._lang(lang)
        norm = {"fold_yo": fold_yo, "fold_accents": fold_accents}
        data = normalized_bytes(text, paragraphs=paragraphs, **norm)
        if data is None:  # combining marks: the general tokenizer
            if paragraphs:
                tokens, starts = paragraph_tokens(text, **norm)
                return self.match(tokens, lang=lang, paragraph_starts=starts)
            return self.match(word_tokens(text, **norm), lang=lang)
        automaton = t.automaton()
        if automaton is None:
            tokens, starts = _split_paragraphs(data.decode())
            return self.match(tokens, lang=lang, paragraph_starts=starts if paragraphs else None)
        # Offsets are byte offsets in the padded text (the automaton reads its bytes as Latin-1).
        padded = b" " + data + b" "
        codes = np.frombuffer(padded, np.uint8)
        word = codes > 32  # tokens are runs of bytes above the space; space and NUL separate
        begins = np.flatnonzero(word[1:] > word[:-1]) + 1
        n = len(begins)
        found = [(end - size + 2, ks) for end, (size, ks) in automaton.iter(padded.decode("latin-1"))]
        if not found:
            return ArticleMatches(n, ())
        at = np.searchsorted(begins, [x for x, _ in found]).tolist()
        offsets: dict[int, int] = {}  # candidate position -> byte offset of its token
        for (x, ks), i in zip(found, at):
            for k in ks:
                if k == 0:
                    offsets[i] = x
                elif i >= k:
                    offsets[i - k] = int(begins[i - k])
        positions = sorted(offsets)
        find = padded.find
        site_tokens = [padded[b:find(b" ", b)].decode() for b in map(offsets.__getitem__, positions)]
        tokens = _TextTokens(padded, begins, barriers=paragraphs and b"\x00" in data)
        return self._match(tokens, t, positions, tokens, classify_new=True, site_tokens=site_tokens)

    def match(self, tokens: Sequence[str], *, lang: str | None = None,
              paragraph_starts: Sequence[int] | None = None) -> ArticleMatches:
        """Return every hit in ``tokens`` (from :func:`framelens.tokenize.word_tokens`) of an article.

        ``paragraph_starts`` (from :func:`framelens.tokenize.paragraph_tokens`):
        matching stops at each paragraph start, as if the paragraphs were
        matched one by one; positions count over the whole list.
        """
        t = self._lang(lang)
        if t.scan_every_type:
            t.scan_types(tokens)
        keys = t.keys
        if keys is None:
            keys = t.keys = frozenset(t.cands)
        # The only pass over every token: one lookup in a small set, in C.
        positions = list(compress(range(len(tokens)), map(keys.__contains__, tokens)))
        paras = _Paragraphs(paragraph_starts if paragraph_starts is not None else (), len(tokens))
        return self._match(tokens, t, positions, paras, classify_new=False)

    def _match(self, tokens: Sequence[str], t: _LangTables, positions: list[int],
               paras: _Paragraphs | _TextTokens, *, classify_new: bool,
               site_tokens: Sequence[str] | None = None) -> ArticleMatches:
        n = len(tokens)
        if not positions:
            return ArticleMatches(n, ())
        cands = t.cands
        sites = []  # (position, its token's candidate groups)
        for p, tok in zip(positions, site_tokens if site_tokens is not None else map(tokens.__getitem__, positions)):
            groups = cands.get(tok)
            if groups is None:
                if not classify_new or tok in t.checked:
                    continue
                groups = t.classify(tok)  # a new type (glob, stem) or an anchor's neighbour
                t.checked.add(tok)
                if groups is None:
                    continue
            sites.append((p, groups))

        fits = paras.fits  # fits(p, length): tokens p .. p + length - 1 exist, in one paragraph
        names = self.categories
        spans: dict[int, tuple[list[int], list[int]]] = {}
        exclusions: list[tuple[str, str, int, int]] = []
        if self.has_excludes:  # exclusion spans first: leftmost-longest among the excludes
            ex_free: dict[int, int] = {}
            for p, groups in sites:
                for ci, ex, cs in groups:
                    if not ex or p < ex_free.get(ci, 0):
                        continue
                    for c in cs:  # sorted best first
                        if fits(p, c.length) and _matches_at(c, tokens, p, t):
                            ex_free[ci] = p + c.length
                            starts, ends = spans.setdefault(ci, ([], []))
                            starts.append(p)
                            ends.append(p + c.length)
                            exclusions.append((names[ci], c.pattern.text, p, p + c.length))
                            break
            order = {name: i for i, name in enumerate(names)}
            exclusions.sort(key=lambda x: (order[x[0]], x[2]))
        free = [0] * len(names)
        window = self.window
        hits: list[Hit] = []
        for p, groups in sites:
            for ci, ex, cs in groups:
                if ex or p < free[ci]:
                    continue
                se = spans.get(ci) if spans else None
                best = cs[0]
                if se is None and not best.rest and not window:
                    # fast path: the best entry is one word (it matches here), nothing excluded, no negation
                    free[ci] = p + 1
                    hits.append(Hit(names[ci], best.pattern.text, p, p + 1))
                    continue
                for c in cs:  # sorted best first: the first that matches wins
                    end = p + c.length
                    if c.rest and not (fits(p, c.length) and _matches_at(c, tokens, p, t)):
                        continue
                    if se is not None:  # overlap with an exclusion span [s, e)?
                        j = bisect_left(se[1], p + 1)  # first span ending after p
                        if j < len(se[0]) and se[0][j] < end:
                            continue
                    free[ci] = end
                    negated = bool(window) and any(
                        t.is_negator(tokens[i]) for i in range(paras.first(p, window), p))
                    hits.append(Hit(names[ci], c.pattern.text, p, end, negated))
                    break
        # positions ascend and a token's groups are in category order: hits are sorted
        return ArticleMatches(n, tuple(hits), tuple(exclusions))


class _NoHits:
    """Stands in for an automaton without keys (a language no entry applies to)."""

    @staticmethod
    def iter(text: str) -> list[tuple[int, tuple[int, tuple[int, ...]]]]:
        return []


class _Paragraphs:
    """Paragraph bounds of a token list from its paragraph starts (as :func:`framelens.tokenize.paragraph_tokens`)."""

    __slots__ = ("_starts", "_n")

    def __init__(self, starts: Sequence[int], n: int) -> None:
        self._starts = list(starts) if len(starts) > 1 else []
        self._n = n

    def fits(self, p: int, length: int) -> bool:
        """Whether tokens ``p .. p + length - 1`` exist and are in one paragraph."""
        starts = self._starts
        if not starts:
            return p + length <= self._n
        j = bisect_right(starts, p)
        return p + length <= (starts[j] if j < len(starts) else self._n)

    def first(self, p: int, window: int) -> int:
        """The first of the ``window`` positions before ``p`` in ``p``'s paragraph (``p`` if none)."""
        starts = self._starts
        lo = max(0, p - window)
        return max(lo, starts[bisect_right(starts, p) - 1]) if starts else lo


class _TextTokens(Sequence[str]):
    """The tokens of a padded normalised text (UTF-8 bytes), cut out on demand (only candidates and their
    neighbours are read); ``begins`` holds the byte offset of each token. With ``barriers`` the text has
    paragraph barriers (NUL bytes), and :meth:`fits` and :meth:`first` look for them between tokens, as
    :class:`_Paragraphs` does on a list."""

    __slots__ = ("_data", "_begins", "_barriers")

    def __init__(self, data: bytes, begins: Any, *, barriers: bool = False) -> None:
        self._data = data
        self._begins = begins
        self._barriers = barriers

    def __len__(self) -> int:
        return len(self._begins)

    def __getitem__(self, i):  # type: ignore[override]
        begin = int(self._begins[i])
        return self._data[begin:self._data.find(b" ", begin)].decode()

    def fits(self, p: int, length: int) -> bool:
        """Whether tokens ``p .. p + length - 1`` exist and no paragraph barrier lies between them."""
        last = p + length - 1
        if last >= len(self._begins):
            return False
        return not self._barriers or self._data.find(b"\x00", int(self._begins[p]), int(self._begins[last])) < 0

    def first(self, p: int, window: int) -> int:
        """The first of the ``window`` positions before ``p`` in ``p``'s paragraph (``p`` if none)."""
        lo = max(0, p - window)
        if not self._barriers or lo == p:
            return lo
        begins = self._begins
        barrier = self._data.rfind(b"\x00", int(begins[lo]), int(begins[p]))
        if barrier < 0:
            return lo
        i = p
        while int(begins[i - 1]) > barrier:
            i -= 1
        return i


def _split_paragraphs(text: str) -> tuple[list[str], list[int]]:
    tokens: list[str] = []
    starts: list[int] = []
    for para in text.split("\x00"):
        starts.append(len(tokens))
        tokens.extend(para.split())
    return tokens, starts


def _matches_at(c: _Cand, tokens: Sequence[str], p: int, t: _LangTables) -> bool:
    """Whether candidate ``c`` (whose first word matches ``tokens[p]``, and which fits) matches at ``p``."""
    for k, word, kind in c.rest:
        tok = tokens[p + k]
        if kind == EXACT:
            if tok != word:
                return False
        elif not t.word_matches(tok, word, kind):
            return False
    return True


def _snowball(lang: str | None) -> Callable[[str], str] | None:
    from framelens.stemming import has_stemmer, stem

    if not has_stemmer(lang):
        return None
    return lambda word: stem(word, lang)


def compile_matcher(lexicon: Any) -> FastMatcher:
    """Compile a :class:`framelens.lexicon.Lexicon` (or a :class:`MatcherSpec`) for fast matching."""
    spec = lexicon if isinstance(lexicon, MatcherSpec) else spec_from_lexicon(lexicon)
    for cat in spec.categories:
        if not cat.entries:
            raise LexiconError(f"category {cat.name!r} has no entries; give it terms (or sub-categories with terms)")
    return FastMatcher(spec)


def article_matcher(lexicon: Any) -> Callable[..., Any]:
    """Return a drop-in for :func:`framelens.matcher.match_article` backed by the fast matcher.

    The callable has the reference's signature ``(lexicon, tokens, *, lang=None,
    article="")`` and returns its :class:`framelens.matcher.ArticleMatches`
    (hits grouped by category, in category order), so it can be passed as
    ``match=`` to :func:`framelens.score.score_articles`. It is bound to
    ``lexicon``: passing another lexicon raises ``ValueError``. Like the
    reference it raises :class:`LexiconError` when stem entries apply to an
    article whose language has no Snowball stemmer.
    """
    from framelens.matcher import ArticleMatches as RefMatches
    from framelens.matcher import Exclusion, Match

    matcher = compile_matcher(lexicon)
    order = {name: i for i, name in enumerate(matcher.categories)}
    check = _check_stems(matcher)

    def match(lex: Any, tokens: Sequence[str], *, lang: str | None = None, article: str = "") -> Any:
        if lex is not lexicon:
            raise ValueError("this fast matcher was compiled for another lexicon")
        check(lang, article)
        found = matcher.match(tokens, lang=lang)
        hits = sorted(found.hits, key=lambda h: (order[h.category], h.start))
        return RefMatches(
            hits=tuple(Match(h.category, h.entry, h.start, h.end, h.negated) for h in hits),
            exclusions=tuple(Exclusion(*x) for x in found.exclusions),
        )

    return match


def _check_stems(matcher: FastMatcher) -> Callable[[str | None, str], None]:
    """A check that raises :class:`LexiconError` like the reference when stem entries apply to an
    article whose language has no Snowball stemmer."""
    from framelens.stemming import has_stemmer

    stem_langs: dict[str | None, list[str]] = {}

    def stem_entries(lang: str | None) -> list[str]:
        if lang not in stem_langs:
            stem_langs[lang] = sorted({
                p.text for c in matcher.spec.categories for p in (*c.entries, *c.excludes)
                if STEM in p.kinds and (p.lang is None or p.lang == lang)})
        return stem_langs[lang]

    def check(lang: str | None, article: str) -> None:
        if not has_stemmer(lang) and stem_entries(lang):
            where = f"article {article!r}" if article else "an article"
            raise LexiconError(
                f"{where} has lang {lang!r}, which has no Snowball stemmer, but the stem entr(ies) "
                f"{stem_entries(lang)} apply to it; put stem entries under a language key "
                f"(e.g. terms: {{en: [~word]}}) or give the article a lang with a stemmer")

    return check


def text_matcher(lexicon: Any, *, fold_yo: bool = False, fold_accents: bool = False
                 ) -> Callable[[str, str | None, str], ArticleMatches]:
    """Return ``match(text, lang, article_id)``: tokenize and match a whole article in one pass.

    Matching stops at paragraph breaks (as :func:`framelens.score.score_articles`
    on :func:`framelens.tokenize.paragraph_tokens`); ``fold_yo`` and
    ``fold_accents`` must be those the lexicon was folded with. Raises
    :class:`LexiconError` like the reference for stem entries in a language
    without a stemmer.
    """
    matcher = compile_matcher(lexicon)
    check = _check_stems(matcher)
    checked: set[str | None] = set()

    def match(text: str, lang: str | None, article: str = "") -> ArticleMatches:
        if lang not in checked:
            check(lang, article)
            checked.add(lang)
        return matcher.match_text(text, lang=lang, fold_yo=fold_yo, fold_accents=fold_accents, paragraphs=True)

    return match
