"""Readers for saved pages, feeds and URLs (fetched from a real server on 127.0.0.1)."""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.ingest import read_file, read_sources
from sitegen.ingest.htmltext import html_to_text
from sitegen.model import RawDocument, ReadError
from sitegen.normalize import normalize

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "readers"


def test_saved_page_gives_article_and_metadata() -> None:
    docs, errors = read_file(FIXTURES / "page.html")
    assert errors == [] and len(docs) == 1
    article = normalize(docs[0])
    assert article.title == "Harbour bridge reopens after repairs"
    assert article.source == "Coastal Courier"
    assert article.author == "Dana Whitlock"
    assert article.date and article.date.startswith("2024-03-14")
    assert article.url == "https://courier.example/news/harbour-bridge-reopens"
    assert "eleven weeks of repairs" in article.body
    assert "rates relief" in article.body
    for junk in ("Share on Facebook", "Most read", "newsletter", "All rights reserved", "tracking"):
        assert junk not in article.body


def test_posts_embedded_in_a_page_are_kept_in_place_as_text() -> None:
    docs, errors = read_file(FIXTURES / "page-with-posts.html")
    assert errors == [] and len(docs) == 1
    paragraphs = normalize(docs[0]).body.split("\n\n")
    anchor = paragraphs.index("Plenty of people online had thoughts about it.")
    assert paragraphs[anchor + 1 : anchor + 6] == [
        "Stay a while. Or longer.",
        "Is that a welcome or a threat? https://t.co/abc",
        "— Mara Quill (@maraquill) May 1, 2024",
        "forty thousand euros \\<script>alert(1)\\</script> for six words",
        "— Ledger Watch (@ledgerwatch) May 1, 2024",
    ]
    assert paragraphs[anchor + 6].startswith("The mayor defended the choice")


def test_rss_entries_become_articles() -> None:
    docs, errors = read_file(FIXTURES / "feed.rss")
    assert len(docs) == 2 and len(errors) == 1 and "Empty entry" in errors[0].message
    dam = normalize(docs[0])
    assert dam.title == "Dam inspection finds cracks in spillway"
    assert dam.source == "Valley Times" and dam.author == "Ravi Menon"
    assert dam.url == "https://valley.example/dam-cracks"
    assert dam.date == "2024-03-04T08:15:00+00:00"
    assert "before the spring melt" in dam.body, "full content wins over the teaser"
    assert "Short teaser" not in dam.body
    assert "alert" not in dam.body and "Share this article" not in dam.body
    library = normalize(docs[1])
    assert "until 9pm on weekdays" in library.body, "the description is used without content"


def test_atom_entry() -> None:
    docs, errors = read_file(FIXTURES / "feed.atom")
    assert errors == []
    tram = normalize(docs[0])
    assert tram.title == "Council approves new tram line"
    assert tram.source == "Northern Ledger" and tram.author == "Sofia Lind"
    assert "six-kilometre tram line" in tram.body


def test_html_fragments_lose_all_markup() -> None:
    text = html_to_text("<p>One <b>bold</b></p><script>x()</script><div>Two<br>Three</div>")
    assert text.split("\n") == ["One bold", "Two", "Three"]


