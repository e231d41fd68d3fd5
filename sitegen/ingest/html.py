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
"""

from __future__ import annotations

import copy
import json
import logging
import re
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sitegen import structure
from sitegen.ingest.clean import clean_page
from sitegen.ingest.decode import decode, sha256, stem_id
from sitegen.ingest.embeds import restore_posts
from sitegen.ingest.tree import structured_text
from sitegen.model import RawDocument, ReadError
from sitegen.normalize.metadata import MAX_TEXT, PageClaims, iso_date, page_fields
from sitegen.urls import safe_http_url

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
    return _prose_words(tree)


def _prose_words(tree: Any) -> int:
    """:func:`page_prose_words` of a parsed page, which is left as it is."""
    outside = [p for part in tree.xpath(_NOT_ARTICLE) for p in part.iter("p")]
    skip = {id(p) for p in outside}  # the list keeps each element, so its id, alive
    seen: set[str] = set()
    words = 0
    for paragraph in tree.iter("p"):
        if id(paragraph) in skip:
            continue
        text = " ".join(paragraph.text_content().split())
        n = len(text.split())
        if n >= PROSE_PARAGRAPH_WORDS and text not in seen:  # a copy of it counts once
            seen.add(text)
            words += n
    return words


REPEAT_WORDS = 10
REPEAT_RUN = 2
"""A run of at least ``REPEAT_RUN`` consecutive lines of ``REPEAT_WORDS`` words (of letters)
or more that
the extraction repeats word for word, in the same order, is a second copy of the story (a
print version, a hidden duplicate): it is kept once. A single repeated line (an interview's
recurring question, a line of code) stays."""


_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")


def _line_key(line: str) -> str:
    return " ".join(structure.unmarked(line).lower().split())


def drop_repeats(text: str) -> str:
    """``text`` without later copies of its runs of long lines (see ``REPEAT_RUN``)."""
    lines = text.split("\n")
    keys = [_line_key(line) for line in lines]
    long = [len(_LETTER_WORD.findall(key)) >= REPEAT_WORDS for key in keys]
    first: dict[tuple[str, ...], int] = {}  # each run of REPEAT_RUN long lines -> where it starts
    drop: set[int] = set()
    for at in range(len(lines) - REPEAT_RUN + 1):
        if not all(long[at : at + REPEAT_RUN]):
            continue
        run = tuple(keys[at : at + REPEAT_RUN])
        if run in first and first[run] + REPEAT_RUN <= at:
            drop.update(range(at, at + REPEAT_RUN))
        else:
            first.setdefault(run, at)
    return "\n".join(line for at, line in enumerate(lines) if at not in drop)


def _looks_like_an_article(text: str) -> bool:
    """False for an extraction that is mostly short lines: a tag cloud or a menu, taken
    for the article when the page's markup misled the quick pass."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < SUSPECT_LINES:
        return True
    short = sum(1 for line in lines if len(line.split()) < SHORT_LINE_WORDS)
    return short < SUSPECT_SHORT_SHARE * len(lines)


HEADLESS_MAX_WORDS = 150
HEADLINE_SHARE = 0.8
"""A quick extraction of fewer than ``HEADLESS_MAX_WORDS`` words that lacks the headline may be
a fragment of the story (a box beside it, its last paragraph): the full extraction is tried,
and kept when it holds the headline, which is where the story's block begins, and is longer.
(trafilatura leaves the headline out of most extractions, so lacking it is no evidence alone;
the word bound keeps the extra extraction to short, suspect ones.) An extraction holds the
headline when one of its lines, not much longer than the headline, has ``HEADLINE_SHARE`` of
its distinct words."""
_WORD = re.compile(r"\w+")


