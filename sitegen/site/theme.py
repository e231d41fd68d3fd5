"""Finding a theme's templates and static files.

Lookup order: the site's own ``templates/``, then the chosen theme, then its
parents (``parent:`` in the theme's ``theme.yaml``), then the built-in
``default``.  A template may extend the one it overrides as ``"!theme/<name>"``
(skip the site's folder) or ``"!default/<name>"`` (the built-in theme).
Themes are looked up in the site's ``themes/`` folder first, then sitegen's own.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from sitegen.errors import SitegenError
from sitegen.fsutil import site_file

_PACKAGE = Path(__file__).resolve().parent.parent


def _builtin_themes() -> Path:
    """sitegen's own themes: inside the installed package (the wheel maps the repository's
    ``themes/`` there), else ``themes/`` beside the package in a source checkout."""
    installed = _PACKAGE / "themes"
    return installed if installed.is_dir() else _PACKAGE.parent / "themes"


BUILTIN_THEMES = _builtin_themes()
"""The folder holding sitegen's own themes (``default`` among them)."""

LOCALE_FOLDER = "locale"
"""Where a theme or a site keeps its message catalogues (:mod:`sitegen.site.catalogue`)."""


def look_folders(site: Path) -> list[Path]:
    """The site's own folders that change how its pages look: its templates, its static
    files and its catalogues (a theme's folder counts whole)."""
    return [site / "templates", site / "static", site / LOCALE_FOLDER]


class ThemeError(SitegenError, ValueError):
    """A theme is missing or its parents form a loop."""


def find_theme(site: Path, name: str) -> Path:
    """The folder of theme ``name``: the site's ``themes/<name>`` or sitegen's own."""
    for base in (site / "themes", BUILTIN_THEMES):
        if (base / name / "templates").is_dir():
            return base / name
    raise ThemeError(f"theme {name!r} not found in {site / 'themes'} or {BUILTIN_THEMES}")


def theme_chain(site: Path, name: str) -> list[Path]:
    """The theme, then its parents, ending with the built-in default."""
    chain: list[Path] = []
    while True:
        folder = find_theme(site, name)
        if folder in chain:
            raise ThemeError(f"theme {name!r}: parent themes form a loop")
        chain.append(folder)
        meta_file = folder / "theme.yaml"
        meta = yaml.safe_load(meta_file.read_text(encoding="utf-8")) if meta_file.is_file() else {}
        parent = (meta or {}).get("parent")
        if not parent:
            break
        name = str(parent)
    default = BUILTIN_THEMES / "default"
    if default.resolve() not in {c.resolve() for c in chain}:
        chain.append(default)
    return chain


def static_files(site: Path, chain: list[Path]) -> dict[str, Path]:
    """Output path -> source file for every static asset; nearer themes and the site's
    own ``static/`` win.  Only regular files inside their site or theme are taken (see
    :func:`static_sources` for the others)."""
    return static_sources(site, chain)[0]


def static_sources(site: Path, chain: list[Path]) -> tuple[dict[str, Path], list[tuple[Path, str]]]:
    """:func:`static_files`, and the files of the ``static/`` folders that are not taken with
    why: a FIFO, a device, a symbolic link (of the file, or of the folder) out of its site or
    theme."""
    files: dict[str, Path] = {}
    problems: list[tuple[Path, str]] = []
    for owner in [*reversed(chain), site]:
        folder = owner / "static"
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.name.startswith(".") or (path.is_dir() and not path.is_symlink()):
                continue
            problem = site_file(owner, path)
            if problem:
                problems.append((path, problem))
            else:
                files[path.relative_to(folder).as_posix()] = path
    return files, problems
