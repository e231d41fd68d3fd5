"""Fetching is bounded (robustness issue, point 7): one deadline for a whole request, however
a server drips its bytes; redirects bounded in number, to http(s) only, and never deeper into
a network than the address asked for.  Real servers on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sitegen.ingest.fetch import MAX_REDIRECTS, address_class, fetch, read_url

PAGE = (
    b"<html><head><title>Tram line opens</title></head><body><article>"
    + (b"<p>The new tram line opened on Monday with trams every six minutes.</p>" * 20)
    + b"</article></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/page":
            self._send(PAGE)
        elif self.path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(40):  # two bytes every half second: twenty seconds in all
                    self.wfile.write(b"<p")
                    self.wfile.flush()
                    time.sleep(0.5)
            except OSError:
                pass
        elif self.path.startswith("/hop/"):
            n = int(self.path.rsplit("/", 1)[1])
            self._redirect(f"/hop/{n + 1}" if n < 50 else "/page")
        elif self.path == "/to-metadata":
            self._redirect("http://169.254.169.254/latest/meta-data/")
        elif self.path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif self.path == "/to-page":
            self._redirect("/page")
        else:
            self.send_error(404)

    def _send(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_dripping_server_is_cut_off_at_the_deadline(server: str) -> None:
    with pytest.raises(ValueError, match="took longer than 1 s"):
        fetch(f"{server}/drip", timeout=1.0)


def test_a_redirect_within_the_same_host_is_followed(server: str) -> None:
    data, ctype = fetch(f"{server}/to-page")
    assert data == PAGE and ctype == "text/html"


def test_redirects_are_bounded(server: str) -> None:
    with pytest.raises(ValueError, match="redirect"):
        fetch(f"{server}/hop/0")
    assert fetch(f"{server}/hop/{51 - MAX_REDIRECTS}")[0] == PAGE


def test_a_redirect_into_a_link_local_address_is_refused(server: str) -> None:
    with pytest.raises(ValueError, match=r"169\.254\.169\.254, inside a network"):
        fetch(f"{server}/to-metadata")
    docs, errors = read_url(f"{server}/to-metadata")
    assert docs == [] and len(errors) == 1 and "refused" in errors[0].message


def test_a_redirect_to_another_scheme_is_refused(server: str) -> None:
    with pytest.raises(ValueError, match=r"not allowed|not an http"):
        fetch(f"{server}/to-file")


@pytest.mark.parametrize(
    ("address", "depth"),
    [
        ("93.184.216.34", 0),
        ("2606:2800:220:1:248:1893:25c8:1946", 0),
        ("10.1.2.3", 1),
        ("192.168.0.10", 1),
        ("fd00::1", 1),
        ("127.0.0.1", 2),
        ("::1", 2),
        ("::ffff:127.0.0.1", 2),
        ("169.254.169.254", 3),
        ("fe80::1%eth0", 3),
        ("0.0.0.0", 4),
        ("224.0.0.1", 4),
    ],
)
def test_address_classes(address: str, depth: int) -> None:
    assert address_class(address) == depth
