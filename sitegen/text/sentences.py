"""``split``: a paragraph into sentences, the one splitter every module uses.

A full stop, ``!``, ``?`` or ``…`` (then any closing quotes or brackets) followed by space and
a capital letter or a digit ends a sentence, except where the full stop belongs to the word
before it:

- an abbreviation that precedes a name (``Mr.``, ``Gov.``, ``Sen.``, ``Ltd.``, ``Jan.``), or
  one of the few common in other languages (``bzw.``, ``z.``), or one that precedes a number
  (``No. 10``, ``Nr. 5``) when a number follows;
- an initial (``J. Smith``) or a dotted abbreviation of capitals (``U.S. President``);
- a day's ordinal before a month name (``am 12. September``, ``le 1. mai``).

CJK full stops (``。！？``) end a sentence with no space after them. Paragraph breaks always end
one. Pure, and quick: one regular-expression scan for candidates, then a look at the word before.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    """mr mrs ms messrs dr prof st mt ft sen rep gov gen lt col capt cmdr sgt adm rev hon pres
    jr sr ltd inc corp co bros plc jan feb mar apr jun jul aug sep sept oct nov dec vs
    approx dept univ ave blvd bzw vgl ca z hr fr frau sra sta""".split()
)
"""Words (lower case, without the full stop) whose full stop does not end a sentence."""
BEFORE_NUMBERS = frozenset("no nos nr vol fig pp art".split())
"""Abbreviations that stand before a number (``No. 10``); elsewhere (``voted no.``) their
full stop ends the sentence."""
MONTHS = frozenset(
    """january february march april may june july august september october november december
    januar februar märz mai juni juli oktober dezember janvier février mars avril juin juillet
    août septembre octobre novembre décembre enero febrero marzo abril mayo junio julio agosto
    septiembre octubre noviembre diciembre stycznia lutego marca kwietnia maja czerwca lipca
    sierpnia września października listopada grudnia""".split()
)
"""Month names after which ``12.`` is a day's ordinal, not a sentence's end."""

_CANDIDATE = re.compile(r"(?<=[.!?…])[\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?\w)|(?<=[。！？])")
_INITIAL = re.compile(r"(?:^|[\s(\"“])(?:[A-Z]\.){1,3}$")
_ORDINAL = re.compile(r"(?:^|\s)\d{1,2}\.$")


def _joins(before: str, after: str) -> bool:
    """True when the boundary between ``before`` and ``after`` is not a sentence's end."""
    if before.endswith(("。", "！", "？")):
        return False
    start = after.lstrip("\"'“‘«([")
    if not start or not (start[0].isupper() or start[0].isdigit()):
        return True
    if not before.endswith("."):
        return False
    word = before.rsplit(maxsplit=1)[-1].rstrip(".").lstrip("\"'“‘«([").lower()
    if word in ABBREVIATIONS or _INITIAL.search(before):
        return True
    if word in BEFORE_NUMBERS:
        return start[0].isdigit()
    return bool(_ORDINAL.search(before)) and start.split(maxsplit=1)[0].lower() in MONTHS


def split(paragraph: str) -> list[str]:
    """The sentences of one paragraph, stripped (a paragraph without an end is one)."""
    text = paragraph.strip()
    out: list[str] = []
    current = ""
    pos = 0
    for match in _CANDIDATE.finditer(text):
        piece = text[pos : match.start()] + match.group().rstrip()  # with its closing quotes
        pos = match.end()
        current = f"{current} {piece}" if current else piece
        if not _joins(current, text[pos : pos + 40]):
            out.append(current.strip())
            current = ""
    rest = text[pos:].strip()
    current = f"{current} {rest}".strip() if current else rest
    if current:
        out.append(current)
    return [s for s in out if s]


def sentences(text: str) -> list[str]:
    """The sentences of a body of paragraphs (a blank line always ends a sentence)."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        out.extend(split(para))
    return out


def first(paragraph: str) -> str:
    """The first sentence of a paragraph (the whole paragraph if it has one)."""
    found = split(paragraph)
    return found[0] if found else ""
