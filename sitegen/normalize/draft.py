"""The working state of one article while the boilerplate rules run over it.

A text dump is split into :class:`Block` values, one per non-empty line.  Each
rule looks at the blocks still undecided and returns a new :class:`Draft` with
some of them labelled (``junk``, ``front``, ``caption``, ``title``) and perhaps
some metadata found.  Whatever no rule claims is body text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from operator import attrgetter
from types import MappingProxyType
from typing import NamedTuple

from sitegen import structure
from sitegen.normalize.reflow import join_wrapped

BODY, JUNK, FRONT, CAPTION, TITLE = "body", "junk", "front", "caption", "title"

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_LINE_SPACES = re.compile(r"[^\S\n ][^\S\n]*| [^\S\n]+")
"""Whitespace within a line other than a single space (``\\s`` already covers no-break and
typographic spaces); single spaces, nearly all of them, are left as they are."""
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
"""Chinese characters and Japanese kana: scripts written without spaces between words."""
CHARS_PER_WORD = 1.5
"""In those scripts a line's word count is its characters over this (the usual average length
of a Chinese word), so a paragraph of Chinese weighs as a paragraph, not as a label."""
TAIL_CHARS = 12
"""A sentence's end is in its last few characters: a mark and at most a few closing quotes."""
_SENTENCE_END = re.compile(r"[.!?…:;。！？][\"'”’»)\]」』]*$|[\"”’»」』][.!?…。！？]?$")


class Block(NamedTuple):
    """One line of the input (a named tuple: a dump has thousands, made and remade by rules)."""

    line: int
    """1-based line number in the raw text."""
    text: str
    """The line with whitespace normalized."""
    label: str | None = None
    """None while undecided; then body/junk/front/caption/title."""
    rule: str | None = None
    """Name of the rule that labelled it (for ``sitegen normalize --explain``)."""
    n_words: int = -1
    """How many words the text has (computed once; -1 until then)."""
    key: str = ""
    """The text's comparison key (see :func:`key`), computed with ``n_words``."""
    low: str = ""
    """The text in lower case, for the rules' patterns (see :class:`LineMatcher`)."""
    prose: bool = False
    """Reads as running text: 20+ words, or 5+ words ending like a sentence."""
    kind: str = ""
    """Its structure in the page (a heading, a list item, a quote: see :mod:`sitegen.structure`);
    "" for a paragraph or a line of a plain dump."""
    marked: str = ""
    """The text with its emphasis markers, when it has any."""


@dataclass(frozen=True, slots=True)
class Draft:
    """An article in the middle of normalization."""

    blocks: tuple[Block, ...]
    """Every non-empty line, in order."""
    meta: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))
    """Metadata found so far (title, source, author, summary, credits, captions...)."""

    def undecided(self) -> list[Block]:
        """Blocks no rule has labelled yet."""
        return [b for b in self.blocks if b.label is None]

    def relabel(self, changes: Mapping[int, tuple[str, str, str | None]]) -> Draft:
        """Return a copy where block ``line`` gets ``(label, rule, new text or None)``.

        Blocks are in line order, so each change finds its block by bisection."""
        blocks = list(self.blocks)
        for line, (label, rule, text) in changes.items():
            i = bisect_left(blocks, line, key=_LINE)
            if i == len(blocks) or blocks[i].line != line:
                continue
            b = blocks[i]
            if text is None:
                blocks[i] = b._replace(label=label, rule=rule)
            else:
                blocks[i] = _block(b.line, text, label, rule)
        return replace(self, blocks=tuple(blocks))

    def with_meta(self, **found: object) -> Draft:
        """Return a copy with metadata added; keys already set keep their value."""
        meta = dict(self.meta)
        for key, value in found.items():
            if value and not meta.get(key):
                meta[key] = value
        return replace(self, meta=MappingProxyType(meta))

    def append_meta(self, key: str, value: str) -> Draft:
        """Return a copy with ``value`` appended to the list-valued metadata ``key``."""
        meta = dict(self.meta)
        current = meta.get(key, ())
        items = tuple(current) if isinstance(current, tuple | list) else ()
        meta[key] = (*items, value)
        return replace(self, meta=MappingProxyType(meta))


def clean_line(text: str) -> str:
    """Normalize Unicode (NFC), drop invisible characters and collapse whitespace."""
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    return _SPACES.sub(" ", text).strip()


