"""Page furniture after the article ends: taglines, widgets, form labels, link lists."""

from __future__ import annotations

from sitegen.normalize.draft import JUNK, Draft
from sitegen.normalize.rules.main_block import not_a_label


def apply(draft: Draft) -> Draft:
    """Label undecided non-prose lines after the last prose line as junk."""
    last = None
    for block in draft.blocks:
        if block.label in (None, "body") and block.prose:
            last = block.line
    if last is None:
        return draft
    after = [b for b in draft.blocks if b.line > last and b.label is None]
    kept = 0  # a list, code or table the article ends with (directly below its last prose)
    while kept < len(after) and not_a_label(after[kept]):
        kept += 1
    changes = {b.line: (JUNK, "footer", None) for b in after[kept:] if not b.prose}
    return draft.relabel(changes) if changes else draft
