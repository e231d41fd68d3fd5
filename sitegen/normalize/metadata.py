"""An article's title, source, authors and date, chosen and cleaned from what its page states.

A saved page states its metadata several times over: structured data (JSON-LD), Open Graph and
other ``meta`` tags, the ``<title>``, byline elements, and what the extractor found in the text.
Each states it with its own faults: a ``<title>`` carries the site's name (``… | CNET``), a
``meta author`` names the publisher, ``article:author`` is a profile URL, a date lacks its time.
The reader (:mod:`sitegen.ingest.html`) gathers the candidates into :class:`PageClaims`; the
functions here pick the best one of each kind and clean it. Pure, and no list of sites: a
site's name is recognised by the names the page itself gives its site, and by its host.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sitegen.dates import normalize_date
from sitegen.images import Image
from sitegen.labels import label_of
from sitegen.normalize.authors import clean_author
from sitegen.normalize.sitenames import (
    MAX_NAME_WORDS,
    OUTLET_KEYS,
    WIRE_AND_COMMON_HOSTS,
    SiteNames,
    cut_to_heading,
    domain_of,
    host_of,
    name_key,
    plain,
    site_names,
    strip_site_affix,
    title_site_name,
)


@dataclass(frozen=True, slots=True)
class PageClaims:
    """What one page states about itself, each kind of statement best first."""

    headline: str = ""
    """The structured data's headline (JSON-LD ``headline``)."""
    name: str = ""
    """The structured data's ``name`` for the article (Wikipedia's holds the title, its
    ``headline`` a description)."""
    titles: tuple[str, ...] = ()
    """Titles stated for sharing (``og:title``, ``dc.title``, ``twitter:title``), best first."""
    page_title: str = ""
    """The ``<title>`` element."""
    extracted_title: str = ""
    """The title the extractor found (a heading, when the page states none)."""
    headings: tuple[str, ...] = ()
    """The page's first top-level headings (``h1``)."""
    home_names: tuple[str, ...] = ()
    """Texts of the page's links to its own home page (the masthead's name or logo)."""
    site_names: tuple[str, ...] = ()
    """The site's own name for itself (``og:site_name``)."""
    publishers: tuple[str, ...] = ()
    """The structured data's publisher names."""
    app_names: tuple[str, ...] = ()
    """``application-name``: a site's name, or on some pages the article's title."""
    structured_authors: tuple[tuple[str, bool], ...] = ()
    """The structured data's authors, each with whether it is typed as a person."""
    meta_authors: tuple[tuple[str, ...], ...] = ()
    """``meta`` authors, one group per tag name (``author``, ``dc.creator``,
    ``article:author`` …), best first."""
    byline_authors: tuple[tuple[str, ...], ...] = ()
    """Names in the page's byline markup, one group per kind (microdata ``author``, a
    ``rel=author`` link), best first."""
    extracted_author: str = ""
    """The author the extractor found in the text."""
    styled_bylines: tuple[str, ...] = ()
    """The text of the page's first element styled as a byline (``class="byline"``), when
    nothing else names the author."""
    dates: tuple[str, ...] = ()
    """Publication dates in the page's markup (JSON-LD ``datePublished``,
    ``article:published_time`` …), best first."""
    extracted_date: str = ""
    """The date the extractor found."""
    url: str = ""
    """The page's canonical URL."""
    types: tuple[str, ...] = ()
    """The schema.org types of the page's article (``OpinionNewsArticle`` …)."""
    sections: tuple[str, ...] = ()
    """The sections the page is filed under (JSON-LD ``articleSection``,
    ``article:section``), best first."""
    images: tuple[Image, ...] = ()
    """The page's lead images, best first, each checked (:mod:`sitegen.images`)."""


_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)|copyright\b|all rights reserved)", re.I)
_URL = re.compile(r"\(?\s*(?:https?://|www\.)[^\s()]*\s*\)?", re.I)
"""A URL, with the brackets around it."""
_HANDLE = re.compile(r"^@\w+$")
_STAMP = re.compile(
    r"^(\d{4})-?(\d{2})-?(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$",
    re.I,
)


def _overlap(a: str, b: str) -> int:
    return len(set(name_key(a)) & set(name_key(b)))


