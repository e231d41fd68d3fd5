"""Names in running text: people, places and organisations (pure).

A name is a run of capitalised words ("Hong Kong", "Michael McDonald", "Bank of
England", "NASA").  What is not a name is told from the language and from the text
itself, never from a list of particular names:
- calendar words, function words and page words are dropped from either end of a run,
  and a run of nothing else is no name ("Monday", "The", "Share");
- a title or role inside a run starts the name after it ("President Donald Trump" and
  "Police Chief Charles Craft" are "Donald Trump" and "Charles Craft");
- "of" after a name of several words joins two names ("Areej Mehdi of Lahore");
- nationality, religion and ideology adjectives alone are no name ("American"), nor is
  a lone demonym ("Balinese"), nor a one-word name the same text also writes in lower
  case ("Air" beside "air");
- a sentence's first word is capitalised whatever it is: it is dropped from a longer run
  when the text also writes it in lower case ("Definitely Rosie Garthwaite"), and a
  one-word run there counts only if the text also uses it mid-sentence;
- a line in title case (a headline, a menu) names nothing unless the text confirms it.

:func:`mentions` lists the names of a text as written, once per mention; the words they
are told apart from are :mod:`~sitegen.text.namewords`', and which names an event shows
(short forms folded under full names) is :mod:`~sitegen.text.shown`'s.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Container, Iterable, Mapping

from sitegen.text.namewords import (
    CALENDAR,
    COMMON,
    COMMON_ACRONYMS,
    SUFFIXES,
    TITLES,
    is_acronym,
    is_link,
    is_plural_acronym,
    not_a_name,
    word_key,
)
from sitegen.text.shown import canonical_names

_WORD = (
    r"(?:[A-Z](?:[a-z]+|['’][A-Z][a-z]+)(?:[A-Z][a-z]+)*|[a-z][A-Z][a-z]+(?:[A-Z][a-z]+)*"
    r"|[A-Z]+&[A-Z]+|[A-Z]\.(?:[A-Z]\.)+|[A-Z]{2,6}s?)"
)
"""One capitalised word: "Kong", "McDonald", "O'Brien", "DiCaprio", "iPhone", an acronym
"NASA", "AT&T", "U.S."."""
_LINK = r"(?:(?:of|for)(?:[ \t]the)?|de|da|di|du|del|della|van|von|der|den|al|bin|la|le|y|&|and)"
"""Lower-case words that sit inside names ("Bank of England", "Ludwig van Beethoven",
"Industrial Light & Magic")."""
_INITIALS = r"(?:[ \t](?:[A-Z]\.[ \t])+)"
"""Middle initials inside a name ("Donald J. Trump")."""
_RUN = re.compile(
    rf"(?<![\w'’-]){_WORD}(?:(?:{_INITIALS}|[ -]|['’]s[ \t]|[ \t](?:{_LINK}[ \t])+){_WORD})*"
    r"(?:[- ]\d{1,4}(?![\w-]|[.,:/]\d))?(?![\w-])"
)
"""A run of capitalised words, with the links, initials and possessives between them and
a number at its end ("AK-47", "S&P 500"; kept only where :func:`_clean` says)."""
_ALONE = re.compile(rf"(?<![\w'’-]){_WORD}(?![\w'’-])")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;…]|[\"“‘«(\[—–]|\s[-•*])\s*$")


def _pieces(
    words: list[str],
    alone: Collection[str] = (),
    runs: Collection[str] = (),
    repeated: Collection[str] = (),
) -> list[list[str]]:
    """A run cut where it joins two names: at a title inside it, when a name follows
    ("Police Chief Charles Craft": the name is what follows; "Department of Justice"
    keeps its last word), at "of" or "for" after a name of several words that the text
    also uses on its own or before "the" ("Areej Mehdi of Lahore" beside "Mehdi", "Alex
    Horton of the Washington Post"; not "Bank of England" or "Central Bureau of
    Investigation"), and after a possessive ("the BBC's Emily Maitlis") unless the text
    repeats the whole and never names the owner alone ("Sam's Club": ``repeated``, not in
    ``alone``)."""
    if _CUT in words:
        k = words.index(_CUT)
        before, after = words[:k], words[k + 1 :]
        return _pieces(before, alone, runs, repeated) + _pieces(after, alone, runs, repeated)
    titles = [
        k
        for k, w in enumerate(words)
        if word_key(w) in TITLES and not is_link(w) and any(not is_link(x) for x in words[k + 1 :])
    ]
    if titles:
        words = words[titles[-1] + 1 :]
        if words and words[0] in ("of", "for"):
            return _pieces(_office(words, runs), alone, runs, repeated)
    pieces: list[list[str]] = [[]]
    for k, word in enumerate(words):
        current = pieces[-1]
        following = words[k + 1] if k + 1 < len(words) else ""
        several = len([w for w in current if not is_link(w)]) > 1
        known = " ".join(current) in runs or (current and current[-1] in runs)
        if word in ("of", "for") and several and (known or following == "the"):
            pieces.append([])
            continue
        stem = word[:-2] if word.endswith(("'s", "’s")) else word
        if stem != word and (stem in alone or f"{word} {following}" not in repeated):
            current.append(stem)
            pieces.append([])
            continue
        current.append(word)
    return [p for p in pieces if p]


def _office(words: list[str], runs: Collection[str]) -> list[str]:
    """What follows "President of ...": the place of the office, then the holder's name,
    cut where the holder is named elsewhere in the text ("Ukraine" | "Petro Poroshenko"
    beside "Poroshenko"), else before the last two words ("Secretary of State Mike
    Pompeo")."""
    rest = [w for w in words[1:] if w != "the"] if len(words) > 1 else []
    heads = [k for k in range(1, len(rest)) if not is_link(rest[k])]
    for k in heads:
        holder = rest[k:]
        if " ".join(holder) in runs or holder[-1] in runs:
            return [*rest[:k], _CUT, *holder]
    if len(rest) >= 3:
        return [*rest[:-2], _CUT, *rest[-2:]]
    return rest


def _numbered(words: list[str]) -> bool:
    """Whether a number ending a run is part of the name: hyphened to it ("COVID-19"),
    after an acronym ("S&P 500") or after a name of several words ("Apple Watch Series
    3"), never after a date ("March 3") or a lone name ("Chelsea 2", a score)."""
    last = words[-1]
    if not last.isdigit():
        return not not_a_name(last.split("-")[0])
    before = words[:-1]
    if not before or word_key(before[-1]) in CALENDAR or is_link(before[-1]):
        return False
    return is_acronym(before[-1]) or len(before) >= 2


def _clean(words: list[str]) -> str:
    """The name a piece of a run holds, or ``""``: leading and trailing words that are no
    part of a name (links, common words, adjectives, dates) removed."""
    while words and not_a_name(words[0], adjective=False):
        words = words[1:]
    if words and words[-1][-1].isdigit() and not _numbered(words):
        words = [*words[:-1], *words[-1].split("-")[:-1]]
    while words and (
        is_link(words[-1])
        or word_key(words[-1]) in CALENDAR
        or word_key(words[-1]) in COMMON_ACRONYMS
        or is_plural_acronym(words[-1])
        or words[-1] in ("The", "A", "An")
    ):
        words = words[:-1]
    if words:
        last = words[-1]
        words = [*words[:-1], last[:-2] if last.endswith(("'s", "’s")) else last]
    if not words or all(not_a_name(w) or word_key(w) in TITLES for w in words):
        return ""
    if len(words) == 1 and (
        len(words[0]) < 2 or words[0].endswith("ese") or word_key(words[0]) in SUFFIXES
    ):
        return ""  # a demonym ("Balinese"), a lone letter or a company's "Inc"
    return " ".join(words)


_POSSESSIVE = re.compile(r"\b[A-Z][\w.&]*['’]s [A-Z][\w-]*")
_ADDRESS = re.compile(r"://|www\.|@|\.(?:com|org|net|gov|edu|io)\b")
_URLISH = re.compile(r"\S*(?:://|www\.|@|\.(?:com|org|net|gov|edu|io)\b)\S*")
"""Web and mail addresses: their lower-case words say nothing of how a word is written."""
_LOWER = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")
_LINE_WORD = re.compile(r"[^\W\d_][\w'’-]*")


PROSE_WORDS = 8
"""Words from which a line without a sentence's closing stop still counts as prose."""


def _unsure_line(line: str) -> bool:
    """A line whose capitals say nothing of names: one in title case (a headline, a menu)
    or a short label, list item or caption that is no sentence ("Added Granite")."""
    words = _LINE_WORD.findall(line)
    major = [w for w in words if len(w) > 3]
    if len(major) >= 3 and sum(w[0].isupper() for w in major) >= 0.8 * len(major):
        return True
    return len(words) < PROSE_WORDS and not re.search(r"[.!?…][\"”’)]*\s*$", line)


ENGLISH = frozenset(
    """the of and to a in is that for it on was with as by at from be this are have has an
    he she they""".split()
)
"""The commonest English words: about a quarter of any English text, almost none of another
language's."""
ENGLISH_SHARE = 0.1
"""Share of a text's words that are :data:`ENGLISH` below which it is taken for another
language (English texts of the development sets: 0.16 and up; others: 0.06 and below)."""


def is_english(text: str) -> bool:
    """Whether the rules of English capitals apply: short texts are given the benefit."""
    words = _LINE_WORD.findall(text.lower())
    if len(words) < 40:
        return True
    return sum(1 for w in words if w in ENGLISH) >= ENGLISH_SHARE * len(words)


_CUT = "|"
"""Where a run holds two names (see :func:`_split_compounds`)."""


def _and_joins(words: list[str], common: Callable[[str], bool]) -> list[str]:
    """ "and" inside a run joins one name when a side of it would be no name alone ("Food and
    Drug Administration", "Centers for Disease Control and Prevention"); otherwise it
    stands between two ("Trump and Biden")."""
    out: list[str] = []
    side: list[str] = []
    for word in [*words, "and"]:
        if word != "and":
            side.append(word)
            continue
        if out:
            left = out[out.index(_CUT) + 1 :] if _CUT in out else out
            weak = any(all(common(w) and not not_a_name(w) for w in part) for part in (left, side))
            joined = weak and len([w for w in left + side if not is_link(w)]) >= 3
            out.append("and" if joined else _CUT)
        out.extend(side)
        side = []
    return out


def _sentence_ends(words: list[str]) -> list[str]:
    """A run cut where a sentence ends inside it: after "U.S." or an initial when a
    function word follows ("in the U.S. They said")."""
    out: list[str] = []
    for k, word in enumerate(words):
        if k and words[k - 1].endswith(".") and word_key(word) in COMMON:
            out.append(_CUT)
        out.append(word)
    return out


def _split_compounds(words: list[str], alone: set[str]) -> list[str]:
    """Hyphenated capitals are one name ("Ta-Nehisi Coates", "Coca-Cola") unless every
    part is also a name on its own in the text ("Trump-Putin", "US-China")."""
    out: list[str] = []
    for word in words:
        parts = [p for p in word.split("-") if p]
        if len(parts) > 1 and all(p in alone for p in parts):
            for part in parts:
                out.extend((part, _CUT))
            out.pop()
        else:
            out.append(word)
    return out


_MID_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+(?![\w'’-])")
"""A capitalised word after a lower-case word: capitalised for being a name, not for
starting a sentence."""


def case_counts(text: str) -> tuple[Counter[str], Counter[str]]:
    """How often ``text`` writes each word in lower case, and capitalised inside a sentence
    (what :func:`common_words` adds up over a collection)."""
    low = Counter(w.replace("’", "'") for w in _LOWER.findall(text))
    high = Counter(word_key(w) for w in _MID_CAPITAL.findall(text))
    return low, high


def common_from(counts: Iterable[tuple[Mapping[str, int], Mapping[str, int]]]) -> frozenset[str]:
    """:func:`common_words` from each text's :func:`case_counts`."""
    low: Counter[str] = Counter()
    high: Counter[str] = Counter()
    for text_low, text_high in counts:
        low.update(text_low)
        high.update(text_high)
    return frozenset(w for w, n in low.items() if n > high[w])


def common_words(texts: Iterable[str]) -> frozenset[str]:
    """The words a collection of texts writes in lower case more often than capitalised
    inside a sentence ("doctors", "added", "server"; not "trump" beside "Trump"): what its
    capitals at the start of a line or sentence say nothing about."""
    return common_from(case_counts(text) for text in texts)


_NOT_WORD = " \t+-*•·–—#>\"“”‘’'«»()[]{}0123456789.)"
_WORD_BEFORE = re.compile(r"([\w'’]+)\.\s*$")


def _starts_sentence(line: str, at: int) -> bool:
    """Whether the word at ``at`` starts a sentence (not after "Dr." or an initial)."""
    if not line[:at].strip(_NOT_WORD):
        return True  # only bullets, quotes or numbering before it on its line
    if not _SENTENCE_START.search(line, max(0, at - 3), at):
        return False
    before = _WORD_BEFORE.search(line, max(0, at - 30), at)
    return not (before and (len(before.group(1)) == 1 or word_key(before.group(1)) in TITLES))


class AskedWords(Container[str]):
    """Common words that note every word asked about: what a text's names depended on.

    :func:`mentions` reads the site's common words only by membership, so the names it
    finds in a text stay the same for as long as each word asked about is common, or not,
    as it was (the names cache keeps the two lists).  Membership is all it answers."""

    def __init__(self, words: frozenset[str]) -> None:
        self.words = words
        self.asked: set[str] = set()

    def __contains__(self, word: object) -> bool:
        if isinstance(word, str):
            self.asked.add(word)
        return word in self.words


def mentions(text: str, common: Container[str] = frozenset()) -> list[str]:
    """Every name the text uses, as written, once per mention (see the module's notes).
    Capitals mark names only in English: a text in another language has none here.
    ``common`` are the words the site's texts mostly write in lower case
    (:func:`common_words`): one of them alone, or starting a sentence, is no name."""
    if not is_english(text):
        return []
    plain = _URLISH.sub(" ", text) if _ADDRESS.search(text) else text
    lower = {w.replace("’", "'") for w in _LOWER.findall(plain)}
    alone = set(_ALONE.findall(text))

    def written_lower(word: str) -> bool:
        return word_key(word) in lower or word_key(word) in common

    def is_common(word: str) -> bool:
        return not is_acronym(word) and written_lower(word)

    matches = list(_RUN.finditer(text))
    runs = {m.group(0) for m in matches}
    pairs = Counter(_POSSESSIVE.findall(text))
    repeated = {p for p, n in pairs.items() if n > 1}
    found: list[tuple[str, bool]] = []
    by_line: dict[int, list[re.Match[str]]] = {}
    for m in matches:
        by_line.setdefault(text.rfind("\n", 0, m.start()) + 1, []).append(m)
    for begin, in_line in by_line.items():
        end = text.find("\n", begin)
        line = text[begin : end + 1 if end >= 0 else len(text)]
        headline = _unsure_line(line)
        for found_at in in_line:
            match = _RUN.match(line, found_at.start() - begin)
            if match is None or _in_formula(line, match.start(), match.end()):
                continue
            words = _sentence_ends(_split_compounds(match.group(0).split(), alone))
            starts = _starts_sentence(line, match.start())
            readings = [(words, False)]
            if starts and len(words) > 1 and not is_acronym(words[0]):
                first = word_key(words[0])
                if first in lower:
                    # a word the text writes in lower case, capitalised to start the sentence
                    readings = [(words[1:], False)]
                elif first in common:
                    # one the site mostly writes in lower case: the whole run ("New Delhi")
                    # or the rest ("Added Granite") only if the text confirms it elsewhere
                    readings = [(words, True), (words[1:], True)]
            for run, doubt in readings:
                if "and" in run:
                    run = _and_joins(run, is_common)
                for piece in _pieces(run, alone, runs, repeated):
                    name = _clean(piece)
                    if not name:
                        continue
                    single = " " not in name
                    if single and is_common(name):
                        continue  # a common word: the text or the site writes it in lower case
                    if _shouted(name, written_lower):
                        continue
                    sure = not (headline or doubt or (starts and single and len(run) == 1))
                    found.append((name, sure))
    confirmed = {n for n, sure in found if sure}
    names = [n for n, sure in found if sure or n in confirmed]
    short = canonical_names([names])  # "the Commission" of a text that names it in full
    return [short.get(n, n) for n in names]


def _shouted(name: str, written_lower: Callable[[str], bool]) -> bool:
    """Common words in capitals ("MUST SEE", "WILL NOT WORK", "ONLY"): emphasis, not an
    acronym (one of two or three letters may be both: "US", "IT")."""
    words = name.split()
    if len(words) == 1 and len(name) < 4:
        return False
    return all(w.isupper() and written_lower(w) for w in words)


_SYMBOL = frozenset("=<>+×÷^≤≥≠")
"""Operators: a capital beside one is a symbol of a formula ("AB = BA")."""


def _in_formula(line: str, start: int, end: int) -> bool:
    before = line[:start].rstrip()[-1:]
    after = line[end:].lstrip()[:1]
    return before in _SYMBOL or after in _SYMBOL
