"""How often a name sitegen finds is a name: its name finder against hand labels.

    python bench/names_eval.py [--show]

``bench/names/`` holds two hand-labelled sets of 30 development articles each (see its
NOTES.md): every proper name (people, places, organisations, and other named things:
products, works, events) with the other forms it takes.  The finder's rules were tuned on
``names.json``; ``names-b.json`` was labelled afterwards as a held-out check.
:func:`sitegen.text.names.mentions` is run on the same texts; each distinct name it finds in an
article is

- *right* when it is a labelled name or one of its aliases, as written (a leading "The" or
  a company's closing "Inc."/"Ltd" may be left out or kept), or the surname of a labelled
  person ("Rayleigh" of "Lord Rayleigh": people are named by their surname);
- *part* when it is only a piece of a labelled name ("Kong" of "Hong Kong"), which a reader
  sees as wrong;
- *wrong* otherwise (a month, a common word, a bare adjective, a broken run).

Precision is right over everything found; recall is labelled names found (in any of their
forms) over labelled names.  The names *shown* are what an event of that one article would
show (:func:`sitegen.text.shown.shown_names`).  ``--show`` prints every name that was not right.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sitegen.text.names import common_words, mentions
from sitegen.text.shown import MIN_MENTIONS, SHOWN, shown_names

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
LABELS = ROOT / "bench" / "names"
SETS = {"tuning": LABELS / "names.json", "held-out": LABELS / "names-b.json"}
"""The rules were tuned on the first set's 30 articles; the second's 30 were labelled after,
and read only to check them."""


@dataclass
class Score:
    right: int = 0
    part: int = 0
    wrong: int = 0
    labelled: int = 0
    recalled: int = 0
    shown: int = 0
    shown_right: int = 0
    articles: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def found(self) -> int:
        return self.right + self.part + self.wrong

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def shown_precision(self) -> float:
        return self.shown_right / self.shown if self.shown else 1.0

    @property
    def recall(self) -> float:
        return self.recalled / self.labelled if self.labelled else 1.0


def available() -> bool:
    return SETS["tuning"].is_file() and EVAL.is_dir()


def text_of(ref: str) -> str:
    """The article text the labels were made on."""
    name, ident = ref.split("/", 1)
    if name == "clustering-dev":
        with (EVAL / name / "ecbplus-dev.jsonl").open(encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                if row["id"] == ident:
                    return f"{row['title']}\n\n{row['text']}"
        raise KeyError(ref)
    return (EVAL / name / "gold" / f"{ident}.txt").read_text(encoding="utf-8")


def corpus() -> list[str]:
    """Every development text the labelled ones come from: what a site built from them
    would know of which words are common."""
    texts = [
        p.read_text(encoding="utf-8", errors="replace")
        for name in ("boilerplate-dev", "dragnet-dev", "readability-dev")
        for p in sorted((EVAL / name / "gold").glob("*.txt"))
    ]
    with (EVAL / "clustering-dev" / "ecbplus-dev.jsonl").open(encoding="utf-8") as f:
        texts.extend(json.loads(line)["text"] for line in f)
    return texts


_SUFFIX = re.compile(r",? (?:Inc|Ltd|LLC|PLC|Corp|Co)\.?$")


def plain(name: str) -> str:
    """A name without a leading "The" or a company's closing "Inc." or "Ltd"."""
    return _SUFFIX.sub("", name.removeprefix("The "))


def entry_forms(entry: dict[str, Any]) -> list[str]:
    return [entry["name"], *entry["aliases"]]


def score(labels: Path, common: frozenset[str] | None = None) -> Score:
    """Score :func:`mentions` on the labelled articles of one file."""
    result = Score()
    if common is None:
        common = common_words(corpus())
    for article in json.loads(labels.read_text(encoding="utf-8"))["articles"]:
        result.articles += 1
        forms: dict[str, str] = {}
        for entry in article["names"]:
            for form in (entry["name"], *entry["aliases"]):
                forms[form] = entry["kind"]
                forms.setdefault(plain(form), entry["kind"])
        words = {w for form in forms for w in form.split()}
        surnames = {
            form.split()[-1]
            for entry in article["names"]
            if entry["kind"] == "person"
            for form in entry_forms(entry)
        }
        said = mentions(text_of(article["ref"]), common)
        found = set(said)
        times = Counter(said)
        for name in shown_names(dict.fromkeys(times, 1.0), times):
            result.shown += 1
            result.shown_right += name in forms or plain(name) in forms or name in surnames
        for name in sorted(found):
            if name in forms or plain(name) in forms or name in surnames:
                result.right += 1
                result.by_kind[forms.get(name, "person")] += 1
            elif all(w in words for w in name.split()):
                result.part += 1
                result.misses.append((article["ref"], "part", name))
            else:
                result.wrong += 1
                result.misses.append((article["ref"], "wrong", name))
        for entry in article["names"]:
            result.labelled += 1
            if any(f in found or plain(f) in found for f in entry_forms(entry)):
                result.recalled += 1
    return result


def main() -> int:
    if not available():
        print(f"no labels in {LABELS} or no development sets at {EVAL}", file=sys.stderr)
        return 2
    common = common_words(corpus())
    for label, path in SETS.items():
        if not path.is_file():
            continue
        result = score(path, common)
        print(
            f"{label} ({result.articles} articles): {result.found} names found, {result.right} "
            f"right, {result.part} a piece of a name, {result.wrong} wrong: precision "
            f"{result.precision:.3f}; recall {result.recall:.3f} of {result.labelled} labelled"
        )
        print(
            f"  shown (an event of one article shows its {SHOWN} most used, if used at least "
            f"{MIN_MENTIONS} times): {result.shown_right} of {result.shown} right, precision "
            f"{result.shown_precision:.3f}"
        )
        kinds = ", ".join(f"{k} {n}" for k, n in result.by_kind.most_common())
        print(f"  right ones by kind: {kinds}")
        if "--show" in sys.argv:
            for ref, how, name in result.misses:
                print(f"    {how:5} {ref}: {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
