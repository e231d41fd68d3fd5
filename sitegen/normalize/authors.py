"""Author names as a page states them, cleaned into the people they name.

Pages and extractors hand over bylines with things that are not names attached: a date's
month or weekday run into the name (``Nathan Willis March``), a time stamp (``Published 3
hours ago``), a label (``By``, ``Author:``, ``作者``), a role (``Staff Writer``), the outlet
(``Jane Doe, Reuters``), account placeholders (``Username``, ``Admin``, ``Staff``, a
lower-case handle), e-mail addresses, and lists joined by semicolons, commas or ``and`` that
also carry such fragments. Each part is cleaned on its own; what is left of none of them is
no author at all. The people found are joined by ``, ``. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable

NOT_NAMES = frozenset(
    """by author authors written posted staff admin administrator username user editor editors
    guest anonymous unknown redaktion redacción rédaction redazione 作者 记者 編集部""".split()
)
"""Words that stand where a name should but name nobody (labels and placeholders)."""
ROLE_WORDS = frozenset(
    """staff writer writers reporter reporters correspondent correspondents editor editors
    editorial contributor contributors contributing columnist columnists photographer
    producer analyst critic intern freelance freelancer blogger author authors team desk
    newsroom bureau wire wires agency service services board senior chief deputy associate
    assistant managing executive special political foreign national international local
    city metro business sports science health technology tech culture news web online
    digital our the of at for and""".split()
)
"""Words of a job title or a newsroom's placeholder (``Staff Writer``, ``Senior Political
Correspondent``, ``Our Foreign Staff``, ``News Desk``): a part made of these only names
nobody."""
DATE_WORDS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday mon tue tues wed thu thurs fri sat sun""".split()
)
"""Month and weekday names: a byline that ends in one has run into its date."""
STAMP_WORDS = frozenset(
    """published updated posted modified veröffentlicht aktualisiert publié publicado
    pubblicato""".split()
)
"""Words that begin a time stamp run into a byline (``Jane Doe Updated 3 hours ago``):
the byline ends before them (a leading ``Posted by`` is a label, cut first)."""
_LABEL = re.compile(
    r"^(?:(?:written|posted|story|words|text|reporting|report|article|column|interview)\s+by"
    r"|by|von|par|por|di|door|av|author|autor|auteur|texte?)\s*[:：]?\s+",
    re.I,
)
"""A label before the name: ``By``, ``Written by``, ``Reporting by``, ``Von``, ``Par``,
``Author:`` …"""
_NOT_AUTHOR_CREDIT = re.compile(
    r"^(?:(?:additional\s+)?(?:editing|edited|photos?|photographs|pictures|images?|"
    r"illustrations?|graphics|video|translation|translated|compiled|fact-checked|"
    r"research)\s+by|photo\s*[:：])\s",
    re.I,
)
"""A credit for work other than the writing (``Editing by``, ``Photos by``): not an author."""
_EMAIL = re.compile(r"\S+@\S+")
_MARKUP = re.compile(r"<[^<>]*>")
"""A tag, as text (a page that escaped its markup once too often): no part of a name."""
_SEPARATORS = re.compile(r"\s*(?:;|\||\n|,|\s[-–—]\s|\s(?:and|&|und|et)\s)\s*", re.I)
"""What sits between two people or a person and their role: ``;``, ``|``, a line break, a
comma, a spaced dash, ``and`` (``&``, ``und``, ``et``)."""
_CONJUNCTION = re.compile(r"^(?:and|&|und|et)$", re.I)
_HANDLE = re.compile(r"^[a-z][a-z0-9_.]*$")
"""A single lower-case word in Latin letters (``mcupdate``, ``admin``): an account's handle,
not how a person signs."""


def _pieces(value: str) -> list[str]:
    """``value`` cut at its separators, none inside brackets (``Martin Untersinger (avec
    Damien Leloup et Morgane Tual)`` is one piece). Two people joined by ``and`` are cut only
    when each side is a name of two words or more (``Jane and John Doe`` is one piece, and
    so is a name like ``Mac & i``)."""
    pieces: list[str] = []
    start = depth = 0
    for match in _SEPARATORS.finditer(value):
        depth = value.count("(", 0, match.start()) - value.count(")", 0, match.start())
        if depth > 0:
            continue
        if _CONJUNCTION.match(match.group().strip()):
            left, right = value[start : match.start()], value[match.end() :]
            right = _SEPARATORS.split(right, maxsplit=1)[0]
            if len(left.split()) < 2 or len(right.split()) < 2:
                continue
        pieces.append(value[start : match.start()])
        start = match.end()
    pieces.append(value[start:])
    return pieces


def _clean_part(part: str) -> str:
    part = _MARKUP.sub(" ", _EMAIL.sub("", part)).replace("<", " ").replace(">", " ")
    part = " ".join(part.split())
    if _NOT_AUTHOR_CREDIT.match(part):
        return ""
    part = _LABEL.sub("", part).strip(" ,.:-–—")
    words = part.split()
    for i, word in enumerate(words):
        if (i and word[:1].isdigit()) or word.lower().strip(",.:") in STAMP_WORDS:
            words = words[:i]
            break
    while words and (words[-1].lower().strip(",.") in DATE_WORDS or words[-1][:1].isdigit()):
        words.pop()
    part = " ".join(words).strip(" ,.:-–—")
    if not part or part[0].isdigit() or part.lower() in NOT_NAMES or _HANDLE.match(part):
        return ""
    if not any(ch.isalpha() for ch in part):
        return ""
    if all(word.lower().strip(",.:") in ROLE_WORDS for word in part.split()):
        return ""
    if part.isupper() and sum(ch.isalpha() for ch in part) > 3:
        part = part.title()  # JANE DOE: a byline set in capitals
    return part


def clean_author(
    value: str | None, not_a_person: Callable[[str], bool] | None = None
) -> str | None:
    """The people ``value`` names, joined by ``, ``; None when it names nobody. A part that
    ``not_a_person`` accepts (the site's own name, an agency's) is dropped."""
    if not value:
        return None
    people: dict[str, str] = {}  # by case-folded name: one person stated twice is one
    for part in _pieces(value):
        name = _clean_part(part)
        if name and not (not_a_person and not_a_person(name)):
            people.setdefault(name.casefold(), name)
    return ", ".join(people.values()) or None
