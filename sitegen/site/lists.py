"""The site's long lists, paginated: the home page, sources, entities, the archive and
storyline timelines.

Also what event pages show from those lists: links to the pages of the names an event
mentions, and the pictures (:mod:`sitegen.site.charts`).

Every list goes through :func:`sitegen.site.paginate.paginate`, ``lists.page_size``
items a page.  Names (people, places, organisations: ``Event.entities``) get a page
once ``entities.min_events`` events mention them: most names appear in one event
only, and a page per name would outnumber the events several times over on a big
site.  ``entities/`` lists the ``entities.index_size`` names with the most events.
Months come from an event's first dated report (``index.event_month``); events
with no dated article are listed under ``archive/undated/``.

Functions return ``(output path, template, view model)`` triples; ``plan.py``
turns them into pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from sitegen.config import Config
from sitegen.model import Event, Storyline
from sitegen.site.catalogue import ENGLISH, Words
from sitegen.site.charts import coverage_chart, outlet_chart
from sitegen.site.index import UNDATED, SiteIndex, event_month
from sitegen.site.paginate import output_path, paginate
from sitegen.site.ranking import Standing, rank, tiebreak
from sitegen.site.whatsnew import new_count

if TYPE_CHECKING:
    from sitegen.site.plan import _Views

ListPage = tuple[str, str, dict[str, Any]]
"""(output path, template name, view model) of one page."""

HOME_STORYLINES = 10
"""Storylines on the home page: those whose latest event is the most recent."""
EVENT_OUTLET_CHART = 3
"""Outlets an event needs before its page shows the mix of outlets."""
Pictures = tuple[Markup | None, Markup | None]
"""An event's pictures: its coverage over time and its mix of outlets (None: not drawn)."""


def picture_data(index: SiteIndex, event: Event) -> tuple[list[str | None], list[str | None]]:
    """What an event's pictures show: its articles' dates and outlets, in its order."""
    members = [index.articles[i] for i in event.article_ids]
    return [a.date for a in members], [a.source for a in members]


def draw_pictures(
    data: tuple[list[str | None], list[str | None]], words: Words = ENGLISH
) -> Pictures:
    """The pictures of :func:`picture_data` (pure: the same data always draws the same)."""
    dates, sources = data
    return (
        coverage_chart(dates, words=words),
        outlet_chart(sources, min_outlets=EVENT_OUTLET_CHART, words=words),
    )


def event_pictures(index: SiteIndex, words: Words = ENGLISH) -> dict[str, Pictures]:
    """Every event's pictures by id (a build keeps them: ``pipeline.pictures``)."""
    return {eid: draw_pictures(picture_data(index, e), words) for eid, e in index.events.items()}


def month_label(month: str, words: Words = ENGLISH) -> str:
    """``2024-05`` -> ``May 2024`` (in the site's language); :data:`UNDATED` -> ``Undated``."""
    if month == UNDATED:
        return words.gettext("Undated")
    year, num = month.split("-")
    return words.month_year(int(year), int(num))


