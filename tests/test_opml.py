"""OPML import and export (``sitegen feeds import/export``), and adding feeds to a person's
sitegen.yaml by editing its text: round trips keep every feed and option, hostile files are
refused, comments and every other byte of the file stay as they were."""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.config import CONFIG_FILE, ConfigError, load_config
from sitegen.errors import EXIT_NOTHING, EXIT_OK, EXIT_PARTIAL
from sitegen.scaffold import init_site
from sitegen.subscribe.configfile import ConfigEditError, add_feeds, with_items
from sitegen.subscribe.feeds import Subscription, as_config, parse_subscription, subscriptions
from sitegen.subscribe.opml import MAX_BYTES, opml_bytes, parse_opml, read_opml

ROOT = Path(__file__).resolve().parent.parent
WHEN = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)

TRICKY = (
    Subscription("https://plain.example/rss"),
    Subscription(
        "https://news.example.com/atom.xml?a=1&b=<2>",
        'Harbour & <Port> "Courier" — Zürich 港口',
        "always",
        ("harbour", "/\\bport(s)?\\b/", "/a\\/b|c\\/d/", "it's", '"quoted"', "&amp; <b>"),
        ("/^sponsored: .*$/", "Ünïcode", "a]b[c"),
        "pt-BR",
    ),
    Subscription("http://127.0.0.1:8080/feed", "  spaced\tname  ".strip(), "never"),
    Subscription("https://only-language.example/", language="de"),
)


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m sitegen ARGS`` in its own process, importing this checkout's sitegen."""
    env = {**os.environ, "CI": "true", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "sitegen", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
        timeout=300,
    )


def inserted(old: str, new: str) -> str:
    """What ``new`` adds to ``old``, which it must keep byte for byte: one run of lines."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    if old and not old.endswith("\n"):  # a file without a final newline gets one
        old_lines[-1] += "\n"
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    assert len(changes) == 1 and changes[0][0] == "insert", changes
    _, _, _, start, end = changes[0]
    return "".join(new_lines[start:end])


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    init_site(folder, "Harbour digest")
    return folder


# --- OPML ---------------------------------------------------------------------------------


def test_export_then_import_keeps_every_feed_and_option() -> None:
    data = opml_bytes(TRICKY, "Feeds & <friends>", WHEN)
    assert parse_opml(data, "x.opml") == list(TRICKY)
    assert opml_bytes(parse_opml(data, "x.opml"), "Feeds & <friends>", WHEN) == data


def test_the_export_is_opml_2() -> None:
    text = opml_bytes(TRICKY, "Harbour digest", WHEN).decode("utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0" ')
    assert 'xmlns:sitegen="https://sitegen.dev/opml/1"' in text
    assert "<title>Harbour digest</title>" in text
    assert "<dateCreated>Thu, 03 Dec 2026 09:30:00 GMT</dateCreated>" in text
    body = text.split("<body>", 1)[1]
    assert body.count("<outline ") == len(TRICKY)
    assert '<outline type="rss" text="https://plain.example/rss" xmlUrl=' in body
    assert 'sitegen:full_text="always"' in body and 'sitegen:language="pt-BR"' in body


def test_the_export_is_the_same_for_the_same_feeds() -> None:
    assert opml_bytes(TRICKY, "t", WHEN) == opml_bytes(list(TRICKY), "t", WHEN)
    later = opml_bytes(TRICKY, "t").decode()
    assert (
        later.split("<dateCreated>")[0]
        == opml_bytes(TRICKY, "t", WHEN).decode().split("<dateCreated>")[0]
    )


# Feed URLs as `feeds:` accepts them, patterns of any text, names of any text XML can carry.
_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1)
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NAME = _TEXT.map(lambda t: " ".join(_NOT_XML.sub("", t).split())).filter(bool)
_WORD = st.from_regex(r"[A-Za-z0-9äöüß]{1,12}", fullmatch=True)
_PATTERN = st.one_of(
    _WORD,
    _TEXT.filter(lambda t: "\n" not in t).map(lambda t: "/" + t.replace("\\", "") + "/"),
)


@st.composite
def _subscription(draw: st.DrawFn) -> Subscription:
    host = draw(st.from_regex(r"[a-z]{1,10}\.example", fullmatch=True))
    path = draw(st.from_regex(r"(/[A-Za-z0-9._~%&=?;:@!$'()*+,-]{0,12}){0,3}", fullmatch=True))
    item = {
        "url": f"{draw(st.sampled_from(['http', 'https']))}://{host}{path}",
        "name": draw(st.none() | _NAME),
        "full_text": draw(st.sampled_from(["auto", "always", "never"])),
        "include": draw(st.lists(_PATTERN, max_size=3)),
        "exclude": draw(st.lists(_PATTERN, max_size=3)),
        "language": draw(st.none() | st.sampled_from(["en", "pt-BR", "zh-Hant-TW"])),
    }
    sub = parse_subscription({k: v for k, v in item.items() if v is not None})
    if isinstance(sub, str):  # a pattern that is not a regular expression
        sub = Subscription(str(item["url"]))
    return sub


SETTINGS = settings(
    max_examples=int(os.environ.get("SITEGEN_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.mark.filterwarnings("ignore::FutureWarning")  # drawn expressions with `[[`
@SETTINGS
@given(st.lists(_subscription(), max_size=4, unique_by=lambda s: s.url))
def test_any_subscriptions_survive_opml_and_the_config_file(subs: list[Subscription]) -> None:
    assert parse_opml(opml_bytes(subs, "t", WHEN), "x.opml") == subs
    text = "title: x  # mine\nfeeds:\n  - https://first.example/\n"
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / CONFIG_FILE).write_text(text, encoding="utf-8")
        assert add_feeds(Path(folder), subs) == (len(subs), 0)
        edited = (Path(folder) / CONFIG_FILE).read_text(encoding="utf-8")
        assert subscriptions(load_config(Path(folder))["feeds"])[1:] == tuple(subs)
    assert edited.startswith(text)
    assert with_items(text, [as_config(s) for s in subs]) == edited or not subs


def test_nested_categories_are_flattened_and_a_feed_in_two_keeps_its_first_place() -> None:
    data = b"""<?xml version="1.0"?>
