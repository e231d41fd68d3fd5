"""Sites for the reading tests: saved pages of one event (a news report and an op-ed), and
articles filed under sections."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from sitegen.cli import main

REPORT = (
    "The city council of Harwick voted on Tuesday to close the old Mill Street bridge to all "
    "traffic from next month, after engineers found corrosion in two of its steel supports.",
    "The vote was seven to two. Council members said the bridge, built in 1931, carries about "
    "twelve thousand vehicles a day, and that a temporary crossing would open downstream.",
    "Repairs are expected to cost 14 million dollars and to take at least eighteen months, "
    "according to the engineering report presented to the council by the city's public works "
    "department.",
    "Local businesses on Mill Street asked the council for help with the loss of passing trade "
    "while the bridge is closed, and the mayor promised a meeting with them next week.",
)
OPINION = (
    "Closing the Mill Street bridge is the right call, but the council of Harwick should never "
    "have let corrosion in its steel supports go unchecked for so long, and voters deserve to "
    "know why.",
    "I have crossed that bridge every morning for twenty years. The engineers' warnings were "
    "no secret, and the council's vote on Tuesday came only when there was no other choice.",
    "The 14 million dollars the repairs will cost is the price of years of neglect, and the "
    "businesses of Mill Street will pay a share of it that nobody on the council will.",
    "The council of Harwick must publish every inspection of its bridges, and it must do so "
    "before the next one is closed to traffic by a vote taken in a hurry.",
)


def page(
    headline: str,
    paragraphs: tuple[str, ...],
    kind: str,
    url: str,
    outlet: str,
    section: str | None = None,
) -> str:
    """A saved page as a publisher writes one: JSON-LD of type ``kind``, Open Graph and a
    canonical link, the article in ``<article>``."""
    data = {
        "@context": "https://schema.org",
        "@type": kind,
        "headline": headline,
        "datePublished": "2026-11-03T09:30:00Z",
        "author": {"@type": "Person", "name": "Ann Writer"},
        "publisher": {"@type": "Organization", "name": outlet},
    }
    if section:
        data["articleSection"] = section
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(headline)} | {escape(outlet)}</title>
<meta property="og:site_name" content="{escape(outlet)}">
<meta property="og:title" content="{escape(headline)}">
<link rel="canonical" href="{escape(url)}">
<script type="application/ld+json">{json.dumps(data)}</script>
</head><body>
<header><a href="/">{escape(outlet)}</a>
<nav><a href="/news/">News</a> <a href="/sport/">Sport</a></nav></header>
<article><h1>{escape(headline)}</h1><p class="byline">By Ann Writer</p>
{body}
</article>
<footer>Copyright 2026 {escape(outlet)}</footer>
</body></html>
"""


