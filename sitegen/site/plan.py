"""``plan_site``: the list of pages to render, each with a view model of plain values.

Templates never see internal objects: every link in a view model is already a
resolved href, every list already sorted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sitegen.config import Config
from sitegen.digest import Digest, digest_view
from sitegen.images import DEFAULT_RATIO, clean_image
from sitegen.labels import LABELS, article_label
from sitegen.languages import language_tag, primary
from sitegen.model import Article, Event
from sitegen.site.catalogue import ENGLISH, Words
from sitegen.site.feeds import origin, robots, sitemap
from sitegen.site.index import SiteIndex
from sitegen.site.lists import Lists, Pictures
from sitegen.site.paginate import output_path
from sitegen.site.times import shown_time, site_zone
from sitegen.site.whatsnew import new_pages
from sitegen.updates import EARLIER, new_articles

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
    """Other outputs by path that come from the pages (``sitemap.xml``, ``robots.txt``)."""


class _Views:
    """Builds view models for one index; href() adds the site's base path."""

    def __init__(self, index: SiteIndex, config: Config, words: Words = ENGLISH) -> None:
        self.index = index
        self.prefix = config.base_path.rstrip("/")
        self._event_cards: dict[str, dict[str, Any]] = {}
        self._article_cards: dict[str, dict[str, Any]] = {}
        self._related: dict[str, list[dict[str, Any]]] = {}
        self._storylines: dict[str, dict[str, Any]] = {}
        self.zone = site_zone(str(config["timezone"]))
        self.language = primary(str(config["language"]))
        self.images = config["images"] != "none"
        self.new = new_articles(index.seen)
        """The articles of the newest update (:mod:`sitegen.updates`)."""
        self.lists = Lists(self, config, words)

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
            "date_shown": shown_time(a.date, self.zone),
            "new": a.id in self.new,
            "summary": a.summary,
            "lang": self.other_language([a]),
            "label": _label_view(a),
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

    def other_language(self, articles: Sequence[Article]) -> str | None:
        """The language the articles are in, most of them (the first on a tie), as a ``lang``
        attribute value: None when it is the site's own or not known."""
        tags = [t for a in articles if (t := language_tag(a.extra.get("language")))]
        if not tags:
            return None
        tag = Counter(tags).most_common(1)[0][0]
        return None if primary(tag) == self.language else tag

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
        updated = max((self.index.seen.get(a.id, EARLIER) for a in members), default=EARLIER)
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
            "lang": self.other_language(members),
            "updated": shown_time(updated, self.zone) if updated != EARLIER else None,
            "new_count": sum(1 for a in members if a.id in self.new),
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
            "language": language_tag(a.extra.get("language")),
            "image": _image_view(a) if v.images else None,
        },
        "event": v.event_card(event),
        "others": [v.article_card(v.index.articles[i]) for i in ids if i != a.id],
        "previous": v.article_card(v.index.articles[ids[pos - 1]]) if pos > 0 else None,
        "next": v.article_card(v.index.articles[ids[pos + 1]]) if pos + 1 < len(ids) else None,
        "related": v.related(event),
        "storyline": v.storyline_card(event.storyline),
    }
    return Page(output_path(v.index.url_for("article", a.id)), "article.html", context)


LABEL_TYPES = {
    "opinion": "OpinionNewsArticle",
    "analysis": "AnalysisNewsArticle",
    "press release": "Article",
    "live": "LiveBlogPosting",
}
"""The schema.org type an article page states for each label (a news report: NewsArticle)."""


def _image_view(a: Article) -> dict[str, Any] | None:
    """An article's lead image as a page shows it, always with a width and height (those
    stated, else :data:`~sitegen.images.DEFAULT_RATIO`'s) so that nothing moves when it loads."""
    image = clean_image(a.extra.get("image"))
    if image is None:
        return None
    width, height = image.get("width"), image.get("height")
    sized = isinstance(width, int) and isinstance(height, int)
    return {
        "src": image["url"],
        "alt": image.get("alt") or "",
        "credit": image.get("credit"),
        "width": width if sized else DEFAULT_RATIO[0] * 100,
        "height": height if sized else DEFAULT_RATIO[1] * 100,
        "sized": sized,
    }


def _lead_image(v: _Views, e: Event) -> dict[str, Any] | None:
    """An event's lead image: its headline article's, else the first news report's (then
    any article's) that has one."""
    if not v.images:
        return None
    members = v.members(e)
    order = sorted(
        members,
        key=lambda a: (a.id != e.representative, article_label(a) is not None),
    )
    return next((view for a in order if (view := _image_view(a))), None)


def _label_view(a: Article) -> dict[str, str] | None:
    """What kind of piece the article is, when it is no news report (its ``label``)."""
    label = article_label(a)
    if label is None:
        return None
    return {"name": LABELS[label], "slug": label.replace(" ", "-"), "schema": LABEL_TYPES[label]}


def _event_page(v: _Views, e: Event, digest: Digest, pictures: Pictures) -> Page:
    card = v.event_card(e)
    context = {
        "event": {**card, "note_md": e.note, "image": _lead_image(v, e)},
        "digest": digest_view(digest, {a["id"]: a for a in card["articles"]}),
        "feed": v.href("event", e.id) + "feed.xml",
        "related": v.related(e),
        "storyline": v.storyline_card(e.storyline),
        **v.lists.event_extras(e, pictures),
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


_UNLISTED = ("404.html", "redirect.html")
"""Templates of pages the sitemap leaves out."""


def plan_site(
    index: SiteIndex,
    config: Config,
    digests: Mapping[str, Digest],
    pictures: Mapping[str, Pictures],
    words: Words = ENGLISH,
) -> Plan:
    """Every page of the site, with its view model, and the sitemap and robots.txt (pure).
    ``digests`` are the events' digests by id (:func:`~sitegen.digest.event_digests`) and
    ``pictures`` their charts (:func:`~sitegen.site.lists.event_pictures`); the index's other
    files come from :func:`~sitegen.site.index_files.index_files`.  ``words`` is the site's
    language, for the words the plan writes itself (months, charts)."""
    v = _Views(index, config, words)
    home = [Page(*p) for p in v.lists.home_pages()]
    others = [_article_page(v, a) for a in index.articles.values()]
    others += [Page(*p) for p in v.lists.source_pages()]
    others += [Page(*p) for p in v.lists.section_pages()]
    others += [Page(*p) for p in new_pages(v)]
    others += [Page(*p) for p in v.lists.entity_pages()]
    others += [Page(*p) for p in v.lists.archive_pages()]
    others += [Page(*p) for p in v.lists.storyline_pages()]
    others += _redirect_pages(v)
    others.append(Page("search/index.html", "search.html", {}))
    pages = [
        *home,
        Page("404.html", "404.html", {}),
        *(_event_page(v, e, digests[e.id], pictures[e.id]) for e in index.events.values()),
        *others,
    ]
    listed = [v.prefix + "/" + p.path.removesuffix("index.html") for p in pages]
    shown = (h for h, p in zip(listed, pages, strict=True) if p.template not in _UNLISTED)
    files = {"sitemap.xml": sitemap(config, shown), "robots.txt": robots(config)}
    base = origin(config)
    pages = [
        Page(p.path, p.template, {**p.context, "canonical": base + href})
        for p, href in zip(pages, listed, strict=True)
    ]
    return Plan(tuple(pages), files)