<opml version="2.0"><head><title>t</title></head><body>
  <outline text="News">
    <outline text="World">
      <outline text="Deep"><outline text="A" type="rss" xmlUrl="https://a.example/rss"/></outline>
      <outline text="B" type="rss" xmlUrl="https://b.example/rss"/>
    </outline>
    <outline text="C" type="rss" xmlUrl="https://c.example/rss"/>
  </outline>
  <outline text="Also here"><outline text="A again" xmlUrl="https://a.example/rss"/></outline>
  <outline text="D" type="rss" xmlUrl="https://d.example/rss"/>
  <outline text="a link, no feed" type="link" url="https://e.example/"/>
</body></opml>"""
    outlines = read_opml(data, "nested.opml")
    assert [(s.url, s.name) for s in outlines.subscriptions] == [
        ("https://a.example/rss", "A"),
        ("https://b.example/rss", "B"),
        ("https://c.example/rss", "C"),
        ("https://d.example/rss", "D"),
    ]
    assert outlines.skipped == ()


FEEDLY = """<?xml version="1.0" encoding="UTF-8"?>

<opml version="1.0">
    <head>
        <title>Ana subscriptions in feedly Cloud</title>
    </head>
    <body>
        <outline text="World" title="World">
            <outline type="rss" text="BBC News - World" title="BBC News - World" \
xmlUrl="http://feeds.bbci.co.uk/news/world/rss.xml" htmlUrl="https://www.bbc.co.uk/news/world"/>
            <outline type="rss" \
text="Le Monde.fr - Actualités et Infos en France et dans le monde" \
title="Le Monde.fr - Actualités et Infos en France et dans le monde" \
xmlUrl="https://www.lemonde.fr/rss/une.xml" htmlUrl="https://www.lemonde.fr"/>
        </outline>
        <outline text="Tech" title="Tech">
            <outline type="rss" text="Ars Technica" title="Ars Technica" \
