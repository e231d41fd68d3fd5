"""``build_index``: everything by id, and the one place URLs come from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sitegen.model import Article, Event, Grouping, NearDuplicate, Storyline
from sitegen.slug import slugify, unique_slug


class UrlCollision(ValueError):
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
        """Root-relative URL of a page (kind: article, event, source, storyline, redirect)."""
        return self.urls[(kind, ident)]


def _article_slugs(articles: Sequence[Article]) -> dict[str, str]:
    taken: set[str] = set()
    out = {}
    for a in sorted(articles, key=lambda a: a.id):
        out[a.id] = unique_slug(a.id, taken, "article")
        taken.add(out[a.id])
    return out


def _source_slugs(articles: Sequence[Article]) -> dict[str, str]:
    taken: set[str] = set()
    out: dict[str, str] = {}
    for name in sorted({a.source for a in articles if a.source}):
        out[name] = unique_slug(name, taken, "source")
        taken.add(out[name])
    return out


def build_index(articles: Sequence[Article], grouping: Grouping) -> SiteIndex:
    """Resolve ids and URLs; raises :class:`UrlCollision` if two pages claim one path."""
    urls: dict[tuple[str, str], str] = {}
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
