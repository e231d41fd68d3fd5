"""trafilatura's article tree to text lines that keep the article's structure.

trafilatura hands back the article as a small XML tree of its own (``head rend="h2"``, ``p``,
``list rend="ul"`` of ``item``, ``quote``, ``hi rend="#i"``, ``table`` of ``row`` and
``cell``, ``lb``). Each block, and each line break, makes a line, as in trafilatura's plain
text, marked with
its kind and emphasis (:mod:`sitegen.structure`); link targets, images and code markup are
dropped, their text kept. Every piece of the page's text is stripped of marker characters
first, so a page cannot forge structure. Pure.
"""

from __future__ import annotations

from typing import Any

from sitegen import structure

_EMPHASIS = {
    "#i": (structure.EM_OPEN, structure.EM_CLOSE),
    "#b": (structure.STRONG_OPEN, structure.STRONG_CLOSE),
}
_SKIP = frozenset({"graphic", "figure", "img"})


def _tag(el: Any) -> str:
    return el.tag if isinstance(el.tag, str) else ""


def _clean(text: str | None) -> str:
    return structure.unmarked(text) if text else ""


def _inline(el: Any, out: list[str], skip_lists: bool = False) -> None:
    """The text of ``el`` and its inline children, emphasis marked; a ``lb`` is a space."""
    out.append(_clean(el.text))
    for child in el:
        tag = _tag(child)
        if (tag == "list" and skip_lists) or tag in _SKIP:
            pass
        elif tag == "hi" and child.get("rend") in _EMPHASIS:
            opener, closer = _EMPHASIS[str(child.get("rend"))]
            out.append(opener)
            _inline(child, out)
            out.append(closer)
        elif tag == "lb":
            out.append("\n")  # a line break ends a line, as in trafilatura's own text
        else:
            _inline(child, out)
        out.append(_clean(child.tail))


def _line(kind: str, el: Any, lines: list[str], skip_lists: bool = False) -> None:
    """The element's text as one line of ``kind`` per line break in it."""
    parts: list[str] = []
    _inline(el, parts, skip_lists)
    for piece in "".join(parts).split("\n"):
        text = " ".join(piece.split())
        if structure.unmarked(text).strip():
            lines.append(structure.mark(kind, text))


def _row(row: Any, lines: list[str], quoted: bool) -> None:
    """A table row as one line, its non-empty cells separated by ``|`` (a layout table's
    empty cells leave no stray separators)."""
    cells = []
    for cell in row:
        parts: list[str] = []
        _inline(cell, parts)
        text = " ".join("".join(parts).split())
        if structure.unmarked(text).strip():
            cells.append(text)
    if cells:
        lines.append(structure.mark("q" if quoted else "", " | ".join(cells)))


def _list(el: Any, depth: int, lines: list[str], quoted: bool) -> None:
    kind = "ol" if el.get("rend") == "ol" else "ul"
    level = min(depth, structure.MAX_DEPTH)
    for item in el:
        if _tag(item) != "item":
            continue
        _line("q" if quoted else f"{kind}{level}", item, lines, skip_lists=True)
        for child in item:
            if _tag(child) == "list":
                _list(child, depth + 1, lines, quoted)


def _blocks(el: Any, lines: list[str], quoted: bool = False) -> None:
    for child in el:
        tag = _tag(child)
        if tag == "head":
            rend = str(child.get("rend") or "h2")
            level = rend if len(rend) == 2 and rend[0] == "h" and rend[1] in "123456" else "h2"
            _line("q" if quoted else level, child, lines)
        elif tag == "list":
            _list(child, 1, lines, quoted)
        elif tag == "quote":
            if len(child) == 0 or (child.text and child.text.strip()):
                _line("q", child, lines)
            else:
                _blocks(child, lines, quoted=True)
        elif tag == "table":
            for row in child.iter("row"):
                _row(row, lines, quoted)
        elif tag in ("div", "body", "main", "section"):
            _blocks(child, lines, quoted)
        elif tag not in _SKIP:
            _line("q" if quoted else "", child, lines)
        tail = _clean(child.tail).strip()
        if tail:  # text between blocks is a paragraph of its own
            lines.extend(structure.mark("q" if quoted else "", t) for t in _split_lines(tail))


def _split_lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def structured_text(body: Any) -> str:
    """The lines of trafilatura's article tree ``body`` (an lxml element), marked."""
    lines: list[str] = []
    if body is not None:
        lines.extend(_split_lines(_clean(body.text)))
        _blocks(body, lines)
    return "\n".join(lines)