xmlUrl="https://feeds.arstechnica.com/arstechnica/index" htmlUrl="https://arstechnica.com"/>
        </outline>
    </body>
</opml>
"""

NETNEWSWIRE = """<?xml version="1.0" encoding="UTF-8"?>
<!-- OPML generated by NetNewsWire -->
<opml version="1.1">
\t<head>
\t\t<title>Subscriptions-OnMyMac.opml</title>
\t</head>
<body>
\t<outline text="Daring Fireball" title="Daring Fireball" description="" type="rss" \
version="RSS" htmlUrl="https://daringfireball.net/" xmlUrl="https://daringfireball.net/feeds/main"/>
\t<outline text="News" title="News">
\t\t<outline text="NOS Nieuws" title="NOS Nieuws" description="" type="rss" version="RSS" \
htmlUrl="https://nos.nl/" xmlUrl="https://feeds.nos.nl/nosnieuwsalgemeen?format=xml&amp;x=1"/>
\t\t<outline text="Podcast" title="Podcast" description="" type="rss" version="RSS" \
htmlUrl="https://example.org/" xmlUrl="feed://example.org/podcast.xml"/>
\t</outline>
</body>
</opml>
"""


def test_a_feedly_export() -> None:
    outlines = read_opml(FEEDLY.encode("utf-8"), "feedly.opml")
    assert [(s.url, s.name) for s in outlines.subscriptions] == [
        ("http://feeds.bbci.co.uk/news/world/rss.xml", "BBC News - World"),
        (
            "https://www.lemonde.fr/rss/une.xml",
            "Le Monde.fr - Actualités et Infos en France et dans le monde",
        ),
        ("https://feeds.arstechnica.com/arstechnica/index", "Ars Technica"),
    ]
    assert all(s.full_text == "auto" and not s.include for s in outlines.subscriptions)


def test_a_netnewswire_export_with_a_feed_url_that_is_not_http() -> None:
    outlines = read_opml(NETNEWSWIRE.encode("utf-8"), "nnw.opml")
    assert [s.url for s in outlines.subscriptions] == [
        "https://daringfireball.net/feeds/main",
        "https://feeds.nos.nl/nosnieuwsalgemeen?format=xml&x=1",
    ]
    (skipped,) = outlines.skipped
    assert skipped.origin == "nnw.opml"
    assert skipped.message.startswith("line 11: outline 'Podcast': url 'feed://example.org/")
    assert skipped.message.endswith(", skipped") and "\n" not in skipped.message


def test_a_legacy_charset_and_attribute_spellings() -> None:
    data = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><opml version="2.0"><body>'
        '<outline TEXT="Café Crème" xmlurl="https://cafe.example/rss" language="fr"/>'
        '<outline text="Bad tag" xmlUrl="https://b.example/rss" language="French"/>'
        '<outline text="https://c.example/rss" xmlUrl="https://c.example/rss"/>'
        "</body></opml>"
    ).encode("latin-1")
    assert parse_opml(data, "x.opml") == [
        Subscription("https://cafe.example/rss", "Café Crème", language="fr"),
        Subscription("https://b.example/rss", "Bad tag"),  # `French` is no tag: left out
        Subscription("https://c.example/rss"),  # a text that is its URL is no name
    ]


@pytest.mark.parametrize(
    ("attrs", "reason"),
    [
        ('xmlUrl="javascript:alert(1)"', "url 'javascript:alert(1)': must be an absolute http"),
        ('xmlUrl="file:///etc/passwd"', "url 'file:///etc/passwd'"),
        ('xmlUrl=""', "url '': must be"),
        ('xmlUrl="https://e.example/" sitegen:full_text="sometimes"', "full_text: must be one"),
        (
            'xmlUrl="https://e.example/" sitegen:include="harbour"',
            "sitegen:include: must be a JSON",
        ),
        ('xmlUrl="https://e.example/" sitegen:exclude=\'["/(/"]\'', "exclude: '/(/' is not a"),
        ('xmlUrl="https://e.example/" sitegen:language="English"', "language: must be a language"),
        ('type="include" url="https://evil.example/more.opml"', "an OPML include of 'https://evil"),
    ],
)
def test_an_unusable_outline_is_skipped_with_its_reason(attrs: str, reason: str) -> None:
    data = (
        '<opml version="2.0" xmlns:sitegen="https://sitegen.dev/opml/1"><body>\n'
        f'<outline text="Odd" {attrs}/>\n'
        '<outline text="Fine" xmlUrl="https://fine.example/rss"/>\n'
        "</body></opml>"
    ).encode()
    outlines = read_opml(data, "odd.opml")
    assert [s.url for s in outlines.subscriptions] == ["https://fine.example/rss"]
    (skipped,) = outlines.skipped
    assert skipped.message.startswith("line 2: outline 'Odd': ") and reason in skipped.message


def test_a_skipped_outline_s_line_stays_short() -> None:
    huge = "x" * 1_000_000
    data = f'<opml><body><outline text="{huge}" xmlUrl="ftp://{huge}"/></body></opml>'.encode()
    (skipped,) = read_opml(data, "huge.opml").skipped
    assert len(skipped.message) < 400 and skipped.message.endswith("…, skipped")


HOSTILE = {
    "billion laughs": b"""<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<opml version="2.0"><body><outline text="&c;" xmlUrl="https://e.example/"/></body></opml>""",
    "external entity": b"""<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<opml version="2.0"><body><outline text="&x;" xmlUrl="https://e.example/"/></body></opml>""",
    "external DTD": b"""<?xml version="1.0"?>
