"""RSS and Atom feeds: each entry becomes an article, with its full content when present.

feedparser copes with every RSS/Atom dialect and broken feeds in the wild, and
reads dates in their many formats.  An entry's HTML is turned into plain text
(``htmltext``), then cleaned by the boilerplate rules like any dump.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sitegen.images import Image, first_image, make_image
from sitegen.ingest.decode import sha256
from sitegen.ingest.htmltext import html_to_text
from sitegen.labels import label_of
from sitegen.model import RawDocument, ReadError
from sitegen.sections import MAX_STATED
from sitegen.slug import slugify


def _date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", parsed)


def _body(entry: Any) -> str:
    contents = entry.get("content") or []
    best = max((c.get("value", "") for c in contents), key=len, default="")
    return html_to_text(best or entry.get("summary", "") or "", structured=True)


def _entry_image(entry: Any) -> Image | None:
    """An entry's image: Media RSS content that is an image, an image enclosure, then its
    Media RSS thumbnail (:mod:`sitegen.images`)."""
    base = str(entry.get("link") or "") or None
    candidates: list[Image | None] = []
    for media in (entry.get("media_content") or [])[:8]:
        kind = str(media.get("medium") or media.get("type") or "")
        if kind == "image" or kind.startswith("image/"):
            candidates.append(
                make_image(
                    media.get("url"), None, media.get("width"), media.get("height"), base=base
                )
            )
    for enclosure in (entry.get("enclosures") or [])[:8]:
        if str(enclosure.get("type") or "").startswith("image/"):
            candidates.append(make_image(enclosure.get("href"), base=base))
    for thumb in (entry.get("media_thumbnail") or [])[:8]:
        candidates.append(
            make_image(thumb.get("url"), None, thumb.get("width"), thumb.get("height"), base=base)
        )
    return first_image(candidates)


def entry_document(
    path: Path | str, feed_title: str | None, entry: Any, empty_ok: bool = False
) -> RawDocument:
    """One feed entry as a raw document; raises ``ValueError`` when it has no text (unless
    ``empty_ok``: its linked page will give it)."""
    title = html_to_text(entry.get("title", "") or "").strip()
    body = _body(entry)
    if not body.strip() and not empty_ok:
        raise ValueError(f"entry {title or entry.get('id', '?')!r} has no text")
    ident = str(entry.get("id") or entry.get("link") or title)
    fields: dict[str, object] = {"title": title} if title else {}
    for key, value in (
        ("url", entry.get("link")),
        ("author", entry.get("author")),
        ("date", _date(entry)),
        ("source", feed_title),
    ):
        if value:
            fields[key] = str(value)
    categories = [str(t.get("term") or t.get("label") or "") for t in entry.get("tags") or ()]
    label = label_of(sections=categories, url=str(entry.get("link") or ""), title=title)
    if label:
        fields["label"] = label
    image = _entry_image(entry)
    if image:
        fields["image"] = image
    stated = list(dict.fromkeys(c.strip() for c in categories if c.strip()))[:MAX_STATED]
    if stated:
        fields["sections"] = stated
    text = f"{title}\n\n{body}" if title and body.strip() else title or body
    digest = sha256((ident + "\n" + text).encode("utf-8"))
    return RawDocument(
        path, slugify(ident, "entry"), text, fields, "extracted", digest, entry=ident
    )


def parsed_feed(data: bytes, empty_ok: bool = False) -> Any:
    """feedparser's reading of a feed; ``ValueError`` when it is none (or, unless
    ``empty_ok``, has no entries: a feed that is empty today is still a feed)."""
    import feedparser

    try:
        parsed = feedparser.parse(data)
    except ValueError as exc:  # feedparser means never to raise, but a "&#xD800;" still does
        raise ValueError(f"not a readable feed ({type(exc).__name__}: {exc})") from None
    if not parsed.entries and not (empty_ok and parsed.feed and not parsed.get("bozo")):
        problem = parsed.get("bozo_exception")
        raise ValueError(f"not a readable feed{f' ({problem})' if problem else ''}")
    return parsed


def feed_title(parsed: Any) -> str | None:
    """The feed's own title, as plain text."""
    return html_to_text(parsed.feed.get("title", "") or "") or None


def parse_feed(path: Path | str, data: bytes) -> list[RawDocument | ReadError]:
    """Every entry of a feed; an entry without text is an error naming it."""
    parsed = parsed_feed(data)
    title = feed_title(parsed)
    out: list[RawDocument | ReadError] = []
    for entry in parsed.entries:
        try:
            out.append(entry_document(path, title, entry))
        except ValueError as exc:
            out.append(ReadError(path, str(exc)))
    return out


def read(path: Path, data: bytes) -> list[RawDocument | ReadError]:
    """Read an ``.rss``/``.atom``/``.xml`` feed file."""
    return parse_feed(path, data)
