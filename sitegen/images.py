"""An article's lead image: what its page or feed states, checked as hostile input (pure).

A saved page states its image in Open Graph (``og:image`` with ``og:image:alt``,
``og:image:width`` and ``og:image:height``), Twitter's card (``twitter:image``) and its
JSON-LD (``image``: a URL, an ``ImageObject`` with its size and caption, or a list); a feed
entry as an enclosure or Media RSS (``media:content``, ``media:thumbnail``).  The first one
that is a plain http(s) URL of a raster image is the article's, kept in its front matter::

    image: {url: https://…/bridge.jpg, alt: The Mill Street bridge, width: 1200, height: 675}

The page links the publisher's image (config ``images: link``; ``none`` shows no image),
with its width and height so that nothing moves when it arrives, lazily, and without a
referrer.  Front matter is input like any other: :func:`clean_image` reads it back, and
anything but an http(s) URL (``javascript:``, ``data:``, a relative path) or a vector
image (SVG can carry script) is no image at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import urljoin, urlsplit

from sitegen.urls import safe_http_url

MAX_SIDE = 10_000
"""Largest width or height taken as stated (pixels); beyond it, the size is not known."""
MAX_TEXT = 300
"""Longest alt text or credit kept."""
DEFAULT_RATIO = (16, 9)
"""The box a lead image of unknown size is shown in (the image is cropped to fill it)."""
_VECTOR = re.compile(r"\.svgz?$", re.IGNORECASE)

Image = dict[str, str | int]
"""``url``, and when known ``alt``, ``credit``, ``width``, ``height``."""


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())[:MAX_TEXT]
    return text or None


def _side(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    return value if isinstance(value, int) and 0 < value <= MAX_SIDE else None


def image_url(value: object, base: str | None = None) -> str | None:
    """``value`` as the URL of a raster image: absolute http(s) (a relative one resolved
    against ``base``, the page's own URL), not SVG; else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if base and not re.match(r"^[a-z][a-z0-9+.-]*:", text, re.IGNORECASE):
        text = urljoin(base, text)
    url = safe_http_url(text)
    if url is None:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    return None if _VECTOR.search(path) else url


def make_image(
    url: object,
    alt: object = None,
    width: object = None,
    height: object = None,
    credit: object = None,
    base: str | None = None,
) -> Image | None:
    """An image from what is stated of it, or None when its URL is not one to show."""
    checked = image_url(url, base)
    if checked is None:
        return None
    image: Image = {"url": checked}
    for key, text in (("alt", _text(alt)), ("credit", _text(credit))):
        if text:
            image[key] = text
    w, h = _side(width), _side(height)
    if w and h:
        image["width"], image["height"] = w, h
    return image


def first_image(candidates: Iterable[Image | None]) -> Image | None:
    """The first usable image of ``candidates`` (best first)."""
    return next((c for c in candidates if c), None)


def ld_images(value: object, base: str | None = None) -> list[Image | None]:
    """JSON-LD ``image``: a URL, an ``ImageObject`` (``url``/``contentUrl``, ``width``,
    ``height``, ``caption``, ``creditText``), or a list of them (the first eight)."""
    items = value if isinstance(value, list) else [value]
    out: list[Image | None] = []
    for item in items[:8]:
        if isinstance(item, str):
            out.append(make_image(item, base=base))
        elif isinstance(item, Mapping):
            url = item.get("url") or item.get("contentUrl")
            credit = item.get("creditText") or item.get("copyrightHolder")
            if isinstance(credit, Mapping):
                credit = credit.get("name")
            out.append(
                make_image(
                    url, item.get("caption"), item.get("width"), item.get("height"), credit, base
                )
            )
    return out


def clean_image(value: object) -> Image | None:
    """A front-matter ``image`` (a mapping with ``url``, or a bare URL) checked again, or None."""
    if isinstance(value, str):
        return make_image(value)
    if not isinstance(value, Mapping):
        return None
    return make_image(
        value.get("url"), value.get("alt"), value.get("width"), value.get("height"),
        value.get("credit"),
    )  # fmt: skip
