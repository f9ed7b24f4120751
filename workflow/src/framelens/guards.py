"""Guards: refuse lexicon globs whose stem is so short that they match almost anything.

``a*`` or ``co*`` are legal glob syntax but match a large share of all tokens
(``co*`` matches *country*, *cooperation*, *could*...), which silently turns a
framing category into a word counter. :func:`glob_problem` refuses a glob whose
stem (the letters before ``*``) is shorter than ``min_stem`` characters;
:func:`glob_problems` applies it to a parsed lexicon, so the lexicon check and
the score step report every such entry with its file line.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from framelens.errors import ConfigError

__all__ = ["MIN_GLOB_STEM", "glob_problem", "glob_problems", "lexicon_glob_problems"]

MIN_GLOB_STEM = 3
"""Default minimum number of characters before a ``*`` (``war*`` is allowed, ``wa*`` is not)."""


def glob_problem(entry: str, *, min_stem: int = MIN_GLOB_STEM) -> str | None:
    """Return why ``entry`` has a pathological glob, or ``None`` when every glob is long enough."""
    if min_stem < 1:
        raise ConfigError(f"min_stem must be at least 1, not {min_stem}")
    for word in entry.split():
        if word.endswith("*"):
            stem = word.rstrip("*")
            if len(stem) < min_stem:
                return (f"entry {entry!r}: the glob {word!r} has a stem of {len(stem)} character(s), "
                        f"fewer than {min_stem}; it would match a large share of all words. "
                        f"Lengthen the stem to at least {min_stem} characters or list the words")
    return None


def glob_problems(categories: Iterable[Any], *, min_stem: int = MIN_GLOB_STEM) -> list[tuple[int, str]]:
    """Return ``(line, message)`` for every entry of ``categories`` with a too-short glob stem.

    ``categories`` are :class:`framelens.lexicon.Category`-like objects (``name``,
    ``own_entries``/``own_excludes`` or ``entries``, each with ``text`` and
    ``line``). Only a category's own entries are checked, so an entry of a
    sub-category is reported once, not again for every parent.
    """
    found = []
    for cat in categories:
        own = getattr(cat, "own_entries", None)
        entries = list(own if own is not None else cat.entries)
        entries += list(getattr(cat, "own_excludes", ()) or ())
        for entry in entries:
            problem = glob_problem(entry.text, min_stem=min_stem)
            if problem:
                found.append((entry.line, f"category {cat.name!r}: {problem}"))
    return sorted(set(found))


def lexicon_glob_problems(lexicon: Any, *, min_stem: int = MIN_GLOB_STEM) -> list[tuple[int, str]]:
    """:func:`glob_problems` of a whole lexicon: its categories and its negators, if any."""
    found = glob_problems(lexicon.categories, min_stem=min_stem)
    negation = getattr(lexicon, "negation", None)
    for entry in getattr(negation, "negators", ()) or ():
        problem = glob_problem(entry.text, min_stem=min_stem)
        if problem:
            found.append((entry.line, f"negation: {problem}"))
    return sorted(set(found))
