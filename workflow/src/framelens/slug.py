"""Slugs: safe, unique file-name parts made from data values (outlet names, article ids).

A value from the corpus never becomes part of a path as it is: ``../x``,
``a/b``, ``CON`` or a name with spaces would escape the output folder, collide
or break a shell command. :func:`slugify` keeps ASCII letters, digits, ``-``
and ``_`` and replaces everything else; :func:`unique_slugs` raises when two
different values would share a slug, instead of letting one file overwrite
the other.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from framelens.errors import ConfigError

__all__ = ["slugify", "unique_slugs"]

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                       *(f"lpt{i}" for i in range(1, 10))})


def slugify(value: str, *, max_length: int = 80) -> str:
    """Return a file-name-safe slug of ``value`` (ASCII letters, digits, ``-``, ``_``)."""
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode("ascii")
    slug = _UNSAFE.sub("-", text).strip("-_")[:max_length].strip("-_").lower()
    if not slug:
        raise ConfigError(f"{value!r} has no letter or digit to name a file by; rename it")
    if slug in _RESERVED:
        slug = f"{slug}_"
    return slug


def unique_slugs(values: Iterable[str], *, max_length: int = 80) -> dict[str, str]:
    """Map each distinct value to its slug; raise :class:`ConfigError` when two values collide."""
    slugs: dict[str, str] = {}
    owner: dict[str, str] = {}
    for value in values:
        if value in slugs:
            continue
        slug = slugify(value, max_length=max_length)
        if slug in owner:
            raise ConfigError(
                f"{owner[slug]!r} and {value!r} would both be written as {slug!r}; "
                f"rename one of them so their letters and digits differ")
        slugs[value] = slug
        owner[slug] = value
    return slugs
