"""Which of the site's sections an article and an event belong to (pure).

Publishers file a piece under a section of their own ("UK politics", "Business > Markets",
a feed category "Tech"), and most put it in their URLs too (``/politics/``,
``/business/markets/``).  A site has a small set of sections of its own (config
``sections``: :data:`STANDARD`, or a mapping of each section to the words that name it),
and an article belongs to the first of them that its stated sections name, else the first
that a folder of its URL names.  An event belongs to every section its coverage belongs to,
the one most of its articles are in first.

The sections a publisher states are kept in the article's front matter as they are
(``sections: [Politics]``), so that a change of the site's sections needs no import.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from sitegen.model import Article
from sitegen.site.catalogue import N_
from sitegen.urls import url_folders

STANDARD: Mapping[str, tuple[str, ...]] = {
    N_("Politics"): ("politics", "election", "elections", "government", "congress", "parliament"),
    N_("World"): (
        "world",
        "world news",
        "international",
        "global",
        "europe",
        "asia",
        "africa",
        "americas",
        "middle east",
        "asia pacific",
        "latin america",
    ),
    N_("Business"): (
        "business",
        "economy",
        "economics",
        "markets",
        "finance",
        "money",
        "companies",
        "industry",
    ),
    N_("Technology"): ("technology", "tech", "science and technology", "gadgets", "internet"),
    N_("Science"): ("science", "space", "environment", "climate", "nature"),
    N_("Health"): ("health", "medicine", "wellness", "coronavirus", "covid 19"),
    N_("Sport"): (
        "sport",
        "sports",
        "football",
        "soccer",
        "cricket",
        "tennis",
        "rugby",
        "golf",
        "basketball",
        "baseball",
        "formula 1",
    ),
    N_("Culture"): (
        "culture",
        "arts",
        "entertainment",
        "music",
        "film",
        "movies",
        "books",
        "television",
        "tv",
        "stage",
        "theatre",
        "theater",
    ),
}
"""The sections a site has unless its config names others: each with the words (case and
``-``/``_`` aside) that publishers file such pieces under."""

MAX_STATED = 8
"""At most this many of a piece's stated sections are kept."""


def section_parts(stated: str) -> list[str]:
    """The parts of a stated section that may be a path ("Opinion > Columnists",
    "News/Analysis", "Smart News, Science"), first to last."""
    return re.split(r"\s*[>/|›»:,]\s*", stated)


def _words(text: str) -> str:
    return " ".join(re.sub(r"[-_&+]+", " ", text.casefold()).replace(" and ", " ").split())


class Sections:
    """A site's sections and the words that name each (see the module)."""

    def __init__(self, table: Mapping[str, Sequence[str]]) -> None:
        self.names = tuple(table)
        """The sections, in the order pages list them."""
        self._by_word: dict[str, str] = {}
        for name, words in table.items():
            for word in (name, *words):
                self._by_word.setdefault(_words(word), name)

    def named(self, text: str) -> str | None:
        """The section a stated section names ("Politics", "News > Politics", "uk-politics":
        each part, and each part's last word, is tried)."""
        for part in reversed(section_parts(text)):
            words = _words(part)
            if not words:
                continue
            found = self._by_word.get(words) or self._by_word.get(words.rsplit(" ", 1)[-1])
            if found:
                return found
        return None

    def of_url(self, url: str | None) -> str | None:
        """The section the first folder of ``url`` that names one says (the last segment is
        the piece's own slug, never a folder)."""
        for segment in url_folders(url):
            found = self._by_word.get(_words(segment))
            if found:
                return found
        return None

    def of_article(self, article: Article) -> str | None:
        """The section an article belongs to: the first its stated sections name, else the
        first a folder of its URL names, else none."""
        extra = article.extra
        for stated in stated_sections(extra.get("sections")) + stated_sections(
            extra.get("section")
        ):
            found = self.named(stated)
            if found:
                return found
        return self.of_url(article.url)

    def of_event(self, articles: Iterable[Article]) -> tuple[str, ...]:
        """Every section the coverage belongs to, the most articles' first (then in the
        site's order)."""
        counts = Counter(s for a in articles if (s := self.of_article(a)))
        order = {name: n for n, name in enumerate(self.names)}
        return tuple(sorted(counts, key=lambda s: (-counts[s], order[s])))


NO_SECTIONS = Sections({})


def sections_from(value: object) -> Sections:
    """The config's ``sections``: ``standard``, ``none``, or a mapping of names to words."""
    if value == "standard":
        return Sections(STANDARD)
    if isinstance(value, Mapping):
        return Sections({str(k): [str(w) for w in v or ()] for k, v in value.items()})
    return NO_SECTIONS


def check_sections(value: object) -> str | None:
    """The config check of ``sections``."""
    if isinstance(value, str):
        return None if value in ("standard", "none") else "must be standard, none or a mapping"
    if not isinstance(value, Mapping):
        return "must be standard, none or a mapping of section names to lists of words"
    for name, words in value.items():
        if not isinstance(name, str) or not name.strip():
            return "section names must be text"
        if words is not None and (
            not isinstance(words, list) or not all(isinstance(w, str) for w in words)
        ):
            return f"{name}: must be a list of words"
    return None


def stated_sections(value: object) -> list[str]:
    """A front-matter ``sections`` (a list, or one text) as a list of texts, read as input."""
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [s.strip()[:200] for s in items[:MAX_STATED] if isinstance(s, str) and s.strip()]
