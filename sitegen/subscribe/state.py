"""What the last updates learnt of each feed, in ``.sitegen-cache/cache/feeds/``.

Per feed: when it was last fetched and how that went, how many entries it had, its
``ETag`` and ``Last-Modified`` for the next conditional request, and the ``updated`` stamp
of each entry imported from it (an entry whose stamp moves is fetched again).  It is a
cache: written atomically with a checksum, and a lost or corrupt state costs one full fetch
of each feed, never a duplicate article (what is imported is known from ``content/``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitegen.cache import StageCache

STATE_VERSION = "1"


@dataclass(frozen=True, slots=True)
class FeedRecord:
    """One feed's state after an update."""

    last_fetch: str = ""
    """When it was last asked for (ISO 8601, UTC)."""
    status: str = ""
    """``ok``, ``not modified`` or ``failed``."""
    items: int = 0
    """Entries in the feed when it was last read."""
    last_error: str = ""
    """Why the last fetch failed, if it did."""
    etag: str | None = None
    last_modified: str | None = None
    entries: dict[str, str] = field(default_factory=dict)
    """guid -> the entry's ``updated`` stamp when it was imported."""


def _is_record(value: object) -> bool:
    if not isinstance(value, dict):
        return False
    texts = ("last_fetch", "status", "last_error")
    optional = ("etag", "last_modified")
    entries = value.get("entries")
    return (
        all(isinstance(value.get(k), str) for k in texts)
        and all(value.get(k) is None or isinstance(value.get(k), str) for k in optional)
        and isinstance(value.get("items"), int)
        and isinstance(entries, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in entries.items())
    )


class FeedState:
    """The records of every feed, read once and saved once per update."""

    def __init__(self, site: Path, warn: Callable[[str], None] | None = None) -> None:
        self._cache = StageCache(site, "feeds", STATE_VERSION, warn)

    def get(self, url: str) -> FeedRecord:
        """The feed's record, or an empty one for a feed never fetched."""
        found: dict[str, Any] | None = self._cache.get(url, _is_record)
        if found is None:
            return FeedRecord()
        return FeedRecord(**{**found, "entries": dict(found["entries"])})

    def put(self, url: str, record: FeedRecord) -> None:
        """Remember the record (written by :meth:`save`)."""
        self._cache.put(
            url,
            {
                "last_fetch": record.last_fetch,
                "status": record.status,
                "items": record.items,
                "last_error": record.last_error,
                "etag": record.etag,
                "last_modified": record.last_modified,
                "entries": dict(sorted(record.entries.items())),
            },
        )

    def save(self) -> None:
        """Write the records used in this update (feeds no longer listed are dropped)."""
        self._cache.save()
