"""``StageCache``: what a stage computed, kept between builds, keyed by the content it read.

One folder of JSON files per stage in ``.sitegen-cache/`` (never pickle: a cache file is
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
import zlib
from collections.abc import Callable, Iterable
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


def only(values: Iterable[object], *kinds: type) -> bool:
    """Whether every value is exactly of one of ``kinds`` (no subclass: ``True`` is no
    ``int``), checked at C speed: a stage checks the shape of every entry it reads."""
    return set(map(type, values)) <= set(kinds)


def cache_folder(site: Path) -> Path:
    """The folder of ``site``'s stage caches."""
    return site / WORK_DIR / CACHE_DIR


def clear_caches(site: Path) -> None:
    """Forget every cached stage of ``site`` (``build --clean``)."""
    shutil.rmtree(cache_folder(site), ignore_errors=True)


SHARDS = 16
"""Files each stage's cache is cut into: a build that changed a few entries rewrites the few
files that hold them, not the whole cache."""


def shard_of(key: str) -> int:
    """Which of a stage's files holds ``key``."""
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % SHARDS


_UNREADABLE: dict[str, Any] = {}
"""What :meth:`StageCache._load_shard` gives for a file it cannot use (compared by identity)."""


class StageCache:
    """The cached results of one stage: ``get``/``put`` by key, then ``save`` once.

    On disk, a folder named for the stage holds :data:`SHARDS` files, each with the entries
    whose keys :func:`shard_of` sends there, its version and a checksum of its payload."""

    def __init__(
        self, site: Path, stage: str, version: str, warn: Callable[[str], None] | None = None
    ) -> None:
        self.path = cache_folder(site) / stage
        self.stage = stage
        self.version = version
        self.hits = 0
        self.misses = 0
        self._usable = True
        """False when the cache's path is something a build must not replace (a FIFO, a
        device, a link: a person put it there); the build then runs without saving."""
        self._warn = warn
        self._misshapen = False
        self._sizes = [0] * SHARDS
        """How many entries each file held when it was read."""
        self._dirty: set[int] = set()
        """Files with an entry added or changed since they were read."""
        self._legacy: Path | None = None
        """The stage's cache in its old one-file form, deleted by the first save."""
        self._old = self._load(warn)
        self._new: dict[str, Any] = {}

    def shard_path(self, shard: int) -> Path:
        """The file of entries ``shard``."""
        return self.path / f"{shard:02d}.json"

    def _refuse(self, path: Path) -> None:
        if self._warn is not None:
            self._warn(f"{path}: not a regular file, the {self.stage} cache is not used")
        self._usable = False

    def _load(self, warn: Callable[[str], None] | None) -> dict[str, Any]:
        try:
            info = self.path.lstat()
        except OSError:  # none yet; one file per stage, as before 2026-12, goes at the save
            legacy = self.path.with_suffix(".json")
            self._legacy = legacy if legacy.is_file() and not legacy.is_symlink() else None
            return {}
        if not stat.S_ISDIR(info.st_mode):  # a file, a link, a FIFO: not ours to read
            self._refuse(self.path)
            return {}
        entries: dict[str, Any] = {}
        for shard in range(SHARDS):
            found = self._load_shard(self.shard_path(shard), warn)
            if found is None:
                return {}
            if found is _UNREADABLE:  # corrupt or of another version: written anew
                self._dirty.add(shard)
                found = {}
            self._sizes[shard] = len(found)
            entries.update(found)
        return entries

    def _load_shard(self, path: Path, warn: Callable[[str], None] | None) -> dict[str, Any] | None:
        """The entries of one file ({} when missing, :data:`_UNREADABLE` when corrupt or of
        another version), or None when the cache must not be used at all."""
        try:
            info = path.lstat()
        except OSError:
            return {}
        if not stat.S_ISREG(info.st_mode):  # a FIFO would hang the read, a folder fail it
            self._refuse(path)
            return None
        try:
            raw = path.read_bytes()
        except OSError:
            return {}
        head, _, payload = raw.partition(b"\n")
        try:
            meta = json.loads(head)
            if meta.get("version") != self.version:
                return _UNREADABLE  # another stage version: its entries mean something else
            if meta.get("sha256") != hashlib.sha256(payload).hexdigest():
                raise ValueError("checksum mismatch")
            entries = json.loads(payload)
            if not isinstance(entries, dict):
                raise ValueError("not a mapping")
        except (ValueError, AttributeError, RecursionError) as exc:  # nested 200,000 deep too
            if warn is not None:
                warn(f"{path}: corrupt {self.stage} cache ({exc}), rebuilding it")
            return _UNREADABLE
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
            self._dirty.add(shard_of(key))
            value = None
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        self._new[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        """Remember ``value`` (JSON-serialisable) under ``key``."""
        if self._old.get(key) != value:
            self._dirty.add(shard_of(key))
        self._new[key] = value

    def save(self) -> None:
        """Write the entries used or added by this run (the others are dropped); the cache
        then starts the next run from them (the live preview keeps one across rebuilds).
        Only the files whose entries changed are written."""
        shards: list[dict[str, Any]] = [{} for _ in range(SHARDS)]
        for key, value in self._new.items():
            shards[shard_of(key)][key] = value
        changed = [n for n in range(SHARDS) if n in self._dirty or len(shards[n]) != self._sizes[n]]
        if self._usable:
            if self._legacy is not None:
                self._legacy.unlink(missing_ok=True)
                self._legacy = None
            for n in changed:
                payload = json.dumps(shards[n], separators=(",", ":")).encode("ascii")
                digest = hashlib.sha256(payload).hexdigest()
                head = json.dumps({"stage": self.stage, "version": self.version, "sha256": digest})
                atomic_write(self.shard_path(n), head.encode() + b"\n" + payload)
        self._sizes = [len(shard) for shard in shards]
        self._dirty = set()
        self._old, self._new = self._new, {}

    def close(self) -> None:
        """Let the entries go (after :meth:`save`); the cache then holds nothing."""
        self._old, self._new = {}, {}
