"""Checking URLs that come from article data before they reach a page."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_HTTP = re.compile(r"^https?://[^\s/?#\"'<>]+[^\s\"'<>]*$", re.IGNORECASE)


def url_folders(url: str | None) -> list[str]:
    """The folders of a URL's path (``/world/europe/2026/slug`` -> world, europe, 2026): its
    last segment is the page's own name, never a folder; none for no URL or a broken one."""
    if not url:
        return []
    try:
        path = urlsplit(url).path
    except ValueError:
        return []
    return [s for s in path.split("/") if s][:-1]


def safe_http_url(value: object) -> str | None:
    """The value if it is a plain http(s) URL, else None (no javascript:, data:, relative...)."""
    text = str(value or "").strip()
    return text if _HTTP.match(text) else None