def _block(
    line: int, text: str, label: str | None = None, rule: str | None = None, kind: str = ""
) -> Block:
    """A block with its word count, keys and prose flag filled in (one tokenisation)."""
    low = text.lower()
    ws = _WORD.findall(low)
    n = len(ws) if low.isascii() else len(ws) + int(len(_UNSPACED.findall(low)) / CHARS_PER_WORD)
    prose = n >= 20 or (n >= 5 and ends_sentence(text))
    return Block(line, text, label, rule, n, _key_of(ws), low, prose, kind)


def to_draft(
    text: str, meta: Mapping[str, object] | None = None, structured: bool = False
) -> Draft:
    """Split raw text into one block per non-empty line.

    A plain dump has its hard-wrapped lines joined, and any structure marker in it is just an
    invisible character, dropped. A ``structured`` text (a reader of markup wrote it) keeps its
    lines as they are, each block taking its kind and emphasis from the markers."""
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    text = _LINE_SPACES.sub(" ", text)
    numbered = ((n, raw.strip()) for n, raw in enumerate(text.split("\n"), start=1))
    if not structured:
        lines = join_wrapped((n, structure.unmarked(t)) for n, t in numbered)
        blocks = tuple(_block(number, line) for number, line in lines)
        return Draft(blocks, MappingProxyType(dict(meta or {})))
    found = []
    for number, raw in numbered:
        parsed = structure.parse(raw)
        line = _SPACES.sub(" ", parsed.text).strip()
        if line:
            block = _block(number, line, kind=parsed.kind)
            marked = _SPACES.sub(" ", parsed.marked).strip() if parsed.marked else ""
            found.append(block._replace(marked=marked) if marked else block)
    return Draft(tuple(found), MappingProxyType(dict(meta or {})))


def words(text: str) -> list[str]:
    """The word tokens of a text."""
    return _WORD.findall(text)


def key(text: str) -> str:
    """A comparison key: lower-case words only, so punctuation and quotes don't matter."""
    return _key_of(_WORD.findall(text.lower()))


def _key_of(lower_words: list[str]) -> str:
    """:func:`key` from the words of a lower-cased text (a block computes them anyway)."""
    joined = " ".join(lower_words)
    return joined.replace("’", "'") if "’" in joined else joined


def ends_sentence(text: str) -> bool:
    """True when the text ends like a sentence (terminal punctuation, maybe a closing quote)."""
    return bool(_SENTENCE_END.search(text[-TAIL_CHARS:]))


_LINE = attrgetter("line")

Rule = Callable[[Draft], Draft]
"""A normalization rule: a pure function from draft to draft."""


class LineMatcher:
    """Line patterns, matched case-insensitively in one or two regex calls.

    Patterns are written in lower case and matched against the lower-cased line
    (cheaper than ``re.IGNORECASE``).  Patterns anchored at the start of the line
    are joined into one regex tried only there (``match``); the rest into one
    regex searched along the line.  Anchoring what can be anchored matters: most
    lines of a dump are short menu items, and an unanchored alternation costs a
    try at every character of every one of them.
    """

    __slots__ = ("_anchored", "_anywhere")

    def __init__(self, patterns: Iterable[str]) -> None:
        pats = tuple(patterns)
        for pattern in pats:
            if re.search(r"[A-Z]", re.sub(r"\\.", "", pattern)):
                raise ValueError(f"line patterns are matched in lower case: {pattern!r}")
        self._anchored = _join([p for p in pats if _anchored(p)])
        self._anywhere = _join([p for p in pats if not _anchored(p)])

    def search_lower(self, low: str) -> bool:
        """True when any pattern matches ``low``, a line in lower case (a block's ``low``)."""
        if self._anchored is not None and self._anchored.match(low):
            return True
        return self._anywhere is not None and self._anywhere.search(low) is not None


def _join(patterns: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def _anchored(pattern: str) -> bool:
    """True when every top-level alternative of ``pattern`` starts with ``^``."""
    if not pattern.startswith("^"):
        return False
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0 and not pattern.startswith("^", i + 1):
            return False
        i += 1
    return True


def label_matching(
    draft: Draft,
    matcher: LineMatcher,
    label: str,
    rule: str,
    max_words: int = 30,
) -> Draft:
    """Label every undecided block of at most ``max_words`` words that ``matcher`` matches."""
    search = matcher.search_lower
    changes = {
        b.line: (label, rule, None)
        for b in draft.blocks
        if b.label is None and b.n_words <= max_words and search(b.low)
    }
    return draft.relabel(changes) if changes else draft


def compile_all(*patterns: str) -> LineMatcher:
    """Compile case-insensitive line patterns into one :class:`LineMatcher`."""
    return LineMatcher(patterns)
