"""The article's main block: the densest run of prose on the page.

Menus, link lists, footers and sidebars are runs of short lines; the article is
a run of sentences.  Each undecided line gets a weight (prose: + its words;
a short label-like line: a small penalty; page-furniture vocabulary: a larger
one) and the contiguous run with the largest total is the article.  Lines that
announce a different part of the page (comments, related stories) end the run, and so do
the buttons of a reader thread ("Reply", "Posted by:"), which the page prints once a
comment: from the first of them on, prose counts for little, since the article comes before
its comments and one long comment must not outweigh a short article.  A comment's label
that carries its author's name ("written by Ann,") repeats by its first words; a count of
comments ("104 Comments", "{ 74 comments… }") after the article's prose also opens the thread.
Lines of code and rows of figures cost nothing: no menu reads like them, and an article
that prints a query or a table must not be cut there.
Everything undecided outside the run is junk.  Lines other rules have already
decided weigh nothing, so a share bar inside the article does not cut it.
"""

from __future__ import annotations

import re
from collections import Counter

from sitegen.normalize.draft import JUNK, Block, Draft

PROSE_CAP = 80
"""A single long line counts at most this many words."""
SHORT_PENALTY = 8.0
"""What a short non-prose line (menu item, label) costs."""
FURNITURE_PENALTY = 25.0
"""What a line of page-furniture vocabulary costs."""
TAIL_WORDS = 5
"""After the run, following lines of at least this many words (a list, a table) still belong
to the article, up to the first short or furniture line."""
ITEM_WORDS = 3
"""After a line that announces a list ("The tour dates:"), its items may be this short."""
SHORT_RULES = frozenset({"date_line", "tags", "teasers", "batch_template"})
"""Rules whose lines still weigh as short lines: a list of teasers carries a date per story,
and taking those lines out first must not make a sidebar look like one run of prose."""
MIN_BLOCK_WORDS = 30
TEASER_LEAD = 2
TEASER_FACTOR = 0.15
"""Pages with less prose than this are left alone: too little to tell article from page."""

_FURNITURE = re.compile(
    r"\b(cookies?|newsletter|subscribe|subscription|sign ?in|log ?in|javascript|"
    r"privacy (policy|settings|overview)|all rights reserved|terms (of|and) (use|service)|"
    r"download (the|our) app|follow us|share (this|on)|"
    r"datenschutz|impressum|anmelden|berlangganan|assine|cadastre|política de privacidade|"
    r"suscr[ií]b\w*|abonn\w*|connexion)\b",
)
"""Vocabulary of page furniture strong enough to count against a short paragraph too.
Searched in a block's key (lower-case words), like ``_LABELS``."""
_LABELS = re.compile(
    r"\b(copyright|advertis\w*|sponsored|register|browser|kommentar\w*|iklan|publicidade|"
    r"publicit[eé]|privacy|contact|about us|sitemap)\b",
)
"""Words that mark a short line as page furniture, but are ordinary in running text."""
_SHORT_FURNITURE = re.compile(f"{_FURNITURE.pattern}|{_LABELS.pattern}")
"""Either of the above, in one search (most lines of a page are short)."""
_COMMENT_COUNT = (
    r"^\W*((see|view|read|show) (all )?)?\d+ (comments?|responses?|replies|trackbacks?)\b"
)
"""A count of comments, which opens a thread whatever follows it ("104 Comments +")."""
_SECTION_END = re.compile(
    r"^(\d+\s+)?(comments?|responses?|replies|reactions?|leave a (comment|reply)|"
    r"post a comment|add (a )?comment|join the (discussion|conversation)|tell us what you think|"
    r"related( (articles|stories|posts|content|news)( (to|on|about) .*)?)?|"
    r"more (stories|articles|news|from)\b.*|"
    r"you (may|might) (also )?like|recommended( for you)?|read (more|next|also)|"
    r"most (read|popular|viewed)|trending( now)?|popular (posts|stories)|latest (news|posts)|"
    r"about the author|"
    r"(about|über) (?!us\b|me\b|uns\b)(?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3})|"
    r"über (den autor|die autorin)|sobre (el|o|a) autora?|à propos de l'auteur|"
    r"share this( article| story)?|kommentare?|kommentarer|komentar|komentarze|comentários?|"
    r"commentaires?|comentarios?|commenti|reacties|комментари\w*|отзывы|"
    r"artikel terkait|baca juga|veja também|leia (mais|também))"
    r"\s*[:»›>.!]?\s*(\(\d+\))?$"
    rf"|{_COMMENT_COUNT}"
    r"|^trackbacks?\b",
    re.IGNORECASE,
)
"""A line that begins a part of the page other than the article: its comments, related
stories, the author's box.  A count of comments begins the thread whatever follows it
("104 Comments +", "{ 74 comments… read them below }")."""


