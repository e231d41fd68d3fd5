"""Event digests made once per coverage (the ``digests`` stage cache).

A digest (:func:`~sitegen.digest.event_digest`) reads an event's articles in timeline
order, which of them repeat which, and the summary the page shows; nothing else.  It is
kept under a key of exactly that, so a build makes digests only for the events whose
coverage changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from sitegen.cache import StageCache, content_key
from sitegen.digest import Additions, Digest, Point, Quote, Report, digest_of
from sitegen.model import Event
from sitegen.site.index import SiteIndex
from sitegen.workers import IN_PROCESS, Workers

DIGESTS_VERSION = "2"
"""Bumped whenever :mod:`sitegen.digest` makes a digest differently."""


def _key(index: SiteIndex, event: Event) -> str:
    parts = [DIGESTS_VERSION, event.summary or ""]
    for aid in event.article_ids:
        dup = index.duplicate_of.get(aid)
        parts.append(repr(index.articles[aid]))
        parts.append(repr((dup.original_id, dup.similarity)) if dup else "")
    return content_key(*parts)


def _stored(digest: Digest) -> list[Any]:
    return [
        [[p.text, p.article_id] for p in digest.summary],
        [[a.article_id, list(a.sentences)] for a in digest.additions],
        [[q.text, q.speaker, q.role, q.article_id] for q in digest.quotes],
        [[r.article_id, list(r.copies)] for r in digest.reports],
    ]


def _strs(value: Any, n: int, optional: Sequence[int] = ()) -> bool:
    return (
        isinstance(value, list)
        and len(value) == n
        and all(isinstance(v, str) or (k in optional and v is None) for k, v in enumerate(value))
    )


def _is_digest(value: Any) -> bool:
    """The shape :func:`_stored` gives."""
    if not (
        isinstance(value, list) and len(value) == 4 and all(isinstance(v, list) for v in value)
    ):
        return False
    summary, additions, quotes, reports = value
    return (
        all(_strs(p, 2) for p in summary)
        and all(map(_id_and_strs, additions))
        and all(_strs(q, 4, optional=(1, 2)) for q in quotes)
        and all(map(_id_and_strs, reports))
    )


def _id_and_strs(value: Any) -> bool:
    """``[article id, [text, ...]]``: an addition's sentences, or a report's copies."""
    return (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], str)
        and isinstance(value[1], list)
        and all(isinstance(s, str) for s in value[1])
    )


def _digest(value: list[Any]) -> Digest:
    summary, additions, quotes, reports = value
    return Digest(
        summary=tuple(Point(t, a) for t, a in summary),
        additions=tuple(Additions(a, tuple(s)) for a, s in additions),
        quotes=tuple(Quote(t, s, r, a) for t, s, r, a in quotes),
        reports=tuple(Report(a, tuple(c)) for a, c in reports),
    )


def cached_digests(
    index: SiteIndex, cache: StageCache, workers: Workers = IN_PROCESS
) -> dict[str, Digest]:
    """:func:`~sitegen.digest.event_digests`, each event whose coverage ``cache`` has seen
    taken from there, the others made on ``workers``."""
    events = list(index.events.values())
    keys = [_key(index, e) for e in events]
    found: dict[str, Digest] = {}
    misses: list[int] = []
    for n, (event, key) in enumerate(zip(events, keys, strict=True)):
        hit = cache.get(key, _is_digest)
        if hit is None:
            misses.append(n)
        else:
            found[event.id] = _digest(hit)
    made = workers.map("events", partial(digest_of, index), [events[n] for n in misses])
    for n, digest in zip(misses, made, strict=True):
        cache.put(keys[n], _stored(digest))
        found[events[n].id] = digest
    return {e.id: found[e.id] for e in events}
