"""What an event page says about its coverage: a summary, what each outlet adds, key quotes.

Everything here is extractive and pure: sentences and quotes are taken as they stand
from the articles' text (Markdown escapes removed), never rewritten, and each one keeps
the id of the article it comes from so the page can attribute and link it.

* :func:`collapse_copies` folds every copy (a :class:`~sitegen.model.NearDuplicate`) under
  the report it repeats.  Copies say nothing of their own, so they are left out of
  everything below.
* :func:`summarize` picks the 2-4 sentences most central to the coverage: closest to the
  event's centroid (every report weighs the same, so terms that several outlets use
  count most), with a bonus for early sentences, and never two that say the same thing.
* :func:`outlet_additions` picks, per report, up to two sentences carrying facts
  (numbers, names, quotations) that no other report of the event carries.
* :func:`find_quotes` and :func:`key_quotes` find direct quotations with a named speaker
  (``"...," Name said``, ``Name said: "..."``, ``according to Name``).

The work grows linearly with the event's text: every sentence is read a fixed number of
times, and attributions are looked for in a bounded window around each quotation.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import mul
from typing import Any

from sitegen.cluster.text import STOPWORDS, centroid, idf_weights, tokens, weigh
from sitegen.model import Article, NearDuplicate
from sitegen.sentences import split as split_sentences

SUMMARY_MIN = 2
SUMMARY_MAX = 4
"""The summary has between this many sentences (when the text has enough)."""
SUMMARY_WORDS = (8, 60)
"""Shortest and longest sentence (in words) the summary takes."""
EARLY_BONUS = 0.5
"""Extra weight of an article's first sentence; it halves every two sentences after."""
SAME_POINT = 0.4
"""IDF-weighted Jaccard similarity of two sentences' content words above which they say the
same thing (sentences of independent reports on one event rarely reach 0.3)."""
REDUNDANCY = 0.5
"""How much a summary sentence's similarity to those already chosen counts against it
(maximal marginal relevance: paraphrases of a chosen point give way to other points)."""
POOL = 24
"""The summary is chosen among this many most central sentences."""
MIN_TERMS = 5
"""Fewest distinct content words of a sentence worth showing (datelines have fewer)."""
ADDITIONS_PER_REPORT = 2
MANY_REPORTS = 6
"""Above this many independent reports, each adds one sentence (the page stays readable)."""
ADDITION_WORDS = (6, 80)
NOVEL_SHARE = 0.25
"""Share of a sentence's content words no other report uses, for it to count as new."""
QUOTES_MAX = 4
QUOTE_WORDS = 6
"""Shortest quotation (in words) worth showing as a key quote."""
WINDOW = 200
"""Characters before and after a quotation searched for its speaker."""

