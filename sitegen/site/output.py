"""``write_site``: replace ``build/`` with a new build, all at once, touching only what changed.

A build is never written into ``build/`` file by file.  The new tree is put
together in a staging folder beside it (files whose bytes did not change are
hard links to the current ones, so nothing is copied and their times are kept),
then swapped in with one atomic ``rename`` exchange.  A build killed at any
moment therefore leaves the previous ``build/`` whole, and the next build
clears away what the killed one left.  When nothing changed, nothing is touched.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.fsutil import FILE_MODE, OutsideError


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What a build did to the output folder."""

    written: tuple[str, ...]
    """Paths whose bytes changed (or are new)."""
    unchanged: int
    """How many outputs already had the right bytes."""
    removed: tuple[str, ...]
    """Stale files from an earlier build, deleted."""


def staging_dir(build: Path) -> Path:
    """Where a new build is put together (beside ``build``, so a rename can swap them)."""
    return build.with_name(f".{build.name}.staging")


def previous_dir(build: Path) -> Path:
    """Where the old build waits while the new one moves in (only without rename exchange)."""
    return build.with_name(f".{build.name}.previous")


def recover(build: Path) -> None:
    """Undo what a killed build left behind: bring back a build moved aside, drop staging."""
    previous = previous_dir(build)
    if previous.is_dir() and not build.exists():
        os.rename(previous, build)
    for leftover in (previous, staging_dir(build)):
        if leftover.exists():
            shutil.rmtree(leftover)


def current_files(build: Path) -> dict[str, Path]:
    """Every file under ``build`` by its relative POSIX path."""
    if not build.is_dir():
        return {}
    found: dict[str, Path] = {}
    for dirpath, _dirs, files in os.walk(build):
        for name in files:
            path = Path(dirpath, name)
            found[path.relative_to(build).as_posix()] = path
    return found


def _same(path: Path | None, data: bytes, known: Mapping[str, bytes] | None, rel: str) -> bool:
    if path is None:
        return False
    if known is not None and rel in known:
        return known[rel] == data
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def write_site(
    outputs: Mapping[str, bytes],
    build: Path,
    clean: bool = False,
    known: Mapping[str, bytes] | None = None,
) -> WriteResult:
    """Make ``build`` hold exactly ``outputs``, swapping the whole folder in at once.

    ``known`` is what the caller last wrote there (the live preview keeps it), which
    spares reading the files back to compare them.  ``clean`` rewrites every file.
    """
    recover(build)
    existing = current_files(build)
    written: list[str] = []
    kept: list[str] = []
    for rel in sorted(outputs):
        if not clean and _same(existing.get(rel), outputs[rel], known, rel):
            kept.append(rel)
        else:
            written.append(rel)
    removed = tuple(sorted(set(existing) - set(outputs)))
    if not written and not removed and build.is_dir():
        return WriteResult((), len(kept), ())
    staging = staging_dir(build)
    staging.mkdir(parents=True)
    made = _Folders(staging)
    for rel in kept:
        target = made.file(rel)
        try:
            os.link(existing[rel], target)
        except OSError:  # a file system without hard links: copy
            shutil.copy2(existing[rel], target)
    for rel in written:
        _write_new(made.file(rel), outputs[rel])
    _swap_in(staging, build)
    return WriteResult(tuple(written), len(kept), removed)


class _Folders:
    """Paths of new files under a fresh staging folder, creating each folder once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.made: set[str] = {""}

    def file(self, rel: str) -> str:
        """The path for output ``rel``, its folder created; refuses paths that leave it
        (the staging folder is new and ours, so no link inside it can lead out)."""
        parts = rel.split("/")
        if rel.startswith("/") or "\\" in rel or any(p in ("", ".", "..") for p in parts):
            raise OutsideError(f"{rel}: not a plain relative path")
        folder = "/".join(parts[:-1])
        if folder not in self.made:
            os.makedirs(os.path.join(self.root, folder), exist_ok=True)
            self.made.add(folder)
        return os.path.join(self.root, rel)


def _write_new(path: str, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _swap_in(staging: Path, build: Path) -> None:
    """Put ``staging`` where ``build`` is; the old build is deleted afterwards."""
    if not build.exists():
        os.rename(staging, build)
        return
    if _exchange(staging, build):
        shutil.rmtree(staging)  # now holds the old build
        return
    previous = previous_dir(build)
    os.rename(build, previous)  # killed between these two renames: recover() undoes it
    os.rename(staging, build)
    shutil.rmtree(previous)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@functools.cache
def _renameat2() -> Any:
    """libc's ``renameat2``, looked up once (finding libc runs a helper program), or None."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return None
    return getattr(ctypes.CDLL(libc_name, use_errno=True), "renameat2", None)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2``); False where unsupported."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), ctypes.c_uint(_RENAME_EXCHANGE)
    )
    return int(result) == 0
