"""Everything a build reads, kept in memory and re-read file by file as changes come in.

``load_inputs`` reads a site once; ``refresh`` re-reads only the files a batch
of changes names, and lists the content folders to find new and removed files
(when a whole folder moves, every file whose size or mtime moved is re-read).
A content file that stops loading keeps its last good version, with the error
beside it, so one broken file never blanks a page.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from sitegen.build import ASSET_PREFIX
from sitegen.cluster import Registry
from sitegen.config import Config, load_config
from sitegen.content import ARTICLES, EVENTS
from sitegen.loader import article_from_file, note_from_file, unique_articles
from sitegen.model import Article, EventNote, ReadError
from sitegen.registry import REGISTRY, RegistryError, load_registry
from sitegen.serve.changes import Change, Kind, ignored_name
from sitegen.site.theme import LOCALE_FOLDER, static_files, theme_chain

T = TypeVar("T")
Stamp = tuple[int, int]
"""A file's (mtime in ns, size): when neither moved and no event names it, it is not re-read."""


@dataclass(frozen=True, slots=True)
class Loaded(Generic[T]):
    """One content file as last read."""

    stamp: Stamp
    """The file's (mtime_ns, size) when it was read."""
    item: T | None
    """What it holds: the last version that loaded, even if the file is broken now."""
    error: str | None = None
    """Why the file does not load now (None when it does)."""


@dataclass(frozen=True, slots=True)
class Inputs:
    """A snapshot of everything ``sitegen build`` reads, as of one batch of changes."""

    config: Config
    """The validated ``sitegen.yaml``."""
    chain: tuple[Path, ...]
    """The theme folders, nearest first, ending with the built-in default."""
    articles: Mapping[str, Loaded[Article]]
    """``content/articles/*.md`` by file name, sorted as ``load_content`` sorts them."""
    notes: Mapping[str, Loaded[EventNote]]
    """``content/events/*.md`` by file name, sorted."""
    registry: Registry
    """The event ids of the last build (``registry.json``)."""
    registry_error: str | None
    """Why ``registry.json`` is unreadable, if it is."""
    templates: tuple[tuple[str, str], ...]
    """(path, sha256) of every file in the template folders, to know when they change."""
    static: Mapping[str, bytes]
    """Static files by output path (``assets/style.css``)."""
    version: int = field(default=0, compare=False)
    """Increases with every snapshot that differs from the one before."""


def read_config(site: Path, strict: bool) -> tuple[Config, tuple[Path, ...]]:
    """The site's configuration and theme chain; raises ``ConfigError`` or ``ThemeError``."""
    config = load_config(site, strict=strict)
    return config, tuple(theme_chain(site, str(config["theme"])))


def template_dirs(site: Path, chain: Collection[Path]) -> list[Path]:
    """Where templates and their catalogues come from: the site's ``templates/`` and
    ``locale/``, then each theme's."""
    return [*(folder / sub for folder in (site, *chain) for sub in ("templates", LOCALE_FOLDER))]


def _fingerprint(folders: list[Path]) -> tuple[tuple[str, str], ...]:
    out = []
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    out.append((str(path), hashlib.sha256(path.read_bytes()).hexdigest()))
    return tuple(out)


def _static(site: Path, chain: Collection[Path]) -> dict[str, bytes]:
    return {
        ASSET_PREFIX + rel: src.read_bytes() for rel, src in static_files(site, list(chain)).items()
    }


def _stamp(path: Path) -> Stamp:
    try:
        st = path.stat()
    except OSError:  # a dangling link (an editor's lock file): loading it reports the error
        return (-1, -1)
    return (st.st_mtime_ns, st.st_size)


def _md_names(folder: Path) -> list[str]:
    """The ``*.md`` files in ``folder``, in the order ``sorted(folder.glob("*.md"))`` gives."""
    try:
        with os.scandir(folder) as entries:
            return sorted(e.name for e in entries if e.name.endswith(".md"))
    except (FileNotFoundError, NotADirectoryError):
        return []


