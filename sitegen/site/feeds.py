"""Atom feeds (site, each event, each source), ``sitemap.xml`` and ``robots.txt`` (pure).

Feeds carry text only (titles and summaries as ``type="text"``): no article
markup ever reaches a feed reader.  Links are absolute, built from ``base_url``.
Entries without a date are stamped with the Unix epoch, so builds stay
reproducible.
"""

from __future__ import annotations

import re
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


def _updated(index: SiteIndex, a: Article) -> str:
    """When an entry last changed in the site's feeds: its date, or the update that brought
    it when that is later (an old story imported today is news to the feed's readers)."""
    return max(_stamp(a.date), index.seen.get(a.id) or EPOCH)


def origin(config: Config) -> str:
    """Scheme and host of ``base_url``: what root-relative hrefs are appended to."""
    match = re.match(r"^https?://[^/]+", str(config["base_url"]))
    return match.group(0) if match else ""


def newest(articles: Iterable[Article], limit: int) -> list[Article]:
    """Articles newest first (undated last), at most ``limit``."""
    return sorted(articles, key=lambda a: (a.date or "", a.id), reverse=True)[:limit]


_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\r": "&#13;",
        "\n": "&#10;",
        "\t": "&#09;",
    }
)
_HEAD = "<?xml version='1.0' encoding='utf-8'?>\n"


def _element(tag: str, text: str | None = None, **attrs: str) -> str:
    """One element: its attributes and text escaped, written ``<tag />`` when empty."""
    opened = tag + "".join(f' {k}="{v.translate(_ATTR)}"' for k, v in attrs.items())
    return f"<{opened}>{text.translate(_TEXT)}</{tag}>" if text else f"<{opened} />"


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
    out = [
        _HEAD,
        f'<feed xmlns="{ATOM}">',
        _element("title", _text(title)),
        _element("id", base + page),
        _element("link", href=base + page),
        _element("link", rel="self", href=base + feed_path),
        _element("updated", max((_updated(index, a) for a in articles), default=EPOCH)),
        "<author>" + _element("name", _text(str(config["title"]))) + "</author>",
    ]
    for a in articles:
        url = base + prefix + index.url_for("article", a.id)
        out.append("<entry>")
        out.append(_element("title", _text(a.title)))
        out.append(_element("id", url))
        out.append(_element("link", href=url))
        out.append(_element("updated", _updated(index, a)))
        if a.date:
            out.append(_element("published", _stamp(a.date)))
        if a.author or a.source:
            out.append("<author>" + _element("name", _text(a.author or a.source)) + "</author>")
        if a.summary:
            out.append(_element("summary", _text(a.summary), type="text"))
        out.append("</entry>")
    out.append("</feed>\n")
    return "".join(out).encode("utf-8")


def sitemap(config: Config, hrefs: Iterable[str]) -> bytes:
    """``sitemap.xml`` listing every page (absolute URLs)."""
    base = origin(config)
    ns = "http://www.sitemaps.org/schemas/sitemap/0.9"
    urls = "".join(f"<url>{_element('loc', base + h)}</url>" for h in sorted(set(hrefs)))
    return f'{_HEAD}<urlset xmlns="{ns}">{urls}</urlset>\n'.encode()


def robots(config: Config) -> bytes:
    """``robots.txt``: everything may be crawled; the sitemap is named."""
    where = f"{origin(config)}{config.base_path}sitemap.xml"
    return f"User-agent: *\nAllow: /\nSitemap: {where}\n".encode()
