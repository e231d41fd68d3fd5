"""The theme's words in the site's language: every template word is a message, the
catalogue template is current, French translates every message, and a site built with
``language: fr`` speaks French where the theme and sitegen write (months, charts, labels,
sections), with the catalogues of the site first and a broken one reported."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.site.catalogue import (
    ENGLISH,
    CatalogueError,
    load_words,
    locale_names,
    missing_catalogue,
    site_words,
)
from sitegen.site.charts import coverage_chart, outlet_chart
from sitegen.site.extract import TEMPLATE_NAME, theme_messages, update_theme
from sitegen.site.lists import month_label
from sitegen.site.render import make_env
from sitegen.site.theme import BUILTIN_THEMES
from tests.i18n_support import catalogue, fragments, site_in, untranslated_marks
from tests.reading_support import sectioned

THEME = BUILTIN_THEMES / "default"

_TAG = re.compile(r"<[^>]*>", re.S)
_SHOWN_ATTRIBUTE = re.compile(r'\b(?:alt|title|aria-label|placeholder)="([^"{]*)"')


def _words_outside_messages(source: str) -> list[str]:
    """The text of a template that a page would show but no message holds: literal text
    between tags (outside ``{% trans %}`` blocks), and literal values of the attributes
    people read (alt, title, aria-label, placeholder).  The template's literal text is read
    in order, so that a tag cut by an expression (``<a href="{{ url }}">``) is still one."""
    env = make_env(THEME, [THEME])
    found: list[str] = []
    in_tag = in_trans = False
    words: list[str] = []
    last_block: str | None = None
    for _line, kind, value in env.lex(source):
        if kind == "block_begin":
            last_block = ""
            continue
        if kind == "name" and last_block == "":
            last_block = value
            in_trans = value == "trans" or (in_trans and value != "endtrans")
            continue
        if kind != "data":
            last_block = None if kind == "block_end" else last_block
            continue
        if in_trans:
            continue
        found += [v for v in _SHOWN_ATTRIBUTE.findall(value) if any(c.isalpha() for c in v)]
        for char in value:
            if char == "<":
                in_tag = True
                words.append(" ")
            elif char == ">" and in_tag:
                in_tag = False
            elif not in_tag:
                words.append(char)
        words.append(" ")
    text = "".join(words)
    return found + [w for w in text.split() if any(c.isalpha() for c in w)]


@pytest.mark.parametrize("template", sorted(p.name for p in (THEME / "templates").glob("*.html")))
def test_every_word_a_template_shows_is_a_message(template: str) -> None:
    source = (THEME / "templates" / template).read_text(encoding="utf-8")
    assert _words_outside_messages(source) == []


def test_the_check_of_template_words_finds_a_word_left_out() -> None:
    source = (
        '<p aria-label="Pages" class="x{{ y }}">{{ _("Shown") }} Left <a href="{{ u }}">out</a>'
        "{% trans n=1 %}In a <b>block</b>{% endtrans %} <i>{{ x }}</i> · 3</p>"
    )
    assert _words_outside_messages(source) == ["Pages", "Left", "out"]


def _ids(catalog: object) -> set[object]:
    return {m.id for m in catalog if m.id}  # type: ignore[attr-defined]


def test_the_catalogue_template_holds_every_message_of_the_theme_and_of_sitegen() -> None:
    extracted = theme_messages(THEME)
    assert _ids(extracted) == _ids(catalogue(TEMPLATE_NAME)), "run `make messages`"
    ids = _ids(extracted)
    assert "In brief" in ids and "Opinion" in ids and "Politics" in ids
    assert ("%(num)d article", "%(num)d articles") in ids
    assert "Articles per outlet" in ids and "Undated" in ids  # sitegen's own words


def test_french_translates_every_message_keeping_places_and_tags() -> None:
    template, french = catalogue(TEMPLATE_NAME), catalogue("fr.po")
    assert str(french.locale) == "fr"
    for message in template:
        if not message.id:
            continue
        ours = french.get(message.id, context=message.context)
        assert ours is not None, message.id
        assert not ours.fuzzy, message.id
        strings = ours.string if isinstance(ours.string, tuple) else (ours.string,)
        assert all(strings), message.id
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        for s in strings:
            assert sorted(re.findall(r"<[^>]*>", s)) == sorted(
                re.findall(r"<[^>]*>", sources[-1])
            ), message.id
    assert [(m.id, errors) for m, errors in french.check()] == []


def test_updating_a_theme_keeps_translations_and_adds_new_words(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates" / "page.html").write_text('<p>{{ _("Hello") }}</p>')
    (theme / "locale").mkdir()
    (theme / "locale" / "de.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n\nmsgid "Hello"\nmsgstr "Hallo"\n'
    )
    written = update_theme(theme, with_code=False)
    assert theme / "locale" / TEMPLATE_NAME in written
    (theme / "templates" / "page.html").write_text('<p>{{ _("Hello") }} {{ _("World") }}</p>')
    update_theme(theme, with_code=False)
    german = {m.id: m.string for m in catalogue(theme / "locale" / "de.po") if m.id}
    assert german == {"Hello": "Hallo", "World": ""}
    assert update_theme(theme, with_code=False) == []  # nothing changed: nothing written


def test_language_tags_name_their_catalogues() -> None:
    assert locale_names("pt-BR") == ["pt_BR", "pt"]
    assert locale_names("fr") == ["fr"]
    assert locale_names("zh-Hant-TW") == ["zh_Hant_TW", "zh"]
    assert locale_names("") == []


def test_months_charts_and_plurals_speak_french() -> None:
    words = load_words(THEME, [THEME], "fr")
    assert words.translated and words.key.startswith("fr:")
    assert month_label("2026-11", words) == "novembre 2026"
    assert month_label("2026-11") == "November 2026"
    assert month_label("undated", words) == "Sans date"
    chart = coverage_chart(["2026-11-01", "2026-11-02", "2026-11-02"], words=words)
    assert chart is not None
    assert "Articles par jour" in chart and "1 nov." in chart and "le jour le plus" in chart
    outlets = outlet_chart(["A", "A", "B"], words=words)
    assert outlets is not None and "Média" in outlets and "3 articles de 2 médias" in outlets
    assert words.plural_forms("%(num)d article", "%(num)d articles") == {
        "one": "%(num)d article",
        "other": "%(num)d articles",
    }
    russian = ENGLISH.locale.parse("ru").plural_form.tags
    assert {"one", "few", "many"} <= russian  # what plural_forms asks of a language like it


def test_a_language_without_a_catalogue_says_so_once_and_keeps_english(tmp_path: Path) -> None:
    words = load_words(tmp_path, [THEME], "de")
    assert not words.translated and words.gettext("In brief") == "In brief"
    warning = missing_catalogue(words)
    assert warning is not None and "'de'" in warning and "locale/de.po" in warning
    assert missing_catalogue(load_words(tmp_path, [THEME], "en-GB")) is None
    assert words.month_year(2026, 11) == "November 2026"  # German months come with de.po
    assert load_words(tmp_path, [THEME], "de").locale.language == "de"


def test_the_site_catalogue_comes_before_the_theme_one(tmp_path: Path) -> None:
    (tmp_path / "locale").mkdir()
    (tmp_path / "locale" / "fr.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "In brief"\nmsgstr "L’essentiel"\n',
        encoding="utf-8",
    )
    words = load_words(tmp_path, [THEME], "fr")
    assert words.gettext("In brief") == "L’essentiel"
    assert words.gettext("Key quotes") == "Citations clés"  # the theme's, beneath it


@pytest.fixture(scope="module")
def french(demo_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return site_in(demo_site, tmp_path_factory.mktemp("french"), "fr")


def _text(html: str) -> str:
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return " ".join(_TAG.sub(" ", html).split())


def test_a_site_in_french_shows_no_english_word_of_the_theme(demo_site: Path, french: Path) -> None:
    marks = untranslated_marks(catalogue("fr.po"))
    pages = sorted(p.relative_to(french / "build") for p in (french / "build").rglob("*.html"))
    assert len(pages) > 10
    seen_english = 0
    for rel in pages:
        fr_html = (french / "build" / rel).read_text(encoding="utf-8")
        en_html = (demo_site / "build" / rel).read_text(encoding="utf-8")
        assert '<html lang="fr">' in fr_html, rel
        fr_text, en_text = _text(fr_html), _text(en_html)
        for mark in (m for m in marks if " " in m):  # one word may be the articles' too
            shown = re.compile(rf"(?<!\w){re.escape(mark)}(?!\w)")
            in_english = len(shown.findall(en_text))
            if in_english:
                seen_english += 1
                # the articles' own (English) text may hold it too: as often as in English,
                # the theme's words were not all switched
                assert len(shown.findall(fr_text)) < in_english, (rel, mark)
    assert seen_english > 50
    home = _text((french / "build" / "index.html").read_text(encoding="utf-8"))
    assert "Événements à la une" in home and "Fils d’actualité" in home


def test_months_sections_and_their_feeds_in_french(tmp_path: Path) -> None:
    site = site_in(sectioned(tmp_path / "en"), tmp_path, "fr")
    build = site / "build"
    archive = _text((build / "archive" / "index.html").read_text(encoding="utf-8"))
    assert "novembre 2026" in archive and "November" not in archive
    home = _text((build / "index.html").read_text(encoding="utf-8"))
    assert "Politique" in home and "Sport" in home and "Politics" not in home
    section = _text((build / "sections" / "politics" / "index.html").read_text(encoding="utf-8"))
    assert "Suivre Politique" in section
    feed = (build / "sections" / "politics" / "feed.xml").read_text(encoding="utf-8")
    assert "<title>News digest: Politique</title>" in feed


def test_an_english_site_speaks_the_theme_s_own_words(demo_site: Path, french: Path) -> None:
    home = (demo_site / "build" / "index.html").read_text(encoding="utf-8")
    assert "Top events" in home and "Storylines" in home and '<html lang="en">' in home
    assert home.count('lang="') == 1  # English articles on an English page: no other lang
    # on the French page, each English title and summary says it is English
    french_home = (french / "build" / "index.html").read_text(encoding="utf-8")
    assert french_home.count('<h3 lang="en">') == home.count("<h3>") > 0


def test_a_broken_catalogue_is_named_and_the_site_still_builds(
    demo_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    shutil.copytree(demo_site, site, ignore=shutil.ignore_patterns("build", ".sitegen-cache"))
    (site / "locale").mkdir()
    (site / "locale" / "fr.po").write_text('msgid "x"\nmsgstr "y"\nmsgid "x"\n', encoding="utf-8")
    config = site / "sitegen.yaml"
    config.write_text(config.read_text() + "language: fr\n")
    capsys.readouterr()
    code = main(["--site", str(site), "build"])
    err = capsys.readouterr().err
    assert code != 0
    lines = [ln for ln in err.splitlines() if "fr.po" in ln]
    assert len(lines) == 1 and "gettext catalogue" in lines[0]
    home = (site / "build" / "index.html").read_text(encoding="utf-8")
    assert "Top events" in home  # built, in the theme's own words


def test_fragments_are_the_words_between_places_and_tags() -> None:
    assert fragments('Every event by month: the <a href="%(archive)s">archive</a>.') == {
        "Every event by month: the",
        "archive",
    }
    assert fragments("%(num)d article") == {"article"}


def test_a_catalogue_linked_from_outside_the_site_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.po"
    outside.write_text('msgid "In brief"\nmsgstr "Pwned"\n', encoding="utf-8")
    site = tmp_path / "site"
    (site / "locale").mkdir(parents=True)
    (site / "locale" / "fr.po").symlink_to(outside)
    with pytest.raises(CatalogueError) as caught:
        load_words(site, [THEME], "fr")
    assert caught.value.path == site / "locale" / "fr.po"
    words, errors = site_words(site, [THEME], "fr", None)
    assert len(errors) == 1 and words.gettext("In brief") == "In brief"
