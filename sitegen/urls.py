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


_LOOPBACK_HOST = re.compile(
    r"(?:[^@/]*@)?(localhost|[\w.-]+\.localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)"
    r"(?::\d+)?\.?",
    re.IGNORECASE,
)


def on_this_machine(url: str) -> bool:
    """True for a URL whose host is this machine: ``localhost`` (or a name under it) or a
    loopback address."""
    host = re.sub(r"^https?://", "", url, flags=re.IGNORECASE).split("/", 1)[0]
    return _LOOPBACK_HOST.fullmatch(host) is not None
