"""``sitegen update``: fetch every subscribed feed, and import what is new.

Three steps, each a pure function or an edge:

1. every feed is asked for at once (a thread per feed, the client keeping each host's
   limits), conditionally when the last update saw it (:mod:`.state`): a ``304`` means
   nothing is new;
2. each entry is known by its feed and guid, and by its page's URL: one already in
   ``content/`` is skipped, unless the feed says it was updated since.  An entry that
   carries only a teaser (or every entry, with ``full_text: always``) has its linked page
   fetched, with robots.txt asked first, and read by the HTML reader, whose metadata fills
   in what the feed lacks; the pages of all feeds are fetched at once, host by host in
   turn;
3. the documents go through the normal importer (hand edits never overwritten, the same
   page never imported twice), and only then is the feed's state saved, so an update
   killed at any moment loses nothing and the next one completes it.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sitegen import samepage
from sitegen.content import ImportResult, imported_inputs, write_content
from sitegen.importer import normalize_all
from sitegen.ingest import html
from sitegen.ingest.decode import sha256
from sitegen.ingest.feed import entry_document, feed_title, parsed_feed
from sitegen.ingest.fetch import host_class
from sitegen.ingest.htmltext import html_to_text
from sitegen.lock import site_lock
from sitegen.model import RawDocument, ReadError
from sitegen.slug import slugify
from sitegen.subscribe.feeds import Subscription, matches
from sitegen.subscribe.http import Client, FetchError, Response
from sitegen.subscribe.state import FeedRecord, FeedState
from sitegen.workers import IN_PROCESS, Workers

TEASER_WORDS = 150
"""An entry with fewer words than this is a teaser: ``full_text: auto`` fetches its page."""
WORKERS = 32
"""Threads fetching at once (each host's own limit is the client's)."""
PAGES_AT_ONCE = 256
"""Pages fetched before they are read: what an update holds in memory at most."""


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    """How one feed's update went."""

    url: str
    status: str
    """``ok``, ``not modified`` or ``failed``."""
    entries: int = 0
    """Entries the feed holds (0 when not read)."""
    new: int = 0
    """Entries sent to the importer: new ones, and ones the feed says were updated."""
    error: str = ""


@dataclass(frozen=True, slots=True)
class UpdateReport:
    """The outcome of one update."""

    feeds: tuple[FeedOutcome, ...]
    result: ImportResult
    errors: tuple[ReadError, ...]
    """Feeds, pages and entries that failed, one line each."""
    warnings: tuple[ReadError, ...]
    """Entries imported with a doubt (a page robots.txt keeps out: the feed's text)."""

    @property
    def failed_feeds(self) -> int:
        return sum(f.status == "failed" for f in self.feeds)


@dataclass(frozen=True, slots=True)
class _Entry:
    """One feed entry that the update imports."""

    sub: Subscription
    guid: str
    link: str | None
    updated: str
    doc: RawDocument
    """The entry as the feed gives it."""
    wants_page: bool


@dataclass(frozen=True, slots=True)
class _Read:
    """What came of asking for one feed."""

    sub: Subscription
    record: FeedRecord
    entries: tuple[_Entry, ...] = ()
    errors: tuple[ReadError, ...] = ()
    host: int = 0
    """The :func:`host_class` of the feed's address: its links may not go deeper."""


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _words(text: str) -> int:
    return len(text.split())


def _entry_text(entry: Any) -> str:
    """What include and exclude look at: title, summary and categories."""
    tags = " ".join(str(t.get("term") or "") for t in entry.get("tags") or [])
    return " ".join(
        [html_to_text(entry.get("title") or ""), html_to_text(entry.get("summary") or ""), tags]
    )


def feed_entries(
    sub: Subscription, data: bytes, origin: str
) -> tuple[int, list[tuple[RawDocument, str, str | None, bool]], list[ReadError]]:
    """Parse a feed: (entries in it, [(document, updated stamp, link, teaser?)] of the ones
    that pass its include and exclude lists, errors).  Raises ``ValueError`` for a body that
    is no feed."""
    parsed = parsed_feed(data, empty_ok=True)
    title = feed_title(parsed)
    language = sub.language or parsed.feed.get("language") or None
    out: list[tuple[RawDocument, str, str | None, bool]] = []
    errors: list[ReadError] = []
    for entry in parsed.entries:
        if not matches(sub, _entry_text(entry)):
            continue
        empty_ok = sub.full_text != "never" and bool(entry.get("link"))
        try:
            doc = entry_document(origin, sub.name or title, entry, empty_ok)
        except ValueError as exc:
            errors.append(ReadError(origin, str(exc)))
            continue
        fields = dict(doc.fields)
        tags = sorted(
            {str(t.get("term")).strip() for t in entry.get("tags") or [] if t.get("term")}
        )
        if tags:
            fields["tags"] = tags
        if language:
            fields["language"] = str(language)
        doc = replace(doc, fields=fields)
        body_words = _words(doc.text) - _words(str(fields.get("title", "")))
        # dict.get: feedparser's own get() warns when it maps a missing `updated` to `published`
        updated = str(dict.get(entry, "updated") or dict.get(entry, "published") or "")
        link = entry.get("link")
        out.append((doc, updated, str(link) if link else None, body_words < TEASER_WORDS))
    return len(parsed.entries), out, errors


