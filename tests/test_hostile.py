"""Hostile inputs (issue #9): a corpus of attacks on the importer and the build.

In the spirit of markdown-it-py's XSS fixtures.  The committed files live in
``tests/fixtures/hostile/``; what cannot be committed sensibly (a 20 MB article,
symbolic links, NUL bytes, UTF-16, binary data, odd file names, entities naming a
canary file of the test's own) is generated into ``tmp_path``.

The real CLI runs in subprocesses, once for the whole corpus: ``import`` of every
input at once (good articles in the same batch), the same ``import`` again (nothing
changes), ``build`` and ``check``; ``normalize`` runs on a few of the worst files.  Each
case then checks its own inputs against the results:

- no traceback, and exactly one ``error:`` line naming each bad input (one per bad
  record of a JSON Lines file) that says what is wrong;
- every good input imported, and every imported article built;
- no live markup in any output: every built ``.html`` is parsed, and only the theme's
  own scripts (``assets/*.js`` and an inert JSON-LD block) and its own charts (an
  ``<svg class="chart" role="img">``, scanned inside like the rest) may remain; no ``on*``
  attribute, no ``javascript:``/``data:``/``vbscript:`` URL, no evaluated Jinja; the
  ``.xml`` and ``.json`` outputs hold the payloads escaped;
- nothing read or written outside the site: the canary file's text never reaches
  ``content/`` or ``build/``, and the folder around the site is unchanged.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from sitegen import frontmatter
from tests.htmlutil import without_own_scripts

FIXTURES = Path(__file__).parent / "fixtures" / "hostile"
CANARY = "CANARY-c4n4ry-5b1e0f"
"""The text of a file outside the site that entities and links point at."""
PASSWD = "root:x:0:0"
"""What /etc/passwd would leak."""
EVALUATED = "1337000"
"""``{{ 1337*1000 }}`` evaluated: must never appear."""
CAP_MB = 10
"""``ingest.max_mb`` of the test site: the 20 MB article is over it."""
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\xdac\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99"
    b"=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)
ARTICLE = (
    "{title}\n\n"
    "The {thing} was the talk of the town on Monday, and people queued from early morning to "
    "see it for themselves.\n\n"
    "Officials said the {thing} would stay open through the summer, and that more visitors "
    "were expected at the weekend.\n"
)


def article(title: str, thing: str) -> str:
    """A short, plain article: enough text to import on its own."""
    return ARTICLE.format(title=title, thing=thing)


# --- the generated part of the corpus ------------------------------------------------------

ODD_NAMES = (
    "with space.txt",
    "semi;colon.txt",
    "$(touch pwned-dollar).txt",
    "`touch pwned-tick`.txt",
    "ünïcødé 新闻 ☃.txt",
    "-leading-dash.txt",
    "--help.txt",
    "<img src=x onerror=alert('xss-name')>.txt",
    "quote'\"mark&amp.txt",
)
BAD_ODD_NAME = "names/$(reboot) `id` -rf;.md"


def _feed(entity: str, title: str, link: str) -> str:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [{entity}]>\n'
        f'<rss version="2.0"><channel><title>{title} &c;</title>\n'
        f"<item><title>{title} entry &c;</title><link>{link}</link>\n"
        f"<description>The {title.lower()} entry has words enough to be an article of its "
        "own. &c; It ends here, after a second sentence.</description></item>\n"
        "</channel></rss>\n"
    )


def _xhtml(entity: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x.dtd" [{entity}]>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Canal locks &c;</title>'
        "</head><body><article><h1>Canal locks reopen</h1>"
        "<p>The canal locks reopened on Tuesday after a winter of repairs, and the first "
        "narrowboats passed through before noon. &c;</p>"
        "<p>The trust said the gates would last another fifty years with care.</p>"
        "</article></body></html>\n"
    )


def generate(raw: Path, outside: Path, site: Path) -> None:
    """Write the inputs that cannot be committed: links, odd names, encodings, big files."""
    (outside / "canary.txt").write_text(f"{CANARY}\n\nA file outside the site.\n")
    (outside / "canary-article.md").write_text(
        f"---\ntitle: Canary leak {CANARY}\n---\n\nThe body of the canary: {CANARY}.\n"
    )
    (outside / "canary-note.md").write_text(f"---\ntitle: {CANARY}\n---\n\n{CANARY}\n")
    canary_entity = f'<!ENTITY c SYSTEM "file://{outside / "canary.txt"}">'
    param_entity = f'<!ENTITY % p SYSTEM "file://{outside / "canary.txt"}"> %p; {canary_entity}'

    def put(rel: str, data: str | bytes) -> None:
        path = raw / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)

    # XML external entities naming the canary, in feeds and in XHTML
    put("xxe/canary.rss", _feed(canary_entity, "Canary", "https://c.example/rss"))
    put("xxe/canary.xml", _feed(param_entity, "Param", "https://c.example/xml"))
    put(
        "xxe/canary.atom",
        '<?xml version="1.0"?>\n'
        f"<!DOCTYPE feed [{canary_entity}]>\n"
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom canary &c;</title>'
        "<id>urn:canary</id><updated>2024-05-13T10:00:00Z</updated>"
        "<entry><title>Atom canary entry &c;</title><id>urn:canary:1</id>"
        "<updated>2024-05-13T10:00:00Z</updated><content type='html'>The atom canary entry "
        "has words enough to be an article. &amp;c; &c; It ends here.</content></entry></feed>\n",
    )
    put("xxe/canary.html", _xhtml(canary_entity))

    # symbolic links out of the input folder (never read), into it (read), and nowhere
    links = raw / "links"
    links.mkdir()
    (links / "passwd.txt").symlink_to("/etc/passwd")
    (links / "canary.txt").symlink_to(outside / "canary.txt")
    (links / "canary.md").symlink_to(outside / "canary-article.md")
    (links / "relative.txt").symlink_to(Path("..", "..", "outside", "canary.txt"))
    (links / "zero.txt").symlink_to("/dev/zero")
    (links / "folder.txt").symlink_to(outside)
    (links / "outside-folder").symlink_to(outside)
    (links / "dangling.md").symlink_to(links / "missing.md")
    (links / "inside.txt").symlink_to(Path("..", "good-harbour.txt"))

    # content/ files that are links to files outside the site, and hostile event steering
    (site / "content" / "articles" / "leak.md").symlink_to(outside / "canary-article.md")
    (site / "content" / "articles" / "passwd.md").symlink_to("/etc/passwd")
    (site / "content" / "events" / "leak-note.md").symlink_to(outside / "canary-note.md")
    (site / "content" / "events" / "x.md").write_text(
        "---\ntitle: \"<script>alert('xss-note')</script>Dock {{ 7*7 }}\"\n"
        "summary: \"<img src=x onerror=alert('xss-note')>\"\n"
        'exclude: ["../../etc/passwd", "/etc/hosts", "../../../../tmp/evil-id"]\n---\n\n'
        "Notes <script>alert('xss-note')</script> [x](javascript:alert('xss-note')) "
        "![y](data:image/png;base64,iVBORw0KGgo=) {{ 1337*1000 }}\n"
    )
    (site / "content" / "events" / "outside-note.md").write_text(
        "---\nid: ../../../outside-note\ntitle: A note for an event id that leaves the site\n"
        "---\n\nNothing may be written for it.\n"
    )
    (site / "content" / "events" / "registry.json").write_text(
        json.dumps(
            {
                "version": 1,
                "events": {"../../../registry-evil": ["good-harbour"], "/abs/evil": ["xss-text"]},
                "redirects": {"../../../../redirect-evil": "../../../registry-evil"},
                "addresses": {
                    "article": {"good-harbour": "../../../addr-evil", "xss-text": "/addr-abs"},
                    "source": {"x": "CON"},
                },
                "moved": {"entity": {"../../moved-evil": "x", "nul": "x"}},
            }
        )
    )

    # encodings, NUL bytes and lone surrogates
    utf16 = article("Lifeboat crew honoured for rescue", "lifeboat")
    put("enc/utf16-le-bom.txt", utf16.encode("utf-16"))
    put(
        "enc/utf16-be-bom.md",
        b"\xfe\xff" + ("---\ntitle: Choir sings ünïcødé\n---\n\n" + utf16).encode("utf-16-be"),
    )
    put("enc/utf16-no-bom.txt", utf16.encode("utf-16-le"))
    put(
        "enc/mixed.txt",
        "Café reopens – “at last”\n\n".encode()
        + "Le café rouvre après l’hiver, déjà plein à midi.\n\n".encode("cp1252")
        + article("", "café").encode(),
    )
    put(
        "enc/invalid-utf8.md",
        b"---\ntitle: Broken bytes \xc3\x28 in a title\n---\n\nThe bytes \xf0\x28\x8c\xbc and "
        b"\xa0\xa1 are not UTF-8, and the rest of this paragraph is fine.\n",
    )
    put("enc/nul-early.txt", b"Nul early\n\n\x00\x00 binary junk after a title line\n")
    put("enc/nul-front-matter.md", b"---\ntitle: Nul\x00 title\n---\n\nBody text.\n")
    put(
        "enc/nul-late.txt",
        article("Nul late in a long text", "quay").encode() * 40 + b"\x00 after 4 KB\n",
    )
    put(
        "enc/nul-escaped.jsonl",
        json.dumps(
            {
                "id": "nul-escaped",
                "title": "Nul\u0000escaped title",
                "text": "A record with a \u0000 in its text, escaped in the JSON.",
                "source": "Nul\u0000Source",
            }
        )
        + "\n",
    )
    put(
        "enc/surrogate.jsonl",
        '{"id": "surrogate-\\ud800", "title": "Lone \\ud800 surrogate", "author": "\\udfff", '
        '"text": "A record whose text holds a lone \\udc00 surrogate, escaped in the JSON."}\n',
    )
    put(
        "enc/surrogate.md",
        '---\ntitle: "Lone \\ud800 surrogate in YAML"\nsource: "\\udfff"\nextra: ["\\ud83d"]\n'
        "---\n\nA Markdown article whose front matter holds lone surrogates.\n",
    )
    put(
        "enc/surrogate.rss",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T &#xD800;</title><item>'
        "<title>Surrogate &#xD800; title</title><description>Words &#xDFFF; here, enough of "
        "them to make an article.</description></item></channel></rss>\n",
    )

    # deep nesting: JSON and YAML parsers recurse
    deep = "[" * 100_000 + "]" * 100_000
    put(
        "deep/deep.jsonl",
        f'{{"id": "deep", "text": "x", "title": {deep}}}\n'
        + json.dumps({"id": "shallow", "title": "Shallow record", "text": article("", "pier")})
        + "\n",
    )
    put("deep/deep.md", f"---\ntitle: {'[' * 20_000}{']' * 20_000}\n---\n\nBody.\n")

    # binary data with text extensions
    for suffix in ("txt", "text", "md", "html", "htm", "jsonl", "rss", "atom", "xml"):
        put(f"binary/png.{suffix}", PNG)

    # empty and whitespace-only files
    for suffix in ("txt", "md", "html", "jsonl", "rss", "atom", "xml"):
        put(f"empty/empty.{suffix}", b"")
        put(f"empty/blank.{suffix}", b"  \n\t\r\n   \n")
    put("empty/front-matter-only.md", "---\ntitle: Only a title\n---\n\n   \n")

    # over the size cap: 20 MB of text
    text = article("A twenty megabyte article", "mill").encode()
    put("big/big.txt", (text * (20 * 2**20 // len(text) + 1))[: 20 * 2**20])

    # odd file names, all good articles, and one bad one
    for n, name in enumerate(ODD_NAMES):
        put(f"names/{name}", article(f"Odd name {n}: {name}", f"odd name {n} statue"))
    put(BAD_ODD_NAME, b"")

    # special files named on the command line: never read as if they were text
    extra = raw.parent / "extra"
    extra.mkdir()
    (extra / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(extra / "fifo.txt")

    # hostile YAML and duplicate ids in content files a person put in the site
    articles, events = site / "content" / "articles", site / "content" / "events"
    (articles / "yaml-bomb.md").write_bytes((FIXTURES / "yaml-alias-bomb.md").read_bytes())
    (articles / "yaml-tag.md").write_bytes((FIXTURES / "yaml-python-tag.md").read_bytes())
    (events / "yaml-bomb-note.md").write_bytes((FIXTURES / "yaml-alias-bomb.md").read_bytes())
    for name in ("content-dup-a", "content-dup-b"):
        (articles / f"{name}.md").write_text(
            "---\nid: content-dup\ntitle: Two content files, one id\n---\n\n"
            + article("", f"{name} fountain")
        )


def serve_www(www: Path) -> tuple[ThreadingHTTPServer, str]:
    """A local web server for the URL inputs (and a redirect to a ``file:`` URL)."""
    www.mkdir()
    (www / "evil.html").write_bytes((FIXTURES / "page-xss.html").read_bytes())
    (www / "evil.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel>'
        "<title>&lt;script&gt;alert('xss-url')&lt;/script&gt;Web Wire</title><item>"
        "<title>&lt;img src=x onerror=alert('xss-url')&gt;Tram line extended</title>"
        "<link>javascript:alert('xss-url')</link><guid>urn:web-wire:tram</guid>"
        "<description><![CDATA[<p>The tram line will be extended to the hospital by 2026 "
        "<script>alert('xss-url')</script>, the city said.</p>]]></description>"
        "</item></channel></rss>\n"
    )

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if self.path == "/to-file":
                self.send_response(302)
                self.send_header("Location", "file:///etc/passwd")
                self.end_headers()
                return
            super().do_GET()

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(www)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


# --- the cases -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One kind of attack: its inputs and what must come of them.

    Inputs are named relative to the raw folder; ``content/...`` names a file in the site
    (read by the build), ``/path`` a URL on the local server and ``arg:X`` a CLI argument.
    """

    id: str
    good: dict[str, int] = field(default_factory=dict)
    """Input -> how many articles it must give."""
    bad: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Input -> one expected phrase for each error line that names it."""
    markers: tuple[str, ...] = ()
    """Payload markers (``alert('xss-...')``) that must never be live in any output."""
    check: Callable[[Run], None] | None = None
    """Anything else this case must hold."""


@dataclass
class Run:
    """One import of the whole corpus, a second one, a build and a check; and what they left."""

    root: Path
    site: Path
    raw: Path
    server: str
    imported: subprocess.CompletedProcess[str]
    reimported: subprocess.CompletedProcess[str]
    built: subprocess.CompletedProcess[str]
    checked: subprocess.CompletedProcess[str]
    around_before: dict[str, tuple[object, ...]]
    around_after: dict[str, tuple[object, ...]]
    content: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Imported content file name -> its front matter."""
    events: list[dict[str, Any]] = field(default_factory=list)
    """``build/events.json``'s events."""
    outputs: dict[str, bytes] = field(default_factory=dict)
    """Every built file by its path in ``build/``."""
    findings: list[str] = field(default_factory=list)
    """Live markup and leaks found in the outputs, one line each."""

    def origin(self, name: str) -> tuple[str, str]:
        """(stage, what its messages and provenance call it) for an input name."""
        if name.startswith("content/"):
            return "build", str(self.site / name)
        if name.startswith("/"):
            return "import", self.server + name
        if name.startswith("arg:"):
            return "import", str(Path(name[4:]))
        return "import", str(self.raw / name)

    def errors(self, stage: str) -> list[str]:
        """The ``error:`` lines of the import or the build."""
        proc = self.built if stage == "build" else self.imported
        return [line for line in proc.stderr.splitlines() if line.startswith("error: ")]

    def page_path(self, article_id: str) -> str:
        """Where an article's page is in ``build/``."""
        for event in self.events:
            for a in event["articles"]:
                if a["id"] == article_id:
                    return str(a["page"]).strip("/") + "/index.html"
        raise AssertionError(f"no page for {article_id!r}")

    def page(self, article_id: str) -> str:
        """The built page of an article, by id."""
        return self.outputs[self.page_path(article_id)].decode()

    def ids_from(self, origin: str) -> list[str]:
        """Ids of the articles imported from one input."""
        return [
            str(meta["id"])
            for meta in self.content.values()
            if isinstance(meta.get("imported"), dict) and meta["imported"].get("file") == origin
        ]

    def built_ids(self) -> set[str]:
        """Ids of every article in ``build/events.json``."""
        return {a["id"] for e in self.events for a in e["articles"]}


