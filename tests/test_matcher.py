"""The reference matcher against hand-worked examples of the matching spec."""

import pytest

from framelens.errors import LexiconError
from framelens.lexicon import load_lexicon_text
from framelens.matcher import match_article, match_tokens
from framelens.tokenize import word_tokens


def lex(categories: str, head: str = ""):
    return load_lexicon_text(head + "categories:\n" + categories)


def hits(lexicon, text, lang=None):
    return [(m.category, m.entry, m.start, m.end) + ((True,) if m.negated else ())
            for m in match_tokens(lexicon, word_tokens(text), lang=lang)]


def test_token_based_never_substring():
    c = lex("  s: [sanction, war]\n")
    # "sanctions" and "warning" contain the entries as substrings, but are other tokens
    assert hits(c, "Sanctions warning; the SANCTION of war.") == [("s", "sanction", 3, 4), ("s", "war", 5, 6)]


def test_glob_matches_word_endings_only():
    c = lex("  s: [solidar*]\n")
    assert hits(c, "solidarity solidary solidar insolidarity") == [
        ("s", "solidar*", 0, 1), ("s", "solidar*", 1, 2), ("s", "solidar*", 2, 3)]


def test_multiword_and_longest_match_wins_once_per_token():
    c = lex("  k: [sister, sister country, sister country of cuba, country]\n")
    assert hits(c, "a sister country of Cuba and a sister country") == [
        ("k", "sister country of cuba", 1, 5), ("k", "sister country", 7, 9)]


def test_left_to_right_then_longest():
    c = lex("  k: [brotherly people, people of cuba]\n")
    assert hits(c, "brotherly people of cuba") == [("k", "brotherly people", 0, 2)]


def test_categories_are_independent():
    c = lex("  a: [sister country]\n  b: [country]\n")
    assert hits(c, "sister country") == [("a", "sister country", 0, 2), ("b", "country", 1, 2)]


def test_tie_prefers_exact_over_glob_then_listed_first():
    c = lex("  a: [countr*, country]\n")
    assert hits(c, "country") == [("a", "country", 0, 1)]
    c = lex("  a: [brother* people, brotherly peopl*]\n")
    assert hits(c, "brotherly people") == [("a", "brother* people", 0, 2)]


def test_glob_inside_multiword_and_case():
    c = lex("  a: [\"unilateral coercive measure*\", Sister Country]\n")
    assert hits(c, "Unilateral coercive measures, unilateral coercive steps. SISTER COUNTRY") == [
        ("a", "unilateral coercive measure*", 0, 3), ("a", "Sister Country", 6, 8)]


def test_nested_categories_parent_counts_children_entries():
    c = lex("  sanctions:\n    terms: [sanction*]\n    categories:\n      blockade: [blockade, embargo]\n")
    assert hits(c, "the blockade and sanctions") == [
        ("sanctions", "blockade", 1, 2), ("sanctions", "sanction*", 3, 4), ("sanctions/blockade", "blockade", 1, 2)]


def test_exclude_blocks_overlapping_hits_only():
    c = lex("  s:\n    terms: [sanction*, referee]\n    exclude: [sanctioned by the referee]\n")
    found = match_article(c, word_tokens("Sanctions, sanctioned by the referee, referee"))
    # tokens: sanctions(0) sanctioned(1) by(2) the(3) referee(4) referee(5)
    assert [(m.entry, m.start) for m in found.hits] == [("sanction*", 0), ("referee", 5)]
    assert [(x.entry, x.start, x.end) for x in found.exclusions] == [("sanctioned by the referee", 1, 5)]


def test_exclusion_span_does_not_block_a_shorter_entry_before_it():
    # "sister country" would overlap the exclusion "country club"; "sister" alone does not
    c = lex("  k:\n    terms: [sister country, sister]\n    exclude: [country club]\n")
    assert hits(c, "sister country club") == [("k", "sister", 0, 1)]


def test_negation_window_counts_apart():
    head = "negation: {window: 2, negators: [not, never*]}\n"
    c = lex("  s: [solidarity]\n", head)
    # window 2: "not" 3 tokens before the 2nd hit is outside its window
    assert hits(c, "not solidarity; never really solidarity; not at all solidarity") == [
        ("s", "solidarity", 1, 2, True), ("s", "solidarity", 4, 5, True), ("s", "solidarity", 8, 9)]


def test_per_language_entries_and_negators():
    head = "negation: {window: 1, negators: {es: ['no'], en: ['not']}}\n"
    c = lex("  b:\n    terms: {en: [blockade], es: [bloqueo]}\n", head)
    assert hits(c, "no bloqueo, not blockade", lang="es") == [("b", "bloqueo", 1, 2, True)]
    assert hits(c, "no bloqueo, not blockade", lang="en") == [("b", "blockade", 3, 4, True)]
    assert hits(c, "no bloqueo, not blockade", lang=None) == []


def test_stem_entries_spanish_and_russian_by_hand():
    c = lex("  b:\n    terms: {es: ['~bloqueo'], ru: ['~санкции']}\n")
    # Snowball Spanish: bloqueo, bloqueos -> "bloque"; Russian: санкции, санкций, санкциями -> "санкц"
    assert [m[1:3] for m in hits(c, "el bloqueo y los bloqueos; bloquear", lang="es")] == [
        ("~bloqueo", 1), ("~bloqueo", 4)]
    assert [m[2] for m in hits(c, "санкции против санкций и санкциями", lang="ru")] == [0, 2, 4]


def test_list_form_stem_needs_a_language_with_a_stemmer():
    c = lex("  s: [~sanction]\n")
    assert hits(c, "sanctions sanctioned", lang="en") == [("s", "~sanction", 0, 1), ("s", "~sanction", 1, 2)]
    with pytest.raises(LexiconError, match=r"article 'a1' has lang None.*~sanction"):
        match_article(c, ["sanctions"], lang=None, article="a1")


def test_same_length_tie_prefers_fewer_loose_words():
    c = lex("  s: [~sanction regime, sanctions regime]\n")
    assert hits(c, "sanctions regime", lang="en") == [("s", "sanctions regime", 0, 2)]