def _read_feed(
    client: Client, sub: Subscription, before: FeedRecord, known: Callable[[str, str | None], bool]
) -> _Read:
    """Fetch and parse one feed (in a worker thread)."""
    record = replace(before, last_fetch=_now())
    host = host_class(urlsplit(sub.url).hostname or "")
    try:
        response = client.get(sub.url, etag=before.etag, last_modified=before.last_modified)
    except FetchError as exc:
        failed = replace(record, status="failed", last_error=str(exc))
        return _Read(sub, failed, errors=(ReadError(sub.url, str(exc)),), host=host)
    record = replace(record, etag=response.etag, last_modified=response.last_modified)
    if response.status == 304:
        return _Read(sub, replace(record, status="not modified", last_error=""), host=host)
    try:
        total, found, errors = feed_entries(sub, response.body, sub.url)
    except ValueError as exc:
        failed = replace(
            record, status="failed", last_error=str(exc), etag=None, last_modified=None
        )
        return _Read(sub, failed, errors=(ReadError(sub.url, str(exc)),), host=host)
    entries = []
    for doc, updated, link, teaser in found:
        guid = doc.entry
        seen = before.entries.get(guid)
        if seen == updated or (seen is None and known(guid, link)):
            continue  # imported (or deleted by a person) before, and not updated since
        wants = link is not None and (
            sub.full_text == "always" or (sub.full_text == "auto" and teaser)
        )
        entries.append(_Entry(sub, guid, link, updated, doc, wants))
    in_feed = {doc.entry for doc, *_ in found}
    stamps = {g: u for g, u in before.entries.items() if g in in_feed}
    ok = replace(record, status="ok", last_error="", items=total, entries=stamps)
    return _Read(sub, ok, tuple(entries), tuple(errors), host)


def _with_page(entry: _Entry, page: RawDocument, response: Response) -> RawDocument:
    """The entry with its page's text; the feed's own fields win, the page's fill the rest
    (and name the outlet, unless the subscription does: a feed's title is seldom it)."""
    feed_fields = entry.doc.fields
    fields: dict[str, object] = {**page.fields}
    for key, value in feed_fields.items():
        if value and (key != "source" or entry.sub.name or not page.fields.get("source")):
            fields[key] = value
    fields.setdefault("url", response.url)
    digest = sha256((entry.guid + "\n" + page.input_hash).encode("utf-8"))
    return RawDocument(
        entry.sub.url, entry.doc.id, page.text, fields, "extracted", digest, page.notes, entry.guid
    )


_Outcome = tuple[RawDocument | None, ReadError | None, ReadError | None]
"""(document, error, warning) for one entry whose page is wanted."""


def _entry_name(entry: _Entry) -> str:
    return f"{entry.sub.url} entry {entry.guid!r}"


def _fetch_page(client: Client, entry: _Entry, host: int) -> Response | _Outcome:
    """The page of an entry (in a worker thread), or the outcome when there is none to read."""
    link = entry.link or ""
    parts = urlsplit(link)
    name = _entry_name(entry)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return entry.doc, None, ReadError(name, f"link {link!r} is not http(s): the feed's text")
    if host_class(parts.hostname) not in (0, host):
        return None, ReadError(name, f"links to {parts.hostname}, inside a network: refused"), None
    if not client.allowed(link):
        if not client.robots_read(link):  # robots.txt could not be read: try again next time
            return None, ReadError(name, f"robots.txt of {parts.hostname} cannot be read"), None
        if not entry.doc.text.strip() or entry.doc.text == entry.doc.fields.get("title"):
            return None, ReadError(name, f"robots.txt of {parts.hostname} keeps out {link}"), None
        return entry.doc, None, ReadError(name, "robots.txt keeps out its page: the feed's text")
    try:
        return client.get(link)
    except FetchError as exc:
        if exc.status is not None and 400 <= exc.status < 500 and _words(entry.doc.text) > 20:
            return entry.doc, None, ReadError(name, f"page {link}: {exc}: the feed's text")
        return None, ReadError(name, f"page {link}: {exc}"), None


def _read_page(item: tuple[_Entry, Response]) -> _Outcome:
    """An entry with its fetched page read by the HTML reader (pure: on any process)."""
    entry, response = item
    try:
        where = Path(slugify(response.url, "page") + ".html")
        page = html.page_document(where, response.body, response.url)
    except ValueError as exc:
        return None, ReadError(_entry_name(entry), f"page {entry.link}: {exc}"), None
    return _with_page(entry, page, response), None, None


