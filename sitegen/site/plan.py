"""``plan_site``: the list of pages to render, each with a view model of plain values.

Templates never see internal objects: every link in a view model is already a
resolved href, every list already sorted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from typing import Any, cast

from markupsafe import Markup

from sitegen.config import Config
from sitegen.model import Article, Event
from sitegen.site.digest import Digest, digest_view, event_digest
from sitegen.site.feeds import atom, newest, origin, robots, sitemap
from sitegen.site.index import SiteIndex
from sitegen.site.lists import Lists
from sitegen.site.paginate import output_path
from sitegen.site.search import json_bytes, search_index
from sitegen.workers import IN_PROCESS, Workers

WORDS_PER_MINUTE = 230
RELATED_EVENTS = 6
"""Events of the same storyline shown on an event or article page."""
RELATED_ARTICLES = 5
"""Articles listed under each related event (the rest behind a link to the event)."""


@dataclass(frozen=True, slots=True)
class Page:
    """One HTML page to render."""

    path: str
    """Output path inside ``build/`` (``events/x/index.html``)."""
    template: str
    """Template name (``event.html``)."""
    context: dict[str, Any]
    """The view model: plain dicts, lists and strings."""


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything a build writes: pages to render and files written as they are."""

    pages: tuple[Page, ...]
    """Pages rendered through the theme."""
    files: dict[str, bytes]
    """Other outputs by path (``events.json``)."""


class _Views:
    """Builds view models for one index; href() adds the site's base path."""

    def __init__(self, index: SiteIndex, config: Config) -> None:
        self.index = index
        self.prefix = config.base_path.rstrip("/")
        self._event_cards: dict[str, dict[str, Any]] = {}
        self._article_cards: dict[str, dict[str, Any]] = {}
        self._related: dict[str, list[dict[str, Any]]] = {}
        self._storylines: dict[str, dict[str, Any]] = {}
        self.lists = Lists(self, config)

    def href(self, kind: str, ident: str) -> str:
        return self.prefix + self.index.url_for(kind, ident)

    def source(self, name: str | None) -> dict[str, str] | None:
        return {"name": name, "url": self.href("source", name)} if name else None

    def article_card(self, a: Article) -> dict[str, Any]:
        """An article's card (built once per article, shared by every page that lists it)."""
        card = self._article_cards.get(a.id)
        if card is None:
            card = self._article_cards[a.id] = self._make_article_card(a)
        return card

    def _make_article_card(self, a: Article) -> dict[str, Any]:
        dup = self.index.duplicate_of.get(a.id)
        original = self.index.articles[dup.original_id] if dup else None
        return {
            "id": a.id,
            "title": a.title,
            "title_generated": a.title_generated,
            "url": self.href("article", a.id),
            "source": self.source(a.source),
            "author": a.author,
            "date": a.date,
            "summary": a.summary,
            "original_url": a.url,
            "same_report_as": {
                "title": original.title,
                "url": self.href("article", original.id),
                "source": original.source,
                "similarity": dup.similarity,
            }
            if original and dup
            else None,
        }

    def members(self, event: Event) -> list[Article]:
        return [self.index.articles[i] for i in event.article_ids]

    def event_card(self, event: Event) -> dict[str, Any]:
        """An event with its article cards (built once per event, shared by every page)."""
        if event.id not in self._event_cards:
            self._event_cards[event.id] = self._make_event_card(event)
        return self._event_cards[event.id]

    def _make_event_card(self, event: Event) -> dict[str, Any]:
        members = self.members(event)
        dates = sorted(a.date for a in members if a.date)
        sources = sorted({a.source for a in members if a.source})
        copies = sum(1 for a in members if a.id in self.index.duplicate_of)
        return {
            "id": event.id,
            "title": event.title,
            "url": self.href("event", event.id),
            "first_date": dates[0] if dates else None,
            "last_date": dates[-1] if dates else None,
            "sources": [self.source(s) for s in sources],
            "count": len(members),
            "independent": len(members) - copies,
            "summary": event.summary,
            "entities": list(event.entities),
            "key_terms": list(event.key_terms),
            "articles": [self.article_card(a) for a in members],
        }

    def related(self, event: Event) -> list[dict[str, Any]]:
        """The events of the storyline nearest this one in time (at most ``RELATED_EVENTS``),
        each with its first ``RELATED_ARTICLES`` articles: a page never lists a whole story.
        (Made once per event: its page and its articles' pages show the same.)"""
        if not event.storyline:
            return []
        if event.id not in self._related:
            self._related[event.id] = self._make_related(event, event.storyline)
        return self._related[event.id]

    def _make_related(self, event: Event, story_id: str) -> list[dict[str, Any]]:
        ids = list(self.index.storylines[story_id].event_ids)
        here = ids.index(event.id)
        nearest = sorted((i for i in range(len(ids)) if i != here), key=lambda i: abs(i - here))
        cards = []
        for i in sorted(nearest[:RELATED_EVENTS]):
            card = self.event_card(self.index.events[ids[i]])
            shown = card["articles"][:RELATED_ARTICLES]
            cards.append({**card, "articles": shown, "more": card["count"] - len(shown)})
        return cards

    def storyline_card(self, story_id: str | None) -> dict[str, Any] | None:
        """A storyline with its event cards (made once per storyline)."""
        if not story_id:
            return None
        if story_id not in self._storylines:
            self._storylines[story_id] = self._make_storyline_card(story_id)
        return self._storylines[story_id]

    def _make_storyline_card(self, story_id: str) -> dict[str, Any]:
        story = self.index.storylines[story_id]
        return {
            "title": story.title,
            "url": self.href("storyline", story.id),
            "events": [self.event_card(self.index.events[e]) for e in story.event_ids],
        }


