"""Which file changed, and what kind of change it is (pure).

A watch callback records bare paths; the build loop asks :func:`classify` what
each one is.  Editor temp and swap files, hidden files and folders and anything
under ``build/`` are no change at all.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sitegen.config import CONFIG_FILE
from sitegen.ingest.registry import READERS
from sitegen.site.theme import LOCALE_FOLDER

BUILD = "build"
INBOX = "inbox"
_TEMP_SUFFIXES = (".swp", ".swx", ".swo", ".tmp", ".temp", ".part", ".crdownload", ".bak")
_TEMP_NAMES = frozenset({"4913", "Thumbs.db", "desktop.ini"})
_CONTENT_FOLDERS = {("content",), ("content", "articles"), ("content", "events")}


class Kind(enum.Enum):
    """What a changed file is, which decides what a rebuild redoes."""

    ARTICLE = "article"
    NOTE = "event note"
    CONTENT = "content folder"
    REGISTRY = "event registry"
    TEMPLATE = "template"
    ASSET = "theme asset"
    THEME = "theme"
    CONFIG = "config"
    INBOX = "raw inbox file"


@dataclass(frozen=True, slots=True)
class Change:
    """One classified path."""

    kind: Kind
    """What the file is."""
    path: Path
    """The file (absolute)."""


def ignored_name(name: str) -> bool:
    """Editor backups, swap and lock files, partial downloads, hidden files."""
    return (
        name.startswith(".")
        or name.endswith("~")
        or (name.startswith("#") and name.endswith("#"))
        or name.endswith(_TEMP_SUFFIXES)
        or name in _TEMP_NAMES
    )


def _in_theme(parts: Sequence[str]) -> Kind:
    """A path inside one theme folder."""
    if parts and parts[0] in ("templates", LOCALE_FOLDER):
        return Kind.TEMPLATE
    if parts and parts[0] == "static":
        return Kind.ASSET
    return Kind.THEME


def _in_site(parts: Sequence[str]) -> Kind | None:
    """A path inside the site folder (``parts`` relative to it)."""
    top = parts[0]
    if parts == (CONFIG_FILE,):
        return Kind.CONFIG
    if top == "content":
        if len(parts) == 3 and parts[1] == "articles":
            return Kind.ARTICLE if parts[2].endswith(".md") else None
        if len(parts) == 3 and parts[1] == "events":
            if parts[2] == "registry.json":
                return Kind.REGISTRY
            return Kind.NOTE if parts[2].endswith(".md") else None
        return Kind.CONTENT if parts in _CONTENT_FOLDERS else None
    if top in ("templates", LOCALE_FOLDER):
        return Kind.TEMPLATE
    if top == "static":
        return Kind.ASSET
    if top == "themes":
        return _in_theme(parts[2:]) if len(parts) > 2 else Kind.THEME
    if top == INBOX:
        is_raw = len(parts) == 1 or Path(parts[-1]).suffix.lower() in READERS
        return Kind.INBOX if is_raw else None
    return None


def classify(path: Path, site: Path, themes: Iterable[Path] = ()) -> Change | None:
    """What ``path`` is for a site using the theme folders ``themes``, or None to ignore it."""
    path = Path(path).absolute()
    for root in (site.absolute(), *(t.absolute() for t in themes)):
        try:
            parts = path.relative_to(root).parts
        except ValueError:
            continue
        if any(ignored_name(p) for p in parts):
            return None
        if root != site.absolute():
            return Change(_in_theme(parts), path)
        if not parts or parts[0] == BUILD:
            return None
        kind = _in_site(parts)
        return Change(kind, path) if kind else None
    return None
