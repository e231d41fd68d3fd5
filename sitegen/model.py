"""The plain data that flows between stages.

Every type here is a frozen dataclass: a stage that adds information returns a
new object rather than filling in a field of an old one.  Objects refer to each
other by id; URLs are resolved once, by :mod:`sitegen.site.index`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as a reader found it, before any cleaning."""

    origin: Path | str
    """The file (or the http(s) URL) it came from, for messages and provenance."""
    id: str
    """Stable id: the one the input gives, else the file name without extension."""
    text: str
    """The article text: a text dump, or Markdown for already-clean inputs."""
    fields: dict[str, object] = field(default_factory=dict)
    """Metadata the input states outright (title, source, url, date, author, ...)."""
    fmt: str = "text"
    """``text``: a raw dump, all boilerplate rules apply; ``extracted``: an extractor already
    isolated the article (page-layout rules are skipped); ``markdown``: clean already."""
    input_hash: str = ""
    """sha256 of the raw bytes this document was read from (per record for JSON Lines)."""
    notes: tuple[str, ...] = ()
    """What the reader decided or noticed that a person should hear of: the extraction it fell
    back to, an article that looks cut short (``sitegen normalize --explain`` shows them all;
    an import warns of the ones that start with ``warning:``)."""
    entry: str = ""
    """Which of its input's articles it is, when one input holds many and names them (a feed
    entry's guid): with the origin, the input's identity (two entries are two articles,
    whatever their ids slug to)."""


@dataclass(frozen=True, slots=True)
class ReadError:
    """A file (or one record of it) that could not be read."""

    origin: Path | str
    """The file (or URL) that failed."""
    message: str
    """One line saying what is wrong, for the person running the import."""


@dataclass(frozen=True, slots=True)
class Article:
    """A normalized article: clean Markdown body plus its metadata."""

    id: str
    """Stable id (see :class:`RawDocument`)."""
    title: str
    """Headline; made from the text when the input had none (see ``title_generated``)."""
    body: str
    """Markdown body: paragraphs separated by blank lines, no boilerplate."""
    title_generated: bool = False
    """True when ``title`` was derived from the text rather than found in the input."""
    source: str | None = None
    """The outlet that published it (e.g. "Bloomberg"), if known."""
    author: str | None = None
    """Byline, if known."""
    date: str | None = None
    """Publication date as ISO 8601 (``YYYY-MM-DD`` or a full timestamp), if known."""
    url: str | None = None
    """The original article's URL, if known."""
    summary: str | None = None
    """A standfirst or the lede: one or two sentences taken from the article."""
    credits: tuple[str, ...] = ()
    """Contributor lines ("With assistance from ...") moved out of the body."""
    captions: tuple[str, ...] = ()
    """Image captions moved out of the body."""
    event: str | None = None
    """An event id a person pinned this article to; always wins over grouping."""
    extra: dict[str, object] = field(default_factory=dict)
    """Front-matter keys sitegen does not interpret, kept as they are."""


@dataclass(frozen=True, slots=True)
class EventNote:
    """A person's notes on an event, from ``content/events/<id>.md``."""

    id: str
    """The event id the note is for."""
    title: str | None = None
    """A headline that replaces the generated one."""
    body: str = ""
    """Markdown shown at the top of the event page."""
    summary: str | None = None
    """A summary that replaces the representative article's."""
    exclude: tuple[str, ...] = ()
    """Article ids a person took out of this event (each becomes an event of its own)."""


@dataclass(frozen=True, slots=True)
class Event:
    """One happening, covered by one or more articles."""

    id: str
    """Stable id, derived from the earliest member so it survives new coverage."""
    title: str
    """Headline for the event page."""
    article_ids: tuple[str, ...]
    """Members in timeline order (by date, then id)."""
    storyline: str | None = None
    """Id of the storyline the event belongs to, if it is linked to other events."""
    note: str = ""
    """Markdown from a person's event note."""
    summary: str | None = None
    """A person's summary, else the representative article's."""
    representative: str | None = None
    """Id of the article that best stands for the event (most central)."""
    entities: tuple[str, ...] = ()
    """Names (people, places, organisations) most mentioned across the coverage."""
    key_terms: tuple[str, ...] = ()
    """The words that weigh most in the coverage."""
    grown: int = 0
    """Articles it gained since the last build (0 on a site's first build)."""


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    """An article that retells another one's report (a copy or a rewrite)."""

    article_id: str
    """The later (or shorter) retelling."""
    original_id: str
    """The article it repeats."""
    similarity: float
    """Share of its sentences that match sentences of the original, 0..1."""


@dataclass(frozen=True, slots=True)
class Storyline:
    """Related events: the same actors, a continuing story."""

    id: str
    """The slug of its title."""
    title: str
    """What its events share: its common thread and the names all of them mention."""
    event_ids: tuple[str, ...]
    """Member events in timeline order."""


@dataclass(frozen=True, slots=True)
class Grouping:
    """What clustering found: events, copies and storylines."""

    events: tuple[Event, ...]
    """Every event, each article in exactly one."""
    duplicates: tuple[NearDuplicate, ...]
    """Near-copies found inside events."""
    storylines: tuple[Storyline, ...]
    """Storylines of two or more events."""
    redirects: Mapping[str, str] = field(default_factory=dict)
    """Retired event id -> the event id that replaced it (merged events)."""


@dataclass(frozen=True, slots=True)
class Addresses:
    """The URL slugs of articles, sources and names, as a build handed them out.

    Kept in the registry so that a page keeps its address from build to build: a new
    article never takes an old one's URL (or its Atom id), whatever order the ids sort in."""

    slugs: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Kind (``article``, ``source``, ``entity``) -> name -> slug; names no longer in the
    site keep theirs, so that nothing else is ever given it."""
    moved: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Kind -> a slug that was given up -> the name whose page it now leads to."""


@dataclass(frozen=True, slots=True)
class Registry:
    """Event ids as of the last build."""

    events: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Event id -> ids of its articles."""
    redirects: Mapping[str, str] = field(default_factory=dict)
    """Retired event id -> the id that replaced it."""
    addresses: Addresses = field(default_factory=Addresses)
    """The slugs of articles, sources and names (grouping does not use them; the index does)."""
    seen: Mapping[str, str] = field(default_factory=dict)
    """Article id -> the update it first appeared in (:mod:`sitegen.updates`; grouping does
    not use it)."""
