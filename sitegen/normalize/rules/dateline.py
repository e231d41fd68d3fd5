"""Wire datelines: ``(Bloomberg) —``, ``KYIV, Ukraine (AP) —``, ``LONDON (Reuters) -``.

The prefix is removed from the paragraph, and the agency becomes the source if
none is known yet.
"""

from __future__ import annotations

import re

from sitegen.normalize.draft import BODY, Draft

_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z.' -]{1,40}(?:,\s*[A-Z][A-Za-z.' -]{1,30})?\s+)?"
    r"\((?P<agency>[A-Z][A-Za-z&.' -]{1,30})\)\s*[—–-]{1,2}\s+(?=\S)"
)
FIRST_LINES = 4


def apply(draft: Draft) -> Draft:
    """Strip a dateline from one of the first undecided lines."""
    for block in draft.undecided()[:FIRST_LINES]:
        m = _DATELINE.match(block.text)
        if m:
            text = block.text[m.end() :]
            draft = draft.relabel({block.line: (BODY, "dateline", text)})
            return draft.with_meta(source=m.group("agency").strip())
    return draft
