"""An article's summary: its standfirst when it has a real one, else its first real sentence.

"Real" means prose: at least :data:`MIN_WORDS` words, ending as a sentence ends, and not a
list item or a table row. A label that sits where a standfirst would (``Photos``, ``Review``,
``- Order Reprints``) is passed over, and sentences are cut by the shared splitter, which
knows that ``Gov.`` or ``Mr.`` does not end one. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable

from sitegen.normalize.draft import clean_line, ends_sentence, words
from sitegen.text.sentences import first

MIN_WORDS = 6
"""Words a sentence needs to be a summary rather than a label."""
MAX_CHARS = 300
"""A longer summary is cut at a word boundary and ends with an ellipsis."""
_NOT_PROSE = ("-", "*", "+", "•", "|", "#", ">", "\\-", "\\*", "\\+", "\\#", "\\>")
"""How list items, table rows, headings and quotes start (escaped or not)."""


def is_prose(text: str) -> bool:
    """True for a sentence that can stand as a summary."""
    text = text.strip()
    return len(words(text)) >= MIN_WORDS and ends_sentence(text) and not text.startswith(_NOT_PROSE)


def _cut(text: str) -> str:
    if len(text) <= MAX_CHARS:
        return text
    return text[:MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def summarize(stated: str | None, paragraphs: Iterable[str]) -> str | None:
    """The summary of an article whose page states ``stated`` (a standfirst or a description,
    if any) and whose body has ``paragraphs``; None when nothing qualifies."""
    if stated:
        text = clean_line(stated)
        if is_prose(first(text)):
            return _cut(text)
    for para in paragraphs:
        sentence = first(para)
        if is_prose(sentence):
            return _cut(sentence)
    return None
