"""Tokenization: sentences (Punkt trained on the corpus itself) and lower-cased word tokens.

Uses only NLTK parts that need no downloaded data. A word token is a run of
letters or digits, with internal apostrophes kept ("don't"), except that
a possessive "'s" is dropped ("Cuba's" is ``cuba``); hyphens and all other
punctuation split tokens, so "sister-country" is the two tokens
``sister country``. Lexicon entries are tokenized by the same function,
which is what makes matching token-based rather than substring-based.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer, PunktTrainer

__all__ = [
    "TOKEN_PATTERN",
    "word_tokens",
    "train_punkt",
    "punkt_to_dict",
    "punkt_from_dict",
    "sentence_splitter",
    "split_sentences",
    "article_text",
    "tokenize_articles",
]

TOKEN_PATTERN = r"[^\W_]+(?:['\u2019][^\W_]+)*"
_TOKEN = re.compile(TOKEN_PATTERN)
_POSSESSIVE = re.compile(r"'s$")
_PARAGRAPH = re.compile(r"\n\s*\n")


def word_tokens(text: str) -> list[str]:
    """Return the lower-cased word tokens of ``text`` (curly apostrophes made straight)."""
    return [_POSSESSIVE.sub("", t.replace("\u2019", "'")) for t in _TOKEN.findall(text.lower())]


def train_punkt(texts: Iterable[str]) -> PunktParameters:
    """Learn Punkt sentence-boundary parameters (abbreviations, collocations) from ``texts``."""
    trainer = PunktTrainer()
    for text in texts:
        trainer.train(text, finalize=False)
    trainer.finalize_training()
    return trainer.get_params()


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
    params = PunktParameters()
    params.abbrev_types = set(data.get("abbrev_types", ()))
    params.collocations = {tuple(c) for c in data.get("collocations", ())}
    params.sent_starters = set(data.get("sent_starters", ()))
    for key, value in data.get("ortho_context", {}).items():
        params.ortho_context[key] = int(value)
    return params


def sentence_splitter(params: PunktParameters | None = None) -> PunktSentenceTokenizer:
    """Return a Punkt sentence tokenizer with ``params`` (untrained when ``None``)."""
    return PunktSentenceTokenizer(params) if params is not None else PunktSentenceTokenizer()


def split_sentences(text: str, splitter: PunktSentenceTokenizer) -> list[str]:
    """Split ``text`` into sentences: paragraphs first (blank lines), then Punkt."""
    out: list[str] = []
    for para in _PARAGRAPH.split(text):
        para = " ".join(para.split())
        if para:
            out.extend(s for s in splitter.tokenize(para) if s.strip())
    return out


def article_text(title: str | None, text: str, *, include_title: bool) -> str:
    """Return the text that is analysed: the title as its own paragraph, then the body."""
    if include_title and title:
        return f"{title}\n\n{text}"
    return text


def tokenize_articles(
    articles: pd.DataFrame, splitter: PunktSentenceTokenizer, *, include_title: bool = True
) -> pd.DataFrame:
    """Return one row per article: id, outlet, sentences, tokens and their counts.

    A ``weight`` column of ``articles`` (written by the syndication step) is
    passed through unchanged.
    """
    rows = []
    for art in articles.itertuples(index=False):
        text = article_text(art.title, art.text, include_title=include_title)
        sentences = split_sentences(text, splitter)
        tokens = word_tokens(text)
        rows.append({
            "id": art.id, "outlet": art.outlet,
            "n_sentences": len(sentences), "n_tokens": len(tokens),
            "sentences": sentences, "tokens": tokens,
        })
    frame = pd.DataFrame(rows, columns=["id", "outlet", "n_sentences", "n_tokens", "sentences", "tokens"])
    if "weight" in articles.columns:  # syndication weight (1 / cluster size under policy "weight")
        frame["weight"] = articles["weight"].to_numpy(dtype="float64")
    return frame.astype({"n_sentences": "int64", "n_tokens": "int64"})
