"""What a saved page states about itself: its ``meta`` tags, JSON-LD (read as hostile input,
within bounds), bylines and the name its home link gives, gathered as
:class:`~sitegen.normalize.metadata.PageClaims` for the metadata to choose from."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sitegen.images import Image, ld_images, make_image
from sitegen.ingest.decode import decode
from sitegen.normalize.metadata import PageClaims
from sitegen.normalize.sitenames import MAX_TEXT
from sitegen.urls import safe_http_url

MAX_LD_SCRIPTS = 16
MAX_LD_CHARS = 200_000
MAX_LD_NODES = 400
MAX_LD_DEPTH = 6
"""Structured data is hostile input like the rest of the page: at most this many JSON-LD
scripts are read, each of at most this many characters, and of each at most this many
objects, this deep."""
ARTICLE_TYPES = ("article", "posting", "report")
"""The endings of the schema.org types of an article (``NewsArticle``, ``BlogPosting``,
``ReportageNewsArticle`` …): the object whose headline, authors and date are the page's."""
META_TITLES = ("og:title", "dc.title", "dcterms.title", "twitter:title")
META_AUTHORS = (
    "author",
    "article:author_name",
    "dc.creator",
    "dcterms.creator",
    "parsely-author",
    "sailthru.author",
    "article:author",
    "byl",
)
META_DATES = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "article:published",
    "publishdate",
    "publish-date",
    "pubdate",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "date",
    "parsely-pub-date",
)
META_SECTIONS = ("article:section", "og:article:section", "parsely-section", "section")
"""``meta`` names (``name``, ``property`` or ``itemprop``, case aside) of each kind of claim,
best first."""


def _page_tree(data: bytes) -> Any:
    """The page parsed by lxml: as UTF-8 when it is that (a page that declares no charset
    usually is, and lxml would take it for Latin-1), else decoded as sitegen decodes text;
    None when it does not parse."""
    from lxml import etree, html

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = decode(Path("page.html"), data)
        except ValueError:
            return None
    for page in (text, data):  # a str with an XML declaration is refused: the bytes then
        try:
            return html.fromstring(page)
        except (etree.ParserError, ValueError):
            continue
    return None


def _meta_values(tree: Any) -> dict[str, list[str]]:
    """Each ``meta`` tag's content under its lower-cased name, property and itemprop."""
    found: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        content = (meta.get("content") or "").strip()
        if not content:
            continue
        for attr in ("name", "property", "itemprop"):
            key = (meta.get(attr) or "").strip().lower()
            if key:
                found.setdefault(key, []).append(content[: 4 * MAX_TEXT])
    return found


def _ld_objects(tree: Any) -> list[dict[str, Any]]:
    """The objects of the page's JSON-LD, in document order; a script that is not JSON (or
    too large, or too deep) is skipped."""
    objects: list[dict[str, Any]] = []

    def walk(node: object, depth: int) -> None:
        if depth > MAX_LD_DEPTH or len(objects) >= MAX_LD_NODES:
            return
        if isinstance(node, list):
            for item in node[:MAX_LD_NODES]:
                walk(item, depth + 1)
        elif isinstance(node, dict):
            objects.append(node)
            for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
                if isinstance(node.get(key), list | dict):
                    walk(node[key], depth + 1)

    scripts = tree.xpath("//script[contains(@type, 'ld+json')]")[:MAX_LD_SCRIPTS]
    for script in scripts:
        raw = (script.text or "")[: MAX_LD_CHARS + 1]
        if len(raw) > MAX_LD_CHARS:
            continue
        raw = _LD_WRAPPER.sub("", raw.strip())
        try:
            walk(json.loads(raw), 0)
        except (ValueError, RecursionError):
            continue
    return objects


_LD_WRAPPER = re.compile(r"^(?:<!\[CDATA\[|<!--)|(?:\]\]>|-->)$")
"""A CDATA section or comment some pages wrap their JSON-LD in."""


def _ld_text(value: object) -> str:
    """A JSON-LD value as text: a string, or the first string of a list; else empty."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), "")
    return value[: 4 * MAX_TEXT] if isinstance(value, str) else ""


def _ld_texts(value: object) -> list[str]:
    """A JSON-LD value as texts: a string, or the strings of a list (at most eight)."""
    items = value if isinstance(value, list) else [value]
    return [v[:MAX_TEXT] for v in items[:8] if isinstance(v, str)]


def _ld_types(node: dict[str, Any]) -> list[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return [k.lower() for k in kinds if isinstance(k, str)]


def _ld_names(value: object, people: bool) -> list[tuple[str, bool]]:
    """Names of a JSON-LD author or publisher (a string, an object, or a list of them), each
    with whether it is typed as a person."""
    items = value if isinstance(value, list) else [value]
    names: list[tuple[str, bool]] = []
    for item in items[:20]:
        if isinstance(item, str):
            names.append((item[:MAX_TEXT], False))
        elif isinstance(item, dict):
            name = _ld_text(item.get("name"))
            if name:
                names.append((name, people and "person" in _ld_types(item)))
    return names


def _first_text(elements: list[Any]) -> tuple[str, ...]:
    """The text of the first of these elements that has any (a ``meta``'s content, a nested
    ``itemprop=name``, else its own text)."""
    for element in elements[:50]:
        if element.tag == "meta":
            text = element.get("content") or ""
        else:
            named = element.xpath(".//*[@itemprop='name']")
            part = named[0] if named else element
            text = part.get("content") or part.text_content()
        text = " ".join(text.split())
        if text:
            return (text[: 4 * MAX_TEXT],)
    return ()


MAX_HOME_LINKS = 8
HOME_NAME_WORDS = 8
"""At most this many texts of links to the page's home page are read, each this many words
at most (a masthead's name, a logo's ``alt``)."""
HOME_HREFS = ("/", "./", "/index.html", "/index.php", "index.html")


def _home_names(tree: Any, url: str) -> tuple[str, ...]:
    """Texts of the page's links to its own home page: a relative root, or the root of the
    page's host (a link to another site's home page is not this site's name)."""
    host = urlsplit(url).netloc.lower().removeprefix("www.") if url else ""
    names: list[str] = []
    for link in tree.xpath("//a[@href]")[:3000]:
        href = link.get("href", "").strip()
        if href not in HOME_HREFS and (not host or href.count("/") > 3 or "?" in href):
            continue
        if href not in HOME_HREFS:
            parts = urlsplit(href) if href.startswith(("http://", "https://")) else None
            if not host or parts is None or parts.path not in ("", "/") or parts.query:
                continue
            if parts.netloc.lower().removeprefix("www.") != host:
                continue
        text = " ".join(link.text_content().split())
        for image in link.iter("img"):
            text = text or " ".join((image.get("alt") or "").split())
        if text and len(text.split()) <= HOME_NAME_WORDS and text not in names:
            names.append(text[:MAX_TEXT])
            if len(names) >= MAX_HOME_LINKS:
                break
    return tuple(names)


