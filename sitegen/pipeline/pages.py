"""Pages rendered again only when what they show changed: one decision for ``sitegen build``
(the ``pages`` stage cache) and ``sitegen serve`` (the last snapshot's fingerprints).

A page's bytes are a pure function of its template, its view model and the site's look
(config, templates, theme, static files, sitegen's code: :func:`~sitegen.uptodate.look_digest`).
Each page's *fingerprint* hashes all three; the cache keeps, per output path, the
fingerprint it was rendered from and the size, time and inode of the file written.  A page
whose fingerprint is the same, and whose file in ``build/`` is still that file, is kept as
it is: neither rendered nor read.  Anything else (a new look, an edited view model, a file
a person touched or removed) is rendered.  The live preview keeps each page's fingerprint
beside the bytes it serves, and decides the same way.

The view model is fingerprinted through :mod:`pickle` (C speed; plain values only, never
unpickled): equal pickles mean equal view models, so a page is never wrongly kept; and
without the pickler's memo, equal view models give equal pickles however their values
came to be shared, so a page is not rendered again because it was planned from values
read back from a cache instead of computed.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from sitegen.cache import StageCache
from sitegen.site.output import FileStat
from sitegen.site.plan import Page

PAGES_VERSION = "2"


def fingerprint(page: Page, look: str) -> str:
    """A hash of everything ``page``'s bytes depend on: the same for equal view models,
    whichever of their values are one object (pickled without its memo, so a string two
    fields share is written twice, as two equal strings are)."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=5)
    pickler.fast = True
    pickler.dump((look, page.template, page.context))
    return hashlib.blake2b(out.getbuffer(), digest_size=20).hexdigest()


def _is_entry(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 4
        and isinstance(value[0], str)
        and all(isinstance(n, int) and not isinstance(n, bool) for n in value[1:])
    )


class PageMemory:
    """Which pages of a plan are rendered again: those whose fingerprint is not that of the
    output held now.  ``held`` gives, for an output path, the fingerprint of the page whose
    bytes are held there, or None (nothing held, or not known to be that page's bytes).

    ``sitegen build`` holds its pages in ``build/`` (:func:`built_pages`: the ``pages``
    cache, trusted for a file whose size, time and inode are as written); the live preview
    holds them in memory, with the fingerprints of the last snapshot."""

    def __init__(self, look: str, held: Callable[[str], str | None]) -> None:
        self.look = look
        self._held = held
        self.prints: dict[str, str] = {}
        """Output path -> fingerprint, of every page :meth:`unchanged` was asked about."""

    def unchanged(self, pages: Sequence[Page]) -> set[str]:
        """The paths of ``pages`` whose held output is the page as it would render."""
        same: set[str] = set()
        held = self._held
        for page in pages:
            self.prints[page.path] = mark = fingerprint(page, self.look)
            if held(page.path) == mark:
                same.add(page.path)
        return same


def built_pages(cache: StageCache, files: Mapping[str, FileStat]) -> Callable[[str], str | None]:
    """The fingerprint of the page the last build wrote at a path, while ``files`` (the
    listing of ``build/``, :func:`~sitegen.site.trees.list_outputs`) shows that file as
    written: the ``held`` of a build's :class:`PageMemory`."""

    def held(path: str) -> str | None:
        entry = cache.get(path, _is_entry)
        found = files.get(path)
        if entry is None or not found or list(found) != entry[1:]:
            return None
        return str(entry[0])

    return held


def remember_pages(
    cache: StageCache,
    prints: Mapping[str, str],
    build: Path,
    files: Mapping[str, FileStat] | None,
) -> None:
    """Record the pages a build wrote (or kept) with their files' stats (``files``, what the
    writer reports; a page it does not list is looked up in ``build``), and save."""
    for path, mark in prints.items():
        if files is not None and path in files:
            size, mtime, ino = files[path]
        else:
            try:
                st = os.stat(os.path.join(build, path))
            except OSError:
                continue
            size, mtime, ino = st.st_size, st.st_mtime_ns, st.st_ino
        cache.put(path, [mark, size, mtime, ino])
    cache.save()
