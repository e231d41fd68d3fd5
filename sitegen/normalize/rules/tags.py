"""Tag lists and post metadata: ``Tags: a, b, c``, a ``Tags`` heading over its list,
``Posted by X - Category: Y - Tags: Z``, ``Filed under: ...``."""

from __future__ import annotations

import re

from sitegen.normalize.draft import JUNK, Block, Draft

_HEADING = re.compile(
    r"^(?:tags?|tagged(?: with| as)?|topics?|keywords?|categories|category|filed under|"
    r"etiquetas?|marcadores|palavras-chave|schlagwörter|schlagworte|mots-clés|étiquettes|"
    r"topik|kategori)\s*[:»]?\s*",
)
_META_FIELD = re.compile(
    r"\b(?:posted by|published by|written by|publicado por|postado por|escrito por|"
    r"publié par|veröffentlicht von|diposting oleh|category|categoria|categoría|"
    r"catégorie|kategorie|kategori|tags?|filed under)\s*:",
    re.IGNORECASE,
)
MAX_ITEM_WORDS = 6
"""A tag is a name or a short phrase."""
MAX_LIST_LINES = 40


def _is_list(text: str) -> bool:
    """A line of short items separated by commas, pipes or bullets, not a sentence."""
    items = [i for i in re.split(r"\s*[,|•·;]\s*", text) if i]
    return (
        len(items) >= 2
        and all(len(i.split()) <= MAX_ITEM_WORDS for i in items)
        and not text.rstrip().endswith((".", "!", "?"))
    )


def _is_tag(text: str) -> bool:
    """Text that does not end like a sentence or a label: one tag, or the rest of a
    ``Tags:`` line."""
    return not text.rstrip().endswith((".", "!", "?", ":"))


def _is_tagged(rest: str) -> bool:
    """What follows a ``Tags:`` heading on its line is a list, or anything but a sentence."""
    return _is_list(rest) or _is_tag(rest)


def apply(draft: Draft) -> Draft:
    """Label tag lists, their headings and post-metadata lines as junk."""
    changes: dict[int, tuple[str, str, str | None]] = {}
    blocks = draft.blocks
    i = 0
    while i < len(blocks):
        block = blocks[i]
        i += 1
        if block.label is not None or block.n_words > 60:
            continue
        heading = _HEADING.match(block.low)
        has_fields = ":" in block.text and len(_META_FIELD.findall(block.text)) >= 2
        if has_fields or (
            heading and heading.end() < len(block.text) and _is_tagged(block.text[heading.end() :])
        ):
            changes[block.line] = (JUNK, "tags", None)
            continue
        if not (heading and heading.end() == len(block.text)):
            continue
        following: list[Block] = []
        while i < len(blocks) and len(following) < MAX_LIST_LINES:
            item = blocks[i]
            if item.label is None and not (
                _is_list(item.text) or (item.n_words <= MAX_ITEM_WORDS and _is_tag(item.text))
            ):
                break
            if item.label is None:
                following.append(item)
            i += 1
        if following:
            changes[block.line] = (JUNK, "tags", None)
            changes.update({b.line: (JUNK, "tags", None) for b in following})
    return draft.relabel(changes) if changes else draft
