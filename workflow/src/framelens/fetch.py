"""Fetch: download web pages politely so that they can be ingested as an HTML corpus.

Optional and never part of the workflow (the workflow runs without network).
Polite means: one user agent that names the tool, ``robots.txt`` obeyed (via
:mod:`urllib.robotparser`, including ``Crawl-delay``), at least ``delay``
seconds between two requests to the same host, a timeout and a size limit per
page. Resumable: a page whose file already exists is not downloaded again.
Each page is handed to ``save`` (which writes it to disk) as soon as it
arrives, before anything parses it, so an interrupted run loses nothing.

The URL list has one page per line: ``URL`` or ``URL OUTLET`` (whitespace
separated); ``#`` starts a comment line. Pages are saved as
``<outlet>/<host>_<path>_<hash>.html``, so the folder name gives the outlet
when the folder is ingested, and a ``pages.csv`` sheet records each page's URL.
"""

from __future__ import annotations

import hashlib
import re
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from framelens import __version__
from framelens.errors import ConfigError

__all__ = [
    "USER_AGENT",
    "FetchTarget",
    "FetchResult",
    "PoliteFetcher",
    "parse_url_list",
    "fetch_all",
]

USER_AGENT = f"framelens/{__version__} (research corpus builder; +https://example.org/framelens)"
# An outlet id names a folder: no leading dot, so "." and ".." cannot escape the output folder.
_OUTLET = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9_.-]*$")
_SLUG = re.compile(r"[^A-Za-z0-9]+")


@dataclass(frozen=True)
class FetchTarget:
    """One page to download: its URL, outlet and file (relative to the output folder)."""

    url: str
    outlet: str
    file: str


@dataclass(frozen=True)
class FetchResult:
    """What happened to one target: ``saved``, ``exists`` (resumed), ``disallowed`` or ``failed``."""

    url: str
    outlet: str
    file: str
    status: str
    detail: str = ""


def _file_name(url: str, outlet: str) -> str:
    parts = urlsplit(url)
    slug = _SLUG.sub("-", f"{parts.netloc}{parts.path}").strip("-")[:80] or "page"
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:10]
    return f"{outlet}/{slug}_{digest}.html"


def parse_url_list(lines: Iterable[tuple[int, str]], *, outlet: str | None = None,
                   source: str = "URL list") -> list[FetchTarget]:
    """Parse ``(line number, text)`` lines into targets; duplicates are kept once.

    Raises :class:`ConfigError` naming the line for a URL that is not http(s),
    a missing outlet (neither on the line nor ``outlet``) or a bad outlet id.
    """
    targets: dict[str, FetchTarget] = {}
    for lineno, text in lines:
        fields = text.split()
        if len(fields) > 2:
            raise ConfigError(f"{source} line {lineno}: expected 'URL' or 'URL OUTLET', got {text!r}")
        url = fields[0]
        name = fields[1] if len(fields) == 2 else outlet
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
            raise ConfigError(f"{source} line {lineno}: {url!r} is not an http(s) URL")
        if not name:
            raise ConfigError(f"{source} line {lineno}: no outlet for {url!r}; write 'URL OUTLET' or pass --outlet")
        if not _OUTLET.match(name):
            raise ConfigError(f"{source} line {lineno}: outlet {name!r} must use letters, digits, _ . - only "
                              f"and not start with a dot")
        targets.setdefault(url, FetchTarget(url=url, outlet=name, file=_file_name(url, name)))
    return list(targets.values())


@dataclass
class PoliteFetcher:
    """Downloads with one user agent, robots.txt obeyed and a per-host delay.

    ``clock`` and ``sleep`` can be replaced (tests); ``opener`` defaults to
    :func:`urllib.request.build_opener` (which honours the usual proxy
    environment variables).
    """

    user_agent: str = USER_AGENT
    delay: float = 1.0
    timeout: float = 20.0
    max_bytes: int = 5_000_000
    opener: urllib.request.OpenerDirector | None = None
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _robots: dict[str, urllib.robotparser.RobotFileParser] = field(default_factory=dict, repr=False)
    _last: dict[str, float] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.delay < 0 or self.timeout <= 0 or self.max_bytes <= 0:
            raise ConfigError("fetch delay must be >= 0, timeout and max_bytes > 0")
        if self.opener is None:
            self.opener = urllib.request.build_opener()

    def _wait(self, host: str, robots: urllib.robotparser.RobotFileParser | None) -> None:
        delay = self.delay
        crawl = robots.crawl_delay(self.user_agent) if robots is not None else None
        if crawl is not None:
            delay = max(delay, float(crawl))
        last = self._last.get(host)
        if last is not None:
            wait = last + delay - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()

    def _get(self, url: str, robots: urllib.robotparser.RobotFileParser | None) -> tuple[int, bytes]:
        host = urlsplit(url).netloc
        self._wait(host, robots)
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent,
                                                       "Accept": "text/html,*/*;q=0.5"})
        assert self.opener is not None
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                data = response.read(self.max_bytes + 1)
                return int(response.status), data
        except urllib.error.HTTPError as exc:
            return int(exc.code), b""

    def robots(self, url: str) -> urllib.robotparser.RobotFileParser:
        """The parsed robots.txt of ``url``'s host (fetched once per host, same user agent and delay)."""
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        if key not in self._robots:
            parser = urllib.robotparser.RobotFileParser(f"{key}/robots.txt")
            try:
                status, body = self._get(f"{key}/robots.txt", None)
            except (urllib.error.URLError, OSError):
                status, body = 0, b""
            if status in (401, 403) or status >= 500 or status == 0:
                parser.disallow_all = True  # unreachable or forbidden robots.txt: stay away
            elif 400 <= status < 500:
                parser.allow_all = True  # no robots.txt: everything is allowed
            else:
                parser.parse(body.decode("utf-8", errors="replace").splitlines())
            self._robots[key] = parser
        return self._robots[key]

    def fetch(self, url: str) -> tuple[str, bytes, str]:
        """Return ``(status, body, detail)``; status is ``ok``, ``disallowed`` (robots.txt) or ``failed``."""
        robots = self.robots(url)
        if not robots.can_fetch(self.user_agent, url):
            return "disallowed", b"", "robots.txt disallows this URL for our user agent"
        try:
            status, body = self._get(url, robots)
        except (urllib.error.URLError, OSError) as exc:
            return "failed", b"", f"network error: {getattr(exc, 'reason', exc)}"
        if status != 200:
            return "failed", b"", f"HTTP {status}"
        if len(body) > self.max_bytes:
            return "failed", b"", f"page larger than {self.max_bytes} bytes"
        return "ok", body, ""


def fetch_all(
    targets: Sequence[FetchTarget],
    fetcher: PoliteFetcher,
    *,
    exists: Callable[[str], bool],
    save: Callable[[FetchTarget, bytes], None],
) -> list[FetchResult]:
    """Download every target not already saved; ``save`` each page as soon as it arrives."""
    results: list[FetchResult] = []
    for target in targets:
        if exists(target.file):
            results.append(FetchResult(target.url, target.outlet, target.file, "exists"))
            continue
        status, body, detail = fetcher.fetch(target.url)
        if status == "ok":
            save(target, body)
            status = "saved"
        results.append(FetchResult(target.url, target.outlet, target.file, status, detail))
    return results
