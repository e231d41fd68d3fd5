"""The site's ``content/`` folder: its layout, and writing normalized articles into it (loading
them back is :mod:`sitegen.loader`'s).

Each imported article carries an ``imported`` block in its front matter: the raw
file it came from, when, the sha256 of the raw input and the sha256 of the
document as sitegen wrote it (without that block).  Comparing the latter with
the file on disk tells a hand edit apart from sitegen's own output, so a person's
edit is never overwritten.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitegen import frontmatter, samepage
from sitegen.fsutil import atomic_write, inside, leftover_temp_files
from sitegen.model import Article, RawDocument
from sitegen.slug import unique_slug

NORMALIZER_VERSION = 11
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
    same: tuple[tuple[str, Path], ...] = ()
    """Inputs that are a page already imported from another input (its canonical URL, or its
    text under the same id), with that page's file: not imported a second time."""


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
        **({"entry": raw.entry} if raw.entry else {}),
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


@dataclass(slots=True)
class _Known:
    """An article already in ``content/articles``, as far as telling pages apart needs."""

    path: Path
    origin: str | None
    """The input it was imported from (its provenance: the file, and the entry when it names
    one, see :func:`_identity`), None for a file a person wrote."""
    url: str | None
    """Its :func:`samepage.page_url`."""
    source: str | None
    """The outlet it names."""
    text: frozenset[str] | None = None
    """Its body's shingles, read when first needed."""
    file: str | None = None
    """The file alone, for a file imported before entries were recorded (its ``origin`` is
    the file then, and any entry of that file is taken for it, as it was before)."""

    def shingles(self) -> frozenset[str]:
        if self.text is None:
            try:
                _, body = frontmatter.split(self.path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, frontmatter.FrontMatterError):
                body = ""
            self.text = samepage.shingles(body)
        return self.text


def _existing(folder: Path) -> dict[str, _Known]:
    """id -> what is known of each article already in ``folder``."""
    found: dict[str, _Known] = {}
    for path in sorted(folder.glob("*.md")):
        try:
            meta, _ = frontmatter.split(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, frontmatter.FrontMatterError):
            meta = {}
        imported = meta.get("imported")
        origin = imported.get("file") if isinstance(imported, dict) else None
        entry = imported.get("entry") if isinstance(imported, dict) else None
        url = samepage.page_url(str(meta["url"])) if meta.get("url") else None
        source = str(meta["source"]) if meta.get("source") else None
        if origin and entry:
            known = _Known(path, _identity(str(origin), str(entry)), url, source)
        else:
            legacy = str(origin) if origin else None
            known = _Known(path, legacy, url, source, file=legacy)
        found.setdefault(str(meta.get("id") or path.stem), known)
    return found


def _identity(origin: str, entry: str) -> str:
    """An input's identity: its file (or URL), and the entry within it when it names one."""
    return f"{origin}#{entry}" if entry else origin


def _place(
    article: Article, origin: str, file: str, existing: dict[str, _Known], by_url: dict[str, str]
) -> tuple[str, _Known | None] | _Known:
    """Where an imported article goes: ``(id, the file it updates or None for a new one)``, or
    the article it is the same page as.  ``origin`` is the input's identity, ``file`` its
    file alone."""
    url = samepage.page_url(article.url)
    same_url = existing.get(by_url[url]) if url in by_url else None
    if same_url is not None and not _same_input(same_url, origin, file):
        return same_url
    article_id = article.id
    text: frozenset[str] | None = None  # the article's shingles, made when first needed
    for _ in range(3):  # the id, then one with a hash of the input (then, in theory, again)
        known = existing.get(article_id)
        if known is None or known.origin is None or _same_input(known, origin, file):
            return article_id, known  # a person's file owns its id (it is kept, and said so)
        if not samepage.conflicting(article.source, known.source) and not samepage.conflicting(
            url, known.url
        ):
            text = samepage.shingles(article.body) if text is None else text
            if samepage.same_text(text, known.shingles()):
                return known
        article_id = samepage.other_id(article_id, origin)
    return samepage.other_id(article_id, origin), None


