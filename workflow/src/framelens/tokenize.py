"""Tokenization: sentences (Punkt trained on the corpus itself, per language) and normalised word tokens.

Uses only NLTK parts that need no downloaded data. A word token is a run of
letters or digits (with any combining accents they carry, so a Russian stress
mark or a decomposed "é" never splits a word), with internal apostrophes kept
("don't"), except that a possessive "'s" is dropped ("Cuba's" is ``cuba``);
hyphens and all other punctuation split tokens, so "sister-country" is the
two tokens ``sister country``. Lexicon entries are tokenized by the same
function, which is what makes matching token-based rather than substring-based.

Normalisation (:func:`fold`) is the same for every language, so it can be
applied identically to text and to lexicon entries of any language: text is
put in Unicode NFC and lower-cased (which case-folds Latin, accented and
Cyrillic letters alike); optionally ``ё`` becomes ``е`` (Russian writes ``ё``
only sometimes) and accents are removed (``país`` -> ``pais``, ``за́мок``
-> ``замок``) except where the accented letter is a letter of its own
(:data:`DISTINCT_LETTERS`: ``ñ``, ``й``, ``ў``, ``ї``, and ``ё`` itself,
which only ``fold_yo`` folds). Both options are off by default.

Sentences are split by a Punkt model trained on the corpus's own text, one
model per language (:func:`train_punkt_by_language`), because abbreviations
("Sr.", "г.", "Dr.") are learned per language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:  # importing nltk loads its whole package (scipy.stats included): ~1-2 s per job
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer, PunktTrainer

__all__ = [
    "TOKEN_PATTERN",
    "article_language",
    "DISTINCT_LETTERS",
    "UNKNOWN_LANGUAGE",
    "fold",
    "normalizer",
    "word_tokens",
    "paragraph_tokens",
    "train_punkt",
    "train_punkt_by_language",
    "punkt_to_dict",
    "punkt_from_dict",
    "sentence_splitter",
    "sentence_splitters",
    "split_sentences",
    "language_key",
    "article_text",
    "tokenize_articles",
]

# Combining marks (Latin/Greek/Cyrillic accents, Cyrillic titlo) belong to the letter before them.
_MARKS = "\u0300-\u036f\u0483-\u0489"
_WORD = rf"(?:[^\W_][{_MARKS}]*)+"
TOKEN_PATTERN = rf"{_WORD}(?:['\u2019]{_WORD})*"
_TOKEN = re.compile(TOKEN_PATTERN)
_POSSESSIVE = re.compile(r"'s$")
_PARAGRAPH = re.compile(r"\n\s*\n")
# NLTK runs Punkt's regexes with a 5 s limit per call; one call on a multi-megabyte line
# times out. Long lines are therefore fed in pieces cut after a sentence end where possible.
_CHUNK_CHARS = 20_000
_CUT = re.compile(r"[.!?][\"')\]\u201d\u2019]*\s")


def _chunks(text: str, size: int = _CHUNK_CHARS) -> list[str]:
    """Cut ``text`` into pieces of at most about ``size`` characters at sentence ends or spaces."""
    if len(text) <= size:
        return [text]
    pieces = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = max((m.end() for m in _CUT.finditer(window, size // 2)), default=-1)
        if cut <= 0:
            cut = window.rfind(" ", size // 2) + 1 or size
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def _training_pieces(text: str) -> list[str]:
    """``text`` itself, or (when a line is too long for one regex call) lines and line pieces."""
    lines = text.split("\n")
    if max(map(len, lines)) <= _CHUNK_CHARS:
        return [text]
    pieces: list[str] = []
    block: list[str] = []
    for line in lines:
        if len(line) <= _CHUNK_CHARS:
            block.append(line)
            continue
        if block:
            pieces.append("\n".join(block))
            block = []
        pieces.extend(_chunks(line))
    if block:
        pieces.append("\n".join(block))
    return pieces

DISTINCT_LETTERS = frozenset("ñÑйЙўЎїЇёЁ")
"""Letters that look accented but are letters of their own; accent folding keeps them."""

UNKNOWN_LANGUAGE = "und"
"""Key used for articles without a ``lang`` (ISO 639-2 "undetermined")."""


@lru_cache(maxsize=None)
def _unaccented(char: str) -> str:
    if char.isascii() or char in DISTINCT_LETTERS:
        return char
    return "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))


def _strip_accents(text: str) -> str:
    return text if text.isascii() else "".join(map(_unaccented, text))


def fold(text: str, *, fold_yo: bool = False, fold_accents: bool = False) -> str:
    """Return ``text`` normalised for matching: NFC, lower-cased, optionally ё->е and accent-free.

    Works on whole texts and on single tokens alike and is idempotent, so
    lexicon entries and article tokens can be folded the same way.
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = text.lower()
    if fold_yo:
        text = text.replace("ё", "е")
    if fold_accents:
        text = _strip_accents(text)
    return text


