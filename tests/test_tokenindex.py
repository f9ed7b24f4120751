"""The token index (framelens.tokenindex): tokens as the tokenizer gives them, hits and score tables as the
reference matcher gives them, on hand-worked examples and on generated texts and lexicons."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_fastmatch import (
    NON_ASCII_SEPARATORS, NON_ASCII_WORDS, SEPARATORS, WORDS, lexicon_and_text, reference_by_paragraph, spec,
)

from framelens import io as fio
from framelens.errors import CorpusError, LexiconError
from framelens.fastmatch import spec_from_lexicon
from framelens.lexicon import load_lexicon_text, parse_lexicon
from framelens.score import score_articles
from framelens.tokenindex import BARRIER, IndexMatcher, index_batch, index_texts, score_columns
from framelens.tokenize import paragraph_tokens


def tokens_of(batch, i):
    """Article ``i`` of a batch as the tokenizer's paragraphs (lists of tokens)."""
    vocab = batch.vocab.to_pylist()
    words = [vocab[k] for k in batch.ids[batch.offsets[i]:batch.offsets[i + 1]]]
    assert words[-1] == BARRIER
    paragraphs, current = [], []
    for w in words:
        if w == BARRIER:
            paragraphs.append(current)
            current = []
        else:
            current.append(w)
    return paragraphs


def token_hits(batch, hits, matcher, i):
    """Article ``i``'s hits with positions counted in tokens (barriers left out), as the reference counts them."""
    barriers = np.concatenate([[0], np.cumsum(batch.ids == 0)])
    out = []
    for k in np.flatnonzero(hits.article == i):
        s, e = int(hits.start[k]), int(hits.end[k])
        shift = int(batch.offsets[i]) + int(barriers[s] - barriers[batch.offsets[i]])
        out.append((matcher.categories[hits.category[k]], matcher.entry_texts[hits.entry[k]], s - shift, e - shift,
                    bool(hits.negated[k])))
    return sorted(out)


# --------------------------------------------------------------------------- the index
@pytest.mark.parametrize("texts", [
    ["Cuba's sister-country\n\nSanctions,  not  solidarity.", "", "One", "\n\n\n\nx\n \ny"],
    ["cafe\u0301's Ёлка PAÍS\n\nniño", "It’s O’Brien’s  1990's"],
])
def test_index_holds_the_tokenizers_paragraphs(texts):
    batch = index_texts(texts)
    assert batch.vocab[0].as_py() == BARRIER and batch.n_articles == len(texts)
    for i, text in enumerate(texts):
        tokens, starts = paragraph_tokens(text)
        assert [w for para in tokens_of(batch, i) for w in para] == tokens
        assert batch.n_tokens[i] == len(tokens)
    vocab = batch.vocab.to_pylist()
    assert "" not in {vocab[k] for k in batch.ids}  # runs of spaces leave no empty token


def test_index_batch_rejects_ids_that_do_not_fit_the_vocabulary():
    vocab = pa.array([BARRIER, "a"])
    good = pa.array([[1, 0], [0]], pa.list_(pa.int32()))
    assert index_batch(good, vocab).n_tokens.tolist() == [1, 0]
    with pytest.raises(ValueError, match="outside the batch's vocabulary"):
        index_batch(pa.array([[2, 0]], pa.list_(pa.int32())), vocab)
    with pytest.raises(ValueError, match="does not end with the barrier"):
        index_batch(pa.array([[1, 0], [1]], pa.list_(pa.int32())), vocab)
    with pytest.raises(ValueError, match="first type is not the barrier"):
        index_batch(good, pa.array(["a", BARRIER]))


