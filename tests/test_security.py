"""Security: no unpickling, safe YAML only, no shell=True, every user-text placeholder in a rule's
shell command quoted, file names from data only through slugs, HTML parsed without fetching."""

from __future__ import annotations

import ast
import re
import socket
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from framelens.errors import ConfigError
from framelens.markup import strip_markup
from framelens.slug import slugify, unique_slugs

PACKAGE = REPO / "workflow" / "src" / "framelens"
RULES = sorted((REPO / "workflow" / "rules").glob("*.smk"))
SCHEMA = yaml.safe_load((REPO / "workflow" / "schemas" / "config.schema.yaml").read_text(encoding="utf-8"))


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"), filename=str(p))) for p in sorted(PACKAGE.glob("*.py"))]


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


# --------------------------------------------------------------------------- the library
def test_no_unpickling_no_eval_no_shell_anywhere_in_the_package():
    banned_imports = {"pickle", "cPickle", "dill", "joblib", "marshal", "shelve", "cloudpickle"}
    banned_calls = {"eval", "exec", "os.system", "os.popen", "pd.read_pickle", "pandas.read_pickle",
                    "yaml.load", "yaml.unsafe_load", "yaml.full_load", "yaml.load_all", "yaml.unsafe_load_all"}
    found = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [f"{path.name}: import {a.name}" for a in node.names if a.name.split(".")[0] in banned_imports]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in banned_imports:
                found.append(f"{path.name}: from {node.module} import ...")
            elif isinstance(node, ast.Call):
                name = _dotted(node.func)
                if name in banned_calls:
                    found.append(f"{path.name}:{node.lineno}: {name}()")
                for kw in node.keywords:
                    if kw.arg == "shell" and not (isinstance(kw.value, ast.Constant) and kw.value.value is False):
                        found.append(f"{path.name}:{node.lineno}: shell=...")
                    if kw.arg == "allow_pickle" and not (isinstance(kw.value, ast.Constant) and kw.value.value is False):
                        found.append(f"{path.name}:{node.lineno}: allow_pickle=...")
                    if kw.arg == "trusted" and isinstance(kw.value, ast.Constant) and kw.value.value is True:
                        found.append(f"{path.name}:{node.lineno}: trusted=True")
                    if kw.arg == "Loader" and _dotted(kw.value).split(".")[-1] in {"Loader", "UnsafeLoader", "FullLoader"}:
                        found.append(f"{path.name}:{node.lineno}: Loader={_dotted(kw.value)}")
    assert found == []


def test_only_io_touches_files_so_every_write_is_atomic():
    # Every output goes through framelens.io, whose writers rename a finished temporary file.
    methods = {"savefig", "to_csv", "to_parquet", "to_json", "to_pickle", "write_text", "write_bytes",
               "write_table", "mkstemp", "unlink", "read_text", "read_bytes", "touch", "mkdir"}
    functions = {"open", "os.open", "io.open", "os.rename", "os.replace", "os.remove", "shutil.copy",
                 "shutil.copyfile", "shutil.move", "shutil.rmtree"}
    dumpers = {"json.dump", "yaml.dump", "yaml.safe_dump", "yaml.dump_all"}  # a stream argument writes
    found = []
    for path, tree in _modules():
        if path.name == "io.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = _dotted(node.func)
                if name.startswith("fio."):  # framelens.io itself
                    continue
                writes_stream = name in dumpers and (len(node.args) > 1 or any(k.arg == "stream" for k in node.keywords))
                if name in functions or writes_stream or (
                        isinstance(node.func, ast.Attribute) and node.func.attr in methods):
                    found.append(f"{path.name}:{node.lineno}: {name}()")
    assert found == []


def test_yaml_is_read_only_through_the_safe_loader():
    # Every YAML document is read by framelens.safeyaml (safe loader plus size, depth and alias
    # limits); no other module parses YAML itself. Dumping is fine.
    readers = re.compile(r"yaml\.(.*load.*|compose.*|parse|scan|Loader|FullLoader|UnsafeLoader|CLoader)$")
    found = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, (ast.Call, ast.Attribute)) and readers.match(_dotted(node.func if isinstance(node, ast.Call) else node)):
                if path.name != "safeyaml.py":
                    found.append(f"{path.name}:{node.lineno}: {_dotted(node.func if isinstance(node, ast.Call) else node)}")
    assert found == []


