"""Grouping: ``cluster(articles, config, notes, previous) -> Grouping`` (pure).

Articles become weighted terms (``features``); a two-stage clustering over a
sparse nearest-neighbour graph gives events (``split``, ``candidates``,
``agglomerate``); ids stay stable across builds (``identity``); sentence-level
matching inside each event finds copies and rewrites (``duplicates``); events
whose coverage is alike are linked into storylines (``storylines``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Container, Sequence
from dataclasses import replace
from functools import partial
from typing import Any, cast

from sitegen.cache import content_key
from sitegen.cluster.duplicates import COPIES_VERSION, event_duplicates, kept_copies, sentence_sets
from sitegen.cluster.events import day_of, timeline_key
from sitegen.cluster.facts import EventFacts, Vectors
from sitegen.cluster.features import Terms, article_terms
from sitegen.cluster.identity import assign_ids, redirects_for
from sitegen.cluster.partition import (
    ATTACH_THRESHOLD,
    Fingerprint,
    Partitions,
    Store,
    attach_undated,
    group_by_partition,
    partition_days,
    text_fingerprint,
)
from sitegen.cluster.split import SplitParams
from sitegen.cluster.storylines import link_storylines
from sitegen.cluster.text import cosine, idf_weights
from sitegen.config import Config
from sitegen.labels import article_label
from sitegen.model import Article, Event, EventNote, Grouping, NearDuplicate, Registry
from sitegen.slug import slugify
from sitegen.text.names import common_words, mentions
from sitegen.text.shown import canonical_names, merge_counts, shown_names
from sitegen.workers import IN_PROCESS, Workers

__all__ = ["NamesFinder", "Registry", "cluster", "names_of", "names_used", "params_from"]


def params_from(config: Config) -> SplitParams:
    """Clustering thresholds from the site's configuration."""
    return SplitParams(
        coarse=float(config["grouping.topic_threshold"]),
        fine=float(config["grouping.event_threshold"]),
        join=float(config["grouping.join_threshold"]),
    )


def _apply_notes(
    groups: list[list[Article]], ids: list[str], notes: dict[str, EventNote]
) -> list[list[Article]]:
    """Take articles a person excluded out of their event; each stands alone."""
    out: list[list[Article]] = []
    for group, eid in zip(groups, ids, strict=True):
        exclude = set(notes[eid].exclude) if eid in notes else set()
        kept = [a for a in group if a.id not in exclude]
        if kept:
            out.append(kept)
        out.extend([a] for a in group if a.id in exclude)
    return out


def _pin(
    groups: list[list[Article]], ids: list[str], pinned: Sequence[Article]
) -> tuple[list[list[Article]], list[str]]:
    """Put pinned articles into the event they name, creating it if needed."""
    index = {eid: gi for gi, eid in enumerate(ids)}
    groups, ids = [list(g) for g in groups], list(ids)
    for article in pinned:
        eid = slugify(str(article.event), "event")
        if eid not in index:
            index[eid] = len(groups)
            groups.append([])
            ids.append(eid)
        groups[index[eid]].append(article)
    return [sorted(g, key=timeline_key) for g in groups], ids


def names_of(article: Article, common: Container[str]) -> Counter[str]:
    """The names an article uses (headline and text), and how often."""
    return Counter(mentions(f"{article.title}\n\n{article.body}", common))


NamesFinder = Callable[[Sequence[Article], Workers], dict[str, Counter[str]]]
"""Each article's names and how often it uses them (:func:`names_used`, or a cached one)."""


def names_in(
    articles: Sequence[Article], common: frozenset[str], workers: Workers
) -> list[Counter[str]]:
    """The names each article uses (headline and text), found on ``workers``; ``common``
    are the words the whole site mostly writes in lower case."""
    return workers.map("names", partial(names_of, common=common), articles)


def names_used(articles: Sequence[Article], workers: Workers) -> dict[str, Counter[str]]:
    """Each article's names and how often it uses each, found on ``workers``; the words
    the whole site mostly writes in lower case tell common words from names."""
    common = common_words(a.body for a in articles)
    found = names_in(articles, common, workers)
    return {a.id: c for a, c in zip(articles, found, strict=True)}


def _event(
    eid: str,
    members: list[Article],
    lead: Article,
    terms: tuple[str, ...],
    note: EventNote | None,
    shown: dict[str, Counter[str]],
    canonical: dict[str, str],
    previous: Registry,
) -> Event:
    reports: Terms = {}
    times: Terms = {}
    for a in members:
        for name, n in shown[a.id].items():
            reports[name] = reports.get(name, 0.0) + 1.0
            times[name] = times.get(name, 0.0) + n
    reports, times = merge_counts(reports, canonical), merge_counts(times, canonical)
    return Event(
        id=eid,
        title=(note.title if note and note.title else None) or lead.title,
        article_ids=tuple(a.id for a in members),
        note=note.body if note else "",
        summary=(note.summary if note and note.summary else None) or lead.summary,
        representative=lead.id,
        entities=shown_names(reports, times),
        key_terms=terms,
        grown=_grown(eid, members, previous),
    )


def _grown(eid: str, members: list[Article], previous: Registry) -> int:
    """Articles an event holds that it did not hold at the last build (none on the first)."""
    if not previous.events:
        return 0
    before = set(previous.events.get(eid, ()))
    return sum(1 for a in members if a.id not in before)


