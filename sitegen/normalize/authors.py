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
    guest anonymous unknown name profile webmaster moderator redaktion redacción rédaction
    redazione gast invité invitado ospite гость 作者 记者 編集部""".split()
)
"""Words that stand where a name should but name nobody (labels and placeholders)."""
INTERFACE_WORDS = frozenset("view profile follow more posts share email reply".split())
"""Words of the buttons around a byline (``View Profile``): a part made of these and
:data:`NOT_NAMES` only is the interface, not a name."""
SPEECH_WORDS = frozenset("says said wrote writes schreibt dit".split())
"""A byline that ends in one (``Steve says``) heads a comment or a quotation."""
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
FUNCTION_WORDS = frozenset("our the of at for and".split())
"""The words of :data:`ROLE_WORDS` that are no role by themselves."""
TITLE_NOUNS = frozenset(
    """writer reporter correspondent editor columnist contributor photographer producer
    analyst critic intern blogger freelancer director manager engineer lead founder
    president officer scientist professor researcher designer developer consultant""".split()
)
"""The last word of a person's job title: after a name (``Robert Burns, AP National
Security Writer``) the part it ends is the title, not another person."""
COLLECTIVE_NOUNS = frozenset(
    """staff desk team newsroom bureau editorial agency agencies service services wire wires
    reports redaktion rédaction redacción redazione""".split()
)
"""The last word of a newsroom's placeholder (``Practical Gardener Editorial Staff``, ``Metro
Desk``): what it ends names no person."""
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
    r"|by|von|par|por|di|door|av|author|autor|auteur|texte?|текст|автор)\s*[:：]?\s+",
    re.I,
)
"""A label before the name: ``By``, ``Written by``, ``Reporting by``, ``Von``, ``Par``,
``Текст``, ``Author:`` …"""
_NOT_AUTHOR_CREDIT = re.compile(
    r"^(?:(?:additional\s+)?(?:editing|edited|photos?|photographs|pictures|images?|"
    r"illustrations?|graphics|video|translation|translated|compiled|fact-checked|"
    r"research)\s+by|(?:photo|foto|фото)\s*[:：])\s",
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


def _without_date(words: list[str]) -> list[str]:
    """The words before a time stamp (a number after the first word, ``Updated``), less the
    month or weekday names and numbers that end them."""
    for i, word in enumerate(words):
        if (i and word[:1].isdigit()) or word.lower().strip(",.:") in STAMP_WORDS:
            words = words[:i]
            break
    while words and (words[-1].lower().strip(",.") in DATE_WORDS or words[-1][:1].isdigit()):
        words.pop()
    return words


def _without_affixes(words: list[str], not_a_person: Callable[[str], bool] | None) -> list[str]:
    """The words less a leading conjunction (``and Jane Doe`` after a comma), an outlet's
    possessive before a full name (``NBC's Jane Doe``), a trailing job title of two role
    words or more (``Jane Doe Staff Writer``) and an outlet's name that ``not_a_person``
    accepts after a full name, with the dateline after it (``Jane Doe Associated Press
    LONDON``). A newsroom's placeholder (``Metro Desk``, ``Coastal Times Staff``), a comment's
    heading (``Steve says``) and an outlet's name with a title or a dateline (``AP Writer``,
    ``AP LONDON``) leave nothing."""
    if words and _CONJUNCTION.match(words[0]):
        words = words[1:]
    owner = next((i for i, w in enumerate(words[:3]) if re.search(r"['’]s$", w)), None)
    if owner is not None and len(words) - owner > 2:
        words = words[owner + 1 :]
    last = words[-1].lower().strip(",.:") if words else ""
    if len(words) >= 2 and (last in COLLECTIVE_NOUNS or last in SPEECH_WORDS):
        return []
    end = len(words)
    while end and words[end - 1].lower().strip(",.:") in ROLE_WORDS - FUNCTION_WORDS:
        end -= 1
    if len(words) - end >= 2:
        words = words[:end]
    if not_a_person is None:
        return words
    for end in range(len(words) - 1, 0, -1):
        rest = words[end:]
        if not_a_person(" ".join(words[:end])) and all(
            word.isupper() or word.lower() in ROLE_WORDS for word in rest
        ):
            return []
    for start in range(2, len(words)):  # a full name is left: not Michael of Bloomberg
        for end in range(len(words), start, -1):
            if not_a_person(" ".join(words[start:end])):
                return words[:start]
    return words


def _clean_part(part: str, not_a_person: Callable[[str], bool] | None = None) -> str:
    part = _MARKUP.sub(" ", _EMAIL.sub("", part)).replace("<", " ").replace(">", " ")
    part = " ".join(part.split())
    if _NOT_AUTHOR_CREDIT.match(part):
        return ""
    part = _LABEL.sub("", part).strip(" ,.:-–—")
    words = _without_affixes(_without_date(part.split()), not_a_person)
    part = " ".join(words).strip(" ,.:-–—")
    if not part or part[0].isdigit() or part.lower() in NOT_NAMES or _HANDLE.match(part):
        return ""
    if not any(ch.isalpha() for ch in part):
        return ""
    if all(word.lower().strip(",.:") in ROLE_WORDS for word in part.split()):
        return ""
    if all(word.lower() in NOT_NAMES | INTERFACE_WORDS for word in part.split()):
        return ""
    if not_a_person is not None and not_a_person(part):
        return ""
    if part.isupper() and len(words) >= 2:
        part = part.title()  # JANE DOE: a byline set in capitals (one word may be initials)
    return part


PARTICLES = frozenset("de van von der den da di du le la del della dos das ten ter".split())
"""The particles of a surname that an inverted name leaves at its end (``Jong, Michiel de``)."""
_INITIALS = re.compile(r"^(?:[^\W\d_]\.-?)+$")
"""An initial or several (``F.``, ``J.R.``, ``J.-P.``)."""


def _uninverted(name: str) -> str:
    """A name written surname first, as catalogues and ``DC.Creator`` write it, in reading
    order: ``F. Kooman`` of ``Kooman, F.``, ``Michiel de Jong`` of ``Jong, Michiel de``. Only
    when that form is plain: one capitalised surname, then up to three given names of which
    one is an initial or the last a particle (``Doe, Jane`` may be two people: it stays)."""
    if name.count(",") != 1:
        return name
    surname, given = (side.split() for side in name.split(","))
    if len(surname) != 1 or not surname[0][:1].isupper() or not 1 <= len(given) <= 3:
        return name
    if any(word.lower().strip(".") in ROLE_WORDS for word in given):
        return name
    if not (any(_INITIALS.match(word) for word in given) or given[-1] in PARTICLES):
        return name
    return " ".join([*given, *surname])


def clean_author(
    value: str | None, not_a_person: Callable[[str], bool] | None = None
) -> str | None:
    """The people ``value`` names, joined by ``, ``; None when it names nobody. A part that
    ``not_a_person`` accepts (the site's own name, an agency's) is dropped. A name written
    surname first is put in reading order (:func:`_uninverted`), so that the commas between
    people are the only ones left."""
    if not value:
        return None
    value = "\n".join(_uninverted(chunk) for chunk in re.split(r"[;|\n]", value))
    people: dict[str, str] = {}  # by case-folded name: one person stated twice is one
    for n, part in enumerate(_pieces(value)):
        name = _clean_part(part, not_a_person)
        if n and people and name.split()[-1:] and name.split()[-1].lower() in TITLE_NOUNS:
            continue  # the job title of the person before it
        if name:
            people.setdefault(name.casefold(), name)
    return ", ".join(people.values()) or None
