"""The fast matcher: hand-checked examples of the full semantics, and agreement with the reference."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from framelens.errors import LexiconError
from framelens.fastmatch import (
    EXACT, GLOB, STEM, CategorySpec, MatcherSpec, NegationSpec, PatternSpec, article_matcher, compile_matcher,
    fast_paragraph_tokens, fast_word_tokens, spec_from_lexicon,
)
from framelens.lexicon import load_lexicon_text, parse_lexicon
from framelens.matcher import match_article
from framelens.score import split_paragraphs
from framelens.tokenize import paragraph_tokens, word_tokens


def pat(text: str, lang: str | None = None) -> PatternSpec:
    """Parse an entry the way the spec writes it: word, word*, ~word."""
    words, kinds = [], []
    for w in text.split():
        kind = STEM if w.startswith("~") else GLOB if w.endswith("*") else EXACT
        words.append(w.strip("~*").lower())
        kinds.append(kind)
    return PatternSpec(text, tuple(words), tuple(kinds), lang)


def spec(*cats, window=0, negators=()):
    return MatcherSpec(
        categories=tuple(CategorySpec(name, tuple(pat(e) if isinstance(e, str) else e for e in entries),
                                      tuple(pat(e) for e in excludes)) for name, entries, excludes in cats),
        negation=NegationSpec(window, tuple(pat(n) if isinstance(n, str) else n for n in negators)),
    )


def hits(matcher, text, lang=None):
    return [(h.category, h.entry, h.start, h.end, h.negated) for h in matcher.match_text(text, lang=lang).hits]


# --------------------------------------------------------------------------- tokenizer
@pytest.mark.parametrize("text", [
    "Cuba's sister-country", "It’s O’Brien’s", "a's's b''s 's x_y_'s", "İstanbul ΣΟΦΊΑ's", "1990's don't",
    "snake_case_'s and _under", "dog's' dog''s", "", "cafe\u0301's Ёлка PAÍS", "a\u0301\u0301b's",
])
def test_fast_tokens_equal_word_tokens_on_tricky_text(text):
    assert fast_word_tokens(text) == word_tokens(text)
    for fy in (False, True):
        assert fast_word_tokens(text, fold_yo=fy, fold_accents=True) == word_tokens(text, fold_yo=fy, fold_accents=True)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aAsS'’_ -.é1İΣ\n\u0301ёÍ")), max_size=40))
def test_fast_tokens_equal_word_tokens_property(text):
    assert fast_word_tokens(text) == word_tokens(text)


# Characters that exercise every branch of the byte tokenizer: ASCII words and punctuation,
# apostrophes (straight and curly), underscores, separators folding leaves alone (curly quotes,
# dashes, no-break space, ellipsis, guillemets), letters that need folding (É, İ, Σ, ё, ß),
# combining marks, NUL and other control characters, paragraph breaks (with odd whitespace).
TRICKY = list("aAbsS's’_ -.,;1\n\n\t\r\x00\x01\x1c\u2028\x85") + [
    "\u201c", "\u201d", "\u2014", "\u2013", "\u00a0", "\u2026", "\u00ab", "\u00bb", "\u2018",
    "\u203f", "\u00b5", "\u00aa", "\u2000", "é", "É", "İ", "Σ", "ё", "Ё", "ß", "ñ", "\u0301", "\u0591", "д"]


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=60), st.booleans(), st.booleans())
def test_fast_tokenizer_equals_the_regex_tokenizer_on_tricky_characters(text, fold_yo, fold_accents):
    norm = {"fold_yo": fold_yo, "fold_accents": fold_accents}
    assert fast_word_tokens(text, **norm) == word_tokens(text, **norm)
    assert fast_paragraph_tokens(text, **norm) == paragraph_tokens(text, **norm)


def test_paragraph_tokens_mark_blank_lines_only():
    text = "Cuba’s ally.\n\nSister\n country\n \t\nEnd\n.\nx"
    assert fast_paragraph_tokens(text) == (["cuba", "ally", "sister", "country", "end", "x"], [0, 2, 4])


# --------------------------------------------------------------------------- full semantics, by hand
def test_longest_then_fewer_globs_then_listed_first():
    m = compile_matcher(spec(("a", ["sister*", "sister country", "sister countr*"], [])))
    # at 0 both 2-word entries match; "sister country" has fewer globs
    assert hits(m, "sister country sisters") == [("a", "sister country", 0, 2, False), ("a", "sister*", 2, 3, False)]


def test_exclusion_spans_block_overlapping_hits_and_are_counted():
    m = compile_matcher(spec(("s", ["sanction*", "referee"], ["sanctioned by the referee"])))
    r = m.match_text("Sanctioned by the referee. New sanctions.")
    # tokens: sanctioned by the referee new sanctions -> [0,4) excluded; "referee" at 3 overlaps it
    assert [(h.entry, h.start) for h in r.hits] == [("sanction*", 5)]
    assert r.excluded == {"s": 1}


def test_exclusion_only_blocks_overlapping_entries():
    # "sister country" overlaps the excluded "country club"; "sister" alone at 0 does not
    m = compile_matcher(spec(("k", ["sister country", "sister"], ["country club"])))
    assert hits(m, "sister country club") == [("k", "sister", 0, 1, False)]


def test_negation_window_marks_hits_but_still_consumes_them():
    m = compile_matcher(spec(("s", ["solidarity", "solidarity with cuba"], []), window=2,
                             negators=["not", "never"]))
    text = "not in solidarity with Cuba ; we never stood by them , solidarity"
    # tokens: not(0) in(1) solidarity(2) with cuba we never(6) stood by(8) them(9) solidarity(10)
    assert hits(m, text) == [("s", "solidarity with cuba", 2, 5, True), ("s", "solidarity", 10, 11, False)]


def test_negation_window_boundary_is_exclusive_of_older_tokens():
    m = compile_matcher(spec(("s", ["blockade"], []), window=1, negators=["no*"]))
    assert hits(m, "no more blockade. nothing blockade") == [
        ("s", "blockade", 2, 3, False), ("s", "blockade", 4, 5, True)]


def test_stem_entries_use_the_article_language():
    m = compile_matcher(spec(("s", ["~sanctioning"], [])))
    # English Snowball: sanctions, sanctioned, sanctioning -> "sanction"
    assert [h.start for h in m.match_text("sanctions were sanctioned; sanction", lang="en").hits] == [0, 2, 3]
    # an article without a language (or one without a stemmer) cannot match stem entries
    assert m.match_text("sanctions", lang=None).hits == ()
    assert m.match_text("sanctions", lang="xx").hits == ()


def test_per_language_entries_apply_only_to_that_language():
    m = compile_matcher(spec(("b", [pat("blockade", "en"), pat("bloqueo", "es"), "embargo"], [])))
    assert [h.entry for h in m.match_text("bloqueo blockade embargo", lang="es").hits] == ["bloqueo", "embargo"]
    assert [h.entry for h in m.match_text("bloqueo blockade embargo", lang="en").hits] == ["blockade", "embargo"]
    assert [h.entry for h in m.match_text("bloqueo blockade embargo", lang=None).hits] == ["embargo"]


def test_categories_are_independent_and_ordered_by_position_then_category():
    m = compile_matcher(spec(("parent", ["blockade", "sanction*"], []), ("parent/child", ["blockade"], [])))
    assert hits(m, "sanctions and blockade") == [
        ("parent", "sanction*", 0, 1, False), ("parent", "blockade", 2, 3, False),
        ("parent/child", "blockade", 2, 3, False)]


def test_multiword_with_glob_and_stem_words():
    m = compile_matcher(spec(("c", ["unilateral ~coercion measure*"], [])))
    assert hits(m, "Unilateral coercive measures", lang="en") == []  # stem(coercive) != stem(coercion)
    assert hits(m, "unilateral coercions measures", lang="en") == [("c", "unilateral ~coercion measure*", 0, 3, False)]


def test_entry_running_past_the_end_does_not_match():
    m = compile_matcher(spec(("k", ["sister country"], [])))
    assert hits(m, "my sister") == []


def test_empty_category_is_an_error():
    with pytest.raises(LexiconError, match="category 'x' has no entries"):
        compile_matcher(spec(("x", [], [])))


def test_adapter_reads_the_lexicon_dataclasses():
    lex = load_lexicon_text("negation: {window: 2, negators: [not]}\ncategories:\n"
                            "  s:\n    terms: [sanction*, sister country]\n    exclude: [sanction list]\n"
                            "    categories:\n      b: {terms: {en: [~blockade]}}\n")
    got = spec_from_lexicon(lex)
    assert [c.name for c in got.categories] == ["s", "s/b"]
    assert got.categories[0].entries[0] == PatternSpec("sanction*", ("sanction",), (GLOB,), None)
    assert got.categories[0].entries[1].kinds == (EXACT, EXACT)
    assert got.categories[0].entries[2] == PatternSpec("~blockade", ("blockade",), (STEM,), "en")
    assert got.categories[0].excludes[0].words == ("sanction", "list")
    assert got.negation.window == 2 and got.negation.negators[0].words == ("not",)


# --------------------------------------------------------------------------- agreement with the reference
WORDS = ["a", "ab", "abc", "b", "sister", "country", "war", "wars", "running", "runs", "not", "no"]
SEPARATORS = [" ", " ", " ", "-", ", ", "'s ", "’s ", ". ", "\n\n"]


def _entry(draw, allow_stem: bool, vocabulary: list[str] = WORDS) -> str:
    words = []
    for _ in range(draw(st.integers(1, 3))):
        w = draw(st.sampled_from(vocabulary))
        kind = draw(st.sampled_from(["", "", "*", "~"] if allow_stem else ["", "", "*"]))
        words.append("~" + w if kind == "~" else w + kind)
    return " ".join(words)


def _terms(draw, n_max: int, vocabulary: list[str] = WORDS) -> str:
    if draw(st.booleans()):  # list form: every language
        return "[" + ", ".join(f'"{_entry(draw, True, vocabulary)}"' for _ in range(draw(st.integers(1, n_max)))) + "]"
    per_lang = {lang: [_entry(draw, True, vocabulary) for _ in range(draw(st.integers(1, n_max)))]
                for lang in ("en", "es") if draw(st.booleans())} or {"en": [_entry(draw, True, vocabulary)]}
    return "{" + ", ".join(f"{k}: [" + ", ".join(f'"{e}"' for e in v) + "]" for k, v in per_lang.items()) + "}"


@st.composite
def lexicon_and_text(draw, words=tuple(WORDS), separators=tuple(SEPARATORS), text_words=("SISTER", "Wars")):
    words = list(words)
    lines = []
    if draw(st.booleans()):
        lines.append(f"negation: {{window: {draw(st.integers(1, 3))}, negators: [not, \"no*\"]}}")
    lines.append("categories:")
    for c in range(draw(st.integers(1, 3))):
        lines.append(f"  c{c}:")
        lines.append(f"    terms: {_terms(draw, 4, words)}")
        if draw(st.booleans()):
            lines.append("    exclude: [" + ", ".join(f'"{_entry(draw, False, words)}"'
                                                   for _ in range(draw(st.integers(1, 2)))) + "]")
        if draw(st.booleans()):
            lines.append("    categories:")
            lines.append(f"      k: {{terms: {_terms(draw, 2, words)}}}")
    tokens = draw(st.lists(st.sampled_from(words + list(text_words)), max_size=30))
    text = "".join(tok + draw(st.sampled_from(list(separators))) for tok in tokens)
    lang = draw(st.sampled_from(["en", "es"]))
    return "\n".join(lines) + "\n", text, lang


def reference_by_paragraph(lexicon, text, lang):
    """The reference matcher on each paragraph of ``text``, positions counted over the whole text (sorted)."""
    tokens, starts = paragraph_tokens(text)
    expected, offset = [], 0
    for para in split_paragraphs(tokens, starts):
        found = match_article(lexicon, para, lang=lang)
        expected += [(m.category, m.entry, m.start + offset, m.end + offset, m.negated) for m in found.hits]
        offset += len(para)
    return sorted(expected)


def _as_tuples(found):
    return ([(m.category, m.entry, m.start, m.end, m.negated) for m in found.hits],
            [(x.category, x.entry, x.start, x.end) for x in found.exclusions])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(lexicon_and_text())
def test_fast_matcher_agrees_with_reference(case):
    yaml_text, text, lang = case
    lexicon = parse_lexicon(yaml_text)
    assume(not [p for p in lexicon.problems if p.level == "error"])
    tokens = word_tokens(text)
    expected = _as_tuples(match_article(lexicon, tokens, lang=lang))
    fast = article_matcher(lexicon)
    assert _as_tuples(fast(lexicon, tokens, lang=lang)) == expected
    found = compile_matcher(lexicon).match_text(text, lang=lang)
    assert found.n_tokens == len(tokens)
    assert sorted((h.category, h.entry, h.start, h.end, h.negated) for h in found.hits) == sorted(expected[0])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(lexicon_and_text())
def test_matching_text_by_paragraph_agrees_with_the_reference_on_each_paragraph(case):
    """match_text(paragraphs=True) = the reference run on each paragraph, positions counted over the text."""
    yaml_text, text, lang = case
    lexicon = parse_lexicon(yaml_text)
    assume(not [p for p in lexicon.problems if p.level == "error"])
    tokens, starts = paragraph_tokens(text)
    expected = reference_by_paragraph(lexicon, text, lang)
    got = compile_matcher(lexicon).match_text(text, lang=lang, paragraphs=True)
    assert got.n_tokens == len(tokens)
    assert sorted((h.category, h.entry, h.start, h.end, h.negated) for h in got.hits) == sorted(expected)
    by_list = compile_matcher(lexicon).match(tokens, lang=lang, paragraph_starts=starts)
    assert sorted(by_list.hits) == sorted(got.hits)


def test_a_paragraph_break_stops_phrases_and_negation():
    m = compile_matcher(spec(("s", ["sister country", "sanction*"], []), window=2, negators=["no"]))
    # "sister | country" spans a blank line; "no" is in the paragraph before "sanctions"
    assert m.match_text("sister\n\ncountry", paragraphs=True).hits == ()
    assert [h.entry for h in m.match_text("sister\n\ncountry").hits] == ["sister country"]
    got = m.match_text("No.\n\nSanctions, no sanctions", paragraphs=True).hits
    assert [(h.start, h.negated) for h in got] == [(1, False), (3, True)]


def test_stem_entries_for_a_language_without_stemmer_raise_like_the_reference():
    lexicon = load_lexicon_text("categories:\n  s: [~sanction]\n")
    with pytest.raises(LexiconError, match="article 'a1' has lang None, which has no Snowball stemmer"):
        article_matcher(lexicon)(lexicon, ["sanctions"], lang=None, article="a1")
    with pytest.raises(LexiconError, match="which has no Snowball stemmer"):
        match_article(lexicon, ["sanctions"], lang=None, article="a1")


def test_score_tables_equal_the_reference_on_the_multilingual_demo_corpus():
    import json

    from pandas.testing import assert_frame_equal

    from conftest import REPO
    from framelens.score import score_articles

    rows = [json.loads(line) for line in (REPO / "data" / "corpus" / "demo_multilingual.jsonl").read_text().splitlines()]
    rows = rows[::max(1, len(rows) // 120)]  # every outlet and language
    lexicon = load_lexicon_text((REPO / "data" / "lexicons" / "framing.yaml").read_text())
    ids, outlets = [r["id"] for r in rows], [r["outlet"] for r in rows]
    langs = [r.get("lang") for r in rows]
    tokens = [word_tokens(f"{r.get('title') or ''}\n\n{r['text']}") for r in rows]
    ref = score_articles(ids, outlets, tokens, lexicon, langs=langs)
    fast = score_articles(ids, outlets, tokens, lexicon, langs=langs, match=article_matcher(lexicon))
    assert ref.categories["count"].sum() > 50 and len(set(langs)) > 1  # real hits, several languages
    assert_frame_equal(fast.categories, ref.categories)
    assert_frame_equal(fast.terms, ref.terms)
    assert_frame_equal(fast.articles, ref.articles)


def test_without_pyahocorasick_the_token_path_gives_the_same_hits(monkeypatch):
    lexicon = load_lexicon_text("negation: {window: 2, negators: [not]}\ncategories:\n"
                                "  s: {terms: [sanction*, to blame, sister countr*], exclude: [sanction list]}\n")
    text = "Not sanctions.\n\nThe sanction list; sister countries\n\nare to blame, sanctioned"
    with_automaton = compile_matcher(lexicon)
    expected = with_automaton.match_text(text, paragraphs=True)
    assert with_automaton._lang(None).automaton() is not None
    monkeypatch.setitem(__import__("sys").modules, "ahocorasick", None)  # import fails
    without = compile_matcher(lexicon)
    assert without.match_text(text, paragraphs=True) == expected
    assert without._lang(None).automaton() is None
    assert [(h.entry, h.negated) for h in expected.hits] == [
        ("sanction*", True), ("sister countr*", False), ("to blame", False), ("sanction*", False)]
    assert expected.excluded == {"s": 1}



# --------------------------------------------------------------------------- the plain byte path beyond ASCII
def test_letters_below_u0590_never_compose_with_a_neighbour():
    """Why letters below U+0590 that folding leaves alone may keep their bytes (fastmatch._char_action):
    none of them is the second character of a canonical composition pair, so NFC cannot join it
    to the character before it."""
    import unicodedata

    seconds = {int(d.split()[1], 16) for d in map(unicodedata.decomposition, map(chr, range(0x110000)))
               if d and not d.startswith("<") and len(d.split()) == 2}
    assert not [hex(c) for c in seconds if c < 0x590 and not unicodedata.combining(chr(c))]


def test_accented_letters_and_non_ascii_whitespace_take_the_plain_path():
    from framelens import fastmatch

    text = "Café—país\u00a0niño’s\n\u00a0\nñu"  # a blank line made of a newline, a no-break space, a newline
    assert fastmatch._plain_bytes(text.encode()) is not None  # no Unicode folding needed
    assert fast_paragraph_tokens(text) == (["café", "país", "niño", "ñu"], [0, 3]) == paragraph_tokens(text)
    # with accent folding "é" changes: the folded path, same tokens as the regex tokenizer
    assert fastmatch._plain_bytes(text.encode(), fold_accents=True) is None
    assert fast_word_tokens(text, fold_accents=True) == ["cafe", "pais", "niño", "ñu"]  # ñ is a letter of its own
    assert word_tokens(text, fold_accents=True) == ["cafe", "pais", "niño", "ñu"]
    m = compile_matcher(spec(("k", ["café", "país niño", "ñ*"], []), ("j", ["niño ñu"], [])))
    assert hits(m, text) == [("k", "café", 0, 1, False), ("k", "país niño", 1, 3, False),
                             ("j", "niño ñu", 2, 4, False), ("k", "ñ*", 3, 4, False)]
    by_para = m.match_text(text, paragraphs=True).hits  # "niño ñu" spans the blank line
    assert [(h.entry, h.start) for h in by_para] == [("café", 0), ("país niño", 1), ("ñ*", 3)]


def test_one_word_entries_beside_phrases_and_excludes_over_the_same_words():
    """One-word entries (decided without the per-candidate machinery) mixed with phrases, globs and
    excludes of the same words, in two categories."""
    m = compile_matcher(spec(("a", ["war", "civil war", "war*"], []), ("b", ["war"], ["war crimes"])))
    text = "Civil war, war crimes and wars"
    # civil(0) war(1) war(2) crimes(3) and(4) wars(5); b's exclusion span is [2, 4)
    assert hits(m, text) == [("a", "civil war", 0, 2, False), ("b", "war", 1, 2, False),
                             ("a", "war", 2, 3, False), ("a", "war*", 5, 6, False)]
    assert m.match_text(text).excluded == {"b": 1}
    lexicon = load_lexicon_text("categories:\n  a: [war, civil war, war*]\n"
                                "  b: {terms: [war], exclude: [war crimes]}\n")
    ref = match_article(lexicon, word_tokens(text))
    assert sorted(hits(m, text)) == sorted((x.category, x.entry, x.start, x.end, x.negated) for x in ref.hits)


NON_ASCII_WORDS = ["café", "cafés", "país", "ёлка", "елка", "sister", "country", "niño", "not", "no", "a"]
NON_ASCII_SEPARATORS = [" ", " ", "\u00a0", "—", "\u201c", "\n\u00a0\n", "\n\n", "’s ", " \u2028 ", ". "]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(lexicon_and_text(words=NON_ASCII_WORDS, separators=NON_ASCII_SEPARATORS,
                       text_words=("CAFÉ", "Ёлка", "País")))
def test_matching_accented_text_by_paragraph_agrees_with_the_reference(case):
    """Accented and Cyrillic words, non-ASCII separators and whitespace (plain byte path when no letter
    needs folding, else the folded path): match_text = the reference on each paragraph."""
    yaml_text, text, lang = case
    lexicon = parse_lexicon(yaml_text)
    assume(not [p for p in lexicon.problems if p.level == "error"])
    tokens, starts = paragraph_tokens(text)
    assert fast_paragraph_tokens(text) == (tokens, starts)
    expected, offset = [], 0
    for para in split_paragraphs(tokens, starts):
        found = match_article(lexicon, para, lang=lang)
        expected += [(m.category, m.entry, m.start + offset, m.end + offset, m.negated) for m in found.hits]
        offset += len(para)
    matcher = compile_matcher(lexicon)
    got = matcher.match_text(text, lang=lang, paragraphs=True)
    assert got.n_tokens == len(tokens)
    assert sorted((h.category, h.entry, h.start, h.end, h.negated) for h in got.hits) == sorted(expected)
    whole = _as_tuples(match_article(lexicon, tokens, lang=lang))
    assert sorted(tuple(h) for h in matcher.match_text(text, lang=lang).hits) == sorted(whole[0])


ONE_WORD_HEAVY = ["war", "wars", "war*", "civil", "civil war", "civil war*", "sister", "sister*", "country"]


@st.composite
def one_word_heavy_case(draw):
    """Lexicons where most entries are one word (the fast path) and phrases, globs, excludes and
    negation share their words, in several categories."""
    lines = []
    window = draw(st.sampled_from([0, 0, 1, 2]))
    if window:
        lines.append(f"negation: {{window: {window}, negators: [not]}}")
    lines.append("categories:")
    for c in range(draw(st.integers(1, 3))):
        entries = draw(st.lists(st.sampled_from(ONE_WORD_HEAVY), min_size=1, max_size=5, unique=True))
        lines.append(f"  c{c}:")
        lines.append("    terms: [" + ", ".join(f'"{e}"' for e in entries) + "]")
        if draw(st.booleans()):
            ex = draw(st.lists(st.sampled_from(["civil war", "war", "sister country", "not war"]), min_size=1,
                               max_size=2, unique=True))
            lines.append("    exclude: [" + ", ".join(f'"{e}"' for e in ex) + "]")
    words = ["war", "wars", "warfare", "civil", "sister", "sisters", "country", "not", "x"]
    tokens = draw(st.lists(st.sampled_from(words), max_size=30))
    text = "".join(tok + draw(st.sampled_from([" ", " ", ", ", "\n\n"])) for tok in tokens)
    return "\n".join(lines) + "\n", text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(one_word_heavy_case())
def test_one_word_fast_path_agrees_with_the_reference(case):
    yaml_text, text = case
    lexicon = parse_lexicon(yaml_text)
    assume(not [p for p in lexicon.problems if p.level == "error"])
    tokens, starts = paragraph_tokens(text)
    expected = _as_tuples(match_article(lexicon, tokens, lang="en"))
    matcher = compile_matcher(lexicon)
    got = matcher.match_text(text, lang="en")
    order = [c.name for c in lexicon.categories]
    assert [tuple(h) for h in got.hits] == sorted(expected[0], key=lambda h: (h[2], order.index(h[0])))
    assert sorted(got.exclusions) == sorted(expected[1])
    by_para, offset = [], 0
    for para in split_paragraphs(tokens, starts):
        by_para += [(m.category, m.entry, m.start + offset, m.end + offset, m.negated)
                    for m in match_article(lexicon, para, lang="en").hits]
        offset += len(para)
    assert sorted(tuple(h) for h in matcher.match_text(text, lang="en", paragraphs=True).hits) == sorted(by_para)
