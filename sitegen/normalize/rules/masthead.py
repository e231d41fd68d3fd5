"""The lines above the headline: the site's name, then menus.

On a scraped page everything printed before the headline is navigation.  The
first such line, when it is short and name-like, is the site's name: the source.
"""

from __future__ import annotations

from sitegen.normalize.draft import JUNK, TITLE, Draft, ends_sentence, words

NAV_WORDS = frozenset(
    "home homepage news menu search subscribe subscription close skip sections section topics "
    "latest top stories sign login log register share navigation accessibility links back "
    "main explore open toggle channels advertisement advertise follow contact about more all "
    "inicio início accueil startseite beranda notícias noticias nachrichten berita".split()
)
"""Words of menu items: a first line made only of them is a menu, not the site's name."""


def _name_like(text: str) -> bool:
    ws = words(text)
    return (
        1 <= len(ws) <= 6
        and not ends_sentence(text)
        and all(w[:1].isupper() for w in ws)
        and not all(w.lower() in NAV_WORDS for w in ws)
    )


def apply(draft: Draft) -> Draft:
    """Label lines above the title as junk, taking a name-like first line as the source."""
    title_at = next((i for i, b in enumerate(draft.blocks) if b.label == TITLE), None)
    if not title_at:
        return draft
    above = [b for b in draft.blocks[:title_at] if b.label is None]
    if not above:
        return draft
    changes = {b.line: (JUNK, "masthead", None) for b in above}
    first = draft.blocks[0]
    if first.label is None and _name_like(first.text):
        draft = draft.with_meta(source=first.text)
    return draft.relabel(changes)
