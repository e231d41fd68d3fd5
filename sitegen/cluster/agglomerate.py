"""Average-link (UPGMA) agglomerative clustering over a sparse similarity graph."""

from __future__ import annotations

import heapq
from collections.abc import Mapping


def average_link(
    n: int, sims: Mapping[tuple[int, int], float], threshold: float
) -> list[list[int]]:
    """Merge items ``0..n-1`` while some pair of clusters averages at least ``threshold``.

    ``sims`` holds the similarity of item pairs ``(i, j)`` with ``i < j``; a
    missing pair counts as 0, so callers only list candidate pairs.  Returns the
    clusters as sorted lists of item indices, ordered by their smallest item.
    """
    size = dict.fromkeys(range(n), 1)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    link: dict[int, dict[int, float]] = {i: {} for i in range(n)}
    heap: list[tuple[float, int, int]] = []
    for (i, j), s in sims.items():
        link[i][j] = link[j][i] = s
        if s >= threshold:
            heap.append((-s, i, j))
    heapq.heapify(heap)
    while heap:
        neg, i, j = heapq.heappop(heap)
        if i not in size or j not in size or link[i].get(j) != -neg:
            continue
        merged = _merge(i, j, size, members, link)
        for k, s in link[merged].items():
            if s >= threshold:
                heapq.heappush(heap, (-s, min(merged, k), max(merged, k)))
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def _merge(
    i: int,
    j: int,
    size: dict[int, int],
    members: dict[int, list[int]],
    link: dict[int, dict[int, float]],
) -> int:
    """Fold cluster ``j`` into ``i``, updating average links; returns ``i``."""
    si, sj = size[i], size[j]
    neighbours = (set(link[i]) | set(link[j])) - {i, j}
    for k in neighbours:
        s = (si * link[i].get(k, 0.0) + sj * link[j].get(k, 0.0)) / (si + sj)
        link[k].pop(j, None)
        link[i][k] = link[k][i] = s
    link[i].pop(j, None)
    del link[j]
    size[i] = si + sj
    del size[j]
    members[i].extend(members.pop(j))
    return i
