"""Copyright lines; the holder is a fallback source."""

from __future__ import annotations

import re

from sitegen.normalize.draft import JUNK, Draft

_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)\s*\d|copyright\s*(?:©|\(c\)|\d{4})|all rights reserved)", re.IGNORECASE
)
_RIGHTS = re.compile(r"all rights reserved", re.IGNORECASE)
_HOLDER = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*"
    r"(?P<holder>[A-Z][\w&'’ .-]{1,60}?)"
    r"(?:,?\s+(?:L\.?P\.?|LLC|Inc\.?|Ltd\.?|Limited|plc|GmbH|S\.A\.|Corp\.?|Co\.))*"
    r"\.?(?:\s+all rights reserved.*)?$",
    re.IGNORECASE,
)


def apply(draft: Draft) -> Draft:
    """Label copyright lines junk and take their holder as a fallback source."""
    holder = None
    changes = {}
    for block in draft.undecided():
        text = block.text
        if block.n_words > 25 or not (_COPYRIGHT.match(text) or _RIGHTS.search(text)):
            continue
        changes[block.line] = (JUNK, "copyright", None)
        m = _HOLDER.match(text)
        if m and holder is None:
            holder = m.group("holder").strip(" .,")
    if not changes:
        return draft
    draft = draft.relabel(changes)
    return draft.with_meta(source_fallback=holder) if holder else draft