<!DOCTYPE opml SYSTEM "http://127.0.0.1:9/opml.dtd">
<opml version="2.0"><body/></opml>""",
    "parameter entity": b"""<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x"> %p;]><opml/>""",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_doctype_or_entity_is_refused(name: str) -> None:
    with pytest.raises(ValueError) as caught:
        read_opml(HOSTILE[name], "hostile.opml")
    message = str(caught.value)
    assert message.startswith("hostile.opml: line ") and "\n" not in message
    assert "DOCTYPE is not allowed" in message


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"<opml><body><outline text='&nbsp;' xmlUrl='https://e.example/'/></body></opml>", "XML"),
        (b"<rss version='2.0'><channel/></rss>", "not an OPML file (its root element is <rss>)"),
        (b"\x00\xffjunk", "not well-formed XML"),
        (b"", "not well-formed XML"),
        (b"<opml>" + b" " * MAX_BYTES + b"</opml>", "larger than 5 MB, not read"),
        (b"<opml><body><sitegen:outline/></body></opml>", "not well-formed XML (unbound prefix)"),
    ],
)
def test_a_file_that_is_not_opml_is_one_line(data: bytes, problem: str) -> None:
    with pytest.raises(ValueError) as caught:
        read_opml(data, "bad.opml")
    message = str(caught.value)
    assert message.startswith("bad.opml: ") and problem in message and "\n" not in message


# --- sitegen.yaml --------------------------------------------------------------------------

COMMENTED = """\
# My harbour digest. Edited by hand: keep these comments!
title: "Harbour digest"   # quoted on purpose
base_url: https://news.example.org/

# grouping tuned in March
grouping:
  event_threshold: 0.15  # a bit stricter
deploy:
  site: {target: "git+git@github.com:me/digest.git", branch: gh-pages}
"""


def test_adding_feeds_keeps_every_other_byte(site: Path) -> None:
    config = site / CONFIG_FILE
    config.write_text(COMMENTED, encoding="utf-8")
    assert add_feeds(site, TRICKY) == (len(TRICKY), 0)
    new = config.read_text(encoding="utf-8")
    added = inserted(COMMENTED, new)
    assert new.startswith(COMMENTED) and added.startswith("\nfeeds:\n  - https://plain.example/")
    assert subscriptions(load_config(site)["feeds"]) == TRICKY
    assert load_config(site)["grouping.event_threshold"] == 0.15