def _article_page(v: _Views, a: Article) -> Page:
    event = v.index.events[v.index.event_of[a.id]]
    ids = list(event.article_ids)
    pos = ids.index(a.id)
    card = v.article_card(a)
    words = len(a.body.split())
    context = {
        "article": {
            **card,
            "body_md": a.body,
            "credits": list(a.credits),
            "reading_minutes": max(1, round(words / WORDS_PER_MINUTE)),
            "language": _language_tag(a.extra.get("language")),
        },
        "event": v.event_card(event),
        "others": [v.article_card(v.index.articles[i]) for i in ids if i != a.id],
        "previous": v.article_card(v.index.articles[ids[pos - 1]]) if pos > 0 else None,
        "next": v.article_card(v.index.articles[ids[pos + 1]]) if pos + 1 < len(ids) else None,
        "related": v.related(event),
        "storyline": v.storyline_card(event.storyline),
    }
    return Page(output_path(v.index.url_for("article", a.id)), "article.html", context)


_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def _language_tag(value: object) -> str | None:
    """An article's ``language`` as a ``lang`` attribute value, or None when it is not a
    well-formed language tag (front matter is input like any other)."""
    return value if isinstance(value, str) and _LANGUAGE_TAG.fullmatch(value) else None


EventWork = tuple[Digest, Markup | None, Markup | None]
"""What an event page takes longest to make: its digest and its two charts."""


def _event_work(v: _Views, e: Event) -> EventWork:
    digest = event_digest(v.members(e), v.index.duplicate_of, e.summary)
    return (digest, *v.lists.event_charts(e))


def _event_page(v: _Views, e: Event, work: EventWork) -> Page:
    card = v.event_card(e)
    digest, coverage, outlets = work
    context = {
        "event": {**card, "note_md": e.note},
        "digest": digest_view(digest, {a["id"]: a for a in card["articles"]}),
        "feed": v.href("event", e.id) + "feed.xml",
        "related": v.related(e),
        "storyline": v.storyline_card(e.storyline),
        **v.lists.event_extras(e, (coverage, outlets)),
    }
    return Page(output_path(v.index.url_for("event", e.id)), "event.html", context)


def _moved_title(index: SiteIndex, kind: str, name: str) -> str:
    return index.articles[name].title if kind == "article" else name


def _redirect_pages(v: _Views) -> list[Page]:
    """Pages at retired event URLs that send the reader on to the surviving event, and at
    given-up article, source and name URLs that send them on to the page now there."""
    pages = []
    for old, new in v.index.redirects.items():
        target = v.index.events[new]
        ctx = {"target": {"title": target.title, "url": v.href("event", new)}, "kind": "event"}
        pages.append(Page(output_path(v.index.url_for("redirect", old)), "redirect.html", ctx))
    for path, (kind, name) in v.index.moved.items():
        link = {"title": _moved_title(v.index, kind, name), "url": v.href(kind, name)}
        pages.append(Page(output_path(path), "redirect.html", {"target": link, "kind": kind}))
    return pages


def moved_urls(index: SiteIndex) -> list[tuple[str, str]]:
    """(old path, new path) of every redirect: merged events, then moved pages."""
    pairs = [
        (index.url_for("redirect", old), index.url_for("event", new))
        for old, new in sorted(index.redirects.items())
    ]
    pairs += [(p, index.url_for(k, n)) for p, (k, n) in sorted(index.moved.items())]
    return pairs


