"""What a deploy sends: the built files, their hashes, types and cache policy (pure)."""

from __future__ import annotations

import hashlib
import mimetypes
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from sitegen.fsutil import OutsideError, inside

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
}
_FINGERPRINT = re.compile(r"\.[0-9a-f]{8,}\.\w+$")
HTML_CACHE = "public, max-age=300"
ASSET_CACHE = "public, max-age=86400"
IMMUTABLE_CACHE = "public, max-age=31536000, immutable"


@dataclass(frozen=True, slots=True)
class LocalFile:
    """One built file as a deploy sees it."""

    path: str
    """Path relative to the build folder, with ``/`` separators."""
    size: int
    """Bytes."""
    md5: str
    """Hex MD5 (what S3 reports as the ETag of a single-part upload)."""


@dataclass(frozen=True, slots=True)
class Changes:
    """What a deploy will do."""

    upload: tuple[str, ...]
    """New or changed paths, assets before pages (a page never links an asset not yet there)."""
    skip: tuple[str, ...]
    """Paths already up to date."""
    delete: tuple[str, ...]
    """Paths on the target that the build no longer has (only with ``--delete``)."""


def content_type(path: str) -> str:
    """The Content-Type for a path, with a charset for text."""
    suffix = Path(path).suffix.lower()
    if suffix in TYPES:
        return TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path)
    return guessed or "application/octet-stream"


def cache_control(path: str, policy: Mapping[str, str] | None = None) -> str:
    """Short for pages and data, long for assets, a year for fingerprinted assets."""
    policy = policy or {}
    if _FINGERPRINT.search(path):
        return policy.get("immutable", IMMUTABLE_CACHE)
    if path.endswith((".html", ".json", ".xml", ".txt")) or "." not in Path(path).name:
        return policy.get("html", HTML_CACHE)
    return policy.get("assets", ASSET_CACHE)


def scan(folder: Path, skip: Collection[str] = ()) -> dict[str, LocalFile]:
    """Every file under ``folder`` but those in ``skip`` (symlinks and hidden files skipped:
    ``.git`` among them)."""
    files: dict[str, LocalFile] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if path.is_symlink() or not path.is_file() or any(p.startswith(".") for p in rel.parts):
            continue
        if rel.as_posix() in skip:
            continue
        data = path.read_bytes()
        key = rel.as_posix()
        files[key] = LocalFile(key, len(data), hashlib.md5(data, usedforsecurity=False).hexdigest())
    return files


def _page_last(path: str) -> tuple[bool, str]:
    return (path.endswith(".html"), path)


def hashes(files: Mapping[str, LocalFile]) -> dict[str, str]:
    """{path: md5} of scanned files: what a target holds, in the form ``diff`` compares."""
    return {path: f.md5 for path, f in files.items()}


def diff(local: Mapping[str, LocalFile], remote: Mapping[str, str], delete: bool) -> Changes:
    """Compare local files with the target's ``{path: md5}``."""
    upload = sorted((p for p, f in local.items() if remote.get(p) != f.md5), key=_page_last)
    skip = sorted(p for p, f in local.items() if remote.get(p) == f.md5)
    stale = sorted(p for p in remote if p not in local) if delete else []
    return Changes(tuple(upload), tuple(skip), tuple(stale))


def within(root: Path, rel: str) -> Path:
    """``root / rel`` for writing or deleting, when the folders on the way are real folders
    of ``root`` (a symbolic link among them, placed in a target or committed to a deploy
    branch, would write onto the deploying machine); raises ``OutsideError`` otherwise.  The
    file itself may be a link: it is replaced or removed, never written through."""
    parent = Path(rel).parent
    folder = root
    for part in parent.parts:
        folder = folder / part
        if folder.is_symlink():
            raise OutsideError(f"{root / rel}: {folder} is a symbolic link, not written through")
    inside(root, parent)
    return root / rel
