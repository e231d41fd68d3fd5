"""The structure of an article's text, carried from a reader to the normalizer.

A reader of markup (saved pages, feed content) knows which lines are headings, list items or
quotes and which words are emphasised; the normalizer's rules work on plain lines. The reader
writes each line's kind as a marker at its start, and emphasis as markers around the words, in
characters of Unicode's private use area that it first removes from the page's own text, so
nothing a page says can forge one. The normalizer parses the markers off each line (the rules
see plain text) and writes the kept lines as Markdown of the same structure, every character of
the text still escaped. Links are kept as their text only: a page's link targets never reach
the digest. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LINE_OPEN, LINE_CLOSE = "\ue000", "\ue001"
EM_OPEN, EM_CLOSE = "\ue002", "\ue003"
STRONG_OPEN, STRONG_CLOSE = "\ue004", "\ue005"
_ANY = re.compile("[\ue000-\ue005]")
_KIND = re.compile(r"\ue000(h[1-6]|[uo]l[1-9]|q)\ue001")
MAX_DEPTH = 9

HEADING, QUOTE = "h", "q"


@dataclass(frozen=True, slots=True)
class Line:
    """One line of structured text."""

    kind: str
    """"" for a paragraph, ``h2``…``h6`` a heading, ``ul1``/``ol1``… a list item at that
    depth, ``q`` a line of a block quote."""
    text: str
    """The plain text, markers removed."""
    marked: str
    """The text with its emphasis markers ("" when it has none)."""


def unmarked(text: str) -> str:
    """``text`` with every marker character removed (a page's own text, before marking)."""
    return _ANY.sub("", text)


def mark(kind: str, text: str) -> str:
    """A line of ``kind`` (see :class:`Line`) holding ``text`` (already marked inline)."""
    return f"{LINE_OPEN}{kind}{LINE_CLOSE}{text}" if kind else text


def parse(line: str) -> Line:
    """A marked line as its kind, plain text and emphasised text."""
    kind = ""
    found = _KIND.match(line)
    if found:
        kind, line = found.group(1), line[found.end() :]
    line = line.replace(LINE_OPEN, "").replace(LINE_CLOSE, "")  # only one marker starts a line
    plain = unmarked(line)
    return Line(kind, plain, line if line != plain else "")


_EMPHASIS = re.compile(r"(\ue004|\ue002)(\s*)(.*?)(\s*)(\ue005|\ue003)", re.DOTALL)


def _emphasis(match: re.Match[str]) -> str:
    opener, lead, inner, trail, closer = match.groups()
    if not inner.strip() or (opener == STRONG_OPEN) != (closer == STRONG_CLOSE):
        return f"{lead}{inner}{trail}"
    stars = "**" if opener == STRONG_OPEN else "*"
    return f"{lead}{stars}{inner}{stars}{trail}"


def emphasised(escaped: str) -> str:
    """Escaped Markdown text with its emphasis markers as ``*``/``**`` (spaces moved outside,
    so the delimiters can open and close); unmatched markers are dropped."""
    return unmarked(_EMPHASIS.sub(_emphasis, escaped))


def prefix(kind: str, widths: list[int]) -> str:
    """The Markdown that starts a line of ``kind``; ``widths`` holds the marker widths of the
    open list levels (updated here), so that a nested item is indented under its parent."""
    if kind.startswith("h"):
        return "#" * max(2, min(6, int(kind[1]))) + " "
    if kind == QUOTE:
        return "> "
    if kind[:2] in ("ul", "ol"):
        depth = min(int(kind[2]), len(widths) + 1)
        del widths[depth - 1 :]
        marker = "- " if kind.startswith("ul") else "1. "
        indent = " " * sum(widths)
        widths.append(len(marker))
        return indent + marker
    return ""


def joiner(before: str, after: str) -> str:
    """What goes between two consecutive lines of these kinds: list items stay one list, quote
    lines one quote, anything else is a new paragraph."""
    if before[:2] in ("ul", "ol") and after[:2] in ("ul", "ol"):
        return "\n"
    if before == QUOTE and after == QUOTE:
        return "\n>\n"
    return "\n\n"