def test_new_feeds_go_after_the_last_item_of_the_list(site: Path) -> None:
    config = site / CONFIG_FILE
    old = (
        "title: t\n"
        "feeds:\n"
        "    # the wire services\n"
        "    -   https://wire.example/rss   # the first\n"
        "    -   url: https://port.example/atom.xml\n"
        "        name: Port News\n"
        "        include: [harbour,\n"
        "                  ships]\n"
        "    # - https://old.example/rss   (dead since May)\n"
        "\n"
        "atom:\n"
        "  max_items: 20\n"
    )
    config.write_text(old, encoding="utf-8")
    assert add_feeds(site, [TRICKY[0], TRICKY[2]]) == (2, 0)
    new = config.read_text(encoding="utf-8")
    assert inserted(old, new) == (
        "    -   https://plain.example/rss\n"
        "    -   url: http://127.0.0.1:8080/feed\n"
        '        name: "spaced\\tname"\n'
        "        full_text: never\n"
    )
    assert new.index("ships]") < new.index("plain.example") < new.index("# - https://old")
    urls = [s.url for s in subscriptions(load_config(site)["feeds"])]
    assert urls == [
        "https://wire.example/rss",
        "https://port.example/atom.xml",
        "https://plain.example/rss",
        "http://127.0.0.1:8080/feed",
    ]


def test_a_list_at_the_key_s_own_indentation_and_no_final_newline(site: Path) -> None:
    config = site / CONFIG_FILE
    config.write_text("feeds:\n- https://wire.example/rss", encoding="utf-8")
    add_feeds(site, [TRICKY[3]])
    assert config.read_text(encoding="utf-8") == (
        "feeds:\n- https://wire.example/rss\n- url: https://only-language.example/\n"
        "  language: de\n"
    )


def test_feeds_already_listed_are_not_added_again(site: Path) -> None:
    config = site / CONFIG_FILE
    config.write_text("feeds:\n  - url: https://plain.example/rss\n    name: Mine\n")
    before = config.read_bytes()
    assert add_feeds(site, [TRICKY[0], TRICKY[0]]) == (0, 2)
    assert config.read_bytes() == before
    assert add_feeds(site, TRICKY) == (3, 1)
    assert subscriptions(load_config(site)["feeds"])[0].name == "Mine"  # the site's own wins


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("title: t\nfeeds: [https://a.example/rss]  # one\n", "line 2: `feeds:` is a flow-style"),
        ("feeds: []\n", "write it as a block list"),
        ("title: t\nfeeds: {max_items: 5}\n", "`feeds.max_items` is now `atom.max_items`"),
        ("# old\nfeeds:\n  max_items: 5\n", "line 2: `feeds:` is the old section"),
        ("title: t\n...\n", "would change its meaning"),
        ("{title: t}\n", "the top level is not a block mapping"),
        ("x: &f\n  - https://a.example/\nfeeds: *f\n", "`feeds:` is an alias"),
    ],
)
def test_a_file_it_cannot_edit_is_left_untouched(site: Path, text: str, problem: str) -> None:
    config = site / CONFIG_FILE
    config.write_text(text, encoding="utf-8")
    before = config.stat()
    with pytest.raises(ConfigEditError) as caught:
        add_feeds(site, TRICKY)
    assert problem in str(caught.value) and "\n" not in str(caught.value)
    assert str(caught.value).startswith(str(config))
    assert config.read_text(encoding="utf-8") == text
    assert config.stat().st_mtime_ns == before.st_mtime_ns
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".sitegen")) == []


def test_a_file_that_does_not_validate_is_left_untouched(site: Path) -> None:
    config = site / CONFIG_FILE
    text = "base_url: not a url\n"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="base_url"):
        add_feeds(site, TRICKY)
    assert config.read_text(encoding="utf-8") == text


def test_a_site_without_sitegen_yaml_gets_one(tmp_path: Path) -> None:
    assert add_feeds(tmp_path, [TRICKY[0]]) == (1, 0)
    assert (tmp_path / CONFIG_FILE).read_text() == "feeds:\n  - https://plain.example/rss\n"


# --- the command line ----------------------------------------------------------------------


