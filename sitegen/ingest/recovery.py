"""How a saved page's extraction is judged, and what makes the reader try another: a
list taken for the article, too few of the page's words of prose, a fragment without the
headline; and a second copy of the story in the text, kept once."""

from __future__ import annotations

import re
from typing import Any

from sitegen import structure

SUSPECT_LINES = 30
SHORT_LINE_WORDS = 6
SUSPECT_SHORT_SHARE = 0.6
"""The quick pass's text is checked: with at least ``SUSPECT_LINES`` lines, of which this
share has fewer than ``SHORT_LINE_WORDS`` words, it is a list, not an article, and the
page is extracted again with trafilatura's fallbacks (readability, jusText) compared."""
PARTIAL_MAX_WORDS = 600
PARTIAL_SHARE = 0.3
PROSE_PARAGRAPH_WORDS = 12
"""A quick extraction of fewer than ``PARTIAL_MAX_WORDS`` words holding less than this share of
the words in the page's paragraphs may have kept a teaser or a box and dropped the article:
the full extraction is tried, and kept when it finds more. (On the development pages this
rescues a 99-word extraction of a 796-word article and changes nothing else; a larger share
let the full extraction bring in other pages' text.)"""


def word_count(text: str) -> int:
    return len(structure.unmarked(text).split())


_NOT_ARTICLE = (
    "//aside | //footer | //nav | //script | //style | //noscript | //template"
    " | //body//*[not(self::article or self::main)]"
    "[contains(translate(concat(@class, ' ', @id), 'COMENT', 'coment'), 'comment')]"
)
"""Parts of a page that are not its article by what HTML says of them (and readers' comments,
by the name nearly every site gives them)."""


def page_prose_words(data: bytes) -> int:
    """Words in the page's paragraphs of running text (``p`` elements of 12 words or more),
    outside asides, footers, navigation and comments: what an extraction that found the whole
    article should come near."""
    from lxml import etree, html

    try:
        tree = html.fromstring(data)
    except (etree.ParserError, ValueError):
        return 0
    return prose_words(tree)


def prose_words(tree: Any) -> int:
    """:func:`page_prose_words` of a parsed page, which is left as it is."""
    outside = [p for part in tree.xpath(_NOT_ARTICLE) for p in part.iter("p")]
    skip = {id(p) for p in outside}  # the list keeps each element, so its id, alive
    seen: set[str] = set()
    words = 0
    for paragraph in tree.iter("p"):
        if id(paragraph) in skip:
            continue
        text = " ".join(paragraph.text_content().split())
        n = len(text.split())
        if n >= PROSE_PARAGRAPH_WORDS and text not in seen:  # a copy of it counts once
            seen.add(text)
            words += n
    return words


REPEAT_WORDS = 10
REPEAT_RUN = 2
"""A run of at least ``REPEAT_RUN`` consecutive lines of ``REPEAT_WORDS`` words (of letters)
or more that
the extraction repeats word for word, in the same order, is a second copy of the story (a
print version, a hidden duplicate): it is kept once. A single repeated line (an interview's
recurring question, a line of code) stays."""


_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")


def _line_key(line: str) -> str:
    return " ".join(structure.unmarked(line).lower().split())


def drop_repeats(text: str) -> str:
    """``text`` without later copies of its runs of long lines (see ``REPEAT_RUN``)."""
    lines = text.split("\n")
    keys = [_line_key(line) for line in lines]
    long = [len(_LETTER_WORD.findall(key)) >= REPEAT_WORDS for key in keys]
    first: dict[tuple[str, ...], int] = {}  # each run of REPEAT_RUN long lines -> where it starts
    drop: set[int] = set()
    for at in range(len(lines) - REPEAT_RUN + 1):
        if not all(long[at : at + REPEAT_RUN]):
            continue
        run = tuple(keys[at : at + REPEAT_RUN])
        if run in first and first[run] + REPEAT_RUN <= at:
            drop.update(range(at, at + REPEAT_RUN))
        else:
            first.setdefault(run, at)
    return "\n".join(line for at, line in enumerate(lines) if at not in drop)


def looks_like_an_article(text: str) -> bool:
    """False for an extraction that is mostly short lines: a tag cloud or a menu, taken
    for the article when the page's markup misled the quick pass."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < SUSPECT_LINES:
        return True
    short = sum(1 for line in lines if len(line.split()) < SHORT_LINE_WORDS)
    return short < SUSPECT_SHORT_SHARE * len(lines)


HEADLESS_MAX_WORDS = 150
HEADLINE_SHARE = 0.8
"""A quick extraction of fewer than ``HEADLESS_MAX_WORDS`` words that lacks the headline may be
a fragment of the story (a box beside it, its last paragraph): the full extraction is tried,
and kept when it holds the headline, which is where the story's block begins, and is longer.
(trafilatura leaves the headline out of most extractions, so lacking it is no evidence alone;
the word bound keeps the extra extraction to short, suspect ones.) An extraction holds the
headline when one of its lines, not much longer than the headline, has ``HEADLINE_SHARE`` of
its distinct words."""
_WORD = re.compile(r"\w+")


def holds_headline(text: str, title: str) -> bool:
    """Whether a line of ``text`` is the headline ``title`` (see ``HEADLINE_SHARE``); True when
    there is no title to look for."""
    wanted = {w.lower() for w in _WORD.findall(title)}
    if not wanted:
        return True
    for line in text.split("\n"):
        words = [w.lower() for w in _WORD.findall(structure.unmarked(line))]
        short = 0 < len(words) <= 2 * len(wanted) + 3
        if short and len(wanted.intersection(words)) >= HEADLINE_SHARE * len(wanted):
            return True
    return False