_ARTICLE_ITEM_AUTHOR = (
    "//*[contains(@itemtype, 'Article') or contains(@itemtype, 'Posting')]//*[@itemprop='author']"
)
"""Microdata authors of the article's own item (not of a comment or a teaser's)."""
_BYLINE_CLASS = (
    "//*[contains(translate(@class, 'BYLINE', 'byline'), 'byline')]"
    "[not(ancestor::li or ancestor::aside or ancestor::nav or ancestor::footer"
    " or ancestor::*[contains(@class, 'comment')] or ancestor::*[contains(@id, 'comment')])]"
)
"""Elements styled as a byline (``class="byline"``, ``article-byline`` …), not those of a list
of other stories (a teaser's, in a list item or an aside), of the navigation, the footer or
the comments; the article's own (inside ``<article>``) first."""


def _page_images(
    meta: dict[str, list[str]], article: dict[str, Any], url: str
) -> list[Image | None]:
    """The page's lead images, best first: Open Graph's (with its alt text and size), the
    structured data's, Twitter's card."""

    def one(key: str) -> str | None:
        values = meta.get(key)
        return values[0] if values else None

    og = one("og:image:secure_url") or one("og:image") or one("og:image:url")
    return [
        make_image(
            og, one("og:image:alt"), one("og:image:width"), one("og:image:height"), base=url
        ),
        *ld_images(article.get("image"), url),
        make_image(
            one("twitter:image") or one("twitter:image:src"), one("twitter:image:alt"), base=url
        ),
    ]


def page_claims(data: bytes, found: dict[str, str]) -> PageClaims:
    """What a page states about its title, site, authors and date (``found`` is what the
    extractor found: title, author, date, url); a page that does not parse states only that."""
    tree = _page_tree(data)
    if tree is None:
        return PageClaims(
            extracted_title=found.get("title", ""),
            extracted_author=found.get("author", ""),
            extracted_date=found.get("date", ""),
            url=safe_http_url(found.get("url")) or "",
        )
    meta = _meta_values(tree)
    objects = _ld_objects(tree)
    article = next((o for o in objects if any(t.endswith(ARTICLE_TYPES) for t in _ld_types(o))), {})
    websites = [_ld_text(o.get("name")) for o in objects if "website" in _ld_types(o)]
    head_title = tree.xpath("//head/title") or tree.xpath("//title")
    headings = tree.xpath("//body//h1")
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    url = safe_http_url(found.get("url")) or safe_http_url(canonical[0] if canonical else "")
    times = tree.xpath("//time[@itemprop='datePublished']/@datetime | //time[@pubdate]/@datetime")
    return PageClaims(
        headline=_ld_text(article.get("headline")),
        name=_ld_text(article.get("name")),
        titles=tuple(v for key in META_TITLES for v in meta.get(key, ())),
        page_title=head_title[0].text_content() if head_title else "",
        extracted_title=found.get("title", ""),
        headings=tuple(" ".join(h.text_content().split())[:MAX_TEXT] for h in headings[:3]),
        home_names=_home_names(tree, url or ""),
        site_names=(*meta.get("og:site_name", ()), *filter(None, websites)),
        publishers=tuple(n for n, _ in _ld_names(article.get("publisher"), people=False)),
        app_names=tuple(meta.get("application-name", ())),
        structured_authors=tuple(_ld_names(article.get("author"), people=True)),
        meta_authors=tuple(tuple(meta[key]) for key in META_AUTHORS if key in meta),
        byline_authors=(
            _first_text(tree.xpath(_ARTICLE_ITEM_AUTHOR)),
            _first_text(tree.xpath("//a[contains(concat(' ', @rel, ' '), ' author ')]")),
        ),
        extracted_author=found.get("author", ""),
        styled_bylines=_first_text(
            tree.xpath("//article" + _BYLINE_CLASS) + tree.xpath(_BYLINE_CLASS)
        ),
        dates=(
            _ld_text(article.get("datePublished")),
            *(v for key in META_DATES for v in meta.get(key, ())),
            *(str(t) for t in times[:5]),
        ),
        extracted_date=found.get("date", ""),
        url=url or "",
        images=tuple(filter(None, _page_images(meta, article, url or ""))),
        types=tuple(_ld_types(article)),
        sections=tuple(
            s
            for s in (
                *_ld_texts(article.get("articleSection")),
                *(v for key in META_SECTIONS for v in meta.get(key, ())),
            )
            if s
        )[:8],
    )
