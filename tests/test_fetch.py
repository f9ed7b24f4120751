"""framelens fetch against a local HTTP server on 127.0.0.1 (pages written for the project)."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pandas as pd
import pytest
from html_pages import article_page

from framelens.cli import main
from framelens.errors import ConfigError
from framelens.fetch import PoliteFetcher, parse_url_list

ROBOTS = b"User-agent: *\nDisallow: /private/\n"


class _Handler(BaseHTTPRequestHandler):
    pages: dict[str, bytes] = {}
    log: list[tuple[str, str]] = []

    def do_GET(self):  # noqa: N802 - http.server API
        self.log.append((self.path, self.headers.get("User-Agent", "")))
        body = ROBOTS if self.path == "/robots.txt" else self.pages.get(self.path)
        if body is None:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/plain" if self.path == "/robots.txt" else "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server(monkeypatch):
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    _Handler.pages = {
        "/news/harbour": article_page("harbour").encode(),
        "/news/drought": article_page("drought").encode(),
        "/private/memo": article_page("harbour").encode(),
    }
    _Handler.log = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.timeout = 0.2
    stop = threading.Event()
    deadline = time.monotonic() + 60  # the server stops by itself even if a test hangs

    def serve():
        while not stop.is_set() and time.monotonic() < deadline:
            httpd.handle_request()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", _Handler.log
    stop.set()
    thread.join(timeout=5)
    httpd.server_close()


def test_fetch_polite_resumable_then_ingest(tmp_path, server, capsys, outlets_csv):
    base, log = server
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# test pages\n{base}/news/harbour state\n{base}/news/drought\n"
                    f"{base}/private/memo state\n{base}/news/missing state\n")
    out = tmp_path / "pages"
    rc = main(["fetch", str(urls), "--out", str(out), "--outlet", "wire", "--delay", "0.05",
               "--user-agent", "framelens-test/1.0"])
    err = capsys.readouterr().err
    assert rc == 1  # one URL failed (404): reported, not fatal for the others
    assert "2 saved, 0 exists, 1 disallowed, 1 failed" in err
    paths = [p for p, _ in log]
    assert paths[0] == "/robots.txt" and paths.count("/robots.txt") == 1
    assert "/private/memo" not in paths  # robots.txt obeyed
    assert {ua for _, ua in log} == {"framelens-test/1.0"}
    status = pd.read_csv(out / "fetch_log.csv").set_index("url")["status"]
    assert status[f"{base}/news/missing"] == "failed" and status[f"{base}/private/memo"] == "disallowed"
    sheet = pd.read_csv(out / "pages.csv")
    assert sorted(sheet["outlet"]) == ["state", "wire"]
    assert all((out / f).is_file() for f in sheet["file"])

    # resumable: a second run downloads nothing that is already saved
    n_before = len(log)
    main(["fetch", str(urls), "--out", str(out), "--outlet", "wire", "--delay", "0.05"])
    assert "0 saved, 2 exists" in capsys.readouterr().err
    assert [p for p, _ in log[n_before:] if p.startswith("/news/")] == ["/news/missing"]

    # the saved folder is a corpus: outlet from the folder, URL from pages.csv
    rc = main(["ingest", "--corpus", str(out), "--outlets", str(outlets_csv), "--articles",
               str(tmp_path / "a.parquet"), "--rejected", str(tmp_path / "r.csv")])
    assert rc == 0
    art = pd.read_parquet(tmp_path / "a.parquet").set_index("outlet")
    assert art.loc["state", "url"] == f"{base}/news/harbour"
    assert art.loc["state", "title"] == "Harbour workers end strike after pay deal"
    assert art.loc["wire", "date"] == "2024-03-06"


def test_rate_limit_waits_between_requests_to_one_host():
    now = [0.0]
    waits: list[float] = []

    def sleep(s):
        waits.append(round(s, 6))
        now[0] += s

    fetcher = PoliteFetcher(delay=2.0, clock=lambda: now[0], sleep=sleep)
    fetcher._wait("h", None)
    now[0] += 0.5
    fetcher._wait("h", None)
    fetcher._wait("other", None)
    assert waits == [1.5]


def test_url_list_errors_name_the_line():
    with pytest.raises(ConfigError, match="line 2: 'ftp://x' is not an http"):
        parse_url_list([(1, "https://a.example/1 o"), (2, "ftp://x o")])
    with pytest.raises(ConfigError, match="line 1: no outlet"):
        parse_url_list([(1, "https://a.example/1")])
    with pytest.raises(ConfigError, match="outlet 'a b/c'"):
        parse_url_list([(1, "https://a.example/1")], outlet="a b/c")
    targets = parse_url_list([(1, "https://a.example/x?id=1 o"), (2, "https://a.example/x?id=1 o")])
    assert len(targets) == 1 and targets[0].file.startswith("o/a-example-x_")
