"""The messages a theme shows, gathered for its translators: ``locale/messages.pot`` and the
update of every catalogue beside it.

Messages come from the theme's templates (``_()``, ``gettext``, ``ngettext``, ``pgettext``
(a word that needs its context to be translated), ``{% trans %}``
and ``plural_forms``, the search page's words) and, for the built-in theme, from the words
sitegen writes itself (charts, months, labels and section names: ``phrase``, ``phrase_n``
and ``N_``).  Updating a catalogue keeps its translations, adds the new messages untranslated
and marks the ones whose English changed as fuzzy (not used until a translator checks them).

``python -m sitegen.site.extract [THEME_FOLDER]`` (``make messages`` for the built-in theme).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po
from jinja2.ext import babel_extract

from sitegen.site.theme import BUILTIN_THEMES, LOCALE_FOLDER

TEMPLATE_KEYWORDS: dict[str, Any] = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "plural_forms": (1, 2),
}
"""The calls in templates whose first (and second) text is a message."""

CODE_KEYWORDS: dict[str, Any] = {
    "gettext": None,
    "ngettext": (1, 2),
    "phrase": None,
    "phrase_n": (1, 2),
    "N_": None,
}
"""The calls in sitegen's code whose first (and second) text is a message."""

JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trimmed": "true"}
"""How templates are read: as :func:`~sitegen.site.render.make_env` reads them."""

CODE = Path(__file__).resolve().parent.parent
"""sitegen's own code."""

TEMPLATE_NAME = "messages.pot"
"""The catalogue template beside a theme's catalogues."""


def _messages(
    files: list[Path], method: Any, keywords: dict[str, Any], root: Path
) -> Iterator[tuple[str | tuple[str, ...], str, int, list[str], str | None]]:
    """Each message of ``files`` read by ``method`` (Babel's name of an extractor or the
    extractor itself), with where it is, its comments for translators and its context."""
    options = JINJA_OPTIONS if method is babel_extract else {}
    for path in files:
        where = path.relative_to(root).as_posix()
        for line, message, comments, context in extract_from_file(
            method, path, keywords=keywords, options=options, strip_comment_tags=True
        ):
            yield message, where, line, comments, context


def theme_messages(theme: Path, with_code: bool = True) -> Catalog:
    """Every message of ``theme``'s templates, and (``with_code``) of sitegen's own words."""
    catalog = Catalog(
        project=f"sitegen theme {theme.name}",
        header_comment=f"# The words of sitegen's theme {theme.name!r}, for its translators.\n"
        "# Written by `python -m sitegen.site.extract`: edit the templates, not this file.",
        fuzzy=False,
    )
    templates = sorted((theme / "templates").rglob("*.html"))
    found = list(_messages(templates, babel_extract, TEMPLATE_KEYWORDS, theme))
    if with_code:
        code = sorted(p for p in CODE.rglob("*.py") if "__pycache__" not in p.parts)
        found += _messages(code, "python", CODE_KEYWORDS, CODE.parent)
    for message, where, line, comments, context in found:
        catalog.add(message, None, [(where, line)], auto_comments=comments, context=context)
    return catalog


def update_theme(theme: Path, with_code: bool = True) -> list[Path]:
    """Write ``theme``'s ``messages.pot`` and update each of its catalogues; the files
    written."""
    template = theme_messages(theme, with_code)
    folder = theme / LOCALE_FOLDER
    folder.mkdir(exist_ok=True)
    pot = folder / TEMPLATE_NAME
    written = []
    if _rendered(template) != (_rendered(_read(pot)) if pot.is_file() else None):
        with pot.open("wb") as out:
            write_po(out, template, width=100)
        written.append(pot)
    for path in sorted(folder.glob("*.po")):
        catalog = _read(path)
        before = _rendered(catalog)
        catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
        if _rendered(catalog) != before:
            with path.open("wb") as out:
                write_po(out, catalog, width=100, ignore_obsolete=True, include_previous=True)
            written.append(path)
    return written


def _read(path: Path) -> Catalog:
    with path.open("rb") as given:
        return read_po(given)


def _rendered(catalog: Catalog) -> bytes:
    """A catalogue's messages as written, without its header (whose dates always change)."""
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=True, ignore_obsolete=True)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    """``python -m sitegen.site.extract [THEME_FOLDER]``: update a theme's catalogues."""
    args = sys.argv[1:] if argv is None else argv
    theme = Path(args[0]) if args else BUILTIN_THEMES / "default"
    builtin = theme.resolve() == (BUILTIN_THEMES / "default").resolve()
    written = update_theme(theme, with_code=builtin)
    for path in written:
        print(f"updated {path}")
    if not written:
        print(f"{theme / LOCALE_FOLDER}: every catalogue is up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
