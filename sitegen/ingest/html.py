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

from sitegen import structure
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
PARTIAL_MAX_WORDS = 600
PARTIAL_SHARE = 0.3
PROSE_PARAGRAPH_WORDS = 12
"""A quick extraction of fewer than ``PARTIAL_MAX_WORDS`` words holding less than this share of
the words in the page's paragraphs may have kept a teaser or a box and dropped the article:
the full extraction is tried, and kept when it finds more. (On the development pages this
rescues a 99-word extraction of a 796-word article and changes nothing else; a larger share
let the full extraction bring in other pages' text.)"""
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


def _words(text: str) -> int:
    return len(structure.unmarked(text).split())


_NOT_ARTICLE = (
    "//aside | //footer | //nav | //script | //style | //noscript | //template"
    " | //body//*[not(self::article or self::main)]"
    "[contains(translate(concat(@class, ' ', @id), 'COMENT', 'coment'), 'comment')]"
)
"""Parts of a page that are not its article by what HTML says of them (and readers' comments,
by the name nearly every site gives them)."""


def page_prose_words(data: bytes) -> int:
    """Words in the page's paragraphs of running text (``p`` elements of 12 words or more),
    outside asides, footers, navigation and comments: what an extraction that found the whole
    article should come near."""
    from lxml import etree, html

    try:
        tree = html.fromstring(data)
    except (etree.ParserError, ValueError):
        return 0
    for part in tree.xpath(_NOT_ARTICLE):
        if part.getparent() is not None:
            part.drop_tree()
    counts = (len(p.text_content().split()) for p in tree.iter("p"))
    return sum(n for n in counts if n >= PROSE_PARAGRAPH_WORDS)


def _looks_like_an_article(text: str) -> bool:
    """False for an extraction that is mostly short lines: a tag cloud or a menu, taken
    for the article when the page's markup misled the quick pass."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < SUSPECT_LINES:
        return True
    short = sum(1 for line in lines if len(line.split()) < SHORT_LINE_WORDS)
    return short < SUSPECT_SHORT_SHARE * len(lines)


def extract(data: bytes, url: str | None = None) -> tuple[str, dict[str, object], tuple[str, ...]]:
    """(article text, metadata, notes on the extraction) of an HTML page; text is empty when
    no article was found."""
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
    notes: list[str] = []
    doc = trafilatura.bare_extraction(data, fast=True, **options)  # type: ignore[arg-type]
    text = None if doc is None or isinstance(doc, dict) else structured_text(doc.body)
    if text is None or not _looks_like_an_article(text):
        notes.append("extraction: the quick pass found no article or a list; full extraction")
        doc = trafilatura.bare_extraction(data, **options)  # type: ignore[arg-type]
        text = None if doc is None or isinstance(doc, dict) else structured_text(doc.body)
    elif len(text.split()) < PARTIAL_MAX_WORDS:
        prose = page_prose_words(data)
        if _words(text) < PARTIAL_SHARE * prose:
            notes.append(
                f"extraction: the quick pass kept {_words(text)} of the page's {prose} words of "
                "paragraphs; full extraction tried"
            )
            full = trafilatura.bare_extraction(data, **options)  # type: ignore[arg-type]
            if full is not None and not isinstance(full, dict):
                longer = structured_text(full.body)
                if _words(longer) > _words(text):
                    doc, text = full, longer
            if _words(text) < PARTIAL_SHARE * prose:
                notes.append(
                    f"warning: the article may be cut short: {_words(text)} words extracted "
                    f"of the page's {prose} words of paragraphs"
                )
    if doc is None or isinstance(doc, dict) or text is None:
        return "", {}, tuple(notes)
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
    return restore_posts(data, text), fields, tuple(notes)


def page_document(path: Path, data: bytes, url: str | None = None) -> RawDocument:
    """One page as a raw document; raises ``ValueError`` when it holds no article text."""
    if b"\x00" in data[:4096]:
        raise ValueError("looks like a binary file (NUL bytes), not HTML")
    text, fields, notes = extract(data, url)
    if len(text.strip()) < MIN_TEXT:
        raise ValueError("no article text found in the page")
    title = fields.get("title")
    body = f"{title}\n\n{text}" if title else text
    return RawDocument(path, stem_id(path), body, fields, "extracted", sha256(data), notes)


def read(path: Path, data: bytes) -> list[RawDocument | ReadError]:
    """Read a saved ``.html``/``.htm`` page."""
    return [page_document(path, data)]
