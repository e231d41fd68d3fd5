"""What is new since the last update (pure, but for :func:`update_stamp`, which reads the
clock).

An *update* is a build that brought articles the site did not hold before.  The registry
keeps, for every article, the update it first appeared in (``seen``: the time of that
build, UTC); an article listed by a registry written before updates were recorded was seen
earlier than any of them (an empty stamp).  So a rebuild that brings nothing new (a template
edit, a config change) leaves "new" as it was, and a clean build of the same content and
registry says the same.

The articles of the newest update are the site's "new since the last update"; an event's
"updated" time is the newest of its articles' updates.  On a site's first update everything
is new, and nothing is singled out.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Mapping

from sitegen.model import Registry

EARLIER = ""
"""The update of an article seen before updates were recorded."""


def update_stamp() -> str:
    """This update's time: now, UTC, to the second; ``SOURCE_DATE_EPOCH`` when it is set (a
    reproducible build)."""
    fixed = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    seconds = int(fixed) if fixed.isdigit() else int(time.time())
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def seen_in(ids: Iterable[str], previous: Registry, now: str) -> dict[str, str]:
    """The update each article first appeared in: as the registry says, :data:`EARLIER` for
    one an old registry lists without a stamp, else ``now``."""
    listed = {a for members in previous.events.values() for a in members}
    out: dict[str, str] = {}
    for aid in ids:
        if aid in previous.seen:
            out[aid] = previous.seen[aid]
        else:
            out[aid] = EARLIER if aid in listed else now
    return out


def latest_update(seen: Mapping[str, str]) -> str | None:
    """The newest update, when there was one before it (else None: nothing is singled out
    as new on a site's first update)."""
    stamps = set(seen.values())
    newest = max(stamps, default=EARLIER)
    return newest if newest != EARLIER and len(stamps) > 1 else None


def new_articles(seen: Mapping[str, str]) -> frozenset[str]:
    """The articles of the newest update (none on the first)."""
    latest = latest_update(seen)
    return frozenset(a for a, stamp in seen.items() if latest and stamp == latest)


def previous_update(seen: Mapping[str, str]) -> str | None:
    """The update before the newest (None when it is unknown or there is none)."""
    latest = latest_update(seen)
    older = [s for s in set(seen.values()) if s != latest and s != EARLIER]
    return max(older) if latest and older else None