def holds_headline(text: str, title: str) -> bool:
    """Whether a line of ``text`` is the headline ``title`` (see ``HEADLINE_SHARE``); True when
    there is no title to look for."""
    wanted = {w.lower() for w in _WORD.findall(title)}
    if not wanted:
        return True
    for line in text.split("\n"):
        words = [w.lower() for w in _WORD.findall(structure.unmarked(line))]
        short = 0 < len(words) <= 2 * len(wanted) + 3
        if short and len(wanted.intersection(words)) >= HEADLINE_SHARE * len(wanted):
            return True
    return False


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
    if text is None or not _looks_like_an_article(text):
        notes.append("extraction: the quick pass found no article or a list; full extraction")
        doc, text = extraction(fast=False)
        meta = meta or doc
        if (
            text is not None
            and _words(text) < PARTIAL_MAX_WORDS
            and not _looks_like_an_article(text)
        ):
            strict, shorter = extraction(fast=False, precision=True)
            if shorter is not None and _words(shorter) and _looks_like_an_article(shorter):
                notes.append(
                    "extraction: the full extraction is a list too; its precision mode's is not, "
                    "and is kept"
                )
                doc, text = strict, shorter
    elif len(text.split()) < PARTIAL_MAX_WORDS:
        prose = _prose_words(page) if page is not None else 0
        if _words(text) < PARTIAL_SHARE * prose:
            notes.append(
                f"extraction: the quick pass kept {_words(text)} of the page's {prose} words of "
                "paragraphs; full extraction tried"
            )
            full, longer = extraction(fast=False)
            if longer is not None and _words(longer) > _words(text):
                doc, text = full, longer
            if _words(text) < PARTIAL_SHARE * prose:
                notes.append(
                    f"warning: the article may be cut short: {_words(text)} words extracted "
                    f"of the page's {prose} words of paragraphs"
                )
        elif _words(text) < HEADLESS_MAX_WORDS and not holds_headline(text, title):
            full, other = extraction(fast=False)
            if other is not None and _words(other) > _words(text) and holds_headline(other, title):
                notes.append(
                    f"extraction: the quick pass kept {_words(text)} words, not the headline; "
                    f"the full extraction holds it, with {_words(other)} words, and is kept"
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


MAX_LD_SCRIPTS = 16
MAX_LD_CHARS = 200_000
MAX_LD_NODES = 400
MAX_LD_DEPTH = 6
"""Structured data is hostile input like the rest of the page: at most this many JSON-LD
scripts are read, each of at most this many characters, and of each at most this many
objects, this deep."""
ARTICLE_TYPES = ("article", "posting", "report")
"""The endings of the schema.org types of an article (``NewsArticle``, ``BlogPosting``,
``ReportageNewsArticle`` …): the object whose headline, authors and date are the page's."""
META_TITLES = ("og:title", "dc.title", "dcterms.title", "twitter:title")
META_AUTHORS = (
    "author",
    "article:author_name",
    "dc.creator",
    "dcterms.creator",
    "parsely-author",
    "sailthru.author",
    "article:author",
    "byl",
)
META_DATES = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "article:published",
    "publishdate",
    "publish-date",
    "pubdate",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "date",
    "parsely-pub-date",
)
"""``meta`` names (``name``, ``property`` or ``itemprop``, case aside) of each kind of claim,
best first."""


def _page_tree(data: bytes) -> Any:
    """The page parsed by lxml: as UTF-8 when it is that (a page that declares no charset
    usually is, and lxml would take it for Latin-1), else decoded as sitegen decodes text;
    None when it does not parse."""
    from lxml import etree, html

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = decode(Path("page.html"), data)
        except ValueError:
            return None
    for page in (text, data):  # a str with an XML declaration is refused: the bytes then
        try:
            return html.fromstring(page)
        except (etree.ParserError, ValueError):
            continue
    return None


def _meta_values(tree: Any) -> dict[str, list[str]]:
    """Each ``meta`` tag's content under its lower-cased name, property and itemprop."""
    found: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        content = (meta.get("content") or "").strip()
        if not content:
            continue
        for attr in ("name", "property", "itemprop"):
            key = (meta.get(attr) or "").strip().lower()
            if key:
                found.setdefault(key, []).append(content[: 4 * MAX_TEXT])
    return found


