"""Checking URLs that come from article data before they reach a page."""

from __future__ import annotations

import re

_HTTP = re.compile(r"^https?://[^\s/?#\"'<>]+[^\s\"'<>]*$", re.IGNORECASE)


def safe_http_url(value: object) -> str | None:
    """The value if it is a plain http(s) URL, else None (no javascript:, data:, relative...)."""
    text = str(value or "").strip()
    return text if _HTTP.match(text) else None
