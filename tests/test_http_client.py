"""The polite, bounded HTTP client (sitegen.subscribe.http): conditional GETs, compressed
bodies and bombs, retries, per-host limits and spacing, robots.txt and the log.  Real servers
on 127.0.0.1 and 127.0.0.2 (the whole of 127/8 is this machine)."""

from __future__ import annotations

import email.utils
import gzip
import itertools
import re
import socket
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sitegen.ingest.fetch import USER_AGENT
from sitegen.subscribe import http
from sitegen.subscribe.http import Client, FetchError, Politeness

Reply = tuple[int, dict[str, str], bytes]
Route = Callable[[BaseHTTPRequestHandler], Reply]
FAST = Politeness(delay=0.0, backoff=0.01, timeout=5.0)
FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title></channel></rss>'
LAST_MODIFIED = "Tue, 01 Dec 2026 10:00:00 GMT"


class Site:
    """A test server: answers each path with its route, and notes every request it saw and how
    many were in hand at once (from arrival until just before the answer is written, so never
    more than the client has in flight)."""

    def __init__(self, host: str, routes: dict[str, Route]) -> None:
        self.routes = routes
        self.paths: list[str] = []
        self.starts: list[float] = []
        self.headers: list[dict[str, str]] = []
        self.inside = 0
        self.peak = 0
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                with site.lock:
                    site.paths.append(self.path)
                    site.starts.append(time.monotonic())
                    site.headers.append(dict(self.headers))
                    site.inside += 1
                    site.peak = max(site.peak, site.inside)
                try:
                    route = site.routes.get(self.path)
                    status, headers, body = route(self) if route else (404, {}, b"")
                finally:
                    with site.lock:
                        site.inside -= 1
                try:
                    self.send_response(status)
                    for name, value in {"Content-Length": str(len(body)), **headers}.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # the client gave up (a time-out test)

        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()
        self.host = f"{host}:{self.httpd.server_address[1]}"
        self.url = f"http://{self.host}"

    def count(self, path: str) -> int:
        with self.lock:
            return self.paths.count(path)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve() -> Iterator[Callable[..., Site]]:
    sites: list[Site] = []

    def start(routes: dict[str, Route], host: str = "127.0.0.1") -> Site:
        sites.append(Site(host, routes))
        return sites[-1]

    yield start
    for site in sites:
        site.close()


def ok(body: bytes = b"hello", **headers: str) -> Route:
    return answer(200, body, **headers)


def answer(status: int, body: bytes = b"", **headers: str) -> Route:
    return lambda _: (status, headers, body)


def sequence(*routes: Route) -> Route:
    """Answers with each route in turn, then with the last one again and again."""
    seen: list[int] = []

    def route(handler: BaseHTTPRequestHandler) -> Reply:
        seen.append(1)
        return routes[min(len(seen), len(routes)) - 1](handler)

    return route


def slow(seconds: float, then: Route | None = None) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> Reply:
        time.sleep(seconds)
        return (then or ok(b"slow"))(handler)

    return route