def _check_duplicate_ids(run: Run) -> None:
    """Two files claiming one id are two articles: the first keeps it, the second gets its own."""
    (first,) = run.ids_from(run.origin("dup-id-first.md")[1])
    (second,) = run.ids_from(run.origin("dup-id-second.md")[1])
    assert first == "dup-story" and second.startswith("dup-story-") and second != first


def _check_jinja(run: Run) -> None:
    text = run.page("xss-text")
    assert "{{ 7*7 }}" in text and "{% raw %}raw{% endraw %}" in text
    jinja = run.page("jinja-title")
    assert "<h1>{{ 7*7 }} {{ 1337*1000 }} {% raw %}raw{% endraw %} {# not a comment #}" in jinja
    titles = {a["id"]: a["title"] for e in run.events for a in e["articles"]}
    assert titles["jinja-title"].startswith("{{ 7*7 }} {{ 1337*1000 }} {% raw %}")


def _check_front_matter(run: Run) -> None:
    html = run.page("xss-front-matter")
    assert "&lt;script&gt;alert(&#39;xss-fm-title&#39;)&lt;/script&gt;Council" in html
    assert "&lt;script&gt;alert('xss-fm-body')&lt;/script&gt;" in html, "raw HTML shown as text"
    urls = {a["id"]: a["url"] for e in run.events for a in e["articles"]}
    assert urls["xss-front-matter"] is None, "a javascript: url is dropped"
    assert urls["page-xss"] is None and urls["etc-passwd"] is None
    assert all(u is None or re.match(r"https?://", u) for u in urls.values())


