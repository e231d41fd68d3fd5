"""Reading ``content/`` back: article files and event notes parsed and checked (a file
that cannot be used is one error naming it, and the rest go on), duplicate ids reported,
and each outlet under one name."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

from sitegen import frontmatter
from sitegen.content import ARTICLES, EVENTS
from sitegen.dates import checked_date
from sitegen.fsutil import site_file
from sitegen.model import Article, EventNote, ReadError
from sitegen.outlets import one_name_per_outlet
from sitegen.urls import safe_http_url
from sitegen.workers import IN_PROCESS, Workers

_ARTICLE_FIELDS = {f.name for f in fields(Article)}


def _site_of(path: Path) -> Path:
    """The site a file of ``SITE/content/<folder>/`` belongs to."""
    parents = path.absolute().parents
    return parents[min(len(ARTICLES.parts), len(parents) - 1)]


def _read_document(path: Path) -> tuple[dict[str, Any], str]:
    """(front matter, body) of a content file; ``ValueError`` with a one-line reason.  A link
    to a file outside the site, a FIFO or a device is refused unread (:func:`site_file`), so
    neither a build nor the preview publishes it or waits on it."""
    problem = site_file(_site_of(path), path)
    if problem:
        raise ValueError(problem)
    try:
        return frontmatter.split(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    except frontmatter.FrontMatterError as exc:
        raise ValueError(str(exc)) from None


def article_from_file(path: Path) -> Article:
    """Load one content file; raises ``ValueError`` with a one-line reason."""
    meta, body = _read_document(path)
    return _article(path, meta, body)


def article_from_bytes(path: Path, data: bytes) -> Article:
    """:func:`article_from_file` of bytes already read (and checked) from ``path``."""
    try:
        text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as read_text
        meta, body = frontmatter.split(text)
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    except frontmatter.FrontMatterError as exc:
        raise ValueError(str(exc)) from None
    return _article(path, meta, body)


def _article(path: Path, meta: dict[str, Any], body: str) -> Article:
    meta.pop("imported", None)
    title = str(meta.get("title") or "").strip()
    if not title:
        raise ValueError("front matter has no title")
    extra = {k: v for k, v in meta.items() if k not in _ARTICLE_FIELDS}
    return Article(
        id=str(meta.get("id") or path.stem),
        title=title,
        body=body.strip(),
        title_generated=bool(meta.get("title_generated")),
        source=_text(meta.get("source")),
        author=_text(meta.get("author")),
        date=checked_date(meta.get("date")),
        url=safe_http_url(meta.get("url")),
        summary=_text(meta.get("summary")),
        credits=tuple(str(c) for c in _list(meta.get("credits"))),
        captions=tuple(str(c) for c in _list(meta.get("captions"))),
        event=_text(meta.get("event")),
        extra=extra,
    )


def _text(value: object) -> str | None:
    return str(value).strip() or None if value not in (None, "") else None


def _list(value: object) -> list[object]:
    if isinstance(value, list):
        return value
    return [value] if value else []


def note_from_file(path: Path) -> EventNote:
    """One ``content/events/<id>.md`` note; raises ``ValueError`` with a one-line reason."""
    meta, body = _read_document(path)
    return EventNote(
        id=str(meta.get("id") or path.stem),
        title=_text(meta.get("title")),
        body=body.strip(),
        summary=_text(meta.get("summary")),
        exclude=tuple(str(a) for a in _list(meta.get("exclude"))),
    )


def unique_articles(
    loaded: Iterable[tuple[Path, Article]],
) -> tuple[list[Article], list[ReadError]]:
    """Articles in order, the second of two with one id reported as an error; each outlet
    under one name, however its articles spell it (:func:`sitegen.outlets.one_name_per_outlet`)."""
    articles: list[Article] = []
    errors: list[ReadError] = []
    seen: dict[str, Path] = {}
    for path, article in loaded:
        if article.id in seen:
            errors.append(
                ReadError(path, f"duplicate id {article.id!r} (also in {seen[article.id].name})")
            )
            continue
        seen[article.id] = path
        articles.append(article)
    return one_name_per_outlet(articles), errors


def read_article(path: Path) -> Article | ReadError:
    """One article file, or the one-line reason it cannot be loaded."""
    try:
        return article_from_file(path)
    except (ValueError, OSError) as exc:
        return ReadError(path, str(exc))


ReadArticles = Callable[[Sequence[Path], Workers], list[Article | ReadError]]
"""Reads many article files, in order (:func:`read_articles`, or one that keeps what it
parsed: ``pipeline.articles.cached_reader``)."""


def read_articles(paths: Sequence[Path], workers: Workers) -> list[Article | ReadError]:
    """:func:`read_article` of each path, on ``workers``."""
    return workers.map("files", read_article, paths)


def load_content(
    site: Path, workers: Workers = IN_PROCESS, read: ReadArticles = read_articles
) -> tuple[list[Article], list[EventNote], list[ReadError]]:
    """Every article and event note under ``content/``; bad files become errors, not crashes.
    The article files are read and parsed by ``read`` on ``workers``; the result is the
    same."""
    paths = sorted((site / ARTICLES).glob("*.md"))
    found = read(paths, workers)
    errors = [r for r in found if isinstance(r, ReadError)]
    articles, duplicates = unique_articles(
        (path, a) for path, a in zip(paths, found, strict=True) if isinstance(a, Article)
    )
    errors += duplicates
    notes: list[EventNote] = []
    for path in sorted((site / EVENTS).glob("*.md")):
        try:
            notes.append(note_from_file(path))
        except (ValueError, OSError) as exc:
            errors.append(ReadError(path, str(exc)))
    return articles, notes, errors
