"""Copyright and legal lines (privacy policy, terms of use, reproduction notices); a copyright
line's holder is a fallback source."""

from __future__ import annotations

import re

from sitegen.normalize.draft import JUNK, Draft

_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)\s*\d|copyright\s*(?:©|\(c\)|\d{4})|copyright\s+\S.{0,60}?\b(?:19|20)\d\d\b"
    r"|all rights reserved)",
)
"""Matched against the lower-cased line."""
_LEGAL = re.compile(
    r"all rights reserved|privacy policy|terms of (?:use|service)|user agreement|cookie policy"
    r"|may not be (?:reproduced|republished|copied)"
)
"""Phrases of legal notices, searched in the lower-cased line (cheaper than IGNORECASE)."""
_YEAR_MARK = re.compile(r"©\s*(?:19|20)\d\d")
_DISCLAIMER = re.compile(r"^disclaimer\s*:?$")
_HOLDER = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*"
    r"(?P<holder>[A-Z][\w&'’ .-]{1,60}?)"
    r"(?:,?\s+(?:L\.?P\.?|LLC|Inc\.?|Ltd\.?|Limited|plc|GmbH|S\.A\.|Corp\.?|Co\.))*"
    r"\.?(?:\s+all rights reserved.*)?$",
    re.IGNORECASE,
)
MAX_WORDS = 40
"""Legal notices run longer than copyright lines, but not to a paragraph of news."""


def _is_legal(low: str) -> bool:
    """A copyright line, a legal notice or a ``Disclaimer`` heading (``low``: the line in
    lower case)."""
    return bool(
        _COPYRIGHT.match(low)
        or _DISCLAIMER.match(low)
        or ("©" in low and _YEAR_MARK.search(low))
        or _LEGAL.search(low)
    )


def apply(draft: Draft) -> Draft:
    """Label copyright lines junk and take their holder as a fallback source."""
    holder = None
    changes = {}
    for block in draft.undecided():
        text = block.text
        if block.n_words > MAX_WORDS or not _is_legal(block.low):
            continue
        changes[block.line] = (JUNK, "copyright", None)
        m = _HOLDER.match(text)
        if m and holder is None:
            holder = m.group("holder").strip(" .,")
    if not changes:
        return draft
    draft = draft.relabel(changes)
    return draft.with_meta(source_fallback=holder) if holder else draft