def in_threads(count: int, work: Callable[[int], object]) -> list[object]:
    results: list[object] = [None] * count

    def run(i: int) -> None:
        results[i] = work(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- requests and answers --------------------------------------------------------------------


def test_headers_sent_and_a_plain_answer(serve: Callable[..., Site]) -> None:
    site = serve({"/feed": ok(FEED, **{"Content-Type": "application/rss+xml; charset=utf-8"})})
    response = Client(FAST).get(f"{site.url}/feed")
    assert (response.status, response.body, response.url) == (200, FEED, f"{site.url}/feed")
    assert response.content_type == "application/rss+xml"
    assert site.headers[0]["User-Agent"] == USER_AGENT
    assert site.headers[0]["Accept-Encoding"] == "gzip, deflate"
    assert "If-None-Match" not in site.headers[0]
    assert Client(FAST).get(f"{site.url}/feed").etag is None


def test_no_content_type_is_empty(serve: Callable[..., Site]) -> None:
    site = serve({"/x": ok()})
    assert Client(FAST).get(f"{site.url}/x").content_type == ""


def test_conditional_get_with_an_etag(serve: Callable[..., Site]) -> None:
    def route(handler: BaseHTTPRequestHandler) -> Reply:
        if handler.headers.get("If-None-Match") == '"v1"':
            return 304, {"ETag": '"v1"'}, b""
        return 200, {"ETag": '"v1"', "Content-Type": "application/rss+xml"}, FEED

    site = serve({"/feed": route})
    client = Client(FAST)
    first = client.get(f"{site.url}/feed")
    assert (first.status, first.etag, first.body) == (200, '"v1"', FEED)
    again = client.get(f"{site.url}/feed", etag=first.etag)
    assert (again.status, again.body, again.etag) == (304, b"", '"v1"')


def test_conditional_get_with_last_modified(serve: Callable[..., Site]) -> None:
    def route(handler: BaseHTTPRequestHandler) -> Reply:
        if handler.headers.get("If-Modified-Since") == LAST_MODIFIED:
            return 304, {}, b""  # no validators repeated: the ones sent still stand
        return 200, {"Last-Modified": LAST_MODIFIED}, FEED

    site = serve({"/feed": route})
    client = Client(FAST)
    first = client.get(f"{site.url}/feed")
    assert (first.status, first.last_modified) == (200, LAST_MODIFIED)
    again = client.get(f"{site.url}/feed", etag='"old"', last_modified=first.last_modified)
    assert (again.status, again.body) == (304, b"")
    assert (again.etag, again.last_modified) == ('"old"', LAST_MODIFIED)
    assert site.headers[1]["If-None-Match"] == '"old"'


def _raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize(
    ("coding", "pack"),
    [
        ("gzip", gzip.compress),
        ("x-gzip", lambda d: gzip.compress(d[:100]) + gzip.compress(d[100:])),  # two members
        ("deflate", zlib.compress),
        ("deflate", _raw_deflate),
    ],
    ids=["gzip", "gzip-members", "deflate-zlib", "deflate-raw"],
)
def test_compressed_bodies(
    serve: Callable[..., Site], coding: str, pack: Callable[[bytes], bytes]
) -> None:
    body = FEED * 50
    site = serve({"/feed": ok(pack(body), **{"Content-Encoding": coding})})
    assert Client(FAST).get(f"{site.url}/feed").body == body


@pytest.mark.parametrize(
    ("coding", "data", "message"),
    [
        ("br", b"\x0b\x02\x80hello\x03", "unsupported Content-Encoding 'br'"),
        ("gzip", gzip.compress(FEED)[:-12], "gzip body is cut short"),
        ("gzip", b"not gzip at all", "broken gzip body"),
    ],
    ids=["unknown", "truncated", "broken"],
)
def test_bodies_that_cannot_be_undone(
    serve: Callable[..., Site], coding: str, data: bytes, message: str
) -> None:
    site = serve({"/feed": ok(data, **{"Content-Encoding": coding})})
    with pytest.raises(FetchError, match=message):
        Client(FAST).get(f"{site.url}/feed")


def _bomb(megabytes: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(2**20)
    return b"".join([*(packer.compress(zeros) for _ in range(megabytes)), packer.flush()])


def test_a_gzip_bomb_stops_at_the_cap_in_small_memory(serve: Callable[..., Site]) -> None:
    bomb = _bomb(50)
    assert len(bomb) < 100_000
    site = serve({"/bomb": ok(bomb, **{"Content-Encoding": "gzip"})})
    client = Client(Politeness(delay=0.0, max_bytes=2**20))
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="larger than 1 MB"):
            client.get(f"{site.url}/bomb")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 6 * 2**20


def test_a_plain_body_over_the_cap(serve: Callable[..., Site]) -> None:
    site = serve({"/big": ok(b"x" * (2**20 + 1))})
    with pytest.raises(FetchError, match="larger than 1 MB, skipped"):
        Client(Politeness(delay=0.0, max_bytes=2**20)).get(f"{site.url}/big")


def test_redirects_lead_across_hosts_through_each_gate(serve: Callable[..., Site]) -> None:
    there = serve({"/feed": ok(FEED)}, host="127.0.0.2")
    here = serve({"/old": answer(301, Location=f"{there.url}/feed")})
    client = Client(FAST)
    response = client.get(f"{here.url}/old")
    assert (response.url, response.body) == (f"{there.url}/feed", FEED)
    assert client.peak_in_flight() == {here.host: 1, there.host: 1}


# --- retries -------------------------------------------------------------------------------


def test_a_server_error_is_retried(serve: Callable[..., Site]) -> None:
    site = serve({"/feed": sequence(answer(500, b"oops"), ok(FEED))})
    assert Client(FAST).get(f"{site.url}/feed").body == FEED
    assert site.count("/feed") == 2


def test_retries_run_out(serve: Callable[..., Site]) -> None:
    site = serve({"/down": answer(500)})
    with pytest.raises(FetchError, match=r"^HTTP 500 Internal Server Error$") as caught:
        Client(FAST).get(f"{site.url}/down")
    assert caught.value.status == 500
    assert site.count("/down") == 1 + FAST.retries


def test_retry_after_is_waited_for(serve: Callable[..., Site]) -> None:
    site = serve({"/feed": sequence(answer(503, **{"Retry-After": "1"}), ok(FEED))})
    started = time.monotonic()
    assert Client(FAST).get(f"{site.url}/feed").body == FEED
    assert time.monotonic() - started >= 1.0
    assert site.count("/feed") == 2


def test_a_retry_after_too_far_off_is_not_waited_for(serve: Callable[..., Site]) -> None:
    in_an_hour = email.utils.formatdate(time.time() + 3600, usegmt=True)
    site = serve(
        {
            "/seconds": answer(429, **{"Retry-After": "3600"}),
            "/date": answer(503, **{"Retry-After": in_an_hour}),
        }
    )
    client = Client(Politeness(delay=0.0, backoff=0.01, max_retry_after=10.0))
    for path, status in (("/seconds", 429), ("/date", 503)):
        with pytest.raises(FetchError, match=rf"^HTTP {status} .*retry after 3[56]\d\d s") as e:
            client.get(f"{site.url}{path}")
        assert e.value.status == status and site.count(path) == 1


def test_a_client_error_is_not_retried(serve: Callable[..., Site]) -> None:
    site = serve({})
    with pytest.raises(FetchError, match="HTTP 404 Not Found") as caught:
        Client(FAST).get(f"{site.url}/missing")
    assert caught.value.status == 404 and site.count("/missing") == 1


def test_a_time_out_is_retried(serve: Callable[..., Site]) -> None:
    site = serve({"/feed": sequence(slow(1.0), ok(FEED))})
    lines: list[str] = []
    client = Client(Politeness(delay=0.0, backoff=0.01, timeout=0.3), log=lines.append)
    assert client.get(f"{site.url}/feed").body == FEED
    assert "took longer than 0.3 s, stopped" in lines[0] and " -> 200, " in lines[1]


def test_a_refused_connection_is_retried_then_reported() -> None:
    lines: list[str] = []
    url = f"http://127.0.0.1:{closed_port()}/feed"
    with pytest.raises(FetchError, match=r"^cannot fetch: .*refused") as caught:
        Client(FAST, log=lines.append).get(url)
    assert caught.value.status is None and len(lines) == 1 + FAST.retries


def test_a_backoff_does_not_hold_the_hosts_place(
    serve: Callable[..., Site], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = serve({"/flaky": sequence(answer(500), ok(b"at last")), "/ok": ok(b"meanwhile")})
    client = Client(Politeness(per_host=1, delay=0.0))
    meanwhile: list[bytes] = []

    def backoff(seconds: float) -> None:  # another request to the host while the first waits
        other = threading.Thread(target=lambda: meanwhile.append(client.get(f"{site.url}/ok").body))
        other.start()
        other.join(10)

    monkeypatch.setattr(http.time, "sleep", backoff)
    assert client.get(f"{site.url}/flaky").body == b"at last"
    assert meanwhile == [b"meanwhile"]
    assert site.paths == ["/flaky", "/ok", "/flaky"]


# --- politeness ------------------------------------------------------------------------------


def test_at_most_per_host_requests_in_flight(serve: Callable[..., Site]) -> None:
    site = serve({"/slow": slow(0.2)})
    client = Client(Politeness(per_host=2, delay=0.0))
    results = in_threads(10, lambda _: client.get(f"{site.url}/slow").body)
    assert results == [b"slow"] * 10
    assert site.peak == 2 and site.count("/slow") == 10
    assert client.peak_in_flight() == {site.host: 2}


def test_the_delay_spaces_request_starts(serve: Callable[..., Site]) -> None:
    site = serve({"/ok": ok()})
    client = Client(Politeness(per_host=4, delay=0.15))
    in_threads(4, lambda _: client.get(f"{site.url}/ok"))
    starts = sorted(site.starts)
    assert len(starts) == 4
    assert all(b - a >= 0.1 for a, b in itertools.pairwise(starts))


def test_two_hosts_do_not_wait_on_each_other(serve: Callable[..., Site]) -> None:
    second_arrived = threading.Event()

    def first(_: BaseHTTPRequestHandler) -> Reply:
        return 200, {}, b"overlapped" if second_arrived.wait(5) else b"waited"

    def second(_: BaseHTTPRequestHandler) -> Reply:
        second_arrived.set()
        return 200, {}, b"second"

    one = serve({"/a": first}, host="127.0.0.1")
    two = serve({"/b": second}, host="127.0.0.2")
    client = Client(Politeness(per_host=1, delay=10.0))
    got: list[bytes] = []
    worker = threading.Thread(target=lambda: got.append(client.get(f"{one.url}/a").body))
    worker.start()
    while not one.count("/a"):
        time.sleep(0.01)
    assert client.get(f"{two.url}/b").body == b"second"
    worker.join(10)
    assert got == [b"overlapped"]


# --- robots.txt ------------------------------------------------------------------------------

ROBOTS = b"""User-agent: *
Disallow: /

User-agent: sitegen
Disallow: /private
Allow: /
"""


def test_robots_rules_for_sitegen(serve: Callable[..., Site]) -> None:
    site = serve({"/robots.txt": ok(ROBOTS, **{"Content-Type": "text/plain"})})
    client = Client(FAST)
    assert client.allowed(f"{site.url}/news/1")
    assert not client.allowed(f"{site.url}/private/2")
    assert site.count("/robots.txt") == 1


@pytest.mark.parametrize(
    ("status", "allowed"), [(404, True), (410, True), (403, True), (500, False)]
)
def test_robots_missing_or_failing(serve: Callable[..., Site], status: int, allowed: bool) -> None:
    site = serve({"/robots.txt": answer(status, b"User-agent: *\nDisallow: /\n")})
    assert Client(FAST).allowed(f"{site.url}/news/1") is allowed


def test_robots_unreachable_allows_nothing() -> None:
    assert not Client(FAST).allowed(f"http://127.0.0.1:{closed_port()}/news/1")


def test_robots_after_a_redirect(serve: Callable[..., Site]) -> None:
    site = serve(
        {
            "/robots.txt": answer(301, Location="/robots-real.txt"),
            "/robots-real.txt": ok(b"User-agent: sitegen\nDisallow: /drafts\n"),
        }
    )
    client = Client(FAST)
    assert not client.allowed(f"{site.url}/drafts/x") and client.allowed(f"{site.url}/x")


def test_robots_past_512_kb_is_ignored(serve: Callable[..., Site]) -> None:
    padding = b"# " + b"-" * (600 * 1024) + b"\n"
    body = b"User-agent: sitegen\nDisallow: /early\n" + padding + b"Disallow: /late\n"
    site = serve({"/robots.txt": ok(body)})
    client = Client(FAST)
    assert not client.allowed(f"{site.url}/early") and client.allowed(f"{site.url}/late")


def test_robots_is_fetched_once_under_concurrency(serve: Callable[..., Site]) -> None:
    site = serve({"/robots.txt": slow(0.2, ok(b"User-agent: *\nDisallow: /private\n"))})
    client = Client(FAST)
    results = in_threads(8, lambda i: client.allowed(f"{site.url}/{'private' if i % 2 else 'a'}"))
    assert results == [True, False] * 4
    assert site.count("/robots.txt") == 1


# --- the log ---------------------------------------------------------------------------------


def test_one_log_line_per_request(serve: Callable[..., Site]) -> None:
    site = serve({"/ok": ok(b"hello")})
    lines: list[str] = []
    client = Client(FAST, log=lines.append)
    client.get(f"{site.url}/ok")
    with pytest.raises(FetchError):
        client.get(f"{site.url}/gone")
    assert len(lines) == 2
    assert re.fullmatch(rf"GET {site.url}/ok -> 200, 5 bytes, \d+ ms", lines[0])
    assert re.fullmatch(rf"GET {site.url}/gone -> HTTP 404 Not Found, 0 bytes, \d+ ms", lines[1])
