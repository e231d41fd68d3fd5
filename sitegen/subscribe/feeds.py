"""``feeds:`` in ``sitegen.yaml``: the feeds a site follows, as typed subscriptions.

Each item is a feed URL, or a mapping::

    feeds:
      - https://example.org/rss
      - url: https://news.example.com/atom.xml
        name: Example News        # the outlet's name, used as every entry's source
        full_text: auto           # auto | always | never: fetch the linked page?
        include: [harbour, /\\bport(s)?\\b/]   # keep only entries that match one
        exclude: sponsored        # drop entries that match one
        language: en

A word matches as a whole word, in any case; ``/.../`` is a regular expression (searched
case-insensitively).  Both look at an entry's title, summary and categories.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sitegen.languages import language_tag

FULL_TEXT = ("auto", "always", "never")
KEYS = ("url", "name", "full_text", "include", "exclude", "language")
_URL = re.compile(r"https?://[^\s/?#]+[^\s]*")


@dataclass(frozen=True, slots=True)
class Subscription:
    """One feed the site follows."""

    url: str
    """The feed's address (http or https)."""
    name: str | None = None
    """The outlet's name, used as every entry's source; else the page's or the feed's own."""
    full_text: str = "auto"
    """``auto``: fetch the linked page for an entry that carries only a teaser; ``always``:
    for every entry; ``never``: import what the feed carries."""
    include: tuple[str, ...] = ()
    """Patterns an entry must match one of (none: every entry)."""
    exclude: tuple[str, ...] = ()
    """Patterns that drop an entry."""
    language: str | None = None
    """The language of its entries, when the feed does not say."""


def pattern(text: str) -> re.Pattern[str]:
    """A word as a whole-word match, ``/regex/`` as itself; both ignore case."""
    if len(text) >= 2 and text.startswith("/") and text.endswith("/"):
        return re.compile(text[1:-1], re.IGNORECASE)
    return re.compile(rf"(?<!\w){re.escape(text)}(?!\w)", re.IGNORECASE)


def matches(sub: Subscription, text: str) -> bool:
    """True when an entry's ``text`` passes the subscription's include and exclude lists."""
    if sub.include and not any(pattern(p).search(text) for p in sub.include):
        return False
    return not any(pattern(p).search(text) for p in sub.exclude)


def _patterns(value: Any, key: str) -> tuple[tuple[str, ...], str | None]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(p, str) and p for p in items):
        return (), f"{key}: must be a word, a /regular expression/ or a list of them"
    for p in items:
        try:
            pattern(p)
        except re.error as exc:
            return (), f"{key}: {p!r} is not a regular expression ({exc})"
    return tuple(items), None


def parse_subscription(item: Any) -> Subscription | str:
    """One ``feeds:`` item as a subscription, or a one-line reason it is not one."""
    if isinstance(item, str):
        item = {"url": item}
    if not isinstance(item, Mapping):
        return "must be a feed URL or a mapping with `url`"
    unknown = sorted(str(k) for k in item if k not in KEYS)
    if unknown:
        return f"unknown key `{unknown[0]}` (keys: {', '.join(KEYS)})"
    url = item.get("url")
    if not isinstance(url, str) or not _URL.fullmatch(url):
        return f"url {url!r}: must be an absolute http(s) URL"
    name = item.get("name")
    if name is not None and (not isinstance(name, str) or not name.strip() or "\n" in name):
        return "name: must be one line of text"
    full_text = item.get("full_text", "auto")
    if full_text not in FULL_TEXT:
        return f"full_text: must be one of {', '.join(FULL_TEXT)}"
    include, problem = _patterns(item.get("include", []), "include")
    if problem:
        return problem
    exclude, problem = _patterns(item.get("exclude", []), "exclude")
    if problem:
        return problem
    language = item.get("language")
    if language is not None and not language_tag(language):
        return "language: must be a language tag like en or pt-BR"
    return Subscription(
        url, name.strip() if name else None, str(full_text), include, exclude, language
    )


def check_feeds(value: Any) -> str | None:
    """The config check of ``feeds:``: the first problem, naming the item, or None."""
    seen: set[str] = set()
    for n, item in enumerate(value, start=1):
        sub = parse_subscription(item)
        if isinstance(sub, str):
            return f"item {n}: {sub}"
        if sub.url in seen:
            return f"item {n}: {sub.url} is listed twice"
        seen.add(sub.url)
    return None


def subscriptions(items: Sequence[Any]) -> tuple[Subscription, ...]:
    """The validated ``feeds:`` list (``config["feeds"]``) as subscriptions."""
    out = []
    for item in items:
        sub = parse_subscription(item)
        if isinstance(sub, str):
            raise ValueError(sub)
        out.append(sub)
    return tuple(out)


def as_config(sub: Subscription) -> str | dict[str, object]:
    """The ``feeds:`` item that reads back as ``sub``: its URL alone when every option is the
    default."""
    data: dict[str, object] = {"url": sub.url}
    if sub.name:
        data["name"] = sub.name
    if sub.full_text != "auto":
        data["full_text"] = sub.full_text
    if sub.include:
        data["include"] = list(sub.include)
    if sub.exclude:
        data["exclude"] = list(sub.exclude)
    if sub.language:
        data["language"] = sub.language
    return sub.url if len(data) == 1 else data
