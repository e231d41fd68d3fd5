"""Stable event ids: an event keeps its id while coverage is added; merged ids redirect.

The registry remembers, from the last build, which articles each event id held
and which old ids now redirect where.  New groups take the id of the previous
event they share most articles with (each old id goes to one group at most);
an old id whose articles went into a group with another id becomes a redirect
to it.  A group with no past gets a readable slug of its headline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from sitegen.model import Registry
from sitegen.slug import slugify

MAX_SLUG_WORDS = 8


def readable_id(title: str, taken: set[str]) -> str:
    """A slug of the headline's first words, made unique with ``-2``, ``-3``..."""
    base = "-".join(slugify(title, "event").split("-")[:MAX_SLUG_WORDS])
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug


def assign_ids(
    groups: Sequence[Sequence[str]],
    titles: Sequence[str],
    previous: Registry,
    reserved: set[str] | frozenset[str] = frozenset(),
) -> list[str]:
    """Ids for ``groups`` (lists of article ids), keeping the ids of the last build.

    ``reserved`` ids (pinned events) are never given to an unpinned group.
    """
    overlaps = [o for o in _overlaps(groups, previous) if o[2] not in reserved]
    ids: list[str | None] = [None] * len(groups)
    used: set[str] = set()
    for _, gi, eid in overlaps:
        if ids[gi] is None and eid not in used:
            ids[gi] = eid
            used.add(eid)
    taken = set(previous.events) | set(previous.redirects) | set(reserved)
    final: list[str] = []
    for gi, kept in enumerate(ids):
        eid = kept if kept is not None else readable_id(titles[gi], taken)
        taken.add(eid)
        final.append(eid)
    return final


def _overlaps(groups: Sequence[Sequence[str]], previous: Registry) -> list[tuple[int, int, str]]:
    """(shared articles, group index, old id), biggest overlap first."""
    owner = {aid: eid for eid, members in previous.events.items() for aid in members}
    overlaps: list[tuple[int, int, str]] = []
    for gi, group in enumerate(groups):
        counts = Counter(owner[a] for a in group if a in owner)
        overlaps += [(n, gi, eid) for eid, n in counts.items()]
    return sorted(overlaps, key=lambda o: (-o[0], o[1], o[2]))


def redirects_for(
    groups: Sequence[Sequence[str]], ids: Sequence[str], previous: Registry
) -> dict[str, str]:
    """Old ids that lost their event point to the event that took most of their articles."""
    live = set(ids)
    overlaps = _overlaps(groups, previous)
    redirects = {old: new for old, new in previous.redirects.items() if old not in live}
    retired: set[str] = set()
    for _, gi, eid in overlaps:  # sorted by overlap: the first hit is the biggest
        if eid not in live and eid not in retired:
            redirects[eid] = ids[gi]
            retired.add(eid)
    for old in list(redirects):  # follow chains to an id that is live now
        seen = {old}
        target = redirects[old]
        while target in redirects and target not in seen:
            seen.add(target)
            target = redirects[target]
        if target in live:
            redirects[old] = target
        else:
            del redirects[old]
    return redirects