def _event_json(index: SiteIndex, e: Event) -> dict[str, Any]:
    arts = [index.articles[i] for i in e.article_ids]
    dates = sorted(a.date for a in arts if a.date)
    return {
        "id": e.id,
        "title": e.title,
        "page": index.url_for("event", e.id),
        "storyline": e.storyline,
        "summary": e.summary,
        "first_report": dates[0] if dates else None,
        "last_report": dates[-1] if dates else None,
        "sources": sorted({a.source for a in arts if a.source}),
        "representative": e.representative,
        "entities": list(e.entities),
        "key_terms": list(e.key_terms),
        "articles": [
            {
                "id": a.id,
                "title": a.title,
                "source": a.source,
                "date": a.date,
                "page": index.url_for("article", a.id),
                "url": a.url,
                "duplicate_of": d.original_id if (d := index.duplicate_of.get(a.id)) else None,
            }
            for a in arts
        ],
    }


def events_json(index: SiteIndex) -> bytes:
    """The machine-readable index of events and their articles (``build/events.json``)."""
    data = {
        "events": [_event_json(index, e) for e in index.events.values()],
        "redirects": dict(moved_urls(index)),
    }
    return json_bytes(data, indent=2) + b"\n"


def host_files(index: SiteIndex, config: Config) -> dict[str, bytes]:
    """``_redirects`` for hosts that read it (Netlify, Cloudflare Pages); ``_headers`` depends
    on the static files, and comes from ``assets.asset_outputs``."""
    prefix = config.base_path.rstrip("/")
    redirects = [f"{prefix}{old} {prefix}{new} 301" for old, new in moved_urls(index)]
    return {
        "_redirects": "".join(line + "\n" for line in redirects).encode("utf-8"),
    }


def feed_files(v: _Views, config: Config) -> dict[str, bytes]:
    """Atom feeds: the site's, one per event ("follow this story") and one per source."""
    limit = int(config["atom.max_items"])
    index = v.index
    out = {
        "feed.xml": atom(
            index,
            config,
            str(config["title"]),
            v.prefix + "/",
            v.prefix + "/feed.xml",
            newest(index.articles.values(), limit),
        )
    }
    for e in index.events.values():
        page = v.href("event", e.id)
        members = [index.articles[i] for i in e.article_ids]
        out[_feed_file(index.url_for("event", e.id))] = atom(
            index, config, e.title, page, page + "feed.xml", newest(members, limit)
        )
    by_source: dict[str, list[Article]] = {}
    for a in index.articles.values():
        if a.source:
            by_source.setdefault(a.source, []).append(a)
    for name, arts in by_source.items():
        page = v.href("source", name)
        out[_feed_file(index.url_for("source", name))] = atom(
            index, config, name, page, page + "feed.xml", newest(arts, limit)
        )
    return out


def _feed_file(url: str) -> str:
    return url.strip("/") + "/feed.xml"


def _index_files(v: _Views, config: Config) -> dict[str, bytes]:
    """``events.json``, ``search.json``, the host's redirects and the Atom feeds."""
    index = v.index
    return {
        "events.json": events_json(index),
        "search.json": search_index(index, v.prefix),
        **host_files(index, config),
        **feed_files(v, config),
    }


def _slow_part(v: _Views, config: Config, event: Event | None) -> EventWork | dict[str, bytes]:
    """An event's digest and charts, or (for None) the index files and feeds."""
    return _index_files(v, config) if event is None else _event_work(v, event)


def plan_site(index: SiteIndex, config: Config, workers: Workers = IN_PROCESS) -> Plan:
    """Every page of the site, with its view model (pure).  The slow parts (event digests
    and charts, the index files and feeds) are made on ``workers`` while this process
    plans the other pages, with the same result."""
    v = _Views(index, config)
    events = list(index.events.values())
    slow = workers.start("events", partial(_slow_part, v, config), [None, *events])
    home = [Page(*p) for p in v.lists.home_pages()]
    others = [_article_page(v, a) for a in index.articles.values()]
    others += [Page(*p) for p in v.lists.source_pages()]
    others += [Page(*p) for p in v.lists.entity_pages()]
    others += [Page(*p) for p in v.lists.archive_pages()]
    others += [Page(*p) for p in v.lists.storyline_pages()]
    others += _redirect_pages(v)
    others.append(Page("search/index.html", "search.html", {}))
    made = slow.get()
    files = cast(dict[str, bytes], made[0])
    work = cast(list[EventWork], made[1:])
    pages = [
        *home,
        Page("404.html", "404.html", {}),
        *(_event_page(v, e, w) for e, w in zip(events, work, strict=True)),
        *others,
    ]
    listed = [v.prefix + "/" + p.path.removesuffix("index.html") for p in pages]
    files["sitemap.xml"] = sitemap(
        config,
        (
            h
            for h, p in zip(listed, pages, strict=True)
            if p.template not in ("404.html", "redirect.html")
        ),
    )
    files["robots.txt"] = robots(config)
    base = origin(config)
    pages = [
        Page(p.path, p.template, {**p.context, "canonical": base + href})
        for p, href in zip(pages, listed, strict=True)
    ]
    return Plan(tuple(pages), files)
