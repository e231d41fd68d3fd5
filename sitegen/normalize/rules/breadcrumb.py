"""Breadcrumb trails: ``Home » World » Headline``."""

from __future__ import annotations

import re

from sitegen.normalize.draft import JUNK, Draft

_SEP = re.compile(r"\s+[»›>|/]\s+|\s+[»›]\s*$")
_MARK = re.compile(r"[»›>|/]")
_HOME = re.compile(r"^(home|start|main page|inicio|accueil)\b", re.IGNORECASE)


def is_breadcrumb(text: str) -> bool:
    """A line of segments joined by » › > | / that starts at Home or has several separators."""
    if not _MARK.search(text):
        return False
    seps = len(_SEP.findall(text))
    return (seps >= 1 and bool(_HOME.match(text))) or (seps >= 3 and len(text) < 200)


def crumb_tail(text: str) -> str:
    """The last segment of a breadcrumb trail (usually the page's own headline)."""
    parts = [p for p in _SEP.split(text) if p.strip()]
    return parts[-1] if parts else ""


def apply(draft: Draft) -> Draft:
    """Label breadcrumb lines as junk."""
    changes = {
        b.line: (JUNK, "breadcrumb", None) for b in draft.undecided() if is_breadcrumb(b.text)
    }
    return draft.relabel(changes) if changes else draft
