"""``sitegen.yaml``: a declared schema, validated all at once.

Each option is declared once below with its type, default and a docstring; the
loader reports every error with its key path, warns about unknown keys and can
turn warnings into errors (``--strict``).  The README's config table is
generated from these declarations (``python -m sitegen.config``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sitegen import config_checks as check
from sitegen.errors import SitegenError
from sitegen.sections import check_sections
from sitegen.site.times import check_zone
from sitegen.subscribe.feeds import check_feeds

CONFIG_FILE = "sitegen.yaml"


class ConfigError(SitegenError):
    """The configuration has problems; ``errors`` lists each as ``key: message``."""

    def __init__(self, path: Path, errors: list[str], warnings: list[str] | None = None) -> None:
        self.path = path
        self.errors = errors
        self.warnings = warnings or []
        super().__init__(f"{path}: " + "; ".join(errors))

    def lines(self) -> list[str]:
        """The warnings that came with the errors, then each error, all naming the file."""
        return [f"warning: {self.path}: {w}" for w in self.warnings] + [
            f"error: {self.path}: {e}" for e in self.errors
        ]


@dataclass(frozen=True, slots=True)
class Option:
    """One declared configuration key."""

    key: str
    kind: type | tuple[type, ...]
    default: Any
    doc: str
    check: Callable[[Any], str | None] | None = None


def check_base_url(value: str, source: str = "--base-url") -> None:
    """Raise :class:`ConfigError` naming ``source`` unless ``value`` is a base URL sitegen
    accepts (an absolute http(s) URL, no query or fragment, nothing after it)."""
    problem = check.url(value)
    if problem:
        raise ConfigError(Path(source), [f"base_url {value!r}: {problem}"])


OPTIONS: tuple[Option, ...] = (
    Option("title", str, "News digest", "Site title, shown in every page header."),
    Option(
        "description", str, "", "One-line description of the site, for the home page and metadata."
    ),
    Option(
        "base_url",
        str,
        "http://localhost:8000/",
        "Public URL of the site; its path becomes the prefix of every link.",
        check.url,
    ),
    Option(
        "language",
        str,
        "en",
        "Language tag of the site: the pages' `lang` attribute, and the catalogue the theme's "
        "words come from (`fr` ships; others keep English, with a warning).",
        check.language_tag,
    ),
    Option(
        "languages",
        list,
        [],
        "Languages the built site holds (tags such as `en`, `pt`; `pt` takes `pt-BR` too): "
        "articles in others stay in `content/` and out of the pages; empty holds them all.",
        check.language_tags,
    ),
    Option(
        "timezone",
        str,
        "UTC",
        "Time zone that pages show times in: `UTC` or a name such as `Europe/Lisbon`.",
        check_zone,
    ),
    Option(
        "theme",
        str,
        "default",
        "Theme folder name, looked up in the site's `themes/` then sitegen's own.",
        check.plain_name,
    ),
    Option(
        "grouping.topic_threshold",
        (int, float),
        0.08,
        "Cosine similarity (0..1) for the first, topical stage of grouping (average link).",
        check.unit,
    ),
    Option(
        "grouping.join_threshold",
        (int, float),
        0.16,
        "Similarity (0..1, corrected for the article's length) to an event's centroid an article "
        "needs to be moved into it.",
        check.unit,
    ),
    Option(
        "grouping.event_threshold",
        (int, float),
        0.14,
        "Similarity (0..1) inside a topic, with terms re-weighted by their rarity there and "
        "corrected for the articles' length, above which articles report one event (average link).",
        check.unit,
    ),
    Option(
        "grouping.duplicate_threshold",
        (int, float),
        0.6,
        "Share of its sentences (0..1) an article must repeat nearly word for word, in order, "
        "from an earlier one to count as its copy.",
        check.unit,
    ),
    Option(
        "grouping.storyline_threshold",
        (int, float),
        0.12,
        "Cosine similarity (0..1) between events above which they are linked into one storyline.",
        check.unit,
    ),
    Option(
        "grouping.window_days",
        int,
        7,
        "Articles further apart than this many days (when both are dated) are never one event; "
        "closer than that, their similarity counts less the further apart they are.",
        check.positive,
    ),
    Option(
        "deploy",
        dict,
        {},
        "Named deploy targets for `sitegen deploy NAME`: a target string, or a mapping with "
        "`target` and options (`branch`, `cname`, `message`, `endpoint_url`, `cache_control`).",
        check.targets,
    ),
    Option(
        "images",
        str,
        "link",
        "Lead images on event and article pages: `link` shows the publisher's image from its "
        "own address (sized, lazily loaded, no referrer sent), `none` shows none.",
        check.image_mode,
    ),
    Option(
        "sections",
        (str, dict),
        "standard",
        "The sections events are filed under, each with a page and a feed: `standard` "
        "(Politics, World, Business, Technology, Science, Health, Sport, Culture), `none`, or "
        "a mapping of section names to the words publishers file such pieces under.",
        check_sections,
    ),
    Option(
        "atom.max_items",
        int,
        50,
        "Most entries in any Atom feed the site publishes (site, event, source): newest first.",
        check.positive,
    ),
    Option(
        "feeds",
        list,
        [],
        "Feeds the site follows, for `sitegen update`: each a URL or a mapping with `url`, "
        "`name`, `full_text` (auto, always, never), `include`, `exclude` and `language`.",
        check_feeds,
    ),
    Option(
        "update.per_host",
        int,
        2,
        "`sitegen update`: most requests in flight to one host at a time.",
        check.positive,
    ),
    Option(
        "update.delay",
        (int, float),
        0.5,
        "`sitegen update`: least seconds between the starts of two requests to one host.",
        check.not_negative,
    ),
    Option(
        "update.timeout",
        (int, float),
        20,
        "`sitegen update`: seconds one request may take in all, however slowly a server "
        "sends its bytes.",
        check.positive,
    ),
    Option(
        "update.retries",
        int,
        2,
        "`sitegen update`: further attempts after a server error, a 429 or a time-out "
        "(waiting 1 s, then 2 s..., or as `Retry-After` says).",
        check.not_negative,
    ),
    Option(
        "retention.days",
        int,
        0,
        "Articles dated more than this many days before the newest one leave the built site "
        "(they stay in `content/`, and their URLs are never reused); 0 keeps every article.",
        check.not_negative,
    ),
    Option(
        "lists.page_size",
        int,
        30,
        "Items per page of a long list (the home page's events, a source's articles, a name's "
        "or a month's events); the rest go on `page/2/`, `page/3/`...",
        check.positive,
    ),
    Option(
        "entities.min_events",
        int,
        2,
        "Events that must name a person, place or organisation before it gets a page under "
        "`entities/` (1: every name).",
        check.positive,
    ),
    Option(
        "entities.index_size",
        int,
        500,
        "Most names listed on `entities/`, those named by the most events first.",
        check.positive,
    ),
    Option(
        "ingest.max_mb",
        int,
        50,
        "Input files (and fetched pages) larger than this many MB are refused, one line each.",
        check.positive,
    ),
    Option(
        "normalize.disabled_rules",
        list,
        [],
        "Names of boilerplate rules to switch off (see `sitegen normalize --rules`).",
    ),
)

_BY_KEY = {o.key: o for o in OPTIONS}
_SECTIONS = {o.key.split(".")[0] for o in OPTIONS if "." in o.key}


@dataclass(frozen=True, slots=True)
class Config:
    """A validated configuration: every declared key, with defaults filled in."""

    values: Mapping[str, Any]
    """Option values by dotted key (``grouping.event_threshold``)."""
    warnings: tuple[str, ...] = field(default=())
    """Problems that did not stop loading (unknown keys), each naming its key."""

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    @property
    def base_path(self) -> str:
        """The path part of ``base_url``, always ending in ``/`` (``/`` for a root site)."""
        url = re.split(r"[?#]", str(self.values["base_url"]), maxsplit=1)[0]
        path = re.sub(r"^https?://[^/]+", "", url) or "/"
        return path if path.endswith("/") else path + "/"


def _flatten(data: Mapping[str, Any], errors: list[str], warnings: list[str]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        key = str(key)
        if key == "feeds" and isinstance(value, Mapping):  # before feeds: listed subscriptions
            for sub, subval in value.items():
                new = "atom.max_items" if sub == "max_items" else f"feeds.{sub}"
                flat[new] = subval
                if new != f"feeds.{sub}":
                    warnings.append(f"feeds.{sub}: now `{new}` (`feeds:` lists subscriptions)")
            continue
        if key in _SECTIONS:
            if not isinstance(value, Mapping):
                errors.append(f"{key}: must be a mapping of options")
                continue
            for sub, subval in value.items():
                flat[f"{key}.{sub}"] = subval
        else:
            flat[key] = value
    for key in list(flat):
        if key not in _BY_KEY:
            warnings.append(f"{key}: unknown key, ignored{_did_you_mean(key)}")
            del flat[key]
    return flat


def _did_you_mean(key: str) -> str:
    """`` (did you mean `base_url`?)`` for a key close to a declared one, else nothing."""
    close = difflib.get_close_matches(key, [*_BY_KEY, *_SECTIONS], n=1, cutoff=0.75)
    return f" (did you mean `{close[0]}`?)" if close else ""


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """A YAML syntax error as ``line L, column C: not valid YAML: what`` (1-based)."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
    return f"{where}not valid YAML: {what}"


