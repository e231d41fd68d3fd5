"""Find the headline among the first lines of a dump.

A line is a candidate when it is headline-shaped (2-20 words, not menu wording).  It scores when
the page repeats it (scraped pages often print the headline twice) or ends a
breadcrumb trail with it; failing that, a first line that does not read like a
sentence is the headline (a weak guess: the ``headline`` rule may replace it with
the line that heads the article's first paragraph).  Lines before the headline are
the page's masthead.  A repeated line needs ``MIN_REPEATED_WORDS`` words: menus
repeat "Top Stories" too.  Lines the site prints on many pages of the import (its
template, see :mod:`normalize.batch`) are never the headline.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection

from sitegen.normalize.batch import line_key
from sitegen.normalize.draft import TITLE, Block, Draft, ends_sentence, key, words
from sitegen.normalize.rules.breadcrumb import crumb_tail, is_breadcrumb

HEADER_LINES = 8
MIN_REPEATED_WORDS = 4

_NAVIGATION = re.compile(
    r"\b(?:menu|navigation|back to|skip to|go to|jump to|switch (?:site|edition)|home ?page|"
    r"(?:find|follow|like) us on|zurück zu\w*|übersicht|retour à|volver a|"
    r"voltar (?:para|ao?)|kembali ke)\b"
)
"""Menu and navigation wording, searched in a line's key: such a line is never the
headline, however often the page repeats it ("Back To Main Menu" under every menu)."""


def _headline_shaped(block: Block) -> bool:
    n = len(words(block.text))
    return (
        2 <= n <= 20
        and len(block.text) <= 200
        and not block.text.endswith(":")
        and _NAVIGATION.search(block.key) is None
    )


def _echo_keys(blocks: tuple[Block, ...]) -> Counter[str]:
    """How often each line's key occurs, counting a breadcrumb's last segment as an echo."""
    keys: Counter[str] = Counter(b.key for b in blocks)
    for b in blocks:
        if is_breadcrumb(b.text):
            keys[key(crumb_tail(b.text))] += 1
    return keys


def _pick(draft: Draft) -> tuple[Block, str] | None:
    template = draft.meta.get("template_lines") or ()
    assert isinstance(template, Collection)
    blocks = draft.blocks
    if template:
        blocks = tuple(b for b in blocks if line_key(b.text) not in template)
    header = blocks[:HEADER_LINES]
    echoes = _echo_keys(blocks)
    for block in header:
        if (
            _headline_shaped(block)
            and echoes[block.key] > 1
            and block.n_words >= MIN_REPEATED_WORDS
        ):
            return block, "repeated"
    first = blocks[0] if blocks else None
    if first and _headline_shaped(first) and not is_breadcrumb(first.text):
        n = len(words(first.text))
        if not ends_sentence(first.text) or n <= 12:
            return first, "first_line"
    return None


def apply(draft: Draft) -> Draft:
    """Label the headline line ``title`` and record it, unless the input named a title."""
    given = draft.meta.get("title")
    if given:
        k = key(str(given))
        changes = {b.line: (TITLE, "title", None) for b in draft.blocks[:1] if key(b.text) == k}
        return (draft.relabel(changes) if changes else draft).with_meta(title_basis="given")
    picked = _pick(draft)
    if picked is None:
        return draft
    block, basis = picked
    draft = draft.relabel({block.line: (TITLE, "title", None)})
    return draft.with_meta(title=block.text, title_basis=basis)
