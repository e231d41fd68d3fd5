"""Property-based tests: whatever the text, these stages behave."""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
import unicodedata
from html import escape, unescape
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from sitegen import frontmatter
from sitegen.ingest.registry import read_file
from sitegen.model import RawDocument
from sitegen.normalize import RULE_NAMES, normalize
from sitegen.normalize.draft import clean_line, words
from sitegen.normalize.markdown import paragraphs_to_markdown
from sitegen.site.render import markdown_filter
from sitegen.slug import WINDOWS_RESERVED, slugify, unique_slug

LINES = st.lists(
    st.one_of(
        st.text(max_size=200),
        st.sampled_from(
            [
                "Share this article",
                "Post a Comment",
                "© 2024 Example Media. All rights reserved.",
                "Home » World » Headline here",
                "(Reuters) - The minister said on Monday that talks would resume.",
                "By Jane Doe",
                "<script>alert(1)</script>",
                "{{ 7*7 }} {% raw %}",
                "[click](javascript:alert(1))",
                "# not a heading",
                "1. not a list",
                "",
            ]
        ),
    ),
    max_size=40,
)
EXAMPLES = int(os.environ.get("SITEGEN_FUZZ_EXAMPLES", "200"))
"""Examples per property; raise it for a long fuzz run (see README, Development)."""
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")


def _norm_words(text: str) -> set[str]:
    """Lower-cased words after what the normalizer does by design: invisible characters
    (soft hyphens, zero-width spaces) removed, then NFC."""
    return {w.lower() for w in words(unicodedata.normalize("NFC", INVISIBLE.sub("", text)))}


_ESCAPED = re.compile(r"\\(.)")


def _unescaped(markdown: str) -> str:
    """The text of the normalizer's Markdown: its backslash escapes (``0\\_`` for ``0_``)
    and ``&amp;`` undone, which keep characters literal and add no word."""
    return _ESCAPED.sub(r"\1", markdown).replace("&amp;", "&")


@SETTINGS
@given(LINES)
@example(["0"] * 12 + ["0_"])  # an escaped underscore is no word of its own
def test_normalizer_never_raises_and_only_keeps_input_words(lines: list[str]) -> None:
    text = "\n".join(lines)
    if not text.strip():
        return
    article = normalize(RawDocument(Path("x.txt"), "x", text))
    source = _norm_words(text)
    assert _norm_words(_unescaped(article.body)) <= source
    assert _norm_words(article.title) <= source | {"x"}


@SETTINGS
@given(
    st.dictionaries(
        st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1, max_size=20),
        st.one_of(
            st.text(max_size=100), st.integers(), st.booleans(), st.lists(st.text(max_size=20))
        ),
        max_size=8,
    ),
    st.text(max_size=300),
)
def test_front_matter_round_trips(meta: dict[str, object], body: str) -> None:
    text = frontmatter.dump(meta, body)
    parsed, parsed_body = frontmatter.split(text)
    assert parsed == meta
    assert parsed_body.strip() == body.strip()


@SETTINGS
@given(st.text(max_size=200), st.sets(st.text(max_size=10), max_size=5))
def test_slugs_are_safe_and_unique(text: str, taken: set[str]) -> None:
    slug = unique_slug(text, taken)
    assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*", slug)
    assert slug not in taken and ".." not in slug and "/" not in slug
    assert slug not in WINDOWS_RESERVED
    assert slugify(text) == slugify(text)


@pytest.mark.parametrize("name", ["CON", "nul", "Aux", "com1", "LPT9", "prn"])
def test_names_windows_reserves_are_never_slugs(name: str) -> None:
    """Robustness point 12: a site must check out on Windows (``nul.md`` cannot exist there)."""
    assert slugify(name) == f"{name.lower()}-item"
    assert slugify(name, "article") == f"{name.lower()}-article"
    assert slugify(name + " report") == f"{name.lower()}-report"


@SETTINGS
@given(st.text(max_size=500))
def test_rendered_markdown_has_no_live_markup(text: str) -> None:
    html = str(markdown_filter(text))
    assert not re.search(r"<(script|img|iframe|object|embed|svg|style)\b", html, re.IGNORECASE)
    assert not re.search(r"\son\w+\s*=", html, re.IGNORECASE)
    assert not re.search(r"href=\"\s*(javascript|vbscript|data):", html, re.IGNORECASE)


MARKUPISH = st.text(alphabet="ab _*`[]()<>&#;!\\~=+-|.1:/\u00e9", min_size=1, max_size=120)


