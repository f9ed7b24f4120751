import pytest

from framelens.errors import LexiconError
from framelens.lexicon import load_lexicon_text, parse_entry, parse_lexicon

GOOD = """\
name: demo
version: "2.1"
source: written for the tests
categories:
  solidarity:
    description: standing together
    terms:
      - solidarity
      - stand with
      - solidar*
  kinship:
    terms: [sister country, "brother* people*", Solidarity]
"""


def test_parse_good_lexicon():
    lex = load_lexicon_text(GOOD, path="demo.yaml")
    assert (lex.name, lex.version, lex.source) == ("demo", "2.1", "written for the tests")
    assert lex.category_names == ("solidarity", "kinship")
    sol = lex.categories[0]
    assert sol.description == "standing together"
    assert [e.text for e in sol.entries] == ["solidarity", "stand with", "solidar*"]
    assert sol.entries[1].words == ("stand", "with") and sol.entries[1].line == 9
    kin = lex.categories[1]
    assert kin.entries[1].words == ("brother", "people") and kin.entries[1].globs == (True, True)
    assert len(lex.sha256) == 64
    # "Solidarity" in kinship is the same pattern as in solidarity: a warning, not an error
    warnings = [p for p in lex.problems if p.level == "warning"]
    assert len(warnings) == 2 and all("also in" in w.message for w in warnings)


def test_parse_entry_normalises_case_hyphens_and_possessive():
    e = parse_entry("Sister-Country's")
    assert e.words == ("sister", "country") and e.globs == (False, False)


@pytest.mark.parametrize("bad, message", [
    ("*", "must follow a letter"),
    ("*ism", "only at the end"),
    ("so*lid", "only at the end"),
    ("!!!", "no word"),
    ("-*", "must follow a letter"),
])
def test_malformed_entries(bad, message):
    with pytest.raises(LexiconError, match=message):
        parse_entry(bad)


def test_errors_carry_file_and_line():
    text = "name: x\ncategories:\n  a:\n    terms:\n      - ok\n      - OK\n      - '*'\n  b:\n    terms: []\n"
    lex = parse_lexicon(text, path="x.yaml")
    msgs = [(p.line, p.level) for p in lex.problems]
    assert (6, "error") in msgs  # duplicate of "ok" within a
    assert (7, "error") in msgs  # lone glob
    assert (8, "error") in msgs  # empty category b
    with pytest.raises(LexiconError, match=r"x\.yaml:6: error: category 'a': entry 'OK' duplicates 'ok' \(line 5\)"):
        load_lexicon_text(text, path="x.yaml")


def test_yaml_syntax_error_has_line():
    lex = parse_lexicon("categories:\n  a: [one, two\n  b: x\n", path="y.yaml")
    assert lex.problems[0].level == "error" and "YAML syntax" in lex.problems[0].message
    assert lex.problems[0].line >= 2


def test_unknown_and_duplicate_keys():
    text = "name: x\nnmae: y\ncategories:\n  a: [one]\n  a: [two]\n"
    problems = parse_lexicon(text).problems
    assert any(p.line == 2 and "unknown key 'nmae'" in p.message for p in problems)
    assert any(p.line == 5 and "duplicate key 'a'" in p.message for p in problems)


def test_hash_changes_with_content():
    assert parse_lexicon(GOOD).sha256 != parse_lexicon(GOOD + "\n").sha256
