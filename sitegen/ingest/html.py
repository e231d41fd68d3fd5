"""Saved web pages: main-content extraction with trafilatura, then the usual junk pass.

trafilatura finds the article block of a page (it scores best of the open
extractors on HTML) and reads the page's metadata (title, author, date, site
name, canonical URL).  Its plain-text output, one paragraph per line, then goes
through sitegen's own boilerplate rules like any text dump.

trafilatura runs in its quick mode (no fallback extractors), which scores the
same on the development pages at about 1.5 times the speed; a page whose quick
text is mostly short lines is extracted again with the fallbacks compared.  Its
cross-document deduplication is off: it remembers paragraphs across every page
one process reads, so a page's text would depend on which pages were imported
before it.  The date search is quick (markup, structured data, URL), with the
slower search through the page's text only for pages where that found nothing.
Social posts embedded in the story, which trafilatura drops, are put back
(see :mod:`ingest.embeds`).
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from sitegen.ingest.decode import sha256, stem_id
from sitegen.ingest.embeds import restore_posts
from sitegen.ingest.tree import structured_text
from sitegen.model import RawDocument, ReadError

MIN_TEXT = 40
"""Characters of extracted text below which a page is reported as having no article."""
SUSPECT_LINES = 30
SHORT_LINE_WORDS = 6
SUSPECT_SHORT_SHARE = 0.6
"""The quick pass's text is checked: with at least ``SUSPECT_LINES`` lines, of which this
share has fewer than ``SHORT_LINE_WORDS`` words, it is a list, not an article, and the
page is extracted again with trafilatura's fallbacks (readability, jusText) compared."""
QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext")
"""The extractors' own logs, silenced: their complaints about a page ("empty HTML tree")
would be extra lines that name no file, and sitegen reports an unusable page once itself."""


def _date_params(extensive: bool) -> dict[str, object]:
    """htmldate's settings: the first publication date, never one in the future."""
    today = datetime.now().astimezone().strftime("%Y-%m-%d")
    return {"original_date": True, "extensive_search": extensive, "max_date": today}


def _search_date(data: bytes) -> str | None:
    """A date found by searching the page's text too: slower, so only for pages whose
    markup (meta tags, structured data, URL, time elements) gave none."""
    from htmldate import find_date

    found = find_date(data, **_date_params(extensive=True))  # type: ignore[arg-type]
    return str(found) if found else None


def _looks_like_an_article(text: str) -> bool:
    """False for an extraction that is mostly short lines: a tag cloud or a menu, taken
    for the article when the page's markup misled the quick pass."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < SUSPECT_LINES:
        return True
    short = sum(1 for line in lines if len(line.split()) < SHORT_LINE_WORDS)
    return short < SUSPECT_SHORT_SHARE * len(lines)


def extract(data: bytes, url: str | None = None) -> tuple[str, dict[str, object]]:
    """(article text, metadata) of an HTML page, in one parse; text is empty when no
    article was found."""
    import trafilatura

    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    options = {
        "url": url,
        "include_comments": False,
        "include_tables": True,
        "include_images": False,
        "deduplicate": False,
        "with_metadata": True,
        "date_extraction_params": _date_params(extensive=False),
    }
    doc = trafilatura.bare_extraction(data, fast=True, **options)  # type: ignore[arg-type]
    if (
        doc is None
        or isinstance(doc, dict)
        or not _looks_like_an_article(structured_text(doc.body))
    ):
        doc = trafilatura.bare_extraction(data, **options)  # type: ignore[arg-type]
    if doc is None or isinstance(doc, dict):
        return "", {}
    if not doc.date:
        doc.date = _search_date(data)
    fields: dict[str, object] = {}
    for ours, theirs in (
        ("title", "title"),
        ("author", "author"),
        ("date", "date"),
        ("source", "sitename"),
        ("url", "url"),
        ("language", "language"),
    ):
        value = getattr(doc, theirs, None)
        if value:
            fields[ours] = str(value)
    return restore_posts(data, structured_text(doc.body)), fields


def page_document(path: Path, data: bytes, url: str | None = None) -> RawDocument:
    """One page as a raw document; raises ``ValueError`` when it holds no article text."""
    if b"\x00" in data[:4096]:
        raise ValueError("looks like a binary file (NUL bytes), not HTML")
    text, fields = extract(data, url)
    if len(text.strip()) < MIN_TEXT:
        raise ValueError("no article text found in the page")
    title = fields.get("title")
    body = f"{title}\n\n{text}" if title else text
    return RawDocument(path, stem_id(path), body, fields, "extracted", sha256(data))


def read(path: Path, data: bytes) -> list[RawDocument | ReadError]:
    """Read a saved ``.html``/``.htm`` page."""
    return [page_document(path, data)]
