"""Pages rendered again only when what they show changed (the ``pages`` stage cache).

A page's bytes are a pure function of its template, its view model and the site's look
(config, templates, theme, static files, sitegen's code: :func:`~sitegen.uptodate.look_digest`).
Each page's *fingerprint* hashes all three; the cache keeps, per output path, the
fingerprint it was rendered from and the size, time and inode of the file written.  A page
whose fingerprint is the same, and whose file in ``build/`` is still that file, is kept as
it is: neither rendered nor read.  Anything else (a new look, an edited view model, a file
a person touched or removed) is rendered.

The view model is fingerprinted through :mod:`pickle` (C speed; plain values only, never
unpickled): equal pickles mean equal view models, so a page is never wrongly kept.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from sitegen.cache import StageCache
from sitegen.site.output import FileStat
from sitegen.site.plan import Page

PAGES_VERSION = "1"


def fingerprint(page: Page, look: str) -> str:
    """A hash of everything ``page``'s bytes depend on."""
    data = pickle.dumps((look, page.template, page.context), protocol=5)
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def _is_entry(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 4
        and isinstance(value[0], str)
        and all(isinstance(n, int) and not isinstance(n, bool) for n in value[1:])
    )


class PageMemory:
    """The fingerprints of the pages of the last build, and their files."""

    def __init__(self, cache: StageCache, build: Path, look: str) -> None:
        self.cache = cache
        self.build = build
        self.look = look
        self.prints: dict[str, str] = {}

    def unchanged(self, pages: Sequence[Page], files: Mapping[str, FileStat]) -> set[str]:
        """The paths of ``pages`` that ``build`` holds already as they would render.
        ``files`` are the size, time and inode of every file of ``build``
        (:func:`~sitegen.site.trees.list_outputs`, listed while the pages were planned)."""
        same: set[str] = set()
        for page in pages:
            self.prints[page.path] = mark = fingerprint(page, self.look)
            entry = self.cache.get(page.path, _is_entry)
            found = files.get(page.path)
            if entry is not None and entry[0] == mark and found and list(found) == entry[1:]:
                same.add(page.path)
        return same

    def remember(self, files: Mapping[str, FileStat] | None) -> None:
        """Record the pages written (or kept) by this build, with their files' stats."""
        for path, mark in self.prints.items():
            if files is not None and path in files:
                size, mtime, ino = files[path]
            else:
                try:
                    st = os.stat(os.path.join(self.build, path))
                except OSError:
                    continue
                size, mtime, ino = st.st_size, st.st_mtime_ns, st.st_ino
            self.cache.put(path, [mark, size, mtime, ino])
        self.cache.save()
