"""A saved page's parts that are not its story, removed by structure before extraction.

The extractor judges blocks by their text and by the names sites give them; some parts of a
page say what they are by their structure instead, and are removed from the parsed page before
it is handed over:

* hidden elements (``hidden``, ``style`` with ``display: none`` or ``visibility: hidden``): a
  reader never sees them (a newsletter box waiting for a click, a second copy of the
  headline). One holding more than half of the page's text is left alone: that is a page whose
  story a script reveals.
* lists of stories: a list of at least ``TEASER_ITEMS`` items nearly all of which hold a heading
  of their own, which is how pages print teasers of other stories, a slideshow's slides and a
  gallery's captions; the items of an article's own lists are phrases or sentences, not
  headed sections.

Pure: works on an lxml tree in place.
"""

from __future__ import annotations

import re
from typing import Any

from lxml.etree import XPath

HIDDEN_MAX_SHARE = 0.5
TEASER_ITEMS = 3
TEASER_HEADED_SHARE = 0.8
"""A list of at least ``TEASER_ITEMS`` items of which this share hold a heading (``h1``-``h6``)
is a list of stories."""

_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)
_HIDDEN_CANDIDATES = XPath(
    "//body//*[@hidden or contains(@style, 'none') or contains(@style, 'hidden')]"
)
_LISTS = XPath("//body//ul | //body//ol")
_HAS_HEADING = XPath("boolean(.//h1 | .//h2 | .//h3 | .//h4 | .//h5 | .//h6)")
_BODY = XPath("//body")
_CODE = XPath("//body//script | //body//style | //body//template")
_TEXT = XPath("string()")


def _text_length(el: Any) -> int:
    return len(str(_TEXT(el)).split())


def _drop(el: Any) -> None:
    """Remove ``el`` but keep its tail text, which belongs to its parent."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail and el.tail.strip():
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def hidden_elements(tree: Any) -> list[Any]:
    """The outermost hidden elements of the page's body."""
    found = []
    for el in _HIDDEN_CANDIDATES(tree):
        style = el.get("style")
        if el.get("hidden") is not None or (style and _HIDDEN_STYLE.search(style)):
            found.append(el)
    return _outermost(found)


def _outermost(elements: list[Any]) -> list[Any]:
    """Those of ``elements`` that are not inside another of them."""
    ids = {id(el) for el in elements}
    return [el for el in elements if not any(id(a) in ids for a in el.iterancestors())]


def story_lists(tree: Any) -> list[Any]:
    """Lists (``ul``, ``ol``) of stories: nearly every item holds a heading of its own."""
    found = []
    for el in _LISTS(tree):
        items = [child for child in el if child.tag == "li"]
        if len(items) < TEASER_ITEMS:
            continue
        headed = sum(1 for item in items if _HAS_HEADING(item))
        if headed >= TEASER_HEADED_SHARE * len(items):
            found.append(el)
    return _outermost(found)


def clean_page(tree: Any) -> list[str]:
    """Remove hidden elements and lists of stories from ``tree``; a note on each kind of
    removal that took away any words."""
    notes = []
    hidden = hidden_elements(tree)
    if hidden:
        total = sum(_text_length(body) for body in _BODY(tree))
        total -= sum(_text_length(code) for code in _outermost(_CODE(tree)))
        hidden = [el for el in hidden if _text_length(el) <= HIDDEN_MAX_SHARE * total]
    words = sum(_text_length(el) for el in hidden)
    for el in hidden:
        _drop(el)
    if words:
        notes.append(f"page: {len(hidden)} hidden elements removed ({words} words)")
    lists = story_lists(tree)
    words = sum(_text_length(el) for el in lists)
    for el in lists:
        _drop(el)
    if words:
        notes.append(f"page: {len(lists)} lists of stories removed ({words} words)")
    return notes
