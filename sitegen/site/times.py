"""Dates and times as pages show them, in the site's time zone (config ``timezone``; pure).

A date without a time (``2026-11-03``) is shown as it is: moving it to another zone would
invent an hour.  A time with its zone or offset is shown in the site's zone, to the minute,
with the zone's abbreviation (``2026-11-03 09:30 UTC``); one without an offset is taken as UTC,
as sitegen stores times.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

UTC = dt.UTC


@lru_cache(maxsize=8)
def site_zone(name: str) -> dt.tzinfo:
    """The zone named by config ``timezone`` (UTC when the system does not know it)."""
    if name.upper() == "UTC":
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def check_zone(value: object) -> str | None:
    """The config check of ``timezone``: an IANA zone name this system knows, or UTC."""
    if not isinstance(value, str):
        return "must be a time zone name such as UTC or Europe/Lisbon"
    if value.upper() == "UTC":
        return None
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return f"unknown time zone {value!r} (a name such as UTC or Europe/Lisbon)"
    return None


def shown_time(value: str | None, zone: dt.tzinfo) -> str | None:
    """``value`` (ISO 8601) as a page shows it: a date as it is, a time in ``zone``."""
    if not value:
        return None
    if len(value) <= 10:
        return value
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value[:10]
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(zone)
    return local.strftime("%Y-%m-%d %H:%M ") + (local.tzname() or "UTC")