def _ld_objects(tree: Any) -> list[dict[str, Any]]:
    """The objects of the page's JSON-LD, in document order; a script that is not JSON (or
    too large, or too deep) is skipped."""
    objects: list[dict[str, Any]] = []

    def walk(node: object, depth: int) -> None:
        if depth > MAX_LD_DEPTH or len(objects) >= MAX_LD_NODES:
            return
        if isinstance(node, list):
            for item in node[:MAX_LD_NODES]:
                walk(item, depth + 1)
        elif isinstance(node, dict):
            objects.append(node)
            for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
                if isinstance(node.get(key), list | dict):
                    walk(node[key], depth + 1)

    scripts = tree.xpath("//script[contains(@type, 'ld+json')]")[:MAX_LD_SCRIPTS]
    for script in scripts:
        raw = (script.text or "")[: MAX_LD_CHARS + 1]
        if len(raw) > MAX_LD_CHARS:
            continue
        raw = _LD_WRAPPER.sub("", raw.strip())
        try:
            walk(json.loads(raw), 0)
        except (ValueError, RecursionError):
            continue
    return objects


_LD_WRAPPER = re.compile(r"^(?:<!\[CDATA\[|<!--)|(?:\]\]>|-->)$")
"""A CDATA section or comment some pages wrap their JSON-LD in."""


def _ld_text(value: object) -> str:
    """A JSON-LD value as text: a string, or the first string of a list; else empty."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), "")
    return value[: 4 * MAX_TEXT] if isinstance(value, str) else ""


def _ld_types(node: dict[str, Any]) -> list[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return [k.lower() for k in kinds if isinstance(k, str)]


def _ld_names(value: object, people: bool) -> list[tuple[str, bool]]:
    """Names of a JSON-LD author or publisher (a string, an object, or a list of them), each
    with whether it is typed as a person."""
    items = value if isinstance(value, list) else [value]
    names: list[tuple[str, bool]] = []
    for item in items[:20]:
        if isinstance(item, str):
            names.append((item[:MAX_TEXT], False))
        elif isinstance(item, dict):
            name = _ld_text(item.get("name"))
            if name:
                names.append((name, people and "person" in _ld_types(item)))
    return names


def _first_text(elements: list[Any]) -> tuple[str, ...]:
    """The text of the first of these elements that has any (a ``meta``'s content, a nested
    ``itemprop=name``, else its own text)."""
    for element in elements[:50]:
        if element.tag == "meta":
            text = element.get("content") or ""
        else:
            named = element.xpath(".//*[@itemprop='name']")
            part = named[0] if named else element
            text = part.get("content") or part.text_content()
        text = " ".join(text.split())
        if text:
            return (text[: 4 * MAX_TEXT],)
    return ()


MAX_HOME_LINKS = 8
HOME_NAME_WORDS = 8
"""At most this many texts of links to the page's home page are read, each this many words
at most (a masthead's name, a logo's ``alt``)."""
HOME_HREFS = ("/", "./", "/index.html", "/index.php", "index.html")


def _home_names(tree: Any, url: str) -> tuple[str, ...]:
    """Texts of the page's links to its own home page: a relative root, or the root of the
    page's host (a link to another site's home page is not this site's name)."""
    host = urlsplit(url).netloc.lower().removeprefix("www.") if url else ""
    names: list[str] = []
    for link in tree.xpath("//a[@href]")[:3000]:
        href = link.get("href", "").strip()
        if href not in HOME_HREFS and (not host or href.count("/") > 3 or "?" in href):
            continue
        if href not in HOME_HREFS:
            parts = urlsplit(href) if href.startswith(("http://", "https://")) else None
            if not host or parts is None or parts.path not in ("", "/") or parts.query:
                continue
            if parts.netloc.lower().removeprefix("www.") != host:
                continue
        text = " ".join(link.text_content().split())
        for image in link.iter("img"):
            text = text or " ".join((image.get("alt") or "").split())
        if text and len(text.split()) <= HOME_NAME_WORDS and text not in names:
            names.append(text[:MAX_TEXT])
            if len(names) >= MAX_HOME_LINKS:
                break
    return tuple(names)