def normalizer(*, fold_yo: bool = False, fold_accents: bool = False) -> Callable[[str], str]:
    """Return :func:`fold` with these options fixed (for lexicon entries and stems)."""
    return partial(fold, fold_yo=fold_yo, fold_accents=fold_accents)


def word_tokens(text: str, *, fold_yo: bool = False, fold_accents: bool = False) -> list[str]:
    """Return the normalised word tokens of ``text`` (see :func:`fold`; curly apostrophes made straight).

    With the default options tokens are only lower-cased (and NFC-composed).
    """
    folded = fold(text, fold_yo=fold_yo, fold_accents=fold_accents)
    return [_POSSESSIVE.sub("", t.replace("\u2019", "'")) for t in _TOKEN.findall(folded)]


def train_punkt(texts: Iterable[str]) -> PunktParameters:
    """Learn Punkt sentence-boundary parameters (abbreviations, collocations) from ``texts``."""
    from nltk.tokenize.punkt import PunktTrainer

    trainer = PunktTrainer()
    for text in texts:
        for piece in _training_pieces(text):
            trainer.train(piece, finalize=False)
    trainer.finalize_training()
    return trainer.get_params()


def language_key(lang: str | None) -> str:
    """The language an article is grouped under: its ``lang`` or :data:`UNKNOWN_LANGUAGE`."""
    if lang is None or (isinstance(lang, float) and lang != lang) or not str(lang).strip():
        return UNKNOWN_LANGUAGE
    return str(lang).strip().lower()


def train_punkt_by_language(texts: Iterable[tuple[str | None, str]]) -> dict[str, PunktParameters]:
    """Learn one Punkt model per language from ``(lang, text)`` pairs, keyed by :func:`language_key`.

    Each model sees only the text of its own language, so "Sr." is learned from
    Spanish text and "г." from Russian text; keys are sorted.
    """
    from nltk.tokenize.punkt import PunktTrainer

    trainers: dict[str, PunktTrainer] = {}
    for lang, text in texts:
        trainer = trainers.setdefault(language_key(lang), PunktTrainer())
        for piece in _training_pieces(text):
            trainer.train(piece, finalize=False)
    out = {}
    for key in sorted(trainers):
        trainers[key].finalize_training()
        out[key] = trainers[key].get_params()
    return out


def punkt_to_dict(params: PunktParameters) -> dict[str, Any]:
    """Return Punkt parameters as plain, sorted JSON-able data (no pickle)."""
    return {
        "abbrev_types": sorted(params.abbrev_types),
        "collocations": sorted([list(c) for c in params.collocations]),
        "sent_starters": sorted(params.sent_starters),
        "ortho_context": dict(sorted(params.ortho_context.items())),
    }


def punkt_from_dict(data: Mapping[str, Any]) -> PunktParameters:
    """Rebuild Punkt parameters from :func:`punkt_to_dict` output."""
    from nltk.tokenize.punkt import PunktParameters

    params = PunktParameters()
    params.abbrev_types = set(data.get("abbrev_types", ()))
    params.collocations = {tuple(c) for c in data.get("collocations", ())}
    params.sent_starters = set(data.get("sent_starters", ()))
    for key, value in data.get("ortho_context", {}).items():
        params.ortho_context[key] = int(value)
    return params


