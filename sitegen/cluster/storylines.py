"""Storylines: events linked by shared actors and subject, in timeline order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sitegen.cluster.candidates import EXACT_LIMIT, similar_pairs
from sitegen.cluster.mapper import Mapper, in_process
from sitegen.cluster.text import Vector
from sitegen.model import Event, Storyline


def _components(n: int, edges: list[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        parent[find(a)] = find(b)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


MIN_SHARED_NAMES = 2
"""Linked events share at least this many of their top names (same actors, same places)."""
MAX_EVENTS = 30
"""A storyline bigger than this is split again with a stricter similarity."""
TIGHTEN = 0.05


def _edges(
    events: Sequence[Event], centroids: Sequence[Vector], threshold: float, mapper: Mapper
) -> list[tuple[int, int]]:
    names = [{n.lower() for n in e.entities} for e in events]

    def shares_names(i: int, j: int) -> bool:
        return len(names[i] & names[j]) >= MIN_SHARED_NAMES

    # where every pair is compared, pairs without shared names need no similarity at all;
    # the candidate search must not be steered by them (its neighbours would change)
    veto = shares_names if len(centroids) <= EXACT_LIMIT else None
    pairs = similar_pairs(centroids, threshold, veto, mapper=mapper)
    return [(i, j) for i, j in pairs if shares_names(i, j)]


def _split(
    events: Sequence[Event], centroids: Sequence[Vector], threshold: float, mapper: Mapper
) -> list[list[int]]:
    """Connected components of the event graph, none bigger than ``MAX_EVENTS``."""
    comps = _components(len(events), _edges(events, centroids, threshold, mapper))
    out: list[list[int]] = []
    for comp in comps:
        if len(comp) <= MAX_EVENTS or threshold >= 1.0:
            out.append(comp)
            continue
        sub = _split(
            [events[i] for i in comp], [centroids[i] for i in comp], threshold + TIGHTEN, mapper
        )
        out.extend([comp[k] for k in part] for part in sub)
    return out


def link_storylines(
    events: Sequence[Event],
    centroids: Sequence[Vector],
    order: Mapping[str, tuple[str, str]],
    threshold: float,
    mapper: Mapper = in_process,
) -> list[Storyline]:
    """Events with similar coverage that share names form one storyline (single link, split
    again with a stricter threshold when a chain grows past ``MAX_EVENTS``).

    ``order`` gives each event's timeline key (its first report's date and id).
    A storyline takes the id of its first event and the title of its latest.  ``mapper``
    hands out the search for each event's neighbours.
    """
    lines = []
    for comp in _split(events, centroids, threshold, mapper):
        if len(comp) < 2:
            continue
        members = sorted((events[i] for i in comp), key=lambda e: order[e.id])
        lines.append(Storyline(members[0].id, members[-1].title, tuple(e.id for e in members)))
    return sorted(lines, key=lambda s: order[s.event_ids[0]])
