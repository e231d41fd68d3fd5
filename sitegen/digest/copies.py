"""Copies folded under the report they repeat: copies say nothing of their own, so the
digest reads only the independent reports."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sitegen.digest.model import Report
from sitegen.model import Article, NearDuplicate


def collapse_copies(
    article_ids: Sequence[str], duplicate_of: Mapping[str, NearDuplicate]
) -> tuple[Report, ...]:
    """The event's independent reports (timeline order), each with its copies.

    A copy of a copy is folded under the first report of the chain.  A copy whose
    original is not in the event stays a report of its own (the page still badges it).
    """
    members = set(article_ids)

    def root(aid: str) -> str:
        seen = {aid}
        while (dup := duplicate_of.get(aid)) and dup.original_id in members:
            aid = dup.original_id
            if aid in seen:
                break
            seen.add(aid)
        return aid

    copies: dict[str, list[str]] = {}
    order: list[str] = []
    for aid in article_ids:
        top = root(aid)
        if top == aid:
            order.append(aid)
            copies.setdefault(aid, [])
        else:
            copies.setdefault(top, []).append(aid)
    return tuple(Report(aid, tuple(copies[aid])) for aid in order)


def independent(
    articles: Sequence[Article], duplicate_of: Mapping[str, NearDuplicate]
) -> list[Article]:
    by_id = {a.id: a for a in articles}
    reports = collapse_copies([a.id for a in articles], duplicate_of)
    return [by_id[r.article_id] for r in reports]
