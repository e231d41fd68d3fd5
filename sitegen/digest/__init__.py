"""The digest: what an event page says about its coverage (a summary, what each outlet adds,
key quotes), a stage of its own between the index and the plan.

Everything here is extractive and pure: sentences and quotes are taken as they stand
from the articles' text (Markdown escapes removed), never rewritten, and each one keeps
the id of the article it comes from so the page can attribute and link it.

* ``copies``: every copy (a :class:`~sitegen.model.NearDuplicate`) folded under the report
  it repeats; copies say nothing of their own, so they are left out of everything below.
* ``summary``: the 2-4 sentences most central to the coverage.
* ``additions``: per report, up to two sentences with facts no other report carries
  (``facts``: the numbers and names a sentence states).
* ``quotes``: direct quotations with a named speaker.
* ``coverage``: the reports split into sentences and weighed once for all of these;
  ``plaintext``: Markdown paragraphs as plain text; ``view``: the digest as a view model.

The work grows linearly with the event's text: every sentence is read a fixed number of
times, and attributions are looked for in a bounded window around each quotation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial

from sitegen.digest.additions import coverage_additions, outlet_additions
from sitegen.digest.copies import collapse_copies
from sitegen.digest.coverage import Coverage
from sitegen.digest.model import Additions, Digest, Point, Quote, Report
from sitegen.digest.quotes import coverage_quotes, find_quotes, key_quotes
from sitegen.digest.summary import summarize, summarize_coverage
from sitegen.digest.view import digest_view
from sitegen.model import Article, Event, NearDuplicate
from sitegen.site.index import SiteIndex
from sitegen.workers import IN_PROCESS, Workers

__all__ = [
    "Additions",
    "Digest",
    "Point",
    "Quote",
    "Report",
    "collapse_copies",
    "digest_of",
    "digest_view",
    "event_digest",
    "event_digests",
    "find_quotes",
    "key_quotes",
    "outlet_additions",
    "summarize",
]


def event_digest(
    articles: Sequence[Article],
    duplicate_of: Mapping[str, NearDuplicate],
    shown: str | None = None,
) -> Digest:
    """Summary, additions, quotes and reports of one event (``articles`` in timeline
    order; ``duplicate_of`` maps an article id to the report it repeats; ``shown`` is the
    summary the page shows already).  The text is split and weighed once for all of them."""
    reports = collapse_copies([a.id for a in articles], duplicate_of)
    by_id = {a.id: a for a in articles}
    cov = Coverage([by_id[r.article_id] for r in reports])
    summary = summarize_coverage(cov, shown)
    quotes = coverage_quotes(cov)
    return Digest(
        summary=summary,
        additions=coverage_additions(
            cov, skip=[p.text for p in summary], quoted=[q.text for q in quotes]
        ),
        quotes=quotes,
        reports=reports,
    )


def digest_of(index: SiteIndex, event: Event) -> Digest:
    """One event's digest, from its articles in the index."""
    members = [index.articles[i] for i in event.article_ids]
    return event_digest(members, index.duplicate_of, event.summary)


def event_digests(index: SiteIndex, workers: Workers = IN_PROCESS) -> dict[str, Digest]:
    """Every event's digest by event id, in the index's order, made on ``workers`` (pure:
    the same on any workers)."""
    events = list(index.events.values())
    made = workers.map("events", partial(digest_of, index), events)
    return {e.id: d for e, d in zip(events, made, strict=True)}
