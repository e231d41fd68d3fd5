"""The reader registry and the walk over input paths."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from sitegen.ingest import feed, html, jsonl, markdown, text
from sitegen.ingest.fetch import is_url, read_url
from sitegen.model import RawDocument, ReadError

Reader = Callable[[Path, bytes], list[RawDocument | ReadError]]
"""A reader takes a file's path and bytes and returns its documents (and per-record errors),
or raises ``ValueError`` when the whole file is unusable."""

READERS: dict[str, Reader] = {
    ".txt": text.read,
    ".text": text.read,
    ".md": markdown.read,
    ".markdown": markdown.read,
    ".html": html.read,
    ".htm": html.read,
    ".rss": feed.read,
    ".atom": feed.read,
    ".xml": feed.read,
    ".jsonl": jsonl.read,
    ".ndjson": jsonl.read,
}
"""File suffix -> reader."""

MAX_BYTES = 50 * 1024 * 1024


def reader_for(path: Path) -> Reader | None:
    """The reader registered for this file's suffix, if any."""
    return READERS.get(path.suffix.lower())


def _walk(paths: Iterable[Path]) -> Iterator[Path | ReadError]:
    """Each named file, and the supported files under each named folder (hidden ones
    skipped).  A link in a folder that leads outside that folder, or nowhere, is an error:
    it is never read; so is a folder that cannot be listed."""
    for path in paths:
        try:
            is_dir = path.is_dir()
        except OSError as exc:
            yield ReadError(path, f"cannot read: {exc.strerror or exc}")
            continue
        if is_dir:
            yield from _walk_folder(path)
        else:
            yield path


def _walk_folder(path: Path) -> Iterator[Path | ReadError]:
    root = path.resolve()
    unreadable: list[ReadError] = []

    def failed(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else path
        unreadable.append(ReadError(where, f"cannot read the folder: {exc.strerror or exc}"))

    found: list[Path] = []
    for folder, dirs, files in os.walk(path, onerror=failed):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(folder, f) for f in files if not f.startswith("."))
        found.extend(Path(folder, d) for d in dirs if Path(folder, d).is_symlink())
    yield from unreadable
    for child in sorted(found):
        if not reader_for(child):
            continue
        if child.is_symlink() and not child.resolve().is_relative_to(root):
            yield ReadError(child, f"symbolic link to a file outside {path}, not read")
        elif child.is_symlink() and not child.exists():
            yield ReadError(child, "broken symbolic link, not read")
        elif child.is_file():
            yield child


def read_file(path: Path, max_bytes: int = MAX_BYTES) -> tuple[list[RawDocument], list[ReadError]]:
    """Read one file with its reader; problems become :class:`ReadError` values."""
    reader = reader_for(path)
    if reader is None:
        known = ", ".join(sorted(READERS))
        return [], [ReadError(path, f"unsupported file type (known: {known})")]
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return [], [ReadError(path, "not a regular file, skipped")]
        if info.st_size > max_bytes:
            return [], [ReadError(path, f"larger than {max_bytes / 2**20:g} MB, skipped")]
        data = path.read_bytes()
    except OSError as exc:
        return [], [ReadError(path, f"cannot read: {exc.strerror or exc}")]
    try:
        items = reader(path, data)
    except ValueError as exc:
        return [], [ReadError(path, str(exc))]
    except (RecursionError, MemoryError) as exc:  # a hostile file too deep or too big to parse
        return [], [ReadError(path, f"cannot be read: {type(exc).__name__}")]
    except Exception as exc:  # a reader's (or its library's) bug must not stop the batch
        return [], [ReadError(path, f"cannot be read: {type(exc).__name__}: {exc}")]
    docs = [i for i in items if isinstance(i, RawDocument)]
    return docs, [i for i in items if isinstance(i, ReadError)]


def read_sources(
    items: Iterable[Path | str], max_bytes: int = MAX_BYTES
) -> tuple[list[RawDocument], list[ReadError]]:
    """Read every supported file under ``items`` (paths or http(s) URLs); one bad input
    never stops the rest."""
    docs: list[RawDocument] = []
    errors: list[ReadError] = []
    paths: list[Path] = []
    for item in items:
        if isinstance(item, str) and is_url(item):
            got, bad = read_url(item, max_bytes)
            docs.extend(got)
            errors.extend(bad)
        else:
            paths.append(Path(item))
    for path in _walk(paths):
        if isinstance(path, ReadError):
            errors.append(path)
            continue
        if not os.path.lexists(path):
            errors.append(ReadError(path, "no such file or folder"))
            continue
        got, bad = read_file(path, max_bytes)
        docs.extend(got)
        errors.extend(bad)
    return docs, errors
