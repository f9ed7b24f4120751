"""Fast exact matching: tokenize a text and find lexicon hits in one pass, with the full semantics.

This is the production engine behind ``framelens score``; the slow,
obviously-correct reference is :func:`framelens.matcher.match_tokens`, and a
property test checks that both agree on generated texts and lexicons.

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

How it is fast (measured in ``benchmarks/``): the tokenizer is one
``re.findall`` over the lower-cased text; each distinct token type is
classified once per language (is it the first word of some entry? a
negator?) and cached, so the per-token work is a set membership test done in C
(``itertools.compress``); the Python-level work is proportional to the number
of candidate positions, not to the length of the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import compress
from typing import Any, NamedTuple

from framelens.errors import LexiconError
from framelens.stemming import SNOWBALL_LANGUAGES
from framelens.tokenize import fold, word_tokens

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
]

EXACT, GLOB, STEM = 0, 1, 2
_MAX_CACHED_TYPES = 2_000_000


# The token grammar of framelens.tokenize.word_tokens, rewritten for speed:
# curly apostrophes are straightened and possessive "'s" removed on the whole
# text (not per token) before one findall.
_FAST_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_FAST_TOKEN_NO_UNDERSCORE = re.compile(r"\w+(?:'\w+)*")  # the same on text without "_", and faster
# "'s" ending a token: starts with a literal (fast scan), then checks the character before it.
_FAST_POSSESSIVE = re.compile(r"'s(?<=[^\W_]'s)(?![^\W_]|'[^\W_])")


_MARKS = re.compile("[\u0300-\u036f\u0483-\u0489]")  # combining marks: the general path handles them


def _normalize(text: str) -> str:
    text = text.replace("\u2019", "'") if "\u2019" in text else text
    if "'s" in text:
        text = _FAST_POSSESSIVE.sub("", text)
    return text


def _findall(norm: str) -> list[str]:
    return (_FAST_TOKEN if "_" in norm else _FAST_TOKEN_NO_UNDERSCORE).findall(norm)


def fast_word_tokens(text: str, *, fold_yo: bool = False, fold_accents: bool = False) -> list[str]:
    """Return exactly :func:`framelens.tokenize.word_tokens` of ``text`` (same options), faster."""
    folded = fold(text, fold_yo=fold_yo, fold_accents=fold_accents)
    if not folded.isascii() and _MARKS.search(folded):  # rare after NFC: a mark stays inside its word
        return word_tokens(text, fold_yo=fold_yo, fold_accents=fold_accents)
    return _findall(_normalize(folded))


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

    def match_text(self, text: str, *, lang: str | None = None) -> ArticleMatches:
        """Tokenize ``text`` (as :func:`framelens.tokenize.word_tokens`) and match it."""
        return self.match(fast_word_tokens(text), lang=lang)

    def match(self, tokens: Sequence[str], *, lang: str | None = None) -> ArticleMatches:
        """Return every hit in ``tokens`` (from :func:`framelens.tokenize.word_tokens`) of an article."""
        t = self._lang(lang)
        if t.scan_every_type:
            t.scan_types(tokens)
        return self._match(tokens, t)

    def _match(self, tokens: Sequence[str], t: _LangTables) -> ArticleMatches:
        cands = t.cands
        keys = t.keys
        if keys is None:
            keys = t.keys = frozenset(cands)
        n = len(tokens)
        # The only pass over every token: one lookup in a small set, in C.
        positions = list(compress(range(n), map(keys.__contains__, tokens)))
        if not positions:
            return ArticleMatches(n, ())
        names = self.categories
        spans: dict[int, tuple[list[int], list[int]]] = {}
        exclusions: list[tuple[str, str, int, int]] = []
        if self.has_excludes:  # exclusion spans first: leftmost-longest among the excludes
            ex_free: dict[int, int] = {}
            for p in positions:
                for ci, ex, cs in cands[tokens[p]]:
                    if not ex or p < ex_free.get(ci, 0):
                        continue
                    for c in cs:  # sorted best first
                        if _matches_at(c, tokens, p, n, t):
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
        for p in positions:
            for ci, ex, cs in cands[tokens[p]]:
                if ex or p < free[ci]:
                    continue
                se = spans.get(ci)
                for c in cs:  # sorted best first: the first that matches wins
                    end = p + c.length
                    if c.rest and not _matches_at(c, tokens, p, n, t):
                        continue
                    if se is not None:  # overlap with an exclusion span [s, e)?
                        j = bisect_left(se[1], p + 1)  # first span ending after p
                        if j < len(se[0]) and se[0][j] < end:
                            continue
                    free[ci] = end
                    negated = bool(window) and any(
                        t.is_negator(tokens[i]) for i in range(max(0, p - window), p))
                    hits.append(Hit(names[ci], c.pattern.text, p, end, negated))
                    break
        # positions ascend and a token's groups are in category order: hits are sorted
        return ArticleMatches(n, tuple(hits), tuple(exclusions))


def _matches_at(c: _Cand, tokens: Sequence[str], p: int, n: int, t: _LangTables) -> bool:
    """Whether candidate ``c`` (whose first word matches ``tokens[p]``) matches at ``p``."""
    if p + c.length > n:
        return False
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
    from framelens.stemming import has_stemmer

    matcher = compile_matcher(lexicon)
    order = {name: i for i, name in enumerate(matcher.categories)}
    stem_langs: dict[str | None, list[str]] = {}

    def stem_entries(lang: str | None) -> list[str]:
        if lang not in stem_langs:
            stem_langs[lang] = sorted({
                p.text for c in matcher.spec.categories for p in (*c.entries, *c.excludes)
                if STEM in p.kinds and (p.lang is None or p.lang == lang)})
        return stem_langs[lang]

    def match(lex: Any, tokens: Sequence[str], *, lang: str | None = None, article: str = "") -> Any:
        if lex is not lexicon:
            raise ValueError("this fast matcher was compiled for another lexicon")
        if not has_stemmer(lang) and stem_entries(lang):
            where = f"article {article!r}" if article else "an article"
            raise LexiconError(
                f"{where} has lang {lang!r}, which has no Snowball stemmer, but the stem entr(ies) "
                f"{stem_entries(lang)} apply to it; put stem entries under a language key "
                f"(e.g. terms: {{en: [~word]}}) or give the article a lang with a stemmer")
        found = matcher.match(tokens, lang=lang)
        hits = sorted(found.hits, key=lambda h: (order[h.category], h.start))
        return RefMatches(
            hits=tuple(Match(h.category, h.entry, h.start, h.end, h.negated) for h in hits),
            exclusions=tuple(Exclusion(*x) for x in found.exclusions),
        )

    return match
