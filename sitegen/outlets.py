"""One name per outlet, however its articles spell it.

Articles come from many importers and feeds, and each spells its outlet its own way:
``PolitiFact``, ``Politifact``, ``politifact.com``, ``https://www.politifact.com/``, ``The
Guardian`` and ``Guardian``. :func:`outlet_key` gives the spellings of one outlet one key:
case, accents, punctuation, spacing, a leading ``The``, a trailing top-level domain and a
URL's or a host's form aside. :func:`one_name_per_outlet` then shows every article of an
outlet under the spelling most of them use (ties: the best capitalised), so that the site
has one source page per outlet. Different outlets keep different keys, so they keep their
own pages even when their names slug the same. Pure.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from sitegen.model import Article

_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_HOST = re.compile(r"^(?:[\w-]+\.)+[a-z]{2,24}$")
"""A name written as a host (``politifact.com``, ``NJ.com``, ``bbc.co.uk``): its top-level
domain in lower case, as hosts are written (``U.S.News`` is no host)."""
_TLD = re.compile(r"\.(?:co\.|com\.|org\.|net\.|ac\.|gov\.)?[a-z]{2,6}$", re.I)
"""The top-level domain that ends a host (``.com``, ``.co.uk``, ``.com.br``)."""
_HOST_LABELS = frozenset("www m mobile amp edition".split())
"""Leading labels of a host that name no outlet (``www.``, ``m.``, ``edition.``)."""
_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)|copyright\b|all rights reserved)", re.I)
_THE = re.compile(r"^the\s+", re.I)


def _host(text: str) -> str:
    """The host a URL or host-like name states, without ``www.`` and the like; else ``""``."""
    text = text.strip().rstrip("/")
    if _URL.match(text):
        if not text.lower().startswith(("http://", "https://")):
            text = "http://" + text
        try:
            host = urlsplit(text).hostname or ""
        except ValueError:
            return ""
    elif _HOST.match(text):
        host = text
    else:
        return ""
    labels = host.lower().split(".")
    while len(labels) > 2 and labels[0] in _HOST_LABELS:
        labels = labels[1:]
    return ".".join(labels)


def plain_name(name: str) -> str:
    """How an outlet's name reads once a URL or host is told as the host's name
    (``https://www.politifact.com/x`` and ``politifact.com`` read ``politifact``,
    ``NJ.com`` reads ``NJ``); other names as they are, whitespace collapsed."""
    text = " ".join(name.split())
    host = _host(text)
    if not host:
        return text
    if _HOST.match(text) and text.lower().rstrip("/").endswith(host):  # keep its capitals
        host = text[len(text) - len(host) :]
    return _TLD.sub("", host) or host


def outlet_key(name: str) -> str:
    """The key one outlet's spellings share: the letters and digits of its :func:`plain_name`,
    case folded, accents aside, without a leading ``The``. Empty when the name has no letter
    or digit."""
    text = _THE.sub("", plain_name(name))
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", "", bare)


def _capitalisation(name: str) -> tuple[int, int, int]:
    """How well ``name`` is capitalised, higher is better: not a URL or host form, not all
    lower case nor, in words longer than an acronym, all upper case; then the more capitals
    (``PolitiFact`` over ``Politifact``)."""
    letters = [ch for ch in name if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    shouting = upper == len(letters) and any(len(w) > 4 for w in re.findall(r"\w+", name))
    cased = upper > 0 and not shouting
    return (0 if _host(name) else 1, 1 if cased else 0, upper)


def display_name(spellings: Iterable[str]) -> str:
    """The name to show an outlet under, of the spellings its articles use (one per
    article): the most common; of equally common ones, the best capitalised; then the first
    in sorted order, so the choice never depends on the order of the articles. A URL is
    shown as its :func:`plain_name`."""
    counts = Counter(spellings)
    best = max(counts, key=lambda s: (counts[s], _capitalisation(s), [-ord(c) for c in s]))
    return plain_name(best) if _URL.match(best.strip()) else best


def is_outlet_name(name: str) -> bool:
    """Whether ``name`` can name an outlet at all: some letter or digit, and not a
    copyright line."""
    return bool(outlet_key(name)) and not _COPYRIGHT.match(name)


def one_name_per_outlet(articles: Sequence[Article]) -> list[Article]:
    """``articles`` with each outlet under one name (:func:`display_name` of the spellings of
    its :func:`outlet_key`); a source that names no outlet (a copyright line) is dropped."""
    keys: dict[str, str | None] = {}  # each spelling judged once (a site has few outlets)
    for spelling in {a.source for a in articles if a.source}:
        keys[spelling] = outlet_key(spelling) if is_outlet_name(spelling) else None
    spellings: dict[str, list[str]] = {}
    for article in articles:
        source = article.source
        if source and (outlet := keys[source]) is not None:
            spellings.setdefault(outlet, []).append(source)
    names = {key: display_name(found) for key, found in spellings.items()}
    out: list[Article] = []
    for article in articles:
        source = article.source
        key = keys[source] if source else None
        name = names[key] if key is not None else None
        out.append(article if name == source else dataclasses.replace(article, source=name))
    return out
