"""``StageCache``: what a stage computed, kept between builds, keyed by the content it read.

One JSON file per stage in ``.sitegen-cache/`` (never pickle: a cache file is
data, not code).  Keys are hashes of exactly what the stage reads (an article's
bytes, a body's text, plus the stage's version and the config it uses), so a
stale entry can never be found; entries not used by a build are dropped when it
saves.  The file carries a checksum of its payload: a truncated, edited or
otherwise corrupt cache is noticed, reported once and rebuilt, never trusted.
``sitegen build --clean`` empties the folder.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sitegen.fsutil import atomic_write
from sitegen.lock import WORK_DIR

CACHE_DIR = "cache"
"""Sub-folder of the work folder that holds the stage caches."""


def content_key(*parts: str | bytes) -> str:
    """A hash of ``parts`` (in order, unambiguously separated): the key of a cache entry."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def cache_folder(site: Path) -> Path:
    """The folder of ``site``'s stage caches."""
    return site / WORK_DIR / CACHE_DIR


def clear_caches(site: Path) -> None:
    """Forget every cached stage of ``site`` (``build --clean``)."""
    shutil.rmtree(cache_folder(site), ignore_errors=True)


class StageCache:
    """The cached results of one stage: ``get``/``put`` by key, then ``save`` once."""

    def __init__(
        self, site: Path, stage: str, version: str, warn: Callable[[str], None] | None = None
    ) -> None:
        self.path = cache_folder(site) / f"{stage}.json"
        self.stage = stage
        self.version = version
        self.hits = 0
        self.misses = 0
        self._usable = True
        """False when the cache's path is something a build must not replace (a folder, a
        FIFO, a device: a person put it there); the build then runs without saving."""
        self._warn = warn
        self._misshapen = False
        self._old = self._load(warn)
        self._new: dict[str, Any] = {}

    def _load(self, warn: Callable[[str], None] | None) -> dict[str, Any]:
        try:
            info = self.path.lstat()
        except OSError:
            return {}
        if not stat.S_ISREG(info.st_mode):  # a FIFO would hang the read, a folder fail it
            if warn is not None:
                warn(f"{self.path}: not a regular file, the {self.stage} cache is not used")
            self._usable = False
            return {}
        try:
            raw = self.path.read_bytes()
        except OSError:
            return {}
        head, _, payload = raw.partition(b"\n")
        try:
            meta = json.loads(head)
            if meta.get("version") != self.version:
                return {}  # another stage version: its entries mean something else
            if meta.get("sha256") != hashlib.sha256(payload).hexdigest():
                raise ValueError("checksum mismatch")
            entries = json.loads(payload)
            if not isinstance(entries, dict):
                raise ValueError("not a mapping")
        except (ValueError, AttributeError, RecursionError) as exc:  # nested 200,000 deep too
            if warn is not None:
                warn(f"{self.path}: corrupt {self.stage} cache ({exc}), rebuilding it")
            return {}
        return entries

    def get(self, key: str, valid: Callable[[Any], bool]) -> Any | None:
        """The cached value for ``key``, or None; a hit is kept for the next save.

        ``valid`` says whether a value has the shape the stage stores: a file with a good
        checksum may still hold anything (a person wrote it, or another program did), and a
        value of the wrong shape is a miss, computed again, never handed on."""
        value = self._old.get(key)
        if value is None:
            value = self._new.get(key)
        if value is not None and not valid(value):
            if not self._misshapen and self._warn is not None:
                self._warn(f"{self.path}: an entry of the wrong shape, computed again")
            self._misshapen = True
            value = None
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        self._new[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        """Remember ``value`` (JSON-serialisable) under ``key``."""
        self._new[key] = value

    def save(self) -> None:
        """Write the entries used or added by this run (the others are dropped); the cache
        then starts the next run from them (the live preview keeps one across rebuilds)."""
        if self._new == self._old or not self._usable:
            self._old, self._new = self._new, {}
            return
        payload = json.dumps(self._new, separators=(",", ":")).encode("ascii")
        digest = hashlib.sha256(payload).hexdigest()
        head = json.dumps({"stage": self.stage, "version": self.version, "sha256": digest})
        atomic_write(self.path, head.encode() + b"\n" + payload)
        self._old, self._new = self._new, {}
