"""Small file-system helpers: atomic writes and staying inside a folder."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sitegen.errors import SitegenError


class OutsideError(SitegenError, ValueError):
    """A path would leave the folder it must stay in."""


def inside(root: Path, relative: str | Path) -> Path:
    """``root / relative``, refusing anything that resolves outside ``root``."""
    base = root.resolve()
    target = (base / relative).resolve()
    if target != base and base not in target.parents:
        raise OutsideError(f"{relative}: outside {root}")
    return target


def walk_files(folder: Path) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every file under ``folder`` as (``/``-separated path relative to it, its entry), in no
    set order; folders are walked, links to folders are not (as ``os.walk``).  Plain strings
    and ``os.scandir``: a built site has tens of thousands of files."""
    if not folder.is_dir():
        return
    pending = [(str(folder), "")]
    while pending:
        path, rel = pending.pop()
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, rel + entry.name + "/"))
                elif not entry.is_dir():
                    yield rel + entry.name, entry


def site_file(root: Path, path: Path) -> str | None:
    """Why sitegen must not read ``path`` as a file of ``root`` (a site, or a theme), or None
    when it may: it must be a regular file (not a FIFO, which would hang the read, nor a
    device) whose real path lies inside ``root`` (a symbolic link out of it, of the file or of
    a folder on the way, would publish or read an outside file).  Checked before it is
    opened; a hard link is a file like any other."""
    try:
        info = path.stat()
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file, skipped"
    base = root.resolve()
    real = path.resolve()
    if base not in real.parents:
        return "a symbolic link to a file outside the site (or its theme), not read"
    return None


def _file_mode() -> int:
    """The mode a plain ``open()`` would give a new file (0666 less the umask)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


FILE_MODE = _file_mode()


TEMP_SUFFIX = ".tmp"
"""Temporary files of :func:`atomic_write` are ``.<name>.<random>.tmp`` beside their file."""


def atomic_write(
    path: Path, data: bytes, durable: bool = True, unless_changed_from: bytes | None = None
) -> bool:
    """Write ``data`` to ``path`` via a temporary file and a rename: never half-written.
    The file gets ordinary permissions (not the private ones of a temporary file).
    ``durable``: the data reach the disk before the rename, and the rename before this
    returns (an article, the registry, a cache survive a power cut as the old or the new
    file); a deploy's copies of a build, which it can make again, skip that.
    ``unless_changed_from``: the bytes the caller read from ``path``; when the file no longer
    holds them at the last moment before the rename (an editor saved it meanwhile), nothing is
    replaced and False is returned.  True when written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        if unless_changed_from is not None and _bytes_of(path) != unless_changed_from:
            Path(tmp).unlink(missing_ok=True)
            return False
        os.replace(tmp, path)
    except OSError as exc:  # a full disk, a size limit: name the file being written
        Path(tmp).unlink(missing_ok=True)
        if exc.filename is None or str(exc.filename) == tmp:
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if durable:
        _sync_folder(path.parent)
    return True


def _bytes_of(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename in it) to disk, where the system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def leftover_temp_files(folder: Path) -> list[Path]:
    """Temporary files :func:`atomic_write` left in ``folder`` when its process was killed."""
    return sorted(p for p in folder.glob(f".*{TEMP_SUFFIX}") if p.is_file() and not p.is_symlink())