def sentence_splitter(params: PunktParameters | None = None) -> PunktSentenceTokenizer:
    """Return a Punkt sentence tokenizer with ``params`` (untrained when ``None``)."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    return PunktSentenceTokenizer(params) if params is not None else PunktSentenceTokenizer()


def sentence_splitters(params: Mapping[str, PunktParameters]) -> dict[str, PunktSentenceTokenizer]:
    """Return a Punkt sentence tokenizer per language key."""
    return {key: sentence_splitter(p) for key, p in params.items()}


def split_sentences(text: str, splitter: PunktSentenceTokenizer) -> list[str]:
    """Split ``text`` into sentences: paragraphs first (blank lines), then Punkt."""
    out: list[str] = []
    for para in _PARAGRAPH.split(text):
        para = " ".join(para.split())
        if para:
            for piece in _chunks(para):
                out.extend(s for s in splitter.tokenize(piece) if s.strip())
    return out


def article_text(title: str | None, text: str, *, include_title: bool) -> str:
    """Return the text that is analysed: the title as its own paragraph, then the body.

    A missing title (``None``, or NaN as pandas reads a null string) is left out.
    """
    if include_title and isinstance(title, str) and title:
        return f"{title}\n\n{text}"
    return text


def paragraph_tokens(
    text: str, *, fold_yo: bool = False, fold_accents: bool = False
) -> tuple[list[str], list[int]]:
    """Word tokens of ``text`` and the index of the first token of each paragraph.

    The tokens are exactly :func:`word_tokens` of the whole text (no token
    spans a blank line); the starts let matching stop at paragraph breaks.
    """
    tokens: list[str] = []
    starts: list[int] = []
    for para in _PARAGRAPH.split(text):
        starts.append(len(tokens))
        tokens.extend(word_tokens(para, fold_yo=fold_yo, fold_accents=fold_accents))
    return tokens, starts


def article_language(lang: Any) -> str | None:
    """An article's language as the tokens table records it: a normalised code, or None when unknown."""
    key = language_key(lang)
    return None if key == UNKNOWN_LANGUAGE else key


def tokenize_articles(
    articles: pd.DataFrame,
    splitter: PunktSentenceTokenizer | Mapping[str, PunktSentenceTokenizer],
    *,
    include_title: bool = True,
    fold_yo: bool = False,
    fold_accents: bool = False,
) -> pd.DataFrame:
    """Return one row per article: id, outlet, lang, sentences, tokens and their counts.

    ``splitter`` is one Punkt tokenizer for every article, or a mapping from
    :func:`language_key` to tokenizer (an article whose language has no
    entry is split by an untrained tokenizer). ``lang`` is the article's
    ``lang`` (``None`` when absent), kept for per-language matching. A ``weight`` column of ``articles``
    (written by the syndication step) is passed through unchanged.
    """
    from framelens.fastmatch import fast_paragraph_tokens  # paragraph_tokens, faster (property-tested)

    fallback = sentence_splitter()
    has_lang = "lang" in articles.columns
    rows = []
    for art in articles.itertuples(index=False):
        lang = article_language(getattr(art, "lang", None) if has_lang else None)
        if isinstance(splitter, Mapping):
            split = splitter.get(language_key(lang), fallback)
        else:
            split = splitter
        text = article_text(art.title, art.text, include_title=include_title)
        sentences = split_sentences(text, split)
        tokens, starts = fast_paragraph_tokens(text, fold_yo=fold_yo, fold_accents=fold_accents)
        rows.append({
            "id": art.id, "outlet": art.outlet, "lang": lang,
            "n_sentences": len(sentences), "n_tokens": len(tokens),
            "sentences": sentences, "tokens": tokens, "paragraph_starts": starts,
        })
    columns = ["id", "outlet", "lang", "n_sentences", "n_tokens", "sentences", "tokens", "paragraph_starts"]
    frame = pd.DataFrame(rows, columns=columns)
    if "weight" in articles.columns:  # syndication weight (1 / cluster size under policy "weight")
        frame["weight"] = articles["weight"].to_numpy(dtype="float64")
    return frame.astype({"n_sentences": "int64", "n_tokens": "int64"})
