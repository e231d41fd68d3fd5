"""Article metadata from what a saved page states: title, source, authors, date.

Each case is a small page of the shape real news and blog pages have, read by
:func:`sitegen.ingest.pageclaims.page_claims` and cleaned by :mod:`sitegen.normalize.metadata`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.ingest.html import page_document
from sitegen.ingest.pageclaims import page_claims
from sitegen.normalize import normalize
from sitegen.normalize.metadata import PageClaims, clean_source, iso_date, page_fields
from sitegen.normalize.sitenames import site_names, strip_site_affix

PROSE = (
    "<p>The council voted on Tuesday to extend the harbour wall by two hundred metres, "
    "after a winter of storms that flooded the lower town three times and closed the "
    "ferry terminal for a week.</p><p>Work is expected to start in the spring and to "
    "last about eighteen months, the council's engineer told reporters after the vote, "
    "adding that the cost would be shared with the regional government.</p>"
)


def page(head: str, body: str = "") -> bytes:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head>"
        f"<body>{body}<article>{PROSE}</article></body></html>"
    ).encode()


def fields(head: str, body: str = "", found: dict[str, str] | None = None) -> dict[str, str]:
    return page_fields(page_claims(page(head, body), found or {}))


# --- titles -------------------------------------------------------------------------------


def test_title_affix_naming_the_site_is_cut():
    got = fields(
        "<title>Harbour wall to be extended after storms | Coastal Times</title>"
        "<meta property='og:site_name' content='Coastal Times'>"
    )
    assert got["title"] == "Harbour wall to be extended after storms"
    assert got["source"] == "Coastal Times"


def test_title_affix_naming_the_host_is_cut():
    got = fields(
        "<title>Harbour wall to be extended – CoastalTimes.com</title>"
        "<link rel='canonical' href='https://www.coastaltimes.com/news/harbour-wall'>"
    )
    assert got["title"] == "Harbour wall to be extended"


def test_title_affix_that_is_not_the_site_stays():
    """A part after a separator is only cut when it names the site: never by its shape."""
    got = fields(
        "<title>Minecraft 1.8 - The Bountiful Update</title>"
        "<meta property='og:site_name' content='Update News'>"
    )
    assert got["title"] == "Minecraft 1.8 - The Bountiful Update"
    # a separator inside the title, and a site name in mid-title, are left alone
    site = site_names(["Dropbox"], "https://dropbox.tech/x")
    title = "How we designed Dropbox's ATF - an async task framework"
    assert strip_site_affix(title, site) == title


def test_leading_site_name_is_cut():
    site = site_names(["The Space Review"])
    assert strip_site_affix("The Space Review: A bigger role for a big rocket", site) == (
        "A bigger role for a big rocket"
    )


def test_title_cut_to_the_pages_heading():
    got = fields(
        "<title>Rhymes With Right - Romney and Obama on investment</title>",
        "<h1>Romney and Obama on investment</h1>",
    )
    assert got["title"] == "Romney and Obama on investment"


def test_structured_headline_first_and_name_that_agrees_with_title_tag():
    got = fields(
        "<title>Hermitian matrix - Wikipedia</title>"
        "<meta property='og:title' content='Something shared'>"
        '<script type="application/ld+json">{"@type": "Article", "name": "Hermitian matrix",'
        ' "headline": "matrix equal to its conjugate-transpose"}</script>'
    )
    assert got["title"] == "Hermitian matrix"


def test_og_title_before_title_tag_and_entities_decoded():
    got = fields(
        "<title>The seven secrets hotel owners keep | The Independent</title>"
        "<meta property='og:title' content='&amp;#8216;Seven secrets&amp;#8217; hotel owners keep'>"
    )
    assert got["title"] == "‘Seven secrets’ hotel owners keep"


# --- sources ------------------------------------------------------------------------------


def test_source_og_site_name_or_publisher_without_its_tagline():
    got = fields(
        "<meta property='og:site_name' content='Aktuálně.cz - Víte, co se právě děje'>"
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "X y z",'
        ' "publisher": {"@type": "Organization", "name": "Aktuálně.cz"}}</script>'
    )
    assert got["source"] == "Aktuálně.cz"


def test_source_from_json_ld_publisher():
    got = fields(
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebPage", "name": "Page"}, {"@type": "BlogPosting", "headline": "A post",'
        ' "publisher": {"@type": "Organization", "name": "Harbour Weekly"}}]}</script>'
    )
    assert got["source"] == "Harbour Weekly"


def test_og_site_name_that_is_a_section_gives_way_to_the_title_tags_site():
    got = fields(
        "<title>Oil drifts lower as supply worries grow - Reuters</title>"
        "<meta property='og:site_name' content='U.S.'>"
        "<link rel='canonical' href='https://www.reuters.com/article/oil-idUS1'>"
    )
    assert got["source"] == "Reuters"
    assert got["title"] == "Oil drifts lower as supply worries grow"


def test_source_from_known_host_then_host():
    assert fields("<link rel='canonical' href='https://www.nytimes.com/2017/a.html'>")[
        "source"
    ] == ("The New York Times")
    assert fields("<link rel='canonical' href='https://blog.example.org/a'>")["source"] == (
        "blog.example.org"
    )


@pytest.mark.parametrize(
    "value", ["Copyright 2014", "© 2019 Harbour Media", "http://www.tmz.com", "@nj", "Nj", ""]
)
def test_not_a_site_name(value):
    assert clean_source(value) is None


def test_application_name_that_is_the_title_is_no_site_name():
    got = fields(
        "<title>Harbour wall to be extended</title>"
        "<meta name='application-name' content='Harbour wall to be extended'>"
    )
    assert "source" not in got


@pytest.mark.parametrize(
    "lead, tail, source",
    [
        ("LONDON (Reuters) - ", "", "Reuters"),
        ("", "Copyright 2014 Harbour Media Group. All rights reserved.", "Harbour Media Group"),
        ("", "© 2014 http://harbour.example", None),
    ],
)
def test_rule_found_source_in_a_text_dump(tmp_path: Path, lead, tail, source):
    """A wire dateline's agency and a copyright holder still become the source of a text
    dump; a copyright line that names no holder gives none."""
    from sitegen.ingest import read_file

    text = PROSE.replace("<p>", "").replace("</p>", "\n\n")
    dump = tmp_path / "story.txt"
    dump.write_text(f"Harbour wall to be extended\n\n{lead}{text}{tail}\n", encoding="utf-8")
    docs, _ = read_file(dump)
    assert normalize(docs[0]).source == source


# --- authors ------------------------------------------------------------------------------


def test_authors_from_json_ld_people():
    got = fields(
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "H",'
        ' "author": [{"@type": "Person", "name": "Alexandre Hervaud"},'
        ' {"@type": "Person", "name": "Jérémy Piette"}]}</script>'
    )
    assert got["author"] == "Alexandre Hervaud, Jérémy Piette"


def test_author_that_is_the_site_is_dropped_but_a_person_named_like_it_kept():
    got = fields(
        "<meta property='og:site_name' content='Mac &amp; i'>"
        "<meta name='dc.creator' content='Mac &amp; i'>"
    )
    assert "author" not in got
    personal = fields(
        '<script type="application/ld+json">{"@type": "Article", "headline": "H",'
        ' "author": {"@type": "Person", "name": "Haki Benita"},'
        ' "publisher": {"@type": "Organization", "name": "Haki Benita"}}</script>'
    )
    assert personal["author"] == "Haki Benita"


@pytest.mark.parametrize(
    "stated, person",
    [
        ("By Jeff Foust Monday; November", "Jeff Foust"),
        ("Username", None),
        ("Staff", None),
        ("Bradley M. Kuhn (http://ebb.org/bkuhn/)", "Bradley M. Kuhn"),
        ("https://www.facebook.com/some.writer", None),
        ("jane.doe@example.com", None),
    ],
)
def test_meta_author_is_a_person(stated, person):
    assert fields(f"<meta name='author' content='{stated}'>").get("author") == person


def test_profile_url_in_article_author_falls_through_to_byline_markup():
    got = fields(
        "<meta property='article:author' content='https://www.facebook.com/writer'>",
        "<div class='byline'>By <a rel='author' href='/by/sarah'>Sarah Gooding</a></div>",
    )
    assert got["author"] == "Sarah Gooding"


def test_microdata_author_of_the_article_not_of_a_comment():
    got = fields(
        "",
        "<div itemscope itemtype='http://schema.org/Comment'><span itemprop='author'>Guest"
        "</span></div><div itemscope itemtype='http://schema.org/NewsArticle'>Par "
        "<span itemprop='author'>Martin Untersinger</span></div>",
    )
    assert got["author"] == "Martin Untersinger"


def test_byline_parts_naming_the_site_or_an_agency_are_dropped():
    got = fields(
        "<meta property='og:site_name' content='Harbour Post'>"
        "<meta name='author' content='Corinne Bale, Harbour Post'>"
    )
    assert got["author"] == "Corinne Bale"
    wire = fields("<meta name='author' content='By Tomas Ek, Associated Press'>")
    assert wire["author"] == "Tomas Ek"
    assert "author" not in fields("<meta name='author' content='Reuters'>")
    assert "author" not in fields("<meta name='author' content='The Associated Press'>")
    dateline = fields("<meta name='author' content='TOMAS EK Associated Press LISBON'>")
    assert dateline["author"] == "Tomas Ek"
    syndicated = fields("<meta name='author' content='Corinne Bale and Lena Horn, Reuters'>")
    assert syndicated["author"] == "Corinne Bale, Lena Horn"


def test_creators_written_surname_first_are_joined_in_reading_order():
    got = fields(
        "<meta name='DC.Creator' content='Berg, T.'>"
        "<meta name='DC.Creator' content='Jong, Piet de'>"
    )
    assert got["author"] == "T. Berg, Piet de Jong"


def test_author_named_like_the_sites_subdomain_is_the_site():
    got = fields(
        "<link rel='canonical' href='https://harbournews.portal.example/2024/05/wall'>"
        "<meta name='author' content='Harbour News'>"
    )
    assert "author" not in got
    person = fields(
        "<link rel='canonical' href='https://www.harbour.example/2024/05/wall'>"
        "<meta name='author' content='Lena Horn'>"
    )
    assert person["author"] == "Lena Horn"


def test_element_styled_as_a_byline_when_nothing_else_names_the_author():
    got = fields(
        "",
        "<aside><ul><li><a href='/other'>Another story</a>"
        "<span class='byline'>Teaser Writer</span></li></ul></aside>"
        "<h1>Harbour wall</h1><p class='article-byline'>By Corinne Bale | March 3, 2015</p>",
    )
    assert got["author"] == "Corinne Bale"
    inside = fields(
        "",
        "<div class='byline'>Masthead Person</div><article><div class='c-byline'>"
        "<span>Tomas Ek</span></div></article>",
    )
    assert inside["author"] == "Tomas Ek"  # the article's own byline first


def test_styled_byline_of_a_teaser_or_comment_only_is_no_author():
    got = fields(
        "",
        "<ul><li><span class='byline'>Teaser Writer</span></li></ul>"
        "<div class='comments'><span class='byline'>Commenter Name</span></div>",
    )
    assert "author" not in got


def test_a_handle_refused_in_structured_data_is_refused_from_the_extractor_too():
    got = fields(
        '<script type="application/ld+json">{"@type": "BlogPosting", "headline": "H",'
        ' "author": "webeditor"}</script>',
        found={"author": "Webeditor"},
    )
    assert "author" not in got


def test_styled_byline_is_text_never_markup():
    got = fields("", "<p class='byline'>By &lt;b&gt;Corinne&lt;/b&gt; <i>Bale</i></p>")
    assert got["author"] == "Corinne Bale"


# --- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "stated, iso",
    [
        ("2015-07-10 09:53:00 -0400", "2015-07-10T09:53:00-04:00"),
        ("2015-03-17T16:27:40.294Z", "2015-03-17T16:27:40+00:00"),
        ("2021-11-01T10:52:50+0100", "2021-11-01T10:52:50+01:00"),
        ("2019-04-28 06:01:07", "2019-04-28T06:01:07"),
        ("2020-09-21", "2020-09-21"),
        ("20170113", "2017-01-13"),
        ("2024-02-30T10:00:00Z", None),
        ("0001-01-01T00:00:00Z", None),
        ("next Tuesday", None),
    ],
)
def test_iso_date(stated, iso):
    assert iso_date(stated) == iso


def test_date_keeps_time_and_zone_and_structured_data_first():
    got = fields(
        "<meta property='article:published_time' content='2024-12-07T12:43:39Z'>"
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "H",'
        ' "datePublished": "2024-12-06T22:00:40.000Z"}</script>',
        found={"date": "2024-12-08"},
    )
    assert got["date"] == "2024-12-06T22:00:40+00:00"


def test_date_in_utc_keeps_its_day():
    """A date is never moved to the local zone: 23:00 UTC stays on its day."""
    got = fields("<meta property='article:published_time' content='2018-06-12T23:00:00.000Z'>")
    assert got["date"][:10] == "2018-06-12"


def test_extractor_date_when_the_markup_has_none():
    assert fields("", found={"date": "2016-10-14"})["date"] == "2016-10-14"


# --- hostile structured data --------------------------------------------------------------


@pytest.mark.parametrize(
    "script",
    [
        "{not json",
        "[" * 100_000 + "]" * 100_000,
        '{"@type": "Article", "headline": ' + "1" * 5000 + "}",
        '{"@type": ["Article"], "headline": {"nested": "object"}, "author": 42,'
        ' "datePublished": ["x"], "publisher": "unnamed"}',
        '{"@graph": ' + '{"@graph": ' * 50 + "{}" + "}" * 50 + "}",
        " { & #34;@context&# 34;: & #34;https://schema.org&# 34; }",
        "x" * 300_000,
        "null",
    ],
)
def test_hostile_json_ld_is_ignored(script):
    got = fields(
        f'<title>Harbour wall to be extended</title><script type="application/ld+json">'
        f"{script}</script>"
    )
    assert got["title"] == "Harbour wall to be extended"


def test_json_ld_in_cdata_is_read():
    got = fields(
        '<script type="application/ld+json"><![CDATA[ {"@type": "Article",'
        ' "headline": "Tracking people who are not on the network"} ]]></script>'
    )
    assert got["title"] == "Tracking people who are not on the network"


def test_page_that_states_nothing():
    assert page_fields(PageClaims()) == {}


def test_page_document_uses_the_cleaned_metadata(tmp_path: Path):
    data = page(
        "<title>Harbour wall to be extended after storms - Coastal Times</title>"
        "<meta property='og:site_name' content='Coastal Times'>"
        "<meta name='author' content='By Ana Ruiz'>"
        "<meta property='article:published_time' content='2023-03-01T08:30:00+01:00'>"
    )
    raw = page_document(tmp_path / "harbour.html", data)
    article = normalize(raw)
    assert article.title == "Harbour wall to be extended after storms"
    assert article.source == "Coastal Times"
    assert article.author == "Ana Ruiz"
    assert article.date == "2023-03-01T08:30:00+01:00"
