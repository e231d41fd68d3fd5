"""Atom feeds (site, each event, each source), ``sitemap.xml`` and ``robots.txt`` (pure).

Feeds carry text only (titles and summaries as ``type="text"``): no article
markup ever reaches a feed reader.  Links are absolute, built from ``base_url``.
Entries without a date are stamped with the Unix epoch, so builds stay
reproducible.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence

from sitegen.config import Config
from sitegen.model import Article
from sitegen.site.index import SiteIndex

ATOM = "http://www.w3.org/2005/Atom"
EPOCH = "1970-01-01T00:00:00Z"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str | None) -> str:
    return _CONTROL.sub("", value or "")


def _stamp(date: str | None) -> str:
    if not date:
        return EPOCH
    return f"{date}T00:00:00Z" if len(date) == 10 else date


def origin(config: Config) -> str:
    """Scheme and host of ``base_url``: what root-relative hrefs are appended to."""
    match = re.match(r"^https?://[^/]+", str(config["base_url"]))
    return match.group(0) if match else ""


def newest(articles: Iterable[Article], limit: int) -> list[Article]:
    """Articles newest first (undated last), at most ``limit``."""
    return sorted(articles, key=lambda a: (a.date or "", a.id), reverse=True)[:limit]


def atom(
    index: SiteIndex,
    config: Config,
    title: str,
    page: str,
    feed_path: str,
    articles: Sequence[Article],
) -> bytes:
    """An Atom feed of ``articles``; ``page`` and ``feed_path`` are hrefs (base path included)."""
    base = origin(config)
    prefix = config.base_path.rstrip("/")
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = _text(title)
    ET.SubElement(feed, f"{{{ATOM}}}id").text = base + page
    ET.SubElement(feed, f"{{{ATOM}}}link", href=base + page)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=base + feed_path)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = max(
        (_stamp(a.date) for a in articles), default=EPOCH
    )
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = _text(
        str(config["title"])
    )
    for a in articles:
        url = base + prefix + index.url_for("article", a.id)
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = _text(a.title)
        ET.SubElement(entry, f"{{{ATOM}}}id").text = url
        ET.SubElement(entry, f"{{{ATOM}}}link", href=url)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(a.date)
        if a.author or a.source:
            author = ET.SubElement(entry, f"{{{ATOM}}}author")
            ET.SubElement(author, f"{{{ATOM}}}name").text = _text(a.author or a.source)
        if a.summary:
            ET.SubElement(entry, f"{{{ATOM}}}summary", type="text").text = _text(a.summary)
    data: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def sitemap(config: Config, hrefs: Iterable[str]) -> bytes:
    """``sitemap.xml`` listing every page (absolute URLs)."""
    base = origin(config)
    ns = "http://www.sitemaps.org/schemas/sitemap/0.9"
    ET.register_namespace("", ns)
    root = ET.Element(f"{{{ns}}}urlset")
    for href in sorted(set(hrefs)):
        ET.SubElement(ET.SubElement(root, f"{{{ns}}}url"), f"{{{ns}}}loc").text = base + href
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def robots(config: Config) -> bytes:
    """``robots.txt``: everything may be crawled; the sitemap is named."""
    where = f"{origin(config)}{config.base_path}sitemap.xml"
    return f"User-agent: *\nAllow: /\nSitemap: {where}\n".encode()
