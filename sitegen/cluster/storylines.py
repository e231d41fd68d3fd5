"""Storylines: a developing story, events tied by the same specific actors or places.

Two events are linked when their coverage is alike (centroid similarity) and they share
at least two of their leading names, one of them *specific*: one that few events of the
site mention (a person, a company, a town in the news this week, not "China").  Events
more than :data:`GAP_DAYS` apart are not one developing story.  A chain of links is
not yet a story: each storyline is cut down to the events that share its common thread,
the specific name most of them mention, and the rest form storylines of their own if
they share another.  A storyline is named for its thread (and the names every one of its
events shares), and its id is that name's slug: its own, not one of its events'.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date

from sitegen.cluster.text import Vector, cosine
from sitegen.dates import iso_day
from sitegen.model import Event, Storyline
from sitegen.slug import slugify


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
"""Linked events share at least this many of their leading names (same actors, same places)."""
LEAD_NAMES = 3
"""An event's leading names: the first it shows (those most of its reports use).  A name
named in passing by one of two events does not make them one story."""
SPECIFIC_EVENTS = 3
"""A name mentioned by at most this many events (or :data:`SPECIFIC_SHARE` of them, if
more) is specific enough to tie a story together."""
SPECIFIC_SHARE = 0.01
GAP_DAYS = 14
"""Dated events further apart than this in a storyline's timeline start another story."""
MAX_EVENTS = 30
"""A storyline bigger than this is split again with a stricter similarity."""
TIGHTEN = 0.05


def _names(event: Event) -> set[str]:
    return {n.lower() for n in event.entities}


def _edges(
    events: Sequence[Event],
    centroids: Sequence[Vector],
    threshold: float,
    specific: set[str],
) -> list[tuple[int, int]]:
    """Every pair of events that share names as a link needs and whose coverage is alike.

    A link needs a specific name among the leading names both events share, and a specific
    name is one few events mention: so the pairs worth a similarity are found through the
    events that lead with each specific name, never through all pairs (exact, and about as
    many comparisons as there are events)."""
    leads = [{n.lower() for n in e.entities[:LEAD_NAMES]} for e in events]
    leading: dict[str, list[int]] = {}
    for i, names in enumerate(leads):
        for name in sorted(names & specific):
            leading.setdefault(name, []).append(i)
    pairs = {(i, j) for ids in leading.values() for k, i in enumerate(ids) for j in ids[k + 1 :]}
    return [
        (i, j)
        for i, j in sorted(pairs)
        if len(leads[i] & leads[j]) >= MIN_SHARED_NAMES
        and cosine(centroids[i], centroids[j]) >= threshold
    ]


def specific_names(names: Sequence[set[str]]) -> set[str]:
    """The names few of the events mention (see :data:`SPECIFIC_EVENTS`)."""
    counts = Counter(n for found in names for n in found)
    limit = max(SPECIFIC_EVENTS, int(SPECIFIC_SHARE * len(names)))
    return {n for n, c in counts.items() if c <= limit}


def _threads(members: list[Event], specific: set[str]) -> list[tuple[list[Event], list[str]]]:
    """A linked group cut into stories: the events that share the specific name most of
    them mention, then the same for the rest; each with the names all its events share."""
    out: list[tuple[list[Event], list[str]]] = []
    names = {e.id: _names(e) for e in members}
    rest = list(members)
    while len(rest) >= 2:
        counts = Counter(n for e in rest for n in names[e.id] & specific)
        if not counts or max(counts.values()) < 2:
            break
        thread = min(counts, key=lambda n: (-counts[n], n))
        story = [e for e in rest if thread in names[e.id]]
        common = set.intersection(*(names[e.id] for e in story))
        shown = [n for n in story[-1].entities if n.lower() in common]
        shown.sort(key=lambda n: (n.lower() != thread, n not in story[0].entities))
        out.append((story, shown[:3]))
        rest = [e for e in rest if e not in story]
    return out


def _in_time(members: list[Event], order: Mapping[str, tuple[str, str]]) -> list[list[Event]]:
    """Events in timeline order, cut where two dated ones follow more than
    :data:`GAP_DAYS` apart (undated events stay with the story before them)."""
    parts: list[list[Event]] = [[]]
    last: date | None = None
    for e in members:
        day = iso_day(order[e.id][0])
        if day is not None and last is not None and (day - last).days > GAP_DAYS:
            parts.append([])
        parts[-1].append(e)
        last = day or last
    return parts


def _split(
    events: Sequence[Event],
    centroids: Sequence[Vector],
    threshold: float,
    specific: set[str],
) -> list[list[int]]:
    """Connected components of the event graph, none bigger than ``MAX_EVENTS``."""
    comps = _components(len(events), _edges(events, centroids, threshold, specific))
    out: list[list[int]] = []
    for comp in comps:
        if len(comp) <= MAX_EVENTS or threshold >= 1.0:
            out.append(comp)
            continue
        part_events, part_centroids = [events[i] for i in comp], [centroids[i] for i in comp]
        sub = _split(part_events, part_centroids, threshold + TIGHTEN, specific)
        out.extend([comp[k] for k in part] for part in sub)
    return out


def link_storylines(
    events: Sequence[Event],
    centroids: Sequence[Vector],
    order: Mapping[str, tuple[str, str]],
    threshold: float,
) -> list[Storyline]:
    """Events with similar coverage that share specific names form storylines (linked
    groups, split again with a stricter threshold when one grows past ``MAX_EVENTS``, then
    cut to their common threads; see the module's notes).

    ``order`` gives each event's timeline key (its first report's date and id).
    """
    lines = []
    specific = specific_names([_names(e) for e in events])
    taken: set[str] = set()
    for comp in _split(events, centroids, threshold, specific):
        if len(comp) < 2:
            continue
        members = sorted((events[i] for i in comp), key=lambda e: order[e.id])
        for story, shared in (
            t for part in _in_time(members, order) for t in _threads(part, specific)
        ):
            if len(story) < 2:
                continue
            title = " · ".join(shared)
            base = slugify(title, "storyline")
            ident, n = base, 2
            while ident in taken:
                ident, n = f"{base}-{n}", n + 1
            taken.add(ident)
            lines.append(Storyline(ident, title, tuple(e.id for e in story)))
    return sorted(lines, key=lambda s: order[s.event_ids[0]])
