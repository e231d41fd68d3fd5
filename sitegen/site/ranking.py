"""Which events lead the home page (pure).

An event's importance is how many independent outlets reported it (copies do not
count; a report without a known outlet counts as one), plus half a point for each
article it gained since the last build, discounted by its age: the weight halves every
:data:`HALF_LIFE_DAYS` days since its latest report.  Age is measured from the newest
report on the site, not from the clock, so that one content gives one site.  Events
without any dated report are taken to be as old as the oldest dated one.  Ties go to
the more recent event, then the one with more reports, then to a hash of the id
(never to the alphabet).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from sitegen.dates import iso_moment

HALF_LIFE_DAYS = 2.0
"""Days after which an event's weight on the home page has halved."""
GROWTH_WEIGHT = 0.5
"""What each article gained since the last build adds to an event's outlets."""


@dataclass(frozen=True, slots=True)
class Standing:
    """What ranking knows of one event."""

    event_id: str
    outlets: int
    """Independent outlets that reported it."""
    latest: str | None
    """Its latest report's date or date-time (ISO), if any is dated."""
    reports: int
    grown: int = 0


def tiebreak(event_id: str) -> str:
    """A fixed order among equals that is not the alphabet's."""
    return hashlib.sha256(event_id.encode("utf-8")).hexdigest()


def importance(standing: Standing, age_days: float) -> float:
    """Outlets (and growth), halved every :data:`HALF_LIFE_DAYS` of age."""
    weight = standing.outlets + GROWTH_WEIGHT * standing.grown
    return float(weight * 0.5 ** (max(0.0, age_days) / HALF_LIFE_DAYS))


def rank(standings: Sequence[Standing]) -> list[str]:
    """Event ids, most important first (see the module's notes)."""
    moments = {s.event_id: iso_moment(s.latest) for s in standings}
    dated = [m for m in moments.values() if m is not None]
    newest = max(dated, default=None)
    oldest = min(dated, default=None)

    def age(event_id: str) -> float:
        moment = moments[event_id] or oldest
        if moment is None or newest is None:
            return 0.0
        return (newest - moment).total_seconds() / 86400

    def key(s: Standing) -> tuple[float, float, int, str]:
        a = age(s.event_id)
        return (-importance(s, a), a, -s.reports, tiebreak(s.event_id))

    return [s.event_id for s in sorted(standings, key=key)]
