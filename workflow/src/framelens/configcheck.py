"""Config check: every problem of a workflow config file, each with its key path and line.

Snakemake validates the config against ``workflow/schemas/config.schema.yaml``
too, but it stops at the first error and never sees duplicate keys (YAML keeps
the last one silently). :func:`check_config_text` reads the file with
:func:`framelens.safeyaml.safe_compose` (size, depth and alias limits), reports
duplicate keys, then lists *every* schema violation as
``file:line: key.path: message``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jsonschema
import yaml

from framelens.safeyaml import UnsafeYamlError, duplicate_keys, safe_compose, safe_load

__all__ = ["check_config_text"]


def _node_at(root: yaml.Node, keys: tuple[Any, ...]) -> yaml.Node:
    """The deepest node along ``keys`` (mapping keys and sequence indices) that exists."""
    node = root
    for key in keys:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if str(k.value) == str(key)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            nxt = node.value[key]
        else:
            nxt = None
        if nxt is None:
            break
        node = nxt
    return node


def _key_line(root: yaml.Node, keys: tuple[Any, ...], name: str) -> int:
    node = _node_at(root, keys)
    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if str(k.value) == name:
                return k.start_mark.line + 1
    return node.start_mark.line + 1


def _dotted(keys: tuple[Any, ...]) -> str:
    out = ""
    for key in keys:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out or "(top level)"


def check_config_text(text: str, schema: Mapping[str, Any], *, path: str = "config.yaml") -> list[str]:
    """Return every problem of config ``text`` against JSON ``schema``; an empty list means valid."""
    try:
        root = safe_compose(text, path=path)
        value = safe_load(text, path=path)
    except UnsafeYamlError as exc:
        return [f"{path}:{exc.line}: error: {exc.problem}"]
    if root is None:
        return [f"{path}:1: error: the config file is empty"]
    problems = [d.format(path) for d in duplicate_keys(root)]
    validator = jsonschema.Draft202012Validator(schema)
    for error in sorted(validator.iter_errors(value), key=lambda e: [str(p) for p in e.absolute_path]):
        keys = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            allowed = sorted((error.schema.get("properties") or {}).keys())
            names = [str(n) for n in error.instance if n not in allowed]
            for name in names:
                line = _key_line(root, keys, name)
                problems.append(f"{path}:{line}: error: {_dotted(keys + (name,))}: unknown key"
                                + (f"; allowed here: {allowed}" if allowed else ""))
            continue
        line = _node_at(root, keys).start_mark.line + 1
        problems.append(f"{path}:{line}: error: {_dotted(keys)}: {error.message}")
    return sorted(problems, key=lambda p: int(p[len(path) + 1 :].split(":", 1)[0]))
