"""Article files to :class:`Article` objects, each parsed once per content.

Parsing a content file (YAML front matter, checked dates and URLs) costs far more than
reading it: on a site of 10,000 articles, about 3 s against 0.1 s.  So the articles of
the last build are kept in the ``articles`` stage cache, keyed by a hash of the file's
name and bytes (the name, because an article without an ``id`` takes its file's stem),
and only files whose bytes are new are parsed.  A cached article is the parse of exactly
those bytes, so the result is the same as parsing every file.

A build hashes every content file once, for its no-change digest
(:func:`~sitegen.uptodate.content_hashes`); the reader looks a file up by that hash and
reads only the files it has to parse.  Only a regular file met directly in
``content/articles`` (no link) is looked up; links and
anything else go through :func:`~sitegen.content.read_article`, which checks and reports
them as a build always has.  An article whose extra front matter does not survive JSON
(a date value, say) is parsed on every build rather than cached in another shape.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from sitegen.cache import StageCache, content_key
from sitegen.content import NORMALIZER_VERSION
from sitegen.loader import ReadArticles, article_from_bytes, read_article
from sitegen.model import Article, ReadError
from sitegen.uptodate import ContentHashes
from sitegen.workers import Workers

ARTICLES_VERSION = f"1-{NORMALIZER_VERSION}"
"""Bumped whenever :func:`~sitegen.content.article_from_file` reads a file differently."""

_FIELDS: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "title": str,
    "body": str,
    "title_generated": bool,
    "source": (str, type(None)),
    "author": (str, type(None)),
    "date": (str, type(None)),
    "url": (str, type(None)),
    "summary": (str, type(None)),
    "credits": list,
    "captions": list,
    "event": (str, type(None)),
    "extra": dict,
}


_KINDS = tuple(_FIELDS.values())


def _is_article(value: object) -> bool:
    """The shape :func:`_stored` gives (checked at C speed: it runs for every article)."""
    return (
        isinstance(value, dict)
        and value.keys() == _FIELDS.keys()
        and all(map(isinstance, map(value.__getitem__, _FIELDS), _KINDS))
        and all(type(c) is str for c in value["credits"] + value["captions"])
    )


def _stored(article: Article) -> dict[str, Any] | None:
    """``article`` as JSON values, or None when its extra front matter would not come back
    the same from JSON."""
    data = asdict(article)
    data["credits"], data["captions"] = list(article.credits), list(article.captions)
    try:
        if json.loads(json.dumps(article.extra)) != article.extra:
            return None
    except (TypeError, ValueError):
        return None
    return data


def _article(data: dict[str, Any]) -> Article:
    return Article(
        **{
            **data,
            "credits": tuple(data["credits"]),
            "captions": tuple(data["captions"]),
        }
    )


def _key(name: str, digest: bytes) -> str:
    """The cache key of a file's parse: its name and the SHA-256 of its bytes."""
    return content_key(name, digest)


def cached_reader(
    site: Path, cache: StageCache, hashes: ContentHashes | None = None
) -> ReadArticles:
    """A reader for :func:`~sitegen.content.load_content` that takes each article whose
    file bytes it has seen from ``cache`` and parses the others on the workers.

    ``hashes`` are the build's :func:`~sitegen.uptodate.content_hashes`: a file they hash
    is looked up by that hash without being read again (its parse is of the bytes the
    build's digest covers); a file they do not know is read and hashed here."""
    known = hashes or {}
    below = site / "content"

    def read(paths: Sequence[Path], workers: Workers) -> list[Article | ReadError]:
        results: list[Article | ReadError | None] = [None] * len(paths)
        read_bytes: dict[Path, tuple[str, bytes]] = {}
        misses: list[int] = []
        inside = _inside_site(site, paths)
        for n, path in enumerate(paths):
            if not inside(path) or not _plain(path):
                misses.append(n)  # a link or something stranger: the checking reader says what
                continue
            digest = known.get(_relative(path, below))
            tried = None if digest is None else _key(path.name, digest)
            if tried is not None and (hit := cache.get(tried, _is_article)) is not None:
                results[n] = _article(hit)
                continue
            data = _plain_file(path)
            if data is None:
                misses.append(n)
                continue
            key = _key(path.name, hashlib.sha256(data).digest())
            hit = cache.get(key, _is_article) if key != tried else None
            if hit is None:
                read_bytes[path] = (key, data)
                misses.append(n)
            else:
                results[n] = _article(hit)

        def parse_once(path: Path) -> Article | ReadError:
            """The bytes this build read of ``path``, parsed (never read twice: what is
            cached is the parse of exactly the bytes it is keyed by)."""
            if path not in read_bytes:
                return read_article(path)
            try:
                return article_from_bytes(path, read_bytes[path][1])
            except ValueError as exc:
                return ReadError(path, str(exc))

        missed = [paths[n] for n in misses]
        parsed = workers.map("files", parse_once, missed)
        for n, result in zip(misses, parsed, strict=True):
            results[n] = result
            if isinstance(result, Article) and paths[n] in read_bytes:
                stored = _stored(result)
                if stored is not None:
                    cache.put(read_bytes[paths[n]][0], stored)
        return [r for r in results if r is not None]

    return read


def _inside_site(site: Path, paths: Sequence[Path]) -> Callable[[Path], bool]:
    """Whether a path's folder is a real folder of the site (checked once per folder:
    a file met there as a plain file, not a link, is then inside the site too)."""
    verdicts: dict[Path, bool] = {}
    root = site.resolve()

    def inside(path: Path) -> bool:
        folder = path.parent
        if folder not in verdicts:
            real = folder.resolve()
            verdicts[folder] = real == root or root in real.parents
        return verdicts[folder]

    return inside


def _relative(path: Path, folder: Path) -> str:
    """``path`` below ``folder`` as a ``/``-separated string ("" when it is not below it)."""
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return ""


def _plain(path: Path) -> bool:
    """Whether ``path`` is a regular file and not a link."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _plain_file(path: Path) -> bytes | None:
    """The bytes of ``path`` if it is a regular file and not a link, else None (the
    checking reader then reports it)."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode):
            return None
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


__all__ = ["ARTICLES_VERSION", "cached_reader", "read_article"]
