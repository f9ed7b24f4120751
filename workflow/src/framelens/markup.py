"""Markup in text fields: strip HTML tags and decode character entities left by scrapers.

Policy (``ingest.html``): ``strip`` (the default) decodes entities such as
``&amp;`` and ``&#8217;`` in every text, and removes tags when the text
contains real HTML tags (a known element name such as ``<p>``, ``<br/>``,
``<div class=...>`` or an HTML comment). Block elements (``p``, ``div``, ``li``,
headings, ``br``) become line or paragraph breaks; the content of ``script``,
``style``, ``noscript`` and ``template`` is dropped. A lone ``<`` or ``>`` in
prose ("a < b") is left alone. ``keep`` leaves the text as it came.

Parsing uses the standard library's :class:`html.parser.HTMLParser`, which
never resolves external entities, follows no link and loads no resource:
``<!DOCTYPE>``/``<!ENTITY>`` declarations, ``<img src=...>`` and the like are
only tags to drop.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from framelens.errors import ConfigError

__all__ = ["HTML_POLICIES", "looks_like_html", "strip_markup"]

HTML_POLICIES = ("strip", "keep")

_TAG_NAMES = (
    "a|abbr|article|aside|b|blockquote|body|br|caption|cite|code|dd|div|dl|dt|em|figcaption|figure|"
    "font|footer|h[1-6]|head|header|hr|html|i|iframe|img|li|link|main|meta|nav|noscript|ol|p|picture|"
    "pre|q|s|script|section|small|source|span|strong|style|sub|sup|table|tbody|td|template|tfoot|th|"
    "thead|time|title|tr|u|ul|video"
)
_HTML_TAG = re.compile(rf"<(?:/?(?:{_TAG_NAMES})(?:\s[^<>]*)?/?|!--.*?--|!DOCTYPE[^<>]*)>", re.I | re.S)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_BLOCK = frozenset(
    "address article aside blockquote body caption dd div dl dt figcaption figure footer form h1 h2 h3 "
    "h4 h5 h6 header hr html li main nav ol p pre section table tbody td tfoot th thead title tr ul".split()
)
_SKIP = frozenset({"script", "style", "noscript", "template", "head"})


def looks_like_html(text: str) -> bool:
    """True when ``text`` contains at least one HTML tag of a known element, or a comment."""
    return _HTML_TAG.search(text) is not None


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags = 0
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags += 1
        if tag in _SKIP:
            self._skip_depth += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags += 1
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        self.tags += 1
        if tag in _SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)

    def handle_comment(self, data: str) -> None:
        self.tags += 1

    def handle_decl(self, decl: str) -> None:  # <!DOCTYPE ...>, <!ENTITY ...>: never resolved
        self.tags += 1

    def unknown_decl(self, data: str) -> None:  # <![CDATA[...]]> and other marked sections
        self.tags += 1

    def handle_pi(self, data: str) -> None:
        self.tags += 1


def strip_markup(text: str, *, policy: str = "strip") -> tuple[str, int]:
    """Return ``text`` without HTML markup and the number of tags and entities removed.

    See the module docstring for the policy. Line and paragraph breaks made
    from block elements are left for :func:`framelens.clean.normalize_text`
    to tidy.
    """
    if policy not in HTML_POLICIES:
        raise ConfigError(f"html policy must be one of {HTML_POLICIES}, not {policy!r}")
    if policy == "keep" or ("<" not in text and "&" not in text):
        return text, 0
    if looks_like_html(text):
        parser = _TextExtractor()
        parser.feed(text)
        parser.close()
        n_entities = len(_ENTITY.findall(text))
        return "".join(parser.parts), parser.tags + n_entities
    n_entities = len(_ENTITY.findall(text))
    if not n_entities:
        return text, 0
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text), n_entities
