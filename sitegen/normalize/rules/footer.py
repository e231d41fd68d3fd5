"""Page furniture after the article ends: taglines, widgets, form labels, link lists."""

from __future__ import annotations

from sitegen.normalize.draft import JUNK, Block, Draft
from sitegen.normalize.rules.main_block import furniture, not_a_label

ITEM_WORDS = 3
"""An item of a list the article announces has at least this many words."""


def _item(block: Block) -> bool:
    """A line that can be an item of a list: a few words, no page-furniture vocabulary."""
    return block.n_words >= ITEM_WORDS and not furniture(block)


def apply(draft: Draft) -> Draft:
    """Label undecided non-prose lines after the last prose line as junk."""
    last: Block | None = None
    for block in draft.blocks:
        if block.label in (None, "body") and block.prose:
            last = block
    if last is None:
        return draft
    after = [b for b in draft.blocks if b.line > last.line and b.label is None]
    kept = 0  # a list, code or table the article ends with (directly below its last prose)
    announced = last.text.endswith(":")  # "The tour dates:": the list it announces follows
    while kept < len(after) and (not_a_label(after[kept]) or (announced and _item(after[kept]))):
        kept += 1
    changes = {b.line: (JUNK, "footer", None) for b in after[kept:] if not b.prose}
    return draft.relabel(changes) if changes else draft
