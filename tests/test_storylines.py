"""Storylines are developing stories: a specific common thread, in time, named for it."""

from __future__ import annotations

import random

from sitegen.cluster.storylines import (
    LEAD_NAMES,
    MIN_SHARED_NAMES,
    _edges,
    link_storylines,
    specific_names,
)
from sitegen.cluster.text import Vector, cosine
from sitegen.model import Event

TOPIC: Vector = {"trade": 0.6, "tariff": 0.6, "talks": 0.529}
"""Every event below has the same coverage: only names can tell a story apart."""


def _event(eid: str, *names: str) -> Event:
    return Event(id=eid, title=f"Headline of {eid}", article_ids=(eid + "-a",), entities=names)


def _link(events: list[Event], days: dict[str, str]) -> list:
    order = {e.id: (days.get(e.id, "9999"), e.id) for e in events}
    return link_storylines(events, [TOPIC] * len(events), order, 0.12)


# filler events make "China" and "Beijing" what they are on a real site: common names
FILLER = [_event(f"filler-{k}", "China", "Beijing", f"Person {k}") for k in range(12)]
COMMON = ["China", "Beijing", "Europe", "Washington", "London", "Berlin"]


def test_events_that_share_only_common_names_are_not_a_storyline() -> None:
    events = [
        _event("oil-prices", "China", "Beijing", "Brent"),
        _event("plague", "China", "Beijing"),
    ]
    assert _link([*events, *FILLER], {}) == []


def test_a_storyline_has_a_specific_thread_and_is_named_for_it() -> None:
    events = [
        _event("talks-open", "Liu He", "Robert Lighthizer", "China"),
        _event("talks-stall", "Liu He", "Robert Lighthizer", "Beijing"),
        _event("deal-signed", "Liu He", "Robert Lighthizer", "China", "Beijing"),
    ]
    days = {"talks-open": "2019-11-01", "talks-stall": "2019-11-05", "deal-signed": "2019-11-12"}
    [story] = _link([*events, *FILLER], days)
    assert story.event_ids == ("talks-open", "talks-stall", "deal-signed")
    assert story.title.split(" · ")[:2] == ["Liu He", "Robert Lighthizer"]
    assert story.id == "liu-he-robert-lighthizer"
    assert story.id not in {e.id for e in events}


def test_every_storyline_shares_a_specific_name_across_all_its_events() -> None:
    events = [
        _event("a", "Liu He", "Robert Lighthizer"),
        _event("b", "Liu He", "Robert Lighthizer", "Stadia"),
        _event("c", "Stadia", "Phil Harrison"),
        _event("d", "Stadia", "Phil Harrison", "Google"),
    ]
    stories = _link([*events, *FILLER], {})
    assert stories
    for story in stories:
        members = [next(e for e in events if e.id == i) for i in story.event_ids]
        shared = set.intersection(*(set(e.entities) for e in members))
        assert shared - {"China", "Beijing"}


def test_a_long_silence_starts_another_story() -> None:
    events = [_event("first", "Ada Vole", "Tarn Works"), _event("later", "Ada Vole", "Tarn Works")]
    assert _link(events, {"first": "2019-01-01", "later": "2019-06-01"}) == []
    assert len(_link(events, {"first": "2019-01-01", "later": "2019-01-08"})) == 1


def test_every_pair_that_qualifies_is_linked_however_many_events_there_are() -> None:
    """Links are found through the events that lead with each specific name: at 1,500 events
    (past any all-pairs limit) they are exactly the pairs that share two leading names, one
    of them specific, and are alike enough; compared here against every pair."""
    rng = random.Random(7)
    topics = [{f"topic{t}-{w}": rng.random() for w in range(6)} for t in range(5)]
    events, vectors = [], []
    for k in range(1500):
        story = rng.randrange(500)
        names = [f"Story {story}", f"Story {story} place", *rng.sample(COMMON, 2)]
        rng.shuffle(names)
        events.append(_event(f"e{k:04d}", *names))
        vectors.append(rng.choice(topics))
    threshold = 0.5
    specific = specific_names([{n.lower() for n in e.entities} for e in events])
    leads = [{n.lower() for n in e.entities[:LEAD_NAMES]} for e in events]
    expected = [
        (i, j)
        for i in range(len(events))
        for j in range(i + 1, len(events))
        if len(shared := leads[i] & leads[j]) >= MIN_SHARED_NAMES
        and not shared.isdisjoint(specific)
        and cosine(vectors[i], vectors[j]) >= threshold
    ]
    assert len(expected) > 100  # the world has stories to find
    assert _edges(events, vectors, threshold, specific) == expected
