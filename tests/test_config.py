"""``sitegen.yaml``: defaults, warnings, errors reported all at once, strict mode, base path."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.config import CONFIG_FILE, OPTIONS, ConfigError, load_config, markdown_table, validate


def write_config(site: Path, text: str) -> Path:
    path = site / CONFIG_FILE
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_gives_every_default(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    for opt in OPTIONS:
        assert config[opt.key] == opt.default, opt.key
    assert config.warnings == ()
    assert config["grouping.window_days"] == 7
    assert config["base_url"] == "http://localhost:8000/"


def test_empty_file_is_all_defaults(tmp_path: Path) -> None:
    write_config(tmp_path, "# nothing set yet\n")
    assert dict(load_config(tmp_path).values) == {o.key: o.default for o in OPTIONS}


def test_values_from_the_file_override_defaults(tmp_path: Path) -> None:
    write_config(
        tmp_path,
        "title: Harbour Digest\n"
        "language: pt-BR\n"
        "grouping:\n  event_threshold: 0.3\n  window_days: 10\n"
        "normalize:\n  disabled_rules: [footer, promo]\n",
    )
    config = load_config(tmp_path)
    assert config["title"] == "Harbour Digest"
    assert config["language"] == "pt-BR"
    assert config["grouping.event_threshold"] == 0.3
    assert config["grouping.window_days"] == 10
    assert config["normalize.disabled_rules"] == ["footer", "promo"]
    assert config["grouping.duplicate_threshold"] == 0.6  # untouched keys keep defaults


def test_an_int_is_accepted_where_a_number_is_expected() -> None:
    assert validate({"grouping": {"event_threshold": 1}})["grouping.event_threshold"] == 1


def test_unknown_keys_warn_with_their_key_path(tmp_path: Path) -> None:
    write_config(tmp_path, "titel: Typo\ngrouping:\n  event_treshold: 0.4\n")
    config = load_config(tmp_path)
    assert len(config.warnings) == 2
    assert any(w.startswith("titel:") and "unknown" in w for w in config.warnings)
    assert any(w.startswith("grouping.event_treshold:") for w in config.warnings)
    assert config["title"] == "News digest"
    assert "titel" not in config.values


def test_all_type_and_range_errors_are_reported_at_once(tmp_path: Path) -> None:
    path = write_config(
        tmp_path,
        "title: 42\n"
        "base_url: ftp://example.org/\n"
        "language: english please\n"
        "theme: ../elsewhere\n"
        "grouping:\n"
        "  event_threshold: high\n"
        "  duplicate_threshold: 1.5\n"
        "  storyline_threshold: -0.1\n"
        "  window_days: 0\n"
        "normalize:\n  disabled_rules: footer\n",
    )
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    err = info.value
    assert err.path == path
    keys = {e.split(":", 1)[0] for e in err.errors}
    assert keys == {
        "title",
        "base_url",
        "language",
        "theme",
        "grouping.event_threshold",
        "grouping.duplicate_threshold",
        "grouping.storyline_threshold",
        "grouping.window_days",
        "normalize.disabled_rules",
    }
    by_key = {e.split(":", 1)[0]: e for e in err.errors}
    assert "must be str, got int" in by_key["title"]
    assert "got str" in by_key["grouping.event_threshold"]
    assert "between 0 and 1" in by_key["grouping.duplicate_threshold"]
    assert "between 0 and 1" in by_key["grouping.storyline_threshold"]
    assert "greater than 0" in by_key["grouping.window_days"]
    assert "http" in by_key["base_url"]
    assert "grouping.event_threshold" in str(err)


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"grouping": {"window_days": True}}, "grouping.window_days"),
        ({"grouping": {"event_threshold": False}}, "grouping.event_threshold"),
        ({"grouping": {"window_days": 2.5}}, "grouping.window_days"),
        ({"grouping": {"event_threshold": float("nan")}}, "grouping.event_threshold"),
        ({"grouping": "tight"}, "grouping"),
        ({"theme": ".hidden"}, "theme"),
        ({"base_url": "example.org"}, "base_url"),
    ],
)
def test_each_bad_value_is_an_error_naming_its_key(data: dict[str, object], key: str) -> None:
    with pytest.raises(ConfigError) as info:
        validate(data)
    assert [e.split(":", 1)[0] for e in info.value.errors] == [key]


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    write_config(tmp_path, "- title\n- base_url\n")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert info.value.errors == ["(top level): must be a mapping of options"]


def test_strict_turns_warnings_into_errors(tmp_path: Path) -> None:
    write_config(tmp_path, "title: Ok\ncolour: blue\n")
    assert load_config(tmp_path).warnings == ("colour: unknown key, ignored",)
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path, strict=True)
    assert info.value.errors == ["colour: unknown key, ignored"]


def test_strict_passes_a_clean_file(tmp_path: Path) -> None:
    write_config(tmp_path, "title: Clean\n")
    assert load_config(tmp_path, strict=True)["title"] == "Clean"


@pytest.mark.parametrize(
    "text",
    [
        "title: [unclosed\n",
        "title: ok\n  bad indent: here\n",
        "title: !!python/object/apply:os.system ['true']\n",
    ],
)
def test_invalid_yaml_is_a_config_error(tmp_path: Path, text: str) -> None:
    path = write_config(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert info.value.path == path
    assert len(info.value.errors) == 1
    assert "not valid YAML" in info.value.errors[0]
    assert "\n" not in info.value.errors[0]


def test_non_utf8_file_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / CONFIG_FILE).write_bytes(b"title: Caf\xe9\n")
    with pytest.raises(ConfigError):
        load_config(tmp_path)


@pytest.mark.parametrize(
    ("base_url", "base_path"),
    [
        ("https://example.org/", "/"),
        ("https://example.org", "/"),
        ("http://localhost:8000/", "/"),
        ("https://example.org/news/", "/news/"),
        ("https://example.org/news", "/news/"),
        ("https://example.org/a/b/", "/a/b/"),
        ("http://127.0.0.1:8080/preview", "/preview/"),
    ],
)
def test_base_path(base_url: str, base_path: str) -> None:
    assert validate({"base_url": base_url}).base_path == base_path


@pytest.mark.parametrize(
    "base_url", ["https://example.org/news/?ref=rss", "https://example.org/news/#top"]
)
def test_base_url_query_or_fragment_never_reaches_base_path(base_url: str) -> None:
    try:
        config = validate({"base_url": base_url})
    except ConfigError as err:  # refusing the URL is fine too
        assert [e.split(":", 1)[0] for e in err.errors] == ["base_url"]
        return
    assert config.base_path == "/news/"


def test_errors_keep_the_warnings_found_alongside(tmp_path: Path) -> None:
    write_config(tmp_path, "colour: blue\ngrouping:\n  window_days: -1\n")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert [e.split(":", 1)[0] for e in info.value.errors] == ["grouping.window_days"]
    assert info.value.warnings == ["colour: unknown key, ignored"]


def test_markdown_table_lists_every_option() -> None:
    table = markdown_table()
    lines = table.splitlines()
    assert lines[0] == "| key | default | meaning |"
    assert len(lines) == 2 + len(OPTIONS)
    for opt, row in zip(OPTIONS, lines[2:], strict=True):
        assert row.startswith(f"| `{opt.key}` | `{opt.default!r}` |")
        assert opt.doc in row
