"""One link policy for the Markdown of articles and event notes (robustness issue, point 6).

Only an absolute ``http(s)`` URL or a link within the site becomes a link; every other scheme,
a protocol-relative ``//host`` and a backslash are refused; outbound links carry
``rel="noopener nofollow"``; an image from another host becomes a link to it, so that no remote
image loads with a page.  Checked on the renderer and on a real build's pages.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.site.render import OUTBOUND_REL, allowed_link, markdown_html
from tests.htmlutil import article_page

REFUSED = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "vbscript:x",
    "data:text/html,<b>x</b>",
    "ms-msdt:/id PCWDiagnostic",
    "search-ms:query=x",
    "intent://scan/#Intent;scheme=zxing;end",
    "tel:+15551234",
    "blob:https://example.org/1",
    "mailto:someone@example.org",
    "file:///etc/passwd",
    "//evil.example/x",
]


@pytest.mark.parametrize("url", REFUSED)
def test_refused_schemes_never_become_links(url: str) -> None:
    assert not allowed_link(url)
    html = markdown_html(f"see [this]({url}) and <{url}>")
    assert "href" not in html, html


@pytest.mark.parametrize(
    "url", ["https://example.org/a", "HTTP://EXAMPLE.ORG", "/events/x/", "#top"]
)
def test_http_and_site_links_stay(url: str) -> None:
    assert allowed_link(url)
    assert "href" in markdown_html(f"[this]({url})")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str | None]] = []
        self.images: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append(dict(attrs))
        elif tag == "img":
            self.images.append(dict(attrs))


def _tags(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def test_outbound_links_carry_rel_and_remote_images_do_not_load() -> None:
    html = markdown_html(
        "[out](https://example.org/x) [in](/sources/) ![pixel](https://tracker.example/p.gif) "
        "![chart](/static/chart.png)"
    )
    tags = _tags(html)
    rels = {a["href"]: a.get("rel") for a in tags.links}
    assert rels["https://example.org/x"] == OUTBOUND_REL
    assert rels["https://tracker.example/p.gif"] == OUTBOUND_REL  # the image, as a link
    assert rels["/sources/"] is None
    assert [img["src"] for img in tags.images] == ["/static/chart.png"]


def test_a_built_site_follows_the_policy(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["init", str(site)]) == 0
    hostile = " ".join(f"[{n}]({u})" for n, u in enumerate(REFUSED))
    (site / "content" / "articles" / "links.md").write_text(
        "---\ntitle: Links of every kind\nsource: Example\n---\n\n"
        f"{hostile}\n\n[fine](https://example.org/story) ![pixel](https://tracker.example/p.gif)\n",
        encoding="utf-8",
    )
    assert main(["--site", str(site), "build"]) == 0
    page = (site / "build" / article_page(site, "links")).read_text(encoding="utf-8")
    tags = _tags(page)
    for img in tags.images:
        assert not str(img.get("src") or "").lower().startswith(("http:", "https:", "//"))
    hrefs = [str(a.get("href") or "") for a in tags.links]
    assert "https://example.org/story" in hrefs
    for a in tags.links:
        href = str(a.get("href") or "")
        assert allowed_link(href), href
        if href.lower().startswith(("http:", "https:")):
            assert "nofollow" in str(a.get("rel") or "").split(), a


def test_a_backslash_is_refused() -> None:
    r"""Browsers read ``/\host`` as ``//host``. Markdown source percent-encodes a backslash
    (``%5C``) before the check, and that is a path within the site."""
    assert not allowed_link("/\\evil.example/x")
    assert 'href="/%5Cevil.example' in markdown_html("[x](/\\\\evil.example)")
