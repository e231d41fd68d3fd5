"""Menus and labels before the article starts (above its first paragraph of prose)."""

from __future__ import annotations

from sitegen.normalize.draft import JUNK, Draft

MAX_LINES = 12


def apply(draft: Draft) -> Draft:
    """Label short non-prose lines above the first prose line as junk."""
    changes = {}
    for block in draft.blocks[:MAX_LINES]:
        if block.label is not None:
            continue
        if block.prose:
            break
        changes[block.line] = (JUNK, "header", None)
    return draft.relabel(changes) if changes else draft
