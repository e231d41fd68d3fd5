"""``render``: view models -> HTML bytes, through an autoescaped Jinja environment."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    select_autoescape,
)
from markdown_it import MarkdownIt
from markupsafe import Markup

from sitegen.site.plan import Plan


class _Markdown(MarkdownIt):
    """markdown-it with one more refusal: it drops javascript:, vbscript: and file: links
    but lets ``data:image/...`` through; no ``data:`` URL may reach a page at all."""

    def validateLink(self, url: str) -> bool:
        return super().validateLink(url) and not url.strip().lower().startswith("data:")


_MD = _Markdown("commonmark", {"html": False, "linkify": False, "typographer": False})


MARKDOWN_VERSION = "1"
"""Bump when :func:`markdown_html` renders differently: cached bodies of builds before are
dropped."""


def markdown_html(text: str) -> str:
    """Markdown -> HTML with raw HTML disabled: article text can never inject markup."""
    return str(_MD.render(text))


def markdown_filter(text: str | None) -> Markup:
    """:func:`markdown_html` as a template filter (``{{ article.body_md|markdown }}``)."""
    return Markup(markdown_html(text or ""))  # noqa: S704 - markdown-it escapes; html is off


def make_env(
    site: Path, chain: list[Path], rendered: Mapping[str, str] | None = None
) -> Environment:
    """A Jinja environment over the site's templates and the theme chain.  ``rendered``
    maps Markdown texts to their HTML as :func:`markdown_html` makes it (a build's cache)."""
    folders = [site / "templates", *(c / "templates" for c in chain)]
    prefixed = {
        "!theme": FileSystemLoader([str(c / "templates") for c in chain]),
        "!default": FileSystemLoader(str(chain[-1] / "templates")),
    }
    loader = ChoiceLoader(
        [FileSystemLoader([str(f) for f in folders if f.is_dir()]), PrefixLoader(prefixed, "/")]
    )
    env = Environment(
        loader=loader,
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    if rendered:
        known = rendered

        def cached(text: str | None) -> Markup:
            html = known.get(text or "")
            return markdown_filter(text) if html is None else Markup(html)  # noqa: S704

        env.filters["markdown"] = cached
    else:
        env.filters["markdown"] = markdown_filter
    return env


def render(plan: Plan, env: Environment, site_context: Mapping[str, Any]) -> dict[str, bytes]:
    """Render every page of the plan; returns output path -> bytes (pure given the env)."""
    out: dict[str, bytes] = dict(plan.files)
    for page in plan.pages:
        template = env.get_template(page.template)
        html = template.render(site=site_context, page_path=page.path, **page.context)
        out[page.path] = html.encode("utf-8")
    return out
