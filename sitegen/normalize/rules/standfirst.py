"""A standfirst that the page repeats as the first paragraph: keep it once, as the summary."""

from __future__ import annotations

from sitegen.normalize.draft import FRONT, Draft

FIRST_LINES = 3


def apply(draft: Draft) -> Draft:
    """Label an early line that a later paragraph repeats word for word as the summary."""
    candidates = [b for b in draft.blocks if b.label in (None, "body")]
    first = {b.line: b.key for b in candidates[:FIRST_LINES]}
    wanted = {k for k in first.values() if len(k.split()) >= 6}
    if not wanted:
        return draft
    later_keys = [(b.line, b.key) for b in candidates[1:] if b.key in wanted]
    for block in candidates[:FIRST_LINES]:
        k = first[block.line]
        if k in wanted and any(k == lk and line > block.line for line, lk in later_keys):
            draft = draft.relabel({block.line: (FRONT, "standfirst", None)})
            return draft.with_meta(summary=block.text)
    return draft
