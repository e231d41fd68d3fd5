"""The digest's types: what an event page says about its coverage, each piece attributed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Point:
    """One sentence taken from one article."""

    text: str
    """The sentence as plain text (Markdown escapes removed; not HTML)."""
    article_id: str
    """The article it comes from."""


@dataclass(frozen=True, slots=True)
class Additions:
    """What one report says that no other report of the event does."""

    article_id: str
    """The report."""
    sentences: tuple[str, ...]
    """Up to :data:`~sitegen.digest.additions.ADDITIONS_PER_REPORT` sentences, in the
    article's order."""


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation and who said it."""

    text: str
    """The words inside the quotation marks (plain text)."""
    speaker: str | None
    """The person or body the text names as saying it, if it names one."""
    role: str | None = None
    """Their description when the text gives one ("a spokeswoman for ...")."""
    article_id: str = ""
    """The article it was found in (empty for :func:`find_quotes` on loose text)."""


@dataclass(frozen=True, slots=True)
class Report:
    """One independent report of the event, with the copies that repeat it."""

    article_id: str
    """The report."""
    copies: tuple[str, ...] = ()
    """Articles of the event that retell it (timeline order)."""


@dataclass(frozen=True, slots=True)
class Digest:
    """Everything :func:`~sitegen.digest.event_digest` finds for one event."""

    summary: tuple[Point, ...]
    """The sentences most central to the coverage, most central first."""
    additions: tuple[Additions, ...]
    """Per report (timeline order), what only it says; empty for a single report."""
    quotes: tuple[Quote, ...]
    """Key quotations with a named speaker."""
    reports: tuple[Report, ...]
    """Independent reports in timeline order, each with its copies."""
