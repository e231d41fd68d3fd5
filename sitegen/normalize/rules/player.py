"""The controls of an embedded audio or video player.

A dump prints a player's buttons and settings menus as a column of labels ("Play",
"Mute", "Current Time 0:00", "Fullscreen", the caption colours and font sizes), often
in the middle of the article, right where the video sits.  The stretch from its first
control to its last is labelled junk by this rule, so that (like a share bar) it weighs
nothing and the article on either side of it stays one run.

A stretch needs :data:`MIN_CONTROLS` different controls; the lines between two controls
must all be short (a menu's options, a colour, a percentage), so one word such as "Play"
in a list of links never takes anything else with it.
"""

from __future__ import annotations

import re

from sitegen.normalize.draft import JUNK, Draft

_CONTROL = re.compile(
    r"^(?:play(?: video)?|pause|replay|mute|unmute|volume(?: level)?|"
    r"(?:current|remaining|duration)(?: time)?\b.*|duration\b.*|"
    r"(?:loaded|progress)\s*:?\s*\d+(?:\.\d+)?\s*%|"
    r"(?:non-)?full ?screen|exit full ?screen|picture[- ]in[- ]picture|"
    r"playback (?:rate|speed)|stream type\b.*|"
    r"(?:captions|subtitles|descriptions|chapters|audio track)(?: (?:off|on|settings)\b.*)?|"
    r"(?:this is a )?modal window\b.*|close modal dialog|(?:beginning|end) of dialog window\b.*|"
    r"text edge style|font (?:family|size)|(?:fore|back)ground|window|"
    r"(?:semi-)?(?:opaque|transparent))\s*[.:]?$",
)
"""A player control's label, matched against the lower-cased line."""
MIN_CONTROLS = 4
"""Different controls a stretch needs before it is taken for a player."""
FILLER_WORDS = 3
"""Lines between controls (menu options, colours, sizes) have at most this many words."""


def apply(draft: Draft) -> Draft:
    """Label each player's stretch of controls as junk."""
    changes: dict[int, tuple[str, str, str | None]] = {}
    blocks = draft.blocks
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.label is not None or not _CONTROL.match(block.low):
            i += 1
            continue
        controls = {block.key}
        last = i
        for j in range(i + 1, len(blocks)):
            item = blocks[j]
            if _CONTROL.match(item.low):
                controls.add(item.key)
                last = j
            elif item.n_words > FILLER_WORDS:
                break
        if len(controls) >= MIN_CONTROLS:
            changes.update(
                {b.line: (JUNK, "player", None) for b in blocks[i : last + 1] if b.label is None}
            )
        i = last + 1
    return draft.relabel(changes) if changes else draft
