"""Boxes of links to other stories set inside or after the article: a heading such as
``Don't miss``, ``Related``, ``Read also`` or ``Baca juga`` and the headlines under it.

The heading and the headline-shaped lines that follow it (short, not sentences)
are junk, up to the next paragraph of prose, which is the article again.  A last
headline followed by a byline or a date line before that prose is the article's
own headline (a menu ending in "Most popular" right above it), and is left.
"""

from __future__ import annotations

import re

from sitegen.normalize.draft import FRONT, JUNK, Block, Draft, ends_sentence

_HEADING = re.compile(
    r"^(?:don['’]?t miss|must read|related(?: (?:articles?|stories|posts|content|news|coverage|"
    r"links|reading))?|read (?:also|more|next)|also read|see also|more on (?:this|that)(?: story)?|"
    r"more (?:stories|news|headlines)|recommended(?: for you| reading)?|"
    r"you (?:may|might) also like|"
    r"top stories|most (?:read|popular|viewed|shared)|trending(?: now| stories)?|"
    r"editor['’]?s picks?|latest (?:news|stories|headlines)|"
    r"baca juga|lihat juga|leia (?:também|mais)|veja também|lee también|lea también|"
    r"lesen sie auch|mehr zum thema|à lire aussi|lire aussi|voir aussi|leggi anche)"
    r"\s*[:»›>.!-]*\s*$",
)
"""Matched against the lower-cased line."""
MAX_HEADLINE_WORDS = 20


def apply(draft: Draft) -> Draft:
    """Label link-box headings and the headlines listed under them as junk."""
    changes: dict[int, tuple[str, str, str | None]] = {}
    blocks = draft.blocks
    for i, block in enumerate(blocks):
        if block.label is not None or not _HEADING.match(block.low):
            continue
        changes[block.line] = (JUNK, "teasers", None)
        items: list[Block] = []
        bylined = False
        for item in blocks[i + 1 :]:
            if item.label is not None:
                bylined = bylined or (bool(items) and item.label == FRONT)
                continue
            if item.n_words > MAX_HEADLINE_WORDS or item.prose or ends_sentence(item.text):
                break
            items.append(item)
            bylined = False
        if bylined:
            items.pop()
        changes.update({item.line: (JUNK, "teasers", None) for item in items})
    return draft.relabel(changes) if changes else draft
