"""Lines the same site prints on many pages of one import (see :mod:`normalize.batch`).

The importer finds them across the whole batch and hands each article its set in
``meta["template_lines"]``; a single file normalized alone has none.
"""

from __future__ import annotations

from collections.abc import Collection

from sitegen.normalize.batch import line_key
from sitegen.normalize.draft import JUNK, Draft


def apply(draft: Draft) -> Draft:
    """Label undecided lines that are the site's template as junk."""
    template = draft.meta.get("template_lines")
    if not template or not isinstance(template, Collection):
        return draft
    changes = {
        b.line: (JUNK, "batch_template", None)
        for b in draft.blocks
        if b.label is None and line_key(b.text) in template
    }
    return draft.relabel(changes) if changes else draft
