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


NESTED = """\
name: nested
version: "1.1.0"
negation:
  window: 3
  negators: {en: [not, never], es: ["no"]}
categories:
  sanctions:
    description: blame on sanctions
    terms: [sanction*, blockade]
    exclude: ["sanctioned by the referee"]
    categories:
      blockade:
        terms: {en: [blockade, embargo], es: [bloqueo, ~bloqueo]}
        exclude: {en: [blockade runner]}
  quanteda_style:
    child_a: [one, two]
    child_b:
      grandchild: [three]
"""


def test_nested_categories_paths_order_and_effective_entries():
    lex = load_lexicon_text(NESTED, path="n.yaml")
    assert lex.category_names == ("sanctions", "sanctions/blockade", "quanteda_style",
                                  "quanteda_style/child_a", "quanteda_style/child_b",
                                  "quanteda_style/child_b/grandchild")
    sanctions = lex.category("sanctions")
    # own terms first; the child's "blockade" (en) differs from the list-form "blockade" by language scope
    assert [(e.text, e.lang) for e in sanctions.entries] == [
        ("sanction*", None), ("blockade", None), ("blockade", "en"), ("embargo", "en"),
        ("bloqueo", "es"), ("~bloqueo", "es")]
    assert [e.text for e in sanctions.excludes] == ["sanctioned by the referee", "blockade runner"]
    assert [e.text for e in lex.category("quanteda_style").entries] == ["one", "two", "three"]
    assert lex.category("quanteda_style/child_b").parent == "quanteda_style"
    assert lex.negation.window == 3 and [(n.text, n.lang) for n in lex.negation.negators] == [
        ("not", "en"), ("never", "en"), ("no", "es")]
    assert lex.category("sanctions/blockade").entries[3].kinds == ("stem",)
    assert [p for p in lex.problems if p.level == "error"] == []


@pytest.mark.parametrize("bad, message", [
    ("~sister-country", "must be one token"),
    ("~sanction*", "both a stem"),
    ("sanc~tion", "only at the start"),
])
def test_malformed_stem_entries(bad, message):
    with pytest.raises(LexiconError, match=message):
        parse_entry(bad)


def test_stem_under_a_language_without_stemmer_is_an_error():
    with pytest.raises(LexiconError, match="no Snowball stemmer for language 'xx'"):
        parse_entry("~word", lang="xx")


@pytest.mark.parametrize("text, line, message", [
    ("categories:\n  a:\n    terms: {EN: [x]}\n", 3, "not an ISO 639-1 code"),
    ("categories:\n  a:\n    terms: [x]\n    categories:\n      b: []\n", 5, "category 'a/b' is empty"),
    ("categories:\n  a/b: [x]\n", 2, "may not contain '/'"),
    ("categories:\n  a:\n    terms: [x]\n    colour: red\n", 4, "unknown key 'colour'"),
    ("negation: {window: 2}\ncategories:\n  a: [x]\n", 1, "needs a non-empty 'negators'"),
    ("negation: {window: 2, negators: [not at all]}\ncategories:\n  a: [x]\n", 1, "must be one word"),
    ("categories:\n  a:\n    terms: [x]\n    exclude: [x y, X  Y]\n", 4, "duplicates 'x y'"),
])
def test_structural_errors_have_lines(text, line, message):
    problems = [p for p in parse_lexicon(text).problems if p.level == "error"]
    assert any(p.line == line and message in p.message for p in problems), problems


def test_parent_without_own_terms_is_valid_and_empty_tree_is_not():
    assert load_lexicon_text("categories:\n  p:\n    categories:\n      c: [x]\n").category_names == ("p", "p/c")
    problems = parse_lexicon("categories:\n  p:\n    categories:\n      c: []\n").problems
    assert {p.message.split(" is empty")[0] for p in problems if "is empty" in p.message} == {
        "category 'p/c'", "category 'p'"}


def test_punctuation_warning_but_hyphen_is_silent():
    problems = parse_lexicon("categories:\n  a: [U.S. sanctions, sister-country]\n").problems
    warnings = [p.message for p in problems if p.level == "warning"]
    assert len(warnings) == 1 and "'u s sanctions'" in warnings[0]


def test_same_pattern_in_list_and_language_scope_is_not_a_duplicate():
    lex = load_lexicon_text("categories:\n  a:\n    terms: [x]\n    categories:\n      b: {terms: {en: [x]}}\n")
    assert [(e.text, e.lang) for e in lex.category("a").entries] == [("x", None), ("x", "en")]