_ARTICLE_ITEM_AUTHOR = (
    "//*[contains(@itemtype, 'Article') or contains(@itemtype, 'Posting')]//*[@itemprop='author']"
)
"""Microdata authors of the article's own item (not of a comment or a teaser's)."""
_BYLINE_CLASS = (
    "//*[contains(translate(@class, 'BYLINE', 'byline'), 'byline')]"
    "[not(ancestor::li or ancestor::aside or ancestor::nav or ancestor::footer"
    " or ancestor::*[contains(@class, 'comment')] or ancestor::*[contains(@id, 'comment')])]"
)
"""Elements styled as a byline (``class="byline"``, ``article-byline`` …), not those of a list
of other stories (a teaser's, in a list item or an aside), of the navigation, the footer or
the comments; the article's own (inside ``<article>``) first."""


def page_claims(data: bytes, found: dict[str, str]) -> PageClaims:
    """What a page states about its title, site, authors and date (``found`` is what the
    extractor found: title, author, date, url); a page that does not parse states only that."""
    tree = _page_tree(data)
    if tree is None:
        return PageClaims(
            extracted_title=found.get("title", ""),
            extracted_author=found.get("author", ""),
            extracted_date=found.get("date", ""),
            url=safe_http_url(found.get("url")) or "",
        )
    meta = _meta_values(tree)
    objects = _ld_objects(tree)
    article = next((o for o in objects if any(t.endswith(ARTICLE_TYPES) for t in _ld_types(o))), {})
    websites = [_ld_text(o.get("name")) for o in objects if "website" in _ld_types(o)]
    head_title = tree.xpath("//head/title") or tree.xpath("//title")
    headings = tree.xpath("//body//h1")
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    url = safe_http_url(found.get("url")) or safe_http_url(canonical[0] if canonical else "")
    times = tree.xpath("//time[@itemprop='datePublished']/@datetime | //time[@pubdate]/@datetime")
    return PageClaims(
        headline=_ld_text(article.get("headline")),
        name=_ld_text(article.get("name")),
        titles=tuple(v for key in META_TITLES for v in meta.get(key, ())),
        page_title=head_title[0].text_content() if head_title else "",
        extracted_title=found.get("title", ""),
        headings=tuple(" ".join(h.text_content().split())[:MAX_TEXT] for h in headings[:3]),
        home_names=_home_names(tree, url or ""),
        site_names=(*meta.get("og:site_name", ()), *filter(None, websites)),
        publishers=tuple(n for n, _ in _ld_names(article.get("publisher"), people=False)),
        app_names=tuple(meta.get("application-name", ())),
        structured_authors=tuple(_ld_names(article.get("author"), people=True)),
        meta_authors=tuple(tuple(meta[key]) for key in META_AUTHORS if key in meta),
        byline_authors=(
            _first_text(tree.xpath(_ARTICLE_ITEM_AUTHOR)),
            _first_text(tree.xpath("//a[contains(concat(' ', @rel, ' '), ' author ')]")),
        ),
        extracted_author=found.get("author", ""),
        styled_bylines=_first_text(
            tree.xpath("//article" + _BYLINE_CLASS) + tree.xpath(_BYLINE_CLASS)
        ),
        dates=(
            _ld_text(article.get("datePublished")),
            *(v for key in META_DATES for v in meta.get(key, ())),
            *(str(t) for t in times[:5]),
        ),
        extracted_date=found.get("date", ""),
        url=url or "",
    )


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
