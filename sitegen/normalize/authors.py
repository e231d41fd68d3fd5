"""Author names as a page states them, cleaned into the people they name.

Pages and extractors hand over bylines with things that are not names attached: a date's
month or weekday run into the name (``Nathan Willis March``), a label (``By``, ``Author:``,
``作者``), account placeholders (``Username``, ``Admin``, ``Staff``), e-mail addresses, and
lists joined by semicolons that also carry such fragments. Each part is cleaned on its own;
what is left of none of them is no author at all. Pure.
"""

from __future__ import annotations

import re

NOT_NAMES = frozenset(
    """by author authors written posted staff admin administrator username user editor editors
    guest anonymous unknown redaktion redacción rédaction redazione 作者 记者 編集部""".split()
)
"""Words that stand where a name should but name nobody (labels and placeholders)."""
DATE_WORDS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday mon tue tues wed thu thurs fri sat sun""".split()
)
"""Month and weekday names: a byline that ends in one has run into its date."""
_LABEL = re.compile(r"^(?:by|von|par|por|di|door|av|written by|posted by|author:?)\s+", re.I)
_EMAIL = re.compile(r"\S+@\S+")
_SEPARATORS = re.compile(r"\s*(?:;|\||\n)\s*")


def _clean_part(part: str) -> str:
    part = _EMAIL.sub("", part)
    part = _LABEL.sub("", " ".join(part.split())).strip(" ,.:-–—")
    words = part.split()
    while words and (words[-1].lower().strip(",.") in DATE_WORDS or words[-1][:1].isdigit()):
        words.pop()
    part = " ".join(words).strip(" ,.:-–—")
    if not part or part.lower() in NOT_NAMES:
        return ""
    if not any(ch.isalpha() for ch in part):
        return ""
    return part


def clean_author(value: str | None) -> str | None:
    """The people ``value`` names, joined by ``, ``; None when it names nobody."""
    if not value:
        return None
    people: dict[str, str] = {}  # by case-folded name: one person stated twice is one
    for part in _SEPARATORS.split(value):
        name = _clean_part(part)
        if name:
            people.setdefault(name.casefold(), name)
    return ", ".join(people.values()) or None
