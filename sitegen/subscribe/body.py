"""A response body read within a deadline and a size cap, gzip and deflate undone as the bytes
arrive: the cap counts what comes out, so a small compressed bomb stops at the cap and never
takes more memory than about the cap."""

from __future__ import annotations

import time
import zlib
from http.client import HTTPResponse

CHUNK = 64 * 1024
"""Bytes read from the network at a time."""
_GZIP = 16 + zlib.MAX_WBITS
_ZLIB = zlib.MAX_WBITS
_RAW = -zlib.MAX_WBITS


class BodyError(ValueError):
    """A body refused: larger than the cap, in an encoding sitegen cannot undo, or broken."""


def read_body(response: HTTPResponse, deadline: float, limit: int, cut: bool = False) -> bytes:
    """The body of ``response``, decompressed.  Raises ``TimeoutError`` once the monotonic
    clock passes ``deadline`` and :class:`BodyError` for a body over ``limit`` bytes, or,
    with ``cut``, returns its first ``limit`` bytes instead."""
    inflater = _inflater(response.headers.get("Content-Encoding", ""))
    if inflater is None and not cut:
        _check_length(response.headers.get("Content-Length"), limit)
    out = bytearray()
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        _settimeout(response, left)
        room = limit + 1 - len(out)
        chunk = response.read1(CHUNK if inflater else min(CHUNK, room))
        if not chunk:
            break
        out += inflater.feed(chunk, room) if inflater else chunk
        if len(out) > limit:
            if cut:
                return bytes(out[:limit])
            raise BodyError(f"larger than {limit // 2**20} MB, skipped")
    if inflater and not inflater.complete:
        raise BodyError(f"cannot fetch: the {inflater.coding} body is cut short")
    return bytes(out)


def _inflater(header: str) -> _Inflater | None:
    """What undoes a Content-Encoding header (None for none or ``identity``)."""
    codings = [c for c in header.lower().replace(" ", "").split(",") if c not in ("", "identity")]
    if not codings:
        return None
    if codings in (["gzip"], ["x-gzip"]):
        return _Inflater("gzip")
    if codings == ["deflate"]:
        return _Inflater("deflate")
    raise BodyError(f"cannot fetch: unsupported Content-Encoding {header!r}")


def _check_length(header: str | None, limit: int) -> None:
    """Refuse at once a body whose declared length is over the cap."""
    if header and header.strip().isdigit() and int(header) > limit:
        raise BodyError(f"larger than {limit // 2**20} MB, skipped")


def _settimeout(response: object, seconds: float) -> None:
    """Wait at most ``seconds`` for the next bytes of ``response``."""
    sock = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)
    if sock is not None:
        sock.settimeout(max(seconds, 0.001))


class _Inflater:
    """Undoes gzip (one member after another) or deflate (zlib-wrapped or raw, as servers send
    either) piece by piece, never giving more bytes than asked for."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self._stream: zlib._Decompress | None = None
        self._head = b""
        self._streams = 0

    @property
    def complete(self) -> bool:
        """True unless the bytes so far stop inside a compressed stream."""
        return self._stream is None and not self._head

    def feed(self, data: bytes, room: int) -> bytes:
        """What ``data`` decompresses to, at most ``room`` (at least 1) bytes of it."""
        pieces: list[bytes] = []
        try:
            while data and room > 0:
                if self._stream is None:
                    data = self._begin(data)
                    if self._stream is None:
                        break
                piece = self._stream.decompress(data, room)
                pieces.append(piece)
                room -= len(piece)
                if self._stream.eof:
                    data = self._stream.unused_data
                    self._stream = None
                    self._streams += 1
                else:
                    data = self._stream.unconsumed_tail
        except zlib.error as exc:
            raise BodyError(f"cannot fetch: a broken {self.coding} body ({exc})") from None
        return b"".join(pieces)

    def _begin(self, data: bytes) -> bytes:
        """Starts the next stream once its kind is known; returns the bytes to give it."""
        head = self._head + data
        if self.coding == "deflate":
            if self._streams:  # one deflate stream is the whole body; what follows is padding
                return b""
            if len(head) < 2:
                self._head = head
                return b""
            zlib_wrapped = head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0
            self._stream = zlib.decompressobj(_ZLIB if zlib_wrapped else _RAW)
        else:
            if self._streams:
                head = head.lstrip(b"\0")  # zeros pad the end of some gzip bodies
            if not head:
                return b""
            self._stream = zlib.decompressobj(_GZIP)
        self._head = b""
        return head