# --------------------------------------------------------------------------- hand-worked semantics
def test_no_phrase_or_negation_reaches_across_a_paragraph_or_into_the_next_article():
    m = IndexMatcher(spec(("s", ["sister country", "sanction*"], []), window=2, negators=["no"]))
    texts = ["sister\n\ncountry no", "sanctions sister", "country sister country, no sanctions"]
    batch = index_texts(texts)
    hits = m.match(batch, [None] * 3)
    assert token_hits(batch, hits, m, 0) == []  # "sister | country" spans a blank line
    # "no" ends article 0 and "sister" ends article 1: neither reaches into the next article
    assert token_hits(batch, hits, m, 1) == [("s", "sanction*", 0, 1, False)]
    assert token_hits(batch, hits, m, 2) == sorted([("s", "sister country", 1, 3, False),
                                                    ("s", "sanction*", 4, 5, True)])


def test_longest_entry_wins_and_exclusion_spans_block_what_overlaps_them():
    m = IndexMatcher(spec(("war", ["war", "civil war", "war*"], ["civil war crimes"]),
                          ("sis", ["sister*", "sister country"], [])))
    text = "civil war crimes, civil war, warfare; sister countries sister country"
    batch = index_texts([text])
    hits = m.match(batch, ["en"])
    assert token_hits(batch, hits, m, 0) == sorted([
        ("war", "civil war", 3, 5, False), ("war", "war*", 5, 6, False),
        ("sis", "sister*", 6, 7, False), ("sis", "sister country", 8, 10, False)])
    assert hits.excluded_article.tolist() == [0] and hits.excluded_category.tolist() == [0]


def test_stem_and_language_entries_follow_each_articles_language():
    lexicon = load_lexicon_text("categories:\n  s:\n    terms: {en: [~sanction], es: [sanciones]}\n")
    m = IndexMatcher(spec_from_lexicon(lexicon))
    batch = index_texts(["Sanctioned sanctions sanciones", "Sanctioned sanctions sanciones"])
    hits = m.match(batch, ["en", "es"])
    assert token_hits(batch, hits, m, 0) == [("s", "~sanction", 0, 1, False), ("s", "~sanction", 1, 2, False)]
    assert token_hits(batch, hits, m, 1) == [("s", "sanciones", 2, 3, False)]
    with pytest.raises(LexiconError, match="article 'a2' has lang None, which has no Snowball stemmer"):
        IndexMatcher(spec_from_lexicon(load_lexicon_text("categories:\n  s: [~sanction]\n"))).check_languages(
            ["en", None], ["a1", "a2"])


# --------------------------------------------------------------------------- agreement with the reference
@st.composite
def lexicon_and_texts(draw, words=tuple(WORDS), separators=tuple(SEPARATORS), text_words=("SISTER", "Wars")):
    """One lexicon, one to four articles (each with a language)."""
    yaml_text, text, lang = draw(lexicon_and_text(words=words, separators=separators, text_words=text_words))
    articles = [(text, lang)]
    for _ in range(draw(st.integers(0, 3))):
        tokens = draw(st.lists(st.sampled_from(list(words) + list(text_words)), max_size=20))
        articles.append(("".join(tok + draw(st.sampled_from(list(separators))) for tok in tokens),
                         draw(st.sampled_from(["en", "es"]))))
    return yaml_text, articles


def _check_against_reference(yaml_text, articles):
    lexicon = parse_lexicon(yaml_text)
    assume(not [p for p in lexicon.problems if p.level == "error"])
    texts, langs = [t for t, _ in articles], [lang for _, lang in articles]
    matcher = IndexMatcher(spec_from_lexicon(lexicon))
    batch = index_texts(texts)
    hits = matcher.match(batch, langs)
    for i, (text, lang) in enumerate(articles):
        assert token_hits(batch, hits, matcher, i) == reference_by_paragraph(lexicon, text, lang)
    # the score tables: the reference's (score_articles on the tokenizer's paragraphs) row for row
    ids, outlets = [f"a{i}" for i in range(len(texts))], ["o"] * len(texts)
    tokens = [paragraph_tokens(t) for t in texts]
    ref = score_articles(ids, outlets, [t for t, _ in tokens], lexicon, langs=langs,
                         paragraph_starts=[s for _, s in tokens])
    got = score_columns(ids, outlets, batch, hits, matcher)
    for name, frame in (("categories", ref.categories), ("terms", ref.terms), ("articles", ref.articles)):
        table = pa.table(got[name]).to_pandas()
        assert table.columns.tolist() == frame.columns.tolist()
        pd.testing.assert_frame_equal(table, frame, check_exact=True, check_dtype=False)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(lexicon_and_texts())
