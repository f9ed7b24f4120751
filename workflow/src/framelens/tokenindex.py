"""A token index: each article's tokens as ids into a vocabulary, built once, matched against any lexicon.

The ``index`` step normalises and tokenizes every article of a shard once (as
:func:`framelens.fastmatch.normalized_bytes` does for one-pass matching) and
stores, per batch of articles, the batch's *vocabulary* (its distinct token
types) and each article's tokens as ids into it. A lexicon edit then re-scores
the shard from the index: the lexicon's words are looked up in the vocabulary
(tens of thousands of types, not millions of tokens), numpy finds where the
matching types occur, and the semantics (longest match, exclusion spans,
negation, paragraph breaks) are applied to those positions only.

Layout of a batch (:class:`IndexBatch`): ``ids`` is one flat ``int32`` array
holding the articles one after the other. Id 0 is the *barrier* (the type
``"\\x00"``): it stands at each paragraph break and after each article. A
barrier matches no lexicon word, so no phrase reaches across it, and the
negation window stops at it; that is exactly the reference's per-paragraph
matching (:func:`framelens.matcher.match_article` on each paragraph). Positions
below are positions in ``ids`` (barriers included); hit spans never contain a
barrier, so their lengths are token counts.

The semantics are those of :mod:`framelens.fastmatch` (its module docstring);
a property test checks that :class:`IndexMatcher` agrees with the reference on
generated texts and lexicons.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from framelens.fastmatch import (
    EXACT, GLOB, STEM, FastMatcher, MatcherSpec, _Cand, _check_stems, _LangTables, normalized_bytes,
)
from framelens.tokenize import paragraph_tokens

__all__ = ["BARRIER", "IndexBatch", "BatchHits", "IndexMatcher", "index_batch", "index_texts", "score_columns"]

BARRIER = "\x00"


@dataclass(frozen=True)
class IndexBatch:
    """The token index of a batch of articles.

    ``vocab``: the distinct token types (``vocab[0]`` is :data:`BARRIER`);
    ``ids``: every article's token ids, one after the other, a barrier at each
    paragraph break and after each article; ``offsets``: article ``i`` is
    ``ids[offsets[i]:offsets[i + 1]]`` (its trailing barrier included);
    ``n_tokens``: tokens per article (barriers not counted).
    """

    vocab: pa.Array
    ids: np.ndarray
    offsets: np.ndarray

    @property
    def n_articles(self) -> int:
        return len(self.offsets) - 1

    @property
    def n_tokens(self) -> np.ndarray:
        """Tokens per article (barriers not counted)."""
        barriers = np.searchsorted(self.offsets[1:], np.flatnonzero(self.ids == 0), side="right")
        return np.diff(self.offsets) - np.bincount(barriers, minlength=self.n_articles)


def _article_bytes(text: str, *, fold_yo: bool, fold_accents: bool) -> bytes:
    """The article's tokens separated by spaces, ``\\x00`` at each paragraph break and at the end."""
    data = normalized_bytes(text, fold_yo=fold_yo, fold_accents=fold_accents, paragraphs=True)
    if data is None:  # combining marks: the general tokenizer, as FastMatcher.match_text does
        tokens, starts = paragraph_tokens(text, fold_yo=fold_yo, fold_accents=fold_accents)
        bounds = [*starts, len(tokens)] if starts else [0, len(tokens)]
        data = " \x00 ".join(" ".join(tokens[a:b]) for a, b in zip(bounds[:-1], bounds[1:])).encode()
    return data + b" \x00 "


