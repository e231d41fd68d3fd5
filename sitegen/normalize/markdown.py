"""Turning plain paragraphs into Markdown that renders back to the same text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sitegen import structure
from sitegen.normalize.draft import Block

_BLOCK_START = re.compile(r"^(\s*)([#>+*=_`~|-]|\d+[.)](?=\s|$))")


_INLINE = re.compile(r"[\\`*\[\]<]|(?<![^\W_])_|_(?![^\W_])|&(?=#?\w+;)")
"""Characters that could start inline markup: backslash, code, emphasis, links, autolinks
and character references.  An underscore inside a word (``snake_case``) cannot, so it
is left alone."""


def escape_paragraph(text: str) -> str:
    """Escape what would make a plain line into Markdown markup, so it renders as itself.

    A line could start a heading, quote, list, rule or fence; inside it, ``*``,
    ``_``, backticks, brackets, ``<`` and ``&name;`` could become emphasis, code,
    links, autolinks or characters.  Each gets a backslash (``&`` a ``&amp;``).
    """
    text = _INLINE.sub(_escape_inline, text)
    m = _BLOCK_START.match(text)
    if not m:
        return text
    lead, mark = m.group(1), m.group(2)
    if mark[0].isdigit():
        return f"{lead}{mark[:-1]}\\{mark[-1]}{text[m.end() :]}"
    return f"{lead}\\{text[len(lead) :]}"


def _escape_inline(m: re.Match[str]) -> str:
    return "&amp;" if m.group() == "&" else "\\" + m.group()


def paragraphs_to_markdown(paragraphs: list[str]) -> str:
    """Join paragraphs with blank lines, each escaped."""
    return "\n\n".join(escape_paragraph(p) for p in paragraphs)


def blocks_to_markdown(blocks: Iterable[Block]) -> str:
    """The kept lines as Markdown of their structure (headings, nested lists, quotes and
    emphasis, see :mod:`sitegen.structure`), every character of their text escaped."""
    out: list[str] = []
    widths: list[int] = []
    previous: str | None = None
    for block in blocks:
        text = structure.emphasised(escape_paragraph(block.marked)) if block.marked else None
        text = text or escape_paragraph(block.text)
        if block.kind[:2] not in ("ul", "ol"):
            widths.clear()
        if previous is not None:
            out.append(structure.joiner(previous, block.kind))
        out.append(structure.prefix(block.kind, widths) + text)
        previous = block.kind
    return "".join(out)
