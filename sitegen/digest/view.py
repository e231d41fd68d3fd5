"""The digest as a view model: every piece with its article's outlet, title and page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sitegen.digest.model import Digest


def digest_view(digest: Digest, cards: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The digest as a view model: each item carries its article's ``outlet`` (or None),
    ``title`` and page ``url`` from ``cards`` (article cards by id); ``coverage`` is the
    reports' cards, each with its copies' cards under ``copies``."""

    def ref(aid: str) -> dict[str, Any]:
        card = cards[aid]
        source = card.get("source")
        return {
            "outlet": source["name"] if source else None,
            "title": card["title"],
            "url": card["url"],
        }

    return {
        "summary": [{"text": p.text, **ref(p.article_id)} for p in digest.summary],
        "additions": [
            {"sentences": list(a.sentences), **ref(a.article_id)} for a in digest.additions
        ],
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "role": q.role, **ref(q.article_id)}
            for q in digest.quotes
        ],
        "coverage": [
            {**cards[r.article_id], "copies": [cards[c] for c in r.copies]} for r in digest.reports
        ],
    }
