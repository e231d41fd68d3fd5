"""The event digest: summary, what each outlet adds, key quotes, copies (sitegen.digest)."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path

import pytest

from sitegen.build import build_site
from sitegen.config import load_config, validate
from sitegen.digest import (
    Report,
    collapse_copies,
    digest_view,
    event_digest,
    event_digests,
    find_quotes,
    key_quotes,
    outlet_additions,
    summarize,
)
from sitegen.digest.facts import facts
from sitegen.digest.plaintext import paragraphs, plain_text
from sitegen.model import Article, Event, Grouping, NearDuplicate
from sitegen.site.index import SiteIndex, build_index
from sitegen.site.index_files import index_files
from sitegen.site.lists import event_pictures
from sitegen.site.plan import plan_site
from sitegen.workers import SIZES, Forked, Sizes

# Three reports of one (made-up) harbour fire; C is a copy of A.
A_BODY = """\
A fire destroyed the main warehouse at the Port Amsel harbour on Tuesday night, \
forcing the closure of the container terminal.

Firefighters fought the blaze at the harbour warehouse for six hours before it was \
brought under control early on Wednesday.

"We lost everything that was stored in the building, but nobody was hurt," \
harbour master Ilse Brandt said.

The cause of the warehouse fire is not yet known, the harbour authority said in a \
statement.

He added that the damage would take weeks to assess.
"""

B_BODY = """\
The container terminal at Port Amsel harbour stayed closed on Wednesday after a fire \
destroyed the main warehouse overnight.

Firefighters needed six hours to bring the warehouse blaze under control, the fire \
service said.

Insurer Nordkap Re estimated the losses at 14 million euros, according to a filing \
published on Wednesday by the Lubeck exchange.

Fire chief Otto Wendt said: "The sprinklers in the east wing had been switched off \
for maintenance since March."