def _check_traversal(run: Run) -> None:
    ids = run.built_ids()
    assert {"../../../../tmp/evil-id", "/etc/passwd", "../../etc/passwd", "/etc/hosts"} <= ids
    files = [p for p in (run.site / "content" / "articles").iterdir() if not p.is_symlink()]
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9_-]*\.md", p.name) for p in files), files
    assert all(".." not in p and not p.startswith("/") for p in run.outputs)
    pinned = {e["id"]: e for e in run.events}
    assert "x" in pinned and "etc-passwd" in pinned, "pins become slugs"
    assert "events/x/index.html" in run.outputs and "events/etc-passwd/index.html" in run.outputs
    note = run.outputs["events/x/index.html"].decode()
    assert "&lt;script&gt;alert(&#39;xss-note&#39;)&lt;/script&gt;Dock {{ 7*7 }}" in note
    registry = json.loads((run.site / "content" / "events" / "registry.json").read_text())
    assert isinstance(registry["events"], dict)
    hostile = ("addr-evil", "addr-abs", "moved-evil")
    assert not [p for p in run.outputs if any(h in p for h in hostile)]
    assert not [p for p in run.outputs if re.search(r"(^|/)(con|nul)/", p)]
    slugs = [s for names in registry["addresses"].values() for s in names.values()]
    assert slugs and all(re.fullmatch(r"[a-z0-9][a-z0-9_-]*", s) for s in slugs), slugs


