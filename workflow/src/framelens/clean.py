"""Text cleaning: Unicode and whitespace normalisation, and boilerplate line removal.

Cleaning works line by line so that scraper and aggregator boilerplate
("Share · Tweet · Email", "Disclaimer: Via ...") can be removed by patterns
that match whole lines, and paragraph breaks (a blank line) survive.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from framelens.errors import ConfigError

__all__ = ["normalize_text", "compile_line_patterns", "strip_boilerplate"]

UNICODE_FORMS = ("NFC", "NFKC", "NFD", "NFKD")
# C0/C1 control characters other than tab and newline, plus NUL; they never carry text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")  # spaces other than " "
_BLANK_RUN = re.compile(r"\n{3,}")
# Every character other than "\n" that the steps below may change or remove, and the one
# other space that str.strip removes (U+1680): a text without any of them has only " " and
# "\n" as whitespace, so its lines need stripping only next to a line end.
_UNUSUAL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]")


def normalize_text(text: str, *, form: str = "NFC") -> str:
    """Return ``text`` in Unicode ``form``, with uniform line ends and whitespace.

    Carriage returns become newlines, control characters are removed, runs of
    spaces (including non-breaking ones) become one space, each line is
    stripped and more than one blank line becomes one (a paragraph break).
    """
    if form not in UNICODE_FORMS:
        raise ConfigError(f"unicode form must be one of {UNICODE_FORMS}, not {form!r}")
    if not text.isascii() and not unicodedata.is_normalized(form, text):  # ASCII is in every form
        text = unicodedata.normalize(form, text)
    if "  " not in text and not _UNUSUAL.search(text):
        # the common case, same result: only single spaces and line ends to tidy
        if " \n" in text or "\n " in text:
            text = "\n".join(line.strip() for line in text.split("\n"))
        return (_BLANK_RUN.sub("\n\n", text) if "\n\n\n" in text else text).strip(" \n")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    # Runs of spaces never cross a line end, so they are collapsed over the whole text at once
    # (and only where there is something to change: a single " " stays as it is).
    if "  " in text or _ODD_SPACE.search(text):
        text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_RUN.sub("\n\n", text).strip()


def compile_line_patterns(patterns: Sequence[str]) -> tuple[re.Pattern[str], ...]:
    """Compile boilerplate line patterns; each must match a whole (stripped) line."""
    compiled = []
    for i, pattern in enumerate(patterns):
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise ConfigError(
                f"boilerplate pattern #{i + 1} {pattern!r} is not a valid regular expression: {exc}"
            ) from exc
    return tuple(compiled)


def strip_boilerplate(text: str, patterns: Sequence[re.Pattern[str]]) -> tuple[str, int]:
    """Remove every line that one of ``patterns`` matches in full.

    Returns the cleaned text (paragraph breaks kept, no doubled blank lines)
    and the number of lines removed.
    """
    if not patterns:
        return text, 0
    kept: list[str] = []
    removed = 0
    for line in text.split("\n"):
        if line and any(p.fullmatch(line) for p in patterns):
            removed += 1
            continue
        kept.append(line)
    return _BLANK_RUN.sub("\n\n", "\n".join(kept)).strip(), removed