class Lists:
    """The list pages of one plan; ``views`` gives cards and hrefs (see ``plan._Views``)."""

    def __init__(self, views: _Views, config: Config, words: Words = ENGLISH) -> None:
        self.v = views
        self.words = words
        self.size = int(config["lists.page_size"])
        self.min_events = int(config["entities.min_events"])
        self.index_size = int(config["entities.index_size"])
        self._entities: dict[str, list[str]] | None = None

    # -- shared ---------------------------------------------------------------------------

    def recency(self, event_id: str) -> tuple[str, int, str]:
        """Sort key of "newest first": the event's last report, then its size, then a
        fixed order that is not the alphabet's."""
        card = self.v.event_card(self.v.index.events[event_id])
        return (card["last_date"] or "", card["count"], tiebreak(card["id"]))

    def newest_first(self, event_ids: Iterable[str]) -> list[str]:
        return sorted(event_ids, key=self.recency, reverse=True)

    def cards(self, event_ids: Iterable[str]) -> list[dict[str, Any]]:
        return [self.v.event_card(self.v.index.events[e]) for e in event_ids]

    def paged(
        self, items: Sequence[Any], kind: str, ident: str
    ) -> list[tuple[Sequence[Any], str, dict[str, Any]]]:
        """(items, output path, pagination) of each page of a list at ``url_for(kind, ident)``."""
        v = self.v

        def url(n: int) -> str:
            return v.prefix + v.index.page_url(kind, ident, n)

        return [(s.items, s.path, s.nav) for s in paginate(items, self.size, url, v.prefix)]

    # -- entities ---------------------------------------------------------------------------

    @property
    def entities(self) -> dict[str, list[str]]:
        """Name -> the events that mention it, newest first: names with a page only."""
        if self._entities is None:
            found: dict[str, list[str]] = {}
            for e in self.v.index.events.values():
                for name in dict.fromkeys(e.entities):
                    found.setdefault(name, []).append(e.id)
            self._entities = {
                name: self.newest_first(ids)
                for name, ids in sorted(found.items())
                if len(ids) >= self.min_events
            }
        return self._entities

    def entity_links(self, event: Event) -> list[dict[str, Any]]:
        """The names an event mentions, each with the href of its page (None: no page)."""
        return [
            {"name": n, "url": self.v.href("entity", n) if n in self.entities else None}
            for n in event.entities
        ]

    def entity_pages(self) -> list[ListPage]:
        """A page (or several) per name with enough events, and the ``entities/`` index."""
        pages: list[ListPage] = []
        listing: list[dict[str, Any]] = []
        for name, ids in self.entities.items():
            entity: dict[str, Any] = {
                "name": name,
                "url": self.v.href("entity", name),
                "count": len(ids),
            }
            listing.append(entity)
            for items, path, nav in self.paged(ids, "entity", name):
                ctx = {"entity": entity, "events": self.cards(items), "pagination": nav}
                pages.append((path, "entity.html", ctx))
        listing.sort(key=lambda x: (-x["count"], x["name"].lower(), x["name"]))
        shown = listing[: self.index_size]
        index = {
            "entities": shown,
            "total": len(listing),
            "min_events": self.min_events,
        }
        pages.append((self._list_path("entities"), "entities.html", index))
        return pages

    # -- event and storyline pages ------------------------------------------------------------

    def event_extras(self, event: Event, pictures: Pictures) -> dict[str, Any]:
        """What an event page adds: linked names and its pictures."""
        coverage, outlets = pictures
        return {
            "entity_links": self.entity_links(event),
            "sections": [
                {"name": name, "url": self.v.href("section", name)}
                for name in self.v.index.event_sections.get(event.id, ())
            ],
            "coverage_chart": coverage,
            "outlet_chart": outlets,
        }

    def storyline_chart(self, story: Storyline) -> Markup | None:
        """Coverage over time of every article of a storyline."""
        events = [self.v.index.events[e] for e in story.event_ids]
        dates = [a.date for e in events for a in self.v.members(e)]
        return coverage_chart(dates, words=self.words)

    def storyline_pages(self) -> list[ListPage]:
        """A page (or several) per storyline: its timeline of events in order, with the
        coverage over time of the whole storyline drawn on page 1."""
        pages: list[ListPage] = []
        for story in self.v.index.storylines.values():
            card = self.v.storyline_card(story.id)
            assert card is not None  # a storyline always has its card
            chart = self.storyline_chart(story)
            for items, path, nav in self.paged(card["events"], "storyline", story.id):
                ctx = {
                    "storyline": card,
                    "events": list(items),
                    "chart": chart if nav["number"] == 1 else None,
                    "pagination": nav,
                }
                pages.append((path, "storyline.html", ctx))
        return pages

    # -- home ---------------------------------------------------------------------------------

    def standing(self, event: Event) -> Standing:
        """What ranking weighs of an event: its independent outlets, latest report, size."""
        v = self.v
        members = v.members(event)
        own = [a for a in members if a.id not in v.index.duplicate_of]
        outlets = len({a.source for a in own if a.source}) + sum(1 for a in own if not a.source)
        dates = [a.date for a in members if a.date]
        return Standing(event.id, outlets, max(dates, default=None), len(members), event.grown)

    def home_pages(self) -> list[ListPage]:
        """The events that matter most first (``ranking``), with the most active storylines
        on page 1; and ``latest/``: the same events, newest first."""
        index = self.v.index
        ranked = rank([self.standing(e) for e in index.events.values()])
        stories = sorted(
            index.storylines.values(),
            key=lambda s: max(self.recency(e) for e in s.event_ids),
            reverse=True,
        )
        active = [self.v.storyline_card(s.id) for s in stories[:HOME_STORYLINES]]
        pages: list[ListPage] = []
        for ordering, ids in (("home", ranked), ("latest", self.newest_first(index.events))):
            for items, path, nav in self.paged(ids, "list", ordering):
                first = nav["number"] == 1 and ordering == "home"
                ctx = {
                    "events": self.cards(items),
                    "ordering": ordering,
                    "sections": self.section_list() if nav["number"] == 1 else [],
                    "new_count": new_count(self.v) if nav["number"] == 1 else 0,
                    "storylines": active if first else [],
                    "storyline_count": len(index.storylines),
                    "article_count": len(index.articles),
                    "event_count": len(ids),
                    "pagination": nav,
                }
                pages.append((path, "index.html", ctx))
        return pages

    # -- sections -----------------------------------------------------------------------------

    def section_list(self) -> list[dict[str, Any]]:
        """Every section with events: its name, page and how many events it has."""
        return [
            {"name": name, "url": self.v.href("section", name), "count": len(ids)}
            for name, ids in self.v.index.sections.items()
        ]

    def section_pages(self) -> list[ListPage]:
        """Per section: its events, newest first, with its feed; and ``sections/``: every
        section with events (no page at all when none has any)."""
        sections = self.section_list()
        pages: list[ListPage] = []
        for section in sections:
            ids = self.newest_first(self.v.index.sections[section["name"]])
            for items, path, nav in self.paged(ids, "section", section["name"]):
                ctx = {
                    "section": section,
                    "sections": sections,
                    "feed": section["url"] + "feed.xml",
                    "events": self.cards(items),
                    "pagination": nav,
                }
                pages.append((path, "section.html", ctx))
        if sections:
            pages.append((self._list_path("sections"), "sections.html", {"sections": sections}))
        return pages

    # -- sources ------------------------------------------------------------------------------

    def source_pages(self) -> list[ListPage]:
        """Per outlet: its articles, newest first, with the events of each page's articles;
        and ``sources/``: every outlet, most articles first, with the mix of outlets drawn on
        page 1."""
        v = self.v
        by_source: dict[str, list[Any]] = {}
        for a in v.index.articles.values():
            if a.source:
                by_source.setdefault(a.source, []).append(a)
        pages: list[ListPage] = []
        listing: list[dict[str, Any]] = []
        for name in v.index.sources:
            arts = sorted(by_source[name], key=lambda a: (a.date or "", a.id), reverse=True)
            source = {"name": name, "url": v.href("source", name)}
            all_events = dict.fromkeys(v.index.event_of[a.id] for a in arts)
            for items, path, nav in self.paged(arts, "source", name):
                shown = dict.fromkeys(v.index.event_of[a.id] for a in items)
                ctx = {
                    "source": source,
                    "feed": v.href("source", name) + "feed.xml",
                    "articles": [v.article_card(a) for a in items],
                    "events": self.cards(shown),
                    "article_count": len(arts),
                    "event_count": len(all_events),
                    "pagination": nav,
                }
                pages.append((path, "source.html", ctx))
            listing.append({**source, "count": len(arts), "events": len(all_events)})
        listing.sort(key=lambda s: (-s["count"], s["name"].lower()))
        chart = outlet_chart((a.source for a in v.index.articles.values()), words=self.words)
        for items, path, nav in self.paged(listing, "list", "sources"):
            ctx = {
                "sources": list(items),
                "source_count": len(listing),
                "chart": chart if nav["number"] == 1 else None,
                "pagination": nav,
            }
            pages.append((path, "sources.html", ctx))
        return pages

    # -- archive ------------------------------------------------------------------------------

    def archive_pages(self) -> list[ListPage]:
        """``archive/``: the months, newest first (undated last); and a page (or several) per
        month with its events in the order they happened."""
        v = self.v
        articles = v.index.articles
        by_month: dict[str, list[str]] = {}
        for e in v.index.events.values():
            by_month.setdefault(event_month(articles, e), []).append(e.id)
        order = sorted((m for m in by_month if m != UNDATED), reverse=True)
        if UNDATED in by_month:
            order.append(UNDATED)
        months: list[dict[str, Any]] = []
        for m in order:
            ids = by_month[m]
            count = sum(len(v.index.events[e].article_ids) for e in ids)
            months.append(
                {
                    "id": m,
                    "label": month_label(m, self.words),
                    "url": v.href("month", m),
                    "count": len(ids),
                    "articles": count,
                }
            )
        pages: list[ListPage] = []
        for i, month in enumerate(months):
            ids = sorted(by_month[month["id"]], key=self._first_report)
            dated = month["id"] != UNDATED
            newer = months[i - 1] if dated and i > 0 else None
            older = (
                months[i + 1] if i + 1 < len(months) and months[i + 1]["id"] != UNDATED else None
            )
            for items, path, nav in self.paged(ids, "month", month["id"]):
                ctx = {
                    "month": month,
                    "events": self.cards(items),
                    "newer": newer,
                    "older": older,
                    "pagination": nav,
                }
                pages.append((path, "month.html", ctx))
        years: dict[str, list[dict[str, Any]]] = {}
        for month in months:
            if month["id"] != UNDATED:
                years.setdefault(month["id"][:4], []).append(month)
        archive = {
            "years": [{"year": y, "months": ms} for y, ms in years.items()],
            "undated": months[-1] if months and months[-1]["id"] == UNDATED else None,
            "event_count": len(v.index.events),
        }
        pages.append((self._list_path("archive"), "archive.html", archive))
        return pages

    def _first_report(self, event_id: str) -> tuple[str, str]:
        card = self.v.event_card(self.v.index.events[event_id])
        return (card["first_date"] or "", card["id"])

    def _list_path(self, name: str) -> str:
        return output_path(self.v.index.url_for("list", name))
