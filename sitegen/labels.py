"""What kind of piece an article is, when it is not a news report: opinion, analysis, a
press release or a live blog (pure).

The kind is read from what the publisher says of the piece, strongest first: its
schema.org type (``OpinionNewsArticle``, ``AnalysisNewsArticle``, ``LiveBlogPosting``), the
section it is filed under (``article:section``, JSON-LD ``articleSection``, a feed entry's
categories), a folder of its URL (``/opinion/``, ``/commentisfree/``, ``/live/``; a press
release wire's host), and a label its headline opens or ends with ("Opinion:", "Analysis |",
"… – live").  Each vocabulary is of section and type names as publishers use them, not of
particular pages.  An article stated as none of these is a news report (no label).

The label is kept in the article's front matter (``label: opinion``), where a person may
also set it; :func:`clean_label` reads it back, as any front matter, as input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from sitegen.model import Article
from sitegen.sections import section_parts
from sitegen.site.catalogue import N_
from sitegen.urls import url_folders

LABELS: Mapping[str, str] = {
    "opinion": N_("Opinion"),
    "analysis": N_("Analysis"),
    "press release": N_("Press release"),
    "live": N_("Live"),
}
"""Every label, with the name a page shows for it (in the site's language: the theme's
catalogue translates it)."""

_TYPES: Mapping[str, str] = {
    "opinionnewsarticle": "opinion",
    "analysisnewsarticle": "analysis",
    "liveblogposting": "live",
}
"""schema.org types (lower case) that say which kind of piece an article is."""

_SECTIONS: Mapping[str, frozenset[str]] = {
    "opinion": frozenset(
        {
            "opinion",
            "opinions",
            "comment",
            "commentary",
            "comment is free",
            "commentisfree",
            "editorial",
            "editorials",
            "op-ed",
            "op-eds",
            "oped",
            "opinion and analysis",
            "columns",
            "columnists",
            "letters",
            "letters to the editor",
            "voices",
            "opinión",
            "opinião",
            "opinione",
            "opinie",
            "meinung",
            "kommentar",
            "kommentare",
            "tribune",
            "tribunes",
            "débats",
            "мнение",
            "мнения",
        }
    ),
    "analysis": frozenset({"analysis", "news analysis", "analyse", "análisis", "análise"}),
    "press release": frozenset(
        {
            "press release",
            "press releases",
            "news release",
            "news releases",
            "pressemitteilung",
            "pressemitteilungen",
            "communiqué de presse",
            "communiqués de presse",
            "comunicado de prensa",
            "comunicados de prensa",
        }
    ),
    "live": frozenset({"live", "live blog", "liveblog", "live updates", "live coverage"}),
}
"""Section and category names of each kind (compared case aside, ``-`` and ``_`` as spaces)."""

_PATH_SEGMENTS: Mapping[str, frozenset[str]] = {
    "opinion": frozenset(
        {
            "opinion",
            "opinions",
            "commentisfree",
            "comment",
            "commentary",
            "editorial",
            "editorials",
            "op-ed",
            "oped",
            "voices",
            "opinion-analysis",
            "meinung",
            "opinie",
            "opinion-es",
            "tribunes",
        }
    ),
    "analysis": frozenset({"analysis", "news-analysis"}),
    "press release": frozenset(
        {"press-release", "press-releases", "pressreleases", "news-releases", "news-release"}
    ),
    "live": frozenset({"live", "liveblog", "live-blog", "live-news", "live-updates"}),
}
"""URL folders of each kind (the last segment of a path is the piece's own slug, never one)."""

RELEASE_WIRES = frozenset(
    {
        "prnewswire.com",
        "prnewswire.co.uk",
        "businesswire.com",
        "globenewswire.com",
        "newswire.ca",
        "accesswire.com",
        "einpresswire.com",
        "prweb.com",
        "ots.at",
        "presseportal.de",
    }
)
"""Hosts that publish press releases and nothing else (the host or a subdomain of it)."""

_TITLE_PREFIX = re.compile(
    r"^\s*(opinion|op-ed|editorial|comment|analysis|news analysis|live|live updates|"
    r"press release)\s*[:|–—-]\s+\S",
    re.IGNORECASE,
)
_TITLE_SUFFIX = re.compile(r"\s[|–—-]\s*(live|live updates|as it happened)\s*$", re.IGNORECASE)
"""A headline that opens with its kind ("Opinion: …", "ANALYSIS | …") or ends as a live page
does ("… – live", "… – as it happened")."""
_TITLE_WORDS: Mapping[str, str] = {
    "opinion": "opinion",
    "op-ed": "opinion",
    "editorial": "opinion",
    "comment": "opinion",
    "analysis": "analysis",
    "news analysis": "analysis",
    "live": "live",
    "live updates": "live",
    "as it happened": "live",
    "press release": "press release",
}


def _words(text: str) -> str:
    return " ".join(re.sub(r"[-_]+", " ", text.casefold()).split())


_SECTION_WORDS = {label: frozenset(map(_words, names)) for label, names in _SECTIONS.items()}


def section_label(sections: Iterable[str]) -> str | None:
    """The kind the first section or category that names one says (a section may be a
    path: "Opinion > Columnists", "News/Analysis": each part is tried)."""
    for section in sections:
        for part in section_parts(section):
            words = _words(part)
            for label, names in _SECTION_WORDS.items():
                if words in names:
                    return label
    return None


def url_label(url: str | None) -> str | None:
    """The kind a URL's host (a press release wire) or one of its folders says."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").removeprefix("www.")
    if any(host == wire or host.endswith("." + wire) for wire in RELEASE_WIRES):
        return "press release"
    for segment in (s.casefold() for s in url_folders(url)):
        for label, names in _PATH_SEGMENTS.items():
            if segment in names:
                return label
    return None


def title_label(title: str | None) -> str | None:
    """The kind a headline says of itself ("Opinion: …", "… – live")."""
    if not title:
        return None
    found = _TITLE_PREFIX.match(title) or _TITLE_SUFFIX.search(title)
    return _TITLE_WORDS[_words(found.group(1))] if found else None


def label_of(
    types: Iterable[str] = (),
    sections: Iterable[str] = (),
    url: str | None = None,
    title: str | None = None,
) -> str | None:
    """The article's kind from what is stated about it, strongest statement first; None for
    a news report (or when nothing says)."""
    for kind in types:
        if kind.casefold() in _TYPES:
            return _TYPES[kind.casefold()]
    return section_label(sections) or url_label(url) or title_label(title)


def article_label(article: Article) -> str | None:
    """The label an article's front matter gives it (None: a news report)."""
    return clean_label(article.extra.get("label"))


def clean_label(value: object) -> str | None:
    """A front-matter ``label`` as one of :data:`LABELS`, or None (any other value is
    ignored: front matter is input like any other)."""
    if not isinstance(value, str):
        return None
    words = _words(value)
    return words if words in LABELS else None
