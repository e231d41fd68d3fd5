"""A standfirst that the page repeats as the first paragraph: keep it once, as the summary."""

from __future__ import annotations

from sitegen.normalize.draft import FRONT, Draft, key

FIRST_LINES = 3


def apply(draft: Draft) -> Draft:
    """Label an early line that a later paragraph repeats word for word as the summary."""
    candidates = [b for b in draft.blocks if b.label in (None, "body")]
    for i, block in enumerate(candidates[:FIRST_LINES]):
        k = key(block.text)
        if len(k.split()) < 6:
            continue
        if any(key(later.text) == k for later in candidates[i + 1 :]):
            draft = draft.relabel({block.line: (FRONT, "standfirst", None)})
            return draft.with_meta(summary=block.text)
    return draft
