"""``site_lock``: one writer at a time per site (builds, imports and the preview's writes).

The lock is an advisory ``flock`` on a file in the site's work folder, so it is
released by the kernel when its holder exits, however it exits: a killed build
never leaves a stale lock behind.  The holder writes its pid and task into the
file, which lets a waiting process say whom it waits for.
"""

from __future__ import annotations

import fcntl
import math
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sitegen.errors import SitegenError

WORK_DIR = ".sitegen-cache"
"""The site's own work folder (lock, caches); never committed."""
LOCK_NAME = "lock"


class LockBusy(SitegenError, RuntimeError):
    """Another process is writing this site and the caller chose not to wait."""


def _take(fd: int, wait: float) -> bool:
    """Take the lock on ``fd`` within ``wait`` seconds (forever when infinite)."""
    if math.isinf(wait):
        fcntl.flock(fd, fcntl.LOCK_EX)
        return True
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(min(0.05, max(0.0, deadline - time.monotonic())))


def lock_path(site: Path) -> Path:
    """The lock file of ``site``."""
    return site / WORK_DIR / LOCK_NAME


def holder(site: Path) -> str:
    """Who holds (or last held) the lock, e.g. ``"sitegen build (pid 4242)"``."""
    try:
        pid, _, task = lock_path(site).read_text(encoding="utf-8").strip().partition(" ")
    except (OSError, UnicodeDecodeError):
        pid, task = "", ""
    if not pid.isdigit():
        return "another sitegen process"
    return f"sitegen {task or 'process'} (pid {pid})"


@contextmanager
def site_lock(
    site: Path, task: str, wait: float = math.inf, say: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the site's write lock for the ``with`` block.

    When another process holds it, wait up to ``wait`` seconds for it (saying so once
    through ``say``), then raise :class:`LockBusy` naming the holder; ``wait=0`` does not
    wait at all.
    """
    path = lock_path(site)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            busy = f"{holder(site)} is writing this site"
            if wait <= 0:
                raise LockBusy(busy) from None
            if say is not None:
                say(f"{busy}; waiting for it to finish")
            if not _take(fd, wait):
                raise LockBusy(f"{busy}, still after {wait:g} s; gave up") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {task}\n".encode(), 0)
        yield
    finally:
        os.close(fd)
