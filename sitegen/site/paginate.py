"""Long lists cut into numbered pages, each with its navigation (pure).

Every list of the site (the home page's events, the outlets of ``sources/``, a
source's articles, an entity's or a month's events, a storyline's timeline) goes
through :func:`paginate`: page 1 lives at the list's own URL and page N at
``page/N/`` below it (see ``SiteIndex.page_url``).  Each page's view model
carries a ``pagination`` mapping that the theme's ``pager`` macro turns into a
"page N of M" navigation with ``rel="prev"``/``rel="next"`` links, and that
``base.html`` turns into ``<link rel="prev|next">``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")

WINDOW = 2
"""Pages linked on each side of the current one (the first and last are always linked)."""


@dataclass(frozen=True, slots=True)
class Slice(Generic[T]):
    """One page of a list."""

    number: int
    """1-based page number."""
    count: int
    """How many pages the list has (at least 1)."""
    items: Sequence[T]
    """What this page shows."""
    url: str
    """The page's href."""
    path: str
    """The page's output file inside ``build/`` (``sources/x/page/2/index.html``)."""
    nav: dict[str, Any]
    """The ``pagination`` view model (see :func:`navigation`), with ``start``: the 1-based
    position of the page's first item in the whole list."""


def output_path(href: str, prefix: str = "") -> str:
    """The file an href is written to: ``/base/a/b/`` -> ``a/b/index.html``; ``/`` ->
    ``index.html``.  ``prefix`` is the site's base path (without its trailing ``/``)."""
    rel = href[len(prefix) :] if prefix and href.startswith(prefix) else href
    rel = rel.strip("/")
    return f"{rel}/index.html" if rel else "index.html"


def page_count(total: int, size: int) -> int:
    """Pages needed for ``total`` items, ``size`` a page; an empty list still has page 1."""
    return max(1, -(-total // max(1, size)))


def navigation(number: int, count: int, url: Callable[[int], str]) -> dict[str, Any]:
    """The ``pagination`` view model of page ``number`` of ``count``: hrefs of the previous,
    next, first and last pages (None where there is none) and a short run of numbered
    links (``{"number", "url", "current"}``, with ``None`` where pages are skipped)."""
    shown = sorted({1, count, *range(max(1, number - WINDOW), min(count, number + WINDOW) + 1)})
    links: list[dict[str, Any] | None] = []
    for n in shown:
        if links and (last := links[-1]) is not None and n > last["number"] + 1:
            links.append(None)
        links.append({"number": n, "url": url(n), "current": n == number})
    return {
        "number": number,
        "count": count,
        "url": url(number),
        "prev": url(number - 1) if number > 1 else None,
        "next": url(number + 1) if number < count else None,
        "first": url(1),
        "last": url(count),
        "links": links if count > 1 else [],
    }


def paginate(
    items: Sequence[T], size: int, url: Callable[[int], str], prefix: str = ""
) -> list[Slice[T]]:
    """``items`` in pages of ``size`` (the last may be shorter; an empty list gives one empty
    page).  ``url(n)`` is the href of page ``n``; ``prefix`` the site's base path, which
    hrefs start with and output paths do not."""
    size = max(1, size)
    count = page_count(len(items), size)
    out = []
    for number in range(1, count + 1):
        href = url(number)
        out.append(
            Slice(
                number=number,
                count=count,
                items=items[(number - 1) * size : number * size],
                url=href,
                path=output_path(href, prefix),
                nav={**navigation(number, count, url), "start": (number - 1) * size + 1},
            )
        )
    return out
