"""Posts embedded in a saved page (tweets, Bluesky posts) that the extractor dropped.

News pages quote social posts as ``<blockquote class="twitter-tweet">`` and the
like; they are part of the story, but main-content extractors often throw them
away with the embed's script.  Each post's text (never its markup) is put back
after the paragraph that precedes it on the page.  A post whose anchor paragraph
is not in the extracted text, or that is there already, is left alone.
"""

from __future__ import annotations

import re
from typing import Any

from sitegen import structure

EMBED_CLASSES = ("twitter-tweet", "bluesky-embed")
MARKERS = tuple(c.encode() for c in EMBED_CLASSES)
"""Bytes that must appear in a page before it is parsed again for posts."""
_XPATH = " | ".join(
    f'//blockquote[contains(concat(" ", normalize-space(@class), " "), " {c} ")]'
    for c in EMBED_CLASSES
)
_WORD = re.compile(r"\w+")


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _lines(post: Any) -> list[str]:
    """A post's text lines: each paragraph (line breaks kept), then the attribution
    (``— Name (@handle) date``) written around them."""
    out: list[str] = []
    for para in post.iter("p"):
        for br in para.iter("br"):
            br.tail = "\n" + (br.tail or "")
        out.extend(para.text_content().split("\n"))
    rest = [post.text or ""]
    for child in post:
        if child.tag != "p" and isinstance(child.tag, str):
            rest.append(child.text_content())
        rest.append(child.tail or "")
    out.append(" ".join(rest))
    return [" ".join(line.split()) for line in out if line.strip()]


def restore_posts(data: bytes, text: str) -> str:
    """``text`` (an extractor's output, one paragraph per line) with the page's embedded
    posts put back in place."""
    if not any(marker in data for marker in MARKERS):
        return text
    from lxml import etree, html

    try:
        tree = html.fromstring(data)
        posts = tree.xpath(_XPATH)
    except (etree.ParserError, ValueError):
        return text
    lines = text.split("\n")
    keys = [_key(structure.parse(line).text) for line in lines]  # the words, not the markers
    placed: dict[str, int] = {}
    """Lines already put after each anchor, so posts in a row keep their order."""
    for post in posts:
        body = _lines(post)
        if not body or _key(body[0]) in keys:
            continue
        before = post.xpath("preceding::p[normalize-space()][not(ancestor::blockquote)][1]")
        anchor = _key(before[0].text_content()) if before else ""
        at = next((i for i, k in enumerate(keys) if anchor and k == anchor), None)
        if at is None:
            continue
        where = at + 1 + placed.get(anchor, 0)
        lines[where:where] = body
        keys[where:where] = [_key(line) for line in body]
        placed[anchor] = placed.get(anchor, 0) + len(body)
    return "\n".join(lines)