def choose_title(claims: PageClaims, source: str | None = None) -> str | None:
    """The article's title: the structured headline, else a title stated for sharing, else
    ``<title>``, else the extractor's; the first that is more than the site's name, cut to
    the part that is the page's heading, with the site's name cut off it. Of a structured
    headline and name that differ, the one that agrees more with ``<title>`` is the title."""
    site = site_names(
        [*claims.site_names, *claims.publishers, *claims.home_names, *([source] if source else [])],
        claims.url,
    )
    structured = [t for t in (claims.headline, claims.name) if t]
    if len(structured) == 2 and claims.page_title:
        structured.sort(key=lambda t: -_overlap(t, claims.page_title))
    for candidate in (*structured, *claims.titles, claims.page_title, claims.extracted_title):
        title = strip_site_affix(cut_to_heading(plain(candidate), claims.headings), site)
        if title and not site.named_by(title):
            return title
    return None


def clean_source(value: str | None) -> str | None:
    """A site's name as stated, or None when it is no name: a copyright line, a URL, an
    account handle, a fragment of one or two letters (unless capitals: ``FT``), a sentence."""
    text = plain(value or "").strip(" |-–—·:")
    if not text or _COPYRIGHT.match(text) or _URL.search(text) or _HANDLE.match(text):
        return None
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 2 or (len(letters) < 3 and not text.isupper()):
        return None
    return text if len(text.split()) <= MAX_NAME_WORDS else None


def _host_name(url: str) -> str | None:
    host = host_of(url)
    labels = host.split(".")
    for i in range(len(labels) - 1):
        known = WIRE_AND_COMMON_HOSTS.get(".".join(labels[i:]))
        if known:
            return known
    return host or None


def choose_source(claims: PageClaims) -> str | None:
    """The site's name: ``og:site_name`` (or the structured publisher's name when that is its
    leading part, the rest a tagline or a domain: ``Libération`` of ``Libération.fr``), else
    the publisher's. An ``og:site_name`` that is not the host's name (nor begins with it)
    gives way to the name the ``<title>`` gives the site when that one is (``og:site_name``
    ``U.S.``, a section, and ``<title>`` ``… - Reuters`` on ``reuters.com``); a publisher
    does not (it may be the company behind the site, never a section). Then
    ``application-name`` (unless it is the title), a known name for the host, and the host."""
    named = [s for s in map(clean_source, claims.site_names) if s]
    publishers = [p for p in map(clean_source, claims.publishers) if p]
    in_title = clean_source(title_site_name(claims.page_title, claims.url, claims.home_names))
    if named and publishers:
        site, publisher = name_key(named[0]), name_key(publishers[0])
        if len(publisher) < len(site) and site[: len(publisher)] == publisher:
            return publishers[0]
    host = site_names((), claims.url).keys
    agrees = bool(in_title) and name_key(str(in_title)) == name_key(named[0]) if named else False
    if named and (not in_title or agrees or host & site_names(named[:1]).keys):
        return named[0]
    if publishers or in_title:
        return publishers[0] if publishers else in_title
    titles = {name_key(t) for t in (claims.page_title, claims.headline, *claims.titles) if t}
    for app in map(clean_source, claims.app_names):
        if app and name_key(app) not in titles:
            return app
    return _host_name(claims.url)


def clean_person(value: str, site: SiteNames | None = None) -> str | None:
    """The people ``value`` names (:func:`~sitegen.normalize.authors.clean_author`: no labels,
    dates, roles, placeholders or e-mail addresses), without URLs, the site's own name
    (``Jane Doe, Coastal Times``) or a news agency's (``Jane Doe, Associated Press``); None
    when nothing else is left, or it is a handle, a profile URL or a biography rather than a
    name."""
    text = _URL.sub(" ", plain(value))
    if _HANDLE.match(text.strip()) or len(text.split()) > MAX_NAME_WORDS:
        return None

    def not_a_person(name: str) -> bool:
        key = "".join(name_key(name))
        return (
            key in OUTLET_KEYS
            or key.removeprefix("the") in OUTLET_KEYS
            or (site is not None and site.named_by(name))
        )

    people = clean_author(text, not_a_person)
    if people is None or (site is not None and site.named_by(people)):
        return None
    return people


