"""``init_site``: a new, working site skeleton."""

from __future__ import annotations

from pathlib import Path

from sitegen.config import CONFIG_FILE

CONFIG_TEMPLATE = """\
# sitegen site configuration. Every key is optional: `sitegen config` lists them all,
# with this site's values and what each means.
title: {title}
description: A digest of the news, grouped by event.
base_url: http://localhost:8000/
language: en
theme: default
# grouping:            # thresholds of event grouping; the defaults suit most news
#   event_threshold: 0.14
#   window_days: 3
"""

GITIGNORE = "/build/\n/.build.*/\n/.sitegen-cache/\n/content/**/.*.tmp\n"


def init_site(folder: Path, title: str = "News digest") -> list[Path]:
    """Create the skeleton in ``folder``; existing files are left alone. Returns created paths."""
    created: list[Path] = []
    for sub in ("content/articles", "content/events", "templates"):
        path = folder / sub
        if not path.exists():
            path.mkdir(parents=True)
            created.append(path)
    files = {CONFIG_FILE: CONFIG_TEMPLATE.format(title=title), ".gitignore": GITIGNORE}
    for name, text in files.items():
        path = folder / name
        if not path.exists():
            path.write_text(text, encoding="utf-8")
            created.append(path)
    return created
