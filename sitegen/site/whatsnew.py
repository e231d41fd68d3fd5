"""``new/``: what the newest update brought (:mod:`sitegen.updates`): the events it started,
then the earlier events it added coverage to, each newest first, with the new articles marked
on their cards; and how many there are, for the home page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sitegen.site.times import shown_time
from sitegen.updates import EARLIER, latest_update, previous_update

if TYPE_CHECKING:
    from sitegen.site.lists import ListPage
    from sitegen.site.plan import _Views


def new_pages(v: _Views) -> list[ListPage]:
    """The page (or pages) of ``new/``: events the newest update started, then those it
    added to; on a site's first update, a page that says everything is new, and on a site
    whose articles were all there before updates were recorded, one that says so."""
    index = v.index
    touched = {index.event_of[a] for a in v.new if a in index.event_of}
    first = {e for e in touched if all(a in v.new for a in index.events[e].article_ids)}
    started, grown = v.lists.newest_first(first), v.lists.newest_first(touched - first)
    ordered = started + grown
    latest, before = latest_update(index.seen), previous_update(index.seen)
    summary = {
        "articles": new_count(v),
        "started": len(started),
        "grown": len(grown),
        "latest": shown_time(latest, v.zone),
        "previous": shown_time(before, v.zone),
        "first_update": latest is None and any(s != EARLIER for s in index.seen.values()),
        "unrecorded": all(s == EARLIER for s in index.seen.values()),
    }
    pages: list[ListPage] = []
    for items, path, nav in v.lists.paged(ordered, "list", "new"):  # one page when empty
        cards: list[dict[str, Any]] = [
            {**v.event_card(index.events[e]), "started": e in first} for e in items
        ]
        pages.append((path, "new.html", {"update": summary, "events": cards, "pagination": nav}))
    return pages


def new_count(v: _Views) -> int:
    """How many articles the newest update brought (0 on the first)."""
    return sum(1 for a in v.new if a in v.index.event_of)
