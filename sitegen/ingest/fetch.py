"""``http(s)://`` inputs: fetch a page or a feed (timeout, size cap, clear User-Agent)."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from http.client import HTTPMessage
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from sitegen import __version__
from sitegen.ingest import feed, html
from sitegen.model import RawDocument, ReadError
from sitegen.slug import slugify
from sitegen.subscribe.networks import address_class, host_class

__all__ = [
    "CHUNK",
    "MAX_BYTES",
    "MAX_REDIRECTS",
    "TIMEOUT",
    "USER_AGENT",
    "address_class",
    "fetch",
    "host_class",
    "is_url",
    "read_url",
]

USER_AGENT = f"sitegen/{__version__} (static news digest importer)"
TIMEOUT = 20.0
"""Seconds a whole request may take, from the first connection to the last byte (a server
that drips a byte now and then is cut off there, not held until the size cap)."""
MAX_BYTES = 10 * 1024 * 1024
"""Responses larger than this are refused."""
MAX_REDIRECTS = 5
"""Redirects followed for one request."""
CHUNK = 64 * 1024
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml")


def is_url(item: str) -> bool:
    """True for an ``http://`` or ``https://`` address."""
    return item.startswith(("http://", "https://"))


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most :data:`MAX_REDIRECTS` redirects, to http(s) only, and only to a public
    address or one where the address asked for lies (:func:`address_class`): a public page
    that redirects to a private, loopback or link-local address is refused, and so is a local
    server that redirects to the metadata service (an address a person asks for is fetched as
    given)."""

    max_redirections = MAX_REDIRECTS

    def __init__(self, start: int) -> None:
        super().__init__()
        self.start = start

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        target = urlsplit(newurl)
        if target.scheme not in ("http", "https") or not target.hostname:
            raise ValueError(f"redirected to {newurl!r}, not an http(s) address")
        where = host_class(target.hostname)
        if where not in (0, self.start):
            raise ValueError(f"redirected to {target.hostname}, inside a network: refused")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> tuple[bytes, str]:
    """(body, content type) of a URL within ``timeout`` seconds in all; raises ``ValueError``
    with a one-line reason."""
    deadline = time.monotonic() + timeout
    host = urlsplit(url).hostname
    if not host:
        raise ValueError(f"cannot fetch: no host in {url!r}")
    opener = urllib.request.build_opener(_Redirects(host_class(host)))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    try:
        with opener.open(request, timeout=timeout) as response:
            ctype = response.headers.get_content_type()
            chunks: list[bytes] = []
            size = 0
            while size <= max_bytes:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise ValueError(f"took longer than {timeout:g} s, stopped")
                _settimeout(response, left)
                chunk = response.read1(min(CHUNK, max_bytes + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
            data = b"".join(chunks)
    except urllib.error.HTTPError as exc:
        raise ValueError(f"HTTP {exc.code} {exc.reason}") from None
    except TimeoutError:
        if time.monotonic() >= deadline - 0.05:
            raise ValueError(f"took longer than {timeout:g} s, stopped") from None
        raise ValueError("cannot fetch: timed out") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ValueError(f"cannot fetch: {reason}") from None
    if len(data) > max_bytes:
        raise ValueError(f"larger than {max_bytes // 2**20} MB, skipped")
    return data, ctype


def _settimeout(response: object, seconds: float) -> None:
    """Wait at most ``seconds`` for the next bytes of ``response``."""
    sock = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)
    if sock is not None:
        sock.settimeout(max(seconds, 0.001))


def _looks_like_feed(data: bytes, ctype: str) -> bool:
    head = data[:512].lstrip().lower()
    return ctype in _FEED_TYPES or head.startswith((b"<?xml", b"<rss", b"<feed"))


def read_url(url: str, max_bytes: int = MAX_BYTES) -> tuple[list[RawDocument], list[ReadError]]:
    """The article(s) at a URL: a feed's entries or one page's article."""
    try:
        data, ctype = fetch(url, max_bytes=min(max_bytes, MAX_BYTES))
        if _looks_like_feed(data, ctype):
            items = feed.parse_feed(url, data)
        else:
            doc = html.page_document(Path(slugify(url, "page") + ".html"), data, url)
            items = [
                RawDocument(
                    url,
                    slugify(url, "page"),
                    doc.text,
                    {"url": url, **doc.fields},
                    doc.fmt,
                    doc.input_hash,
                )
            ]
    except ValueError as exc:
        return [], [ReadError(url, str(exc))]
    except Exception as exc:  # a reader's (or its library's) bug must not stop the batch
        return [], [ReadError(url, f"cannot be read: {type(exc).__name__}: {exc}")]
    docs = [i for i in items if isinstance(i, RawDocument)]
    return docs, [i for i in items if isinstance(i, ReadError)]
