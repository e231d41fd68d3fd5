"""``build_index``: everything by id, and the one place URLs come from."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sitegen.errors import SitegenError
from sitegen.model import Article, Event, Grouping, NearDuplicate, Storyline
from sitegen.outlets import plain_name
from sitegen.slug import slugify, unique_slug


class UrlCollision(SitegenError, ValueError):
    """Two things would be written to the same URL."""


@dataclass(frozen=True, slots=True)
class SiteIndex:
    """The whole site's content, resolved: lookups by id and every URL."""

    articles: dict[str, Article]
    """Articles by id."""
    events: dict[str, Event]
    """Events by id, in timeline order of their first report."""
    storylines: dict[str, Storyline]
    """Storylines by id."""
    event_of: dict[str, str]
    """Article id -> event id."""
    duplicate_of: dict[str, NearDuplicate]
    """Article id -> the report it repeats."""
    sources: dict[str, str]
    """Source name -> source slug."""
    redirects: dict[str, str]
    """Retired event id -> the live event id its URL now leads to."""
    urls: dict[tuple[str, str], str]
    """(kind, id) -> site-root-relative path, e.g. ("event", "x") -> "/events/x/"."""

    def url_for(self, kind: str, ident: str) -> str:
        """Root-relative URL of a page (kind: article, event, source, storyline, redirect,
        entity, month, or list: one of :data:`LISTS`)."""
        return self.urls[(kind, ident)]

    def page_url(self, kind: str, ident: str, number: int) -> str:
        """URL of page ``number`` (from 1) of a paginated list: page 1 is the list's own URL,
        the others are ``page/N/`` below it."""
        url = self.url_for(kind, ident)
        return url if number <= 1 else f"{url}page/{number}/"


def _article_slugs(articles: Sequence[Article]) -> dict[str, str]:
    taken: set[str] = set()
    out = {}
    for a in sorted(articles, key=lambda a: a.id):
        out[a.id] = unique_slug(a.id, taken, "article")
        taken.add(out[a.id])
    return out


def _source_slugs(articles: Sequence[Article]) -> dict[str, str]:
    """Source name -> slug, of how the name reads (``politifact`` of ``politifact.com``:
    :func:`~sitegen.outlets.plain_name`). The articles name each outlet one way
    (:func:`~sitegen.outlets.one_name_per_outlet`), so only two outlets whose names slug
    alike share a base, and the second in sorted order gets ``-2``."""
    taken: set[str] = set()
    out: dict[str, str] = {}
    for name in sorted({a.source for a in articles if a.source}):
        out[name] = unique_slug(plain_name(name), taken, "source")
        taken.add(out[name])
    return out


LISTS = {
    "home": "/",
    "latest": "/latest/",
    "sources": "/sources/",
    "entities": "/entities/",
    "archive": "/archive/",
    "search": "/search/",
}
"""The site's fixed list pages: ``url_for("list", name)``."""
UNDATED = "undated"
"""The archive "month" of events without any dated article."""


def event_month(articles: Mapping[str, Article], event: Event) -> str:
    """``YYYY-MM`` of an event's first dated report, or :data:`UNDATED`."""
    dates = [d for i in event.article_ids if (d := articles[i].date)]
    first = min(dates, default="")[:7]
    return first if re.fullmatch(r"\d{4}-\d{2}", first) else UNDATED


def _entity_slugs(events: Sequence[Event]) -> dict[str, str]:
    taken: set[str] = set()
    out: dict[str, str] = {}
    for name in sorted({n for e in events for n in e.entities}):
        out[name] = unique_slug(name, taken, "entity")
        taken.add(out[name])
    return out


def build_index(articles: Sequence[Article], grouping: Grouping) -> SiteIndex:
    """Resolve ids and URLs; raises :class:`UrlCollision` if two pages claim one path."""
    urls: dict[tuple[str, str], str] = {("list", name): url for name, url in LISTS.items()}
    for aid, slug in _article_slugs(articles).items():
        urls[("article", aid)] = f"/articles/{slug}/"
    for event in grouping.events:
        urls[("event", event.id)] = f"/events/{slugify(event.id, 'event')}/"
    for old in grouping.redirects:
        urls[("redirect", old)] = f"/events/{slugify(old, 'event')}/"
    for story in grouping.storylines:
        urls[("storyline", story.id)] = f"/storylines/{slugify(story.id, 'storyline')}/"
    sources = _source_slugs(articles)
    for name, slug in sources.items():
        urls[("source", name)] = f"/sources/{slug}/"
    for name, slug in _entity_slugs(grouping.events).items():
        urls[("entity", name)] = f"/entities/{slug}/"
    by_id = {a.id: a for a in articles}
    for month in sorted({event_month(by_id, e) for e in grouping.events}):
        urls[("month", month)] = f"/archive/{month}/"
    owners: dict[str, tuple[str, str]] = {}
    for owner, path in urls.items():
        if path in owners:
            raise UrlCollision(f"{path} is claimed by {owners[path]} and {owner}")
        owners[path] = owner
    return SiteIndex(
        articles={a.id: a for a in articles},
        events={e.id: e for e in grouping.events},
        storylines={s.id: s for s in grouping.storylines},
        event_of={aid: e.id for e in grouping.events for aid in e.article_ids},
        duplicate_of={d.article_id: d for d in grouping.duplicates},
        sources=sources,
        redirects=dict(grouping.redirects),
        urls=urls,
    )
