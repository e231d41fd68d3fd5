"""Lead images: read from what a page or feed states, kept in front matter, checked again as
input, and shown sized, lazily and without a referrer; hostile values never reach a page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.images import clean_image, image_url, ld_images, make_image
from sitegen.ingest import read_file
from sitegen.normalize import normalize
from tests.reading_support import HOSTILE_IMAGES, REPORT, images_site, page


@pytest.mark.parametrize(
    ("value", "base", "url"),
    [
        ("https://x.example/a.jpg", None, "https://x.example/a.jpg"),
        ("/img/a.jpg", "https://x.example/news/story", "https://x.example/img/a.jpg"),
        ("a.jpg", "https://x.example/news/story", "https://x.example/news/a.jpg"),
        ("/img/a.jpg", None, None),  # relative, with nothing to resolve it against
        ("javascript:alert(1)", "https://x.example/", None),
        ("data:image/png;base64,AAAA", "https://x.example/", None),
        ("https://x.example/logo.svg", None, None),
        ("https://x.example/logo.SVGZ?v=2", None, None),
        ("https://x.example/a b.jpg", None, None),
        ("", None, None),
        (7, None, None),
    ],
)
def test_only_http_raster_images_are_images(
    value: object, base: str | None, url: str | None
) -> None:
    assert image_url(value, base) == url


def test_an_image_keeps_its_stated_size_and_text_within_bounds() -> None:
    image = make_image("https://x.example/a.jpg", " The  bridge ", "1200", 675, "Photo: A. Lee")
    assert image == {
        "url": "https://x.example/a.jpg",
        "alt": "The bridge",
        "credit": "Photo: A. Lee",
        "width": 1200,
        "height": 675,
    }
    assert "width" not in (make_image("https://x.example/a.jpg", width=True, height=5) or {})
    assert "width" not in (make_image("https://x.example/a.jpg", width=99_999, height=5) or {})
    assert len(str((make_image("https://x.example/a.jpg", "x" * 5000) or {})["alt"])) == 300
    assert clean_image({"url": "javascript:alert(1)"}) is None
    assert clean_image(["https://x.example/a.jpg"]) is None
    assert clean_image("https://x.example/a.jpg") == {"url": "https://x.example/a.jpg"}


def test_structured_data_images_in_all_their_forms() -> None:
    found = ld_images(
        [
            "javascript:void(0)",
            {"@type": "ImageObject", "contentUrl": "/a.jpg", "width": 800, "height": 600},
            {"url": "b.jpg", "caption": "B", "creditText": "AP"},
            {"url": "c.jpg", "copyrightHolder": {"name": "Reuters"}},
        ],
        "https://x.example/news/",
    )
    assert found == [
        None,
        {"url": "https://x.example/a.jpg", "width": 800, "height": 600},
        {"url": "https://x.example/news/b.jpg", "alt": "B", "credit": "AP"},
        {"url": "https://x.example/news/c.jpg", "credit": "Reuters"},
    ]


def _page_with(head: str) -> str:
    return page(
        "Harwick bridge closes", REPORT, "NewsArticle", "https://h.example/news/a", "Herald"
    ).replace("</head>", head + "\n</head>")


def test_a_saved_page_gives_its_open_graph_image_then_its_structured_one(tmp_path: Path) -> None:
    og = tmp_path / "og.html"
    og.write_text(
        _page_with(
            '<meta property="og:image" content="/img/bridge.jpg">'
            '<meta property="og:image:alt" content="The bridge at dawn">'
            '<meta property="og:image:width" content="1200">'
            '<meta property="og:image:height" content="675">'
        ),
        encoding="utf-8",
    )
    docs, _ = read_file(og)
    assert normalize(docs[0]).extra["image"] == {
        "url": "https://h.example/img/bridge.jpg",
        "alt": "The bridge at dawn",
        "width": 1200,
        "height": 675,
    }
    hostile = tmp_path / "hostile.html"
    hostile.write_text(
        _page_with(
            '<meta property="og:image" content="javascript:alert(1)">'
            '<meta name="twitter:image" content="https://h.example/card.png">'
        ),
        encoding="utf-8",
    )
    docs, _ = read_file(hostile)
    assert normalize(docs[0]).extra["image"] == {"url": "https://h.example/card.png"}


def test_a_feed_entry_gives_its_media_or_enclosure_image(tmp_path: Path) -> None:
    feed = tmp_path / "feed.rss"
    feed.write_text(
        """<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Valley Times</title>
<item><title>Bridge closes</title><link>https://valley.example/news/bridge</link><guid>a</guid>
<media:content url="https://valley.example/i/bridge.jpg" medium="image" width="640" height="360"/>
<description>The bridge closes next month after a vote of the council on Tuesday.</description>
</item>
<item><title>Library reopens</title><link>https://valley.example/news/library</link><guid>b</guid>
<enclosure url="https://valley.example/i/library.png" type="image/png" length="100"/>
<enclosure url="https://valley.example/a/talk.mp3" type="audio/mpeg" length="100"/>
<description>The library reopened on Monday after a year of repairs to its roof.</description>
</item></channel></rss>""",
        encoding="utf-8",
    )
    docs, errors = read_file(feed)
    assert not errors
    images = [normalize(d).extra.get("image") for d in docs]
    assert images == [
        {"url": "https://valley.example/i/bridge.jpg", "width": 640, "height": 360},
        {"url": "https://valley.example/i/library.png"},
    ]


IMG = re.compile(r"<img [^>]*>")


def test_pages_show_images_sized_lazily_and_without_a_referrer(tmp_path: Path) -> None:
    site = images_site(tmp_path, "https://img.example")
    build = site / "build"
    events = json.loads((build / "events.json").read_text())["events"]
    pages = {a["id"]: a["page"] for e in events for a in e["articles"]}
    sized = (build / pages["sized"].strip("/") / "index.html").read_text()
    (tag,) = IMG.findall(sized)
    assert 'src="https://img.example/bridge.png"' in tag and 'alt="The Mill Street bridge"' in tag
    assert 'width="1200" height="675"' in tag
    assert 'loading="lazy"' in tag and 'referrerpolicy="no-referrer"' in tag
    unsized = (build / pages["unsized"].strip("/") / "index.html").read_text()
    (tag,) = IMG.findall(unsized)
    assert 'width="1600" height="900"' in tag and 'alt=""' in tag
    assert '<figure class="lead cropped">' in unsized
    for n in range(len(HOSTILE_IMAGES)):
        html = (build / pages[f"hostile{n}"].strip("/") / "index.html").read_text()
        assert not IMG.findall(html), HOSTILE_IMAGES[n]
    everything = "".join(p.read_text() for p in build.rglob("*.html"))
    for value in ("javascript:alert", "data:image", "evil.svg", "evil.example", "/relative/"):
        assert value not in everything
    config = site / "sitegen.yaml"
    config.write_text(config.read_text() + "images: none\n")
    assert main(["--site", str(site), "-q", "build"]) == 0
    assert not any(IMG.findall(p.read_text()) for p in build.rglob("*.html"))