_INTERACTION = re.compile(
    r"\b(repl(y|ies)|respond|report|flag|like|permalink|posted|says|said|wrote|writes|written|"
    r"quote|vote|votes|points|score|antwort\w*|responder|r[ée]pondre|rispondi|"
    r"ответить|回复|返信)\b"
)
"""What readers can do to a comment, or how a comment is introduced: the vocabulary of a
thread's repeated furniture."""
THREAD_FACTOR = 0.15
"""Prose after a thread's first repeated furniture counts for this share of its words: the
article comes before its comments, and a long comment must not outweigh a short article."""
REPEATS = 3
REPEAT_WORDS = 6
"""A line of at most this many words that the page prints :data:`REPEATS` times is furniture
of a repeated unit."""
SHAPE_WORDS = 16
"""A comment's own label (its author, date and buttons: "Posted by Ann on May 5 at 7:56 am |
Reply") has at most this many words."""
SECTION_END_WORDS = 12
"""A section heading is short; longer lines are not tried against ``_SECTION_END``."""


THREAD_AFTER = 50.0
"""A thread's heading that ends the heaviest run yet, of at least this much prose, ends the
article: what follows it counts as comments do (:data:`THREAD_FACTOR`).  Anywhere else (a
"3 Comments" link by the byline) such a heading only breaks the run.  Chosen over the halves
of the development sets: every value from 50 to 300 gives the same held-out figure."""
_THREAD = re.compile(
    rf"{_COMMENT_COUNT}|"
    r"^(comments?|responses?|replies|reactions?)\s*\(\d+\)$|"
    r"^(leave a (comment|reply)|post a comment|add (a |your )?comment|"
    r"join the (discussion|conversation))",
    re.IGNORECASE,
)


THREAD_WORDS = 30
"""A thread's heading may restate the article's title ("9 Responses to “…”")."""


def _opens_thread(block: Block) -> bool:
    """True for the heading of a comment thread (a count of comments, "Leave a reply"),
    undecided or claimed by the comments rule; a bare "Comments" is as often a link in a
    share bar, and is not one."""
    if block.label is not None and block.rule != "comments":
        return False
    return block.n_words <= THREAD_WORDS and _THREAD.match(block.text) is not None


def _is_section_end(block: Block) -> bool:
    return block.n_words <= SECTION_END_WORDS and _SECTION_END.match(block.text) is not None


def furniture(block: Block) -> bool:
    """True for a line in page-furniture vocabulary (menus, sign-in, cookies, ads...)."""
    return _SHORT_FURNITURE.search(block.key) is not None


def weight(block: Block) -> float:
    """How much a line says "article": positive for prose, negative for page furniture."""
    if block.label is not None:
        short = block.rule in SHORT_RULES and not not_a_label(block)
        return -SHORT_PENALTY if short else 0.0
    if block.prose:
        if block.n_words < 40 and _FURNITURE.search(block.key):
            return -FURNITURE_PENALTY
        return float(min(block.n_words, PROSE_CAP))
    if _SHORT_FURNITURE.search(block.key):
        return -FURNITURE_PENALTY
    if not_a_label(block):
        return -INLINE_PENALTY
    return -SHORT_PENALTY


INLINE_PENALTY = 0.0
"""What a short line of code or data costs: nothing, since no menu reads like one."""
_CODE_MARK = re.compile(r"[{};=│┼─]")
"""Code (braces, semicolons, assignments) and a table's rules."""
_CODE_WORD = re.compile(r"\w_\w|\w\(")
"""An identifier with an underscore, a call."""
_QUANTITY = re.compile(r"\d\.\d|\d\s*%")
"""A decimal, a percentage."""
_MARK_OR_DIGIT = re.compile(r"[{};=│┼─\d]")
"""What a line of code or figures has: one search rules most lines out."""
BULLETS = frozenset("-+*•·–")
"""What starts an item of a list written as text (``+ Added …``, ``* Fixed …``)."""
_FIGURE = re.compile(r"^[-+−(]?(?=.*(?:[$€£¥%]|\d[.,:]\d))[$€£¥]?\d[\d.,:]*%?\)?$")
"""A figure as a table's cell prints it (``71.1``, ``-81%``, ``$4,084``, ``0:13``); a bare
whole number (a count, a page number) is not enough."""


def not_a_label(block: Block) -> bool:
    """A short line that no menu or label reads like: a line of code, a row of a table of
    figures (quantities, or at least half of its words figures), an item of a written list.
    (The cheap tests come first: this is asked of nearly every short line of a page.)"""
    text = block.text
    if text[0] in BULLETS and text[1:2] == " ":
        return not _is_section_end(block)
    if ("_" in text or "(" in text) and _CODE_WORD.search(text):
        return not _is_section_end(block)
    mark = _MARK_OR_DIGIT.search(text)
    if mark is None:
        return False
    if _CODE_MARK.search(text, mark.start()) or _QUANTITY.search(text):
        return not _is_section_end(block)
    cells = text.replace("(", " (").split()
    figures = sum(1 for cell in cells if _FIGURE.match(cell))
    return figures >= 1 and 2 * figures >= len(cells)


