"""``write_site``: replace ``build/`` with a new build, all at once, touching only what changed.

A build is never written into ``build/`` file by file.  The new tree is put
together in a staging folder beside it, then swapped in with one atomic
``rename`` exchange.  A build killed at any moment therefore leaves the previous
``build/`` whole, and the next build clears away what the killed one left.  When
nothing changed, nothing is touched.

The staging folder is not made from nothing each time.  The tree a swap moves out
(the build before) is kept beside ``build/`` as the *spare*, and the next build
brings the spare up to date instead: files whose bytes did not change become (or
already are) hard links to the current ones, so nothing is copied and their times
are kept; new bytes are written as new files; files no output claims are deleted.
The cost of a build's writing is thus the files that changed since the build
before last, not every file of the site.  A build killed while updating the spare
loses the spare (the next build stages from nothing, as the first one does).

``write_parts`` takes the outputs in parts, staging each as it arrives, so that a
build writes its pages while the next ones are rendered; it also reports the size,
time and inode of every file it leaves, which the no-change check records.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.fsutil import FILE_MODE, OutsideError
from sitegen.site.trees import (
    FileStat,
    Listing,
    current_files,
    list_outputs,
    previous_dir,
    recover,
    spare_dir,
    staging_dir,
)


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What a build did to the output folder."""

    written: tuple[str, ...]
    """Paths whose bytes changed (or are new)."""
    unchanged: int
    """How many outputs already had the right bytes."""
    removed: tuple[str, ...]
    """Stale files from an earlier build, deleted."""
    files: Mapping[str, FileStat] | None = None
    """Every file the output folder now holds, as it was written or linked (None when
    nothing was touched): what ``uptodate.manifest`` would find, without walking it."""


def _same(path: str | None, data: bytes, known: Mapping[str, bytes] | None, rel: str) -> bool:
    if path is None:
        return False
    if known is not None and rel in known:
        return known[rel] == data
    try:
        if os.stat(path).st_size != len(data):
            return False
        with open(path, "rb") as f:
            return f.read() == data
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
    return write_parts([outputs], build, clean, known)


def write_parts(
    parts: Iterable[Mapping[str, bytes]],
    build: Path,
    clean: bool = False,
    known: Mapping[str, bytes] | None = None,
    keep: Iterable[str] = (),
    listing: Listing | None = None,
) -> WriteResult:
    """:func:`write_site` for outputs that arrive in parts (pages as they are rendered):
    each part is put in the staging folder as it comes, so writing overlaps the work that
    makes the next part.  No two parts may hold the same path.  ``keep`` are outputs the
    caller knows ``build`` holds already, byte for byte: they stay as they are, unread.
    ``listing`` is what :func:`list_outputs` found when the build began (else the trees
    are listed here)."""
    stage = _Stage(build, clean, known, listing)
    for rel in sorted(keep):
        stage.keep(rel)
    for part in parts:
        for rel in sorted(part):
            stage.put(rel, part[rel])
    return stage.finish()


class _Stage:
    """A new build put together beside ``build``: the staging folder is made (from the spare,
    or from nothing) with the first file that differs from the current build, so an
    unchanged build touches nothing."""

    def __init__(
        self,
        build: Path,
        clean: bool,
        known: Mapping[str, bytes] | None,
        listing: Listing | None = None,
    ) -> None:
        recover(build)
        self.build = build
        self.clean = clean
        self.known = known
        self.listing = listing if listing is not None else list_outputs(build)
        root = str(build)
        self.existing = {rel: os.path.join(root, rel) for rel in self.listing.current}
        self.seen: set[str] = set()
        self.written: list[str] = []
        self.kept: list[str] = []
        self.files: dict[str, FileStat] = {}
        self.made: _Folders | None = None
        self.leftover: dict[str, str] = {}
        """Files of the spare not yet claimed by an output (deleted at the end)."""
        if clean and spare_dir(build).exists():
            shutil.rmtree(spare_dir(build))

    def put(self, rel: str, data: bytes) -> None:
        """Stage output ``rel``: a hard link to the current file when its bytes are the same."""
        if rel in self.seen:
            raise ValueError(f"{rel}: two outputs claim this path")
        self.seen.add(rel)
        if not self.clean and _same(self.existing.get(rel), data, self.known, rel):
            self.kept.append(rel)
            if self.made is not None:
                self._link(rel)
            return
        self.written.append(rel)
        made = self._folders()
        self.files[rel] = _write_new(self._claim(made, rel), data)

    def keep(self, rel: str) -> None:
        """Stage output ``rel`` as the current file, which the caller knows is right."""
        if rel in self.seen:
            raise ValueError(f"{rel}: two outputs claim this path")
        if rel not in self.existing:
            raise ValueError(f"{rel}: kept, but not in the current build")
        self.seen.add(rel)
        self.kept.append(rel)
        if self.made is not None:
            self._link(rel)

    def finish(self) -> WriteResult:
        """Swap the new build in (unless nothing changed) and say what changed."""
        removed = tuple(sorted(set(self.existing) - self.seen))
        written = tuple(sorted(self.written))
        if not written and not removed and self.build.is_dir():
            return WriteResult((), len(self.kept), ())
        made = self._folders()
        for rel in sorted(self.leftover):  # the spare's files that no output claims
            _remove(self.leftover[rel])
            made.prune(rel)
        _swap_in(staging_dir(self.build), self.build)
        return WriteResult(written, len(self.kept), removed, self.files)

    def _folders(self) -> _Folders:
        """The staging folder's paths: at first the spare brought in (or a new folder), with
        the files kept so far."""
        if self.made is None:
            staging, spare = staging_dir(self.build), spare_dir(self.build)
            if spare.is_dir():
                os.rename(spare, staging)
                if self.listing.spare is None:  # on another device: walked, none linked
                    self.leftover = current_files(staging)
                else:
                    root = str(staging)
                    self.leftover = {rel: os.path.join(root, rel) for rel in self.listing.spare}
            else:
                staging.mkdir(parents=True)
            self.made = _Folders(staging, self.leftover)
            for rel in self.kept:
                self._link(rel)
        return self.made

    def _claim(self, made: _Folders, rel: str) -> str:
        """The staging path for ``rel``, with whatever the spare held there removed."""
        target = made.file(rel)
        if self.leftover.pop(rel, None) is not None:
            _remove(target)
        elif made.reused and os.path.lexists(target):  # a folder of the spare where it goes
            _remove(target)
            inside = rel + "/"
            for gone in [r for r in self.leftover if r.startswith(inside)]:
                del self.leftover[gone]
        return target

    def _link(self, rel: str) -> None:
        assert self.made is not None
        if rel in self.leftover and self._linked_already(rel):
            del self.leftover[rel]
            return
        target = self._claim(self.made, rel)
        try:
            os.link(self.existing[rel], target)
        except OSError:  # a file system without hard links: copy
            shutil.copy2(self.existing[rel], target)
        else:  # a link is the current file: its size, time and inode, as listed
            self.files[rel] = self.listing.current[rel]
            return
        st = os.stat(target)
        self.files[rel] = (st.st_size, st.st_mtime_ns, st.st_ino)

    def _linked_already(self, rel: str) -> bool:
        """Whether the spare's file at ``rel`` is the current one (a hard link to it); its
        size, time and inode are then recorded."""
        current = self.listing.current.get(rel)
        held = self.listing.spare.get(rel) if self.listing.spare is not None else None
        if current is None or held is None or current[2] != held[2]:
            return False
        self.files[rel] = current
        return True