def validate(data: Any, source: Path = Path(CONFIG_FILE)) -> Config:
    """Check ``data`` (parsed YAML) against the schema; raise :class:`ConfigError` on any error."""
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise ConfigError(source, ["(top level): must be a mapping of options"])
    errors: list[str] = []
    warnings: list[str] = []
    flat = _flatten(data, errors, warnings)
    values: dict[str, Any] = {}
    for opt in OPTIONS:
        if opt.key not in flat:
            values[opt.key] = opt.default
            continue
        value = flat[opt.key]
        kinds = opt.kind if isinstance(opt.kind, tuple) else (opt.kind,)
        if not isinstance(value, kinds) or isinstance(value, bool):
            names = " or ".join(k.__name__ for k in kinds)
            errors.append(f"{opt.key}: must be {names}, got {type(value).__name__}")
            continue
        problem = opt.check(value) if opt.check else None
        if problem:
            errors.append(f"{opt.key}: {problem}")
            continue
        values[opt.key] = value
    if errors:
        raise ConfigError(source, errors, warnings)
    return Config(values, tuple(warnings))


def load_config(site: Path, strict: bool = False) -> Config:
    """Read and validate ``site/sitegen.yaml`` (a missing file means all defaults)."""
    path = site / CONFIG_FILE
    data: Any = None
    if path.is_file():
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
            raise ConfigError(path, [f"(file): cannot read: {reason or exc}"]) from None
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ConfigError(path, [_yaml_problem(exc)]) from None
        except (ValueError, OverflowError, RecursionError) as exc:  # PyYAML's own, for 2024-02-30
            raise ConfigError(path, [f"(file): not valid YAML: {exc}"]) from None
    config = validate(data, path)
    if strict and config.warnings:
        raise ConfigError(path, list(config.warnings))
    return config


def markdown_table() -> str:
    """The README's table of config keys, generated from the declarations."""
    rows = ["| key | default | meaning |", "| --- | --- | --- |"]
    for opt in OPTIONS:
        rows.append(f"| `{opt.key}` | `{opt.default!r}` | {opt.doc} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(markdown_table())
