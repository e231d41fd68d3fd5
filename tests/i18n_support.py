"""What the language tests share: the theme's catalogues read as messages, and the text
fragments of a message (its words between places and tags)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from sitegen.cli import main
from sitegen.site.theme import BUILTIN_THEMES

LOCALE = BUILTIN_THEMES / "default" / "locale"

_PLACES = re.compile(r"%\(\w+\)[sd]|%%|<[^>]*>")
_EDGES = " \t\n,.;:()·–—!?«»“”\"'…"


def catalogue(name: str | Path) -> Catalog:
    """``locale/<name>`` of the default theme (``messages.pot``, ``fr.po``), or the
    catalogue at a path."""
    with (LOCALE / name).open("rb") as f:  # an absolute path stays itself
        return read_po(f)


def fragments(message: str) -> set[str]:
    """The runs of words of a message between its places and tags, with their edges'
    punctuation trimmed: what a page shows of it, piece by piece."""
    out = set()
    for part in _PLACES.split(message):
        piece = " ".join(part.split()).strip(_EDGES)
        if any(c.isalpha() for c in piece):
            out.add(piece)
    return out


def untranslated_marks(translated: Catalog) -> set[str]:
    """Every fragment of an English message that its translation does not also have: text
    that, seen on a translated page where the English page has it too, was not switched."""
    marks: set[str] = set()
    for message in translated:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        theirs = set().union(*(fragments(s) for s in strings if s))
        for source in ids:
            marks |= fragments(source) - theirs
    return marks


def site_in(
    site: Path, root: Path, language: str, prepare: Callable[[Path], object] | None = None
) -> Path:
    """A copy of the built ``site`` set to ``language`` (``prepare`` given the copy first)
    and built again."""
    copy = root / f"site-{language}"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("build", ".sitegen-cache"))
    if prepare is not None:
        prepare(copy)
    config = copy / "sitegen.yaml"
    lines = [ln for ln in config.read_text().splitlines() if not ln.startswith("language:")]
    config.write_text("\n".join([*lines, f"language: {language}"]) + "\n")
    assert main(["--site", str(copy), "-q", "build"]) == 0
    return copy


PSEUDO = "en-XA"
"""The pseudo-language of the browser test (the tag Chromium and Android use for one)."""

OPEN, CLOSE = "⟦", "⟧"


def pseudo(message: str) -> str:
    """``message`` with each run of its words inside ⟦ ⟧, its places and tags kept."""
    out, last = [], 0
    for m in _PLACES.finditer(message):
        out.append(_wrap(message[last : m.start()]))
        out.append(m.group())
        last = m.end()
    out.append(_wrap(message[last:]))
    return "".join(out)


def _wrap(text: str) -> str:
    if not any(c.isalpha() for c in text):
        return text
    core = text.strip()
    start = text.index(core)
    return text[:start] + OPEN + core + CLOSE + text[start + len(core) :]


def write_pseudo_catalogue(site: Path) -> Path:
    """``locale/en_XA.po`` in ``site``: every message of the theme's template, wrapped."""
    from babel.messages.pofile import write_po

    template = catalogue("messages.pot")
    out = Catalog(locale="en", fuzzy=False)
    for message in template:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        wrapped = tuple(pseudo(i) for i in ids)
        string = wrapped if isinstance(message.id, tuple) else wrapped[0]
        out.add(message.id, string, flags=message.flags, context=message.context)
    path = site / "locale" / "en_XA.po"
    path.parent.mkdir(exist_ok=True)
    with path.open("wb") as f:
        write_po(f, out)
    return path


def without_marked(text: str) -> str:
    """``text`` with every ⟦ ⟧ run taken out."""
    return re.sub(f"{OPEN}[^{CLOSE}]*{CLOSE}", " ", text)
