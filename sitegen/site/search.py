"""The static search index: ``search.json``, read by ``assets/search.js`` in the browser.

No server is involved: the index holds, for every event and article, the text a
reader would search (headline, outlet, summary, names) and its URL.  The script
matches every query word as a word prefix, ranks headline hits first, and builds
result links with DOM methods (text only, never HTML).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from sitegen.cluster.text import STOPWORDS
from sitegen.site.index import SiteIndex

BODY_WORDS = 150
"""Distinct words of an article's text kept in the index (its most frequent ones): full
text search without shipping every article twice."""
_WORD = re.compile(r"[^\W_]{3,}")
_MARKUP = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def json_bytes(data: object, **options: Any) -> bytes:
    """``data`` as UTF-8 JSON with ``<``, ``>`` and ``&`` written as ``\\u`` escapes: the
    same values to any JSON parser, and no markup to a browser that sniffs it as HTML."""
    return json.dumps(data, ensure_ascii=False, **options).translate(_MARKUP).encode("utf-8")


def body_words(text: str, limit: int = BODY_WORDS) -> str:
    """The article's most frequent distinct words (stopwords dropped), space-separated."""
    counts = Counter(w for w in _WORD.findall(text.lower()) if w not in STOPWORDS)
    return " ".join(w for w, _ in counts.most_common(limit))


def search_index(index: SiteIndex, prefix: str) -> bytes:
    """The index as compact JSON: a list of entries ``{k, t, u, s, d, x, w}`` (kind, title,
    url, source, date, text to match, body words)."""
    entries: list[dict[str, Any]] = []
    for e in index.events.values():
        entries.append(
            {
                "k": "event",
                "t": e.title,
                "u": prefix + index.url_for("event", e.id),
                "x": " ".join(filter(None, [e.summary, " ".join(e.entities)])),
                "n": len(e.article_ids),
            }
        )
    for a in sorted(index.articles.values(), key=lambda a: (a.date or "", a.id), reverse=True):
        event = index.events[index.event_of[a.id]]
        entries.append(
            {
                "k": "article",
                "t": a.title,
                "u": prefix + index.url_for("article", a.id),
                "s": a.source or "",
                "d": (a.date or "")[:10],
                "x": " ".join(filter(None, [a.summary, a.author, event.title])),
                "w": body_words(a.body),
            }
        )
    return json_bytes(entries, separators=(",", ":"))
