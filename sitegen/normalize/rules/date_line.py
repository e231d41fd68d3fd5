"""Lines that are only a date: ``November 18, 2019 10:30 AM``, ``Updated: 2019-11-18``,
``segunda-feira, 22 de janeiro de 2018 às 0:13``.

The line leaves the body.  The first date read from such a line is recorded as
``meta["date"]``; the pipeline makes it the article's date for text dumps only,
which have no other place for one.  A feed, JSON Lines record or saved page that
leaves its date out is not given one guessed from its text: there, a date line in
the body may as well be the date of an update or of something else (on the ECB+
development set, such dates split coverage of one event spread over months).
"""

from __future__ import annotations

import re
from datetime import date

from sitegen.normalize.draft import FRONT, Draft

MAX_WORDS = 14
MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan janeiro janvier januar enero gennaio januari",
        "february feb fevereiro fevrier février februar febrero febbraio februari",
        "march mar março marco mars märz marz marzo maret",
        "april apr abril avril aprile",
        "may maio mai mayo maggio mei",
        "june jun junho juin juni junio giugno",
        "july jul julho juillet juli julio luglio",
        "august aug agosto août aout agustus",
        "september sep sept setembro septembre septiembre settembre",
        "october oct outubro octobre oktober octubre ottobre",
        "november nov novembro novembre noviembre",
        "december dec dezembro décembre decembre dezember diciembre dicembre desember",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number
_FILLER = frozenset(
    "published updated posted last modified on at am pm a.m p.m utc gmt et est edt pt pst pdt "
    "ct cst cdt bst cet cest ist wib às as um le à h uhr st nd rd th "
    "publicado atualizado actualizado em el publié mis à jour le veröffentlicht aktualisiert "
    "diterbitkan diperbarui pukul "
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri "
    "sat sun segunda terça terca quarta quinta sexta feira sábado sabado domingo lunes martes "
    "miércoles miercoles jueves viernes lundi mardi mercredi jeudi vendredi samedi dimanche "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag senin selasa rabu kamis jumat "
    "sabtu minggu".split()
)
_LINKS = frozenset({"de", "del", "of", "the"})
"""Words between a day and its month (``22 de janeiro``, ``the 5th of May``), skipped."""
_TOKEN = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)*\.?|\d+")
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)(?:T[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d\d)\b")
_TIME = re.compile(r"\b\d{1,2}[:h.]\d\d(?::\d\d)?(?:\b|(?=[ap]\.?m\b))", re.I)
_YEAR = re.compile(r"(?:19|20)\d\d")
"""Every date line this rule reads names a year: a cheap first test for each line."""
UNKNOWN = date.min
"""A date line whose date cannot be read: the line still leaves the body."""


def _read(text: str) -> date | None:
    """The date a date-only line states, or None when the line says anything else."""
    numeric = _NUMERIC.search(text)
    iso_or_numeric = bool(numeric or _ISO.search(text))
    rest = _TIME.sub(" ", _NUMERIC.sub(" ", _ISO.sub(" ", text)))
    tokens = [t for t in _TOKEN.findall(rest.lower()) if t not in _LINKS]
    if len(tokens) > MAX_WORDS:
        return None
    month, month_at = None, -1
    numbers: list[tuple[int, int]] = []
    for at, tok in enumerate(tokens):
        word = tok.rstrip(".")
        if word.isdecimal():
            numbers.append((at, int(word)))
        elif word in MONTHS and month is None:
            month, month_at = MONTHS[word], at
        elif word not in _FILLER:
            return None
    if len(numbers) > (1 if iso_or_numeric else 3):
        return None  # figures besides the date's own (and a zone's offset): a row of a table
    iso = _ISO.search(text)
    if iso:
        return _valid(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    if numeric:
        return _numeric(*(int(g) for g in numeric.groups())) if month is None else None
    years = [n for _, n in numbers if 1900 <= n <= 2100]
    days = [n for at, n in numbers if 1 <= n <= 31 and abs(at - month_at) == 1]
    if month is None or len(years) != 1 or not days:
        return None
    return _valid(years[0], month, days[0])


def _numeric(first: int, second: int, year: int) -> date | None:
    """``05/10/2018``: a date whichever way round; the day comes first unless it cannot."""
    if first > 12 or second <= 12:
        return _valid(year, second, first) or UNKNOWN
    return _valid(year, first, second) or UNKNOWN


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def apply(draft: Draft) -> Draft:
    """Move date-only lines out of the body, keeping the first date read."""
    found = None
    changes = {}
    for block in draft.undecided():
        if block.n_words > MAX_WORDS or not _YEAR.search(block.text):
            continue
        when = _read(block.text)
        if when is None:
            continue
        changes[block.line] = (FRONT, "date_line", None)
        if found is None and when is not UNKNOWN:
            found = when
    if not changes:
        return draft
    draft = draft.relabel(changes)
    return draft.with_meta(date=found.isoformat()) if found else draft