# --------------------------------------------------------------------------- the workflow
def _rules(text: str) -> dict[str, dict[str, str]]:
    """rule name -> {section name: section source} for a .smk file."""
    rules: dict[str, dict[str, str]] = {}
    for match in re.finditer(r"^rule (\w+):\n((?:[ \t]+.*\n|\n)+)", text, flags=re.M):
        sections: dict[str, str] = {}
        current = None
        for line in match.group(2).splitlines():
            head = re.match(r"^    (\w+):\s*(.*)$", line)
            if head:
                current = head.group(1)
                sections[current] = head.group(2) + "\n"
            elif current:
                sections[current] += line + "\n"
        rules[match.group(1)] = sections
    return rules


def _shell(source: str) -> str:
    return ast.literal_eval("(" + source + ")")


def _params(source: str) -> dict[str, ast.expr]:
    call = ast.parse("dict(" + source + ")", mode="eval").body
    return {kw.arg: kw.value for kw in call.keywords}


# Helpers of workflow/rules/common.smk whose return value was reviewed and cannot carry text a
# user typed; a new helper used unquoted in a shell command fails the test below until reviewed.
REVIEWED_HELPERS = {
    "get_flag": "one of two flag stems built from the literal config key name",
    "get_classifier_model_args": "numbers and the class_weight enum, all validated by the schema",
    "get_classify_plot_kind": "a value of the literal CLASSIFY_FIGURES table in common.smk",
    "get_second_coder_flag": "a literal flag or an empty string, chosen by a boolean",
}
_SAFE_WORD = re.compile(r"[A-Za-z0-9_.-]+")


def _schema_node(expr: ast.expr) -> dict | None:
    """Schema of ``config["a"]["b"]...``, or None when ``expr`` is not a config lookup."""
    keys = []
    while isinstance(expr, ast.Subscript) and isinstance(expr.slice, ast.Constant):
        keys.append(expr.slice.value)
        expr = expr.value
    if not (isinstance(expr, ast.Name) and expr.id == "config" and keys):
        return None
    node = SCHEMA
    for key in reversed(keys):
        node = node["properties"][key]
    return node


def _cannot_carry_user_text(expr: ast.expr | None) -> bool:
    if expr is None:
        return False
    schema = _schema_node(expr)
    if schema is not None:
        if schema.get("type") in ("integer", "number", "boolean"):
            return True  # validated numbers and booleans cannot carry shell syntax
        enum = schema.get("enum")
        return bool(enum) and all(_SAFE_WORD.fullmatch(str(v)) for v in enum)
    if isinstance(expr, ast.IfExp):  # a flag chosen between two literals in the rule itself
        return isinstance(expr.body, ast.Constant) and isinstance(expr.orelse, ast.Constant)
    if isinstance(expr, ast.Call):
        return _dotted(expr.func) in REVIEWED_HELPERS
    if isinstance(expr, ast.Name):  # an input function passed by name
        return expr.id in REVIEWED_HELPERS
    return False


# Wildcard sets built from names that the schema restricts to safe characters (or from literal
# tables in common.smk); a wildcard constrained to one of them cannot carry shell syntax.
REVIEWED_WILDCARD_SETS = {
    "SCORE_SETS": "lexicon names and target names, both restricted by propertyNames patterns",
    "LEXICONS": "lexicon names, restricted by a propertyNames pattern",
    "TARGETS": "target names, restricted by a propertyNames pattern",
    "CLASSIFY_FIGURES": "keys of a literal table in common.smk",
}


def _global_wildcard_constraints() -> dict[str, ast.expr]:
    constraints: dict[str, ast.expr] = {}
    for smk in RULES:
        text = smk.read_text(encoding="utf-8")
        # (blank lines may sit inside the block; Snakemake reads on to the next unindented line)
        for block in re.findall(r"^wildcard_constraints:\n((?:[ \t]+.*\n|[ \t]*\n)+)", text, flags=re.M):
            constraints.update(_params(block))
    return constraints


