"""Safe YAML: compose untrusted YAML with limits on size, nesting and aliases, and find duplicate keys.

PyYAML's safe loader never builds arbitrary objects, but it still accepts
documents that cost exponential time or memory to walk: an "alias bomb"
(anchors that refer to anchors, each level doubling the tree), nesting deep
enough to exhaust the recursion limit, or a huge file. :func:`safe_compose`
refuses all three before anything walks the tree, and :func:`duplicate_keys`
reports keys that YAML would otherwise silently overwrite. Errors are
:class:`UnsafeYamlError`, which is both a :class:`~framelens.errors.FramelensError`
and a :class:`yaml.YAMLError` (so code that reports YAML syntax errors with
their line number reports these the same way).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from framelens.errors import FramelensError

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_ALIASES",
    "MAX_NODES",
    "UnsafeYamlError",
    "DuplicateKey",
    "safe_compose",
    "safe_load",
    "duplicate_keys",
]

MAX_BYTES = 10_000_000
"""Largest document accepted (bytes of UTF-8): far above any lexicon or config."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and sequences accepted."""
MAX_ALIASES = 1_000
"""Most ``*alias`` references accepted in one document."""
MAX_NODES = 1_000_000
"""Most nodes the document may expand to once every alias is followed."""


class UnsafeYamlError(FramelensError, yaml.YAMLError):
    """A YAML document is refused: syntax, size, depth or alias expansion.

    ``problem`` and ``problem_mark`` (with a 0-based ``line``) follow
    PyYAML's ``MarkedYAMLError`` so callers can report the line.
    """

    def __init__(self, message: str, *, path: str = "<yaml>", line: int = 0, kind: str = "refused") -> None:
        self.problem = message
        self.problem_mark = yaml.Mark(path, 0, max(line - 1, 0), 0, None, None)
        self.line = line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {kind}: {message}")


@dataclass(frozen=True)
class DuplicateKey:
    """A mapping key given twice: where (``path`` of keys, 1-based lines) and the key."""

    key: str
    line: int
    first_line: int
    path: tuple[str, ...]

    def format(self, file: str) -> str:
        where = ".".join(self.path + (self.key,))
        return (f"{file}:{self.line}: error: duplicate key {where!r} (first at line {self.first_line}); "
                f"YAML keeps only the last one — merge the two entries")


class _LimitedLoader(yaml.SafeLoader):
    """SafeLoader whose composer counts depth and aliases as it goes."""

    max_depth = MAX_DEPTH
    max_aliases = MAX_ALIASES
    source = "<yaml>"

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:  # noqa: D401 - PyYAML hook
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > self.max_aliases:
                mark = self.peek_event().start_mark
                raise UnsafeYamlError(
                    f"more than {self.max_aliases} aliases (*name), a possible alias bomb. "
                    f"Write the entries out instead of referring to anchors",
                    path=self.source, line=mark.line + 1)
            return super().compose_node(parent, index)
        self._depth += 1
        try:
            if self._depth > self.max_depth:
                mark = self.peek_event().start_mark
                raise UnsafeYamlError(
                    f"nesting deeper than {self.max_depth} levels. "
                    f"Flatten the document (a lexicon or config needs a handful of levels)",
                    path=self.source, line=mark.line + 1)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _expanded_size(root: yaml.Node, limit: int) -> int:
    """Number of nodes ``root`` expands to with aliases followed (stops counting past ``limit``)."""
    sizes: dict[int, int] = {}
    # Iterative post-order walk: shared (aliased) nodes are sized once, counted at each use.
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if done:
            sizes[id(node)] = min(limit + 1, 1 + sum(sizes[id(c)] for c in children))
        else:
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def safe_compose(
    text: str,
    *,
    path: str = "<yaml>",
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    max_aliases: int = MAX_ALIASES,
    max_nodes: int = MAX_NODES,
) -> yaml.Node | None:
    """Compose ``text`` into a YAML node tree with the safe loader, within limits.

    Raises :class:`UnsafeYamlError` (naming ``path`` and the line) for a
    syntax error, a document over ``max_bytes`` bytes, nesting deeper than
    ``max_depth``, more than ``max_aliases`` aliases, or aliases that expand
    the document beyond ``max_nodes`` nodes. Returns ``None`` for an empty
    document, like :func:`yaml.compose`.
    """
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > max_bytes:
        raise UnsafeYamlError(
            f"document is {size:,} bytes, over the limit of {max_bytes:,}", path=path)
    loader = _LimitedLoader(text)
    loader.source, loader.max_depth, loader.max_aliases = path, max_depth, max_aliases
    try:
        root = loader.get_single_node()
    except UnsafeYamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        message = str(exc.problem or exc)
        if exc.context and exc.context_mark is not None and exc.context_mark.line + 1 != line:
            message += f" ({exc.context} started at line {exc.context_mark.line + 1})"
        raise UnsafeYamlError(message, path=path, line=line, kind="YAML syntax") from None
    except yaml.YAMLError as exc:
        raise UnsafeYamlError(str(exc), path=path, kind="YAML syntax") from None
    finally:
        loader.dispose()
    if root is not None and loader._aliases:
        expanded = _expanded_size(root, max_nodes)
        if expanded > max_nodes:
            raise UnsafeYamlError(
                f"aliases expand the document to more than {max_nodes:,} nodes (an alias bomb). "
                f"Write the entries out instead of referring to anchors",
                path=path, line=root.start_mark.line + 1)
    return root


def safe_load(text: str, *, path: str = "<yaml>", **limits: int) -> Any:
    """Return the Python value of ``text`` (safe types only) after :func:`safe_compose`'s checks."""
    root = safe_compose(text, path=path, **limits)
    if root is None:
        return None
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise UnsafeYamlError(str(exc.problem), path=path, line=mark.line + 1 if mark else 0,
                              kind="YAML value") from None
    finally:
        loader.dispose()


def duplicate_keys(root: yaml.Node | None) -> list[DuplicateKey]:
    """Return every mapping key that appears twice in its mapping, in document order."""
    found: list[DuplicateKey] = []
    seen_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, tuple[str, ...]]] = [(root, ())] if root is not None else []
    while stack:
        node, keys = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            children = []
            for key_node, value_node in node.value:
                key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "<complex key>"
                line = key_node.start_mark.line + 1
                if key in first:
                    found.append(DuplicateKey(key, line, first[key], keys))
                else:
                    first[key] = line
                children.append((value_node, keys + (key,)))
            stack.extend(reversed(children))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, keys + (f"[{i}]",)) for i, child in reversed(list(enumerate(node.value))))
    return sorted(found, key=lambda d: d.line)
