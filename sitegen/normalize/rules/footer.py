"""Page furniture after the article ends: taglines, widgets, form labels, link lists."""

from __future__ import annotations

from sitegen.normalize.draft import JUNK, Draft


def apply(draft: Draft) -> Draft:
    """Label undecided non-prose lines after the last prose line as junk."""
    last = None
    for block in draft.blocks:
        if block.label in (None, "body") and block.prose:
            last = block.line
    if last is None:
        return draft
    changes = {
        b.line: (JUNK, "footer", None)
        for b in draft.blocks
        if b.line > last and b.label is None and not b.prose
    }
    return draft.relabel(changes) if changes else draft