def index_texts(texts: Sequence[str], *, fold_yo: bool = False, fold_accents: bool = False) -> IndexBatch:
    """Tokenize ``texts`` as :func:`framelens.tokenize.paragraph_tokens` does and index the batch."""
    data = [_article_bytes(t, fold_yo=fold_yo, fold_accents=fold_accents) for t in texts]
    # The bytes start with a barrier token (so that it is the first type: id 0) and end with a space.
    head = b" \x00 "
    ends = np.cumsum([len(head), *(len(d) for d in data)], dtype=np.int64)[1:]  # each article's last byte + 1
    codes = np.frombuffer(b"".join([head, *data]), np.uint8)
    del data
    # Every byte is a space (separator), a NUL (the barrier, a one-byte token) or part of a token.
    token = codes != 32
    step = np.subtract(token[1:].view(np.int8), token[:-1].view(np.int8))
    starts = (np.flatnonzero(step == 1) + 1).astype(np.int32)  # each token's bytes: [start, stop)
    lengths = (np.flatnonzero(step == -1) + 1).astype(np.int32) - starts
    del step
    offsets = np.zeros(len(starts) + 1, np.int32)
    np.cumsum(lengths, out=offsets[1:])
    del lengths
    chars = codes[token]  # the tokens' bytes, separators removed
    del token
    encoded = pc.dictionary_encode(pa.StringArray.from_buffers(len(starts), pa.py_buffer(offsets), pa.py_buffer(chars)))
    del chars, offsets
    bounds = np.searchsorted(starts, ends) - 1  # tokens before each article's end, the head's barrier left out
    return IndexBatch(vocab=encoded.dictionary, ids=encoded.indices.to_numpy()[1:],
                      offsets=np.concatenate([[0], bounds]))


def index_batch(tokens: pa.Array | pa.ChunkedArray, vocab: pa.Array) -> IndexBatch:
    """An :class:`IndexBatch` from a stored batch: its articles' token ids (a list array) and its vocabulary.

    Raises ``ValueError`` when they do not fit together (an id outside the
    vocabulary, a vocabulary without the barrier first, an article not ended by one).
    """
    if isinstance(tokens, pa.ChunkedArray):
        tokens = tokens.combine_chunks()
    offsets = tokens.offsets.to_numpy().astype(np.int64)
    ids = tokens.values.to_numpy(zero_copy_only=False)[offsets[0]:offsets[-1]].astype(np.int32, copy=False)
    offsets = offsets - offsets[0]
    if not len(vocab) or vocab[0].as_py() != BARRIER:
        raise ValueError("not a token index vocabulary: its first type is not the barrier")
    if len(ids) and (ids.min() < 0 or ids.max() >= len(vocab)):
        raise ValueError(f"token ids outside the batch's vocabulary of {len(vocab)} types")
    lengths = np.diff(offsets)
    if (lengths < 1).any() or (ids[offsets[1:] - 1] != 0).any():
        raise ValueError("an article of the token index does not end with the barrier")
    return IndexBatch(vocab=vocab, ids=ids, offsets=offsets)


@dataclass(frozen=True)
class BatchHits:
    """The hits and exclusion spans of a batch, as arrays (positions in :attr:`IndexBatch.ids`).

    Hits: ``article``, ``category`` (index into the lexicon's categories),
    ``entry`` (index into :attr:`IndexMatcher.entry_texts`), ``start``,
    ``end`` and ``negated``. Exclusion spans: ``excluded_article`` and
    ``excluded_category``.
    """

    article: np.ndarray
    category: np.ndarray
    entry: np.ndarray
    start: np.ndarray
    end: np.ndarray
    negated: np.ndarray
    excluded_article: np.ndarray
    excluded_category: np.ndarray


_I64 = np.empty(0, np.int64)


