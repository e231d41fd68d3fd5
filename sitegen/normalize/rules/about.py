"""The publisher's boilerplate at the end of a press release: an ``About Acme`` section,
or closing paragraphs that describe the company (``Acme is a global provider of ...
headquartered in ... employs ...``), and the media contacts after them."""

from __future__ import annotations

import re

from sitegen.normalize.draft import JUNK, Draft

_ABOUT = re.compile(r"^about (?!us\b|me\b|the author\b)[\w&.,'’ -]{2,60}$", re.IGNORECASE)
_COMPANY = re.compile(
    r"^(?P<name>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4})\s*(?:\([^)]{1,40}\)\s*)?"
    r"(?:,\s*[^,]{3,80},\s*)?(?:is|are)\s+(?:a|an|the)\b"
)
_CORPORATE = re.compile(
    r"\b(?:headquartered|head office|employs|employees|subsidiaries|listed on|"
    r"stock exchange|nasdaq|nyse|founded in|provider of|solutions provider|"
    r"leading (?:global |international )?(?:provider|supplier|manufacturer|developer)|"
    r"for more information,? (?:please )?visit|www\.)",
    re.IGNORECASE,
)
TAIL_BLOCKS = 6
"""The boilerplate sits among the last paragraphs of the article."""


def apply(draft: Draft) -> Draft:
    """Label a closing company-description section as junk."""
    live = [b for b in draft.blocks if b.label is None]
    tail = live[-TAIL_BLOCKS:]
    start = None
    for at, block in enumerate(tail):
        m = _COMPANY.match(block.text)
        if not (m and block.prose and _CORPORATE.search(block.text)):
            continue
        name = m.group("name").split()[0]
        if all(name in b.text or not b.prose for b in tail[at + 1 :]):
            start = at - 1 if at and _ABOUT.match(tail[at - 1].text) else at
        break
    if start is None:
        return draft
    return draft.relabel({b.line: (JUNK, "about", None) for b in tail[start:]})
