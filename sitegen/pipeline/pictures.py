"""Event pictures drawn once per coverage (the ``pictures`` stage cache).

An event's charts (:func:`~sitegen.site.lists.draw_pictures`) read its articles' dates and
outlets and nothing else, so they are kept under a key of exactly those: a build draws
only the pictures of events whose dates or outlets changed.  The cache holds the markup
sitegen drew (its file is checksummed like every stage's, and lives in the site's own
work folder, beside the templates that could say anything too).
"""

from __future__ import annotations

import json

from markupsafe import Markup

from sitegen.cache import StageCache, content_key
from sitegen.site.catalogue import ENGLISH, Words
from sitegen.site.index import SiteIndex
from sitegen.site.lists import Pictures, draw_pictures, picture_data

PICTURES_VERSION = "1"
"""Bumped whenever :mod:`sitegen.site.charts` draws differently."""


def _is_pictures(value: object) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(v is None or type(v) is str for v in value)
    )


def cached_pictures(
    index: SiteIndex, cache: StageCache, words: Words = ENGLISH
) -> dict[str, Pictures]:
    """:func:`~sitegen.site.lists.event_pictures`, each drawing whose data ``cache`` has
    seen taken from there."""
    found: dict[str, Pictures] = {}
    for eid, event in index.events.items():
        data = picture_data(index, event)
        key = content_key(PICTURES_VERSION, words.key, json.dumps(data))
        hit = cache.get(key, _is_pictures)
        if hit is None:
            drawn = draw_pictures(data, words)
            cache.put(key, [None if p is None else str(p) for p in drawn])
        else:
            drawn = (
                None if hit[0] is None else Markup(hit[0]),  # noqa: S704 - markup sitegen drew
                None if hit[1] is None else Markup(hit[1]),  # noqa: S704
            )
        found[eid] = drawn
    return found
