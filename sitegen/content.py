"""The site's ``content/`` folder: writing normalized articles and loading them back.

Each imported article carries an ``imported`` block in its front matter: the raw
file it came from, when, the sha256 of the raw input and the sha256 of the
document as sitegen wrote it (without that block).  Comparing the latter with
the file on disk tells a hand edit apart from sitegen's own output, so a person's
edit is never overwritten.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitegen import frontmatter
from sitegen.dates import normalize_date
from sitegen.fsutil import atomic_write
from sitegen.model import Article, EventNote, RawDocument, ReadError
from sitegen.slug import unique_slug
from sitegen.urls import safe_http_url

NORMALIZER_VERSION = 7
"""Bump when normalization changes, so re-imports refresh files nobody edited."""

ARTICLES = Path("content/articles")
EVENTS = Path("content/events")
_IMPORTED_BLOCK = re.compile(r"^imported:\n(?:[ \t]+.*\n)*", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What ``write_content`` did with each article, by outcome."""

    written: tuple[Path, ...] = ()
    """New files."""
    updated: tuple[Path, ...] = ()
    """Files sitegen had written before and rewrote (the input or the normalizer changed)."""
    unchanged: tuple[Path, ...] = ()
    """Files already up to date."""
    kept: tuple[Path, ...] = ()
    """Files a person edited since import: left alone."""


def article_meta(article: Article) -> dict[str, Any]:
    """Front matter for an article, absent values omitted, in a fixed key order."""
    meta: dict[str, Any] = {"id": article.id, "title": article.title}
    if article.title_generated:
        meta["title_generated"] = True
    for name in ("source", "author", "date", "url", "summary", "event"):
        value = getattr(article, name)
        if value:
            meta[name] = value
    if article.credits:
        meta["credits"] = list(article.credits)
    if article.captions:
        meta["captions"] = list(article.captions)
    meta.update(article.extra)
    return meta


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _without_import_block(text: str) -> str:
    return _IMPORTED_BLOCK.sub("", text, count=1)


def render_document(article: Article, raw: RawDocument | None, origin: str, when: str) -> str:
    """The Markdown file for ``article``, with its provenance block when imported."""
    meta = article_meta(article)
    plain = frontmatter.dump(meta, article.body)
    if raw is None:
        return plain
    meta["imported"] = {
        "file": origin,
        "at": when,
        "sha256": raw.input_hash,
        "normalizer": NORMALIZER_VERSION,
        "output_sha256": _digest(plain),
    }
    return frontmatter.dump(meta, article.body)


def _untouched_provenance(text: str) -> dict[str, Any] | None:
    """The ``imported`` block of a file exactly as sitegen wrote it; None once a person has
    edited it (or when it never had one)."""
    try:
        meta, _ = frontmatter.split(text)
    except frontmatter.FrontMatterError:
        return None
    imported = meta.get("imported")
    if not isinstance(imported, dict) or "output_sha256" not in imported:
        return None
    if _digest(_without_import_block(text)) != str(imported["output_sha256"]):
        return None
    return imported


def hand_edited(text: str) -> bool:
    """True when a file sitegen wrote has been changed since (or never had a provenance block)."""
    return _untouched_provenance(text) is None


def _existing_paths(folder: Path) -> dict[str, Path]:
    """id -> file for the articles already in ``folder``."""
    found: dict[str, Path] = {}
    for path in sorted(folder.glob("*.md")):
        try:
            meta, _ = frontmatter.split(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, frontmatter.FrontMatterError):
            meta = {}
        found.setdefault(str(meta.get("id") or path.stem), path)
    return found