def _partition_weights(
    articles: Sequence[Article],
    counts: dict[str, Terms],
    parts: Partitions,
    window_days: int,
    fingerprint: Fingerprint,
) -> tuple[Callable[[Article], dict[str, float]], Callable[[Article], str]]:
    """The term weights of each article's partition (see :mod:`.partition`), and a key of
    what they were computed from; pinned articles were not grouped, so a partition that
    holds only pinned ones gets its weights here."""
    width = partition_days(window_days)
    extra: dict[int | None, list[Article]] = {}
    for a in articles:
        if a.id not in parts.partition_of:
            day = day_of(a)
            key = None if day is None else day.toordinal() // width
            if key not in parts.idf:
                extra.setdefault(key, []).append(a)
    idf = dict(parts.idf)
    keys = dict(parts.keys)
    for key, arts in extra.items():
        idf[key] = idf_weights(counts[a.id] for a in arts)
        keys[key] = content_key("pinned", *(f"{a.id}\0{fingerprint(a)}" for a in arts))

    def partition(article: Article) -> int | None:
        key = parts.partition_of.get(article.id, _MISSING)
        if key is _MISSING:
            day = day_of(article)
            key = None if day is None else day.toordinal() // width
        return cast(int | None, key)

    def weights(article: Article) -> dict[str, float]:
        return idf[partition(article)]

    def scope(article: Article) -> str:
        return keys[partition(article)]

    return weights, scope


_MISSING: Any = object()


def cluster(
    articles: Sequence[Article],
    config: Config,
    notes: Sequence[EventNote] = (),
    previous: Registry | None = None,
    terms: Callable[[Article], Terms] = article_terms,
    workers: Workers = IN_PROCESS,
    names: NamesFinder = names_used,
    store: Store | None = None,
    fingerprint: Fingerprint = text_fingerprint,
) -> Grouping:
    """Group articles into events, find near-duplicates and link storylines.  ``terms`` gives
    an article's term counts (a build passes a cached :func:`article_terms`), and ``names``
    the names each uses (a cached :func:`names_used`); ``store`` keeps each span of time's
    grouping and each event's copies between builds; ``workers`` take the spans of time,
    the topics and the events (a build passes its worker processes),
    with the same result as in this process."""
    previous = previous or Registry()
    articles = sorted(articles, key=lambda a: a.id)
    counts = {a.id: terms(a) for a in articles}
    prints = {a.id: fingerprint(a) for a in articles}  # each text hashed once

    def printed(article: Article) -> str:
        return prints[article.id]

    note_by_id = {n.id: n for n in notes}
    free = [a for a in articles if not a.event]
    pinned = [a for a in articles if a.event]
    reserved = {slugify(str(a.event), "event") for a in pinned}
    parts = group_by_partition(
        free,
        [counts[a.id] for a in free],
        params_from(config),
        int(config["grouping.window_days"]),
        workers,
        store,
        printed,
    )
    groups = parts.groups
    # an article's terms are weighed by their rarity in its own span of time (a pinned
    # article's, in the partition its date falls in)
    window = int(config["grouping.window_days"])
    idf_of, scope_of = _partition_weights(articles, counts, parts, window, printed)
    by_id = {a.id: a for a in articles}
    vecs = Vectors(counts, by_id, idf_of)  # weighed only where a step needs them

    def stamp(article: Article) -> str:  # what an event's facts read of each member
        label = article_label(article) or ""
        return f"{article.id}\0{printed(article)}\0{scope_of(article)}\0{label}"

    if None in parts.idf:
        groups = attach_undated(
            groups,
            lambda g: parts.partition_of[g[0].id] is None,
            vecs,
            ATTACH_THRESHOLD,
        )

    facts = EventFacts(vecs, stamp, store)

    def titles(gs: list[list[Article]]) -> list[str]:
        return [facts.of(g)[0].title for g in gs]

    def member_ids(gs: list[list[Article]]) -> list[list[str]]:
        return [[a.id for a in g] for g in gs]

    ids = assign_ids(member_ids(groups), titles(groups), previous, reserved)
    groups = _apply_notes(groups, ids, note_by_id)
    ids = assign_ids(member_ids(groups), titles(groups), previous, reserved)
    groups, ids = _pin(groups, ids, pinned)
    redirects = redirects_for(member_ids(groups), ids, previous)
    # the names an event shows are told apart more carefully than grouping's name terms
    shown = names(articles, workers)
    canonical = canonical_names(shown.values())
    events = [
        _event(eid, g, *facts.of(g), note_by_id.get(eid), shown, canonical, previous)
        for eid, g in zip(ids, groups, strict=True)
    ]
    order = {e.id: timeline_key(by_id[e.article_ids[0]]) for e in events}
    threshold = float(config["grouping.storyline_threshold"])
    cents = facts.centroids(groups)  # computed for the pairs storylines compare, no others
    stories = link_storylines(events, cents, order, threshold)
    story_of = {eid: s.id for s in stories for eid in s.event_ids}
    events = sorted(
        (replace(e, storyline=story_of.get(e.id)) for e in events), key=lambda e: order[e.id]
    )
    dup_threshold = float(config["grouping.duplicate_threshold"])

    def similarity(a: str, b: str) -> float:
        return cosine(vecs[a], vecs[b])

    def copies(event: Event) -> list[NearDuplicate]:
        # only articles that share an event can be copies: tokenise just those, and weigh
        # their words with the IDF the grouping already computed (of the first report's
        # span of time)
        sets = {aid: sentence_sets(by_id[aid]) for aid in event.article_ids}
        idf = idf_of(by_id[event.article_ids[0]])
        return event_duplicates(event, sets, idf, dup_threshold, similarity)

    def copies_key(event: Event) -> str:
        stamps = (stamp(by_id[aid]) for aid in event.article_ids)
        return content_key("copies", COPIES_VERSION, repr(dup_threshold), *stamps)

    several = [e for e in events if len(e.article_ids) > 1]
    dups = kept_copies(several, copies, copies_key, store, workers)
    return Grouping(tuple(events), tuple(dups), tuple(stories), redirects)
