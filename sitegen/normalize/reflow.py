"""Hard-wrapped paragraphs joined back into one line before the rules run.

A dump keeps the line breaks of its source, and some sources wrap running text
at a fixed width (mail, terminals, PDF copies).  A long line that stops
mid-sentence, followed directly (no blank line) by one that starts in lower case,
is the same sentence going on, so the two are joined.  Short lines are never
joined (menus and lists are short), and anything that starts with a capital,
a heading or a new sentence, stays a line of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

WRAPPED_MIN_WORDS = 8
"""A wrapped line is a full line of running text, not a menu item."""
WRAPPED_MIN_CHARS = 50
TITLE_CASE_SHARE = 0.5
"""A line with this share of capitalised words is a headline, which a wrap cannot be."""
_CONTINUES = re.compile(r"^(?!https?:|www\.)[a-zà-ÿ]")
"""How a continuation starts: a lower-case letter (not a web address).  Not a digit, a
bracket or a quote: "20 hours ago" under a teaser, wire datelines and quotes start so."""
_ENDS = re.compile(r"[.!?…:;][\"'”’»)\]]*$|[\"”’»]$")


def join_wrapped(lines: Iterable[tuple[int, str]]) -> list[tuple[int, str]]:
    """(line number, text) pairs, with wrapped continuations joined to the line they
    continue (which keeps its number).  Blank lines are dropped.

    Linear in the input: each new line is compared with the raw line before it (a wrapped
    paragraph is a run of full-width lines), and a paragraph's pieces are joined once."""
    out: list[tuple[int, list[str]]] = []
    last, previous = -2, ""
    for number, text in lines:
        if not text:
            continue
        if number == last + 1 and text[0].islower() and out and _continues(previous, text):
            pieces = out[-1][1]
            if pieces[-1].endswith("-"):
                pieces[-1] += text
            else:
                pieces.append(text)
        else:
            out.append((number, [text]))
        last, previous = number, text
    return [(number, " ".join(pieces)) for number, pieces in out]


def _continues(before: str, text: str) -> bool:
    """True when ``text`` is the rest of the sentence ``before`` broke off.

    ``before`` must be a full-width line of running text that stops mid-sentence and
    is not a title-case headline; ``text`` must start in lower case and be either
    another full line or the sentence's end (a lone "share" or "next post" under a
    headline is page furniture, not a continuation).
    """
    if not _CONTINUES.match(text) or _ENDS.search(before):
        return False
    words = before.split()
    if len(before) < WRAPPED_MIN_CHARS or len(words) < WRAPPED_MIN_WORDS:
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    if capitalised >= TITLE_CASE_SHARE * len(words):
        return False
    return len(text) >= WRAPPED_MIN_CHARS or bool(_ENDS.search(text))
