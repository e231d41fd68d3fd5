"""Bylines: ``By Jane Doe``, ``(Article by Jane Doe republished from ...``, ``Author: Jane Doe``."""

from __future__ import annotations

import re

from sitegen.normalize.draft import FRONT, Draft, words

_PARTICLE = r"(?:de|van|von|da|di|bin|al|del|la|le)"
_NAME = rf"(?P<name>[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|{_PARTICLE}(?=\s+[A-Z])))*)"
_BYLINE = re.compile(
    r"^[(\[]?\s*(?i:(?:an?\s+)?(?:article|story|report|post|text|column|opinion|analysis)\s+)?"
    r"(?i:(?:written|reported|posted)\s+)?(?i:by|author:|written by:?)\s+" + _NAME
)
MAX_WORDS = 12


def apply(draft: Draft) -> Draft:
    """Move the first byline line into front matter as ``author``."""
    for block in draft.undecided():
        if len(words(block.text)) > MAX_WORDS:
            continue
        m = _BYLINE.match(block.text)
        if m:
            draft = draft.relabel({block.line: (FRONT, "byline", None)})
            return draft.with_meta(author=m.group("name").strip(" .,"))
    return draft
