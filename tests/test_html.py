import socket

import pytest
from html_pages import INDEX_PAGE, STORIES, article_page

from framelens import io as fio
from framelens.html import extract_page, pages_to_sources
from framelens.ingest import ingest


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("extraction tried to open a network connection")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_extracts_text_title_date_url_without_boilerplate(no_network):
    page = extract_page(article_page("harbour"))
    title, date, paras = STORIES["harbour"]
    assert page.title == title and page.date == date
    assert page.url == "https://dailyharbour.example/news/harbour"
    assert page.text == "\n\n".join(paras)  # headline, menu, aside and footer are gone


def test_page_without_article_text(no_network):
    page = extract_page(INDEX_PAGE)
    assert page.text is None and page.title == "Front page"


def test_external_entities_are_never_resolved(tmp_path, no_network):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    evil = (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">'
            f'<!ENTITY net SYSTEM "http://198.51.100.7/x">]>') + article_page("drought").split("\n", 1)[1]
    evil = evil.replace("<p>The agriculture", "<p>&xxe; &net; The agriculture")
    page = extract_page(evil)
    assert page.text is not None and "TOP-SECRET" not in page.text
    assert "The agriculture office promised" in page.text


def test_folder_to_ingest_outlet_from_folder_or_sheet(tmp_path, outlets_csv, no_network):
    root = tmp_path / "pages"
    (root / "state").mkdir(parents=True)
    (root / "misc").mkdir()
    (root / "state" / "harbour.html").write_text(article_page("harbour"), encoding="utf-8")
    (root / "state" / "front.html").write_text(INDEX_PAGE, encoding="utf-8")
    (root / "misc" / "drought.htm").write_bytes(article_page("drought").encode("cp1252"))
    (root / "loose.html").write_text(article_page("harbour", host="other.example"), encoding="utf-8")
    (root / "pages.csv").write_text("file,outlet,url,lang\nmisc/drought.htm,wire,https://w.example/d,en\n")
    pages, sheet = fio.read_html_pages(root)
    assert [p for p, _ in pages] == ["loose.html", "misc/drought.htm", "state/front.html", "state/harbour.html"]
    sources = pages_to_sources("pages", pages, sheet)
    result = ingest(sources, known_outlets=["state", "wire"])
    assert result.counts["read"] == 4 and result.counts["kept"] == 2
    assert result.rejected[["source", "reason"]].values.tolist() == [
        ["pages/loose.html", "no_outlet"], ["pages/state/front.html", "no_article_text"]]
    art = result.articles.set_index("id")
    assert art.loc["misc/drought", "outlet"] == "wire" and art.loc["misc/drought", "url"] == "https://w.example/d"
    assert art.loc["misc/drought", "lang"] == "en" and art.loc["misc/drought", "date"] == "2024-03-06"
    assert art.loc["state/harbour", "title"] == STORIES["harbour"][0]
