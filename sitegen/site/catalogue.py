"""The theme's words in the site's language: gettext catalogues, plurals and month names.

A theme keeps one catalogue per language as ``locale/<language>.po`` (``fr.po``,
``pt_BR.po``); a site may keep its own in ``locale/`` beside ``sitegen.yaml``, whose
messages come first.  Config ``language`` chooses: ``pt-BR`` reads ``pt_BR.po`` and then
``pt.po``; a language with no catalogue keeps the theme's own (English) words, and the
build says so once.  Catalogues are read as text and compiled in memory, so there are no
compiled ``.mo`` files to keep in step with them; a fuzzy or empty entry is not used.

Dates named in words (months on the archive and on charts' axes) come from the CLDR data
of the same language (Babel's, pinned like every dependency), never from the machine's
locale, so a build's bytes do not depend on where it runs.
"""

from __future__ import annotations

import datetime as dt
import gettext
import hashlib
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

from sitegen.errors import SitegenError
from sitegen.fsutil import site_file
from sitegen.languages import primary
from sitegen.model import ReadError
from sitegen.site.theme import LOCALE_FOLDER

SOURCE_LANGUAGE = "en"
"""The language the theme's messages are written in."""

MAX_CATALOGUE = 4 * 1024 * 1024
"""Largest catalogue read (a theme's has a few hundred messages, some kilobytes)."""


class CatalogueError(SitegenError):
    """A catalogue could not be read."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


def N_(message: str) -> str:
    """``message`` as it is, marked for the catalogue: it is translated where it is shown."""
    return message


def locale_names(language: str) -> list[str]:
    """Catalogue names for a language tag, most specific first: ``pt-BR`` -> pt_BR, pt."""
    parts = [p for p in language.replace("_", "-").split("-") if p]
    if not parts:
        return []
    base = primary(parts[0])
    names = []
    if len(parts) > 1:
        names.append(base + "_" + "_".join(p.upper() if len(p) == 2 else p for p in parts[1:]))
    names.append(base)
    return names


def catalogue_files(site: Path, chain: Sequence[Path], language: str) -> list[Path]:
    """The catalogues of ``language`` that apply, first the site's, then each theme's of the
    chain: for each folder the most specific name it has."""
    found = []
    for folder in (site, *chain):
        for name in locale_names(language):
            path = folder / LOCALE_FOLDER / f"{name}.po"
            if path.is_file():
                found.append(path)
                break
    return found


def _read(path: Path, owner: Path) -> tuple[gettext.GNUTranslations, bytes]:
    """The catalogue at ``path`` compiled, and its bytes; raises :class:`CatalogueError`."""
    problem = site_file(owner, path)
    if problem:
        raise CatalogueError(path, problem)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogueError(path, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_CATALOGUE:
        raise CatalogueError(path, f"larger than {MAX_CATALOGUE // 1024 // 1024} MB")
    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as exc:
        raise CatalogueError(path, f"not a readable gettext catalogue ({exc})") from None
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled), data


@dataclass(frozen=True, slots=True)
class Words:
    """The site's language: its messages, its plural rule and its names of months."""

    language: str
    translations: gettext.NullTranslations
    locale: Locale
    files: tuple[Path, ...] = ()
    key: str = SOURCE_LANGUAGE
    """The language and its catalogues' contents, for caches of text drawn in it."""

    @property
    def translated(self) -> bool:
        """Whether any catalogue applies (else the theme's own words are shown)."""
        return bool(self.files)

    def gettext(self, message: str) -> str:
        """``message`` in the site's language."""
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form of a message for ``n`` things, in the site's language."""
        return self.translations.ngettext(singular, plural, n)

    def phrase(self, message: str, **values: object) -> str:
        """``message`` in the site's language with its ``%(name)s`` places filled."""
        return self.gettext(message) % values if values else self.gettext(message)

    def phrase_n(self, singular: str, plural: str, n: int, **values: object) -> str:
        """The form of a message for ``n`` things, its ``%(num)d`` and other places filled."""
        return self.ngettext(singular, plural, n) % {"num": n, **values}

    def month_year(self, year: int, month: int) -> str:
        """A month as a heading names it: ``November 2026``, ``novembre 2026``."""
        return format_skeleton("yMMMM", dt.date(year, month, 1), locale=self.locale)

    def short_month_year(self, year: int, month: int) -> str:
        """A month on a chart's axis: ``Nov 2026``, ``nov. 2026``."""
        return format_skeleton("yMMM", dt.date(year, month, 1), locale=self.locale)

    def day_month(self, day: dt.date) -> str:
        """A day on a chart's axis: ``Nov 3``, ``3 nov.``."""
        return format_skeleton("MMMd", day, locale=self.locale)

    def plural_forms(self, singular: str, plural: str) -> dict[str, str]:
        """A message's form for each plural category of the language (CLDR's names: one,
        few, many, other), for a script that picks one with ``Intl.PluralRules``."""
        rule = self.locale.plural_form
        forms: dict[str, str] = {}
        for tag in (*sorted(rule.tags), "other"):
            sample = next((n for n in range(1000) if rule(n) == tag), None)
            if sample is not None:
                forms[tag] = self.ngettext(singular, plural, sample)
        return forms


