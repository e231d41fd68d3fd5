"""Small file-system helpers: atomic writes and staying inside a folder."""

from __future__ import annotations

import os
import tempfile
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


def _file_mode() -> int:
    """The mode a plain ``open()`` would give a new file (0666 less the umask)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


FILE_MODE = _file_mode()


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename: never half-written.
    The file gets ordinary permissions (not the private ones of a temporary file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
