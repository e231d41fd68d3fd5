"""Rules of the saved-page reader that judge trafilatura's extraction (small pages written here)."""

from __future__ import annotations

import pytest

from sitegen.ingest.recovery import drop_repeats, page_prose_words

LONG_A = "The council met on Monday evening to discuss the new harbour wall and its cost."
LONG_B = "Residents asked whether the work would close the ferry berth for the whole summer."
LONG_C = "The engineers said the berth would stay open, with a short closure in the autumn."


def test_a_second_copy_of_the_story_is_dropped() -> None:
    text = "\n".join([LONG_A, LONG_B, LONG_C, "Print this page", LONG_A, LONG_B, LONG_C])
    assert drop_repeats(text).split("\n") == [LONG_A, LONG_B, LONG_C, "Print this page"]


def test_single_repeated_lines_and_short_runs_stay() -> None:
    question = "What do you like to cook at home when you have friends over for dinner?"
    text = "\n".join([question, LONG_A, question, LONG_B, "Yes", "No", "Yes", "No"])
    assert drop_repeats(text) == text  # an interview's recurring question, short lines
    rows = "\n".join(["400 | 2020-08-01 18:00 | 24 | 6.82 | t | x | y | z | w | v"] * 4)
    assert drop_repeats(rows) == rows  # rows of figures are not prose


def test_a_paragraph_the_page_repeats_counts_once_in_its_prose() -> None:
    page = f"<html><body><p>{LONG_A}</p><p>{LONG_A}</p><p>{LONG_B}</p></body></html>"
    assert page_prose_words(page.encode()) == len(LONG_A.split()) + len(LONG_B.split())


def _page(body: str) -> bytes:
    story = "".join(
        f"<p>{line} The harbour board will meet again on Thursday to vote on it.</p>"
        for line in (LONG_A, LONG_B, LONG_C)
    )
    return (
        "<html><head><title>Harbour wall vote</title></head><body><article>"
        f"<h1>Harbour wall vote</h1>{story}{body}</article></body></html>"
    ).encode()


def _body(page: bytes) -> str:
    from sitegen.ingest.html import extract

    text, _, _ = extract(page)
    return text


def test_hidden_boxes_are_not_part_of_the_story() -> None:
    box = (
        "<div style='display: none'><p>Get the five biggest harbour stories in your inbox "
        "three times a week, curated by our editors.</p></div>"
        "<p hidden>You are signed in as a guest reader of this page today.</p>"
    )
    body = _body(_page(box))
    assert "ferry berth" in body
    assert "inbox" not in body and "signed in" not in body


def test_a_story_hidden_until_a_script_shows_it_is_kept() -> None:
    from trafilatura.utils import load_html

    from sitegen.ingest.clean import clean_page

    page = _page("").replace(b"<article>", b"<article style='display:none'>")
    tree = load_html(page)
    assert clean_page(tree) == []
    assert "ferry berth" in _body(page)


def test_a_list_of_other_stories_is_removed() -> None:
    teasers = "".join(
        f"<li><h3>Other story {n}: the new lighthouse opens to visitors</h3><p>The keepers "
        f"welcomed the first visitors of the season on Saturday morning, story {n}.</p>"
        "<a href='/more'>Read more</a></li>"
        for n in range(4)
    )
    body = _body(_page(f"<p>Also on this site:</p><ul>{teasers}</ul>"))
    assert "ferry berth" in body and "lighthouse" not in body


def test_the_article_s_own_lists_stay() -> None:
    items = "".join(f"<li>Stage {n} of the work on the northern basin</li>" for n in range(5))
    headed = "<li><h4>Costs</h4><p>Paid by the port.</p></li><li>Dredging first</li>" * 2
    page = _page(f"<ul>{items}</ul><ul>{headed}</ul>")
    body = _body(page)
    assert "Stage 4 of the work" in body and "Paid by the port" in body


class _Doc:
    """What trafilatura's bare_extraction hands back, as far as the reader looks."""

    def __init__(self, lines: list[str]) -> None:
        from lxml import etree

        self.body = etree.Element("body")
        for line in lines:
            etree.SubElement(self.body, "p").text = line
        self.title, self.author, self.date, self.url, self.language = "Vote", "", "", "", ""