@SETTINGS
@given(st.one_of(MARKUPISH, st.text(max_size=200)))
def test_an_escaped_paragraph_renders_as_its_own_text(text: str) -> None:
    """Article text never becomes markup: a cleaned line, escaped, renders to itself."""
    line = clean_line(text)
    assume(line)
    rendered = str(markdown_filter(paragraphs_to_markdown([line])))
    # markdown-it escapes " too, and CommonMark turns NUL into U+FFFD
    expected = escape(line, quote=False).replace('"', "&quot;").replace("\x00", "\ufffd")
    assert rendered == f"<p>{expected}</p>\n"


YAMLISH = st.text(alphabet="ab:1 -\n\t&*!|>?#'\"[]{},.%@`\\~\u00e9\x00\ufeff", max_size=300)


@SETTINGS
@given(st.one_of(st.text(max_size=400), YAMLISH.map(lambda head: f"---\n{head}\n---\nbody")))
def test_front_matter_parser_takes_any_text_or_says_why_not(text: str) -> None:
    try:
        meta, body = frontmatter.split(text)
    except frontmatter.FrontMatterError as exc:
        assert str(exc)
        return
    assert isinstance(meta, dict) and all(isinstance(k, str) for k in meta)
    assert isinstance(body, str)


FUZZ_DIR = Path(tempfile.mkdtemp(prefix="sitegen-fuzz-"))
atexit.register(shutil.rmtree, FUZZ_DIR, True)
SUFFIXES = (".txt", ".md", ".html", ".jsonl", ".rss", ".atom")


@SETTINGS
@given(
    st.sampled_from(SUFFIXES),
    st.one_of(
        st.binary(max_size=2000),
        LINES.map(lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")),
    ),
)
def test_readers_and_normalizer_take_any_bytes(suffix: str, data: bytes) -> None:
    path = FUZZ_DIR / f"input{suffix}"
    path.write_bytes(data)
    docs, errors = read_file(path)
    for err in errors:
        assert err.origin == path and err.message and "Traceback" not in err.message
    for doc in docs:
        article = normalize(doc)
        assert isinstance(article.body, str) and isinstance(article.title, str)


KINDS = st.sampled_from(["", "h2", "h3", "ul1", "ul2", "ol1", "ol2", "q"])
STRUCTURED = st.lists(
    st.tuples(KINDS, st.one_of(MARKUPISH, st.text(max_size=80)), st.booleans()),
    min_size=1,
    max_size=8,
)
ALLOWED_TAGS = {"p", "h2", "h3", "ul", "ol", "li", "blockquote", "em", "strong"}


@SETTINGS
@given(STRUCTURED)
def test_structured_text_gives_its_structure_and_no_other_markup(
    lines: list[tuple[str, str, bool]],
) -> None:
    """Headings, lists, quotes and emphasis that a reader marked become exactly those elements;
    whatever the text says stays text, and every word of it is kept."""
    from sitegen import structure

    marked = []
    for kind, text, emphasis in lines:
        text = structure.unmarked(text).replace("\n", " ")
        if emphasis:
            text = f"{structure.EM_OPEN}{text}{structure.EM_CLOSE}"
        marked.append(structure.mark(kind, text))
    raw = RawDocument(Path("page.html"), "x", "\n".join(marked), {"title": "T"}, "extracted")
    article = normalize(raw, disabled=RULE_NAMES)
    html = str(markdown_filter(article.body))
    assert set(re.findall(r"</?([a-z0-9]+)", html)) <= ALLOWED_TAGS
    shown = unescape(re.sub(r"<[^>]+>", " ", html))
    said = " ".join(structure.unmarked(t) for _, t, _ in lines)
    assert _norm_words(shown) == _norm_words(said)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Путин встретился с Си Цзиньпином", "putin-vstretilsya-s-si-tszin-pinom"),
        ("习近平与泽连斯基通话", "xi-jin-ping-yu-ze-lian-si-ji-tong-hua"),
        ("서울 시장 선거", "seo-ul-si-jang-seon-geo"),
        ("Ελλάδα εκλογές", "ellada-ekloges"),
        ("São Paulo: prefeitura", "sao-paulo-prefeitura"),
        ("Straße in Zürich", "strasse-in-zurich"),
        ("東京オリンピック", "dong-jingorinpitku"),  # the marks of kana are part of the letter
        ("Storm 🌀 warning", "storm-warning"),  # pictographs are no words
    ],
)
def test_every_script_gives_a_readable_slug(text: str, slug: str) -> None:
    assert slugify(text) == slug