def _same_input(known: _Known, origin: str, file: str) -> bool:
    """True when ``known`` came from this input (or, imported before entries were recorded,
    from this input's file)."""
    return known.origin == origin or (known.file is not None and known.file == file)


@dataclass(frozen=True, slots=True)
class Imported:
    """What ``content/articles`` already holds, as an update needs to know to skip it."""

    inputs: frozenset[str]
    """The identity of every input imported (a file or URL, ``#`` the entry it names)."""
    pages: frozenset[str]
    """The :func:`samepage.page_url` of every article."""


def imported_inputs(site: Path) -> Imported:
    """The inputs and pages already in the site's articles (a file a person wrote counts by
    its URL only)."""
    known = _existing(site / ARTICLES) if (site / ARTICLES).is_dir() else {}
    return Imported(
        frozenset(k.origin for k in known.values() if k.origin),
        frozenset(k.url for k in known.values() if k.url),
    )


def write_content(
    site: Path, pairs: Iterable[tuple[RawDocument, Article]], now: datetime | None = None
) -> ImportResult:
    """Write each normalized article to ``content/articles/<slug>.md``; never over a hand edit,
    never over another page whose id it shares (it gets an id of its own), and never a page
    that is already there from another input (reported as ``same``)."""
    folder = site / ARTICLES
    folder.mkdir(parents=True, exist_ok=True)
    inside(site, ARTICLES)  # content/articles may not be a link out of the site
    for stale in leftover_temp_files(folder):  # an import killed mid-write (we hold the lock)
        stale.unlink(missing_ok=True)
    existing = _existing(folder)
    by_url = {k.url: i for i, k in existing.items() if k.url}
    taken = {k.path.stem for k in existing.values()}
    when = (now or datetime.now(UTC)).replace(microsecond=0).isoformat()
    out: dict[str, list[Path]] = {"written": [], "updated": [], "unchanged": [], "kept": []}
    same: list[tuple[str, Path]] = []
    for raw, article in pairs:
        file = _origin(site, raw.origin)
        origin = _identity(file, raw.entry)
        placed = _place(article, origin, file, existing, by_url)
        if isinstance(placed, _Known):
            same.append((file, placed.path))
            continue
        article_id, known = placed
        if article_id != article.id:
            article = dataclasses.replace(article, id=article_id)
        if known is None:
            slug = unique_slug(article.id, taken, "article")
            taken.add(slug)
            path = folder / f"{slug}.md"
            url = samepage.page_url(article.url)
            existing[article.id] = _Known(
                path, origin, url, article.source, samepage.shingles(article.body)
            )
            if url:
                by_url.setdefault(url, article.id)
            atomic_write(path, render_document(article, raw, file, when).encode())
            out["written"].append(path)
        else:
            path = known.path
            if known.file is not None:  # it is this entry's: another entry is another article
                known.origin, known.file = origin, None
            seen = path.read_bytes()
            imported = _untouched_provenance(seen.decode("utf-8", errors="replace"))
            if imported is None:
                out["kept"].append(path)
                continue
            same_input = imported.get("sha256") == raw.input_hash
            if same_input and imported.get("normalizer") == NORMALIZER_VERSION:
                out["unchanged"].append(path)
                continue
            data = render_document(article, raw, file, when).encode()
            # a person may save it while the import runs: checked again just before the rename
            written = atomic_write(path, data, unless_changed_from=seen)
            out["updated" if written else "kept"].append(path)
    return ImportResult(**{k: tuple(v) for k, v in out.items()}, same=tuple(same))


def _origin(site: Path, origin: Path | str) -> str:
    if isinstance(origin, str):
        return origin
    try:
        return origin.resolve().relative_to(site.resolve()).as_posix()
    except ValueError:
        return origin.as_posix()
