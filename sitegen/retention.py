"""``retention.days``: a built site that does not grow without bound.

Articles dated more than that many days before the site's newest article leave the built
site (their pages, the events and lists they were in); their files stay in ``content/``,
and their slugs stay in the registry, so that nothing else takes their URLs and a longer
retention brings them back at the same addresses.  The newest article, not the clock, is
the reference: a digest that stops updating keeps what it has, and the same content always
builds the same site.  Undated articles and articles pinned to an event stay.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from sitegen.dates import iso_day
from sitegen.model import Article


def retained(articles: Sequence[Article], days: int) -> list[Article]:
    """The articles a build with ``retention.days: days`` keeps (0: all of them)."""
    if days <= 0:
        return list(articles)
    dated = [d for a in articles if (d := iso_day(a.date))]
    if not dated:
        return list(articles)
    oldest = max(dated) - timedelta(days=days)
    return [a for a in articles if a.event or (d := iso_day(a.date)) is None or d >= oldest]