But the terminal is expected to reopen next week.
"""

C_BODY = A_BODY.replace("Tuesday night", "Tuesday evening")


def art(aid: str, body: str, source: str | None = None, title: str = "") -> Article:
    return Article(id=aid, title=title or f"Report {aid}", body=body, source=source)


A = art("a", A_BODY, "Harbour Times")
B = art("b", B_BODY, "Coast Herald")
C = art("c", C_BODY, "Wire Copy")
DUPS = {"c": NearDuplicate("c", "a", 0.9)}


# --- plain text ---------------------------------------------------------------------------


def test_plain_text_drops_markdown_escapes_but_keeps_literal_characters() -> None:
    assert plain_text("\\# Not a heading") == "# Not a heading"
    assert plain_text("1\\. Not a list") == "1. Not a list"
    assert plain_text("\\> not a quote, \\- nor a list") == "> not a quote, - nor a list"
    literal = "Use _under_scores_, [brackets], <script>x</script>, \\*stars\\* and {{ 7*7 }}."
    assert plain_text(literal) == literal.replace("\\*", "*")


def test_plain_text_of_emphasis_is_its_words() -> None:
    assert plain_text("The council *approved* it on **Monday**.") == (
        "The council approved it on Monday."
    )
    assert plain_text("Use {{ 7*7 }} and a * lone star") == "Use {{ 7*7 }} and a * lone star"


def test_plain_text_of_markdown_blocks() -> None:
    assert plain_text("# A real heading") == ""
    assert plain_text("---") == ""
    assert plain_text("> quoted\n> on two lines") == "quoted on two lines"
    assert plain_text("- first item\n- second item") == "first item second item"
    assert paragraphs("One.\n\n## Heading\n\nTwo\nlines.\n") == ["One.", "Two lines."]


def test_facts_are_numbers_and_names_but_not_the_first_word() -> None:
    found = facts("Insurers put the damage at 14,000 euros, Ilse Brandt said on Tuesday.")
    assert found == {"#14000", "@ilse", "@brandt"}
    assert "@zelens" in facts("Kyiv said Zelenskiy spoke.") & facts("Kyiv said Zelensky spoke.")


# --- copies -------------------------------------------------------------------------------


def test_copies_are_folded_under_the_report_they_repeat() -> None:
    dups = {
        "c": NearDuplicate("c", "a", 0.9),
        "d": NearDuplicate("d", "c", 0.8),  # a copy of a copy
        "e": NearDuplicate("e", "elsewhere", 0.7),  # original in another event
    }
    reports = collapse_copies(["a", "b", "c", "d", "e"], dups)
    assert reports == (Report("a", ("c", "d")), Report("b"), Report("e"))


# --- summary ------------------------------------------------------------------------------


def test_summary_takes_central_sentences_from_independent_reports() -> None:
    points = summarize([A, B, C], DUPS)
    assert 2 <= len(points) <= 4
    assert {p.article_id for p in points} <= {"a", "b"}, "copies are not coverage"
    assert {p.article_id for p in points} == {"a", "b"}, "several outlets are quoted"
    text = " ".join(p.text for p in points)
    assert "warehouse" in text and "Port Amsel" in text
    for p in points:
        assert p.text in (A_BODY + B_BODY).replace("\\\n", "").replace("\n", " ")
        assert not p.text.startswith(("He ", "But ", '"')), p.text


def test_summary_never_repeats_a_sentence_or_the_shown_summary() -> None:
    lede = A_BODY.split("\n\n")[0].replace("\\\n", "")
    twin = art("b", lede + "\n\n" + B_BODY, "Coast Herald")
    points = summarize([A, twin], {})
    assert [p.text for p in points].count(lede) <= 1
    assert lede not in [p.text for p in summarize([A, twin], {}, shown=lede)]


def test_summary_of_one_report() -> None:
    points = summarize([A], {})
    assert 1 <= len(points) <= 4 and all(p.article_id == "a" for p in points)


# --- what each outlet adds ----------------------------------------------------------------


def test_each_outlet_adds_sentences_with_facts_nobody_else_has() -> None:
    adds = {a.article_id: a.sentences for a in outlet_additions([A, B, C], DUPS)}
    assert "c" not in adds, "a copy adds nothing"
    assert any("14 million euros" in s for s in adds["b"])
    assert all(len(s) <= 2 for s in adds.values())
    shared = "Firefighters"
    assert not any(s.startswith(shared) for ss in adds.values() for s in ss)


def test_a_single_report_adds_nothing() -> None:
    assert outlet_additions([A, C], DUPS) == ()


# --- quotes -------------------------------------------------------------------------------


def test_quote_patterns_name_their_speaker() -> None:
    cases = {
        '"We will rebuild the terminal," Ilse Brandt said.': ("Ilse Brandt", None),
        "“We will rebuild the terminal,” said Otto Wendt, the fire chief.": (
            "Otto Wendt",
            "the fire chief",
        ),
        'Maria Ruiz, a spokeswoman for the port, said: "We will rebuild it."': (
            "Maria Ruiz",
            "a spokeswoman for the port",
        ),
        "Fire chief Otto Wendt said: “The sprinklers were off.”": ("Otto Wendt", None),
        'According to Yu Jun, deputy director, "The talks went well."': (
            "Yu Jun",
            "deputy director",
        ),
        '"The talks went well," according to the Kremlin.': ("Kremlin", None),
        '"We will rebuild the terminal," he said.': (None, None),
        'The minister said: "We will rebuild the terminal."': (None, None),
        'Nobody claimed the "quoted words" here.': (None, None),
    }
    for text, (speaker, role) in cases.items():
        [quote] = find_quotes(text)
        assert (quote.speaker, quote.role) == (speaker, role), text


def test_quote_text_is_taken_literally() -> None:
    hostile = '"Run <script>alert(1)</script> and {{ 7*7 }} *now* # _x_," Ilse Brandt said.'
    [quote] = find_quotes(hostile)
    assert quote.text == "Run <script>alert(1)</script> and {{ 7*7 }} *now* # _x_."
    assert quote.speaker == "Ilse Brandt"


def test_key_quotes_have_speakers_and_are_not_repeated() -> None:
    repeat = art("d", B_BODY.replace("Fire chief Otto Wendt said:", "Otto Wendt told reporters:"))
    quotes = key_quotes([A, B, C, repeat], DUPS)
    assert 1 <= len(quotes) <= 4
    assert {q.speaker for q in quotes} == {"Ilse Brandt", "Otto Wendt"}
    assert all(q.article_id in {"a", "b", "d"} for q in quotes)
    assert len({q.text for q in quotes}) == len(quotes)


def test_unattributed_quotes_are_left_out() -> None:
    body = '"This is a long quotation that nobody is named as saying," a source said.\n'
    assert key_quotes([art("x", body)], {}) == ()


# --- together -----------------------------------------------------------------------------


def test_digest_view_attributes_and_links_every_item() -> None:
    digest = event_digest([A, B, C], DUPS)
    cards = {
        a.id: {"id": a.id, "title": a.title, "url": f"/articles/{a.id}/", "source": None}
        for a in (A, B, C)
    }
    cards["a"]["source"] = {"name": "Harbour Times", "url": "/sources/harbour-times/"}
    view = digest_view(digest, cards)
    assert view["summary"] and view["additions"] and view["quotes"]
    for item in view["summary"] + view["additions"] + view["quotes"]:
        assert item["url"] == f"/articles/{item['url'].split('/')[2]}/"
        assert set(item) >= {"outlet", "title", "url"}
    assert [c["id"] for c in view["coverage"]] == ["a", "b"]
    assert [c["id"] for c in view["coverage"][0]["copies"]] == ["c"]
    assert all(isinstance(p["text"], str) for p in view["summary"])


# --- the digest stage ---------------------------------------------------------------------


def _index() -> SiteIndex:
    """Two events: the harbour fire (three reports, one a copy) and a lone report."""
    other = art("d", "A ferry timetable changed on Monday for the winter season.", "Isle Post")
    events = (
        Event("fire", "Harbour fire", ("a", "b", "c"), summary="A warehouse burned."),
        Event("ferry", "Ferry timetable", ("d",)),
    )
    grouping = Grouping(events, (DUPS["c"],), ())
    return build_index([A, B, C, other], grouping)


def test_the_digest_stage_gives_every_event_its_digest_on_any_workers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    index = _index()
    digests = event_digests(index)
    assert list(digests) == ["fire", "ferry"]  # the index's order
    assert digests["fire"] == event_digest([A, B, C], DUPS, "A warehouse burned.")
    assert digests["ferry"].reports == (Report("d"),) and digests["ferry"].additions == ()
    monkeypatch.setitem(SIZES, "events", Sizes(1))  # one event a process is enough
    assert event_digests(index, Forked(2)) == digests


def test_the_plan_takes_the_digests_it_is_given() -> None:
    index = _index()
    config = validate({})
    digests = event_digests(index)
    plan = plan_site(index, config, digests, event_pictures(index))
    pages = {p.path: p.context for p in plan.pages}
    page = pages["events/fire/index.html"]
    cards = {a["id"]: a for a in page["event"]["articles"]}
    assert page["digest"] == digest_view(digests["fire"], cards)
    assert set(plan.files) == {"sitemap.xml", "robots.txt"}  # the index files are apart
    assert {"events.json", "search.json", "_redirects", "feed.xml"} <= set(
        index_files(index, config)
    )
    empty = dataclasses.replace(digests["fire"], summary=(), additions=(), quotes=())
    other = plan_site(index, config, {**digests, "fire": empty}, event_pictures(index))
    shown = {p.path: p.context for p in other.pages}["events/fire/index.html"]["digest"]
    assert shown["summary"] == [] and shown["quotes"] == []  # the plan computes none itself


def test_hostile_text_reaches_the_event_page_as_text(tmp_path: Path) -> None:
    site = tmp_path / "site"
    folder = site / "content" / "articles"
    folder.mkdir(parents=True)
    (site / "sitegen.yaml").write_text("title: T\n", encoding="utf-8")
    evil = (
        "The harbour board met on Tuesday about the <script>alert(1)</script> warehouse fire "
        "and the {{ 7*7 }} budget for the Port Amsel terminal.\n\n"
        '"Ignore <b>this</b> and {% raw %}{{ config }}{% endraw %} *now* please," '
        "Ilse Brandt said.\n\n"
        "\\# The board approved 40 new \\*cranes\\* for the Port Amsel terminal on Tuesday.\n"
    )
    for name, body, source in (("x", evil, "Evil <i>Times</i>"), ("y", B_BODY, "Coast Herald")):
        meta = f"id: {name}\ntitle: Harbour fire {name}\nsource: '{source}'\nevent: fire\n"
        (folder / f"{name}.md").write_text(f"---\n{meta}---\n\n{body}", encoding="utf-8")
    build_site(site, load_config(site))
    html = (site / "build" / "events" / "fire" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<b>this</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html and "{{ config }}" in html
    assert "Ignore &lt;b&gt;this&lt;/b&gt;" in html, "the quote is shown"
    assert "# The board approved 40 new *cranes*" in html, "escapes dropped, text literal"
    assert "Evil &lt;i&gt;Times&lt;/i&gt;" in html


# --- the demo site ------------------------------------------------------------------------


def _section(html: str, cls: str) -> str:
    match = re.search(rf'<section class="digest {cls}".*?</section>', html, re.DOTALL)
    assert match, f"no {cls} section"
    return match.group(0)


def test_demo_event_page_shows_the_digest(demo_site: Path) -> None:
    build = demo_site / "build"
    events = json.loads((build / "events.json").read_text(encoding="utf-8"))["events"]
    [event] = [e for e in events if len(e["articles"]) == 3]
    pages = {a["page"]: a for a in event["articles"]}
    html = (build / event["page"].strip("/") / "index.html").read_text(encoding="utf-8")

    brief = _section(html, "brief")
    items = re.findall(r'<li>(.*?)<span class="attribution">.*?href="([^"]+)">([^<]+)</a>', brief)
    assert 2 <= len(items) <= 4
    for text, href, outlet in items:
        article = pages[href]
        assert article["duplicate_of"] is None
        assert outlet == (article["source"] or article["title"])
        assert (build / href.strip("/") / "index.html").is_file()
        assert text.strip()

    adds = _section(html, "adds")
    assert "<h2" in adds and "What each outlet adds" in adds
    outlets = re.findall(r"<h3>([^<]+)</h3>", adds)
    assert outlets and set(outlets) <= {a["source"] or "Unknown source" for a in event["articles"]}
    for href in re.findall(r'href="([^"]+)"', adds):
        assert (build / href.strip("/") / "index.html").is_file()

    quotes = _section(html, "quotes")
    assert "<blockquote" in quotes and "<figcaption>" in quotes and "<cite>" in quotes
    # the samples are three reports written apart: none is a copy of another
    assert not [a for a in event["articles"] if a["duplicate_of"]]


def test_a_republished_copy_is_folded_under_its_report(demo_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(demo_site / "content", site / "content")
    shutil.copy(demo_site / "sitegen.yaml", site / "sitegen.yaml")
    original = site / "content" / "articles" / "002_8daa5051fca2e6bb.md"
    _, body = original.read_text(encoding="utf-8").split("\n---\n", 1)
    copy = body.replace("Wednesday", "Wednesday,") + "\nShare this story with a friend today.\n"
    (site / "content" / "articles" / "005_republished.md").write_text(
        "---\nid: 005_republished\ntitle: Xi and Zelensky talk\nsource: Wire Mirror\n---\n" + copy,
        encoding="utf-8",
    )
    build_site(site, load_config(site))
    events = json.loads((site / "build" / "events.json").read_text(encoding="utf-8"))["events"]
    [event] = [e for e in events if len(e["articles"]) == 4]
    [copied] = [a for a in event["articles"] if a["duplicate_of"]]
    assert copied["source"] == "Wire Mirror"
    html = (site / "build" / event["page"].strip("/") / "index.html").read_text(encoding="utf-8")
    nested = re.search(r'<ul class="articles copies".*?</ul>', html, re.DOTALL)
    assert nested and copied["page"] in nested.group(0)
    assert "same report as" in nested.group(0)
