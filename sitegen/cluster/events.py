"""Grouping articles into events: one happening, however many outlets covered it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from sitegen.cluster.agglomerate import average_link
from sitegen.cluster.text import Vector, cosine
from sitegen.model import Article, Event, EventNote
from sitegen.slug import short_hash, slugify


def _day(article: Article) -> date | None:
    try:
        return date.fromisoformat(article.date[:10]) if article.date else None
    except ValueError:
        return None


def similarities(
    articles: Sequence[Article], vecs: Sequence[Vector], window_days: int
) -> dict[tuple[int, int], float]:
    """Cosine similarity of every pair that may be one event (dated too far apart: never)."""
    days = [_day(a) for a in articles]
    sims: dict[tuple[int, int], float] = {}
    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            di, dj = days[i], days[j]
            if di and dj and abs((di - dj).days) > window_days:
                continue
            s = cosine(vecs[i], vecs[j])
            if s > 0:
                sims[(i, j)] = s
    return sims


def timeline_key(article: Article) -> tuple[str, str]:
    """Order of coverage: undated articles last, ties broken by id."""
    return (article.date or "9999", article.id)


def event_id(first: Article) -> str:
    """A readable id that stays put while coverage is added: the first report's title and id."""
    words = slugify(first.title, "event").split("-")[:8]
    return f"{'-'.join(words)}-{short_hash(first.id)}"


def _headline(members: Sequence[Article], vecs: Mapping[str, Vector]) -> str:
    """The title of the most central member, preferring real headlines over made-up ones."""

    def centrality(a: Article) -> float:
        return sum(cosine(vecs[a.id], vecs[b.id]) for b in members if b is not a)

    ranked = sorted(members, key=lambda a: (a.title_generated, -centrality(a), timeline_key(a)))
    return ranked[0].title


def group_events(
    articles: Sequence[Article],
    vecs: Sequence[Vector],
    threshold: float,
    window_days: int,
    notes: Sequence[EventNote] = (),
) -> list[Event]:
    """Cluster articles into events; an article's pinned ``event`` always wins."""
    by_id = {a.id: v for a, v in zip(articles, vecs, strict=True)}
    free = [i for i, a in enumerate(articles) if not a.event]
    sims = similarities([articles[i] for i in free], [vecs[i] for i in free], window_days)
    groups: dict[str, list[Article]] = {}
    for cluster in average_link(len(free), sims, threshold):
        members = sorted((articles[free[k]] for k in cluster), key=timeline_key)
        groups[event_id(members[0])] = members
    for article in articles:
        if article.event:
            groups.setdefault(slugify(article.event, "event"), []).append(article)
    note_by_id = {n.id: n for n in notes}
    events = []
    for eid, members in groups.items():
        members.sort(key=timeline_key)
        note = note_by_id.get(eid)
        title = (note.title if note and note.title else None) or _headline(members, by_id)
        events.append(
            Event(eid, title, tuple(a.id for a in members), None, note.body if note else "")
        )
    return events
