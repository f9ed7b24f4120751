"""Language: each article's language, given by the corpus or detected offline, and which are analysed.

Detection uses ``py3langid`` (a re-packaging of langid.py that ships its
model inside the wheel: nothing is downloaded at run time). A ``lang`` given
by the corpus always wins over detection. Codes are ISO 639-1 (``en``,
``es``, ``ru``).

The lexicons are written for a list of *analysed* languages (config
``language.languages``); articles in any other language are excluded from
scoring by default, because a lexicon cannot find framing in words it does not
contain and such articles would count as "no framing" rather than "not
measured".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import pandas as pd

from framelens.errors import ConfigError

__all__ = ["LANGUAGE_COLUMNS", "detect_language", "assign_languages", "language_table"]

LANGUAGE_COLUMNS = ("outlet", "lang", "lang_source", "n_articles", "analysed")
_CODE = re.compile(r"^[a-z]{2,3}$")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float]:
    """Return ``(ISO 639-1 code, probability)`` for ``text``; ``(None, 0.0)`` for text without letters."""
    if not any(ch.isalpha() for ch in text):
        return None, 0.0
    lang, prob = _identifier().classify(text)
    return str(lang), float(prob)


def assign_languages(
    articles: pd.DataFrame,
    *,
    languages: Sequence[str],
    detect: bool = True,
    min_chars: int = 100,
    min_prob: float = 0.9,
) -> pd.DataFrame:
    """Return a copy of ``articles`` with ``lang``, ``lang_source``, ``lang_prob`` and ``analysed``.

    ``lang_source`` is ``corpus`` (given), ``detected``, or ``undetermined``
    (not given, and detection off, the text shorter than ``min_chars``
    characters, or the detector less sure than ``min_prob``); ``lang_prob`` is
    the detector's probability (1 for a given language). ``analysed`` is true
    when ``lang`` is one of ``languages`` *or undetermined*: only articles
    known to be in another language are set aside, since a short text's
    language cannot be told reliably.
    """
    bad = [code for code in languages if not _CODE.match(code)]
    if not 0 <= min_prob <= 1:
        raise ConfigError(f"language min_prob must be in [0, 1], not {min_prob!r}")
    if bad or not languages:
        raise ConfigError(
            f"language.languages must be a non-empty list of ISO 639-1 codes such as [en, es]; got {list(languages)!r}"
        )
    out = articles.copy()
    langs: list[str | None] = []
    sources: list[str] = []
    probs: list[float] = []
    given = out["lang"].tolist() if "lang" in out.columns else [None] * len(out)
    titles, texts = out["title"], out["text"]
    for i, value in enumerate(given):
        if isinstance(value, str) and value.strip():
            langs.append(value.strip().lower())
            sources.append("corpus")
            probs.append(1.0)
            continue
        title, text = titles.iat[i], texts.iat[i]  # only the texts without a given language are converted
        sample = f"{title or ''}\n{text}".strip()
        lang, prob = detect_language(sample) if detect and len(sample) >= min_chars else (None, 0.0)
        if lang is None or prob < min_prob:
            langs.append(None)
            sources.append("undetermined")
        else:
            langs.append(lang)
            sources.append("detected")
        probs.append(prob)
    out["lang"] = pd.Series(langs, index=out.index, dtype="object")
    out["lang_source"] = sources
    out["lang_prob"] = pd.Series(probs, index=out.index, dtype="float64")
    wanted = set(languages)
    out["analysed"] = [lang is None or lang in wanted for lang in langs]
    return out


def language_table(articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet, language and source: how many articles, and whether they are analysed."""
    frame = articles.assign(lang=articles["lang"].fillna("undetermined"))
    table = (frame.groupby(["outlet", "lang", "lang_source", "analysed"], sort=True)
             .size().rename("n_articles").reset_index())
    return table[list(LANGUAGE_COLUMNS)].astype({"n_articles": "int64", "analysed": bool})
