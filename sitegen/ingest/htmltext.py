"""HTML fragments (feed entries) to plain text, one block element per line.

Only text survives: tags, scripts and styles are dropped, so no markup from a
feed can reach a page.
"""

from __future__ import annotations

from html.parser import HTMLParser

BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr section article "
    "header footer figure figcaption dd dt hr".split()
)
SKIP = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg"})


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skipping = 0

    def _break(self) -> None:
        line = " ".join("".join(self.current).split())
        if line:
            self.lines.append(line)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            self.skipping += 1
        elif tag in BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one line per block element."""
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    parser._break()
    return "\n".join(parser.lines)