def _check_no_leak(run: Run) -> None:
    for where in ("content", "build"):
        for path in (run.site / where).rglob("*"):
            if path.is_file() and not path.is_symlink():
                data = path.read_bytes()
                assert CANARY.encode() not in data, path
                assert PASSWD.encode() not in data, path


def _check_small(run: Run) -> None:
    """Entities are never expanded: every file stays small."""
    for name, data in run.outputs.items():
        assert len(data) < 2**20, name
    for path in (run.site / "content").rglob("*.md"):
        assert path.is_symlink() or path.stat().st_size < 2**16, path


PWNED = ("pwned-dollar", "pwned-tick", "pwned-yaml", "pwned-yaml-new")
"""Files the shell and YAML payloads would create if anything ran them."""


def _check_no_pwned(run: Run) -> None:
    assert not [p for p in run.root.rglob("*") if p.name in PWNED]


HAND_WRITTEN = {"content-dup"}
"""Ids of the good content files the test puts in the site by hand (not imported)."""


def _check_hand_written(run: Run) -> None:
    assert run.built_ids() >= HAND_WRITTEN


def _check_surrogates(run: Run) -> None:
    titles = {a["id"]: a["title"] for e in run.events for a in e["articles"]}
    assert titles["surrogate-\ufffd"] == "Lone \ufffd surrogate"
    assert titles["surrogate"] == "Lone \ufffd surrogate in YAML"


