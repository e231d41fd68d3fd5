"""Template lines: lines that recur in many articles of one site in one import.

A menu item, a footer line or a "Follow us" prompt that a site prints on every
page is template, not news, whatever it says.  Documents are grouped by site
(the source the input names, else the URL's host, else the folder they came
from), and a line counts as template for a group when at least ``min_docs``
of its documents, and at least ``share`` of them, contain it (documents with the same
lines, one page imported twice, count once).  The
``batch_template`` rule then removes those lines.  Pure: no I/O.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from sitegen.model import RawDocument

MIN_DOCS = 3
"""A group needs this many documents, and a line this many occurrences, to say anything."""
SHARE = 0.5
"""The share of a group's documents a line must appear in."""
TEMPLATE_FORMATS = frozenset({"text", "extracted"})
"""Inputs whose text may carry a site's template (Markdown is clean already)."""


def line_key(text: str) -> str:
    """How lines are compared: whitespace collapsed, case folded."""
    return " ".join(text.split()).casefold()


def site_of(doc: RawDocument) -> str:
    """The group a document belongs to: its source, its URL's host, or its folder."""
    source = doc.fields.get("source")
    if source:
        return f"source:{str(source).casefold()}"
    url = doc.fields.get("url")
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        host = urlsplit(url).hostname or ""
        return f"host:{host.removeprefix('www.')}"
    origin = doc.origin
    if isinstance(origin, Path):
        return f"folder:{origin.parent}"
    return f"host:{urlsplit(origin).hostname or ''}"


def template_lines(
    docs: Sequence[RawDocument], min_docs: int = MIN_DOCS, share: float = SHARE
) -> list[frozenset[str]]:
    """For each document, in order, the keys of its lines that are its site's template
    (empty when none are). By position, not id: two inputs may share an id."""
    groups: dict[str, list[tuple[int, frozenset[str]]]] = defaultdict(list)
    for n, doc in enumerate(docs):
        if doc.fmt in TEMPLATE_FORMATS:
            keys = frozenset(k for k in map(line_key, doc.text.split("\n")) if k)
            groups[site_of(doc)].append((n, keys))
    out: list[frozenset[str]] = [frozenset()] * len(docs)
    for members in groups.values():
        pages = {keys for _, keys in members}  # the same page twice is one page, no template
        if len(pages) < min_docs:
            continue
        counts = Counter(k for keys in pages for k in keys)
        needed = max(min_docs, share * len(pages))
        common = frozenset(k for k, n in counts.items() if n >= needed)
        if not common:
            continue
        for n, keys in members:
            out[n] = keys & common
    return out
