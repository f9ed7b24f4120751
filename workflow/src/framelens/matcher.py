"""Matching: find lexicon entries in a token sequence with the documented semantics.

Semantics (the same in the README and the lexicon header):

* matching is on lower-cased tokens, never on substrings;
* a word ending in ``*`` matches any token that starts with the rest of it;
* a multi-word entry matches the same sequence of tokens;
* inside one category, matches are taken left to right and at each position
  the longest entry wins (ties: fewer globs, then the entry listed first);
  the tokens of a match are not matched again by that category;
* categories are independent: one token may count for several categories.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from framelens.lexicon import Entry, Lexicon

__all__ = ["Match", "CompiledLexicon", "compile_lexicon", "match_tokens"]


@dataclass(frozen=True)
class Match:
    """One hit: the category, the entry as written, and the token span ``[start, end)``."""

    category: str
    entry: str
    start: int
    end: int


@dataclass(frozen=True)
class _Candidate:
    category: int
    order: int
    entry: Entry


@dataclass(frozen=True)
class CompiledLexicon:
    """A lexicon indexed by first word for fast candidate lookup."""

    categories: tuple[str, ...]
    exact: dict[str, tuple[_Candidate, ...]]
    prefixes: dict[str, tuple[_Candidate, ...]]
    prefix_lengths: tuple[int, ...]


def compile_lexicon(lexicon: Lexicon) -> CompiledLexicon:
    """Index every entry of ``lexicon`` by its first word (exact or glob prefix)."""
    exact: dict[str, list[_Candidate]] = {}
    prefixes: dict[str, list[_Candidate]] = {}
    for ci, cat in enumerate(lexicon.categories):
        for order, entry in enumerate(cat.entries):
            cand = _Candidate(ci, order, entry)
            table = prefixes if entry.globs[0] else exact
            table.setdefault(entry.words[0], []).append(cand)
    return CompiledLexicon(
        categories=lexicon.category_names,
        exact={k: tuple(v) for k, v in exact.items()},
        prefixes={k: tuple(v) for k, v in prefixes.items()},
        prefix_lengths=tuple(sorted({len(k) for k in prefixes})),
    )


def _entry_matches(entry: Entry, tokens: Sequence[str], start: int) -> bool:
    if start + len(entry.words) > len(tokens):
        return False
    for offset, (word, glob) in enumerate(zip(entry.words, entry.globs)):
        token = tokens[start + offset]
        if not (token.startswith(word) if glob else token == word):
            return False
    return True


def match_tokens(compiled: CompiledLexicon, tokens: Sequence[str]) -> list[Match]:
    """Return every match in ``tokens``, ordered by position, then category order."""
    free_from = [0] * len(compiled.categories)
    matches: list[Match] = []
    exact, prefixes, lengths = compiled.exact, compiled.prefixes, compiled.prefix_lengths
    for pos, token in enumerate(tokens):
        cands = list(exact.get(token, ()))
        for length in lengths:
            if length > len(token):
                break
            cands.extend(prefixes.get(token[:length], ()))
        if not cands:
            continue
        best: dict[int, tuple[tuple[int, int, int], _Candidate]] = {}
        for cand in cands:
            if pos < free_from[cand.category] or not _entry_matches(cand.entry, tokens, pos):
                continue
            rank = (-len(cand.entry.words), sum(cand.entry.globs), cand.order)
            current = best.get(cand.category)
            if current is None or rank < current[0]:
                best[cand.category] = (rank, cand)
        for ci in sorted(best):
            entry = best[ci][1].entry
            end = pos + len(entry.words)
            free_from[ci] = end
            matches.append(Match(compiled.categories[ci], entry.text, pos, end))
    return matches
