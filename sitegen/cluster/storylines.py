"""Storylines: events linked by shared actors and subject, in timeline order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sitegen.cluster.candidates import similar_pairs
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


def link_storylines(
    events: Sequence[Event],
    centroids: Sequence[Vector],
    order: Mapping[str, tuple[str, str]],
    threshold: float,
) -> list[Storyline]:
    """Events whose coverage centroids are similar enough form one storyline (single link).

    ``order`` gives each event's timeline key (its first report's date and id).
    A storyline takes the id of its first event and the title of its latest.
    """
    edges = list(similar_pairs(centroids, threshold))
    lines = []
    for comp in _components(len(events), edges):
        if len(comp) < 2:
            continue
        members = sorted((events[i] for i in comp), key=lambda e: order[e.id])
        lines.append(Storyline(members[0].id, members[-1].title, tuple(e.id for e in members)))
    return sorted(lines, key=lambda s: order[s.event_ids[0]])