def test_index_matcher_agrees_with_the_reference(case):
    _check_against_reference(*case)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(lexicon_and_texts(words=NON_ASCII_WORDS, separators=NON_ASCII_SEPARATORS, text_words=("CAFÉ", "Ёлка", "País")))
def test_index_matcher_agrees_with_the_reference_on_accented_text(case):
    _check_against_reference(*case)


@st.composite
def negation_and_breaks(draw):
    """Short articles dense in negators, paragraph breaks and phrases: where windows and phrases meet a
    barrier (a paragraph break, or the end of the article before)."""
    window = draw(st.integers(1, 3))
    entries = draw(st.lists(st.sampled_from(["war", "war*", "civil war", "sister country", "not war", "~war"]),
                            min_size=1, max_size=4, unique=True))
    excludes = draw(st.lists(st.sampled_from(["civil war", "no war"]), max_size=1))
    yaml_text = (f"negation: {{window: {window}, negators: [not, \"no*\"]}}\ncategories:\n  c0:\n"
                 f"    terms: [{', '.join(repr(e) for e in entries)}]\n"
                 + (f"    exclude: [{', '.join(repr(e) for e in excludes)}]\n" if excludes else ""))
    words = ["not", "no", "none", "war", "wars", "civil", "sister", "country", "x"]
    articles = []
    for _ in range(draw(st.integers(1, 4))):
        tokens = draw(st.lists(st.sampled_from(words), max_size=12))
        articles.append(("".join(t + draw(st.sampled_from([" ", "\n\n", ", ", "\n \n"])) for t in tokens), "en"))
    return yaml_text, articles


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(negation_and_breaks())
def test_index_matcher_agrees_with_the_reference_where_windows_and_phrases_meet_a_barrier(case):
    _check_against_reference(*case)


# --------------------------------------------------------------------------- files
def test_index_files_pair_each_batch_with_its_vocabulary(tmp_path):
    tokens, vocab = tmp_path / "tokens.parquet", tmp_path / "vocab.parquet"
    batches = [index_texts(["a b", "b c\n\nd"]), index_texts(["e a"])]
    with fio.token_index_writer(tokens, vocab, metadata={"k": "v"}) as write:
        for n, b in enumerate(batches):
            lists = pa.ListArray.from_arrays(pa.array(b.offsets.astype(np.int32)), pa.array(b.ids))
            write(pa.table({"id": [f"{n}-{i}" for i in range(b.n_articles)], "outlet": ["o"] * b.n_articles,
                            "lang": [None] * b.n_articles, "tokens": lists}), b.vocab)
    read = list(fio.iter_token_index(tokens, vocab))
    assert [t["id"].to_pylist() for t, _ in read] == [["0-0", "0-1"], ["1-0"]]
    for (table, types), b in zip(read, batches):
        again = index_batch(table["tokens"], types)
        assert again.vocab.equals(b.vocab) and (again.ids == b.ids).all() and (again.offsets == b.offsets).all()
    assert fio.parquet_metadata(tokens)["k"] == "v"
    with fio.token_index_writer(tmp_path / "other.parquet", tmp_path / "other_vocab.parquet") as write:
        b = batches[1]
        write(pa.table({"id": ["x"], "outlet": ["o"], "lang": [None],
                        "tokens": pa.ListArray.from_arrays(pa.array(b.offsets.astype(np.int32)), pa.array(b.ids))}),
              b.vocab)
    with pytest.raises(CorpusError, match="were not written together"):
        list(fio.iter_token_index(tokens, tmp_path / "other_vocab.parquet"))
