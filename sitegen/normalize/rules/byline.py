"""Bylines: ``By Jane Doe``, ``(Article by Jane Doe republished from ...``, ``Author: Jane Doe``."""

from __future__ import annotations

import re

from sitegen.normalize.draft import FRONT, Draft, words

_PARTICLE = r"(?:de|van|von|der|den|da|di|du|dos|bin|al|del|la|le|ten|ter)"
_NAME = rf"(?P<name>[A-Z][\w'’.-]+(?:\s+(?:{_PARTICLE}\s+)*[A-Z][\w'’.-]+)*)"
_BYLINE = re.compile(
    r"^[(\[]?\s*(?i:(?:an?\s+)?(?:article|story|report|post|text|column|opinion|analysis)\s+)?"
    r"(?i:(?:written|reported|posted)\s+)?(?i:by|author:|written by:?)\s+" + _NAME
)
MAX_WORDS = 12
MAX_TRAILING_WORDS = 4
"""A byline may go on briefly ("republished from", "| Reuters"); a longer tail is a sentence."""
_NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today tonight tomorrow yesterday "
    "january february march april may june july august september october november december "
    "noon midnight morning evening then now the this that".split()
)


def _byline_name(text: str) -> str | None:
    m = _BYLINE.match(text)
    if not m:
        return None
    name = m.group("name").strip(" .,")
    if name.split()[0].lower() in _NOT_NAMES:
        return None
    if len(words(text[m.end() :])) > MAX_TRAILING_WORDS:
        return None
    return name


def apply(draft: Draft) -> Draft:
    """Move the first byline line into front matter as ``author``."""
    for block in draft.undecided():
        if block.n_words > MAX_WORDS:
            continue
        name = _byline_name(block.text)
        if name:
            draft = draft.relabel({block.line: (FRONT, "byline", None)})
            return draft.with_meta(author=name)
    return draft
