"""The fast matcher: hand-checked examples of the full semantics, and agreement with the reference."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framelens.errors import LexiconError
from framelens.fastmatch import (
    EXACT, GLOB, STEM, CategorySpec, MatcherSpec, NegationSpec, PatternSpec, compile_matcher,
    fast_word_tokens, spec_from_lexicon,
)
from framelens.lexicon import load_lexicon_text
from framelens.matcher import compile_lexicon, match_tokens
from framelens.tokenize import word_tokens


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
    "snake_case_'s and _under", "dog's' dog''s", "",
])
def test_fast_tokens_equal_word_tokens_on_tricky_text(text):
    assert fast_word_tokens(text) == word_tokens(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aAsS'’_ -.é1İΣ\n")), max_size=40))
def test_fast_tokens_equal_word_tokens_property(text):
    assert fast_word_tokens(text) == word_tokens(text)


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
    lex = load_lexicon_text("categories:\n  s: [sanction*, sister country]\n")
    got = spec_from_lexicon(lex)
    assert got.categories[0].entries[0] == PatternSpec("sanction*", ("sanction",), (GLOB,), None)
    assert got.categories[0].entries[1].kinds == (EXACT, EXACT)
    assert got.negation.window == 0


# --------------------------------------------------------------------------- agreement with the reference
WORDS = ["a", "ab", "abc", "b", "ba", "sister", "country", "war", "wars", "not"]
SEPARATORS = [" ", " ", " ", "-", ", ", "'s ", "’s ", ". ", "\n\n"]


@st.composite
def lexicon_and_text(draw):
    n_cats = draw(st.integers(1, 3))
    lines = ["categories:"]
    for c in range(n_cats):
        entries: dict[tuple, str] = {}
        for _ in range(draw(st.integers(1, 5))):
            n_words = draw(st.integers(1, 3))
            words = [draw(st.sampled_from(WORDS)) for _ in range(n_words)]
            globs = [draw(st.booleans()) for _ in range(n_words)]
            key = tuple(zip(words, globs))
            entries.setdefault(key, " ".join(w + ("*" if g else "") for w, g in key))
        terms = ", ".join(f'"{e}"' for e in entries.values())
        lines.append(f"  c{c}: [{terms}]")
    tokens = draw(st.lists(st.sampled_from(WORDS + [w.upper() for w in WORDS[:3]]), max_size=30))
    text = ""
    for tok in tokens:
        text += tok + draw(st.sampled_from(SEPARATORS))
    return "\n".join(lines) + "\n", text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lexicon_and_text())
def test_fast_matcher_agrees_with_reference(case):
    yaml_text, text = case
    lexicon = load_lexicon_text(yaml_text)
    tokens = word_tokens(text)
    expected = [(m.category, m.entry, m.start, m.end) for m in match_tokens(compile_lexicon(lexicon), tokens)]
    fast = compile_matcher(lexicon)
    assert [(h.category, h.entry, h.start, h.end) for h in fast.match(tokens).hits] == expected
    assert [(h.category, h.entry, h.start, h.end) for h in fast.match_text(text, lang="en").hits] == expected
    assert fast.match_text(text).n_tokens == len(tokens)
