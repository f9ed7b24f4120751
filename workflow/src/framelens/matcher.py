"""Matching: the REFERENCE matcher, a slow and obviously correct reading of the matching spec.

It is written to be checked by eye against the spec (``data/lexicons/README.md``,
"Matching"); a faster matcher must return exactly the same
:class:`ArticleMatches` for every lexicon, token list and language. Per
article, per category, independently of the other categories:

1. Exclusion spans: scan left to right; at each free position take the
   longest effective exclude that matches there (ties: fewer glob/stem words,
   then the exclude listed first); its tokens are consumed.
2. Hits: scan positions left to right; at position ``p`` (not inside an
   earlier hit of this category) take, among the entries that match at ``p``
   and whose span ``[p, p+len)`` overlaps no exclusion span, the best by
   (longest, fewer glob/stem words, earlier in the effective entry list); then
   continue at ``p+len``.
3. Negation: a hit ``[s, e)`` is negated when any of the ``window`` tokens
   before ``s`` matches a negator of the article's language or a list-form
   negator. Negated hits keep their tokens but are counted apart.

Entries under a language key are used only for articles with that ``lang``;
list-form entries for every article. A word matches a token when equal
(``word``), when the token starts with it (``word*``), or when both have the
same Snowball stem in the article's language (``~word``).

Resolved ambiguities: a list-form stem entry (or exclude) applied to an
article whose ``lang`` has no Snowball stemmer raises :class:`LexiconError`
before any matching, whatever the tokens. ``Match.entry`` and ``Exclusion.entry`` are the entry text
as written; results are ordered by category (lexicon order), then start.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from framelens.errors import LexiconError
from framelens.lexicon import GLOB, STEM, Category, Entry, Lexicon
from framelens.stemming import has_stemmer, stem

__all__ = ["Match", "Exclusion", "ArticleMatches", "Matcher", "CompiledLexicon", "compile_lexicon", "word_matches",
           "entry_matches_at",
           "match_article", "match_tokens"]


@dataclass(frozen=True)
class Match:
    """One hit: the category, the entry as written, the token span ``[start, end)``, negated or not."""

    category: str
    entry: str
    start: int
    end: int
    negated: bool = False


@dataclass(frozen=True)
class Exclusion:
    """One exclusion span of a category: the exclude entry as written and its token span."""

    category: str
    entry: str
    start: int
    end: int


@dataclass(frozen=True)
class ArticleMatches:
    """Everything the matcher finds in one article."""

    hits: tuple[Match, ...]
    exclusions: tuple[Exclusion, ...]


Matcher = Callable[..., ArticleMatches]
"""Signature of a matcher: ``(lexicon, tokens, *, lang=None) -> ArticleMatches``."""


def word_matches(word: str, kind: str, token: str, lang: str | None) -> bool:
    """True when one entry word of ``kind`` (word/glob/stem) matches ``token``."""
    if kind == GLOB:
        return token.startswith(word)
    if kind == STEM:
        return stem(token, lang) == stem(word, lang)
    return token == word


def entry_matches_at(entry: Entry, tokens: Sequence[str], p: int, lang: str | None) -> bool:
    """True when every word of ``entry`` matches the tokens starting at position ``p``."""
    if p + len(entry.words) > len(tokens):
        return False
    return all(word_matches(w, k, tokens[p + i], lang) for i, (w, k) in enumerate(entry.pattern))


def _rank(entry: Entry, order: int) -> tuple[int, int, int]:
    return (-len(entry.words), entry.n_loose, order)


def _leftmost_longest(
    entries: Sequence[Entry], tokens: Sequence[str], lang: str | None,
    allowed: Callable[[int, int], bool],
) -> list[tuple[Entry, int, int]]:
    found: list[tuple[Entry, int, int]] = []
    p = 0
    while p < len(tokens):
        candidates = [
            (_rank(entry, order), entry)
            for order, entry in enumerate(entries)
            if entry_matches_at(entry, tokens, p, lang) and allowed(p, p + len(entry.words))
        ]
        if candidates:
            best = min(candidates, key=lambda c: c[0])[1]
            found.append((best, p, p + len(best.words)))
            p += len(best.words)
        else:
            p += 1
    return found


def _is_negated(lexicon: Lexicon, tokens: Sequence[str], start: int, lang: str | None) -> bool:
    window = lexicon.negation.window
    if window <= 0:
        return False
    negators = [n for n in lexicon.negation.negators if n.applies_to(lang)]
    before = tokens[max(0, start - window):start]
    return any(word_matches(n.words[0], n.kinds[0], token, lang) for token in before for n in negators)


def _match_category(
    lexicon: Lexicon, cat: Category, tokens: Sequence[str], lang: str | None
) -> tuple[list[Match], list[Exclusion]]:
    excludes = [e for e in cat.excludes if e.applies_to(lang)]
    spans = _leftmost_longest(excludes, tokens, lang, lambda s, e: True)
    exclusions = [Exclusion(cat.name, entry.text, s, e) for entry, s, e in spans]

    def clear_of_exclusions(start: int, end: int) -> bool:
        return all(end <= x.start or start >= x.end for x in exclusions)

    entries = [e for e in cat.entries if e.applies_to(lang)]
    hits = [
        Match(cat.name, entry.text, s, e, _is_negated(lexicon, tokens, s, lang))
        for entry, s, e in _leftmost_longest(entries, tokens, lang, clear_of_exclusions)
    ]
    return hits, exclusions


def match_article(
    lexicon: Lexicon, tokens: Sequence[str], *, lang: str | None = None, article: str = ""
) -> ArticleMatches:
    """Return every hit and exclusion span of every category of ``lexicon`` in ``tokens``.

    ``lang`` is the article's ISO 639-1 language (``None`` when unknown);
    ``article`` (its id) only makes error messages precise.
    """
    if not has_stemmer(lang):
        stems = [e.text for c in lexicon.categories for e in (*c.entries, *c.excludes)
                 if STEM in e.kinds and e.applies_to(lang)]
        if stems:
            where = f"article {article!r}" if article else "an article"
            raise LexiconError(
                f"{where} has lang {lang!r}, which has no Snowball stemmer, but the stem entr(ies) "
                f"{sorted(set(stems))} apply to it; put stem entries under a language key "
                f"(e.g. terms: {{en: [~word]}}) or give the article a lang with a stemmer"
            )
    hits: list[Match] = []
    exclusions: list[Exclusion] = []
    for cat in lexicon.categories:
        cat_hits, cat_excl = _match_category(lexicon, cat, tokens, lang)
        hits.extend(cat_hits)
        exclusions.extend(cat_excl)
    return ArticleMatches(hits=tuple(hits), exclusions=tuple(exclusions))


def match_tokens(lexicon: Lexicon, tokens: Sequence[str], *, lang: str | None = None) -> list[Match]:
    """Return the hits (counted and negated) of ``lexicon`` in ``tokens``."""
    return list(match_article(lexicon, tokens, lang=lang).hits)


CompiledLexicon = Lexicon
"""The reference matcher works on the parsed :class:`Lexicon` itself (kept for callers of the earlier API)."""


def compile_lexicon(lexicon: Lexicon) -> Lexicon:
    """Return ``lexicon`` unchanged: the reference matcher needs no index (kept for the earlier API)."""
    return lexicon
