"""HTML fragments (feed entries) to text, one block element per line.

Only text survives: tags, scripts and styles are dropped, so no markup from a feed can reach a
page. With ``structured``, headings, list items (with their depth), block quotes and emphasis
are kept as :mod:`sitegen.structure` markers, which the normalizer turns into Markdown of the
same shape; link targets are dropped, their text kept.
"""

from __future__ import annotations

from html.parser import HTMLParser

from sitegen import structure

BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr section article "
    "header footer figure figcaption dd dt hr".split()
)
SKIP = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg"})
EMPHASIS = {
    "em": (structure.EM_OPEN, structure.EM_CLOSE),
    "i": (structure.EM_OPEN, structure.EM_CLOSE),
    "strong": (structure.STRONG_OPEN, structure.STRONG_CLOSE),
    "b": (structure.STRONG_OPEN, structure.STRONG_CLOSE),
}


class _Text(HTMLParser):
    def __init__(self, structured: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.structured = structured
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skipping = 0
        self.lists: list[str] = []  # "ul"/"ol" of each open list
        self.quotes = 0
        self.kind = ""  # of the line being gathered

    def _break(self) -> None:
        line = " ".join("".join(self.current).split())
        if line and structure.unmarked(line).strip():
            self.lines.append(structure.mark(self.kind, line) if self.structured else line)
        self.current = []
        self.kind = "q" if self.quotes else ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            self.skipping += 1
            return
        if tag in BLOCKS:
            self._break()
        if tag in ("ul", "ol"):
            self.lists.append(tag)
        elif tag == "li" and self.lists:
            depth = min(len(self.lists), structure.MAX_DEPTH)
            self.kind = f"{self.lists[-1]}{depth}"
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.kind = tag
        elif tag == "blockquote":
            self.quotes += 1
            self.kind = "q"
        elif tag in EMPHASIS and self.structured and not self.skipping:
            self.current.append(EMPHASIS[tag][0])

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP:
            self.skipping = max(0, self.skipping - 1)
            return
        if tag in EMPHASIS and self.structured and not self.skipping:
            self.current.append(EMPHASIS[tag][1])
        if tag in BLOCKS:
            self._break()
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag == "blockquote" and self.quotes:
            self.quotes -= 1
            self.kind = "q" if self.quotes else ""

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(structure.unmarked(data))


def html_to_text(fragment: str, structured: bool = False) -> str:
    """The text of an HTML fragment, one line per block element (marked with its structure
    when ``structured``)."""
    parser = _Text(structured)
    parser.feed(fragment)
    parser.close()
    parser._break()
    return "\n".join(parser.lines)
