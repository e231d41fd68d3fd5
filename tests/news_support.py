"""A news site on 127.0.0.1 for ``sitegen update``: feeds of every dialect, feeds that fail,
and item pages that are real saved pages from ``../shared/eval``.

The server honours ``If-None-Match`` and ``If-Modified-Since`` and counts what it is asked
(each path, the conditional requests, the 304s, the most requests in flight at once), so
that tests and the benchmark can see what an update did on the wire.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
PAGES = EVAL / "readability-dev" / "html"
GOLD = EVAL / "readability-dev" / "gold"
MODIFIED = email.utils.formatdate(1_700_000_000, usegmt=True)


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of a feed: a teaser linking to a saved page (or full content)."""

    guid: str
    title: str
    page: str | None = None
    """The stem of a page in readability-dev/html served at ``/pages/<stem>.html``."""
    content: str = ""
    """Full text carried by the feed itself (then no page is needed)."""
    categories: tuple[str, ...] = ()


@dataclass
class NewsSite:
    """What the server serves (mutable: a test adds items between updates) and what it saw."""

    feeds: dict[str, tuple[str, list[Item]]] = field(default_factory=dict)
    """Path -> (dialect: rss2, rss1, atom, entities; list of items)."""
    pages: dict[str, bytes] = field(default_factory=dict)
    """Path -> a page of its own (else ``/pages/<stem>.html`` serves a saved page)."""
    delay: float = 0.0
    """Seconds added to every response."""
    robots: bytes | int = b"User-agent: *\nDisallow: /private/\n"
    """What ``/robots.txt`` answers: its text, or an HTTP status."""
    hits: Counter[str] = field(default_factory=Counter)
    conditional: Counter[str] = field(default_factory=Counter)
    not_modified: Counter[str] = field(default_factory=Counter)
    in_flight: Counter[str] = field(default_factory=Counter)
    peak: Counter[str] = field(default_factory=Counter)
    """Host -> the most requests in flight at once."""
    lock: threading.Lock = field(default_factory=threading.Lock)
    base: str = ""

    def url(self, path: str) -> str:
        return self.base + path


def _link(site: NewsSite, item: Item) -> str:
    if item.page and item.page.startswith("/"):
        return site.url(item.page)  # a page of the site's own
    return site.url(f"/pages/{item.page}.html") if item.page else site.url(f"/a/{item.guid}")


def _rss2(site: NewsSite, items: list[Item], entities: bool = False) -> str:
    def one(item: Item) -> str:
        link = _link(site, item)
        title = escape(item.title)
        if entities:  # entities of HTML inside the XML, as many feeds write them
            title = title.replace("&#x27;", "&amp;#8217;").replace(" new ", " n&amp;eacute;w ")
        cats = "".join(f"<category>{escape(c)}</category>" for c in item.categories)
        text = escape(item.content) if item.content else escape(f"{item.title}. Read more.")
        return (
            f"<item><guid isPermaLink='false'>{escape(item.guid)}</guid><title>{title}</title>"
            f"<link>{escape(link)}</link><description>{text}</description>{cats}"
            "<pubDate>Tue, 14 Nov 2023 22:13:20 GMT</pubDate></item>"
        )

    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Harbour Wire</title><link>{site.url('/')}</link><description>News</description>"
        + "".join(one(i) for i in items)
        + "</channel></rss>"
    )


def _rss1(site: NewsSite, items: list[Item]) -> str:
    def one(item: Item) -> str:
        link = escape(site.url(f"/pages/{item.page}.html"))
        return (
            f"<item rdf:about='{link}'><title>{escape(item.title)}</title><link>{link}</link>"
            f"<description>{escape(item.title)}.</description>"
            "<dc:date>2023-11-14T22:13:20Z</dc:date></item>"
        )

    return (
        "<?xml version='1.0'?><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'"
        " xmlns='http://purl.org/rss/1.0/' xmlns:dc='http://purl.org/dc/elements/1.1/'>"
        f"<channel rdf:about='{escape(site.url('/'))}'><title>Valley Post</title>"
        f"<link>{escape(site.url('/'))}</link><description>d</description></channel>"
        + "".join(one(i) for i in items)
        + "</rdf:RDF>"
    )


