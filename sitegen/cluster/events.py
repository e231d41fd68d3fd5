"""Grouping articles into events: one happening, however many outlets covered it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from sitegen.cluster.candidates import EXACT_LIMIT
from sitegen.cluster.features import Terms
from sitegen.cluster.split import SplitParams, cluster_terms
from sitegen.cluster.text import Vector, centroid, cosine
from sitegen.dates import iso_day
from sitegen.labels import article_label
from sitegen.model import Article
from sitegen.workers import IN_PROCESS, Workers

TIME_GRACE = 1
"""Days apart within which time says nothing against one happening."""
TIME_FLOOR = 0.5
"""What the similarity of reports long apart is multiplied by, at the most."""
TIME_HALF_LIFE = 3.0
"""Days past :data:`TIME_GRACE` at which the factor is half way down to the floor."""


def time_factor(days_apart: int) -> float:
    """Further apart in time, less likely one happening: 1 within :data:`TIME_GRACE` days,
    then a decay towards :data:`TIME_FLOOR` with half-life :data:`TIME_HALF_LIFE` days."""
    late = max(0, days_apart - TIME_GRACE)
    return float(TIME_FLOOR + (1.0 - TIME_FLOOR) * 0.5 ** (late / TIME_HALF_LIFE))


def day_of(article: Article) -> date | None:
    """The publication day of an article, if it has a readable date."""
    return iso_day(article.date)


def timeline_key(article: Article) -> tuple[str, str]:
    """Order of coverage: undated articles last, ties broken by id."""
    return (article.date or "9999", article.id)


def group_articles(
    articles: Sequence[Article],
    counts: Sequence[Terms],
    params: SplitParams,
    window_days: int,
    workers: Workers = IN_PROCESS,
    idf: dict[str, float] | None = None,
    exact_limit: int = EXACT_LIMIT,
) -> list[list[Article]]:
    """Cluster articles (not pinned ones) into groups, each in timeline order.

    Two dated articles further apart than ``window_days`` are never in one group;
    neither are two articles of one outlet published the same day.  Inside the window,
    the further apart two dated articles are, the less their similarity counts
    (:func:`time_factor`).  ``workers`` take
    the work on separate topics (see :func:`~sitegen.cluster.split.cluster_terms`), which
    weighs terms by ``idf`` (by default, their rarity among ``articles``) and compares every
    pair up to ``exact_limit`` articles.
    """
    days = [day_of(a) for a in articles]

    def allowed(i: int, j: int) -> bool:
        di, dj = days[i], days[j]
        if di and dj:
            if abs((di - dj).days) > window_days:
                return False
            src = articles[i].source
            if src and src == articles[j].source and di == dj:
                return False
        return True

    def closeness(i: int, j: int) -> float:
        di, dj = days[i], days[j]
        return time_factor(abs((di - dj).days)) if di and dj else 1.0

    width = window_days + 1
    buckets = [d.toordinal() // width if d else None for d in days]
    groups = cluster_terms(counts, params, allowed, buckets, workers, closeness, idf, exact_limit)
    return [sorted((articles[i] for i in g), key=timeline_key) for g in groups]


def headline_article(
    members: Sequence[Article], vecs: Mapping[str, Vector], middle: Vector | None = None
) -> Article:
    """The most representative member: closest to the coverage's centroid (``middle``, when
    the caller has it), preferring real headlines, then news reports over opinion, analysis,
    press releases and live blogs (:mod:`sitegen.labels`; linear in the size of the event)."""
    if len(members) == 1:
        return members[0]
    if middle is None:
        middle = centroid([vecs[a.id] for a in members])
    closeness = {a.id: cosine(vecs[a.id], middle) for a in members}
    return min(
        members,
        key=lambda a: (
            a.title_generated,
            article_label(a) is not None,
            -closeness[a.id],
            timeline_key(a),
        ),
    )
