"""Stable slugs: an article, source or name page keeps the address the last build gave it.

Slugs are handed out per kind, in three passes over the names of this build and the
slugs the registry recorded (:class:`~sitegen.model.Addresses`):

1. a name that had a usable slug keeps it, and a name that is gone keeps its slug too,
   so that nothing else is ever given it (a new article never takes an old one's URL,
   nor the Atom id that is its URL);
2. for sources and names, a new name that reads like names that are gone (the same slug
   base: ``PolitiFact`` after ``politifact.com``, one outlet named two ways) takes over the
   plainest of their slugs, and their other slugs lead to it (the redirects);
3. any other new name gets the slug of how it reads, unique against every slug handed out
   before.  Articles skip pass 2: an article's id is its identity.

A slug the registry holds that slugify could never make (a hand-edited or hostile
registry: ``../x``, ``NUL``) is never used, and the name gets a fresh one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from sitegen.model import Addresses
from sitegen.slug import WINDOWS_RESERVED, slugify, unique_slug

_FORM = re.compile(r"[a-z0-9](?:[a-z0-9_-]{0,126}[a-z0-9])?")


def usable(slug: str) -> bool:
    """True for a slug :func:`~sitegen.slug.unique_slug` could have made: one safe folder name."""
    return _FORM.fullmatch(slug) is not None and slug not in WINDOWS_RESERVED


@dataclass(frozen=True, slots=True)
class Handed:
    """One kind's slugs after a build."""

    slugs: dict[str, str]
    """Name -> slug, for this build's names and for gone names that keep theirs."""
    moved: dict[str, str]
    """Slug given up -> the name it leads to (which may be gone for now)."""


def hand_out(
    names: Iterable[str],
    reads_as: Callable[[str], str],
    before: Mapping[str, str],
    moved_before: Mapping[str, str],
    fallback: str,
    *,
    heirs: bool,
) -> Handed:
    """Slugs for ``names`` (see the module's passes).  ``reads_as`` gives the text a name's
    slug is made of; ``heirs`` allows pass 2."""
    live = sorted(set(names))
    is_live = set(live)
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(before, key=lambda n: (n not in is_live, n)):  # live names win a tie
        slug = before[name]
        if usable(slug) and slug not in taken:
            slugs[name] = slug
            taken.add(slug)
    moved = {s: t for s, t in sorted(moved_before.items()) if usable(s) and s not in taken}
    taken.update(moved)
    gone: dict[str, list[str]] = {}
    if heirs:
        for name in slugs:
            if name not in is_live:
                gone.setdefault(slugify(reads_as(name), fallback), []).append(name)
    heir_of: dict[str, str] = {}
    for name in live:
        if name in slugs:
            continue
        base = slugify(reads_as(name), fallback)
        olds = sorted(gone.pop(base, []), key=lambda n: (len(slugs[n]), slugs[n]))
        if olds:
            slugs[name] = slugs.pop(olds[0])
            for other in olds:
                heir_of[other] = name
                if other != olds[0]:
                    moved[slugs.pop(other)] = name
        else:
            slugs[name] = unique_slug(base, taken, fallback)
            taken.add(slugs[name])
    moved = {s: heir_of.get(t, t) for s, t in moved.items()}
    return Handed(slugs, moved)


def handed_addresses(kinds: Mapping[str, Handed]) -> Addresses:
    """The registry's record of every kind's slugs."""
    return Addresses(
        {kind: dict(sorted(h.slugs.items())) for kind, h in sorted(kinds.items())},
        {kind: dict(sorted(h.moved.items())) for kind, h in sorted(kinds.items()) if h.moved},
    )
