"""``http(s)://`` inputs: fetch a page or a feed (timeout, size cap, clear User-Agent)."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

from sitegen import __version__
from sitegen.ingest import feed, html
from sitegen.model import RawDocument, ReadError
from sitegen.slug import slugify

USER_AGENT = f"sitegen/{__version__} (static news digest importer)"
TIMEOUT = 20.0
"""Seconds to wait for a server."""
MAX_BYTES = 10 * 1024 * 1024
"""Responses larger than this are refused."""
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml")


def is_url(item: str) -> bool:
    """True for an ``http://`` or ``https://`` address."""
    return item.startswith(("http://", "https://"))


def fetch(url: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> tuple[bytes, str]:
    """(body, content type) of a URL; raises ``ValueError`` with a one-line reason."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            data = response.read(max_bytes + 1)
            ctype = response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        raise ValueError(f"HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ValueError(f"cannot fetch: {reason}") from None
    if len(data) > max_bytes:
        raise ValueError(f"larger than {max_bytes // 2**20} MB, skipped")
    return data, ctype


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
    docs = [i for i in items if isinstance(i, RawDocument)]
    return docs, [i for i in items if isinstance(i, ReadError)]