def write_content(
    site: Path, pairs: Iterable[tuple[RawDocument, Article]], now: datetime | None = None
) -> ImportResult:
    """Write each normalized article to ``content/articles/<slug>.md``; never over a hand edit."""
    folder = site / ARTICLES
    folder.mkdir(parents=True, exist_ok=True)
    existing = _existing_paths(folder)
    taken = {p.stem for p in existing.values()}
    when = (now or datetime.now(UTC)).replace(microsecond=0).isoformat()
    out: dict[str, list[Path]] = {"written": [], "updated": [], "unchanged": [], "kept": []}
    for raw, article in pairs:
        path = existing.get(article.id)
        if path is None:
            slug = unique_slug(article.id, taken, "article")
            taken.add(slug)
            path = folder / f"{slug}.md"
            existing[article.id] = path
            outcome = "written"
        else:
            imported = _untouched_provenance(path.read_text(encoding="utf-8", errors="replace"))
            if imported is None:
                out["kept"].append(path)
                continue
            same_input = imported.get("sha256") == raw.input_hash
            if same_input and imported.get("normalizer") == NORMALIZER_VERSION:
                out["unchanged"].append(path)
                continue
            outcome = "updated"
        atomic_write(path, render_document(article, raw, _origin(site, raw.origin), when).encode())
        out[outcome].append(path)
    return ImportResult(**{k: tuple(v) for k, v in out.items()})


def _origin(site: Path, origin: Path | str) -> str:
    if isinstance(origin, str):
        return origin
    try:
        return origin.resolve().relative_to(site.resolve()).as_posix()
    except ValueError:
        return origin.as_posix()


_ARTICLE_FIELDS = {f.name for f in fields(Article)}


def _links_outside_site(path: Path) -> bool:
    """True for a symbolic link from ``SITE/content/<folder>/`` to a file outside ``SITE``."""
    if not path.is_symlink():
        return False
    parents = path.absolute().parents
    site = parents[min(len(ARTICLES.parts), len(parents) - 1)]
    return not path.resolve().is_relative_to(site.resolve())


def _read_document(path: Path) -> tuple[dict[str, Any], str]:
    """(front matter, body) of a content file; ``ValueError`` with a one-line reason.  A link
    to a file outside the site is refused unread, so a build never publishes it."""
    if _links_outside_site(path):
        raise ValueError("symbolic link to a file outside the site, not read")
    try:
        return frontmatter.split(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    except frontmatter.FrontMatterError as exc:
        raise ValueError(str(exc)) from None


def article_from_file(path: Path) -> Article:
    """Load one content file; raises ``ValueError`` with a one-line reason."""
    meta, body = _read_document(path)
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
        date=normalize_date(meta.get("date")),
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
    """Articles in order, the second of two with one id reported as an error."""
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
    return articles, errors


def read_article(path: Path) -> Article | ReadError:
    """One article file, or the one-line reason it cannot be loaded."""
    try:
        return article_from_file(path)
    except (ValueError, OSError) as exc:
        return ReadError(path, str(exc))


ReadMany = Callable[[Callable[[Path], Article | ReadError], Sequence[Path]], list[Any]]
"""Applies :func:`read_article` to paths and returns the results in order (on worker
processes, say: see ``build.load_site_content``)."""


def load_content(
    site: Path, read_many: ReadMany | None = None
) -> tuple[list[Article], list[EventNote], list[ReadError]]:
    """Every article and event note under ``content/``; bad files become errors, not crashes.
    ``read_many`` may read the article files elsewhere; the result is the same."""
    paths = sorted((site / ARTICLES).glob("*.md"))
    read = read_many(read_article, paths) if read_many else [read_article(p) for p in paths]
    errors = [r for r in read if isinstance(r, ReadError)]
    articles, duplicates = unique_articles(
        (path, a) for path, a in zip(paths, read, strict=True) if isinstance(a, Article)
    )
    errors += duplicates
    notes: list[EventNote] = []
    for path in sorted((site / EVENTS).glob("*.md")):
        try:
            notes.append(note_from_file(path))
        except (ValueError, OSError) as exc:
            errors.append(ReadError(path, str(exc)))
    return articles, notes, errors
