"""Interop: LIWC .dic and quanteda YAML round trips."""

from pathlib import Path

import pytest
import yaml

from framelens.errors import LexiconError
from framelens.interop import (
    lexicon_to_dic, lexicon_to_quanteda, lexicon_to_yaml, read_any, read_dic, read_quanteda,
)
from framelens.lexicon import load_lexicon_text, parse_lexicon
from framelens.score import score_articles
from framelens.tokenize import word_tokens

DIC = Path(__file__).parent / "data" / "framing_small.dic"


def test_dic_imports_scores_and_exports_unchanged():
    text = DIC.read_text(encoding="utf-8")
    lex = read_dic(text, name="small", path=str(DIC))
    assert lex.category_names == ("sanctions", "sanctions/blockade", "kinship")
    # the parent lists the child's words in the .dic; framelens keeps them as the child's own
    assert [e.text for e in lex.category("sanctions").own_entries] == ["sanction*", "unilateral coercive measure*"]
    assert [e.text for e in lex.category("sanctions").entries] == [
        "sanction*", "unilateral coercive measure*", "blockade", "embargo*"]
    tokens = word_tokens("The blockade and embargoes: unilateral coercive measures, says the sister country.")
    cats = score_articles(["a"], ["x"], [tokens], lex).categories.set_index("category")["count"]
    assert cats.to_dict() == {"sanctions": 3, "sanctions/blockade": 2, "kinship": 1}
    out, warnings = lexicon_to_dic(lex)
    assert out == text and warnings == []
    # dic -> framelens YAML -> dic is unchanged too
    again = parse_lexicon(lexicon_to_yaml(lex))
    assert lexicon_to_dic(again)[0] == text


def test_dic_errors_name_file_and_line():
    bad = "%\n1\ta\n%\ngood\t1\n*bad\t1\nnocat\nother\t7\n"
    with pytest.raises(LexiconError) as err:
        read_dic(bad, name="x", path="x.dic")
    msg = str(err.value)
    assert "x.dic:5: error" in msg and "only at the end" in msg
    assert "x.dic:6: error" in msg and "x.dic:7: error" in msg and "category 7" in msg


def test_dic_without_tabs_and_space_separated_numbers():
    lex = read_dic("%\n1 a\n2 b\n%\nsister country 1 2\nx* 2\n", name="s")
    assert [e.text for e in lex.category("a").entries] == ["sister country"]
    assert [e.text for e in lex.category("b").entries] == ["sister country", "x*"]


QUANTEDA = """\
economy:
  - deficit
  - austerity
  - tax*
foreign:
  sanctions:
    - sanction*
    - embargo
  kinship:
    - sister country
"""


def test_quanteda_yaml_round_trip_is_exact():
    lex = read_quanteda(QUANTEDA, name="q", path="q.yml")
    assert lex.category_names == ("economy", "foreign", "foreign/sanctions", "foreign/kinship")
    assert lex.version == "1.0.0" and "q.yml" in lex.source
    out, warnings = lexicon_to_quanteda(lex)
    assert out == QUANTEDA and warnings == []
    assert read_any(QUANTEDA, path="q.yml", name="q").category_names == lex.category_names
    # through framelens YAML and back
    assert lexicon_to_quanteda(parse_lexicon(lexicon_to_yaml(lex)))[0] == QUANTEDA


def test_quanteda_errors_keep_their_line():
    lex = read_quanteda("a:\n  - ok\n  - '*'\n", name="q")
    assert [(p.line, p.level) for p in lex.problems] == [(3, "error")]


def test_framelens_yaml_round_trip_keeps_every_feature():
    text = (
        'name: full\nversion: 2.0.0\nsource: tests\n'
        'negation:\n  window: 2\n  negators:\n    en:\n      - not\n    es:\n      - "no"\n'
        'categories:\n  s:\n    description: sanctions\n    terms:\n      - sanction*\n'
        '    exclude:\n      - sanctioned by the referee\n'
        '    categories:\n      b:\n        terms:\n          en:\n            - blockade\n'
        '          es:\n            - ~bloqueo\n'
    )
    lex = load_lexicon_text(text)
    out = lexicon_to_yaml(lex)
    assert yaml.safe_load(out) == yaml.safe_load(text)
    again = load_lexicon_text(out)
    assert [(c.name, [(e.text, e.lang) for e in c.entries], [e.text for e in c.excludes]) for c in again.categories] \
        == [(c.name, [(e.text, e.lang) for e in c.entries], [e.text for e in c.excludes]) for c in lex.categories]
    # the lossy formats say what they drop
    _, warnings = lexicon_to_dic(lex)
    assert any("negation" in w for w in warnings) and any("excludes" in w for w in warnings)
    assert any("per-language" in w for w in warnings)


def test_quanteda_cannot_hold_own_terms_and_children():
    lex = load_lexicon_text("categories:\n  a:\n    terms: [x]\n    categories:\n      b: [y]\n")
    with pytest.raises(LexiconError, match="quanteda YAML cannot hold both"):
        lexicon_to_quanteda(lex)