def write_event_pages(folder: Path) -> dict[str, Path]:
    """A news report and an op-ed on one event, each from its own outlet."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = {
        "report": page(
            "Harwick council votes to close Mill Street bridge over corrosion",
            REPORT,
            "NewsArticle",
            "https://harwick-herald.example/news/2026/11/03/mill-street-bridge-closes",
            "Harwick Herald",
        ),
        "opinion": page(
            "The Mill Street bridge vote came years too late",
            OPINION,
            "OpinionNewsArticle",
            "https://valley-times.example/2026/11/03/mill-street-bridge-vote-too-late",
            "Valley Times",
        ),
    }
    paths = {}
    for name, html in pages.items():
        paths[name] = folder / f"{name}.html"
        paths[name].write_text(html, encoding="utf-8")
    return paths


def labelled_site(root: Path) -> Path:
    """A site that imported :func:`write_event_pages` and built them."""
    site = root / "site"
    assert main(["-q", "init", str(site)]) == 0
    config = site / "sitegen.yaml"
    config.write_text(
        config.read_text().replace(
            "base_url: http://localhost:8000/", "base_url: https://x.example/"
        )
    )
    paths = write_event_pages(root / "pages")
    assert main(["--site", str(site), "-q", "import", *map(str, paths.values())]) == 0
    assert main(["--site", str(site), "-q", "build"]) == 0
    return site


def _write(site: Path, name: str, title: str, body: str, **front: str) -> None:
    date = front.pop("date", "2026-11-03")
    lines = [f"title: {title}", f"date: '{date}'", *(f"{k}: {v}" for k, v in front.items())]
    text = "---\n" + "\n".join(lines) + "\n---\n\n" + body + "\n"
    (site / "content" / "articles" / f"{name}.md").write_text(text, encoding="utf-8")


BRIDGE = (
    "The city council of Harwick voted on Tuesday to close the Mill Street bridge to traffic "
    "from next month after engineers found corrosion in two of its steel supports."
)
MATCH = (
    "Harwick Rovers beat Valley United three goals to one on Saturday at the Mill Lane "
    "ground, with two late goals from their new striker in front of a record crowd."
)


def sectioned(root: Path) -> Path:
    """A site of two events: a bridge closure filed under Politics (stated, and by a URL
    folder) and a football match under Sport (by URL)."""
    site = root / "site"
    assert main(["-q", "init", str(site)]) == 0
    _write(
        site, "b1", "Harwick votes to close bridge", BRIDGE, source="Herald", sections="[Politics]"
    )
    _write(
        site,
        "b2",
        "Council shuts Mill Street bridge",
        BRIDGE.replace("Tuesday", "Tuesday night"),
        source="Valley Times",
        url="https://valley.example/politics/2026/bridge-shut",
    )
    _write(
        site,
        "m1",
        "Rovers beat United",
        MATCH,
        source="Herald",
        url="https://herald.example/sport/football/rovers-beat-united",
    )
    assert main(["--site", str(site), "-q", "build"]) == 0
    return site


RUSSIAN = "Путин встретился с Си Цзиньпином"
CHINESE = "习近平与泽连斯基通话"


def other_scripts(root: Path) -> Path:
    """A site of a Russian and a Chinese report, each from an outlet named in its script."""
    site = root / "site"
    assert main(["-q", "init", str(site)]) == 0
    folder = site / "content" / "articles"
    (folder / "ru.md").write_text(
        f"---\ntitle: {RUSSIAN}\nsource: Коммерсантъ\ndate: '2026-11-03'\nlanguage: ru\n---\n\n"
        "Владимир Путин встретился в Москве с председателем КНР Си Цзиньпином.\n",
        encoding="utf-8",
    )
    (folder / "zh.md").write_text(
        f"---\ntitle: {CHINESE}\nsource: 新华社\ndate: '2026-11-03'\nlanguage: zh\n---\n\n"
        "国家主席习近平应约同乌克兰总统泽连斯基通电话。\n",
        encoding="utf-8",
    )
    assert main(["--site", str(site), "-q", "build"]) == 0
    return site


def png(width: int, height: int) -> bytes:
    """A plain grey PNG of this size (made here: no image library needed)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x90\x90\x90" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


HOSTILE_IMAGES = (
    "javascript:alert('img')",
    "data:image/png;base64,iVBORw0KGgo=",
    "{base}/evil.svg",
    "//evil.example/pixel.png",
    "/relative/in/front/matter.png",
)
"""Image values a front matter may hold that must never reach a page (``{base}``: the test's
image server)."""


def images_site(root: Path, base: str) -> Path:
    """A site of one event of three reports: one whose image states its size, one whose does
    not, and one whose front matter holds every hostile image value in turn (a list is no
    image either), all images at ``base`` (a server the test runs)."""
    site = root / "site"
    assert main(["-q", "init", str(site)]) == 0
    _write(
        site,
        "sized",
        "Harwick votes to close bridge",
        BRIDGE,
        source="Herald",
        image=f"{{url: '{base}/bridge.png', alt: The Mill Street bridge, "
        "width: 1200, height: 675}",
    )
    _write(
        site,
        "unsized",
        "Council shuts Mill Street bridge",
        BRIDGE.replace("Tuesday", "Tuesday night"),
        source="Valley Times",
        image=f"{base}/river.png",
    )
    for n, value in enumerate(HOSTILE_IMAGES):
        _write(
            site,
            f"hostile{n}",
            f"Bridge report {n}",
            BRIDGE.replace("Tuesday", f"Tuesday ({n})"),
            source=f"Outlet {n}",
            image=repr(value.format(base=base)),
        )
    assert main(["--site", str(site), "-q", "build"]) == 0
    return site