ENGLISH = Words(SOURCE_LANGUAGE, gettext.NullTranslations(), Locale.parse(SOURCE_LANGUAGE))
"""The theme's own words (no catalogue), for pure stages called without a site's."""


def _locale(language: str) -> Locale:
    for name in locale_names(language):
        try:
            return Locale.parse(name)
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse(SOURCE_LANGUAGE)


@lru_cache(maxsize=16)
def _load(site: Path, language: str, files: tuple[Path, ...], stamps: tuple[int, ...]) -> Words:
    """The words of ``files`` (read again only when one's time ``stamps`` change)."""
    translations: gettext.NullTranslations = gettext.NullTranslations()
    digest = hashlib.sha256(language.encode())
    for path in reversed(files):  # the first file is asked first, the theme's last
        owner = site if path.is_relative_to(site) else path.parent.parent
        layer, data = _read(path, owner)
        digest.update(data)
        layer.add_fallback(translations)
        translations = layer
    key = f"{language}:{digest.hexdigest()[:16]}" if files else language
    return Words(language, translations, _locale(language), files, key)


def load_words(site: Path, chain: Sequence[Path], language: str) -> Words:
    """The words of ``language`` for a site and its theme chain (read once per process
    while the catalogues are unchanged); raises :class:`CatalogueError`."""
    files = catalogue_files(site, chain, language)
    try:
        stamps = tuple(p.stat().st_mtime_ns for p in files)
    except OSError as exc:  # gone since it was found
        raise CatalogueError(Path(exc.filename or files[0]), "cannot be read") from None
    return _load(site, language, tuple(files), stamps)


def site_words(
    site: Path, chain: Sequence[Path], language: str, warn: Callable[[str], None] | None
) -> tuple[Words, list[ReadError]]:
    """:func:`load_words` for a build: with a catalogue that cannot be read, the theme's own
    words and the error, for the build to report as it goes on; with none for the language,
    a warning through ``warn``."""
    try:
        words = load_words(site, chain, language)
    except CatalogueError as exc:
        english = replace(ENGLISH, language=language, locale=_locale(language), key=language)
        return english, [ReadError(exc.path, exc.problem)]
    missing = missing_catalogue(words)
    if missing and warn is not None:
        warn(missing)
    return words, []


def missing_catalogue(words: Words) -> str | None:
    """The one-line warning for a site whose language has no catalogue, or None."""
    if words.translated or not locale_names(words.language):
        return None
    if locale_names(words.language)[-1] == SOURCE_LANGUAGE:
        return None
    return (
        f"language {words.language!r}: no catalogue ({LOCALE_FOLDER}/"
        f"{locale_names(words.language)[-1]}.po) in the site or its theme; "
        "the theme's words stay in English"
    )