def _remove(path: str) -> None:
    """Delete a file (or a folder where a file now goes) of the spare."""
    try:
        os.unlink(path)
    except (FileNotFoundError, NotADirectoryError):  # gone with a folder already
        pass
    except OSError:  # a folder (EISDIR on Linux, EPERM elsewhere)
        if not os.path.isdir(path) or os.path.islink(path):
            raise
        shutil.rmtree(path)


class _Folders:
    """Paths of new files under a staging folder, creating each folder once."""

    def __init__(self, root: Path, leftover: dict[str, str]) -> None:
        self.root = root
        self.made: set[str] = {""}
        self.leftover = leftover
        """The spare's unclaimed files (shared with the stage): a file deleted to make way
        for a folder is no longer one of them."""
        self.reused = bool(leftover)
        """Whether the folder is the spare (and may hold things where new files go)."""

    def file(self, rel: str) -> str:
        """The path for output ``rel``, its folder created; refuses paths that leave it
        (the staging folder is ours, made from nothing or from the spare, which only
        this module writes, so no link inside it can lead out)."""
        parts = rel.split("/")
        if rel.startswith("/") or "\\" in rel or any(p in ("", ".", "..") for p in parts):
            raise OutsideError(f"{rel}: not a plain relative path")
        folder = "/".join(parts[:-1])
        if folder not in self.made:
            try:
                os.makedirs(os.path.join(self.root, folder), exist_ok=True)
            except (FileExistsError, NotADirectoryError):  # the spare has a file on the way
                self._clear_way(parts[:-1])
            self.made.add(folder)
        return os.path.join(self.root, rel)

    def _clear_way(self, folders: list[str]) -> None:
        """Make the folders of a path, deleting the spare's files that stand where they go."""
        path = str(self.root)
        for depth, name in enumerate(folders, 1):
            path = os.path.join(path, name)
            if not os.path.isdir(path) or os.path.islink(path):
                _remove(path)
                self.leftover.pop("/".join(folders[:depth]), None)
                os.mkdir(path)

    def prune(self, rel: str) -> None:
        """Delete the folders of ``rel`` that its deletion left empty."""
        parts = rel.split("/")[:-1]
        while parts:
            try:
                os.rmdir(os.path.join(self.root, *parts))
            except OSError:  # not empty (or gone already)
                return
            self.made.discard("/".join(parts))
            parts.pop()


def _write_new(path: str, data: bytes) -> FileStat:
    """Write a new file; returns its size, time and inode (as ``uptodate.manifest`` reads)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        st = os.fstat(fd)
    finally:
        os.close(fd)
    return (st.st_size, st.st_mtime_ns, st.st_ino)


__all__ = [
    "FileStat",
    "Listing",
    "WriteResult",
    "list_outputs",
    "previous_dir",
    "recover",
    "spare_dir",
    "staging_dir",
    "write_parts",
    "write_site",
]


def _swap_in(staging: Path, build: Path) -> None:
    """Put ``staging`` where ``build`` is; the old build becomes the spare."""
    if not build.exists():
        os.rename(staging, build)
        return
    spare = spare_dir(build)
    if _exchange(staging, build):
        os.rename(staging, spare)  # now holds the old build
        return
    previous = previous_dir(build)
    os.rename(build, previous)  # killed between these two renames: recover() undoes it
    os.rename(staging, build)
    os.rename(previous, spare)


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