def test_import_and_export_end_to_end(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        assert run("init", "-q", str(folder)).returncode == EXIT_OK
    (first / CONFIG_FILE).write_text(COMMENTED, encoding="utf-8")
    feeds = tmp_path / "mine.opml"
    feeds.write_bytes(opml_bytes(TRICKY, "mine", WHEN))

    done = run("--site", str(first), "feeds", "import", str(feeds))
    assert (done.returncode, done.stdout, done.stderr) == (
        EXIT_OK,
        "feeds: added 4, already listed 0\n",
        "",
    )
    assert (first / CONFIG_FILE).read_text(encoding="utf-8").startswith(COMMENTED)
    done = run("feeds", "import", str(feeds), "--site", str(first))
    assert (done.returncode, done.stdout) == (EXIT_OK, "feeds: added 0, already listed 4\n")

    exported = run("--site", str(first), "feeds", "export")
    assert exported.returncode == EXIT_OK and exported.stderr == ""
    assert parse_opml(exported.stdout.encode("utf-8"), "stdout") == list(TRICKY)
    assert "<title>Harbour digest</title>" in exported.stdout

    out = tmp_path / "out" / "feeds.opml"
    done = run("--site", str(first), "feeds", "export", "-o", str(out))
    assert done.returncode == EXIT_OK and done.stdout == f"feeds: exported 4 to {out}\n"
    done = run("--site", str(second), "feeds", "import", str(out))
    assert done.returncode == EXIT_OK
    again = run("--site", str(second), "feeds", "export")
    assert parse_opml(again.stdout.encode(), "stdout") == list(TRICKY)


def test_skipped_outlines_are_one_line_each_and_exit_1(site: Path, tmp_path: Path) -> None:
    feeds = tmp_path / "nnw.opml"
    feeds.write_text(NETNEWSWIRE, encoding="utf-8")
    done = run("--site", str(site), "feeds", "import", str(feeds))
    assert done.returncode == EXIT_PARTIAL
    assert done.stdout == "feeds: added 2, already listed 0\n"
    assert done.stderr.splitlines() == [
        f"error: {feeds}: line 11: outline 'Podcast': url 'feed://example.org/podcast.xml': "
        "must be an absolute http(s) URL, skipped"
    ]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (HOSTILE["billion laughs"], ["DOCTYPE is not allowed"]),
        (b"<opml version='2.0'><body><outline text='folder'/></body></opml>", ["no feed to add"]),
        (b"<opml><body><outline text='x' xmlUrl='ftp://x.example/'/></body></opml>", ["ftp"]),
        (None, ["cannot read", "No such file"]),
    ],
)
def test_a_file_that_gives_nothing_is_exit_2(
    site: Path, tmp_path: Path, content: bytes | None, words: list[str]
) -> None:
    feeds = tmp_path / "feeds.opml"
    if content is not None:
        feeds.write_bytes(content)
    before = (site / CONFIG_FILE).read_bytes()
    done = run("--site", str(site), "feeds", "import", str(feeds))
    assert done.returncode == EXIT_NOTHING and "Traceback" not in done.stderr
    errors = done.stderr.splitlines()
    assert all(line.startswith(("error:", f"error: {feeds}")) for line in errors)
    assert all(word in done.stderr for word in words) and str(feeds) in errors[0]
    assert (site / CONFIG_FILE).read_bytes() == before


def test_a_sitegen_yaml_it_cannot_edit_is_exit_2(site: Path, tmp_path: Path) -> None:
    config = site / CONFIG_FILE
    config.write_text("title: t\nfeeds: {max_items: 5}\n", encoding="utf-8")
    feeds = tmp_path / "feedly.opml"
    feeds.write_text(FEEDLY, encoding="utf-8")
    done = run("--site", str(site), "feeds", "import", str(feeds))
    assert done.returncode == EXIT_NOTHING and "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "atom.max_items" in errors[0] and str(config) in errors[0]
    assert config.read_text(encoding="utf-8") == "title: t\nfeeds: {max_items: 5}\n"


def test_feeds_needs_a_subcommand_and_a_site(tmp_path: Path) -> None:
    assert run("--site", str(tmp_path), "feeds").returncode == EXIT_NOTHING
    done = run("--site", str(tmp_path / "nowhere"), "feeds", "export")
    assert done.returncode == EXIT_NOTHING and "not a sitegen site" in done.stderr