class IndexMatcher:
    """A compiled lexicon that matches :class:`IndexBatch` es (reuse it across batches; one per process)."""

    def __init__(self, spec: MatcherSpec, *, stemmer: Callable[[str | None], Callable[[str], str] | None] | None = None
                 ) -> None:
        self._fast = FastMatcher(spec, stemmer=stemmer)
        self.categories = self._fast.categories
        texts: dict[str, int] = {}
        for cand in self._fast._cands:
            texts.setdefault(cand.pattern.text, len(texts))
        self.entry_texts: tuple[str, ...] = tuple(texts)
        self._entry_id = texts
        self.window = self._fast.window
        self._check = _check_stems(self._fast)
        self._checked: set[str | None] = set()

    def check_languages(self, langs: Sequence[str | None], ids: Sequence[str]) -> None:
        """Raise :class:`framelens.errors.LexiconError` like the reference when stem entries apply to an
        article whose language has no Snowball stemmer."""
        for lang in set(langs) - self._checked:
            self._check(lang, ids[list(langs).index(lang)])
            self._checked.add(lang)

    def _tables(self, lang: str | None) -> _LangTables:
        return self._fast._lang(lang)

    def _applicable(self, t: _LangTables) -> list[_Cand]:
        return [c for c in self._fast._cands
                if (c.pattern.lang is None or c.pattern.lang == t.lang) and not (STEM in c.pattern.kinds and t.stem is None)]

    def match(self, batch: IndexBatch, langs: Sequence[str | None]) -> BatchHits:
        """Every hit and exclusion span of the batch; ``langs`` holds each article's language."""
        if len(langs) != batch.n_articles:
            raise ValueError(f"{len(langs)} languages for {batch.n_articles} articles")
        vocab = batch.vocab
        words = _VocabWords(vocab)
        longest = max((c.length for c in self._fast._cands), default=1)
        ids = np.concatenate([batch.ids, np.zeros(longest, np.int32)])  # P + k stays in range
        n = len(batch.ids)
        distinct = sorted(set(langs), key=lambda x: (x is not None, x or ""))
        position_lang = None
        if len(distinct) > 1:
            code = {lang: i for i, lang in enumerate(distinct)}
            position_lang = np.repeat(np.array([code[x] for x in langs], np.int16), np.diff(batch.offsets))
        parts: list[tuple[np.ndarray, ...]] = []
        excluded: list[tuple[np.ndarray, np.ndarray]] = []
        for li, lang in enumerate(distinct):
            t = self._tables(lang)
            cands = self._applicable(t)
            if not cands:
                continue
            first = np.zeros(len(vocab), bool)
            for c in cands:
                first |= words.mask(c.pattern.words[0], c.pattern.kinds[0], t)
            sites = np.flatnonzero(first[ids[:n]])
            if position_lang is not None:
                sites = sites[position_lang[sites] == li]
            if not len(sites):
                continue
            site_types = ids[sites]
            at = {c: self._matches(c, sites, site_types, ids, words, t) for c in cands}
            hit_parts = []
            for ci in range(len(self.categories)):
                ex = sorted((c for c in cands if c.cat == ci and c.exclude), key=lambda c: c.rank)
                starts, ends = _greedy(*_best([(at[c], c.length, 0) for c in ex])) if ex else (_I64, _I64)
                if len(starts):
                    excluded.append((starts, np.full(len(starts), ci, np.int32)))
                en = sorted((c for c in cands if c.cat == ci and not c.exclude), key=lambda c: c.rank)
                found = []
                for c in en:
                    pos = at[c]
                    if len(starts) and len(pos):
                        j = np.searchsorted(ends, pos, side="right")  # first span ending after pos
                        jj = np.minimum(j, len(starts) - 1)
                        pos = pos[~((j < len(starts)) & (starts[jj] < pos + c.length))]
                    found.append((pos, c.length, self._entry_id[c.pattern.text]))
                hs, he, entry = _greedy(*_best(found), with_entry=True)
                hit_parts.append((hs, he, entry, np.full(len(hs), ci, np.int32)))
            hs = np.concatenate([h[0] for h in hit_parts])
            negated = self._negated(hs, ids, words, t)
            parts.append((hs, np.concatenate([h[1] for h in hit_parts]), np.concatenate([h[2] for h in hit_parts]),
                          np.concatenate([h[3] for h in hit_parts]), negated))
        if parts:
            start, end, entry, cat, negated = (np.concatenate([p[k] for p in parts]) for k in range(5))
        else:
            start = end = entry = _I64
            cat = np.empty(0, np.int32)
            negated = np.empty(0, bool)
        ex_start = np.concatenate([e[0] for e in excluded]) if excluded else _I64
        ex_cat = np.concatenate([e[1] for e in excluded]) if excluded else np.empty(0, np.int32)
        article_of = batch.offsets[1:]
        return BatchHits(
            article=np.searchsorted(article_of, start, side="right"), category=cat, entry=entry,
            start=start, end=end, negated=negated,
            excluded_article=np.searchsorted(article_of, ex_start, side="right"), excluded_category=ex_cat)

    @staticmethod
    def _matches(c: _Cand, sites: np.ndarray, site_types: np.ndarray, ids: np.ndarray, words: _VocabWords,
                 t: _LangTables) -> np.ndarray:
        """The sites where every word of ``c`` matches (none of them can be a barrier)."""
        pos = sites[words.mask(c.pattern.words[0], c.pattern.kinds[0], t)[site_types]]
        for k, word, kind in c.rest:
            if not len(pos):
                break
            pos = pos[words.mask(word, kind, t)[ids[pos + k]]]
        return pos

    def _negated(self, starts: np.ndarray, ids: np.ndarray, words: _VocabWords, t: _LangTables) -> np.ndarray:
        """Whether a negator is among the ``window`` tokens before each start (stopping at a barrier)."""
        negated = np.zeros(len(starts), bool)
        if not self.window or not len(starts):
            return negated
        negators = np.zeros(len(words.vocab), bool)
        for p in t.neg_patterns:
            if len(p.words) == 1 and not (p.kinds[0] == STEM and t.stem is None):
                negators |= words.mask(p.words[0], p.kinds[0], t)
        blocked = np.zeros(len(starts), bool)
        for k in range(1, self.window + 1):
            before = starts - k
            tok = ids[np.maximum(before, 0)]
            blocked |= (before < 0) | (tok == 0)
            negated |= ~blocked & negators[tok]
        return negated


