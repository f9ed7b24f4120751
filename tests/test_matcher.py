from framelens.lexicon import load_lexicon_text
from framelens.matcher import compile_lexicon, match_tokens
from framelens.tokenize import word_tokens


def lex(categories: str):
    return compile_lexicon(load_lexicon_text("categories:\n" + categories))


def hits(compiled, text):
    return [(m.category, m.entry, m.start, m.end) for m in match_tokens(compiled, word_tokens(text))]


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
    # At "sister" the longest entry (4 tokens) wins; its tokens are not counted again.
    assert hits(c, "a sister country of Cuba and a sister country") == [
        ("k", "sister country of cuba", 1, 5), ("k", "sister country", 7, 9)]


def test_left_to_right_then_longest():
    c = lex("  k: [brotherly people, people of cuba]\n")
    # leftmost match wins even though the later one overlaps it
    assert hits(c, "brotherly people of cuba") == [("k", "brotherly people", 0, 2)]


def test_categories_are_independent():
    c = lex("  a: [sister country]\n  b: [country]\n")
    assert hits(c, "sister country") == [("a", "sister country", 0, 2), ("b", "country", 1, 2)]


def test_tie_prefers_exact_over_glob_then_listed_first():
    c = lex("  a: [countr*, country]\n")
    assert hits(c, "country") == [("a", "country", 0, 1)]
    c = lex("  a: [brother* people, brotherly peopl*]\n")
    assert hits(c, "brotherly people") == [("a", "brother* people", 0, 2)]


def test_glob_inside_multiword():
    c = lex("  a: [\"unilateral coercive measure*\"]\n")
    assert hits(c, "Unilateral coercive measures, unilateral coercive steps") == [
        ("a", "unilateral coercive measure*", 0, 3)]


def test_case_insensitive():
    c = lex("  a: [Sister Country]\n")
    assert hits(c, "SISTER COUNTRY sister country") == [("a", "Sister Country", 0, 2), ("a", "Sister Country", 2, 4)]
