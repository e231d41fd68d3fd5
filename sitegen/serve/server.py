"""The preview's HTTP server: the in-memory site, read-only, plus two endpoints of its own.

Only files of the current snapshot are served; a URL is looked up as a key, so
nothing outside the site can be reached, and paths with ``..``, backslashes or
NUL bytes are refused outright.  HTML responses get the reload script.

Requests are read by this module, not by :mod:`http.server`, so that every part
is bounded: the request line, the path, the header lines, their number and total
size, and the time a request may take to arrive (a deadline for the whole head,
not a timeout per read, so a client sending a byte at a time cannot hold a thread
for long).  Only GET and HEAD are served, without a body; anything else gets a
4xx and, when the rest of the request cannot be skipped reliably, a closed
connection.
"""

from __future__ import annotations

import contextlib
import http.client
import io
import json
import logging
import math
import mimetypes
import posixpath
import re
import socket
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote_to_bytes, urlsplit

from sitegen.serve import reload
from sitegen.serve.publish import Channel, Snapshot

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

log = logging.getLogger("sitegen.serve")

KEEPALIVE = 15.0
"""Seconds between comment lines on an idle event stream (finds closed connections)."""
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})

IDLE_TIMEOUT = 15.0
"""Seconds a connection may wait for the first byte of its next request before it is closed."""
REQUEST_TIMEOUT = 10.0
"""Seconds from a request's first byte to the end of its head (and of any small body to skip);
a request still incomplete then gets 408 and its connection is closed."""
SEND_TIMEOUT = 60.0
"""Seconds one write may block on a client that stops reading."""
LINGER = 2.0
"""Seconds to keep reading (and dropping) what a refused client still sends before closing,
so that closing with unread input does not reset the connection before the answer is read."""
MAX_CONNECTIONS = 256
"""Connections served at once (one thread each); more wait in the listen queue."""
MAX_STREAMS = 64
"""Event streams open at once, from all clients: the other connection slots stay free for
pages (a tab holds one stream, and each stream holds a slot while it is open)."""
MAX_STREAMS_PER_CLIENT = 8
"""Event streams open at once from one address."""
STREAM_LIFETIME = 600.0
"""Seconds a stream stays open; then it ends and the browser opens a new one (by itself)."""
RETRY_MS = 5000
"""What a stream asks its browser to wait before opening a new one (the ``retry:`` field)."""
MAX_REQUEST_LINE = 8192
"""Bytes in the request line, end of line included; a longer one gets 414."""
MAX_PATH = 2048
"""Bytes in the request target as sent (percent-encoded); a longer one gets 414."""
MAX_HEADER_LINE = 8192
"""Bytes in one header line; a longer one gets 431."""
MAX_HEADERS = 64
"""Header lines in one request; more get 431."""
MAX_HEADER_BYTES = 32768
"""Bytes in all header lines of one request; more get 431."""
MAX_BODY = 65536
"""Largest body that is read and dropped so that the connection can carry on (bodies are
refused, but skipping a small one keeps a keep-alive connection in step); larger gets 413."""
ALLOWED = "GET, HEAD"

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
_TOKEN = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_VERSION = re.compile(rb"HTTP/([0-9])\.([0-9])")
_TARGET = re.compile(rb"[\x21-\x7e]+")  # visible ASCII: no controls, spaces or raw 8-bit bytes
_FIELD = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+:[\t\x20-\x7e\x80-\xff]*\r?\n")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_LENGTH = re.compile(r"[0-9]{1,15}")


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


