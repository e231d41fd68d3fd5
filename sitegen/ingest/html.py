"""Saved web pages: main-content extraction with trafilatura, then the usual junk pass.

trafilatura finds the article block of a page (it scores best of the open
extractors on HTML) and reads the page's metadata (title, author, date, site
name, canonical URL).  Its plain-text output, one paragraph per line, then goes
through sitegen's own boilerplate rules like any text dump.

The page is parsed once and cleaned by structure first (:mod:`ingest.clean`:
hidden elements, lists of other stories); trafilatura extracts from the cleaned
tree.  It runs in its quick mode (no fallback extractors), which scores the
same on the development pages at about 1.5 times the speed; other extractions
are tried only when the quick one looks wrong, and each is judged by what its
text shows:

* mostly short lines (a menu, a tag cloud): the full extraction, with the
  fallbacks compared; if that is a short list too, the precision mode's;
* far fewer words than the page's paragraphs hold: the full extraction, kept
  when longer; an article still that short is imported with a warning;
* a short text without the headline: the full extraction, kept when it holds
  the headline (where the story's block begins).

A run of long lines repeated word for word (a second copy of the story) is
kept once.  The metadata is read once, by the first extraction.  Its
cross-document deduplication is off: it remembers paragraphs across every page
one process reads, so a page's text would depend on which pages were imported
before it.  The date search is quick (markup, structured data, URL), with the
slower search through the page's text only for pages where that found nothing.
Social posts embedded in the story, which trafilatura drops, are put back
(see :mod:`ingest.embeds`).

This module extracts; :mod:`ingest.recovery` judges an extraction (and drops a repeated
copy of the story), and :mod:`ingest.pageclaims` reads what the page states about itself.
"""

from __future__ import annotations

import copy
import logging
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from sitegen.ingest.clean import clean_page
from sitegen.ingest.decode import sha256, stem_id
from sitegen.ingest.embeds import restore_posts
from sitegen.ingest.pageclaims import page_claims
from sitegen.ingest.recovery import (
    HEADLESS_MAX_WORDS,
    PARTIAL_MAX_WORDS,
    PARTIAL_SHARE,
    drop_repeats,
    holds_headline,
    looks_like_an_article,
    prose_words,
    word_count,
)
from sitegen.ingest.tree import structured_text
from sitegen.model import RawDocument, ReadError
from sitegen.normalize.metadata import iso_date, page_fields

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


def extract(data: bytes, url: str | None = None) -> tuple[str, dict[str, object], tuple[str, ...]]:
    """(article text, metadata, notes on the extraction) of an HTML page; text is empty when
    no article was found. The title, source, author and date are chosen from everything the
    page states (:mod:`sitegen.normalize.metadata`), the extractor's findings among them."""
    import trafilatura
    from trafilatura.utils import load_html

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
    page = load_html(data)
    if page is not None:
        notes.extend(clean_page(page))

    def extraction(fast: bool, precision: bool = False) -> tuple[Any, str | None]:
        """One extraction of the cleaned page: its document and text (None, None when none).
        The metadata is read once, by the first extraction that finds a document."""
        source = copy.deepcopy(page) if page is not None else data  # trafilatura prunes its input
        found = trafilatura.bare_extraction(
            source,
            fast=fast,
            favor_precision=precision,
            **{**options, "with_metadata": meta is None},  # type: ignore[arg-type]
        )
        if found is None or isinstance(found, dict):
            return None, None
        return found, drop_repeats(structured_text(found.body))

    meta: Any = None
    doc, text = extraction(fast=True)
    meta = doc
    title = str(getattr(meta, "title", None) or "")
    if text is None or not looks_like_an_article(text):
        notes.append("extraction: the quick pass found no article or a list; full extraction")
        doc, text = extraction(fast=False)
        meta = meta or doc
        if (
            text is not None
            and word_count(text) < PARTIAL_MAX_WORDS
            and not looks_like_an_article(text)
        ):
            strict, shorter = extraction(fast=False, precision=True)
            if shorter is not None and word_count(shorter) and looks_like_an_article(shorter):
                notes.append(
                    "extraction: the full extraction is a list too; its precision mode's is not, "
                    "and is kept"
                )
                doc, text = strict, shorter
    elif len(text.split()) < PARTIAL_MAX_WORDS:
        prose = prose_words(page) if page is not None else 0
        if word_count(text) < PARTIAL_SHARE * prose:
            notes.append(
                f"extraction: the quick pass kept {word_count(text)} of the page's {prose} words "
                "of paragraphs; full extraction tried"
            )
            full, longer = extraction(fast=False)
            if longer is not None and word_count(longer) > word_count(text):
                doc, text = full, longer
            if word_count(text) < PARTIAL_SHARE * prose:
                notes.append(
                    f"warning: the article may be cut short: {word_count(text)} words extracted "
                    f"of the page's {prose} words of paragraphs"
                )
        elif word_count(text) < HEADLESS_MAX_WORDS and not holds_headline(text, title):
            full, other = extraction(fast=False)
            if (
                other is not None
                and word_count(other) > word_count(text)
                and holds_headline(other, title)
            ):
                notes.append(
                    f"extraction: the quick pass kept {word_count(text)} words, not the headline; "
                    f"the full extraction holds it, with {word_count(other)} words, and is kept"
                )
                doc, text = full, other
    if doc is None or text is None:
        return "", {}, tuple(notes)
    found = {k: str(getattr(meta, k, None) or "") for k in ("title", "author", "date", "url")}
    claims = page_claims(data, found)
    fields: dict[str, object] = dict(page_fields(claims))
    if "date" not in fields:
        searched = iso_date(_search_date(data) or "")
        if searched:
            fields["date"] = searched
    if claims.url:
        fields["url"] = claims.url
    if getattr(meta, "language", None):
        fields["language"] = str(meta.language)
    return restore_posts(data, text), fields, tuple(notes)


MAX_TAG_BYTES = 32 * 1024
"""A start tag longer than this (a page's element with thousands of attributes, or a huge
inline ``data:`` URL) keeps only its name: parsers and the date finder take time that grows
faster than the tag (100,000 attributes took minutes), and no article text is in a tag."""
_LONG_TAG = re.compile(rb"<([A-Za-z][A-Za-z0-9-]{0,30})[^<>]{%d,}>" % MAX_TAG_BYTES)


def bounded_tags(data: bytes) -> bytes:
    """``data`` with every start tag over :data:`MAX_TAG_BYTES` cut to its bare name."""
    if len(data) < MAX_TAG_BYTES:
        return data
    return _LONG_TAG.sub(rb"<\1>", data)


def page_document(path: Path, data: bytes, url: str | None = None) -> RawDocument:
    """One page as a raw document; raises ``ValueError`` when it holds no article text."""
    if b"\x00" in data[:4096]:
        raise ValueError("looks like a binary file (NUL bytes), not HTML")
    digest = sha256(data)
    text, fields, notes = extract(bounded_tags(data), url)
    if len(text.strip()) < MIN_TEXT:
        raise ValueError("no article text found in the page")
    title = fields.get("title")
    body = f"{title}\n\n{text}" if title else text
    return RawDocument(path, stem_id(path), body, fields, "extracted", digest, notes)


def read(path: Path, data: bytes) -> list[RawDocument | ReadError]:
    """Read a saved ``.html``/``.htm`` page."""
    return [page_document(path, data)]