def _safe_wildcard(expr: ast.expr | None) -> bool:
    if expr is None:
        return False
    if isinstance(expr, ast.Constant):
        return bool(re.fullmatch(r"[A-Za-z0-9_|-]+", str(expr.value)))
    names = {n.id for n in ast.walk(expr) if isinstance(n, ast.Name)}
    names |= {_dotted(n.func) for n in ast.walk(expr) if isinstance(n, ast.Call)}
    return bool(names & set(REVIEWED_WILDCARD_SETS))


def test_every_placeholder_that_can_carry_user_text_is_shell_quoted():
    checked = 0
    unquoted = []
    global_constraints = _global_wildcard_constraints()
    for smk in RULES:
        for rule, sections in _rules(smk.read_text(encoding="utf-8")).items():
            if "shell" not in sections:
                continue
            command = _shell(sections["shell"])
            params = _params(sections.get("params", ""))
            constraints = {**global_constraints, **_params(sections.get("wildcard_constraints", ""))}
            for placeholder in re.findall(r"(?<!\{)\{([^{}]+)\}(?!\})", command):
                checked += 1
                name, _, fmt = placeholder.partition(":")
                if fmt == "q" or name in ("threads",) or name.startswith("resources."):
                    continue
                if name.startswith("params.") and _cannot_carry_user_text(params.get(name.split(".", 1)[1])):
                    continue
                if name.startswith("wildcards.") and _safe_wildcard(constraints.get(name.split(".", 1)[1])):
                    continue
                unquoted.append(f"{smk.name}: rule {rule}: {{{placeholder}}}")
    assert checked > 20  # the parser really found the rules' placeholders
    assert unquoted == []


def test_the_placeholder_check_refuses_free_text_params():
    assert not _cannot_carry_user_text(ast.parse('config["ingest"]["boilerplate_patterns"]', mode="eval").body)
    assert not _cannot_carry_user_text(ast.parse('config["outlets"]', mode="eval").body)
    assert not _cannot_carry_user_text(ast.parse("some_new_helper()", mode="eval").body)
    assert _cannot_carry_user_text(ast.parse('config["compare"]["seed"]', mode="eval").body)


def test_the_rule_parser_catches_an_unquoted_path():
    smk = 'rule x:\n    input:\n        a="f",\n    shell:\n        "tool {input.a} > {output.b:q}"\n'
    rules = _rules(smk)
    assert re.findall(r"\{([^{}]+)\}", _shell(rules["x"]["shell"])) == ["input.a", "output.b:q"]


def test_lexicon_names_used_in_paths_are_restricted_by_the_schema():
    pattern = re.compile(SCHEMA["properties"]["lexicons"]["propertyNames"]["pattern"])
    assert pattern.fullmatch("framing_v2-en")
    for bad in ("../x", "a/b", "a b", "", "$(x)", "x;y", ".hidden"):
        assert not pattern.fullmatch(bad), bad


# --------------------------------------------------------------------------- slugs
@pytest.mark.parametrize("value, slug", [
    ("Granma Internacional", "granma-internacional"), ("../../etc/passwd", "etc-passwd"),
    ("a/b\\c", "a-b-c"), ("Минск Today", "today"), ("Café Noticias", "cafe-noticias"),
    ("CON", "con_"), ("id:42?*", "id-42"),
])
def test_slugs_are_safe_file_name_parts(value, slug):
    assert slugify(value) == slug
    assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*", slugify(value))


def test_slug_collisions_and_empty_slugs_are_errors():
    assert unique_slugs(["State Daily", "wire", "State Daily"]) == {"State Daily": "state-daily", "wire": "wire"}
    with pytest.raises(ConfigError, match="'State Daily' and 'state-daily' would both be written as 'state-daily'"):
        unique_slugs(["State Daily", "state-daily"])
    with pytest.raises(ConfigError, match="'Минск' has no letter or digit to name a file by"):
        slugify("Минск")


# --------------------------------------------------------------------------- HTML
@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)


