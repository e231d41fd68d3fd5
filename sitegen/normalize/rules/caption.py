"""Image captions: lines that end with a photo credit, or say they are one."""

from __future__ import annotations

import re

from sitegen.normalize.draft import CAPTION, Draft

_CREDIT_END = re.compile(
    r"\((?:[A-Z][\w.' -]*(?:photo|images?|pictures?)?\s*/\s*[^()]{2,60}|"
    r"(?:photo|image|picture|credit|file photo)s?\s*[:/][^()]{2,60}|"
    r"getty images|shutterstock|ap photo|afp|reuters|epa)\)\s*$",
    re.IGNORECASE,
)
_CREDIT_START = re.compile(r"^(?:photo|image|picture|credit|caption|file photo)\s*:", re.IGNORECASE)
_AGENCY_TAIL = re.compile(r"\b(?:REUTERS|AFP|AP Photo|Getty Images|EPA)\s*/\s*[A-Z][\w. -]+$")
MAX_WORDS = 40


def apply(draft: Draft) -> Draft:
    """Move captions out of the body into the ``captions`` list."""
    for block in draft.undecided():
        text = block.text
        if block.n_words > MAX_WORDS:
            continue
        if (
            (text.endswith(")") and _CREDIT_END.search(text))
            or _CREDIT_START.match(text)
            or ("/" in text and _AGENCY_TAIL.search(text))
        ):
            draft = draft.relabel({block.line: (CAPTION, "caption", None)})
            draft = draft.append_meta("captions", text)
    return draft
