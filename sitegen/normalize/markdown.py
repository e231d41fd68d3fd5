"""Turning plain paragraphs into Markdown that renders back to the same text."""

from __future__ import annotations

import re

_BLOCK_START = re.compile(r"^(\s*)([#>+*=_`~|-]|\d+[.)](?=\s|$))")


def escape_paragraph(text: str) -> str:
    """Escape what would make a plain line start a heading, quote, list, rule or fence.

    Inline characters are left alone: raw HTML is off in the renderer and a
    bracket without a link definition renders as itself.
    """
    m = _BLOCK_START.match(text)
    if not m:
        return text
    lead, mark = m.group(1), m.group(2)
    if mark[0].isdigit():
        return f"{lead}{mark[:-1]}\\{mark[-1]}{text[m.end() :]}"
    return f"{lead}\\{text[len(lead) :]}"


def paragraphs_to_markdown(paragraphs: list[str]) -> str:
    """Join paragraphs with blank lines, each escaped."""
    return "\n\n".join(escape_paragraph(p) for p in paragraphs)
