"""Exceptions: one base class for everything framelens reports to a user.

Messages name the bad value, where it came from (file and line, article id)
and what would be valid, so that a researcher can fix the input without
reading the code.
"""

from __future__ import annotations

__all__ = [
    "FramelensError",
    "CorpusError",
    "LexiconError",
    "ConfigError",
    "ModelError",
    "AnnotationError",
]


class FramelensError(Exception):
    """Base class of every error framelens raises on purpose."""


class CorpusError(FramelensError):
    """A corpus or outlets sheet cannot be used as a whole (not a single bad row)."""


class LexiconError(FramelensError):
    """A lexicon file is malformed; the message names the file, line and entry."""


class ConfigError(FramelensError):
    """A setting is missing, of the wrong type or out of range."""


class ModelError(FramelensError):
    """A saved model cannot be loaded safely."""


class AnnotationError(FramelensError):
    """A file of labelled training sentences is malformed; the message names the row."""
