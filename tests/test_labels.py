"""What kind of piece an article is (opinion, analysis, press release, live blog): read from
what the publisher states, kept in front matter, shown as a badge, and never the account an
event's summary gives when a news report can."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from sitegen.ingest import read_file
from sitegen.labels import clean_label, label_of, section_label, title_label, url_label
from sitegen.model import Article
from sitegen.normalize import normalize
from tests.reading_support import OPINION, REPORT, labelled_site


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        ("OpinionNewsArticle", "opinion"),
        ("AnalysisNewsArticle", "analysis"),
        ("LiveBlogPosting", "live"),
        ("NewsArticle", None),
        ("ReportageNewsArticle", None),
    ],
)
def test_the_schema_type_says_the_kind(kind: str, label: str | None) -> None:
    assert label_of(types=[kind.lower()]) == label


@pytest.mark.parametrize(
    ("section", "label"),
    [
        ("Opinion", "opinion"),
        ("Comment is free", "opinion"),
        ("Opinion > Columnists", "opinion"),
        ("op_ed", "opinion"),
        ("Meinung", "opinion"),
        ("News/Analysis", "analysis"),
        ("Press Releases", "press release"),
        ("live-updates", "live"),
        ("Politics", None),
        ("Opinion polls", None),  # a story about polling is news
    ],
)
def test_a_section_or_category_says_the_kind(section: str, label: str | None) -> None:
    assert section_label([section]) == label


@pytest.mark.parametrize(
    ("url", "label"),
    [
        ("https://www.theguardian.com/commentisfree/2026/nov/03/bridge", "opinion"),
        ("https://www.nytimes.com/2026/11/03/opinion/bridge-vote.html", "opinion"),
        ("https://www.bbc.co.uk/news/live/world-123", "live"),
        ("https://www.prnewswire.com/news-releases/acme-results-301.html", "press release"),
        ("https://ir.example.com/news-releases/2026/acme", "press release"),
        ("https://example.com/news/analysis/why-the-bridge-failed", "analysis"),
        ("https://example.com/2026/11/analysis", None),  # the last segment is the slug
        ("https://example.com/news/2026/11/03/opinion-polls-shift", None),
        ("not a url at all", None),
        (None, None),
    ],
)
def test_a_url_folder_or_a_release_wire_says_the_kind(url: str | None, label: str | None) -> None:
    assert url_label(url) == label


@pytest.mark.parametrize(
    ("title", "label"),
    [
        ("Opinion: The bridge vote came too late", "opinion"),
        ("ANALYSIS | Why the bridge failed", "analysis"),
        ("Harwick bridge closure – live", "live"),
        ("Harwick bridge closure - as it happened", "live"),
        ("Press release: Acme reports results", "press release"),
        ("Live music returns to Harwick", None),
        ("Harwick votes to close bridge", None),
    ],
)
def test_a_headline_says_its_own_kind(title: str, label: str | None) -> None:
    assert title_label(title) == label


def test_the_strongest_statement_wins() -> None:
    assert label_of(["opinionnewsarticle"], ["Analysis"], "https://x.example/live/a/b") == "opinion"
    assert label_of([], ["Analysis"], "https://x.example/opinion/a/b") == "analysis"
    assert label_of([], ["Politics"], "https://x.example/opinion/a/b", "Live: x") == "opinion"


@pytest.mark.parametrize(
    ("value", "label"),
    [("opinion", "opinion"), ("Press Release", "press release"), ("news", None), (3, None)],
)
def test_front_matter_labels_are_read_as_input(value: object, label: str | None) -> None:
    assert clean_label(value) == label


def test_a_saved_opinion_page_is_imported_with_its_label(tmp_path: Path) -> None:
    site = labelled_site(tmp_path)
    fronts = {}
    for path in (site / "content" / "articles").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        fronts[path.name] = yaml.safe_load(text.split("---\n")[1])
    by_title = {f["title"]: f for f in fronts.values()}
    assert by_title["The Mill Street bridge vote came years too late"]["label"] == "opinion"
    report = by_title["Harwick council votes to close Mill Street bridge over corrosion"]
    assert "label" not in report


def test_feed_categories_and_text_dump_urls_give_labels(tmp_path: Path) -> None:
    feed = tmp_path / "feed.rss"
    feed.write_text(
        """<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Times</title>
<item><title>The vote came too late</title><link>https://valley.example/2026/11/03/vote</link>
<guid>a</guid><category>Opinion</category><description>The council waited too long to act on
the bridge, and everyone who crosses it every day knew that for years.</description></item>
<item><title>Bridge closes</title><link>https://valley.example/news/2026/bridge</link>
<guid>b</guid><category>Local</category><description>The bridge closes next month after a
vote of the council on Tuesday evening.</description></item>
</channel></rss>""",
        encoding="utf-8",
    )
    docs, errors = read_file(feed)
    assert not errors
    labels = [normalize(d).extra.get("label") for d in docs]
    assert labels == ["opinion", None]
    dump = tmp_path / "records.jsonl"
    dump.write_text(
        json.dumps(
            {
                "id": "r1",
                "title": "Why the bridge failed",
                "url": "https://example.com/news/analysis/why-the-bridge-failed",
                "text": " ".join(REPORT),
            }
        )
        + "\n",
        encoding="utf-8",
    )
    docs, errors = read_file(dump)
    assert not errors and normalize(docs[0]).extra.get("label") == "analysis"


def test_an_opinion_piece_is_badged_and_never_leads_the_event(tmp_path: Path) -> None:
    site = labelled_site(tmp_path)
    build = site / "build"
    events = json.loads((build / "events.json").read_text())["events"]
    assert len(events) == 1, "the report and the op-ed are one event"
    event = events[0]
    assert event["title"] == "Harwick council votes to close Mill Street bridge over corrosion"
    pages = {a["title"]: build / a["page"].strip("/") / "index.html" for a in event["articles"]}
    opinion = pages["The Mill Street bridge vote came years too late"].read_text()
    assert '<span class="badge label label-opinion">Opinion</span>' in opinion
    assert '"@type": "OpinionNewsArticle"' in opinion
    report = pages["Harwick council votes to close Mill Street bridge over corrosion"].read_text()
    assert '<p class="label-line">' not in report and '"@type": "NewsArticle"' in report
    assert "label-opinion" in report  # the op-ed, badged, in the list of coverage
    event_page = (build / event["page"].strip("/") / "index.html").read_text()
    brief = event_page.split("In brief", 1)[1].split("</section>", 1)[0]
    assert any(p.split(".")[0][:40] in brief for p in REPORT)
    assert not any(p.split(".")[0][:40] in brief for p in OPINION)


def test_an_event_of_opinion_only_still_has_a_summary() -> None:
    from sitegen.digest import summarize

    pieces = [
        Article(
            id=f"o{n}",
            title=f"Opinion {n}",
            body="\n\n".join(OPINION),
            extra={"label": "opinion"},
            source=f"Outlet {n}",
        )
        for n in range(2)
    ]
    assert summarize(pieces)
