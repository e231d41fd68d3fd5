"""The preview's HTTP server: the in-memory site, read-only, plus two endpoints of its own.

Only files of the current snapshot are served; a URL is looked up as a key, so
nothing outside the site can be reached, and paths with ``..``, backslashes or
NUL bytes are refused outright.  HTML responses get the reload script.  Requests
are read within bounds by :mod:`~sitegen.serve.reader`; the event stream is
:mod:`~sitegen.serve.streams`'.
"""

from __future__ import annotations

import json
import mimetypes
import posixpath
import re
import sys
import threading
from http import HTTPStatus
from http.server import ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote_to_bytes, urlsplit

from sitegen.serve import reload
from sitegen.serve.publish import Channel, Snapshot
from sitegen.serve.streams import MAX_STREAMS, MAX_STREAMS_PER_CLIENT, STREAM_LIFETIME, EventStreams

LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})

MAX_CONNECTIONS = 256
"""Connections served at once (one thread each); more wait in the listen queue."""
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
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def content_type(path: str) -> str:
    """The Content-Type for an output path (by suffix)."""
    suffix = posixpath.splitext(path)[1].lower()
    return _TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


def unsafe(path: str) -> bool:
    """True for a URL path that tries to leave the site (``..``), or has ``\\`` or NUL."""
    return "\\" in path or "\0" in path or any(p in (".", "..") for p in path.split("/"))


def decode_path(path: str) -> str | None:
    """A URL path with its %-escapes decoded as UTF-8; None if an escape or the UTF-8 is bad."""
    if _BAD_ESCAPE.search(path):
        return None
    try:
        return unquote_to_bytes(path).decode("utf-8")
    except UnicodeDecodeError:
        return None


class PreviewServer(ThreadingHTTPServer):
    """A threading HTTP server over a :class:`Channel` (one thread per connection, at most
    :data:`MAX_CONNECTIONS`; further connections wait to be accepted)."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(
        self, address: tuple[str, int], channel: Channel, stream_lifetime: float = STREAM_LIFETIME
    ) -> None:
        self.channel = channel
        self.stream_lifetime = stream_lifetime
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self._stopping = False
        self._streams: dict[str, int] = {}
        self._streams_lock = threading.Lock()
        super().__init__(address, _Handler)

    def open_stream(self, client: str) -> bool:
        """Take a stream slot for ``client`` (an address); False when it or the server has
        all it may hold (:data:`MAX_STREAMS_PER_CLIENT`, :data:`MAX_STREAMS`)."""
        with self._streams_lock:
            if sum(self._streams.values()) >= MAX_STREAMS:
                return False
            if self._streams.get(client, 0) >= MAX_STREAMS_PER_CLIENT:
                return False
            self._streams[client] = self._streams.get(client, 0) + 1
            return True

    def close_stream(self, client: str) -> None:
        """Give back a slot :meth:`open_stream` took."""
        with self._streams_lock:
            left = self._streams.get(client, 0) - 1
            if left > 0:
                self._streams[client] = left
            else:
                self._streams.pop(client, None)

    def process_request(self, request: Any, client_address: Any) -> None:
        """Start a thread for the connection once one of the slots is free."""
        while not self._slots.acquire(timeout=0.5):
            if self._stopping:
                self.shutdown_request(request)
                return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        """Serve the connection, then give its slot back."""
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def shutdown(self) -> None:
        """Stop the accept loop, even while it waits for a free slot."""
        self._stopping = True
        super().shutdown()

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


class _Handler(EventStreams):
    server: PreviewServer

    def answer(self, head: bool) -> None:
        url = urlsplit(self.path)
        path = decode_path(url.path)
        if path is None:
            self._refuse(HTTPStatus.BAD_REQUEST, "malformed %-escape or UTF-8 in the path")
            return
        if unsafe(path) or not path.startswith("/"):
            self._refuse(HTTPStatus.BAD_REQUEST, "refused: path leaves the site")
            return
        if path == reload.EVENTS and not head:
            self.stream(parse_qs(url.query))
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


def _status(snap: Snapshot) -> bytes:
    data = {
        "epoch": snap.epoch,
        "settled": snap.settled,
        "files": len(snap.outputs),
        "problems": [p.as_json() for p in snap.problems],
    }
    return json.dumps(data).encode()
