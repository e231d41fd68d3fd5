"""Reading built pages in tests: links of a page, the crawl graph of a site."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs += [v for k, v in attrs if k == "href" and v]


def page_links(build: Path, url: str) -> set[str]:
    """Internal page URLs linked from the page at ``url`` (root-relative, ending in /)."""
    parser = _Links()
    parser.feed((build / url.strip("/") / "index.html").read_text(encoding="utf-8"))
    out = set()
    for href in parser.hrefs:
        parts = urlsplit(urljoin(url, href))
        if not parts.scheme and not parts.netloc and parts.path.endswith("/"):
            out.add(parts.path)
    return out


def within_clicks(build: Path, start: str, clicks: int) -> set[str]:
    """Every page reachable from ``start`` in at most ``clicks`` clicks."""
    seen, frontier = {start}, {start}
    for _ in range(clicks):
        frontier = {n for u in frontier for n in page_links(build, u)} - seen
        seen |= frontier
    return seen


_LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
_THEME_SCRIPT = re.compile(r'<script src="[^"<>]*/assets/[\w.-]+\.js" defer></script>')


def without_own_scripts(html: str) -> str:
    """The page less the theme's own scripts: its JSON-LD block, after checking it is inert
    data (valid JSON, no raw ``<`` that could end it early), and its script files from
    ``assets/``. Whatever script is left came from somewhere else."""
    for block in _LD_JSON.findall(html):
        assert "<" not in block
        json.loads(block)
    return _THEME_SCRIPT.sub("", _LD_JSON.sub("", html))


def article_page(site: Path, article_id: str) -> str:
    """The output path (``articles/<slug>/index.html``) a build of ``site`` gave an article:
    its slug is in the site's registry (of its headline when the article was new)."""
    registry = json.loads((site / "content" / "events" / "registry.json").read_text("utf-8"))
    return f"articles/{registry['addresses']['article'][article_id]}/index.html"


def article_url(site: Path, article_id: str) -> str:
    """The root-relative URL of an article's page (``/articles/<slug>/``)."""
    return "/" + article_page(site, article_id).removesuffix("index.html")
