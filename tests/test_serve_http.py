"""``sitegen serve`` over real HTTP on 127.0.0.1: what is served, what is refused, reloads."""

from __future__ import annotations

import http.client
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitegen.cli import main, parser
from sitegen.serve import Preview
from sitegen.serve.reload import EVENTS
from tests.serve_support import article_path, copy_site, running, save, settle, wait_for

A = "000_5f3b1df48785fd76"


@pytest.fixture(scope="module")
def served(demo_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    """One preview shared by the read-only tests of this module."""
    site = copy_site(demo_site, tmp_path_factory.mktemp("served") / "site")
    with running(site) as preview:
        yield preview


def connect(preview: Preview) -> http.client.HTTPConnection:
    assert preview.server is not None
    host, port = preview.server.server_address[:2]
    return http.client.HTTPConnection(str(host), port, timeout=60)


def request(preview: Preview, path: str, method: str = "GET") -> http.client.HTTPResponse:
    conn = connect(preview)
    conn.request(method, path)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def fetch(preview: Preview, path: str) -> tuple[int, dict[str, str], bytes]:
    conn = connect(preview)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, dict(response.getheaders()), body


def raw_request(preview: Preview, target: bytes) -> bytes:
    """Send a request line exactly as given (no client-side path cleaning)."""
    assert preview.server is not None
    host, port = preview.server.server_address[:2]
    with socket.create_connection((str(host), port), timeout=30) as sock:
        sock.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return data


def test_binds_127_0_0_1_by_default(demo_site: Path, tmp_path: Path) -> None:
    assert parser().parse_args(["serve"]).host == "127.0.0.1"
    assert parser().parse_args(["serve"]).port == 8000
    with running(copy_site(demo_site, tmp_path / "site")) as preview:
        assert preview.server is not None
        assert preview.server.server_address[0] == "127.0.0.1"
        assert preview.url.startswith("http://127.0.0.1:")


def test_other_addresses_are_warned_about(
    demo_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = copy_site(demo_site, tmp_path / "site")
    # 192.0.2.1 (TEST-NET-1) is never a local address: binding fails after the warning.
    assert main(["--site", str(site), "serve", "--host", "192.0.2.1", "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert "WARNING: listening on '192.0.2.1'" in err
    assert "cannot listen on 192.0.2.1" in err


def test_pages_and_assets_with_content_types(served: Preview) -> None:
    status, headers, body = fetch(served, "/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "no-store"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert int(headers["Content-Length"]) == len(body)
    expected = {
        "/assets/style.css": "text/css; charset=utf-8",
        "/events.json": "application/json",
        "/feed.xml": "application/xml",
        "/robots.txt": "text/plain; charset=utf-8",
        f"/articles/{A}/": "text/html; charset=utf-8",
    }
    for path, ctype in expected.items():
        status, headers, _ = fetch(served, path)
        assert (status, headers["Content-Type"]) == (200, ctype), path
    head = request(served, "/assets/style.css", "HEAD")
    assert head.status == 200 and int(head.headers["Content-Length"]) > 0


def test_reload_script_only_in_served_html(served: Preview) -> None:
    _, _, page = fetch(served, f"/articles/{A}/")
    assert page.count(b"data-sitegen-reload") == 1
    assert page.index(b"data-sitegen-reload") < page.rindex(b"</body>")
    assert f'data-page="articles/{A}/index.html"'.encode() in page
    build = served.rebuilder.site / "build"
    for path in build.rglob("*"):
        if path.is_file():
            assert b"sitegen-reload" not in path.read_bytes(), path
            assert b"__sitegen__" not in path.read_bytes(), path
    _, _, css = fetch(served, "/assets/style.css")
    assert b"sitegen-reload" not in css and b"__sitegen__" not in css


def test_directories_redirects_and_not_found(served: Preview) -> None:
    response = request(served, f"/articles/{A}")
    assert response.status == 301 and response.headers["Location"] == f"/articles/{A}/"
    status, headers, body = fetch(served, "/no/such/page/")
    assert status == 404 and headers["Content-Type"].startswith("text/html")
    assert b"data-sitegen-reload" in body
    assert body.startswith(served.channel.current().outputs["404.html"][:50])
    assert request(served, "/", "POST").status == 405


@pytest.mark.parametrize(
    "target",
    [
        b"/../../../etc/passwd",
        b"/assets/../../sitegen.yaml",
        b"/%2e%2e/%2e%2e/etc/passwd",
        b"/assets/%2E%2E/%2E%2E/content/articles/",
        b"/..%2fsitegen.yaml",
        b"/assets\\..\\..\\sitegen.yaml",
        b"/index.html%00.css",
        b"//etc/passwd",
        b"/./index.html",
    ],
)
def test_path_traversal_is_refused(served: Preview, target: bytes) -> None:
    response = raw_request(served, target)
    status = int(response.split(b" ", 2)[1])
    assert status in (400, 404), response[:200]
    assert b"root:" not in response and b"base_url" not in response
    assert b"imported:" not in response


def test_twenty_five_clients_at_once(served: Preview) -> None:
    """25 open event streams plus 25 page loads in parallel, all answered."""
    streams = []
    assert served.server is not None
    host, port = served.server.server_address[:2]
    for n in range(25):  # each from an address of its own, as 25 machines would
        conn = http.client.HTTPConnection(
            str(host), port, timeout=60, source_address=(f"127.0.0.{n + 2}", 0)
        )
        conn.request("GET", f"{EVENTS}?epoch=0&page=index.html")
        response = conn.getresponse()
        assert response.status == 200
        assert response.headers["Content-Type"] == "text/event-stream"
        assert response.readline().startswith(b"retry: ")
        assert response.readline() == b"\n"
        assert response.readline().startswith(b"id: ")
        streams.append(conn)
    results: list[int] = []

    def load() -> None:
        for path in ("/", f"/articles/{A}/", "/assets/style.css", "/events.json"):
            results.append(fetch(served, path)[0])

    threads = [threading.Thread(target=load) for _ in range(25)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for conn in streams:
        conn.close()
    assert results == [200] * 100


def read_event(response: http.client.HTTPResponse) -> dict[str, Any]:
    """The next ``data:`` message of an event stream."""
    while True:
        line = response.readline()
        assert line, "stream closed"
        if line.startswith(b"data: "):
            data: dict[str, Any] = json.loads(line[6:])
            return data


def next_epoch(response: http.client.HTTPResponse, epoch: int) -> dict[str, Any]:
    """The first message about a snapshot newer than ``epoch`` (status-only ones skipped)."""
    while True:
        message = read_event(response)
        if message["epoch"] != epoch:
            return message


def open_stream(preview: Preview, page: str) -> tuple[http.client.HTTPResponse, int]:
    """An event stream for ``page`` as served now, and the epoch it was served at."""
    conn = connect(preview)
    epoch = preview.channel.current().epoch
    conn.request("GET", f"{EVENTS}?epoch={epoch}&page={page}")
    response = conn.getresponse()
    assert read_event(response)["action"] == "none"
    return response, epoch


def test_event_stream_says_reload_for_the_changed_page_and_css_for_styles(
    demo_site: Path, tmp_path: Path
) -> None:
    site = copy_site(demo_site, tmp_path / "site")
    with running(site) as preview:
        page = f"articles/{A}/index.html"
        (mine, epoch), (other, _) = open_stream(preview, page), open_stream(preview, "sources/")
        path = article_path(site, A)
        save(path, path.read_text().rstrip() + "\n\nNews for the open page.\n")
        assert next_epoch(mine, epoch)["action"] == "reload"
        assert next_epoch(other, epoch)["action"] == "none"
        settle(preview, lambda s: s.settled, "the rebuild")

        (mine, epoch), (other, _) = open_stream(preview, page), open_stream(preview, "index.html")
        (site / "static").mkdir()
        (site / "static" / "style.css").write_text("body { color: rgb(9, 8, 7); }\n")
        assert next_epoch(mine, epoch)["action"] == "css"
        assert next_epoch(other, epoch)["action"] == "css"

        stale = preview.channel.current().epoch - 1000
        conn = connect(preview)
        conn.request("GET", f"{EVENTS}?epoch={stale}&page=index.html")
        assert read_event(conn.getresponse())["action"] == "reload"


def test_errors_reach_the_event_stream(demo_site: Path, tmp_path: Path) -> None:
    site = copy_site(demo_site, tmp_path / "site")
    with running(site) as preview:
        stream, _ = open_stream(preview, "index.html")
        (site / "templates" / "index.html").write_text("{% block %}\n")
        message = wait_for(lambda: (m := read_event(stream))["problems"] and m, "the error")
        assert message["action"] == "none"
        (problem,) = message["problems"]
        assert problem["file"] == "templates/index.html" and problem["line"] == 1
        (site / "templates" / "index.html").unlink()
        wait_for(lambda: not read_event(stream)["problems"], "the error to clear")


def test_a_site_under_a_path_is_served_there(demo_site: Path, tmp_path: Path) -> None:
    site = copy_site(demo_site, tmp_path / "site")
    config = site / "sitegen.yaml"
    config.write_text(
        config.read_text().replace(
            "base_url: http://localhost:8000/", "base_url: https://example.org/digest/"
        )
    )
    with running(site) as preview:
        assert preview.url.endswith("/digest/")
        response = request(preview, "/")
        assert response.status == 302 and response.headers["Location"] == "/digest/"
        assert fetch(preview, "/digest/")[0] == 200
        assert fetch(preview, f"/digest/articles/{A}/")[0] == 200
        assert fetch(preview, "/index.html")[0] == 404
