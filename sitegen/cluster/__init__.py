"""Grouping: ``cluster(articles, config) -> Grouping`` (pure).

Articles become TF-IDF vectors (``features``); average-link clustering over
their cosine similarities gives events (``events``); sentence-level matching
inside each event finds copies and rewrites (``duplicates``); events whose
coverage is alike are linked into storylines (``storylines``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sitegen.cluster.duplicates import find_duplicates
from sitegen.cluster.events import group_events, timeline_key
from sitegen.cluster.features import article_tokens, vectors
from sitegen.cluster.storylines import link_storylines
from sitegen.cluster.text import idf_weights
from sitegen.config import Config
from sitegen.model import Article, EventNote, Grouping


def cluster(
    articles: Sequence[Article], config: Config, notes: Sequence[EventNote] = ()
) -> Grouping:
    """Group articles into events, find near-duplicates and link storylines."""
    articles = sorted(articles, key=lambda a: a.id)
    vecs = vectors(articles)
    events = group_events(
        articles,
        vecs,
        float(config["grouping.event_threshold"]),
        int(config["grouping.window_days"]),
        notes,
    )
    by_id = {a.id: a for a in articles}
    vec_by_id = {a.id: v for a, v in zip(articles, vecs, strict=True)}
    order = {e.id: timeline_key(by_id[e.article_ids[0]]) for e in events}
    stories = link_storylines(
        events, vec_by_id, order, float(config["grouping.storyline_threshold"])
    )
    story_of = {eid: s.id for s in stories for eid in s.event_ids}
    events = [replace(e, storyline=story_of.get(e.id)) for e in events]
    idf = idf_weights([article_tokens(a) for a in articles])
    dups = find_duplicates(events, by_id, idf, float(config["grouping.duplicate_threshold"]))
    events.sort(key=lambda e: order[e.id])
    return Grouping(tuple(events), tuple(dups), tuple(stories))
