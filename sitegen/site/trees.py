"""The trees beside a site's output folder, where each one is and what each holds.

``build/`` is the site as published.  A build puts the next one together in
``.build.staging/`` and swaps it in; the tree that swap moves out waits as
``.build.spare/`` to become the next build's staging; ``.build.previous/`` exists only
for a moment on systems without an atomic exchange (see :mod:`sitegen.site.output`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sitegen.fsutil import walk_files

FileStat = tuple[int, int, int]
"""A file's size, modification time (ns) and inode number."""


def staging_dir(build: Path) -> Path:
    """Where a new build is put together (beside ``build``, so a rename can swap them)."""
    return build.with_name(f".{build.name}.staging")


def spare_dir(build: Path) -> Path:
    """Where the build before the current one waits, to be made the next build's staging."""
    return build.with_name(f".{build.name}.spare")


def previous_dir(build: Path) -> Path:
    """Where the old build waits while the new one moves in (only without rename exchange)."""
    return build.with_name(f".{build.name}.previous")


def recover(build: Path) -> None:
    """Undo what a killed build left behind: bring back a build moved aside, drop staging
    (a spare being updated when the build was killed is lost with it)."""
    previous = previous_dir(build)
    if previous.is_dir() and not build.exists():
        os.rename(previous, build)
    for leftover in (previous, staging_dir(build)):
        if leftover.exists():
            shutil.rmtree(leftover)


@dataclass(frozen=True, slots=True)
class Listing:
    """What ``build`` and its spare held when a build began (:func:`list_outputs`)."""

    current: Mapping[str, FileStat]
    """Every file of ``build`` by relative path."""
    spare: Mapping[str, FileStat] | None
    """Every entry of the spare by relative path (links as themselves), or None when it was
    not listed (then it is walked when it is used)."""


def _stats(folder: Path, follow: bool) -> dict[str, FileStat]:
    found: dict[str, FileStat] = {}
    for rel, entry in walk_files(folder):
        try:
            st = entry.stat(follow_symlinks=follow)
        except OSError:  # a dangling link: not a file a build can keep
            continue
        found[rel] = (st.st_size, st.st_mtime_ns, st.st_ino)
    return found


def list_outputs(build: Path) -> Listing:
    """Every file of ``build`` and of its spare, with its size, time and inode: one walk of
    each tree (a site has a folder per page), done while the build computes its pages.

    Taken under the site lock, so nothing of sitegen's changes either tree meanwhile.  The
    spare is compared by inode only when both trees are on one device (a hard link cannot
    cross devices anyway)."""
    spare = spare_dir(build)
    try:
        same_device = spare.is_dir() and os.stat(spare).st_dev == os.stat(build).st_dev
    except OSError:
        same_device = False
    return Listing(_stats(build, follow=True), _stats(spare, follow=False) if same_device else None)


def current_files(build: Path) -> dict[str, str]:
    """Every file under ``build`` (its path) by its relative POSIX path (``os.scandir`` and
    plain strings: this runs on every build, over every page)."""
    return {rel: entry.path for rel, entry in walk_files(build)}
