"""Stemming: Snowball stems by ISO 639-1 language code, for ``~word`` lexicon entries.

NLTK's Snowball stemmers need no downloaded data (``ignore_stopwords`` stays
off, which would need the stopwords corpus). A language is named by its ISO
639-1 code (``en``, ``es``, ``ru`` ...), as in the corpus ``lang`` field.
"""

from __future__ import annotations

from functools import lru_cache

from framelens.errors import LexiconError

__all__ = ["SNOWBALL_LANGUAGES", "has_stemmer", "stem"]

SNOWBALL_LANGUAGES: dict[str, str] = {
    "ar": "arabic", "da": "danish", "nl": "dutch", "en": "english", "fi": "finnish",
    "fr": "french", "de": "german", "hu": "hungarian", "it": "italian", "no": "norwegian",
    "pt": "portuguese", "ro": "romanian", "ru": "russian", "es": "spanish", "sv": "swedish",
}
"""ISO 639-1 code -> NLTK Snowball language name (every Snowball language with a 639-1 code)."""


def has_stemmer(lang: str | None) -> bool:
    """True when ``lang`` (an ISO 639-1 code) has a Snowball stemmer."""
    return lang is not None and lang.lower() in SNOWBALL_LANGUAGES


@lru_cache(maxsize=32)
def _stemmer(lang: str):  # noqa: ANN202 - nltk has no type hints
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer(SNOWBALL_LANGUAGES[lang])


@lru_cache(maxsize=200_000)
def stem(word: str, lang: str | None) -> str:
    """Return the Snowball stem of the lower-cased token ``word`` in language ``lang``.

    Raises :class:`LexiconError` for a language without a Snowball stemmer
    (including a missing ``lang``).
    """
    if not has_stemmer(lang):
        raise LexiconError(
            f"no Snowball stemmer for language {lang!r}; stem entries (~word) need one of "
            f"{sorted(SNOWBALL_LANGUAGES)}"
        )
    return _stemmer(lang.lower()).stem(word)