def _scan(
    folder: Path,
    old: Mapping[str, Loaded[T]],
    forced: Collection[Path],
    load: Callable[[Path], T],
    everything: bool = False,
) -> dict[str, Loaded[T]]:
    """Every ``*.md`` in ``folder`` by file name: new files and those in ``forced`` are read;
    with ``everything``, so is any file whose size or mtime moved."""
    again = {p.name for p in forced if p.parent == folder}
    out: dict[str, Loaded[T]] = {}
    for name in _md_names(folder):
        prev = old.get(name)
        if prev is not None and name not in again and not everything:
            out[name] = prev
            continue
        path = folder / name
        stamp = _stamp(path)
        if prev is not None and prev.stamp == stamp and name not in again:
            out[name] = prev
            continue
        try:
            entry = Loaded(stamp, load(path))
        except (ValueError, OSError) as exc:
            entry = Loaded(stamp, prev.item if prev else None, str(exc))
        out[name] = prev if prev == entry else entry
    return out


def _registry(site: Path) -> tuple[Registry, str | None]:
    try:
        return load_registry(site), None
    except RegistryError as exc:
        return Registry(), str(exc)


def load_inputs(site: Path, strict: bool = False) -> Inputs:
    """Read the whole site; raises ``ConfigError`` or ``ThemeError`` as ``sitegen build`` does."""
    config, chain = read_config(site, strict)
    registry, registry_error = _registry(site)
    return Inputs(
        config=config,
        chain=chain,
        articles=_scan(site / ARTICLES, {}, (), article_from_file, everything=True),
        notes=_scan(site / EVENTS, {}, (), note_from_file, everything=True),
        registry=registry,
        registry_error=registry_error,
        templates=_fingerprint(template_dirs(site, chain)),
        static=_static(site, chain),
    )


def refresh(site: Path, old: Inputs, changes: Collection[Change], strict: bool = False) -> Inputs:
    """``old`` with what ``changes`` touched re-read; raises ``ConfigError`` or ``ThemeError``."""
    kinds = {c.kind for c in changes}
    forced = {c.path for c in changes}
    config, chain = old.config, old.chain
    if kinds & {Kind.CONFIG, Kind.THEME}:
        config, chain = read_config(site, strict)
    new_chain = chain != old.chain
    articles, notes = old.articles, old.notes
    whole = Kind.CONTENT in kinds  # a folder moved: check every file
    if kinds & {Kind.ARTICLE, Kind.CONTENT}:
        articles = _scan(site / ARTICLES, old.articles, forced, article_from_file, whole)
    if kinds & {Kind.NOTE, Kind.CONTENT}:
        notes = _scan(site / EVENTS, old.notes, forced, note_from_file, whole)
    registry, registry_error = old.registry, old.registry_error
    if kinds & {Kind.REGISTRY, Kind.CONTENT}:
        registry, registry_error = _registry(site)
    templates, static = old.templates, old.static
    if new_chain or kinds & {Kind.TEMPLATE, Kind.THEME}:
        templates = _fingerprint(template_dirs(site, chain))
    if new_chain or kinds & {Kind.ASSET, Kind.THEME}:
        static = _static(site, chain)
    return Inputs(
        config, chain, articles, notes, registry, registry_error, templates, static, old.version
    )


def content_of(
    site: Path, inputs: Inputs
) -> tuple[list[Article], list[EventNote], list[ReadError]]:
    """Articles, notes and errors as ``load_content`` and the registry give them.

    Two differences: a file that fails to load still contributes its last good version,
    and an editor's lock or backup file (``.#x.md``) that fails is not reported.
    """
    errors: list[ReadError] = []
    items: list[tuple[Path, Article]] = []
    for name, loaded in inputs.articles.items():
        path = site / ARTICLES / name
        if loaded.error is not None and not ignored_name(name):  # an editor's lock file
            errors.append(ReadError(path, loaded.error))
        if loaded.item is not None:
            items.append((path, loaded.item))
    articles, duplicates = unique_articles(items)
    errors += duplicates
    notes: list[EventNote] = []
    for name, note in inputs.notes.items():
        if note.error is not None:
            errors.append(ReadError(site / EVENTS / name, note.error))
        if note.item is not None:
            notes.append(note.item)
    if inputs.registry_error:
        errors.append(ReadError(site / REGISTRY, inputs.registry_error))
    return articles, notes, errors
