"""A guess at an article's language from its own words, for inputs that do not say.

Scripts settle it for Chinese, Japanese, Korean, Arabic, Hebrew, Greek, Thai and
Hindi; Cyrillic text is Russian or Ukrainian by their own letters.  Latin-script
text is scored by how many of its words are the commonest function words of each
language ("the", "und", "que", "yang" ...); the best needs a clear lead, or there
is no guess.  The result is an ISO 639-1 code.  Pure and cheap: the first
2,000 characters are enough.
"""

from __future__ import annotations

import re
from collections import Counter

SAMPLE_CHARS = 2000
MIN_HITS = 4
"""Function words needed before a Latin-script guess is made."""
LEAD = 1.5
"""The best language must have this many times the runner-up's hits."""

FUNCTION_WORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "en": "the and of to in is that for was with on are by this from has have were which",
        "de": "der die und das ist nicht den mit sich des auf dem ein eine wird für auch von",
        "fr": "le la les des est une que dans pour qui sur pas par au du avec sont cette",
        "es": "el la los las del que por una con para como está más pero sus fue según",
        "pt": "o os da do das dos que não uma com para como mais pelo pela foi são ao",
        "it": "il della che di per non una sono con gli alla anche più nel delle questo",
        "nl": "de het een van en is dat niet op te zijn voor met die aan ook werd",
        "id": "yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ada oleh",
        "sv": "och att det som en på är av för med till den inte har om var",
        "pl": "się nie jest na że do w z od jak po oraz przez także być",
        "tr": "ve bir bu için ile da de olarak çok daha gibi olan ama",
    }.items()
}
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UKRAINIAN = re.compile(r"[іїєґ]", re.IGNORECASE)
_NON_LATIN = re.compile(
    r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u0900-\u097f\u0e00-\u0e7f"
    r"\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]"
)
"""Letters of the scripts below, and Cyrillic."""
_WORD = re.compile(r"[^\W\d_]+")


def guess_language(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in, or None if unclear."""
    sample = text[:SAMPLE_CHARS]
    if not sample.isascii():
        other = "".join(_NON_LATIN.findall(sample))
        if len(other) * 4 >= len(sample):
            return _script_language(other)
    words = Counter(_WORD.findall(sample.lower()))
    hits = sorted(
        (
            (sum(words[w] for w in vocab if w in words), code)
            for code, vocab in FUNCTION_WORDS.items()
        ),
        reverse=True,
    )
    (best, code), (second, _) = hits[0], hits[1]
    if best >= MIN_HITS and best >= LEAD * second:
        return code
    return None


def _script_language(letters: str) -> str | None:
    """The language of text mostly in one non-Latin script (``letters``: its letters)."""
    for code, script in _SCRIPTS:
        if len(script.findall(letters)) * 3 >= len(letters):
            return code
    cyrillic = len(_CYRILLIC.findall(letters))
    if cyrillic * 2 >= len(letters):
        return "uk" if len(_UKRAINIAN.findall(letters)) * 100 >= cyrillic else "ru"
    return None