_EMPHASIS = re.compile(r"(?<![\w*\\])(\*{1,2})(?=\S)(.+?)(?<=[^\s\\])\1(?![\w*])")
"""Emphasis as Markdown writes it (``*a*``, ``**a**``): the delimiters go, the words stay. A
star inside a word (``7*7``) or escaped (``\\*``) is a character of the text."""
_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
_HEADING = re.compile(r"^ {0,3}(#{1,6}(\s|$)|(```|~~~)|([-*_] *){3,}$)")
_LINE_MARK = re.compile(r"^ {0,3}(?:> ?)*(?:[-+*] +|\d{1,9}[.)] +)?")
_SPACE = re.compile(r"\s+")
_MARKS = frozenset("#>-+*_`~ \t0123456789")
"""Characters that can start a Markdown block marker: paragraphs that start otherwise and
hold no backslash or line break are plain text already."""
_QUOTE = re.compile(r"[“\"]([^“”\"\n]{1,2000})[”\"]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_UPPER = "A-ZÀ-ÖØ-ÞĀĆČĎĐĘĚŁŃŇŌŐŒŘŚŠŤŪŮŰŹŻŽ"
_CAPITAL_WORD = re.compile(rf"(?=[{_UPPER}])(?<![\w'’])[{_UPPER}][\w'’.-]*")
"""A capitalised word (the look-ahead only skips other positions sooner)."""
_NAME_WORD = rf"[{_UPPER}][\w'’.-]*"
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
_NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december today yesterday tomorrow nobody
    everybody everyone somebody someone anybody anyone people others critics witnesses residents
    experts analysts sources""".split()
) | {"i", "he", "she", "it", "we", "they", "you", "mr", "mrs", "ms", "dr"}
"""Capitalised words that are not names (nor name a speaker)."""
_PRONOUNS = frozenset(
    "he she it its they them their this that these those his her we our i".split()
)
"""First words that make a sentence lean on the one before it: not taken out of context."""
_CONNECTIVES = frozenset("but and or so also however yet still then there here such both".split())
"""First words that tie a sentence to the one before it: not summary material."""
_TITLES = frozenset(
    """president minister secretary spokesman spokeswoman spokesperson official officials
    police chief director governor mayor senator judge prosecutor officer commissioner
    chairman chairwoman statement report""".split()
)
"""Words that describe a speaker without naming one (a speaker of one such word is none)."""
_JUNK = re.compile(r"@|://|www\.")
"""Sentences holding these (addresses, links) are contact lines, not reporting."""


@dataclass(frozen=True, slots=True)
class Point:
    """One sentence taken from one article."""

    text: str
    """The sentence as plain text (Markdown escapes removed; not HTML)."""
    article_id: str
    """The article it comes from."""


@dataclass(frozen=True, slots=True)
class Additions:
    """What one report says that no other report of the event does."""

    article_id: str
    """The report."""
    sentences: tuple[str, ...]
    """Up to :data:`ADDITIONS_PER_REPORT` sentences, in the article's order."""


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation and who said it."""

    text: str
    """The words inside the quotation marks (plain text)."""
    speaker: str | None
    """The person or body the text names as saying it, if it names one."""
    role: str | None = None
    """Their description when the text gives one ("a spokeswoman for ...")."""
    article_id: str = ""
    """The article it was found in (empty for :func:`find_quotes` on loose text)."""


@dataclass(frozen=True, slots=True)
class Report:
    """One independent report of the event, with the copies that repeat it."""

    article_id: str
    """The report."""
    copies: tuple[str, ...] = ()
    """Articles of the event that retell it (timeline order)."""


@dataclass(frozen=True, slots=True)
class Digest:
    """Everything :func:`event_digest` finds for one event."""

    summary: tuple[Point, ...]
    """The sentences most central to the coverage, most central first."""
    additions: tuple[Additions, ...]
    """Per report (timeline order), what only it says; empty for a single report."""
    quotes: tuple[Quote, ...]
    """Key quotations with a named speaker."""
    reports: tuple[Report, ...]
    """Independent reports in timeline order, each with its copies."""


@dataclass(frozen=True, slots=True)
class _Sentence:
    text: str
    terms: frozenset[str]
    """Its content-word stems."""
    position: int
    """Its place in the article (0 for the first sentence)."""
    doc: int
    """Its article's place in :attr:`_Coverage.docs`."""


@dataclass(frozen=True, slots=True)
class _Doc:
    article: Article
    paragraphs: tuple[str, ...]
    """The prose paragraphs as plain text."""


# --- text ---------------------------------------------------------------------------------


def plain_text(markdown: str) -> str:
    """One Markdown paragraph as plain text: escapes, block markers and line breaks removed.

    Inline characters (``*``, ``_``, brackets, ``<``...) stay as they are: the
    normalizer leaves them literal, and the template escapes them on output.
    Headings, fences and rules are not prose and give the empty string.
    """
    if (
        "\\" not in markdown
        and "\n" not in markdown
        and "*" not in markdown
        and markdown[:1] not in _MARKS
    ):
        return _SPACE.sub(" ", markdown).strip()
    if _HEADING.match(markdown):
        return ""
    lines = (_LINE_MARK.sub("", line, count=1) for line in markdown.splitlines())
    text = " ".join(line.removesuffix("\\").strip() for line in lines)
    text = _EMPHASIS.sub(r"\2", text)
    return _SPACE.sub(" ", _ESCAPE.sub(r"\1", text)).strip()


def paragraphs(body: str) -> list[str]:
    """The prose paragraphs of a Markdown body, each as plain text."""
    out = (plain_text(p) for p in re.split(r"\n[ \t]*\n", body))
    return [p for p in out if p]


def _readable(text: str) -> bool:
    """A sentence that stands on its own: quotation marks balanced, not cut off at a comma
    or a colon, not a contact line, not leaning on a pronoun."""
    first = text.split(maxsplit=1)[0].lower().strip("\"“‘'(,")
    return (
        first not in _PRONOUNS
        and not text.rstrip("\"”’'").endswith((":", ",", ";"))
        and _balanced(text)
        and not _JUNK.search(text)
    )


def _words(text: str) -> int:
    return len(text.split())


def _balanced(text: str) -> bool:
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”")


def _weight(terms: Iterable[str], idf: Mapping[str, float]) -> float:
    """Total IDF of some terms (``fsum``: the same in every process, whatever the order a
    set is walked in, so that ties break the same way in every build)."""
    return math.fsum(map(idf.get, terms, repeat(1.0)))


def _similarity(
    a: frozenset[str], b: frozenset[str], idf: Mapping[str, float], wa: float, wb: float
) -> float:
    """IDF-weighted Jaccard similarity of two sets of content words (``wa`` and ``wb``:
    their weights, see ``_weight``)."""
    shared = _weight(a & b, idf)
    union = wa + wb - shared
    return shared / union if union > 0 else 0.0


def _name_key(word: str) -> str:
    """A name as compared between reports: lower case, no possessive, first six letters
    (so that "Zelensky" and "Zelenskiy", "Russia" and "Russian" meet)."""
    return word.lower().replace("’", "'").removesuffix("'s").rstrip(".'-")[:6]


def facts(sentence: str, *, first_word: bool = False) -> set[str]:
    """The checkable facts a sentence states: numbers (``#57``) and names (``@zelens``).

    Names are capitalised words that are not common words, days or months; the
    sentence's first word counts only with ``first_word`` (for whole paragraphs, where
    any capital may be a name).  Each is keyed loosely (see ``_name_key``).
    """
    out = {"#" + n.replace(",", "") for n in _NUMBER.findall(sentence)}
    words = _CAPITAL_WORD.findall(sentence)
    if words and not first_word and _CAPITAL_WORD.match(sentence):
        del words[0]  # the match at the very start is the sentence's first word
    for word in words:
        name = _NAMES.get(word)
        if name is None:
            name = _name_term(word)
            if len(_NAMES) < NAMES_MEMO:
                _NAMES[word] = name
        if name:
            out.add(name)
    return out


_NAMES: dict[str, str] = {}
"""Capitalised word -> its name fact (:func:`_name_term`): the same names recur."""
NAMES_MEMO = 200_000
"""Most capitalised words remembered."""


def _name_term(word: str) -> str:
    """``@`` and the name's key, or ``""`` for a capitalised word that is no name."""
    lowered = word.lower().rstrip(".")
    if lowered in STOPWORDS or lowered in _NOT_NAMES or len(lowered) < 2:
        return ""
    return "@" + _name_key(word)


# --- copies -------------------------------------------------------------------------------


def collapse_copies(
    article_ids: Sequence[str], duplicate_of: Mapping[str, NearDuplicate]
) -> tuple[Report, ...]:
    """The event's independent reports (timeline order), each with its copies.

    A copy of a copy is folded under the first report of the chain.  A copy whose
    original is not in the event stays a report of its own (the page still badges it).
    """
    members = set(article_ids)

    def root(aid: str) -> str:
        seen = {aid}
        while (dup := duplicate_of.get(aid)) and dup.original_id in members:
            aid = dup.original_id
            if aid in seen:
                break
            seen.add(aid)
        return aid

    copies: dict[str, list[str]] = {}
    order: list[str] = []
    for aid in article_ids:
        top = root(aid)
        if top == aid:
            order.append(aid)
            copies.setdefault(aid, [])
        else:
            copies.setdefault(top, []).append(aid)
    return tuple(Report(aid, tuple(copies[aid])) for aid in order)


# --- preparation --------------------------------------------------------------------------


class _Coverage:
    """The independent reports of one event, split and weighed once.

    Terms are weighed by their IDF over the event's sentences (a name in every sentence
    weighs little), and the centroid gives every report the same weight.
    """

    def __init__(self, articles: Sequence[Article]) -> None:
        self.docs = [_Doc(a, tuple(paragraphs(a.body))) for a in articles]
        self.sentences: list[list[_Sentence]] = []
        counts: list[Counter[str]] = []
        for k, d in enumerate(self.docs):
            ss = []
            count: Counter[str] = Counter()
            for i, text in enumerate(s for p in d.paragraphs for s in split_sentences(p)):
                toks = tokens(text)
                if toks:
                    count.update(toks)
                    ss.append(_Sentence(text, frozenset(toks), i, k))
            self.sentences.append(ss)
            counts.append(count)
        self.idf = idf_weights(s.terms for ss in self.sentences for s in ss)
        self.centroid = centroid([weigh(c, self.idf) for c in counts if c])

    def centrality(self, terms: Collection[str]) -> float:
        """Cosine similarity of a set of terms (each counted once) with the centroid."""
        weights = list(map(self.idf.get, terms, repeat(1.0)))
        means = list(map(self.centroid.get, terms, repeat(0.0)))
        norm = math.fsum(map(mul, weights, weights))  # fsum: see _weight
        return math.fsum(map(mul, weights, means)) / math.sqrt(norm) if norm else 0.0


def _independent(
    articles: Sequence[Article], duplicate_of: Mapping[str, NearDuplicate]
) -> list[Article]:
    by_id = {a.id: a for a in articles}
    reports = collapse_copies([a.id for a in articles], duplicate_of)
    return [by_id[r.article_id] for r in reports]


# --- summary ------------------------------------------------------------------------------


def _summary_candidate(s: _Sentence) -> bool:
    low, high = SUMMARY_WORDS
    first = s.text.split(maxsplit=1)[0].lower().strip(",")
    return (
        low <= _words(s.text) <= high
        and len(s.terms) >= MIN_TERMS
        and s.text[0] not in "\"“‘'("
        and first not in _CONNECTIVES
        and _readable(s.text)
    )


def _summarize(cov: _Coverage, shown: str | None) -> tuple[Point, ...]:
    reports = len(cov.docs)
    limit = min(SUMMARY_MAX, max(SUMMARY_MIN, reports + 1))
    per_report = limit if reports == 1 else (limit + 1) // 2
    scored = []
    for ss in cov.sentences:
        for s in ss:
            if _summary_candidate(s):
                early = 1.0 + EARLY_BONUS * 0.5 ** (s.position / 2)
                scored.append((-cov.centrality(s.terms) * early, s.doc, s.position, s))
    scored.sort(key=lambda t: t[:3])
    idf = cov.idf
    pool = [(-t[0], t[3], _weight(t[3].terms, idf)) for t in scored[:POOL]]
    if shown:
        said = frozenset(tokens(shown))
        w = _weight(said, idf)
        pool = [p for p in pool if _similarity(p[1].terms, said, idf, p[2], w) < SAME_POINT]
    chosen: list[_Sentence] = []
    used: Counter[int] = Counter()
    overlap = [0.0] * len(pool)
    """Each candidate's greatest similarity to a chosen sentence, updated as they come."""
    while len(chosen) < limit:
        best: tuple[float, int] | None = None
        for i, (base, s, _) in enumerate(pool):
            if used[s.doc] >= per_report or overlap[i] >= SAME_POINT:
                continue
            value = base - REDUNDANCY * overlap[i]
            if best is None or value > best[0]:
                best = (value, i)
        if best is None:
            break
        _, pick, wp = pool[best[1]]
        chosen.append(pick)
        used[pick.doc] += 1
        overlap[best[1]] = 1.0
        for i, (_, s, w) in enumerate(pool):
            if overlap[i] < SAME_POINT:
                overlap[i] = max(overlap[i], _similarity(s.terms, pick.terms, idf, w, wp))
    return tuple(Point(s.text, cov.docs[s.doc].article.id) for s in chosen)


def summarize(
    articles: Sequence[Article],
    duplicate_of: Mapping[str, NearDuplicate] | None = None,
    shown: str | None = None,
) -> tuple[Point, ...]:
    """The 2-4 sentences most central to the event's coverage, most central first.

    Copies are left out; at most half the sentences come from one report when there
    are several; a sentence that restates ``shown`` (the summary the page already
    shows) or an already chosen one is skipped.  Sentences that lean on the one before
    ("He said...", "But...") or that open a quotation are not taken.
    """
    cov = _Coverage(_independent(articles, duplicate_of or {}))
    return _summarize(cov, shown)


# --- what each report adds ----------------------------------------------------------------


def _additions(
    cov: _Coverage, skip: Iterable[str] = (), quoted: Iterable[str] = ()
) -> tuple[Additions, ...]:
    """See :func:`outlet_additions`; sentences in ``skip`` and sentences holding one of
    the ``quoted`` texts (shown elsewhere on the page) are not taken."""
    if len(cov.docs) < 2:
        return ()
    skipped = set(skip)
    shown_quotes = [q.rstrip(".,!?") for q in quoted]
    term_df: Counter[str] = Counter()
    fact_df: Counter[str] = Counter()
    for d, ss in zip(cov.docs, cov.sentences, strict=True):
        term_df.update(frozenset().union(*(s.terms for s in ss)))
        fact_df.update(set().union(*(facts(p, first_word=True) for p in d.paragraphs)))
    low, high = ADDITION_WORDS
    per_report = ADDITIONS_PER_REPORT if len(cov.docs) <= MANY_REPORTS else 1
    out = []
    for ss in cov.sentences:
        scored = []
        for s in ss:
            if s.text in skipped or not low <= _words(s.text) <= high:
                continue
            if len(s.terms) < MIN_TERMS or not s.text.rstrip("\"”’')").endswith((".", "!", "?")):
                continue
            if not _readable(s.text):
                continue
            share = sum(1 for t in s.terms if term_df[t] == 1) / len(s.terms)
            if share < NOVEL_SHARE or any(q in s.text for q in shown_quotes):
                continue
            new_facts = sum(1 for x in facts(s.text) if fact_df[x] == 1)
            new_quote = any(
                _words(q) >= 3 and sum(term_df[t] == 1 for t in set(tokens(q))) >= 2
                for q in _QUOTE.findall(s.text)
            )
            if not (new_facts or new_quote):
                continue
            if s.text[0] in '"“' and not any(q.speaker for q in find_quotes(s.text)):
                continue
            scored.append((-(new_facts + new_quote + share), s.position, s))
        best = sorted(scored, key=lambda t: t[:2])[:per_report]
        picked = sorted((s for *_, s in best), key=lambda s: s.position)
        if picked:
            aid = cov.docs[picked[0].doc].article.id
            out.append(Additions(aid, tuple(s.text for s in picked)))
    return tuple(out)


def outlet_additions(
    articles: Sequence[Article], duplicate_of: Mapping[str, NearDuplicate] | None = None
) -> tuple[Additions, ...]:
    """Per independent report (timeline order), up to two sentences with facts that no
    other report of the event carries.

    A sentence counts when at least a quarter of its content words appear in no other
    report and it states a number or a name no other report states, or quotes words
    no other report uses.  The sentences with the most such facts are kept, in the
    article's order.  Reports with nothing new, and events with one report, give none.
    """
    return _additions(_Coverage(_independent(articles, duplicate_of or {})))


# --- quotes -------------------------------------------------------------------------------


def _clean_speaker(name: str | None) -> str | None:
    if not name:
        return None
    words = name.split()
    while words and (words[0].lower() in STOPWORDS or words[0].lower() in _NOT_NAMES):
        words.pop(0)
    if not words or any(ch.isdigit() for ch in name):
        return None
    if len(words) == 1 and words[0].lower() in _TITLES:
        return None
    words[-1] = re.sub(r"(?:['’]s?|[.,])$", "", words[-1]) or words[-1]
    if all(w.lower() in _NOT_NAMES or w.lower() in STOPWORDS for w in words):
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
    for m in _QUOTE.finditer(paragraph):
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


def _key_quotes(cov: _Coverage) -> tuple[Quote, ...]:
    found = []
    for k, d in enumerate(cov.docs):
        for p, para in enumerate(d.paragraphs):
            if '"' not in para and "“" not in para:
                continue
            for q in find_quotes(para):
                if q.speaker is None or _words(q.text) < QUOTE_WORDS:
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
            w = _weight(terms, cov.idf)
            if any(_similarity(terms, t, cov.idf, w, wt) >= SAME_POINT for t, wt, _ in chosen):
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
    return _key_quotes(_Coverage(_independent(articles, duplicate_of or {})))


# --- all together -------------------------------------------------------------------------


def event_digest(
    articles: Sequence[Article],
    duplicate_of: Mapping[str, NearDuplicate],
    shown: str | None = None,
) -> Digest:
    """Summary, additions, quotes and reports of one event (``articles`` in timeline
    order; ``duplicate_of`` maps an article id to the report it repeats).  The text is
    split and weighed once for all of them."""
    reports = collapse_copies([a.id for a in articles], duplicate_of)
    by_id = {a.id: a for a in articles}
    cov = _Coverage([by_id[r.article_id] for r in reports])
    summary = _summarize(cov, shown)
    quotes = _key_quotes(cov)
    return Digest(
        summary=summary,
        additions=_additions(cov, skip=[p.text for p in summary], quoted=[q.text for q in quotes]),
        quotes=quotes,
        reports=reports,
    )


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
