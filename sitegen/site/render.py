"""``render``: view models -> HTML bytes, through an autoescaped Jinja environment."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
    select_autoescape,
)
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup

from sitegen.fsutil import site_file
from sitegen.site.catalogue import ENGLISH, Words
from sitegen.site.plan import Page, Plan

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_OUTBOUND = re.compile(r"^https?://", re.IGNORECASE)
OUTBOUND_REL = "noopener nofollow"
"""What every outbound link of an article's text carries."""


def allowed_link(url: str) -> bool:
    """The one link policy for Markdown that reaches a page: an absolute ``http(s)`` URL, or a
    link within the site (a path, a fragment); never another scheme (``javascript:``,
    ``data:``, ``ms-msdt:``, ``intent:``, ``tel:``, ``blob:``...), never a protocol-relative
    ``//host`` and never a backslash, which browsers read as a slash."""
    text = url.strip()
    if "\\" in text or text.startswith("//") or any(ord(c) < 32 for c in text):
        return False
    if _SCHEME.match(text):
        return _OUTBOUND.match(text) is not None
    return True


class _Markdown(MarkdownIt):
    """markdown-it under :func:`allowed_link`; outbound links carry :data:`OUTBOUND_REL`, and an
    image from another host becomes a link to it (no remote image loads with a page: a
    tracking pixel in an article must not see its readers)."""

    def validateLink(self, url: str) -> bool:
        return super().validateLink(url) and allowed_link(url)


def _link_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    if _OUTBOUND.match(str(token.attrGet("href") or "")):
        token.attrSet("rel", OUTBOUND_REL)
    return self.renderToken(tokens, idx, options, env)


def _image(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = self.renderInlineAsText(token.children or [], options, env)
    if not _OUTBOUND.match(src):
        return str(self.image(tokens, idx, options, env))
    label = escapeHtml(alt or src)
    return f'<a href="{escapeHtml(src)}" rel="{OUTBOUND_REL}">{label}</a>'


_MD = _Markdown("commonmark", {"html": False, "linkify": False, "typographer": False})
_MD.add_render_rule("link_open", _link_open)
_MD.add_render_rule("image", _image)


MARKDOWN_VERSION = "2"
"""Bump when :func:`markdown_html` renders differently: cached bodies of builds before are
dropped."""


def markdown_html(text: str) -> str:
    """Markdown -> HTML with raw HTML disabled: article text can never inject markup."""
    return str(_MD.render(text))


def markdown_filter(text: str | None) -> Markup:
    """:func:`markdown_html` as a template filter (``{{ article.body_md|markdown }}``)."""
    return Markup(markdown_html(text or ""))  # noqa: S704 - markdown-it escapes; html is off


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(Environment):
    """Jinja's environment, with ``a.b`` on a view model (a plain dict) looked up at once.

    Jinja tries ``getattr(a, "b")`` first and the key only after that attribute lookup
    has failed, which costs an exception for nearly every lookup in a template.  For a
    ``dict`` and a name that is not one of its attributes, that first try always
    fails, so going to the key directly gives the same value.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


class _ContainedLoader(FileSystemLoader):
    """Jinja's file loader, refusing a template that is not a regular file inside the folder
    its templates folder belongs to (a site, a theme): a ``templates`` folder or a template
    that is a symbolic link out of the site would read, and publish, an outside file."""

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        path = Path(filename)
        owner = next(
            (Path(p).parent for p in self.searchpath if Path(p) in path.parents), path.parent
        )
        problem = site_file(owner, path)
        if problem:
            raise TemplateError(f"{filename}: {problem}")
        return source, filename, uptodate


def make_env(
    site: Path,
    chain: list[Path],
    rendered: Mapping[str, str] | None = None,
    words: Words = ENGLISH,
) -> Environment:
    """A Jinja environment over the site's templates and the theme chain, speaking the
    site's language (``words``: ``_``, ``gettext``, ``ngettext`` and ``plural_forms`` in
    templates).  ``rendered`` maps Markdown texts to their HTML as :func:`markdown_html`
    makes it (a build's cache)."""
    folders = [site / "templates", *(c / "templates" for c in chain)]
    prefixed = {
        "!theme": _ContainedLoader([str(c / "templates") for c in chain]),
        "!default": _ContainedLoader(str(chain[-1] / "templates")),
    }
    loader = ChoiceLoader(
        [_ContainedLoader([str(f) for f in folders if f.is_dir()]), PrefixLoader(prefixed, "/")]
    )
    env = _Environment(
        loader=loader,
        auto_reload=False,  # a build's templates do not change under it
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.policies["ext.i18n.trimmed"] = True  # a message's line breaks are not its words
    env.install_gettext_translations(words.translations, newstyle=True)  # type: ignore[attr-defined]
    env.globals["plural_forms"] = words.plural_forms
    if rendered:
        known = rendered

        def cached(text: str | None) -> Markup:
            html = known.get(text or "")
            return markdown_filter(text) if html is None else Markup(html)  # noqa: S704

        env.filters["markdown"] = cached
    else:
        env.filters["markdown"] = markdown_filter
    return env


def render_page(page: Page, env: Environment, site_context: Mapping[str, Any]) -> bytes:
    """One page of a plan as bytes (pure given the env)."""
    template = env.get_template(page.template)
    html = template.render(site=site_context, page_path=page.path, **page.context)
    return html.encode("utf-8")


def render(plan: Plan, env: Environment, site_context: Mapping[str, Any]) -> dict[str, bytes]:
    """Render every page of the plan; returns output path -> bytes (pure given the env)."""
    out: dict[str, bytes] = dict(plan.files)
    for page in plan.pages:
        out[page.path] = render_page(page, env, site_context)
    return out
