"""``http(s)://`` inputs: fetch a page or a feed (timeout, size cap, clear User-Agent) and read
its article(s)."""

from __future__ import annotations

from pathlib import Path

from sitegen.ingest import feed, html
from sitegen.model import RawDocument, ReadError
from sitegen.slug import slugify
from sitegen.subscribe.body import CHUNK
from sitegen.subscribe.http import (
    MAX_BYTES,
    MAX_REDIRECTS,
    TIMEOUT,
    USER_AGENT,
    Client,
    Politeness,
)
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
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml")


def is_url(item: str) -> bool:
    """True for an ``http://`` or ``https://`` address."""
    return item.startswith(("http://", "https://"))


def fetch(url: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> tuple[bytes, str]:
    """(body, content type) of a URL, tried once, each request within ``timeout`` seconds in
    all (:class:`sitegen.subscribe.http.Client` does the work); raises ``ValueError`` (a
    ``FetchError``) with a one-line reason.  A response that names no type is ``text/plain``."""
    polite = Politeness(per_host=1, delay=0.0, timeout=timeout, max_bytes=max_bytes, retries=0)
    response = Client(polite).get(url)
    return response.body, response.content_type or "text/plain"


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
