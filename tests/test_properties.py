"""Property tests (hypothesis) for the tokenizer and the matcher: case changes never change a
result, counts add up over articles joined by a paragraph break, no match inside a longer word."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from framelens.lexicon import load_lexicon_text
from framelens.matcher import compile_lexicon, match_tokens
from framelens.score import score_articles
from framelens.tokenize import paragraph_tokens, word_tokens

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SINGLE = load_lexicon_text(textwrap.dedent("""\
    name: single
    categories:
      sol: [solidarity, solidar*, brother*]
      sanc: [sanction*, blockade]
      kin: [sister, brotherly]
"""))
MULTI = load_lexicon_text(textwrap.dedent("""\
    name: multi
    categories:
      kin: [sister country, "sister countr*", brotherly people]
      sanc: [sanction*, unilateral coercive measure*, blockade]
      sol: [solidarity, stand with]
"""))
UPPER = load_lexicon_text(textwrap.dedent("""\
    name: multi
    categories:
      kin: [SISTER COUNTRY, "Sister Countr*", BROTHERLY People]
      sanc: [Sanction*, UNILATERAL coercive MEASURE*, BlockADE]
      sol: [SOLIDARITY, Stand With]
"""))
VOCAB = ["solidarity", "solidary", "sister", "country", "countries", "sanctions", "sanction", "blockade",
         "brotherly", "people", "unilateral", "coercive", "measures", "stand", "with", "the", "Cuba's",
         "don't", "minister", "said", "Straßen", "Минск", "café", "niño", "ÜBER"]

# Characters whose case round trip is one-to-one: str.upper/lower do not change their count
# ("ß" -> "SS" and the Turkish dotted "İ" -> "i̇" change the text itself; see README).
_CASE_STABLE = st.characters(
    codec="utf-8", categories=("Lu", "Ll", "Nd"),
).filter(lambda c: len(c.upper()) == 1 and len(c.lower()) == 1 and c.upper().lower() == c.lower()
         and c.lower().upper() == c.upper())
SEPARATORS = [" ", "  ", ", ", ". ", "-", "\n", "\n\n", "; ", " (", ") ", "\u2019s ", "'s ", "\t", "/"]


def words():
    return st.one_of(st.sampled_from(VOCAB), st.text(_CASE_STABLE, min_size=1, max_size=8))


@st.composite
def texts(draw, max_words: int = 30):
    parts = draw(st.lists(st.tuples(words(), st.sampled_from(SEPARATORS)), max_size=max_words))
    return "".join(w + s for w, s in parts)


@st.composite
def recased(draw, text: str) -> str:
    mask = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(c.upper() if up else c.lower() for c, up in zip(text, mask))


_COMPILED = {}


def counts(lexicon, text: str) -> dict[str, int]:
    """Matches per category, as the score step counts them: paragraph by paragraph, one per hit."""
    compiled = _COMPILED.setdefault(id(lexicon), compile_lexicon(lexicon))
    tokens, starts = paragraph_tokens(text)
    assert tokens == word_tokens(text)  # cutting at paragraphs never changes the tokens
    scores = score_articles(["a"], ["o"], [tokens], compiled, paragraph_starts=[starts])
    return dict(zip(scores.categories["category"], scores.categories["count"]))


def test_counts_helper_agrees_with_the_score_step():
    text = "Sister country! We stand with the sister countries against sanctions and the blockade."
    scores = score_articles(["a"], ["o"], [word_tokens(text)], compile_lexicon(MULTI))
    assert counts(MULTI, text) == dict(zip(scores.categories["category"], scores.categories["count"]))
    assert counts(MULTI, text) == {"kin": 2, "sanc": 2, "sol": 1}


def _case_safe(text: str) -> bool:
    return all(len(c.upper()) == 1 and c.upper().lower() == c.lower() for c in text)


# --------------------------------------------------------------------------- case
@SETTINGS
@given(data=st.data(), text=texts())
def test_tokens_and_matches_do_not_depend_on_case(data, text):
    text = "".join(c for c in text if _case_safe(c))
    variant = data.draw(recased(text))
    assert word_tokens(variant) == word_tokens(text)
    for lexicon in (SINGLE, MULTI):
        compiled = compile_lexicon(lexicon)
        assert match_tokens(compiled, word_tokens(variant)) == match_tokens(compiled, word_tokens(text))


@SETTINGS
@given(text=texts())
def test_lexicon_entries_are_case_insensitive_too(text):
    assert counts(UPPER, text) == counts(MULTI, text)


def test_case_folding_limits_are_known():
    # Not a bug framelens can fix without a locale: "ß".upper() is "SS", so "STRASSE" and
    # "Straße" are different tokens. Documented; the properties above exclude such characters.
    assert word_tokens("Straße") == ["straße"] and word_tokens("STRASSE") == ["strasse"]


# --------------------------------------------------------------------------- additivity
@SETTINGS
@given(a=texts(), b=texts())
@example(a="we stand in solidarity", b="blockade sanctions")
def test_single_word_counts_add_up_over_articles_joined_by_a_paragraph_break(a, b):
    joined = counts(SINGLE, f"{a}\n\n{b}")
    left, right = counts(SINGLE, a), counts(SINGLE, b)
    assert joined == {k: left[k] + right[k] for k in joined}


@SETTINGS
@given(a=texts(), b=texts())
@example(a="relations with the sister", b="country were discussed")
def test_multi_word_counts_add_up_over_articles_joined_by_a_paragraph_break(a, b):
    joined = counts(MULTI, f"{a}\n\n{b}")
    left, right = counts(MULTI, a), counts(MULTI, b)
    assert joined == {k: left[k] + right[k] for k in joined}


# --------------------------------------------------------------------------- whole words
@SETTINGS
@given(text=texts(), prefix=st.text(_CASE_STABLE, max_size=4), suffix=st.text(_CASE_STABLE, max_size=4),
       entry=st.sampled_from(["solidarity", "blockade", "sister", "brotherly", "sanction", "solidar"]))
@example(text="", prefix="", suffix="s", entry="blockade")
@example(text="", prefix="anti", suffix="", entry="sanction")
def test_no_match_inside_a_longer_word(text, prefix, suffix, entry):
    word = prefix + entry + suffix
    tokens = word_tokens(f"{text} {word} {text}")
    compiled = compile_lexicon(SINGLE)
    n_text = len(word_tokens(text))
    hits_on_word = [m for m in match_tokens(compiled, tokens) if m.start <= n_text < m.end]
    expected = set()
    for cat in SINGLE.categories:
        for e in cat.entries:
            stem, glob = e.words[0], e.globs[0]
            if word.lower() == stem or (glob and word.lower().startswith(stem)):
                expected.add(cat.name)
    # The word matches only an entry equal to it, or a glob whose stem begins it: never an entry
    # found somewhere inside it ("antisanction" is not "sanction*"; "blockades" is not "blockade").
    assert {m.category for m in hits_on_word} == expected


# --------------------------------------------------------------------------- the fast matcher (issue 9)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), a=texts(max_words=15), b=texts(max_words=15))
def test_fast_matcher_has_the_same_properties(data, a, b):
    from framelens.fastmatch import article_matcher

    a = "".join(c for c in a if _case_safe(c))
    variant = data.draw(recased(a))

    def fast(lexicon, text):
        tokens, starts = paragraph_tokens(text)
        scores = score_articles(["x"], ["o"], [tokens], lexicon, match=article_matcher(lexicon),
                                paragraph_starts=[starts])
        return dict(zip(scores.categories["category"], scores.categories["count"]))

    for lexicon in (SINGLE, MULTI):
        assert fast(lexicon, variant) == fast(lexicon, a) == counts(lexicon, a)
    for lexicon in (SINGLE, MULTI):
        joined, left, right = fast(lexicon, f"{a}\n\n{b}"), fast(lexicon, a), fast(lexicon, b)
        assert joined == {k: left[k] + right[k] for k in joined}
