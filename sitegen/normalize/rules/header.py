"""Menus and labels before the article starts (above its first paragraph of prose)."""

from __future__ import annotations

from sitegen.normalize.draft import JUNK, Block, Draft
from sitegen.normalize.rules.main_block import not_a_label

MAX_LINES = 12


def apply(draft: Draft) -> Draft:
    """Label short non-prose lines above the first prose line as junk."""
    above: list[Block] = []
    for block in draft.blocks[:MAX_LINES]:
        if block.label is not None:
            continue
        if block.prose:
            break
        above.append(block)
    kept = len(above)  # a list, code or table the article starts with (directly above its prose)
    while kept > 0 and not_a_label(above[kept - 1]):
        kept -= 1
    changes = {b.line: (JUNK, "header", None) for b in above[:kept]}
    return draft.relabel(changes) if changes else draft
