"""Bad lexicons and configs: YAML syntax errors with lines, alias bombs and deep nesting refused,
duplicate keys reported, pathological globs refused, unknown keys and wrong types named by path."""

from __future__ import annotations

import textwrap

import pytest
import yaml
from snakemake.exceptions import WorkflowError
from snakemake.utils import validate

from conftest import REPO
from framelens import io as fio
from framelens.cli import main
from framelens.configcheck import check_config_text
from framelens.errors import FramelensError, LexiconError
from framelens.guards import glob_problem
from framelens.lexicon import load_lexicon_text, parse_lexicon
from framelens.safeyaml import UnsafeYamlError, duplicate_keys, safe_compose, safe_load

SCHEMA = REPO / "workflow" / "schemas" / "config.schema.yaml"

LEXICON = textwrap.dedent("""\
    name: t
    version: "1"
    categories:
      sol: {terms: [solidarity]}
""")


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    lines = ['a: &a ["lol"]']
    for i in range(1, levels):
        refs = ", ".join([f"*{chr(96 + i)}"] * width)
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [{refs}]")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- safe YAML
def test_yaml_syntax_error_names_file_and_line():
    with pytest.raises(UnsafeYamlError, match=r"^lex.yaml:4: YAML syntax: .*flow sequence started at line 3\)"):
        safe_compose("name: t\ncategories:\n  sol: [solidarity\n  kin: x\n", path="lex.yaml")
    lexicon = parse_lexicon("name: t\ncategories:\n  sol: {terms: [a, b}\n", path="lex.yaml")
    assert [(p.level, p.line) for p in lexicon.problems] == [("error", 3)]
    assert lexicon.problems[0].message.startswith("YAML syntax: ")


def test_alias_bomb_is_refused_quickly_and_is_a_framelens_error():
    bomb = billion_laughs()  # 9**8 = 43 million leaves once expanded, 73 aliases as written
    with pytest.raises(UnsafeYamlError, match="expand the document to more than 1,000,000 nodes") as info:
        safe_compose(bomb, path="bomb.yaml")
    assert isinstance(info.value, FramelensError) and isinstance(info.value, yaml.YAMLError)
    with pytest.raises(UnsafeYamlError, match="more than 10 aliases"):
        safe_compose(bomb, path="bomb.yaml", max_aliases=10)
    # a small, legitimate use of anchors is fine
    assert safe_load("base: &b [x, y]\nother: *b\n") == {"base": ["x", "y"], "other": ["x", "y"]}


def test_alias_bomb_inside_a_lexicon_is_a_lexicon_error_with_line():
    text = billion_laughs() + LEXICON
    lexicon = parse_lexicon(text, path="lex.yaml")
    assert any("alias bomb" in p.message for p in lexicon.problems)
    with pytest.raises(LexiconError, match=r"lex.yaml:1: error: .*alias bomb"):
        load_lexicon_text(text, path="lex.yaml")


def test_deep_nesting_is_refused_with_line_not_a_recursion_error():
    deep = "a: " + "[" * 5000 + "]" * 5000 + "\n"
    with pytest.raises(UnsafeYamlError, match=r"deep.yaml:1: refused: nesting deeper than 64 levels"):
        safe_compose(deep, path="deep.yaml")
    nested = "".join("  " * i + f"k{i}:\n" for i in range(100)) + "  " * 100 + "v\n"
    with pytest.raises(UnsafeYamlError, match=r"nest.yaml:64: refused: nesting deeper than 64"):
        safe_compose(nested, path="nest.yaml")
    lexicon = parse_lexicon(deep, path="deep.yaml")
    assert "nesting deeper than 64 levels" in lexicon.problems[0].message


def test_huge_document_is_refused_before_parsing():
    with pytest.raises(UnsafeYamlError, match=r"big.yaml: refused: document is 2,000,001 bytes, over the limit of 1,000,000"):
        safe_compose("#" * 2_000_000 + "\n", path="big.yaml", max_bytes=1_000_000)


def test_duplicate_keys_are_reported_with_both_lines():
    text = "a:\n  b: 1\n  c: 2\n  b: 3\nd: [ {e: 1, e: 2} ]\na: 4\n"
    found = duplicate_keys(safe_compose(text))
    assert [(d.key, d.line, d.first_line, d.path) for d in found] == [
        ("b", 4, 2, ("a",)), ("e", 5, 5, ("d", "[0]")), ("a", 6, 1, ())]
    assert found[0].format("c.yaml") == ("c.yaml:4: error: duplicate key 'a.b' (first at line 2); "
                                         "YAML keeps only the last one — merge the two entries")
    lexicon = parse_lexicon(LEXICON + "  sol: {terms: [sanction*]}\n", path="lex.yaml")
    assert ("error", 5) in [(p.level, p.line) for p in lexicon.problems]
    assert "duplicate key 'sol' (first at line 4)" in lexicon.problems[0].message


def test_safe_load_never_builds_python_objects():
    with pytest.raises(UnsafeYamlError, match="YAML value"):
        safe_load("!!python/object/apply:os.system ['echo pwned']\n", path="evil.yaml")


