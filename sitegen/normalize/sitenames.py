"""What a site calls itself, as a page shows it: the names it gives its site, its host (and
the names of the news agencies and a few common hosts), and a ``<title>``'s part that is the
site's name rather than the article's (pure; no list of sites)."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

WIRE_AND_COMMON_HOSTS = {
    "apnews.com": "Associated Press",
    "ap.org": "Associated Press",
    "reuters.com": "Reuters",
    "afp.com": "AFP",
    "upi.com": "UPI",
    "bbc.co.uk": "BBC News",
    "bbc.com": "BBC News",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "theguardian.com": "The Guardian",
    "cnn.com": "CNN",
    "bloomberg.com": "Bloomberg",
    "ft.com": "Financial Times",
    "npr.org": "NPR",
}
"""Names for the hosts of the news agencies and of a few outlets that many pages come from,
used only when a page names no site itself: a host (``nytimes.com``) is a poor name to
print. Matched on the host and its parent domains."""

AGENCIES = frozenset(
    """associatedpress ap reuters thomsonreuters afp agencefrancepresse upi
    unitedpressinternational dpa pressassociation pamedia pti presstrustofindia ians ansa efe
    xinhua kyodo kyodonews tass yonhap belga""".split()
)
"""Keys (:func:`name_key`, words run together) of the news agencies' names: a byline part
that is one of them names the wire a story came from, not a person."""
OUTLET_KEYS = AGENCIES | {
    key
    for name in WIRE_AND_COMMON_HOSTS.values()
    for key in (re.sub(r"\W+", "", name.casefold()), re.sub(r"^the|\W+", "", name.casefold()))
}
"""Keys of the agencies' names and of the outlets named in :data:`WIRE_AND_COMMON_HOSTS`
(with and without a leading ``The``): a byline part naming one (``Financial Times`` on a
page another outlet republished) is not a person."""

SEPARATOR = re.compile(r"(\s+(?:\||-|–|—|::|·|»|«|›)\s+)")
"""What sits between a title and the site's name in ``<title>``: ``|``, ``-``, ``–``, ``—``,
``::``, ``·``, ``»``, ``«`` and ``›`` with spaces around them (a hyphen inside a word is no
separator). Only a part that names the site is ever cut at one."""
MAX_NAME_WORDS = 12
"""A name (author, site) longer than this is a sentence or a biography, not a name."""
MAX_TEXT = 300
"""Characters of a stated value that are read at all."""


def plain(text: str) -> str:
    """Character references decoded (some pages escape them twice: ``&amp;#8217;``),
    whitespace collapsed, at most ``MAX_TEXT`` characters."""
    text = html.unescape(text[: MAX_TEXT * 2])
    return " ".join(unicodedata.normalize("NFC", text).split())[:MAX_TEXT]


def name_key(text: str) -> tuple[str, ...]:
    """The words of a name, case, accents and punctuation aside: ``Aktuálně.cz`` and
    ``aktualne cz`` have one key."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return tuple(re.sub(r"[\W_]+", " ", bare).split())


def host_of(url: str) -> str:
    """The host of ``url`` without ``www.``; empty when it has none."""
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""
    return host.removeprefix("www.")


def domain_of(host: str) -> str:
    """The registered domain of a host, without a public-suffix list: the last two labels,
    or three when the second-level one is short (``bbc.co.uk``, ``folha.uol.com.br``)."""
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3 else 2
    return ".".join(labels[-keep:])


@dataclass(frozen=True, slots=True)
class SiteNames:
    """What the site is called: the keys (words run together, :func:`name_key`) of the
    names it gives itself and of its host."""

    keys: frozenset[str]
    """Keys of each name, of its leading part (``Aktuálně.cz`` of ``Aktuálně.cz - Víte, co
    se právě děje``), and of the host with and without its top-level domain."""

    def named_by(self, text: str) -> bool:
        """Whether ``text`` is one of the site's names (the whole of it: a title that
        mentions the site, ``How we designed Dropbox's ATF``, does not name it)."""
        key = "".join(name_key(text))
        return bool(key) and key in self.keys


def site_names(names: Iterable[str], url: str = "") -> SiteNames:
    """The :class:`SiteNames` of a site called ``names`` whose page is at ``url``."""
    keys: set[str] = set()
    for name in names:
        keys.add("".join(name_key(name)))
        keys.add("".join(name_key(SEPARATOR.split(name)[0])))
    host = host_of(url)
    if host:
        domain = domain_of(host)
        keys.update(("".join(name_key(host)), "".join(name_key(domain))))
        keys.add("".join(name_key(domain.split(".")[0])))
    return SiteNames(frozenset(k for k in keys if len(k) >= 2))


def _parts(title: str) -> list[str]:
    """A title cut at its separators: text, separator, text, …; a leading ``Name: `` counts
    as a part too (``The Space Review: Seeking a bigger role …``)."""
    parts = SEPARATOR.split(title)
    lead = _LEAD.match(parts[0])
    if lead:
        parts[:1] = [lead.group(1), lead.group(2), parts[0][lead.end() :]]
    return parts


_LEAD = re.compile(r"^([^:]{2,60})(:\s+)")


def strip_site_affix(title: str, site: SiteNames) -> str:
    """``title`` without a leading or trailing part, after a separator, that names the site
    (``Zuckerberg offers peek … - CNET`` when the site is CNET). Other parts stay: a section
    name, or a site's name the page does not give, is not recognised as one."""
    parts = _parts(title)
    while len(parts) >= 3 and site.named_by(parts[-1]):
        parts = parts[:-2]
    while len(parts) >= 3 and site.named_by(parts[0]):
        parts = parts[2:]
    return "".join(parts).strip()


def title_site_name(title: str, url: str, home_names: Iterable[str] = ()) -> str | None:
    """The name a ``<title>`` gives its site: its first or last part when that is the
    host's name (``Reuters`` of ``… - Reuters`` on ``reuters.com``) or the text of the
    page's link to its home page (the masthead's)."""
    site = site_names(home_names, url)
    parts = _parts(plain(title))
    if len(parts) < 3:
        return None
    for part in (parts[-1], parts[0]):
        if site.named_by(part):
            return part.strip()
    return None


def cut_to_heading(title: str, headings: Iterable[str]) -> str:
    """``title`` cut to its leading or trailing parts (between separators) that are one of
    the page's headings: ``Seeking a bigger role for a big rocket`` of ``The Space Review:
    Seeking a bigger role for a big rocket`` under that ``h1``. The parts cut off name the
    site or its section, whatever they say, and are no longer than it (a heading that matches
    the short end is the site's logo)."""
    parts = _parts(title)
    if len(parts) < 3:
        return title
    wanted = {name_key(h) for h in headings} - {()}
    for end in range(len(parts) - 2, 0, -2):  # the longest run first
        for run in (parts[:end], parts[len(parts) - end :]):
            kept = "".join(run).strip()
            if name_key(kept) in wanted and len(kept) >= len(title) - len(kept):
                return kept
    return title
