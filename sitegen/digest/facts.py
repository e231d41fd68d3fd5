"""The checkable facts a sentence states, as the digest compares them between reports:
numbers (``#57``) and names (``@zelens``, keyed loosely)."""

from __future__ import annotations

import re

from sitegen.cluster.text import STOPWORDS

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
UPPER = "A-ZÀ-ÖØ-ÞĀĆČĎĐĘĚŁŃŇŌŐŒŘŚŠŤŪŮŰŹŻŽ"
_CAPITAL_WORD = re.compile(rf"(?=[{UPPER}])(?<![\w'’])[{UPPER}][\w'’.-]*")
"""A capitalised word (the look-ahead only skips other positions sooner)."""
NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december today yesterday tomorrow nobody
    everybody everyone somebody someone anybody anyone people others critics witnesses residents
    experts analysts sources""".split()
) | {"i", "he", "she", "it", "we", "they", "you", "mr", "mrs", "ms", "dr"}
"""Capitalised words that are not names (nor name a speaker)."""


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
    if lowered in STOPWORDS or lowered in NOT_NAMES or len(lowered) < 2:
        return ""
    return "@" + _name_key(word)
