"""The preview's HTTP server: the in-memory site, read-only, plus two endpoints of its own.

Only files of the current snapshot are served; a URL is looked up as a key, so
nothing outside the site can be reached, and paths with ``..``, backslashes or
NUL bytes are refused outright.  HTML responses get the reload script.
"""

from __future__ import annotations

import json
import logging
import mimetypes
import posixpath
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from sitegen.serve import reload
from sitegen.serve.publish import Channel, Snapshot

log = logging.getLogger("sitegen.serve")

KEEPALIVE = 15.0
"""Seconds between comment lines on an idle event stream (finds closed connections)."""
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".webp": "image/webp",
}
_NOT_FOUND = b"<!doctype html>\n<title>Not found</title>\n<h1>Not found</h1>\n"


def content_type(path: str) -> str:
    """The Content-Type for an output path (by suffix)."""
    suffix = posixpath.splitext(path)[1].lower()
    return _TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


def unsafe(path: str) -> bool:
    """True for a URL path that tries to leave the site (``..``), or has ``\\`` or NUL."""
    return "\\" in path or "\0" in path or any(p in (".", "..") for p in path.split("/"))


class PreviewServer(ThreadingHTTPServer):
    """A threading HTTP server over a :class:`Channel` (one thread per connection)."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], channel: Channel) -> None:
        self.channel = channel
        super().__init__(address, _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that hangs up mid-answer is normal; anything else is logged."""
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)

    @property
    def url(self) -> str:
        """The address to open, e.g. ``http://127.0.0.1:8000/``."""
        host, port = self.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else host
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}{self.channel.current().base_path}"


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"
    server_version = "sitegen-serve"
    timeout = 60  # an idle keep-alive connection gives its thread back after this long
    disable_nagle_algorithm = True  # headers and body go out at once, not 40 ms apart

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.address_string(), *args)

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def _refuse(self, status: HTTPStatus, message: str) -> None:
        self._send(status, message.encode() + b"\n", "text/plain; charset=utf-8", head=False)

    def do_POST(self) -> None:
        self._refuse(HTTPStatus.METHOD_NOT_ALLOWED, "read-only preview")

    do_PUT = do_DELETE = do_PATCH = do_POST

    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        ctype: str,
        head: bool,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _answer(self, head: bool) -> None:
        url = urlsplit(self.path)
        path = unquote(url.path)
        if unsafe(path) or not path.startswith("/"):
            self._refuse(HTTPStatus.BAD_REQUEST, "refused: path leaves the site")
            return
        if path == reload.EVENTS and not head:
            self._stream(parse_qs(url.query))
            return
        snap = self.server.channel.current()
        if path == reload.STATUS:
            self._send(HTTPStatus.OK, _status(snap), "application/json", head)
            return
        if not path.startswith(snap.base_path):
            if path == "/":
                self._send(HTTPStatus.FOUND, b"", "text/plain", head, {"Location": snap.base_path})
            else:
                self._serve_missing(snap, path.lstrip("/"), head)
            return
        key = path[len(snap.base_path) :]
        if key == "" or key.endswith("/"):
            key += "index.html"
        if key in snap.outputs:
            self._serve(snap, key, snap.outputs[key], HTTPStatus.OK, head)
        elif key + "/index.html" in snap.outputs:
            location = url.path + "/" + (f"?{url.query}" if url.query else "")  # as sent
            self._send(
                HTTPStatus.MOVED_PERMANENTLY, b"", "text/plain", head, {"Location": location}
            )
        else:
            self._serve_missing(snap, key, head)

    def _serve_missing(self, snap: Snapshot, key: str, head: bool) -> None:
        body = snap.outputs.get("404.html", _NOT_FOUND)
        self._serve(snap, key, body, HTTPStatus.NOT_FOUND, head, ctype=_TYPES[".html"])

    def _serve(
        self,
        snap: Snapshot,
        key: str,
        body: bytes,
        status: HTTPStatus,
        head: bool,
        ctype: str | None = None,
    ) -> None:
        ctype = ctype or content_type(key)
        if ctype.startswith("text/html"):
            body = reload.inject(body, key, snap.epoch)
        self._send(status, body, ctype, head)

    def _stream(self, query: dict[str, list[str]]) -> None:
        """Server-Sent Events: one message now, then one per new snapshot."""
        page = (query.get("page") or [""])[0]
        try:
            epoch = int(self.headers.get("Last-Event-ID") or (query.get("epoch") or ["0"])[0])
        except ValueError:
            epoch = 0
        self.close_connection = True
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        channel = self.server.channel
        snap: Snapshot | None = channel.current()
        sent = -1
        try:
            while snap is not None:
                if snap.serial != sent:
                    todo = (
                        "none"
                        if snap.epoch == epoch
                        else reload.action(channel.changed_since(epoch), page)
                    )
                    data = {
                        "epoch": snap.epoch,
                        "action": todo,
                        "problems": [p.as_json() for p in snap.problems],
                    }
                    self.wfile.write(f"id: {snap.epoch}\ndata: {json.dumps(data)}\n\n".encode())
                    epoch, sent = snap.epoch, snap.serial
                else:
                    self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
                snap = channel.wait(sent, KEEPALIVE)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            return


def _status(snap: Snapshot) -> bytes:
    data = {
        "epoch": snap.epoch,
        "settled": snap.settled,
        "files": len(snap.outputs),
        "problems": [p.as_json() for p in snap.problems],
    }
    return json.dumps(data).encode()
