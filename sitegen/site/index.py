"""``build_index``: everything by id, and the one place URLs come from."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sitegen.errors import SitegenError
from sitegen.model import Addresses, Article, Event, Grouping, NearDuplicate, Storyline
from sitegen.outlets import plain_name
from sitegen.sections import NO_SECTIONS, Sections
from sitegen.site.addresses import Handed, hand_out, handed_addresses
from sitegen.slug import slugify


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
    moved: dict[str, tuple[str, str]]
    """A given-up article, source or name path -> (kind, name) of the page it leads to."""
    addresses: Addresses
    """Every slug handed out, for the registry (:mod:`sitegen.site.addresses`)."""
    urls: dict[tuple[str, str], str]
    """(kind, id) -> site-root-relative path, e.g. ("event", "x") -> "/events/x/"."""
    sections: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Section name -> its events (in the index's order), for the sections with any, in the
    site's order (:mod:`sitegen.sections`)."""
    event_sections: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Event id -> the sections it belongs to, the most of its articles' first."""
    seen: dict[str, str] = field(default_factory=dict)
    """Article id -> the update it first appeared in (:mod:`sitegen.updates`), of every
    article in ``content/`` (those left out too)."""

    def url_for(self, kind: str, ident: str) -> str:
        """Root-relative URL of a page (kind: article, event, source, storyline, redirect,
        entity, month, moved, or list: one of :data:`LISTS`)."""
        return self.urls[(kind, ident)]

    def page_url(self, kind: str, ident: str, number: int) -> str:
        """URL of page ``number`` (from 1) of a paginated list: page 1 is the list's own URL,
        the others are ``page/N/`` below it."""
        url = self.url_for(kind, ident)
        return url if number <= 1 else f"{url}page/{number}/"


def _article_slugs(
    articles: Sequence[Article], before: Addresses, left_out: Sequence[str]
) -> Handed:
    """Article id -> slug: of its headline for an article new to the registry (one left out
    by retention, of its id); an article the registry knows keeps its slug, retitled or not."""
    titles = {a.id: a.title for a in articles}
    return hand_out(
        [*(a.id for a in articles), *left_out],
        lambda aid: titles.get(aid, aid),
        before.slugs.get("article", {}),
        before.moved.get("article", {}),
        "article",
        heirs=False,
    )


def _source_slugs(articles: Sequence[Article], before: Addresses) -> Handed:
    """Source name -> slug, of how the name reads (``politifact`` of ``politifact.com``:
    :func:`~sitegen.outlets.plain_name`). The articles name each outlet one way
    (:func:`~sitegen.outlets.one_name_per_outlet`), so only two outlets whose names slug
    alike share a base, and the one that came later gets ``-2``."""
    return hand_out(
        (a.source for a in articles if a.source),
        plain_name,
        before.slugs.get("source", {}),
        before.moved.get("source", {}),
        "source",
        heirs=True,
    )


LISTS = {
    "home": "/",
    "latest": "/latest/",
    "sources": "/sources/",
    "entities": "/entities/",
    "archive": "/archive/",
    "search": "/search/",
    "new": "/new/",
}
"""The site's fixed list pages: ``url_for("list", name)``."""
SECTIONS_URL = "/sections/"
"""The index of the site's sections, and the folder of each one's page (when any section has
events)."""
UNDATED = "undated"
"""The archive "month" of events without any dated article."""


def event_month(articles: Mapping[str, Article], event: Event) -> str:
    """``YYYY-MM`` of an event's first dated report, or :data:`UNDATED`."""
    dates = [d for i in event.article_ids if (d := articles[i].date)]
    first = min(dates, default="")[:7]
    return first if re.fullmatch(r"\d{4}-\d{2}", first) else UNDATED


def _entity_slugs(events: Sequence[Event], before: Addresses) -> Handed:
    return hand_out(
        (n for e in events for n in e.entities),
        lambda name: name,
        before.slugs.get("entity", {}),
        before.moved.get("entity", {}),
        "entity",
        heirs=True,
    )


_FOLDERS = {"article": "articles", "source": "sources", "entity": "entities"}


def build_index(
    articles: Sequence[Article],
    grouping: Grouping,
    before: Addresses | None = None,
    left_out: Sequence[str] = (),
    sections: Sections = NO_SECTIONS,
    seen: Mapping[str, str] | None = None,
) -> SiteIndex:
    """Resolve ids and URLs, keeping the slugs ``before`` (the registry's) gave; raises
    :class:`UrlCollision` if two pages claim one path.  ``left_out`` are the ids of articles
    in ``content/`` that this build leaves out (``retention.days``): they are given slugs
    too, so that nothing takes their URLs while they are away.  ``sections`` files the
    events; ``seen`` is the update each article first appeared in."""
    before = before or Addresses()
    urls: dict[tuple[str, str], str] = {("list", name): url for name, url in LISTS.items()}
    handed = {
        "article": _article_slugs(articles, before, left_out),
        "source": _source_slugs(articles, before),
        "entity": _entity_slugs(grouping.events, before),
    }
    live = {
        "article": {a.id for a in articles},
        "source": {a.source for a in articles if a.source},
        "entity": {n for e in grouping.events for n in e.entities},
    }
    for aid in sorted(live["article"]):
        urls[("article", aid)] = f"/articles/{handed['article'].slugs[aid]}/"
    for event in grouping.events:
        urls[("event", event.id)] = f"/events/{slugify(event.id, 'event')}/"
    for old in grouping.redirects:
        urls[("redirect", old)] = f"/events/{slugify(old, 'event')}/"
    for story in grouping.storylines:
        urls[("storyline", story.id)] = f"/storylines/{slugify(story.id, 'storyline')}/"
    sources = {name: handed["source"].slugs[name] for name in sorted(live["source"])}
    for name, slug in sources.items():
        urls[("source", name)] = f"/sources/{slug}/"
    for name in sorted(live["entity"]):
        urls[("entity", name)] = f"/entities/{handed['entity'].slugs[name]}/"
    moved: dict[str, tuple[str, str]] = {}
    for kind, h in handed.items():
        for slug, target in h.moved.items():
            if target in live[kind]:
                path = f"/{_FOLDERS[kind]}/{slug}/"
                urls[("moved", path)] = path
                moved[path] = (kind, target)
    by_id = {a.id: a for a in articles}
    for month in sorted({event_month(by_id, e) for e in grouping.events}):
        urls[("month", month)] = f"/archive/{month}/"
    event_sections = {
        e.id: sections.of_event(by_id[i] for i in e.article_ids) for e in grouping.events
    }
    filed = {
        name: tuple(e for e, of in event_sections.items() if name in of) for name in sections.names
    }
    filed = {name: events for name, events in filed.items() if events}
    if filed:
        urls[("list", "sections")] = SECTIONS_URL
    for name in filed:
        urls[("section", name)] = f"{SECTIONS_URL}{slugify(name, 'section')}/"
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
        moved=moved,
        addresses=handed_addresses(handed),
        urls=urls,
        sections=filed,
        event_sections={e: of for e, of in event_sections.items() if of},
        seen=dict(seen or {}),
    )
