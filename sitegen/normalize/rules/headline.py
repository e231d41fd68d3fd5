"""The headline over the article's first paragraph, when the first line was only a guess.

A scraped page rarely starts with its headline: it starts with "Skip to main
content" or a menu.  When the ``title`` rule had nothing better than the first
line, this rule looks just above the article's first paragraph (found by then:
it runs after ``main_block``), past the byline, date, credits and short share
buttons, for a headline-shaped line, and takes that instead.
"""

from __future__ import annotations

import re
from dataclasses import replace
from types import MappingProxyType

from sitegen.normalize.draft import BODY, CAPTION, FRONT, JUNK, TITLE, Block, Draft, ends_sentence
from sitegen.normalize.rules.main_block import furniture, not_a_label

LOOKBACK = 8
"""Lines above the first paragraph that may hold the headline."""
MIN_WORDS, MAX_WORDS = 4, 25
LAYOUT_RULES = frozenset({"main_block"})
"""Lines this rule dropped may still be the headline (it sits outside the article's run
of prose); lines that other rules recognised (share rows, breadcrumbs) never are."""
SKIPPABLE_WORDS = 3
"""Lines this short between headline and article ("Share", "By", "0 comments") are passed."""


_BYLINE_OR_DATE = re.compile(
    r"\b(?:by|posted|published|updated|filed|publicado|publié|von|oleh|contributor|writer|"
    r"editor|reporter|correspondent|staff|getty|images?|photo(?:graph)?s?|foto|credit|"
    r"shutterstock|afp|reuters)\b|\b(?:19|20)\d\d\b|\d:\d\d|^\(|\w/\w",
    re.IGNORECASE,
)
"""Bylines, dates, times and photo credits, which sit between a headline and its article."""
_BARE_BY = re.compile(r"^(?:by|von|par|por|oleh|door)\s*:?$", re.IGNORECASE)
"""A byline split over two lines: "By", then the name (and outlet) on the next."""


def _headline_like(block: Block) -> bool:
    return (
        MIN_WORDS <= block.n_words <= MAX_WORDS
        and not block.text.endswith(":")
        and not (ends_sentence(block.text) and block.text.endswith("."))
        and not furniture(block)
        and not not_a_label(block)  # a list's item, a line of code or figures
    )


def apply(draft: Draft) -> Draft:
    """Replace a first-line title guess with the headline above the first paragraph."""
    if draft.meta.get("title_basis") not in (None, "first_line"):
        return draft
    blocks = draft.blocks
    start = next((i for i, b in enumerate(blocks) if b.label in (None, BODY) and b.prose), None)
    if start is None:
        return draft
    for i in reversed(range(max(0, start - LOOKBACK), start)):
        block = blocks[i]
        if block.label == TITLE:
            return draft
        if block.label in (FRONT, CAPTION) or _BYLINE_OR_DATE.search(block.text):
            continue
        if i > 0 and _BARE_BY.match(blocks[i - 1].text):
            continue  # the name under a lone "By"
        if block.label == JUNK and block.rule not in LAYOUT_RULES:
            continue
        if _headline_like(block):
            changes = {b.line: (JUNK, "headline", None) for b in blocks if b.label == TITLE}
            changes[block.line] = (TITLE, "headline", None)
            meta = {**draft.meta, "title": block.text, "title_basis": "above_article"}
            return replace(draft.relabel(changes), meta=MappingProxyType(meta))
        if block.n_words > SKIPPABLE_WORDS:
            return draft
    return draft