def test_html_is_parsed_without_resolving_entities_or_fetching(no_network, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    doc = (f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
           '<html><head><link rel="stylesheet" href="http://evil.example/x.css">'
           '<script src="http://evil.example/x.js"></script></head>'
           '<body><p>Before &xxe; after.</p><img src="http://evil.example/pixel.gif">'
           '<iframe src="http://evil.example/"></iframe><p>Solidarity&nbsp;now.</p></body></html>')
    text, removed = strip_markup(doc)
    assert "TOP-SECRET" not in text and "evil.example" not in text
    assert "Before &xxe; after." in text and "Solidarity\u00a0now." in text
    assert removed > 10


# --------------------------------------------------------------------------- models (issue 4)
class Smuggled:
    """A type no model file may contain."""

    def __init__(self) -> None:
        self.payload = "x"


class _PickleBomb:
    def __init__(self, canary: Path) -> None:
        self.canary = canary

    def __reduce__(self):
        return (Path.touch, (self.canary,))


@pytest.mark.skipif(not hasattr(__import__("framelens.io").io, "load_model"),
                    reason="model loading (issue 4) is not on this branch yet")
def test_models_load_only_through_skops_with_an_explicit_trusted_list(tmp_path):
    import pickle
    import zipfile

    import skops.io as sio

    from framelens import io as fio
    from framelens.errors import ModelError

    canary = tmp_path / "UNPICKLED"
    (tmp_path / "model.pkl").write_bytes(pickle.dumps(_PickleBomb(canary)))
    with pytest.raises(ModelError, match="never loads pickle"):
        fio.load_model(tmp_path / "model.pkl")
    assert not canary.exists()

    bundle = {"framelens_model": "frames", "estimator": Smuggled()}
    sio.dump(bundle, tmp_path / "evil.skops", compression=zipfile.ZIP_DEFLATED)
    with pytest.raises(ModelError, match=r"refusing to load.*test_security.Smuggled"):
        fio.load_model(tmp_path / "evil.skops")


@pytest.mark.skipif(__import__("importlib.util").util.find_spec("framelens.html") is None,
                    reason="HTML page input (issue 7) is not on this branch yet")
@pytest.mark.parametrize("prolog", ['<?xml version="1.0"?>\n', ""])
def test_saved_html_pages_are_extracted_without_entities_or_network(no_network, tmp_path, prolog):
    from framelens.html import extract_page

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    body = " ".join(["Officials spoke of solidarity between the sister countries."] * 5)
    page = (prolog + f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
            '<html><head><title>Title</title><link rel="stylesheet" href="http://evil.example/x.css">'
            '<script src="http://evil.example/x.js"></script></head><body><article>'
            f'<p>{body} &xxe; end.</p><img src="http://evil.example/p.gif">'
            '<iframe src="http://evil.example/"></iframe></article></body></html>')
    text = extract_page(page.encode("utf-8"), min_chars=20).text
    assert text is not None and text.startswith("Officials spoke of solidarity")
    assert "TOP-SECRET" not in text


@pytest.mark.parametrize("outlet", ["..", ".", ".hidden", "../x", "a/b", "a;b", "$(x)"])
def test_fetch_refuses_outlet_names_that_would_leave_the_output_folder(outlet):
    from framelens.fetch import parse_url_list

    with pytest.raises(ConfigError, match="must use letters, digits"):
        parse_url_list([(1, f"https://news.example.org/a {outlet}")])


def test_fetched_pages_stay_inside_their_outlet_folder():
    from framelens.fetch import parse_url_list

    targets = parse_url_list([(1, "https://news.example.org/../../etc/passwd?x=1 wire"),
                              (2, "https://news.example.org/%2e%2e/%2e%2e/x wire")])
    for target in targets:
        parts = Path(target.file).parts
        assert parts[0] == "wire" and len(parts) == 2 and ".." not in parts


def test_keyness_comparisons_named_after_groups_never_share_a_file():
    from framelens.keyness import comparison_slugs

    assert comparison_slugs([("state", "rest"), ("state", "rest"), ("a/b", "c")]) == ["state_vs_rest", "a-b_vs_c"]
    with pytest.raises(ConfigError, match="would both be written as 'state-aligned_vs_rest'"):
        comparison_slugs([("state aligned", "rest"), ("state-aligned", "rest")])