NOT_VALID_YAML = "front matter is not valid YAML"
BINARY = "binary file (NUL bytes)"

CASES = [
    Case("plain-article", good={"good-harbour.txt": 1}),
    Case("xss-in-text-dump", good={"xss-text.txt": 1}, markers=("xss-text",)),
    Case(
        "xss-in-front-matter-and-markdown",
        good={"xss-front-matter.md": 1},
        markers=("xss-fm",),
        check=_check_front_matter,
    ),
    Case(
        "jinja-syntax-is-literal",
        good={"jinja-title.md": 1, "xss-text.txt": 1},
        check=_check_jinja,
    ),
    Case("xss-in-rss-feed", good={"feed-xss.rss": 2}, markers=("xss-rss",)),
    Case("xss-in-atom-feed", good={"feed-xss.atom": 2}, markers=("xss-atom",)),
    Case(
        "xss-and-traversal-in-json-lines",
        good={"records-xss.jsonl": 3},
        bad={
            "records-xss.jsonl": (
                "duplicate id '../../etc/passwd'",
                "line 5: not valid JSON",
                "line 6: expected a JSON object",
                "line 7: missing id, text",
            )
        },
        markers=("xss-jsonl",),
    ),
    Case("xss-in-html-page-and-metadata", good={"page-xss.html": 1}, markers=("xss-html",)),
    Case("yaml-alias-bomb", bad={"yaml-alias-bomb.md": ("front matter uses a YAML alias",)}),
    Case("yaml-python-tags", bad={"yaml-python-tag.md": (NOT_VALID_YAML,)}),
    Case("yaml-unknown-tags", bad={"yaml-custom-tag.md": (NOT_VALID_YAML,)}),
    Case("yaml-plain-tags", good={"yaml-plain-tags.md": 1}, markers=("xss-yaml",)),
    Case(
        "duplicate-ids",
        good={"dup-id-first.md": 1, "dup-id-second.md": 1},
        check=_check_duplicate_ids,
    ),
    Case(
        "path-traversal-in-ids-events-and-notes",
        good={"event-traversal.md": 1, "event-absolute.md": 1},
        markers=("xss-note",),
        check=_check_traversal,
    ),
    Case(
        "xxe-etc-passwd",
        good={"xxe-passwd.rss": 1, "xxe-passwd.atom": 1},
        check=_check_no_leak,
    ),
    Case(
        "xxe-canary-in-feeds-and-xhtml",
        good={"xxe/canary.rss": 1, "xxe/canary.xml": 1, "xxe/canary.atom": 1, "xxe/canary.html": 1},
        check=_check_no_leak,
    ),
    Case(
        "billion-laughs",
        good={"lol-bomb.rss": 1, "lol-bomb.atom": 1, "lol-bomb.html": 1},
        check=_check_small,
    ),
    Case(
        "symlinks-out-of-the-input-folder",
        good={"links/inside.txt": 1},
        bad={
            "links/passwd.txt": ("outside",),
            "links/canary.txt": ("outside",),
            "links/canary.md": ("outside",),
            "links/relative.txt": ("outside",),
            "links/zero.txt": ("outside",),
            "links/folder.txt": ("outside",),
            "links/dangling.md": ("broken symbolic link",),
        },
        check=_check_no_leak,
    ),
    Case(
        "symlinked-content-files",
        bad={
            "content/articles/leak.md": ("outside the site",),
            "content/articles/passwd.md": ("outside the site",),
            "content/events/leak-note.md": ("outside the site",),
        },
        check=_check_no_leak,
    ),
    Case(
        "hostile-yaml-and-duplicate-ids-in-content-files",
        bad={
            "content/articles/yaml-bomb.md": ("front matter uses a YAML alias",),
            "content/articles/yaml-tag.md": (NOT_VALID_YAML,),
            "content/events/yaml-bomb-note.md": ("front matter uses a YAML alias",),
            "content/articles/content-dup-b.md": ("duplicate id 'content-dup'",),
        },
        check=_check_hand_written,
    ),
    Case(
        "special-files-named-on-the-command-line",
        bad={
            "arg:extra/zero.txt": ("not a regular file",),
            "arg:extra/fifo.txt": ("not a regular file",),
        },
    ),
    Case(
        "utf16-with-and-without-bom",
        good={"enc/utf16-le-bom.txt": 1, "enc/utf16-be-bom.md": 1},
        bad={"enc/utf16-no-bom.txt": (BINARY,)},
    ),
    Case("invalid-and-mixed-encodings", good={"enc/mixed.txt": 1, "enc/invalid-utf8.md": 1}),
    Case(
        "nul-bytes",
        good={"enc/nul-late.txt": 1, "enc/nul-escaped.jsonl": 1},
        bad={"enc/nul-early.txt": (BINARY,), "enc/nul-front-matter.md": (BINARY,)},
    ),
    Case(
        "lone-surrogates",
        good={"enc/surrogate.jsonl": 1, "enc/surrogate.md": 1},
        bad={"enc/surrogate.rss": ("not a readable feed",)},
        check=_check_surrogates,
    ),
    Case(
        "deep-nesting",
        good={"deep/deep.jsonl": 1},
        bad={
            "deep/deep.jsonl": ("line 1: JSON nested too deeply",),
            "deep/deep.md": ("front matter is nested too deeply",),
        },
    ),
    Case(
        "binary-files-with-text-extensions",
        bad={
            **{f"binary/png.{s}": (BINARY,) for s in ("txt", "text", "md", "html", "htm", "jsonl")},
            **{f"binary/png.{s}": ("not a readable feed",) for s in ("rss", "atom", "xml")},
        },
    ),
    Case(
        "empty-and-whitespace-only-files",
        bad={
            **{
                f"empty/{n}.{s}": ("empty file",)
                for n in ("empty", "blank")
                for s in ("txt", "jsonl")
            },
            **{f"empty/{n}.md": ("no article text",) for n in ("empty", "blank")},
            **{f"empty/{n}.html": ("no article text",) for n in ("empty", "blank")},
            **{
                f"empty/{n}.{s}": ("not a readable feed",)
                for n in ("empty", "blank")
                for s in ("rss", "atom", "xml")
            },
            "empty/front-matter-only.md": ("no article text",),
        },
    ),
    Case("oversized-article", bad={"big/big.txt": (f"larger than {CAP_MB} MB",)}),
    Case(
        "odd-file-names",
        good={f"names/{name}": 1 for name in ODD_NAMES},
        bad={BAD_ODD_NAME: ("no article text",)},
        markers=("xss-name",),
        check=_check_no_pwned,
    ),
    Case(
        "urls",
        good={"/evil.html": 1, "/evil.rss": 1},
        bad={
            "/to-file": ("HTTP 302",),
            "/missing.html": ("HTTP 404",),
            "arg:file:///etc/passwd": ("no such file",),
            "arg:javascript:alert('xss-arg')": ("no such file",),
        },
        markers=("xss-url", "xss-arg"),
        check=_check_no_leak,
    ),
]


