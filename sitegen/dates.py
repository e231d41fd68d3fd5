"""Reading publication dates into ISO 8601, within bounds every later stage can use."""

from __future__ import annotations

from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

MIN_YEAR, MAX_YEAR = 1800, 2199
"""A publication date outside these years is a mistake, and at the ends of the calendar a time
zone cannot even be converted (``0001-01-01T00:00:00+01:00``)."""


def checked_date(value: object) -> str | None:
    """``value`` as an ISO 8601 date or timestamp; None when there is none; ``ValueError``
    naming the value when it is not a date (``2024-02-30``) or lies outside the bounds."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed, text = value, value.isoformat()
    elif isinstance(value, date):
        parsed, text = datetime(value.year, value.month, value.day), value.isoformat()
    else:
        text = str(value).strip()
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            try:
                parsed = parsedate_to_datetime(text)
            except (TypeError, ValueError, IndexError):
                raise ValueError(f"date {text[:40]!r} is not a date") from None
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise ValueError(f"date {text[:40]!r} is outside the years {MIN_YEAR}-{MAX_YEAR}")
    if parsed.tzinfo is not None:
        parsed.astimezone(UTC)  # within the bounds, never overflows; checked all the same
    if parsed.time() == datetime.min.time() and parsed.tzinfo is None and len(text) <= 10:
        return parsed.date().isoformat()
    return parsed.isoformat()


def normalize_date(value: object) -> str | None:
    """An ISO 8601 date or timestamp from common date forms; None when unreadable or out of
    bounds (for what readers find in pages, where a bad date is no date)."""
    try:
        return checked_date(value)
    except (ValueError, OverflowError):
        return None


def iso_day(value: str | None) -> date | None:
    """The day an ISO date or timestamp (``2024-05-01T10:00:00+02:00``) falls on, as
    written; None when there is none or it is not one."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def iso_moment(value: str | None) -> datetime | None:
    """An ISO date or timestamp as an aware moment (a value without an offset is taken as
    UTC); None when there is none or it is not one."""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None
    except ValueError:
        return None
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