def _round_robin(entries: Iterable[_Entry]) -> list[_Entry]:
    """Entries ordered host by host in turn, so that the threads spread over the hosts."""
    by_host: dict[str, list[_Entry]] = {}
    for entry in entries:
        by_host.setdefault(urlsplit(entry.link or "").netloc, []).append(entry)
    queues = list(by_host.values())
    out: list[_Entry] = []
    while queues:
        out.extend(q.pop(0) for q in queues)
        queues = [q for q in queues if q]
    return out


def update_site(
    site: Path,
    subs: Sequence[Subscription],
    client: Client,
    disabled: Sequence[str] = (),
    say: Callable[[str], None] | None = None,
    lock_wait: float = float("inf"),
    progress: Callable[[str], None] | None = None,
    workers: Workers = IN_PROCESS,
) -> UpdateReport:
    """Fetch every feed of ``subs`` and import what is new (see the module), reading pages
    and normalizing on ``workers``."""
    state = FeedState(site, warn=say)
    have = imported_inputs(site)

    def known(sub: Subscription) -> Callable[[str, str | None], bool]:
        def check(guid: str, link: str | None) -> bool:
            page = samepage.page_url(link)
            return f"{sub.url}#{guid}" in have.inputs or (page is not None and page in have.pages)

        return check

    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        reads: list[_Read] = []
        futures = {pool.submit(_read_feed, client, s, state.get(s.url), known(s)): s for s in subs}
        for done in concurrent.futures.as_completed(futures):
            read = done.result()
            reads.append(read)
            if progress:
                progress(f"feeds: {len(reads)}/{len(subs)} {read.sub.url}: {read.record.status}")
    order = {s.url: n for n, s in enumerate(subs)}
    reads.sort(key=lambda r: order[r.sub.url])
    host_of = {r.sub.url: r.host for r in reads}
    pages: set[str] = set()
    wanted = []
    for entry in (e for r in reads for e in r.entries if e.wants_page):
        page = samepage.page_url(entry.link)
        if page is None or page not in pages:  # one page linked by several entries: once
            wanted.append(entry)
            pages.update([page] if page else [])
    wanted = _round_robin(wanted)
    fetched: dict[int, _Outcome] = {}
    for start in range(0, len(wanted), PAGES_AT_ONCE):
        part = wanted[start : start + PAGES_AT_ONCE]
        with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
            asked = {pool.submit(_fetch_page, client, e, host_of[e.sub.url]): e for e in part}
            bodies: list[tuple[_Entry, Response]] = []
            for answer in concurrent.futures.as_completed(asked):
                entry, got = asked[answer], answer.result()
                if isinstance(got, Response):
                    bodies.append((entry, got))
                else:
                    fetched[id(entry)] = got
                if progress:
                    progress(f"pages: {start + len(bodies)}/{len(wanted)} {entry.link}")
        # the threads are gone: the pages are read on processes (the reader is CPU-bound)
        read_pages = workers.map("feed pages", _read_page, bodies)
        for (entry, _), outcome in zip(bodies, read_pages, strict=True):
            fetched[id(entry)] = outcome
    docs: list[RawDocument] = []
    errors = [err for r in reads for err in r.errors]
    warnings: list[ReadError] = []
    failed_entries: set[tuple[str, str]] = set()
    for read in reads:
        for entry in read.entries:
            if not entry.wants_page:
                docs.append(entry.doc)
                continue
            if id(entry) not in fetched:
                continue  # its page is another entry's, fetched for that one
            doc, error, warning = fetched[id(entry)]
            if error:
                errors.append(error)
                failed_entries.add((entry.sub.url, entry.guid))
            if warning:
                warnings.append(warning)
            if doc is not None:
                docs.append(doc)
    pairs, norm_errors = normalize_all(docs, disabled, workers=workers)
    errors += norm_errors
    normalized = {(str(doc.origin), doc.entry) for doc, _ in pairs}
    failed_entries |= {(str(d.origin), d.entry) for d in docs} - normalized
    with site_lock(site, "update", lock_wait, say=say):
        result = write_content(site, pairs)
    outcomes = []
    for read in reads:
        record = read.record
        stamps = dict(record.entries)
        for entry in read.entries:
            if (entry.sub.url, entry.guid) not in failed_entries:
                stamps[entry.guid] = entry.updated
        if any((read.sub.url, e.guid) in failed_entries for e in read.entries):
            # an entry to try again: the next update must read the feed, not get a 304
            record = replace(record, etag=None, last_modified=None)
        state.put(read.sub.url, replace(record, entries=stamps))
        new = sum((e.sub.url, e.guid) not in failed_entries for e in read.entries)
        outcomes.append(
            FeedOutcome(read.sub.url, record.status, record.items, new, record.last_error)
        )
    state.save()  # after the articles: a state never says more than content/ holds
    return UpdateReport(tuple(outcomes), result, tuple(errors), tuple(warnings))
