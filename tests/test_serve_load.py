"""``sitegen serve`` under load and against slow or malformed clients, over real sockets.

Nothing here asserts a speed: socket timeouts are generous (10 s) and only turn a server
that blocks into a failure instead of a hang.  Server time limits that a test needs to
see expire are patched small (they are module constants of ``sitegen.serve.server``,
``reader`` and ``streams``).
"""

from __future__ import annotations

import contextlib
import http.client
import io
import json
import random
import select
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitegen.serve import Preview, reader, server, streams
from sitegen.serve.publish import Channel, Snapshot
from sitegen.serve.reload import EVENTS, STATUS, inject
from tests.serve_support import copy_site, running

A = "000_5f3b1df48785fd76"
WAIT = 10.0
"""Socket timeout of every client: only reached if the server blocks."""


@pytest.fixture(scope="module")
def served(demo_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    """One preview shared by the tests of this module (none of them changes the site)."""
    site = copy_site(demo_site, tmp_path_factory.mktemp("load") / "site")
    with running(site) as preview:
        assert preview.channel.current().settled
        yield preview


def address(preview: Preview) -> tuple[str, int]:
    assert preview.server is not None
    host, port = preview.server.server_address[:2]
    return str(host), port


def connect(preview: Preview) -> socket.socket:
    return socket.create_connection(address(preview), timeout=WAIT)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def read_answer(stream: io.BufferedReader, head: bool = False) -> Answer:
    """One response from a raw connection, framed by its Content-Length."""
    status_line = stream.readline()
    assert status_line.startswith(b"HTTP/1.1 "), status_line
    headers: dict[str, str] = {}
    while (line := stream.readline()) not in (b"\r\n", b""):
        name, value = line.decode("latin-1").split(":", 1)
        headers[name.strip().lower()] = value.strip()
    length = 0 if head else int(headers["content-length"])
    body = stream.read(length)
    assert len(body) == length, "response cut short"
    return Answer(int(status_line.split()[1]), headers, body)


def exchange(preview: Preview, data: bytes) -> tuple[Answer, bool]:
    """Send raw bytes on a new connection: the answer, and whether the server then closed."""
    with connect(preview) as sock, sock.makefile("rb") as stream:
        sock.sendall(data)
        answer = read_answer(stream)
        closed = answer.headers.get("connection") == "close"
        if closed:
            assert stream.read() == b"", "data after a closing answer"
        return answer, closed


def expected(snap: Snapshot, key: str, missing: bool = False) -> bytes:
    """The body served for ``key``: the snapshot's bytes, with the reload script in HTML."""
    if missing:
        return inject(snap.outputs["404.html"], key, snap.epoch)
    body = snap.outputs[key]
    return inject(body, key, snap.epoch) if key.endswith(".html") else body


def assert_healthy(preview: Preview) -> None:
    """A normal request on a fresh connection gets the right page."""
    conn = http.client.HTTPConnection(*address(preview), timeout=WAIT)
    conn.request("GET", f"/articles/{A}/")
    response = conn.getresponse()
    body = response.read()
    conn.close()
    assert response.status == 200
    assert body == expected(preview.channel.current(), f"articles/{A}/index.html")


@dataclass(frozen=True)
class Case:
    method: str
    path: str
    status: int
    body: bytes
    location: str | None = None


def load_cases(snap: Snapshot) -> list[Case]:
    """Every file (GET and HEAD), directory URLs, redirects, missing paths, the status."""
    cases: list[Case] = []
    for key in snap.outputs:
        body = expected(snap, key)
        cases += [Case("GET", "/" + key, 200, body), Case("HEAD", "/" + key, 200, body)]
        if key.endswith("index.html"):
            folder = "/" + key.removesuffix("index.html")
            cases.append(Case("GET", folder, 200, body))
            if folder != "/":
                cases.append(Case("GET", folder.rstrip("/"), 301, b"", folder))
    for n in range(10):
        key = f"no/such/page-{n}.html"
        cases += [Case("GET", "/" + key, 404, expected(snap, key, missing=True))]
        cases += [Case("HEAD", "/" + key, 404, expected(snap, key, missing=True))]
    cases.append(Case("GET", STATUS, 200, b""))
    return cases


CLIENTS = 50
PER_CLIENT = 40


def test_two_thousand_requests_from_fifty_clients(served: Preview) -> None:
    """2,000 requests from 50 concurrent clients: every one answered, and answered right."""
    snap = served.channel.current()
    cases = load_cases(snap)
    done: list[int] = []
    errors: list[str] = []
    start = threading.Barrier(CLIENTS)

    def client(number: int) -> None:
        picks = random.Random(number).choices(cases, k=PER_CLIENT)
        conn = http.client.HTTPConnection(*address(served), timeout=WAIT)
        start.wait(WAIT)
        for i, case in enumerate(picks):
            if i % 10 == 9:  # a new connection now and then, besides keep-alive ones
                conn.close()
            try:
                conn.request(case.method, case.path)
                response = conn.getresponse()
                body = response.read()
                problem = check(case, response, body)
            except (OSError, http.client.HTTPException) as exc:
                problem = repr(exc)
                conn.close()
            if problem:
                errors.append(f"{case.method} {case.path}: {problem}")
            done.append(1)
        conn.close()

    def check(case: Case, response: http.client.HTTPResponse, body: bytes) -> str | None:
        if response.status != case.status:
            return f"status {response.status}"
        if case.location is not None and response.headers["Location"] != case.location:
            return f"location {response.headers['Location']}"
        if case.path == STATUS:
            status = json.loads(body)
            ok = (status["epoch"], status["files"]) == (snap.epoch, len(snap.outputs))
            return None if ok else f"status {status}"
        if int(response.headers["Content-Length"]) != len(case.body):
            return f"Content-Length {response.headers['Content-Length']}"
        if body != (b"" if case.method == "HEAD" else case.body):
            return f"body of {len(body)} bytes differs"
        return None

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not any(t.is_alive() for t in threads), "clients still running"
    assert errors == []
    assert len(done) == CLIENTS * PER_CLIENT == 2000
    assert served.channel.current() is snap  # the expected bodies were the served ones


def test_pipelined_requests_are_answered_in_order(served: Preview) -> None:
    """Several requests in one write, including refused ones whose bodies are skipped."""
    snap = served.channel.current()
    requests = (
        b"GET /robots.txt HTTP/1.1\r\nHost: x\r\n\r\n"
        b"HEAD /assets/style.css HTTP/1.1\r\nHost: x\r\n\r\n"
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
        b"GET /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
        b"\r\n"  # a stray empty line between requests is tolerated
        b"GET /no/such.html HTTP/1.1\r\nHost: x\r\n\r\n"
        b"GET /assets/style.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    with connect(served) as sock, sock.makefile("rb") as stream:
        sock.sendall(requests)
        answers = [read_answer(stream, head=n == 1) for n in range(6)]
        assert stream.read() == b""
    assert [a.status for a in answers] == [200, 200, 405, 400, 404, 200]
    assert answers[0].body == snap.outputs["robots.txt"]
    assert int(answers[1].headers["content-length"]) == len(snap.outputs["assets/style.css"])
    assert answers[2].headers["allow"] == "GET, HEAD"
    assert answers[4].body == expected(snap, "no/such.html", missing=True)
    assert answers[5].body == snap.outputs["assets/style.css"]


def test_slow_and_silent_clients_do_not_block_others(served: Preview) -> None:
    """25 silent connections and 25 that trickle a request byte by byte; meanwhile 200
    normal requests from 10 clients are all answered."""
    silent = [connect(served) for _ in range(25)]
    trickling = [connect(served) for _ in range(25)]
    for sock in trickling:
        sock.sendall(b"GET /index.html HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    stop = threading.Event()

    def trickle() -> None:
        while not stop.wait(0.05):
            for sock in trickling:
                with contextlib.suppress(OSError):
                    sock.send(b"z")

    trickler = threading.Thread(target=trickle)
    trickler.start()
    statuses: list[int] = []

    def load() -> None:
        conn = http.client.HTTPConnection(*address(served), timeout=WAIT)
        for path in ("/", "/assets/style.css", f"/articles/{A}/", "/robots.txt") * 5:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            statuses.append(response.status)
        conn.close()

    try:
        clients = [threading.Thread(target=load) for _ in range(10)]
        for t in clients:
            t.start()
        for t in clients:
            t.join(60)
    finally:
        stop.set()
        trickler.join()
        for sock in silent + trickling:
            sock.close()
    assert statuses == [200] * 200


def test_idle_connections_are_closed(served: Preview, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new connection that sends nothing, and a kept-alive one after its answer, are closed
    by the server once IDLE_TIMEOUT passes, without an answer."""
    monkeypatch.setattr(reader, "IDLE_TIMEOUT", 0.5)  # the request below is sent well before
    with connect(served) as fresh, connect(served) as used, used.makefile("rb") as stream:
        used.sendall(b"GET /robots.txt HTTP/1.1\r\nHost: x\r\n\r\n")
        assert read_answer(stream).status == 200
        assert fresh.recv(100) == b""  # blocks until the server closes (or WAIT fails it)
        assert stream.read() == b""


def test_a_request_trickled_forever_is_cut_off(
    served: Preview, monkeypatch: pytest.MonkeyPatch
) -> None:
    """REQUEST_TIMEOUT bounds the whole head, so a byte every 20 ms does not keep it open."""
    monkeypatch.setattr(reader, "REQUEST_TIMEOUT", 0.3)
    with connect(served) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        for _ in range(500):  # 10 s of trickling at most
            readable, _, _ = select.select([sock], [], [], 0.02)
            if readable:
                break
            sock.sendall(b"X")
        else:
            pytest.fail("the server kept reading a request that never ends")
        with sock.makefile("rb") as stream:
            answer = read_answer(stream)
    assert answer.status == 408 and answer.headers["connection"] == "close"
    assert_healthy(served)


def test_event_stream_outlives_the_read_timeouts(
    served: Preview, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read deadlines end once a request is in: a stream stays open across many of them."""
    monkeypatch.setattr(reader, "IDLE_TIMEOUT", 0.2)
    monkeypatch.setattr(reader, "REQUEST_TIMEOUT", 0.2)
    monkeypatch.setattr(streams, "KEEPALIVE", 0.02)
    conn = http.client.HTTPConnection(*address(served), timeout=WAIT)
    conn.request("GET", f"{EVENTS}?epoch=0&page=index.html")
    response = conn.getresponse()
    assert response.status == 200
    assert response.readline().startswith(b"retry: ")
    assert response.readline() == b"\n"
    assert response.readline().startswith(b"id: ")
    comments = 0
    while comments < 40:  # at least 0.8 s: four times either read timeout
        line = response.readline()
        assert line, "the stream was closed"
        comments += line == b": keep-alive\n"
    conn.close()


MALFORMED = {
    "tls-handshake": (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(range(64)), 400),
    "garbage-line": (b"\x00\xff\xfe garbage \x01\r\n\r\n", 400),
    "empty-lines": (b"\r\n\r\n\r\n", 400),
    "one-word": (b"GET\r\n\r\n", 400),
    "four-words": (b"GET / HTTP/1.1 extra\r\nHost: x\r\n\r\n", 400),
    "double-spaces": (b"GET  /  HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    "tabs": (b"GET\t/\tHTTP/1.1\r\nHost: x\r\n\r\n", 400),
    "bad-method": (b"G(T / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    "bad-version": (b"GET / HTTP/1.x\r\nHost: x\r\n\r\n", 400),
    "not-http": (b"GET / FTP/1.1\r\nHost: x\r\n\r\n", 400),
    "bare-cr": (b"GET / HTTP/1.1\rHost: x\r\n\r\n", 400),
    "http-0.9": (b"GET /\r\n", 400),
    "http-2": (b"GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
    "h2-preface": (b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505),
    "long-request-line": (b"GET /?" + b"q" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    "huge-request-line": (b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    "long-path": (b"GET /" + b"a" * 3000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    "long-header": (b"GET / HTTP/1.1\r\nX-Long: " + b"v" * 10_000 + b"\r\n\r\n", 431),
    "many-headers": (b"GET / HTTP/1.1\r\n" + b"X-H: v\r\n" * 100 + b"\r\n", 431),
    "large-head": (b"GET / HTTP/1.1\r\n" + (b"X-H: " + b"v" * 1000 + b"\r\n") * 40 + b"\r\n", 431),
    "nul-in-path": (b"GET /index.html\x00.css HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    "nul-in-header": (b"GET / HTTP/1.1\r\nHost: x\x00y\r\n\r\n", 400),
    "raw-8-bit-path": (b"GET /caf\xe9/ HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    "space-in-path": (b"GET /a b HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    "bad-utf-8-escape": (b"GET /caf%E9/ HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    "bad-escape": (b"GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    "short-escape": (b"GET /index.html%4 HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    "header-without-colon": (b"GET / HTTP/1.1\r\nHost x\r\n\r\n", 400),
    "space-before-colon": (b"GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
    "folded-header": (b"GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n  b\r\n\r\n", 400),
    "chunked-get": (
        b"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        400,
    ),
    "bad-length": (b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400),
    "negative-length": (b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400),
    "two-lengths": (
        b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
        400,
    ),
    "huge-length": (b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999999\r\n\r\n", 413),
    "large-post": (
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 200000\r\n\r\n" + b"p" * 200_000,
        405,
    ),
    "expect-continue": (
        b"PUT /x HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n",
        417,
    ),
}


@pytest.mark.parametrize("data", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_requests_are_refused(served: Preview, data: tuple[bytes, int]) -> None:
    """Each gets its 4xx (505 for HTTP/2) as a short plain message; the connection is closed,
    or, if the request was read whole, carries on; and the server carries on."""
    request, status = data
    with connect(served) as sock, sock.makefile("rb") as stream:
        sock.sendall(request)
        answer = read_answer(stream)
        if answer.headers.get("connection") == "close":
            assert stream.read() == b"", "data after a closing answer"
        else:
            sock.sendall(b"GET /robots.txt HTTP/1.1\r\nHost: x\r\n\r\n")
            assert read_answer(stream).status == 200
    assert answer.status == status, answer
    assert answer.headers["content-type"] == "text/plain; charset=utf-8"
    assert answer.body.isascii() and len(answer.body) < 100  # not an echo of the request
    assert_healthy(served)


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO"])
def test_other_methods_get_405_with_allow(served: Preview, method: str) -> None:
    request = f"{method} /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody"
    answer, closed = exchange(served, request.encode())
    assert answer.status == 405 and answer.headers["allow"] == "GET, HEAD"
    assert not closed  # the body was skipped, so the connection could carry on
    assert_healthy(served)


def test_get_with_a_body_is_refused_and_the_connection_stays_in_step(served: Preview) -> None:
    with connect(served) as sock, sock.makefile("rb") as stream:
        sock.sendall(b"GET /robots.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n")
        sock.sendall(b"GET /x HTT")  # the body looks like a request: it must not be one
        first = read_answer(stream)
        sock.sendall(b"GET /robots.txt HTTP/1.1\r\nHost: x\r\n\r\n")
        second = read_answer(stream)
    assert first.status == 400
    assert second.status == 200
    assert second.body == served.channel.current().outputs["robots.txt"]


def test_head_of_a_refused_request_has_no_body(served: Preview) -> None:
    """A HEAD answer never carries a body, or a keep-alive client would read it as the next."""
    with connect(served) as sock, sock.makefile("rb") as stream:
        sock.sendall(b"HEAD /%zz HTTP/1.1\r\nHost: x\r\n\r\n")
        refused = read_answer(stream, head=True)
        sock.sendall(b"GET /robots.txt HTTP/1.1\r\nHost: x\r\n\r\n")
        after = read_answer(stream)
    assert refused.status == 400 and int(refused.headers["content-length"]) > 0
    assert after.status == 200


def test_limits_are_exact(served: Preview) -> None:
    """A path of MAX_PATH bytes and MAX_HEADERS header lines are fine; one more is not."""
    path = "/" + "p" * (reader.MAX_PATH - 1)
    head = "".join(f"X-{n}: v\r\n" for n in range(reader.MAX_HEADERS - 1))  # and Host
    fits = f"GET {path} HTTP/1.1\r\nHost: x\r\n{head}\r\n"
    assert exchange(served, fits.encode())[0].status == 404
    too_long = f"GET {path}p HTTP/1.1\r\nHost: x\r\n\r\n"
    assert exchange(served, too_long.encode())[0].status == 414
    too_many = f"GET / HTTP/1.1\r\nHost: x\r\n{head}X-last: v\r\n\r\n"
    assert exchange(served, too_many.encode())[0].status == 431


@pytest.fixture()
def small_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[server.PreviewServer]:
    """A bare server for two connections at most, over a one-page site."""
    monkeypatch.setattr(server, "MAX_CONNECTIONS", 2)
    channel = Channel()
    channel.publish({"index.html": b"<p>hello</p>"}, settled=True)
    httpd = server.PreviewServer(("127.0.0.1", 0), channel)
    thread = threading.Thread(target=httpd.serve_forever)
    thread.start()
    yield httpd
    channel.close()
    httpd.shutdown()
    thread.join(WAIT)
    assert not thread.is_alive(), "the server did not stop"
    httpd.server_close()


def test_connections_over_the_cap_wait_their_turn(small_server: server.PreviewServer) -> None:
    """With MAX_CONNECTIONS busy, a third connection is queued, then served when one ends."""
    where = small_server.server_address[:2]
    first, second = (socket.create_connection(where, timeout=WAIT) for _ in range(2))
    with first, second, socket.create_connection(where, timeout=WAIT) as third:
        third.sendall(b"GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        third.settimeout(0.5)
        with pytest.raises(TimeoutError):
            third.recv(100)  # not answered while both slots are taken
        third.settimeout(WAIT)
        first.close()
        with third.makefile("rb") as stream:
            answer = read_answer(stream)
    assert answer.status == 200 and answer.body.startswith(b"<p>hello</p>")


def test_a_full_server_still_stops(small_server: server.PreviewServer) -> None:
    """Shutdown works while the accept loop waits for a free slot."""
    where = small_server.server_address[:2]
    socks = [socket.create_connection(where, timeout=WAIT) for _ in range(3)]
    socks[2].sendall(b"GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n")
    stopper = threading.Thread(target=small_server.shutdown)
    stopper.start()
    stopper.join(WAIT)
    stopped = not stopper.is_alive()
    for sock in socks:
        sock.close()
    assert stopped, "shutdown() hung while all connection slots were taken"