# --- scanning the output -------------------------------------------------------------------

_DANGEROUS = re.compile(r"(javascript|vbscript|data):", re.IGNORECASE)
_URL_ATTRS = frozenset(
    "href src action formaction poster background cite data srcset xlink:href ping lowsrc".split()
)
_FOREIGN_TAGS = frozenset(
    "iframe frame frameset object embed applet base svg math style img video audio".split()
)
_ATOM_TAGS = frozenset("feed title id link updated published author name entry summary".split())
_SITEMAP_TAGS = frozenset({"urlset", "url", "loc"})


class _Scan(HTMLParser):
    """Everything live in a page: scripts, event handlers, dangerous URLs, foreign tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: tuple[dict[str, str | None], list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            text = value or ""
            plain = re.sub(r"[\x00-\x20]", "", text)
            handler = name.startswith("on") or name == "style"
            if handler or (name in _URL_ATTRS and _DANGEROUS.match(plain)):
                self.problems.append(f"<{tag} {name}={text!r}>")
            elif name == "content" and re.search(r"url=(javascript|vbscript|data):", plain, re.I):
                self.problems.append(f"<{tag} refresh {text!r}>")
        if tag in _FOREIGN_TAGS and not _own_chart(tag, dict(attrs)):
            self.problems.append(f"<{tag} {attrs!r}>")
        if tag == "script":
            self._script = (dict(attrs), [])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[1].append(data)


def _own_chart(tag: str, attrs: dict[str, str | None]) -> bool:
    """The theme's own pictures (``site/charts.py``): an inline ``<svg class="chart"
    role="img">``; what is inside is scanned like the rest of the page."""
    return tag == "svg" and attrs.get("class") == "chart" and attrs.get("role") == "img"


def _own_script(attrs: dict[str, str | None], body: str) -> bool:
    """The theme's own: a script file from ``assets/``, or an inert JSON-LD block."""
    if attrs.get("type") == "application/ld+json":
        try:
            json.loads(body)
        except ValueError:
            return False
        return "<" not in body and set(attrs) == {"type"}
    src = attrs.get("src") or ""
    return bool(re.fullmatch(r"/(?:[\w.-]+/)*assets/[\w.-]+\.js", src)) and not body.strip()


def scan_html(name: str, text: str) -> list[str]:
    """Live markup in one built page, one line each."""
    scan = _Scan()
    scan.feed(text)
    scan.close()
    problems = list(scan.problems)
    problems += [f"<script {a!r}>{b[:80]!r}" for a, b in scan.scripts if not _own_script(a, b)]
    if re.search(r"<script\b", without_own_scripts(text), re.IGNORECASE):
        problems.append("a <script> that is not the theme's own")
    return [f"{name}: {p}" for p in problems]


