"""The files an index makes beside its pages: ``events.json``, ``search.json``, the host's
``_redirects`` and the Atom feeds (pure; a build makes them on a worker while it plans)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sitegen.config import Config
from sitegen.model import Article, Event
from sitegen.site.feeds import atom, newest
from sitegen.site.index import SiteIndex
from sitegen.site.search import json_bytes, search_index


def index_files(
    index: SiteIndex, config: Config, shown: Mapping[str, str] | None = None
) -> dict[str, bytes]:
    """``events.json``, ``search.json``, the host's redirects and the Atom feeds; ``shown``
    gives a section's name in the site's language (as its page shows it)."""
    return {
        "events.json": events_json(index),
        "search.json": search_index(index, config.base_path.rstrip("/")),
        **host_files(index, config),
        **feed_files(index, config, shown),
    }


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


def feed_files(
    index: SiteIndex, config: Config, shown: Mapping[str, str] | None = None
) -> dict[str, bytes]:
    """Atom feeds: the site's, one per event ("follow this story"), one per source and one
    per section (titled with ``shown``'s name for it, if any)."""
    shown = shown or {}
    limit = int(config["atom.max_items"])
    prefix = config.base_path.rstrip("/")
    out = {
        "feed.xml": atom(
            index,
            config,
            str(config["title"]),
            prefix + "/",
            prefix + "/feed.xml",
            newest(index.articles.values(), limit),
        )
    }
    for e in index.events.values():
        page = prefix + index.url_for("event", e.id)
        members = [index.articles[i] for i in e.article_ids]
        out[_feed_file(index.url_for("event", e.id))] = atom(
            index, config, e.title, page, page + "feed.xml", newest(members, limit)
        )
    by_source: dict[str, list[Article]] = {}
    for a in index.articles.values():
        if a.source:
            by_source.setdefault(a.source, []).append(a)
    for name, arts in by_source.items():
        page = prefix + index.url_for("source", name)
        out[_feed_file(index.url_for("source", name))] = atom(
            index, config, name, page, page + "feed.xml", newest(arts, limit)
        )
    for name, event_ids in index.sections.items():
        page = prefix + index.url_for("section", name)
        filed = [index.articles[a] for e in event_ids for a in index.events[e].article_ids]
        out[_feed_file(index.url_for("section", name))] = atom(
            index,
            config,
            f"{config['title']}: {shown.get(name, name)}",
            page,
            page + "feed.xml",
            newest(filed, limit),
        )
    return out


def _feed_file(url: str) -> str:
    return url.strip("/") + "/feed.xml"