class _Reader(io.RawIOBase):
    """The socket's input, every read bounded by one shared ``deadline`` (monotonic)."""

    def __init__(self, sock: socket.socket) -> None:
        super().__init__()
        self._sock = sock
        self.deadline = math.inf

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("deadline passed")
        self._sock.settimeout(None if left == math.inf else left)
        return self._sock.recv_into(buffer)


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"
    server_version = "sitegen-serve"
    timeout = None  # reads have deadlines (IDLE_TIMEOUT, REQUEST_TIMEOUT), writes SEND_TIMEOUT
    disable_nagle_algorithm = True  # headers and body go out at once, not 40 ms apart

    def setup(self) -> None:
        super().setup()
        self.rfile.close()  # the stock reader; ours enforces deadlines
        self._reader = _Reader(self.connection)
        self._input = io.BufferedReader(self._reader)
        self.rfile = self._input
        self._linger = False

    def finish(self) -> None:
        super().finish()
        if self._linger:
            _linger(self.connection)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.address_string(), *args)

    def handle_one_request(self) -> None:
        """Read one request within the limits, then answer or refuse it."""
        self.command, self.requestline, self.request_version = "", "", "HTTP/1.0"
        self.close_connection = True
        self._reader.deadline = time.monotonic() + IDLE_TIMEOUT
        try:
            first = self._input.peek(1)[:1]
        except TimeoutError:
            return  # idle for too long: close without an answer
        if not first:
            return  # the client closed the connection
        if not (_TOKEN.match(first) or first in b"\r\n"):  # e.g. TLS: no need to wait for a line
            self._refuse(HTTPStatus.BAD_REQUEST, "not an HTTP/1.x request", close=True)
            return
        self._reader.deadline = time.monotonic() + REQUEST_TIMEOUT
        try:
            ok = self._read_request()
        except TimeoutError:
            self._refuse(HTTPStatus.REQUEST_TIMEOUT, "request took too long", close=True)
            return
        self._reader.deadline = math.inf
        if ok:
            self._answer(head=self.command == "HEAD")

    def _read_request(self) -> bool:
        """Parse the request line and headers, skip a small body; False if refused."""
        line = self._input.readline(MAX_REQUEST_LINE + 1)
        if line in (b"\r\n", b"\n"):  # one stray empty line between requests is tolerated
            line = self._input.readline(MAX_REQUEST_LINE + 1)
        if len(line) > MAX_REQUEST_LINE:
            return self._refuse(
                HTTPStatus.REQUEST_URI_TOO_LONG, "request line too long", close=True
            )
        if not line.endswith(b"\n"):
            return False  # the client closed the connection mid-line
        self.raw_requestline = line
        text = line[:-2] if line.endswith(b"\r\n") else line[:-1]
        self.requestline = repr(text)[2:-1]  # printable, for the log
        words = text.split(b" ")
        if len(words) == 2:
            return self._refuse(HTTPStatus.BAD_REQUEST, "HTTP/0.9 is not supported", close=True)
        if len(words) != 3 or not _TOKEN.fullmatch(words[0]):
            return self._refuse(HTTPStatus.BAD_REQUEST, "malformed request line", close=True)
        method, target, version = words
        match = _VERSION.fullmatch(version)
        if not match:
            return self._refuse(HTTPStatus.BAD_REQUEST, "malformed HTTP version", close=True)
        if match[1] != b"1":
            return self._refuse(HTTPStatus.HTTP_VERSION_NOT_SUPPORTED, "HTTP/1.x only", close=True)
        self.request_version = version.decode()
        if len(target) > MAX_PATH:
            return self._refuse(HTTPStatus.REQUEST_URI_TOO_LONG, "path too long", close=True)
        if not _TARGET.fullmatch(target):
            return self._refuse(HTTPStatus.BAD_REQUEST, "malformed request target", close=True)
        self.command, self.path = method.decode(), target.decode()
        if self.path.startswith("//"):  # as http.server does: never a scheme-relative URL
            self.path = "/" + self.path.lstrip("/")
        headers = self._read_headers()
        if headers is None:
            return False
        self.headers = headers
        tokens = {t.strip().lower() for t in headers.get("Connection", "").split(",")}
        self.close_connection = match[2] == b"0" or "close" in tokens  # 1.0: one request
        return self._acceptable(headers)

    def _read_headers(self) -> http.client.HTTPMessage | None:
        """The header lines, within the limits; None (and an answer sent) if refused."""
        lines: list[bytes] = []
        size = 0
        while True:
            line = self._input.readline(MAX_HEADER_LINE + 1)
            if len(line) > MAX_HEADER_LINE:
                too_long = HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                self._refuse(too_long, "header line too long", close=True)
                return None
            if not line.endswith(b"\n"):
                return None  # the client closed the connection mid-header
            if line in (b"\r\n", b"\n"):
                return http.client.parse_headers(io.BytesIO(b"".join(lines) + b"\r\n"))
            size += len(line)
            if len(lines) >= MAX_HEADERS or size > MAX_HEADER_BYTES:
                too_many = HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                self._refuse(too_many, "too many header lines", close=True)
                return None
            if not _FIELD.fullmatch(line):
                self._refuse(HTTPStatus.BAD_REQUEST, "malformed header line", close=True)
                return None
            lines.append(line)

    def _acceptable(self, headers: http.client.HTTPMessage) -> bool:
        """Refuse ``Expect``, other methods and bodies; a small body is skipped first, so that
        the connection stays in step and can carry on."""
        if headers.get("Expect") is not None:
            return self._refuse(HTTPStatus.EXPECTATION_FAILED, "no request bodies here", close=True)
        lengths = {v.strip() for v in headers.get_all("Content-Length", [])}
        if len(lengths) > 1 or not all(_LENGTH.fullmatch(v) for v in lengths):
            return self._refuse(HTTPStatus.BAD_REQUEST, "malformed Content-Length", close=True)
        length = int(lengths.pop()) if lengths else 0
        chunked = headers.get("Transfer-Encoding") is not None
        unread = chunked or length > MAX_BODY  # then the connection cannot carry on
        if length and not unread and len(self._input.read(length)) < length:
            self.close_connection = True
            return False  # the client closed the connection mid-body
        if self.command not in ("GET", "HEAD"):
            allow = {"Allow": ALLOWED}
            return self._refuse(
                HTTPStatus.METHOD_NOT_ALLOWED, "read-only preview", close=unread, headers=allow
            )
        if chunked:
            return self._refuse(HTTPStatus.BAD_REQUEST, "no request bodies here", close=True)
        if length > MAX_BODY:
            too_large = HTTPStatus.REQUEST_ENTITY_TOO_LARGE
            return self._refuse(too_large, "no request bodies here", close=True)
        if length:
            return self._refuse(HTTPStatus.BAD_REQUEST, "GET and HEAD take no body")
        return True

    def _refuse(
        self,
        status: HTTPStatus,
        message: str,
        close: bool = False,
        headers: dict[str, str] | None = None,
    ) -> bool:
        """A short plain-text error; ``close`` ends the connection after it.  Always False."""
        if close:
            self.close_connection = self._linger = True
        body = message.encode() + b"\n"
        self._send(status, body, "text/plain; charset=utf-8", self.command == "HEAD", headers)
        return False

    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        ctype: str,
        head: bool,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.connection.settimeout(SEND_TIMEOUT)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _answer(self, head: bool) -> None:
        url = urlsplit(self.path)
        path = decode_path(url.path)
        if path is None:
            self._refuse(HTTPStatus.BAD_REQUEST, "malformed %-escape or UTF-8 in the path")
            return
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
        """Server-Sent Events: one message now, then one per new snapshot, for the server's
        stream lifetime at most; a client or a server with all the streams it may hold gets
        an answer that only asks it to try again later (a browser's EventSource gives up for
        good on an error status, but reconnects after a stream that ends).

        Nothing is read from the connection any more, so no read deadline applies; each
        write may block for :data:`SEND_TIMEOUT` at most.
        """
        client = str(self.client_address[0])
        if not self.server.open_stream(client):
            self._stream_head()
            with contextlib.suppress(OSError):
                self.wfile.write(f"retry: {RETRY_MS * 2}\n\n".encode())
            return
        try:
            self._stream_events(query)
        finally:
            self.server.close_stream(client)

    def _stream_head(self) -> None:
        self.close_connection = True
        self.connection.settimeout(SEND_TIMEOUT)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()

    def _stream_events(self, query: dict[str, list[str]]) -> None:
        page = (query.get("page") or [""])[0]
        try:
            epoch = int(self.headers.get("Last-Event-ID") or (query.get("epoch") or ["0"])[0])
        except ValueError:
            epoch = 0
        self._stream_head()
        channel = self.server.channel
        snap: Snapshot | None = channel.current()
        sent = -1
        ends = time.monotonic() + self.server.stream_lifetime
        try:
            self.wfile.write(f"retry: {RETRY_MS}\n\n".encode())
            while snap is not None and time.monotonic() < ends:
                if snap.serial != sent:
                    todo = (
                        "none"
                        if snap.epoch == epoch
                        else reload.action(
                            channel.changed_since(epoch), page, channel.restyled_since(epoch)
                        )
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
                snap = channel.wait(sent, min(KEEPALIVE, max(ends - time.monotonic(), 0.0)))
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            return


def _linger(sock: socket.socket) -> None:
    """Close gently: send FIN, then drop input until the client closes or :data:`LINGER` ends."""
    try:
        sock.shutdown(socket.SHUT_WR)
        deadline = time.monotonic() + LINGER
        while (left := deadline - time.monotonic()) > 0:
            sock.settimeout(left)
            if not sock.recv(65536):
                return
    except OSError:
        return


def _status(snap: Snapshot) -> bytes:
    data = {
        "epoch": snap.epoch,
        "settled": snap.settled,
        "files": len(snap.outputs),
        "problems": [p.as_json() for p in snap.problems],
    }
    return json.dumps(data).encode()