def scan_xml(name: str, data: bytes) -> list[str]:
    """Markup in a feed or the sitemap: every element is Atom's or the sitemap's own, and
    every link is http(s)."""
    root = ET.fromstring(data)
    problems = []
    for el in root.iter():
        local = el.tag.rsplit("}", 1)[-1]
        if local not in _ATOM_TAGS | _SITEMAP_TAGS:
            problems.append(f"element {el.tag}")
        href = el.get("href")
        if href is not None and not re.match(r"https?://", href):
            problems.append(f"link {href!r}")
        if local in ("id", "loc") and el.text and not re.match(r"https?://", el.text):
            problems.append(f"{local} {el.text!r}")
    if re.search(rb"<(script|img|svg|iframe|a|b|p)\b", data, re.IGNORECASE):
        problems.append("a raw HTML tag")
    return [f"{name}: {p}" for p in problems]


def scan_json(name: str, data: bytes) -> list[str]:
    """A JSON output parses, and holds no raw ``<``, ``>`` or ``&``: markup is escaped."""
    json.loads(data)
    return [f"{name}: raw {c!r}" for c in "<>&" if c.encode() in data]


def scan(outputs: dict[str, bytes]) -> list[str]:
    """Every finding in the built site."""
    findings = []
    for name, data in sorted(outputs.items()):
        if EVALUATED.encode() in data:
            findings.append(f"{name}: Jinja evaluated ({EVALUATED})")
        if name.endswith(".html"):
            findings += scan_html(name, data.decode("utf-8"))
        elif name.endswith(".xml"):
            findings += scan_xml(name, data)
        elif name.endswith(".json"):
            findings += scan_json(name, data)
        elif b"xss-" in data:
            findings.append(f"{name}: a payload in a plain file")
    return findings


# --- the run -------------------------------------------------------------------------------


def _listing(root: Path, skip: Path) -> dict[str, tuple[object, ...]]:
    """Every entry under ``root`` but ``skip``: kind, size, mtime, link target."""
    out: dict[str, tuple[object, ...]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = [d for d in dirnames if here / d != skip]
        for name in dirnames + filenames:
            path = here / name
            st = path.lstat()
            target = os.readlink(path) if path.is_symlink() else None
            size = None if path.is_dir() else st.st_size
            out[str(path.relative_to(root))] = (st.st_mode, size, st.st_mtime_ns, target)
    return out


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitegen", *args],
        cwd=root,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=300,
        check=False,
    )


def _inputs(run_raw: Path, server: str) -> list[str]:
    args = [str(run_raw)]
    for case in CASES:
        for name in [*case.good, *case.bad]:
            if name.startswith("/"):
                args.append(server + name)
            elif name.startswith("arg:"):
                args.append(name[4:])
    return list(dict.fromkeys(args))


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    """The whole corpus imported in one batch (twice), then built."""
    root = tmp_path_factory.mktemp("hostile")
    site, raw, outside = root / "site", root / "raw", root / "outside"
    shutil.copytree(FIXTURES, raw)
    outside.mkdir()
    init = _cli(root, "init", str(site))
    assert init.returncode == 0, init.stderr
    with (site / "sitegen.yaml").open("a", encoding="utf-8") as config:
        config.write(f"\ningest:\n  max_mb: {CAP_MB}\n")
    generate(raw, outside, site)
    httpd, server = serve_www(root / "www")
    try:
        before = _listing(root, site)
        args = ["--site", str(site), "import", *_inputs(raw, server)]
        imported = _cli(root, *args)
        reimported = _cli(root, *args)
        built = _cli(root, "--site", str(site), "build")
        checked = _cli(root, "--site", str(site), "check")
        after = _listing(root, site)
    finally:
        httpd.shutdown()
        httpd.server_close()
    result = Run(root, site, raw, server, imported, reimported, built, checked, before, after)
    for path in sorted((site / "content" / "articles").glob("*.md")):
        try:
            meta, _ = frontmatter.split(path.read_text(encoding="utf-8"))
        except (frontmatter.FrontMatterError, OSError, UnicodeDecodeError):
            continue  # the hostile files the test put in content/ itself
        if "imported" in meta and not path.is_symlink():
            result.content[path.name] = meta
    build = site / "build"
    result.outputs = {
        p.relative_to(build).as_posix(): p.read_bytes() for p in build.rglob("*") if p.is_file()
    }
    result.events = json.loads(result.outputs["events.json"])["events"]
    result.findings = scan(result.outputs)
    yield result


# --- the tests -----------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_case(run: Run, case: Case) -> None:
    for proc in (run.imported, run.built):
        assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    for name in sorted({*case.good, *case.bad}):
        stage, origin = run.origin(name)
        lines = [e for e in run.errors(stage) if e.startswith(f"error: {origin}: ")]
        expected = case.bad.get(name, ())
        assert len(lines) == len(expected), (name, lines)
        left = list(lines)
        for phrase in expected:
            match = next((line for line in left if phrase in line), None)
            assert match is not None, (name, phrase, lines)
            left.remove(match)
        if name in case.good:
            ids = run.ids_from(origin)
            assert len(ids) == case.good[name], (name, ids)
            assert set(ids) <= run.built_ids(), (name, ids)
            pages = [run.page_path(i) for i in ids]
            assert not [f for f in run.findings if f.startswith(tuple(pages))]
    for marker in case.markers:
        assert not [f for f in run.findings if marker in f]
    if case.check:
        case.check(run)


