"""HTML pages: main text, title, date and URL of saved web pages, extracted with trafilatura.

A folder of saved pages (one article per ``*.html`` file) is a corpus source.
Each page's outlet is the name of the folder it sits in, unless the folder's
``pages.csv`` sheet (columns ``file, outlet`` and optional ``id, url, date,
title, lang``) says otherwise; values in the sheet win over what is extracted.

Extraction never touches the network: the page's bytes are handed to
``trafilatura`` as a document (never a URL), which parses them with lxml's
HTML parser (no DTD loading, no external entities, no network) and does not
load images, scripts or style sheets. A page that yields no article text
(an index page, a paywall stub, a cookie wall) is quarantined with the reason
``no_article_text``; a page without an outlet with ``no_outlet``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

import trafilatura

from framelens.ingest import Source

__all__ = ["PageText", "extract_page", "pages_to_sources"]

_SHEET_FIELDS = ("id", "outlet", "url", "date", "title", "lang")


@dataclass(frozen=True)
class PageText:
    """What trafilatura found in one page (``text`` is ``None`` when it found no article)."""

    text: str | None
    title: str | None
    date: str | None
    url: str | None


def _field(doc: Any, name: str) -> str | None:
    value = doc.get(name) if isinstance(doc, Mapping) else getattr(doc, name, None)
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def extract_page(html: str | bytes, *, min_chars: int = 100) -> PageText:
    """Extract one page's main text and metadata, offline.

    Text shorter than ``min_chars`` characters (a menu, a cookie notice) counts
    as no article text. A first paragraph identical to the title is dropped
    (the title is kept in its own field).

    Paragraphs of the extracted text are separated by blank lines, so that the
    line-based boilerplate removal and the paragraph-aware sentence splitter
    see the page's structure.
    """
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    if doc is None:
        return PageText(text=None, title=None, date=None, url=None)
    title = _field(doc, "title")
    text = _field(doc, "text")
    if text is not None:
        paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
        if paragraphs and title and paragraphs[0] == title:
            paragraphs = paragraphs[1:]  # the headline repeated as the first paragraph
        text = "\n\n".join(paragraphs)
        if len(text) < min_chars:
            text = None
    return PageText(text=text, title=title, date=_field(doc, "date"), url=_field(doc, "url"))


def pages_to_sources(
    folder: str,
    pages: Sequence[tuple[str, bytes]],
    sheet: Sequence[Mapping[str, str]] = (),
    *,
    min_chars: int = 100,
) -> list[Source]:
    """Turn saved pages (as read by :func:`framelens.io.read_html_pages`) into ingest sources.

    One :class:`~framelens.ingest.Source` per page, named ``folder/relative
    path``, whose single row (line 1) is the article or a quarantine reason.
    """
    by_file = {row["file"]: row for row in sheet if row.get("file")}
    sources: list[Source] = []
    for rel, raw in pages:
        name = f"{folder.rstrip('/')}/{rel}"
        given = {k: v for k, v in by_file.get(rel, {}).items() if k in _SHEET_FIELDS and v}
        outlet = given.get("outlet") or PurePosixPath(rel).parent.name
        if not outlet:
            sources.append(Source(name, [], [(1, "no_outlet",
                                              "page is not in an outlet folder and not listed in pages.csv")]))
            continue
        page = extract_page(raw, min_chars=min_chars)
        if page.text is None:
            sources.append(Source(name, [], [(1, "no_article_text",
                                              f"trafilatura found no article text of at least {min_chars} characters in this page")]))
            continue
        row = {
            "id": given.get("id") or str(PurePosixPath(rel).with_suffix("")),
            "outlet": outlet,
            "title": given.get("title") or page.title,
            "date": given.get("date") or page.date,
            "url": given.get("url") or page.url,
            "lang": given.get("lang"),
            "text": page.text,
        }
        sources.append(Source(name, [(1, row)]))
    return sources