GENERIC_LABELS = frozenset("www m mobile amp en edition news blog blogs web online".split())
"""Subdomains that name no site (``www``, ``m``, ``edition``, ``blog`` …)."""


def _subdomain_name(url: str) -> tuple[str, ...]:
    """The label before the registered domain when it names the site (``abcnews`` of
    ``abcnews.go.com``), not a generic one (``www``, ``edition``)."""
    host = host_of(url)
    labels = host.split(".")
    extra = len(labels) - len(domain_of(host).split("."))
    if extra < 1 or labels[extra - 1] in GENERIC_LABELS or len(labels[extra - 1]) < 3:
        return ()
    return (labels[extra - 1],)


def choose_authors(claims: PageClaims, source: str | None = None) -> str | None:
    """The article's authors, joined by ``, ``: those of the structured data, else of the
    ``meta`` tags, else of the byline's markup, else the extractor's, else the text of an
    element styled as a byline; the first of these that names someone other than the site.
    A structured author typed as a person is kept even when the site bears its name (a
    personal site). A value refused once (a handle, the site's name) is refused when a later
    kind states it again, whatever its case (an extractor's ``Mcupdate`` of ``mcupdate``)."""
    site = site_names(
        [
            *claims.site_names,
            *claims.publishers,
            *([source] if source else []),
            *_subdomain_name(claims.url),
        ],
        claims.url,
    )
    groups: list[Sequence[tuple[str, bool]]] = [claims.structured_authors]
    stated_groups = (
        *claims.meta_authors,
        *claims.byline_authors,
        (claims.extracted_author,),
        claims.styled_bylines,
    )
    for stated in stated_groups:
        groups.append([(value, False) for value in stated])
    refused: set[str] = set()  # what names nobody once does not when stated again
    for group in groups:
        people: dict[str, str] = {}  # by case-folded name: one person stated twice is one
        for value, is_person in group:
            said = " ".join(plain(value).split()).casefold()
            person = None if said in refused else clean_person(value, None if is_person else site)
            if person:
                people.setdefault(person.casefold(), person)
            elif said:
                refused.add(said)
        if people:
            return ", ".join(people.values())
    return None


def iso_date(value: str) -> str | None:
    """A stated date as ISO 8601, with its time and zone when it has them
    (``2015-07-10 09:53:00 -0400`` -> ``2015-07-10T09:53:00-04:00``; fractions of a second
    dropped); None when it is not a date in bounds (:func:`sitegen.dates.normalize_date`)."""
    text = plain(value)
    match = _STAMP.match(text)
    if not match:
        return normalize_date(text) if text else None
    year, month, day, hour, minute, second, zone = match.groups()
    stamp = f"{year}-{month}-{day}"
    if hour is not None:
        stamp += f"T{hour}:{minute}:{second or '00'}"
        if zone:
            zone = zone.upper()
            if zone in ("Z", "UTC", "GMT"):
                stamp += "+00:00"
            else:
                digits = zone.replace(":", "")
                stamp += f"{digits[:3]}:{digits[3:]}"
    return normalize_date(stamp)  # None for an impossible date (2024-02-30) or out of bounds


def choose_date(claims: PageClaims) -> str | None:
    """The publication date: the first the markup states that reads as a date, else the
    extractor's."""
    for value in (*claims.dates, claims.extracted_date):
        found = iso_date(value) if value else None
        if found:
            return found
    return None


def page_fields(claims: PageClaims) -> dict[str, object]:
    """``title``, ``source``, ``author``, ``date``, ``label`` (what kind of piece it is,
    :mod:`sitegen.labels`), ``sections`` (as the page states them) and ``image`` (its lead
    image) for a page, those it has."""
    source = choose_source(claims)
    title = choose_title(claims, source)
    fields = {
        "title": title,
        "source": source,
        "author": choose_authors(claims, source),
        "date": choose_date(claims),
        "label": label_of(claims.types, claims.sections, claims.url, title or claims.page_title),
    }
    found: dict[str, object] = {k: v for k, v in fields.items() if v}
    if claims.sections:
        found["sections"] = list(dict.fromkeys(claims.sections))
    if claims.images:
        found["image"] = dict(claims.images[0])
    return found