def test_whole_corpus_in_one_batch(run: Run) -> None:
    for proc in (run.imported, run.reimported, run.built):
        assert "Traceback" not in proc.stderr, proc.stderr
        # each names the inputs that failed (exit 1): hostile files, and hostile event notes
        assert proc.returncode == 1, proc.stderr
        assert not [line for line in proc.stderr.splitlines() if line.startswith("warning:")]
    for proc in (run.imported, run.reimported):
        noise = [line for line in proc.stderr.splitlines() if not line.startswith("error: ")]
        assert noise == [], "every line an import prints on stderr is one input's error"
    good = sum({k: v for c in CASES for k, v in c.good.items()}.values())
    bad = {stage: 0 for stage in ("import", "build")}
    named: dict[str, set[str]] = {"import": set(), "build": set()}
    for name, phrases in {k: v for c in CASES for k, v in c.bad.items()}.items():
        stage, origin = run.origin(name)
        bad[stage] += len(phrases)
        named[stage].add(origin)
    for stage in ("import", "build"):
        errors = run.errors(stage)
        assert len(errors) == bad[stage], errors
        strays = [e for e in errors if not any(e.startswith(f"error: {o}: ") for o in named[stage])]
        assert strays == []
    failed = bad["import"]
    summary = "imported {}, updated 0, unchanged {}, kept 0 (edited by hand), same 0, failed {}"
    assert summary.format(good, 0, failed) in run.imported.stdout
    assert summary.format(0, good, failed) in run.reimported.stdout
    assert run.reimported.stderr == run.imported.stderr
    assert f"built {good + len(HAND_WRITTEN)} articles" in run.built.stdout
    # `sitegen check` names the same content files, and finds no broken link but the one a
    # hostile Markdown link leaves behind as a harmless relative path
    assert "Traceback" not in run.checked.stderr and run.checked.returncode == 1
    problems = run.checked.stdout.splitlines()[:-1]
    content = [line for line in problems if " broken link " not in line]
    assert [f"error: {line}" for line in content] == run.errors("build")
    assert [line for line in problems if line not in content] == [
        f"{run.page_path('xss-front-matter')}: broken link java%0ascript:alert('xss-fm-md')"
    ]
    assert {str(m["id"]) for m in run.content.values()} | HAND_WRITTEN == run.built_ids()


def test_no_live_markup_in_any_output(run: Run) -> None:
    assert "index.html" in run.outputs
    assert run.findings == []


def test_nothing_read_or_written_outside_the_site(run: Run) -> None:
    _check_no_leak(run)
    assert run.around_after == run.around_before
    assert sorted(p.name for p in run.root.iterdir()) == ["extra", "outside", "raw", "site", "www"]


NORMALIZE = {
    "xss-text.txt": (),
    "yaml-alias-bomb.md": ("front matter uses a YAML alias",),
    "deep/deep.md": ("nested too deeply",),
    "deep/deep.jsonl": ("line 1: JSON nested too deeply",),
    "enc/surrogate.jsonl": (),
    "enc/surrogate.md": (),
    "binary/png.txt": (BINARY,),
    "empty/blank.html": ("no article text",),
    "lol-bomb.html": (),
    "xxe/canary.html": (),
    "links/zero.txt": ("not a regular file",),
}
"""``sitegen normalize FILE`` inputs -> the error lines each must give."""


@pytest.fixture(scope="module")
def normalized(run: Run) -> dict[str, tuple[int, str, str]]:
    """(exit status, stdout, stderr) of ``sitegen normalize`` on each file, run side by side."""
    procs = {
        name: subprocess.Popen(
            [sys.executable, "-m", "sitegen", "normalize", str(run.raw / name)],
            cwd=run.root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
        )
        for name in NORMALIZE
    }
    out = {}
    for name, proc in procs.items():
        stdout, stderr = proc.communicate(timeout=300)
        out[name] = (proc.returncode, stdout, stderr)
    return out


@pytest.mark.parametrize("name", list(NORMALIZE))
def test_normalize_command(
    run: Run, normalized: dict[str, tuple[int, str, str]], name: str
) -> None:
    status, stdout, stderr = normalized[name]
    assert "Traceback" not in stderr, stderr[-3000:]
    lines = stderr.splitlines()
    assert len(lines) == len(NORMALIZE[name]), lines
    for line, phrase in zip(lines, NORMALIZE[name], strict=True):
        assert line.startswith(f"error: {run.raw / name}: ") and phrase in line
    assert status == (1 if NORMALIZE[name] else 0)
    assert CANARY not in stdout and PASSWD not in stdout and len(stdout) < 2**20
    assert stdout or status == 1
    if stdout:
        meta, _ = frontmatter.split(stdout.split("\n---\n", 1)[0] + "\n---\n")
        assert meta.get("title"), stdout[:500]


def test_terminal_escapes_in_a_file_name_are_not_sent_to_the_terminal(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert _cli(tmp_path, "init", str(site)).returncode == 0
    raw = tmp_path / "raw"
    raw.mkdir()
    bad = raw / "evil\x1b]0;pwned\x07\x1b[31m.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (raw / "good.txt").write_text(article("A good article", "the river"), encoding="utf-8")
    done = _cli(tmp_path, "--site", str(site), "import", str(raw))
    assert done.returncode == 1
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith("error: ") and "evil\\x1b]0;pwned\\x07\\x1b[31m.txt" in line
