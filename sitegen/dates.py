"""Reading publication dates into ISO 8601."""

from __future__ import annotations

from datetime import datetime
from email.utils import parsedate_to_datetime


def normalize_date(value: object) -> str | None:
    """An ISO 8601 date or timestamp from common date forms; None when unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    text = str(value).strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.time() == datetime.min.time() and parsed.tzinfo is None and len(text) <= 10:
        return parsed.date().isoformat()
    return parsed.isoformat()