def _weights(blocks: tuple[Block, ...]) -> list[float]:
    """Line weights, with teaser lists damped.

    A paragraph right after two or more short lines (another story's headline,
    byline, date) looks like a teaser; when the paragraph before it looked like
    one too, it is part of a list of teasers and counts for little.  The first
    such paragraph is not damped: it is usually the article's own lede under its
    headline and byline.
    """
    out = []
    shorts = 0
    previous_teaser = False
    for block in blocks:
        w = weight(block)
        if block.label is None:
            if block.prose:
                teaser = shorts >= TEASER_LEAD
                if teaser and previous_teaser:
                    w *= TEASER_FACTOR
                previous_teaser = teaser
                shorts = 0
            else:
                shorts += 1
        elif block.rule in SHORT_RULES:
            shorts += 1
        out.append(w)
    return out


def repeated_lines(blocks: tuple[Block, ...]) -> frozenset[str]:
    """Keys of the short lines the page prints :data:`REPEATS` times or more: the buttons and
    labels of a repeated unit ("Reply", "Posted by:", "Flag as inappropriate"), which is a
    comment thread or a list, never the article's own text.  A label that carries its
    comment's own name or date ("written by Ann,", "Bob says:") repeats by its shape, the words
    it starts with; those are counted among the lines no other rule has claimed (the
    article's own byline has been)."""
    short = [
        b
        for b in blocks
        if b.key and b.n_words <= SHAPE_WORDS and not b.prose and _INTERACTION.search(b.key)
    ]
    counts = Counter(b.key for b in short if b.n_words <= REPEAT_WORDS)
    shaped = [b for b in short if b.label is None and b.n_words > 2]
    shapes = Counter(_shape(b.key) for b in shaped)
    return frozenset(
        {b.key for b in short if counts[b.key] >= REPEATS}
        | {b.key for b in shaped if shapes[_shape(b.key)] >= REPEATS}
    )


def _shape(key: str) -> str:
    """The first two words of a line's key."""
    return " ".join(key.split(" ", 2)[:2])


def best_run(blocks: tuple[Block, ...]) -> tuple[int, int] | None:
    """(first, last) index of the heaviest contiguous run; section ends, and the furniture a
    page repeats, break runs."""
    best: tuple[float, int, int] | None = None
    total, start = 0.0, 0
    weights = _weights(blocks)
    repeated = repeated_lines(blocks)
    factor = 1.0
    for i, block in enumerate(blocks):
        if block.key in repeated:  # a thread has begun: what follows is its comments
            total, start, factor = 0.0, i + 1, THREAD_FACTOR
            continue
        thread = _opens_thread(block)
        if thread or (block.label is None and _is_section_end(block)):
            if thread and best is not None and best[0] >= THREAD_AFTER and best[1] == start:
                factor = THREAD_FACTOR  # it ends the heaviest run yet: that was the article
            total, start = 0.0, i + 1
            continue
        if total <= 0:
            total, start = 0.0, i
        total += weights[i] * (factor if weights[i] > 0 else 1.0)
        if total > 0 and (best is None or total > best[0]):
            best = (total, start, i)
    return (best[1], best[2]) if best else None


def _extend(blocks: tuple[Block, ...], first: int, last: int) -> tuple[int, int]:
    """Grow the run over the list or table lines that directly follow it, and over the lines
    of code, figures or a written list (:func:`not_a_label`) on either side of it."""
    end = last
    tail_words = ITEM_WORDS if blocks[last].text.endswith(":") else TAIL_WORDS
    for i in range(last + 1, len(blocks)):
        block = blocks[i]
        if block.label is not None:
            continue
        if not_a_label(block):
            end = i
            continue
        if block.n_words < tail_words or weight(block) <= -FURNITURE_PENALTY:
            break
        if _is_section_end(block):
            break
        end = i
    start = first
    for i in range(first - 1, -1, -1):
        block = blocks[i]
        if block.label is not None:
            continue
        if not not_a_label(block):
            break
        start = i
    return start, end


def apply(draft: Draft) -> Draft:
    """Label undecided lines outside the main block as junk."""
    prose_words = sum(b.n_words for b in draft.blocks if b.label is None and b.prose)
    if prose_words < MIN_BLOCK_WORDS:
        return draft
    run = best_run(draft.blocks)
    if run is None:
        return draft
    first, last = _extend(draft.blocks, *run)
    changes = {
        b.line: (JUNK, "main_block", None)
        for i, b in enumerate(draft.blocks)
        if b.label is None and not first <= i <= last
    }
    return draft.relabel(changes) if changes else draft
