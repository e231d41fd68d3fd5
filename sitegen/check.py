"""``sitegen check``: content that fails to load and internal links that lead nowhere."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from sitegen.loader import load_content


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def page_url(build: Path, file: Path, base_path: str) -> str:
    """The URL a built file is served at (``events/x/index.html`` -> ``/base/events/x/``)."""
    rel = file.relative_to(build).as_posix()
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    return base_path + rel


def _target(build: Path, url: str, base_path: str) -> Path | None:
    """The file an internal URL points to, or None when it leaves the site."""
    path = unquote(urlsplit(url).path)
    if not path.startswith(base_path):
        return None
    rel = path[len(base_path) :]
    target = build / rel
    return target / "index.html" if rel == "" or rel.endswith("/") else target


def broken_links(build: Path, base_path: str) -> list[str]:
    """Every internal href/src in ``build`` whose target file does not exist."""
    problems = []
    for file in sorted(build.rglob("*.html")):
        parser = _Links()
        parser.feed(file.read_text(encoding="utf-8", errors="replace"))
        here = page_url(build, file, base_path)
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("#"):
                continue
            absolute = urljoin(here, link)
            target = _target(build, absolute, base_path)
            if target is None or not target.is_file():
                problems.append(f"{file.relative_to(build)}: broken link {link}")
    return problems


def check_site(site: Path, base_path: str) -> list[str]:
    """All problems with the site's content and its built output, one line each."""
    _, _, errors = load_content(site)
    problems = [f"{e.origin}: {e.message}" for e in errors]
    build = site / "build"
    if not (build / "index.html").is_file():
        problems.append(f"{build}: no built site (run `sitegen build` first)")
        return problems
    return problems + broken_links(build, base_path)
