"""The boilerplate rule chain, in the order the rules run.

Each rule lives in its own module and is addressed by name, so a site can switch
one off (``normalize.disabled_rules`` in ``sitegen.yaml``).  Order matters: the
title is found before the masthead above it is dropped, and the dateline is
stripped before a repeated standfirst is recognised.
"""

from __future__ import annotations

from sitegen.normalize.draft import Rule
from sitegen.normalize.rules import (
    about,
    batch_template,
    breadcrumb,
    byline,
    caption,
    comments,
    copyright,
    credits,
    date_line,
    dateline,
    editor_note,
    footer,
    header,
    headline,
    main_block,
    masthead,
    player,
    promo,
    repeated_title,
    social,
    standfirst,
    tags,
    teasers,
    title,
)

RULES: tuple[tuple[str, Rule], ...] = (
    ("title", title.apply),
    ("masthead", masthead.apply),
    ("breadcrumb", breadcrumb.apply),
    ("repeated_title", repeated_title.apply),
    ("dateline", dateline.apply),
    ("date_line", date_line.apply),
    ("standfirst", standfirst.apply),
    ("byline", byline.apply),
    ("tags", tags.apply),
    ("credits", credits.apply),
    ("editor_note", editor_note.apply),
    ("copyright", copyright.apply),
    ("promo", promo.apply),
    ("social", social.apply),
    ("player", player.apply),
    ("comments", comments.apply),
    ("teasers", teasers.apply),
    ("caption", caption.apply),
    ("batch_template", batch_template.apply),
    ("main_block", main_block.apply),
    ("headline", headline.apply),
    ("about", about.apply),
    ("header", header.apply),
    ("footer", footer.apply),
)
"""(name, rule) in the order they run."""

RULE_NAMES = tuple(name for name, _ in RULES)
