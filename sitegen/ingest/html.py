"""Saved web pages: main-content extraction with trafilatura, then the usual junk pass.

trafilatura finds the article block of a page (it scores best of the open
extractors on HTML) and reads the page's metadata (title, author, date, site
name, canonical URL).  Its plain-text output, one paragraph per line, then goes
through sitegen's own boilerplate rules like any text dump.

Two settings matter.  trafilatura's cross-document deduplication is off: it
remembers paragraphs across every page one process reads, so a page's text would
depend on which pages were imported before it.  And the date search is quick
(markup, structured data, URL) with the slower search through the page's text
only for pages where that found nothing.  Social posts embedded in the story,
which trafilatura drops, are put back (see :mod:`ingest.embeds`).
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from sitegen.ingest.decode import sha256, stem_id
from sitegen.ingest.embeds import restore_posts
from sitegen.model import RawDocument, ReadError

MIN_TEXT = 40
"""Characters of extracted text below which a page is reported as having no article."""
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


def extract(data: bytes, url: str | None = None) -> tuple[str, dict[str, object]]:
    """(article text, metadata) of an HTML page, in one parse; text is empty when no
    article was found."""
    import trafilatura

    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    doc = trafilatura.bare_extraction(
        data,
        url=url,
        include_comments=False,
        include_tables=True,
        include_images=False,
        deduplicate=False,
        with_metadata=True,
        date_extraction_params=_date_params(extensive=False),
    )
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
    return restore_posts(data, str(doc.text or "")), fields


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
