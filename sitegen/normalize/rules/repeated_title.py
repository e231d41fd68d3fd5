"""Drop the headline where the page prints it again."""

from __future__ import annotations

from sitegen.normalize.draft import JUNK, Draft, key


def apply(draft: Draft) -> Draft:
    """Label every undecided line equal to the title (ignoring punctuation and case) as junk."""
    title = draft.meta.get("title")
    if not title:
        return draft
    k = key(str(title))
    changes = {b.line: (JUNK, "repeated_title", None) for b in draft.undecided() if b.key == k}
    return draft.relabel(changes) if changes else draft