def _atom(site: NewsSite, items: list[Item]) -> str:
    def one(item: Item) -> str:
        link = _link(site, item)
        if item.content:
            paragraphs = "".join(f"<p>{escape(p)}</p>" for p in item.content.split("\n\n"))
            body = f"<content type='html'>{escape(paragraphs)}</content>"
        else:
            body = f"<summary>{escape(item.title)}.</summary>"
        return (
            f"<entry><id>{escape(item.guid)}</id><title>{escape(item.title)}</title>"
            f"<link href='{escape(link)}'/><updated>2023-11-14T22:13:20Z</updated>{body}</entry>"
        )

    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>Coast Courier</title><id>{escape(site.url('/atom'))}</id>"
        "<updated>2023-11-14T22:13:20Z</updated>" + "".join(one(i) for i in items) + "</feed>"
    )


def feed_body(site: NewsSite, dialect: str, items: list[Item]) -> bytes:
    if dialect == "rss1":
        return _rss1(site, items).encode()
    if dialect == "atom":
        return _atom(site, items).encode()
    return _rss2(site, items, entities=dialect == "entities").encode()


def _handler(site: NewsSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            host = self.headers.get("Host", "")
            with site.lock:
                site.hits[self.path] += 1
                site.in_flight[host] += 1
                site.peak[host] = max(site.peak[host], site.in_flight[host])
                if self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"):
                    site.conditional[self.path] += 1
            try:
                if site.delay:
                    time.sleep(site.delay)
                self._answer()
            finally:
                with site.lock:
                    site.in_flight[host] -= 1

        def _answer(self) -> None:
            path = self.path
            if path == "/robots.txt":
                if isinstance(site.robots, int):
                    return self._status(site.robots)
                return self._send(site.robots, "text/plain")
            if path in site.pages:
                return self._send(site.pages[path], "text/html; charset=utf-8")
            if path.startswith("/pages/"):
                page = PAGES / Path(path).name
                if page.is_file():
                    return self._send(page.read_bytes(), "text/html; charset=utf-8")
                return self._status(404)
            if path == "/feeds/old.xml":
                self.send_response(301)
                self.send_header("Location", site.url("/feeds/moved.xml"))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            if path == "/feeds/fail.xml":
                return self._status(500)
            if path == "/feeds/hang.xml":
                time.sleep(6)
                return self._status(200)
            if path == "/feeds/notxml.xml":
                return self._send(b"this is not a feed, nor XML at all", "text/plain")
            if path in site.feeds:
                dialect, items = site.feeds[path]
                body = feed_body(site, dialect, items)
                tag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == tag:
                    with site.lock:
                        site.not_modified[path] += 1
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return None
                gzipped = path.endswith(".gz.xml")
                if gzipped:
                    body = gzip.compress(body)
                ctype = "application/atom+xml" if dialect == "atom" else "application/rss+xml"
                headers = {"ETag": tag, "Last-Modified": MODIFIED}
                if gzipped:
                    headers["Content-Encoding"] = "gzip"
                return self._send(body, ctype, headers)
            return self._status(404)

        def _status(self, code: int) -> None:
            self.send_response(code)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _send(self, body: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            with suppress(OSError):
                self.wfile.write(body)

    return Handler


class _Server(ThreadingHTTPServer):
    request_queue_size = 128  # many clients at once, as a real site takes them
    daemon_threads = True


@contextmanager
def serving(site: NewsSite, host: str = "127.0.0.1") -> Iterator[NewsSite]:
    """Serve ``site`` on a free port of ``host`` while the block runs."""
    server = _Server((host, 0), _handler(site))
    site.base = f"http://{host}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def page_stems(count: int, skip: int = 0) -> list[str]:
    """The first ``count`` readability-dev pages (sorted), after ``skip``."""
    return sorted(p.stem for p in PAGES.glob("*.html"))[skip : skip + count]


def gold_text(stem: str) -> str:
    return (GOLD / f"{stem}.txt").read_text(encoding="utf-8")
