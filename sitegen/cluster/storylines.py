"""Storylines: events linked by shared actors and subject, in timeline order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sitegen.cluster.text import Vector, centroid, cosine
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
    vecs: Mapping[str, Vector],
    order: Mapping[str, tuple[str, str]],
    threshold: float,
) -> list[Storyline]:
    """Events whose coverage centroids are similar enough form one storyline (single link).

    ``order`` gives each event's timeline key (its first report's date and id).
    """
    cents = [centroid([vecs[a] for a in e.article_ids]) for e in events]
    edges = [
        (i, j)
        for i in range(len(events))
        for j in range(i + 1, len(events))
        if cosine(cents[i], cents[j]) >= threshold
    ]
    lines = []
    for comp in _components(len(events), edges):
        if len(comp) < 2:
            continue
        members = sorted((events[i] for i in comp), key=lambda e: order[e.id])
        lines.append(Storyline(members[0].id, members[-1].title, tuple(e.id for e in members)))
    return sorted(lines, key=lambda s: order[s.event_ids[0]])
