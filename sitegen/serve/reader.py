"""Requests read within bounds, for the preview's HTTP server.

Requests are read by this module, not by :mod:`http.server`, so that every part
is bounded: the request line, the path, the header lines, their number and total
size, and the time a request may take to arrive (a deadline for the whole head,
not a timeout per read, so a client sending a byte at a time cannot hold a thread
for long).  Only GET and HEAD are served, without a body; anything else gets a
4xx and, when the rest of the request cannot be skipped reliably, a closed
connection.  :class:`BoundedRequests` reads and refuses; what a request is answered
with is its subclass's (``answer``).
"""

from __future__ import annotations

import http.client
import io
import logging
import math
import re
import socket
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

log = logging.getLogger("sitegen.serve")

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

_TOKEN = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_VERSION = re.compile(rb"HTTP/([0-9])\.([0-9])")
_TARGET = re.compile(rb"[\x21-\x7e]+")  # visible ASCII: no controls, spaces or raw 8-bit bytes
_FIELD = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+:[\t\x20-\x7e\x80-\xff]*\r?\n")
_LENGTH = re.compile(r"[0-9]{1,15}")


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


class BoundedRequests(BaseHTTPRequestHandler):
    """Reads one request at a time within the limits, refusing what it cannot serve; a
    request it accepts goes to :meth:`answer`."""

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
            self.answer(head=self.command == "HEAD")

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

    def answer(self, head: bool) -> None:
        """Answer the request just read (``head``: a HEAD request, no body)."""
        raise NotImplementedError


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
