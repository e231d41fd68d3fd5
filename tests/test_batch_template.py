"""Lines one site prints on many pages of an import are removed as template."""

from __future__ import annotations

from pathlib import Path

from sitegen.importer import import_paths
from sitegen.loader import load_content
from sitegen.model import RawDocument
from sitegen.normalize import normalize
from sitegen.normalize.batch import template_lines

MENU = ["Harbourside Gazette", "Home", "Local", "Sport", "Weather"]
FOOTER = [
    "The Gazette has been published by the harbour cooperative since 1921 and is owned by "
    "its readers, who elect the board every spring.",
    "Tip line 555 0142",
]
STORIES = {
    "ferry": [
        "Ferry timetable cut for winter",
        "The island ferry will run four times a day instead of six from November, the operator "
        "said on Monday, citing falling passenger numbers after the summer season.",
        "Islanders said the later first sailing would make it hard to reach jobs on the mainland.",
    ],
    "market": [
        "Fish market moves to the old rope works",
        "The weekly fish market will move to the restored rope works on the quay next month, "
        "giving traders a covered hall for the first time in the market's history.",
        "Traders have asked the council to keep parking free on market mornings.",
    ],
    "lifeboat": [
        "Lifeboat crew rescues two kayakers",
        "The volunteer lifeboat crew rescued two kayakers who were swept past the breakwater by "
        "a strong ebb tide on Saturday afternoon, the station said.",
        "Both were checked by paramedics on the slipway and did not need hospital treatment.",
    ],
    "school": [
        "School roof repairs finish early",
        "Repairs to the primary school's storm-damaged roof finished a week ahead of schedule, "
        "so pupils will return to their own classrooms after the half-term holiday.",
        "The cooperative's board thanked the builders for working through two weekends.",
    ],
}


def _dump(story: list[str]) -> str:
    return "\n".join([*MENU, *story, *FOOTER]) + "\n"


def _write(folder: Path, names: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / f"{name}.txt").write_text(_dump(STORIES[name]), encoding="utf-8")


def test_lines_repeated_across_a_sites_pages_are_removed_and_articles_kept(
    tmp_path: Path,
) -> None:
    _write(tmp_path / "raw", list(STORIES))
    site = tmp_path / "site"
    report = import_paths(site, [tmp_path / "raw"])
    assert not report.errors
    articles = {a.id: a for a in load_content(site)[0]}
    assert set(articles) == set(STORIES)
    for name, story in STORIES.items():
        paragraphs = articles[name].body.split("\n\n")
        assert paragraphs == story[1:], name
        assert articles[name].title == story[0]


def test_a_single_file_or_too_few_pages_keep_every_line(tmp_path: Path) -> None:
    _write(tmp_path / "raw", ["ferry", "market"])
    site = tmp_path / "site"
    import_paths(site, [tmp_path / "raw"])
    body = next(a for a in load_content(site)[0] if a.id == "ferry").body
    assert FOOTER[0] in body.split("\n\n")


def _doc(doc_id: str, text: str, **fields: object) -> RawDocument:
    return RawDocument(Path(f"/in/{doc_id}.txt"), doc_id, text, dict(fields))


def test_template_needs_half_of_a_sites_pages_and_groups_by_source() -> None:
    shared = "Background: the port has been dredged twice since 2015."
    docs = [
        _doc(
            f"a{i}",
            f"Story {i}\n{shared if i < 2 else 'Other text.'}\nSubscribe box\n",
            source="Gazette",
        )
        for i in range(6)
    ] + [_doc(f"b{i}", f"Item {i}\nSubscribe box\n", source="Courier") for i in range(2)]
    found = template_lines(docs)
    assert len(found) == len(docs)
    assert found[0] == frozenset({"subscribe box"})
    assert found[6] == frozenset()  # b0: its site has too few articles to say
    assert all(shared.casefold() not in keys for keys in found)


def test_normalize_drops_given_template_lines_only() -> None:
    raw = _doc("x", _dump(STORIES["ferry"]))
    keys = frozenset(" ".join(line.split()).casefold() for line in FOOTER)
    body = normalize(raw, template=keys).body.split("\n\n")
    assert body == STORIES["ferry"][1:]
    assert FOOTER[0] in normalize(raw).body.split("\n\n")
    assert FOOTER[0] in normalize(raw, disabled={"batch_template"}, template=keys).body


def test_one_page_read_three_times_is_not_a_template_of_itself() -> None:
    """Three entries of a feed that link to one page give three identical documents: their
    lines are that page's, not a site's template."""
    text = "Harbour reopens\nThe quay reopened on Monday after a year of repairs.\nMore text."
    docs = [
        RawDocument(f"https://wire.example/feed#{n}", f"e{n}", text, {"source": "Wire"})
        for n in range(3)
    ]
    assert template_lines(docs) == [frozenset()] * 3