class _VocabWords:
    """Which vocabulary types each lexicon word matches (boolean masks over the vocabulary, cached)."""

    def __init__(self, vocab: pa.Array) -> None:
        self.vocab = vocab
        self._masks: dict[tuple[str, int, str | None], np.ndarray] = {}
        self._stems: dict[str | None, np.ndarray] = {}

    def mask(self, word: str, kind: int, t: _LangTables) -> np.ndarray:
        key = (word, kind, t.lang if kind == STEM else None)
        mask = self._masks.get(key)
        if mask is None:
            if kind == EXACT:  # a type occurs once in a vocabulary
                mask = np.zeros(len(self.vocab), bool)
                i = pc.index(self.vocab, word).as_py()
                if i >= 0:
                    mask[i] = True
            elif kind == GLOB:
                mask = pc.starts_with(self.vocab, pattern=word).to_numpy(zero_copy_only=False).copy()
            else:
                stems = self._stems.get(t.lang)
                if stems is None:
                    stems = self._stems[t.lang] = np.array([t.stem_of(w) for w in self.vocab.to_pylist()], object)
                mask = stems == t.stem_of(word)
            mask[0] = False  # the barrier matches nothing
            self._masks[key] = mask
        return mask


def _best(found: list[tuple[np.ndarray, int, int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per position, the first of ``found`` (``(positions, length, entry)``, best first) that matches there."""
    if not found:
        return _I64, _I64, _I64
    pos = np.concatenate([f[0] for f in found]).astype(np.int64, copy=False)
    rank = np.concatenate([np.full(len(f[0]), i, np.int64) for i, f in enumerate(found)])
    order = np.lexsort((rank, pos))
    pos, rank = pos[order], rank[order]
    first = np.ones(len(pos), bool)
    first[1:] = pos[1:] != pos[:-1]
    pos, rank = pos[first], rank[first]
    lengths = np.array([f[1] for f in found], np.int64)[rank]
    entries = np.array([f[2] for f in found], np.int64)[rank]
    return pos, lengths, entries


def _greedy(pos: np.ndarray, lengths: np.ndarray, entries: np.ndarray, *, with_entry: bool = False):
    """Left to right, a position inside an earlier accepted span is skipped: ``(starts, ends[, entries])``."""
    ends = pos + lengths
    if len(pos) and (lengths > 1).any():
        keep = np.zeros(len(pos), bool)
        free = -1
        for i, (p, e) in enumerate(zip(pos.tolist(), ends.tolist())):
            if p >= free:
                keep[i] = True
                free = e
        pos, ends, entries = pos[keep], ends[keep], entries[keep]
    return (pos, ends, entries) if with_entry else (pos, ends)


def score_columns(ids: Sequence[str], outlets: Sequence[str], batch: IndexBatch, hits: BatchHits,
                  matcher: IndexMatcher) -> dict[str, dict[str, pa.Array]]:
    """The three score tables of a batch as Arrow columns, equal to :func:`framelens.score.score_text_rows`'.

    Returns ``{"categories": {column: array}, "terms": ..., "articles": ...}`` with
    the columns of :data:`framelens.score.CATEGORY_COLUMNS`, ``TERM_COLUMNS`` and
    ``ARTICLE_COLUMNS``, the values :func:`framelens.score.article_rows` gives row by
    row (a property test checks them against the reference's tables).
    """
    n_art, n_cat = batch.n_articles, len(matcher.categories)
    texts = matcher.entry_texts
    n_ent = max(len(texts), 1)
    n_tokens = batch.n_tokens.astype(np.int64)
    id_arr, outlet_arr = pa.array(ids, pa.string()), pa.array(outlets, pa.string())
    names = pa.array(matcher.categories, pa.string())
    text_rank = np.empty(len(texts), np.int64)
    text_rank[sorted(range(len(texts)), key=texts.__getitem__)] = np.arange(len(texts))
    by_rank = np.argsort(text_rank) if len(texts) else np.empty(0, np.int64)  # rank -> entry

    # per (article, category, entry): counted and negated hits
    cell = hits.article.astype(np.int64) * n_cat + hits.category
    key = cell * n_ent + (text_rank[hits.entry] if len(hits.entry) else hits.entry)
    keys, inverse = np.unique(key, return_inverse=True)
    n = np.bincount(inverse, weights=~hits.negated, minlength=len(keys)).astype(np.int64)
    nn = np.bincount(inverse, weights=hits.negated, minlength=len(keys)).astype(np.int64)
    g_cell, g_entry = keys // n_ent, by_rank[keys % n_ent] if len(keys) else keys
    # term rows: per cell, most counted first, then most negated, then by entry;
    # the terms column lists the counted entries, most counted first, then by entry
    rank = keys % n_ent
    counted = n > 0
    listed = np.lexsort((rank[counted], -n[counted], g_cell[counted]))
    t_cell, t_entry, t_n = (x[counted][listed].tolist() for x in (g_cell, g_entry, n))
    order = np.lexsort((rank, -nn, -n, g_cell))
    g_cell, g_entry, n, nn = g_cell[order], g_entry[order], n[order], nn[order]
    cells = n_art * n_cat
    count = np.bincount(g_cell, weights=n, minlength=cells).astype(np.int64)
    negated = np.bincount(g_cell, weights=nn, minlength=cells).astype(np.int64)
    excluded = np.bincount(hits.excluded_article.astype(np.int64) * n_cat + hits.excluded_category,
                           minlength=cells).astype(np.int64)
    cell_tokens = np.repeat(n_tokens, n_cat)
    rate = np.zeros(cells)
    has = cell_tokens > 0
    rate[has] = 1000.0 * count[has] / cell_tokens[has]
    terms = [""] * cells
    if t_cell:
        start = 0
        for i in range(1, len(t_cell) + 1):
            if i == len(t_cell) or t_cell[i] != t_cell[start]:
                terms[t_cell[start]] = "; ".join([f"{texts[e]} ({k})" for e, k in zip(t_entry[start:i], t_n[start:i])])
                start = i
    art_of_cell = np.repeat(np.arange(n_art), n_cat)
    cat_of_cell = np.tile(np.arange(n_cat), n_art)
    categories = {"id": id_arr.take(art_of_cell), "outlet": outlet_arr.take(art_of_cell),
                  "category": names.take(cat_of_cell), "count": count, "negated": negated, "excluded": excluded,
                  "rate": rate, "terms": pa.array(terms, pa.string())}
    term_art = g_cell // n_cat
    term_rows = {"id": id_arr.take(term_art), "outlet": outlet_arr.take(term_art),
                 "category": names.take(g_cell % n_cat), "entry": pa.array(texts, pa.string()).take(g_entry),
                 "n": n, "n_negated": nn}
    # tokens inside counted hits: the union of their spans (spans of one article never reach the next)
    keep = ~hits.negated
    s, e, a = hits.start[keep], hits.end[keep], hits.article[keep]
    order = np.lexsort((e, s))
    s, e, a = s[order], e[order], a[order]
    reach = np.maximum.accumulate(np.concatenate([[0], e]))[:-1]
    covered = np.bincount(a, weights=np.maximum(0, e - np.maximum(s, reach)), minlength=n_art).astype(np.int64)
    coverage = np.zeros(n_art)
    some = n_tokens > 0
    coverage[some] = covered[some] / n_tokens[some]
    articles = {"id": id_arr, "outlet": outlet_arr, "n_tokens": n_tokens, "matched_tokens": covered,
                "coverage": coverage}
    return {"categories": categories, "terms": term_rows, "articles": articles}