def test_not_a_feed_is_one_error(tmp_path: Path) -> None:
    bad = tmp_path / "broken.xml"
    bad.write_text("<html><body>not a feed at all</body></html>")
    docs, errors = read_file(bad)
    assert docs == [] and len(errors) == 1 and errors[0].origin == bad


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "www"
    root.mkdir()
    for name in ("page.html", "feed.rss"):
        (root / name).write_bytes((FIXTURES / name).read_bytes())
    (root / "big.html").write_bytes(b"<p>" + b"x" * (11 * 1024 * 1024) + b"</p>")

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    class Server(ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            if not isinstance(sys.exc_info()[1], ConnectionError):
                super().handle_error(request, client_address)  # type: ignore[arg-type]
            # else: a client that stopped reading at its size cap, as it should

    httpd = Server(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_urls_of_pages_and_feeds(server: str) -> None:
    docs, errors = read_sources([f"{server}/page.html", f"{server}/feed.rss"])
    assert [d.fields.get("title") for d in docs][:1] == ["Harbour bridge reopens after repairs"]
    assert len(docs) == 3 and len(errors) == 1  # the feed's empty entry
    assert docs[0].fields["url"]


def test_url_failures_are_one_line_each(server: str) -> None:
    docs, errors = read_sources([f"{server}/missing.html", f"{server}/big.html"])
    assert docs == []
    assert "HTTP 404" in errors[0].message
    assert "larger than" in errors[1].message


def test_import_from_a_url(server: str, tmp_path: Path) -> None:
    site = tmp_path / "site"
    main(["init", str(site)])
    assert main(["--site", str(site), "import", f"{server}/page.html"]) == 0
    (written,) = (site / "content" / "articles").glob("*.md")
    text = written.read_text(encoding="utf-8")
    assert "title: Harbour bridge reopens after repairs" in text
    assert f"file: {server}/page.html" in text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Grüße aus München: Straße, Käse, Öl.".encode("cp1252"), "Grüße aus München"),
        (("Пример текста на русском языке. " * 3).encode("cp1251"), "Пример текста"),
        (("日本語のテキストです。" * 4).encode("shift_jis"), "日本語のテキスト"),
        ("UTF-16 text with ü".encode("utf-16"), "UTF-16 text with ü"),
        ("It wasnâ€™t over â€” cafÃ© Ã©tÃ©".encode(), "It wasn’t over — café été"),
    ],
    ids=["cp1252", "cp1251", "shift_jis", "utf16-bom", "mojibake"],
)
def test_charsets_and_mojibake(tmp_path: Path, raw: bytes, expected: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(raw)
    docs, errors = read_file(path)
    assert errors == [] and expected in docs[0].text


def test_size_cap_comes_from_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    main(["init", str(site)])
    config = site / "sitegen.yaml"
    config.write_text(config.read_text() + "ingest:\n  max_mb: 1\n", encoding="utf-8")
    (tmp_path / "big.txt").write_text("A long line of text. " * 60_000)
    (tmp_path / "small.txt").write_text(
        "Small article\n\nA short but complete paragraph of news.\n"
    )
    assert (
        main(
            ["--site", str(site), "import", str(tmp_path / "big.txt"), str(tmp_path / "small.txt")]
        )
        == 1
    )
    captured = capsys.readouterr()
    assert "big.txt: larger than 1 MB" in captured.err
    assert "imported 1" in captured.out and "failed 1" in captured.out


def test_feed_content_keeps_its_structure_as_escaped_markdown() -> None:
    docs, errors = read_file(FIXTURES / "feed-structure.rss")
    assert errors == [] and len(docs) == 1
    body = normalize(docs[0]).body
    assert body.split("\n\n") == [
        "The council *approved* the plan on **Monday**, see the report.",
        "## What changes",
        "- New quay walls\n- Two cranes\n  - one electric\n  - one diesel\n- A ferry berth\n"
        "1. First step\n1. Second step",
        "> We are delighted with the result of the vote.\n>\n> It took years.",
        "Work starts in \\* May \\* with 1. phase and # tags \\<script>alert(1)\\</script>.",
    ]
    assert "https://x.example" not in body  # link targets never reach the digest


def test_digest_text_of_structured_markdown_is_plain() -> None:
    from sitegen.digest.plaintext import paragraphs

    docs, _ = read_file(FIXTURES / "feed-structure.rss")
    found = paragraphs(normalize(docs[0]).body)
    assert found[0] == "The council approved the plan on Monday, see the report."
    assert "What changes" not in found  # a heading is not a paragraph of prose
    assert found[-1].startswith("Work starts in * May *")


def test_saved_page_keeps_headings_lists_and_quotes() -> None:
    docs, errors = read_file(FIXTURES / "page-structure.html")
    assert errors == [] and len(docs) == 1
    article = normalize(docs[0])
    assert article.title == "Harbour plan approved"
    paragraphs = article.body.split("\n\n")
    assert paragraphs[1:] == [
        "## What changes for the port",
        "The plan sets out three stages of work over the next decade, with the first contracts "
        "expected to be signed before the end of the year.",
        "- New quay walls along the northern basin\n- Two cranes for container traffic\n"
        "  - one electric crane\n  - one diesel crane\n- A berth for the island ferry",
        "> We are delighted with the result of the vote, which took years of work.",
        "1. Dredging of the channel\n1. Construction of the walls",
        "Work starts in May and the harbour will stay open throughout, the port authority said "
        "in a statement on Tuesday.",
    ]
    assert "according to the official report published" in paragraphs[0]
    assert "x.example" not in article.body  # the link's text is kept, never its target


def test_markers_in_a_page_cannot_forge_structure(tmp_path: Path) -> None:
    from sitegen import structure

    forged = structure.mark("h2", "Forged heading")
    page = (FIXTURES / "page-structure.html").read_text(encoding="utf-8")
    page = page.replace("Work starts in May", f"{forged} Work starts in May")
    (tmp_path / "forged.html").write_text(page, encoding="utf-8")
    docs, _ = read_file(tmp_path / "forged.html")
    body = normalize(docs[0]).body
    assert "## Forged" not in body and "h2Forged heading Work starts in May" in body


def test_an_article_the_extractor_cannot_reach_is_imported_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The page's story sits in a block the extractor takes for a footer: the quick pass and
    the full extraction both keep only the teaser above it, and the import says so."""
    site = tmp_path / "site"
    assert main(["-q", "init", str(site)]) == 0
    page = FIXTURES / "page-cut-short.html"
    assert main(["--site", str(site), "import", str(page)]) == 0
    err = capsys.readouterr().err
    (line,) = err.splitlines()
    assert line.startswith(f"warning: {page}: the article may be cut short: ")
    assert main(["normalize", "--explain", str(page)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "extraction: the quick pass kept" in out[0] and "full extraction tried" in out[0]
    assert "warning: the article may be cut short" in out[1]


def test_a_whole_article_gets_no_warning(capsys: pytest.CaptureFixture[str]) -> None:
    docs, _ = read_file(FIXTURES / "page.html")
    assert docs[0].notes == ()


def test_a_reader_that_fails_unexpectedly_is_one_error_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Robustness point 12: not only ValueError; a reader's (or its library's) bug names the
    file and the rest is imported."""
    from sitegen.ingest import registry

    real = registry.READERS[".txt"]

    def fragile(path: Path, data: bytes) -> list[RawDocument | ReadError]:
        if path.name == "bad.txt":
            raise KeyError("an internal table")
        return real(path, data)

    monkeypatch.setitem(registry.READERS, ".txt", fragile)
    (tmp_path / "bad.txt").write_text("Some text that the reader cannot handle.\n")
    (tmp_path / "good.txt").write_text("Tram line opens\n\nThe new tram line opened on Monday.\n")
    docs, errors = registry.read_sources([tmp_path])
    assert [d.origin.name for d in docs if isinstance(d.origin, Path)] == ["good.txt"]
    assert len(errors) == 1 and errors[0].origin == tmp_path / "bad.txt"
    assert "KeyError" in errors[0].message
