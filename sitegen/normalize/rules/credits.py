"""Contributor lines: ``—With assistance from ...``, ``Reporting by ...; Editing by ...``."""

from __future__ import annotations

import re

from sitegen.normalize.draft import FRONT, Draft

_CREDIT = re.compile(
    r"^[-–—\s(]*(?i:with assistance from|additional reporting by|reporting by|editing by|"
    r"edited by|contributors?:|compiled by|translated by|graphics? by)\s+[A-Z]"
)
MAX_WORDS = 40


def apply(draft: Draft) -> Draft:
    """Move credit lines into the ``credits`` list."""
    for block in draft.undecided():
        if block.n_words <= MAX_WORDS and _CREDIT.match(block.text):
            text = block.text.lstrip("-–— ").strip()
            draft = draft.relabel({block.line: (FRONT, "credits", None)}).append_meta(
                "credits", text
            )
    return draft
