"""The boilerplate rules, driven by the fixture files in ``tests/fixtures/boilerplate/``.

One fixture file per kind of boilerplate; each holds titled cases::

    === <case title>
    --- fields            (optional) metadata the input states, ``key: value``
    --- input             the raw text dump, as a reader would pass it on
    --- labels            ``<label>/<rule>: <line>`` - the line gets that label from that rule
                          ``kept: <line>`` - the line stays body text
    --- body              the article's body paragraphs after ``normalize``, one per line
    --- article           (optional) ``field: value`` checks on the Article
                          (``none`` means None; list fields repeat the key, empty = no items)
    --- xfail             (optional) the case documents a known bug: ``<reason>`` for both
                          tests, or ``rules: <reason>`` / ``normalize: <reason>`` for one

Lines starting with ``#`` before the first case are comments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sitegen.model import RawDocument
from sitegen.normalize import RULE_NAMES, normalize, run_rules
from sitegen.normalize.draft import BODY, Block, clean_line, to_draft

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "boilerplate"
CATEGORIES = {
    "breadcrumb",
    "social",
    "comments",
    "copyright",
    "promo",
    "caption",
    "byline",
    "credits",
    "dateline",
    "editor_note",
    "title",
    "footer_header",
    "date_line",
    "tags",
    "teasers",
    "about",
    "player",
    "main_block",
}
LIST_FIELDS = {"credits", "captions"}
SECTIONS = {"fields", "input", "labels", "body", "article", "xfail"}


@dataclass
class Case:
    category: str
    title: str
    sections: dict[str, list[str]] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(self.sections["input"]).strip("\n") + "\n"

    @property
    def fields(self) -> dict[str, object]:
        return dict(_pair(line) for line in _nonblank(self.sections.get("fields", [])))

    @property
    def labels(self) -> list[tuple[str, str]]:
        return [_pair(line) for line in _nonblank(self.sections.get("labels", []))]

    @property
    def body(self) -> list[str]:
        return _nonblank(self.sections.get("body", []))

    @property
    def article(self) -> dict[str, object]:
        out: dict[str, object] = {}
        lists: dict[str, tuple[str, ...]] = {}
        for line in _nonblank(self.sections.get("article", [])):
            key, value = _pair(line)
            if key in LIST_FIELDS:
                lists[key] = (*lists.get(key, ()), *([value] if value else []))
            elif key == "title_generated":
                out[key] = value == "true"
            else:
                out[key] = None if value == "none" else value
        return out | lists

    def xfail(self, test: str) -> str | None:
        """The known-bug reason for ``test`` (``rules`` or ``normalize``), if any."""
        for line in _nonblank(self.sections.get("xfail", [])):
            target, sep, reason = line.partition(": ")
            if not sep or target not in ("rules", "normalize"):
                return line
            if target == test:
                return reason
        return None


def _nonblank(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines if line.strip()]


def _pair(line: str) -> tuple[str, str]:
    key, sep, value = line.partition(":")
    assert sep, f"expected 'key: value', got {line!r}"
    return key.strip(), value.strip()


def parse_fixture(path: Path) -> list[Case]:
    """Read one fixture file into its cases."""
    cases: list[Case] = []
    section: list[str] | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if line.startswith("=== "):
            cases.append(Case(path.stem, line[4:].strip()))
            section = None
        elif line.startswith("--- "):
            name = line[4:].strip()
            assert cases and name in SECTIONS, f"{path.name}:{number}: bad section {line!r}"
            section = cases[-1].sections.setdefault(name, [])
        elif section is not None:
            section.append(line)
        else:
            assert not line.strip() or line.startswith("#"), f"{path.name}:{number}: stray text"
    return cases


ALL_CASES = [case for path in sorted(FIXTURES.glob("*.txt")) for case in parse_fixture(path)]


def _params(test: str) -> Sequence[object]:
    params = []
    for case in ALL_CASES:
        reason = case.xfail(test)
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        params.append(pytest.param(case, id=f"{case.category}: {case.title}", marks=marks))
    return params


def test_every_category_has_cases_with_prose_kept() -> None:
    by_category: dict[str, list[Case]] = {}
    for case in ALL_CASES:
        by_category.setdefault(case.category, []).append(case)
    assert set(by_category) == CATEGORIES
    for category, cases in by_category.items():
        assert all("input" in c.sections and "body" in c.sections for c in cases), category
        assert len(cases) >= 2 or category == "footer_header", category
        kept = [c for c in cases if any(kind == "kept" for kind, _ in c.labels)]
        assert kept, f"{category}: no case shows prose being kept"


def test_parser_reads_sections() -> None:
    case = next(c for c in ALL_CASES if c.category == "caption")
    assert case.labels[0] == (
        "caption/caption",
        "Photo: Workers repair a transformer station on the edge of the city on Monday",
    )
    captions = case.article["captions"]
    assert isinstance(captions, tuple)
    assert len(captions) == 3
    empty = next(c for c in ALL_CASES if c.category == "caption" and c is not case)
    assert empty.article["captions"] == ()


@pytest.mark.parametrize("case", _params("rules"))
def test_rules_label_each_line(case: Case) -> None:
    draft = run_rules(to_draft(case.text, {"title": case.fields.get("title")}))
    blocks: dict[str, list[Block]] = {}
    for block in draft.blocks:
        blocks.setdefault(block.text, []).append(block)
    assert case.labels, "a case must state at least one label"
    for kind, text in case.labels:
        found = blocks.get(clean_line(text))
        assert found, f"no line {text!r} in the draft"
        if kind == "kept":
            assert all(b.label in (None, BODY) for b in found), (
                f"prose dropped by {[b.rule for b in found]}: {text!r}"
            )
        else:
            label, _, rule = kind.partition("/")
            got = [(b.label, b.rule) for b in found]
            assert (label, rule) in got, f"{text!r}: expected {label}/{rule}, got {got}"


@pytest.mark.parametrize("case", _params("normalize"))
def test_normalize_gives_body_and_fields(case: Case) -> None:
    raw = RawDocument(Path(f"{case.category}.txt"), "case", case.text, case.fields)
    article = normalize(raw)
    assert article.body.split("\n\n") == case.body
    for name, expected in case.article.items():
        assert getattr(article, name) == expected, name


def test_disabling_a_rule_keeps_its_lines() -> None:
    case = next(c for c in ALL_CASES if c.category == "promo")
    assert "promo" in RULE_NAMES
    raw = RawDocument(Path("promo.txt"), "case", case.text, {})
    line = "Read more: Shipping firms divert cargo to northern ports"
    assert line not in normalize(raw).body
    assert line in normalize(raw, disabled={"promo"}).body.split("\n\n")


def test_every_line_is_labelled_once_and_keeps_its_line_number() -> None:
    text = "\n".join(case.text for case in ALL_CASES if case.category == "comments")
    draft = run_rules(to_draft(text))
    lines = text.split("\n")
    assert [b.line for b in draft.blocks] == [n for n, t in enumerate(lines, 1) if t.strip()]
    assert all(b.label is None or b.rule in RULE_NAMES for b in draft.blocks)