MENU = [f"Section {n}" for n in range(40)]


def _fake_extractor(monkeypatch: pytest.MonkeyPatch, precise: list[str], menu: list[str]) -> None:
    import trafilatura

    def fake(
        source: object, fast: bool = False, favor_precision: bool = False, **_: object
    ) -> _Doc:
        return _Doc(precise if favor_precision else menu)

    monkeypatch.setattr(trafilatura, "bare_extraction", fake)


def test_a_menu_taken_for_the_article_gives_way_to_the_precise_extraction(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The quick pass and the full extraction both find only a menu (40 short lines);
    trafilatura's precision mode finds prose, which is kept."""
    from sitegen.ingest.html import extract

    _fake_extractor(monkeypatch, [LONG_A, LONG_B], MENU)
    text, _, notes = extract(_page(""))
    assert text.split("\n") == [LONG_A, LONG_B]
    assert any("precision mode" in note for note in notes)


def test_a_long_text_of_short_lines_is_not_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long extraction of short lines (code, a table of figures) is not taken for a menu."""
    from sitegen.ingest.html import extract

    rows = [f"{n} | {n * 7} | {n * 13} | ok" for n in range(700)]
    _fake_extractor(monkeypatch, [LONG_A], rows)
    text, _, _ = extract(_page(""))
    assert text.split("\n") == rows


def test_a_line_holds_the_headline_when_it_has_most_of_its_words() -> None:
    from sitegen.ingest.recovery import holds_headline

    title = "Harbour wall vote delayed again"
    assert holds_headline(f"{LONG_A}\nHarbour wall vote delayed again, says council", title)
    assert not holds_headline(f"{LONG_A}\n{LONG_B}", title)
    assert not holds_headline(f"The harbour wall vote was delayed again. {LONG_A} {LONG_B}", title)
    assert holds_headline(LONG_A, "")  # nothing to look for


def test_a_short_fragment_without_the_headline_gives_way_to_the_full_extraction(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The quick pass keeps a box beside the story (no headline); the full extraction starts
    at the headline and holds the story: it is kept. When the full extraction lacks the
    headline too, the quick pass stays."""
    import trafilatura

    from sitegen.ingest.html import extract

    box = [
        "Our magazine is printed every month from the best stories of the week. Learn more",
        "Subscriptions start from twenty pounds a year, with the digital edition included free",
    ]
    story = ["Harbour wall vote delayed again", LONG_A, LONG_B, LONG_C]

    def fake(source: object, fast: bool = False, **_: object) -> _Doc:
        doc = _Doc(box if fast else story)
        doc.title = "Harbour wall vote delayed again"
        return doc

    monkeypatch.setattr(trafilatura, "bare_extraction", fake)
    text, _, notes = extract(_page(""))
    assert text.split("\n") == story
    assert any("not the headline" in note for note in notes)

    story[0] = "From our correspondent"
    text, _, _ = extract(_page(""))
    assert text.split("\n") == box


def test_a_tag_with_a_hundred_thousand_attributes_is_cut_to_its_name() -> None:
    """Robustness point 3: such a tag took minutes inside the parser and the date finder;
    it keeps its name only, and the article around it is read as usual."""
    from pathlib import Path

    from sitegen.ingest.html import MAX_TAG_BYTES, bounded_tags, page_document

    attributes = b" ".join(b"a%d=1" % n for n in range(100_000))
    story = (
        "The harbour tunnel opened to traffic on Saturday, two months ahead of schedule, and "
        "the first cars drove through it shortly after six in the morning. "
    ) * 4
    page = (
        b"<html><head><title>Tunnel opens</title></head><body><div " + attributes + b">menu</div>"
        b"<article><h1>Tunnel opens</h1><p>" + story.encode() + b"</p></article></body></html>"
    )
    assert bounded_tags(page).count(b"<div>") == 1 and len(bounded_tags(page)) < MAX_TAG_BYTES
    doc = page_document(Path("tunnel.html"), page)
    assert "harbour tunnel opened to traffic" in doc.text
    short = b"<p " + b"class=x " * 100 + b">kept as it is</p>" + b" " * MAX_TAG_BYTES
    assert bounded_tags(short) == short