# --------------------------------------------------------------------------- globs
@pytest.mark.parametrize("entry, bad", [("war*", False), ("wa*", True), ("a*", True), ("co* operation", True),
                                        ("sister countr*", False), ("x y*", True)])
def test_short_glob_stems_are_refused(entry, bad):
    problem = glob_problem(entry, min_stem=3)
    assert (problem is not None) == bad
    if bad:
        assert "fewer than 3" in problem and repr(entry) in problem


def test_lexicon_check_and_score_refuse_short_globs_with_line(tmp_path, capsys):
    lex = tmp_path / "lex.yaml"
    lex.write_text(LEXICON + "  kin: {terms: [sister, co*]}\n", encoding="utf-8")
    assert main(["lexicon", "check", str(lex)]) == 1
    out = capsys.readouterr().out
    assert f"{lex}:5: error: category 'kin': entry 'co*': the glob 'co*' has a stem of 2 character(s)" in out
    assert main(["lexicon", "check", "--min-glob-stem", "2", str(lex)]) == 0
    capsys.readouterr()
    tokens = tmp_path / "tokens.parquet"
    import pandas as pd
    fio.write_parquet(pd.DataFrame({"id": ["1"], "outlet": ["s"], "tokens": [["co", "op"]]}), tokens)
    rc = main(["score", "--tokens", str(tokens), "--lexicon", str(lex), "--categories", str(tmp_path / "c.parquet"),
               "--terms", str(tmp_path / "t.parquet"), "--article-scores", str(tmp_path / "a.parquet")])
    assert rc == 2 and f"{lex}:5: error: category 'kin': entry 'co*'" in capsys.readouterr().err
    assert not (tmp_path / "c.parquet").exists()


def test_demo_lexicon_has_no_short_glob():
    assert main(["lexicon", "check", str(REPO / "data" / "lexicons" / "framing.yaml")]) == 0


# --------------------------------------------------------------------------- config schema
def _config() -> dict:
    return yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("edit, expected", [
    (lambda c: c.update(compare_typo=1), ["'compare_typo' was unexpected", "On instance:"]),
    (lambda c: c["compare"].update(n_resamplez=5), ["'n_resamplez' was unexpected", "On instance['compare']"]),
    (lambda c: c["ingest"].update(markup="maybe"), ["'maybe' is not one of ['strip', 'keep']",
                                                  "On instance['ingest']['markup']"]),
    (lambda c: c["compare"].update(seed="abc"), ["'abc' is not of type 'integer'", "On instance['compare']['seed']"]),
    (lambda c: c["corpus"].update(paths="one.jsonl"), ["is not of type 'array'", "On instance['corpus']['paths']"]),
    (lambda c: c["lexicons"].update({"../evil": "x.yaml"}), ["'../evil' does not match", "On instance['lexicons']"]),
])
def test_snakemake_validation_names_the_key_path(edit, expected):
    config = _config()
    edit(config)
    with pytest.raises(WorkflowError) as info:
        validate(config, str(SCHEMA))
    for text in expected:
        assert text in str(info.value)


def test_config_check_lists_every_error_with_path_and_line():
    text = textwrap.dedent("""\
        corpus:
          paths: [data/corpus/demo.jsonl]
          formt: auto
        outlets: data/outlets.csv
        lexicons: {framing: data/lexicons/framing.yaml}
        compare:
          n_resamples: many
          seed: 3
          seed: 4
        plots: {dpi: 10}
        typo_block: 1
    """)
    problems = check_config_text(text, fio.read_yaml(SCHEMA), path="c.yaml")
    assert problems == [
        "c.yaml:3: error: corpus.formt: unknown key; allowed here: ['format', 'paths']",
        "c.yaml:7: error: compare.n_resamples: 'many' is not of type 'integer'",
        "c.yaml:9: error: duplicate key 'compare.seed' (first at line 8); YAML keeps only the last one — merge the two entries",
        "c.yaml:10: error: plots.dpi: 10 is less than the minimum of 72",
        problems[-1],
    ]
    assert problems[-1].startswith("c.yaml:11: error: typo_block: unknown key; allowed here: [")
    assert "'compare'" in problems[-1] and "'corpus'" in problems[-1] and "'lexicon_check'" in problems[-1]


def test_config_check_cli_on_the_shipped_config_and_a_bomb(tmp_path, capsys):
    assert main(["config", "check", "--schema", str(SCHEMA), str(REPO / "config" / "config.yaml")]) == 0
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(billion_laughs(), encoding="utf-8")
    assert main(["config", "check", "--schema", str(SCHEMA), str(bomb)]) == 1
    assert "alias bomb" in capsys.readouterr().out


def test_lexicon_check_refuses_an_alias_bomb_before_building_it(tmp_path, capsys):
    # `lexicon check` first sniffs the format (framelens or quanteda YAML); that sniffing must
    # go through the same limits, or the bomb would be expanded before the parser refuses it.
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(billion_laughs() + LEXICON, encoding="utf-8")
    assert main(["lexicon", "check", str(bomb)]) == 1
    assert "alias bomb" in capsys.readouterr().out
