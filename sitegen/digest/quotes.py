"""Direct quotations with a named speaker (``"...," Name said``, ``Name said: "..."``,
``according to Name``), and the key quotes of an event.  Attributions are looked for in a
bounded window around each quotation, so the work grows linearly with the text."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from sitegen.cluster.text import STOPWORDS, tokens
from sitegen.digest.copies import independent
from sitegen.digest.coverage import SAME_POINT, Coverage, similarity, weight, word_count
from sitegen.digest.facts import NOT_NAMES, UPPER
from sitegen.digest.model import Quote
from sitegen.model import Article, NearDuplicate

QUOTES_MAX = 4
QUOTE_WORDS = 6
"""Shortest quotation (in words) worth showing as a key quote."""
WINDOW = 200
"""Characters before and after a quotation searched for its speaker."""

QUOTE = re.compile(r"[“\"]([^“”\"\n]{1,2000})[”\"]")
_NAME_WORD = rf"[{UPPER}][\w'’.-]*"
_PARTICLE = r"(?:de|da|del|der|di|dos|du|la|le|van|von|bin|al|ibn)"
_NAME = rf"{_NAME_WORD}(?:[ \t]+(?:{_NAME_WORD}|{_PARTICLE}(?=[ \t]))){{0,4}}"
_ROLE = r"[^,;:“”\"\n]{1,90}?"
_VERB = (
    r"(?:said|says|added|adds|told|tells|stated|states|wrote|writes|tweeted|posted|declared|"
    r"warned|argued|insisted|noted|explained|claimed|asked|replied|continued|announced|"
    r"commented|recalled|acknowledged|admitted|urged|remarked|conceded|stressed|"
    r"emphasi[sz]ed|cautioned|predicted|promised|vowed)\b"
)
_DESCRIBED = r"(?:[a-z][\w'’-]*[ \t]+){0,3}"
"""Up to three lower-case words before a name ("harbour master Ilse Brandt", "the Kremlin")."""
_AFTER = re.compile(
    rf"\s*[,.!?]?\s*(?:[—–-]\s*)?(?:"
    rf"{_DESCRIBED}(?P<n1>{_NAME})(?:,[ \t](?P<r1>{_ROLE}),)?[ \t]+{_VERB}"
    rf"|{_VERB}[ \t]+{_DESCRIBED}(?P<n2>{_NAME})(?:,[ \t](?P<r2>[^,;:.“”\"\n]{{1,90}}))?"
    rf"|according[ \t]+to[ \t]+{_DESCRIBED}(?P<n3>{_NAME})"
    rf"(?:,[ \t](?P<r3>[^,;:.“”\"\n]{{1,90}}))?)"
)
_BEFORE = re.compile(
    rf"(?:(?P<n1>{_NAME})(?:,[ \t](?P<r1>{_ROLE}),)?[ \t]+{_VERB}(?:[ \t]+[\w'’-]+){{0,6}}?"
    rf"|[Aa]ccording[ \t]+to[ \t]+(?:the[ \t]+)?(?P<n2>{_NAME})(?:,[ \t](?P<r2>{_ROLE}))?)"
    r"[ \t]*[:,]?[ \t]*$"
)
_TITLES = frozenset(
    """president minister secretary spokesman spokeswoman spokesperson official officials
    police chief director governor mayor senator judge prosecutor officer commissioner
    chairman chairwoman statement report""".split()
)
"""Words that describe a speaker without naming one (a speaker of one such word is none)."""


def _clean_speaker(name: str | None) -> str | None:
    if not name:
        return None
    words = name.split()
    while words and (words[0].lower() in STOPWORDS or words[0].lower() in NOT_NAMES):
        words.pop(0)
    if not words or any(ch.isdigit() for ch in name):
        return None
    if len(words) == 1 and words[0].lower() in _TITLES:
        return None
    words[-1] = re.sub(r"(?:['’]s?|[.,])$", "", words[-1]) or words[-1]
    if all(w.lower() in NOT_NAMES or w.lower() in STOPWORDS for w in words):
        return None
    return " ".join(words)


def _clean_role(role: str | None) -> str | None:
    role = (role or "").strip(" ,")
    return role or None


def find_quotes(paragraph: str) -> list[Quote]:
    """Every quotation in a plain-text paragraph, with its speaker when the text names one.

    Straight and curly double quotes are recognised.  The speaker is looked for right
    after the quotation (``"...," Name said``, ``"..." said Name, role``, ``"..."
    according to Name``) and then right before it (``Name said: "..."``, ``Name, role,
    said "..."``, ``According to Name, "..."``).  Pronouns ("he said") name nobody.
    """
    out = []
    for m in QUOTE.finditer(paragraph):
        text = m.group(1).strip()
        if text.endswith(","):
            text = text[:-1] + "."
        speaker = role = None
        after = _AFTER.match(paragraph[m.end() : m.end() + WINDOW])
        if after:
            n = after.group("n1") or after.group("n2") or after.group("n3")
            speaker = _clean_speaker(n)
            role = _clean_role(after.group("r1") or after.group("r2") or after.group("r3"))
        if speaker is None:
            before = _BEFORE.search(paragraph[max(0, m.start() - WINDOW) : m.start()])
            if before:
                speaker = _clean_speaker(before.group("n1") or before.group("n2"))
                role = _clean_role(before.group("r1") or before.group("r2"))
        out.append(Quote(text, speaker, role if speaker else None))
    return out


def coverage_quotes(cov: Coverage) -> tuple[Quote, ...]:
    found = []
    for k, d in enumerate(cov.docs):
        for p, para in enumerate(d.paragraphs):
            if '"' not in para and "“" not in para:
                continue
            for q in find_quotes(para):
                if q.speaker is None or word_count(q.text) < QUOTE_WORDS:
                    continue
                toks = tokens(q.text)
                score = cov.centrality(set(toks))
                quote = Quote(q.text, q.speaker, q.role, d.article.id)
                partial = not q.text[:1].isupper()
                found.append((partial, -score, k, p, frozenset(toks), quote))
    found.sort(key=lambda t: t[:4])
    chosen: list[tuple[frozenset[str], float, Quote]] = []
    for distinct in (True, False):
        for *_, terms, q in found:
            if len(chosen) == QUOTES_MAX:
                break
            if any(c is q for *_, c in chosen):
                continue
            if distinct and any(c.speaker == q.speaker for *_, c in chosen):
                continue
            w = weight(terms, cov.idf)
            if any(similarity(terms, t, cov.idf, w, wt) >= SAME_POINT for t, wt, _ in chosen):
                continue
            chosen.append((terms, w, q))
    return tuple(q for *_, q in chosen)


def key_quotes(
    articles: Sequence[Article], duplicate_of: Mapping[str, NearDuplicate] | None = None
) -> tuple[Quote, ...]:
    """Up to four quotations of at least six words with a named speaker, from the
    independent reports: whole quotations before partial ones (that start mid-sentence),
    the ones closest to the event's centroid first, one per speaker before a second from
    anyone, and never the same words twice."""
    return coverage_quotes(Coverage(independent(articles, duplicate_of or {})))
