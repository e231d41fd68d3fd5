"""Is ``build/`` already what the site's inputs make?  (The no-change rebuild.)

A build records a *stamp*: a digest of every input it read (content files, the
config it ran with, templates, theme and static files, sitegen's own code) and
a manifest of the files it left in ``build/`` (path, size, modification time,
inode).  The next build computes the same digest; if it matches and ``build/``
still matches the manifest, there is nothing to do.  Any edited input, any
touched or missing output, a different ``--base-url`` or a new sitegen version
means a real build.  The stamp lives in the checksummed stage cache, so a
corrupt one is simply not trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import sitegen
from sitegen.cache import StageCache, only
from sitegen.config import Config
from sitegen.fsutil import site_file, walk_files
from sitegen.registry import REGISTRY

STAMP_VERSION = "1"
_CODE = Path(sitegen.__file__).resolve().parent


def _files(folder: Path) -> list[str]:
    """Every file under ``folder`` except hidden ones and editor temp files, as sorted
    ``/``-separated paths relative to it; only regular files whose real path is inside
    ``folder``: the digest reads them before any reader has looked (a FIFO would hang it, a
    device fill memory), and the readers report the others.  A plain file of the walk (which
    follows no folder link) is inside by construction; only a link is resolved
    (:func:`site_file`).  Plain strings and ``os.scandir``: a site has tens of thousands of
    files, and this runs on every build, changed or not."""
    if not folder.is_dir():
        return []
    found: list[str] = []
    pending = [(str(folder), "")]
    while pending:
        path, rel = pending.pop()
        with os.scandir(path) as entries:
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    if name != "__pycache__":
                        pending.append((entry.path, rel + name + "/"))
                elif "~" in name:
                    continue
                elif entry.is_file(follow_symlinks=False) or (
                    entry.is_symlink() and site_file(folder, Path(entry.path)) is None
                ):
                    found.append(rel + name)
    return sorted(found)


def _file_hash(path: str) -> bytes:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).digest()


ContentHashes = dict[str, bytes]
"""The SHA-256 of every file under ``content/`` (but the registry) by its ``/``-separated
path below ``content/``: read once a build, for its digest and for the article reader,
which takes what it parsed of the same bytes from its cache without reading them again."""


QUIET_NS = 2_000_000_000
"""How long a file must have been left alone when it was hashed for its hash to be trusted
by its stat alone: a file written twice within one tick of the file system's clock keeps
its size and times, so a file hashed that soon after a write is hashed again next time."""


def _is_known(value: object) -> bool:
    """[size, mtime_ns, ctime_ns, inode, sha256 hex, when hashed (ns)]."""
    return (
        isinstance(value, list)
        and len(value) == 6
        and only(value[:4], int)
        and type(value[4]) is str
        and len(value[4]) == 64
        and type(value[5]) is int
    )


def content_hashes(site: Path, known: StageCache | None = None) -> ContentHashes:
    """The hashes of ``site``'s content files as they are now (see :data:`ContentHashes`).
    The event registry is left out: the build itself rewrites it (see :func:`with_registry`).

    ``known`` keeps each plain file's hash with its size, times and inode: a file whose stat
    is as it was, and that had been left alone for :data:`QUIET_NS` when it was hashed, is
    not read again (as ``git`` and ``make`` trust a stat).  Any write changes the file's
    change time, which nothing but the kernel sets."""
    registry = REGISTRY.relative_to("content").as_posix()
    content = site / "content"
    now = time.time_ns()
    hashes: ContentHashes = {}
    for rel in _files(content):
        if rel == registry:
            continue
        path = os.path.join(content, rel)
        if known is None:
            hashes[rel] = _file_hash(path)
            continue
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode):  # a link inside the site: always read
            hashes[rel] = _file_hash(path)
            continue
        seen = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
        entry = known.get(rel, _is_known)
        if entry is not None and entry[:4] == seen and entry[2] < entry[5] - QUIET_NS:
            hashes[rel] = bytes.fromhex(entry[4])
            continue
        hashes[rel] = digest = _file_hash(path)
        known.put(rel, [*seen, digest.hex(), now])
    if known is not None:
        known.save()
    return hashes


def inputs_digest(config: Config, content: ContentHashes, folders: Iterable[Path]) -> str:
    """One hash over the config, the content files (their :func:`content_hashes`), every
    file under ``folders`` (templates, themes, static), and the size and time of sitegen's
    own modules."""
    h = hashlib.sha256()
    h.update(json.dumps(config.values, sort_keys=True, default=str).encode())
    for rel, digest in content.items():
        h.update(f"content/{rel}".encode() + b"\0")
        h.update(digest)
    _hash_look(h, folders)
    return h.hexdigest()


def _hash_look(h: Any, folders: Iterable[Path]) -> None:
    """Add to ``h`` every file under ``folders`` (templates, themes, static) and the size and
    time of sitegen's own modules."""
    for folder in folders:
        for rel in _files(folder):
            path = os.path.join(folder, rel)
            h.update(path.encode() + b"\0")
            h.update(_file_hash(path))
    for rel in _files(_CODE):
        st = os.stat(os.path.join(_CODE, rel))
        h.update(f"{_CODE / rel}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    h.update(sitegen.__version__.encode())


def look_digest(config: Config, folders: Iterable[Path]) -> str:
    """One hash over what every page's look depends on besides its view model: the config,
    the templates, themes and static files in ``folders``, and sitegen's own code (as
    :func:`inputs_digest`, without the content)."""
    h = hashlib.sha256(b"look\0")
    h.update(json.dumps(config.values, sort_keys=True, default=str).encode())
    _hash_look(h, folders)
    return h.hexdigest()


def with_registry(site: Path, digest: str) -> str:
    """``digest`` combined with the event registry as it is on disk now."""
    try:
        data = (site / REGISTRY).read_bytes()
    except OSError:
        data = b""
    return hashlib.sha256(digest.encode() + hashlib.sha256(data).digest()).hexdigest()


def manifest(build: Path) -> list[list[Any]]:
    """``[path, size, mtime_ns, inode]`` of every file under ``build``, sorted by path."""
    rows: list[list[Any]] = []
    for rel, entry in walk_files(build):
        st = entry.stat(follow_symlinks=True)
        rows.append([rel, st.st_size, st.st_mtime_ns, st.st_ino])
    rows.sort()
    return rows


def hashes_cache(site: Path, warn: Callable[[str], None] | None = None) -> StageCache:
    """The content files' hashes, by path, with the stat they were read at."""
    return StageCache(site, "hashes", STAMP_VERSION, warn)


def stamp_cache(site: Path, warn: Callable[[str], None] | None = None) -> StageCache:
    """The cache entry that holds the last build's stamp."""
    return StageCache(site, "stamp", STAMP_VERSION, warn)


def _is_stamp(value: object) -> bool:
    """The shape :func:`record` stores."""
    return (
        isinstance(value, dict)
        and isinstance(value.get("inputs"), str)
        and isinstance(value.get("manifest"), list)
        and isinstance(report := value.get("report"), list)
        and len(report) == 4
        and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in report)
    )


def up_to_date(cache: StageCache, digest: str, build: Path) -> dict[str, Any] | None:
    """The last build's stamp if it was made from the same inputs and ``build/`` is as it
    left it; else None."""
    stamp: dict[str, Any] | None = cache.get("last", _is_stamp)
    if stamp is None or stamp.get("inputs") != digest:
        return None
    if stamp.get("manifest") != manifest(build):
        return None
    return stamp


def record(
    cache: StageCache,
    digest: str,
    build: Path,
    report: list[int],
    files: Mapping[str, tuple[int, int, int]] | None = None,
) -> None:
    """Remember that ``build`` now holds what inputs ``digest`` make (and the counts).
    ``files`` is the size, time and inode of every file in ``build`` when the caller knows
    them (it wrote them): the same rows as :func:`manifest`, without walking the folder."""
    rows = manifest(build) if files is None else _rows(files)
    cache.put("last", {"inputs": digest, "manifest": rows, "report": report})
    cache.save()


def _rows(files: Mapping[str, tuple[int, int, int]]) -> list[list[Any]]:
    return [[rel, size, mtime_ns, ino] for rel, (size, mtime_ns, ino) in sorted(files.items())]
