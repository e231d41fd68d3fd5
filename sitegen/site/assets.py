"""Static assets with fingerprinted names, and the host headers that cache them (pure).

Every stylesheet and script of the theme (and of the site's ``static/``) is also
written as ``assets/<name>.<hash8>.<ext>``, where ``hash8`` is the start of the
sha256 of its bytes, and pages name only that copy (``site.asset("style.css")`` in
a template).  A changed file gets a new name, so browsers and CDNs may keep every
fingerprinted file for ever.  The plain names stay in ``build/assets/`` as well,
for templates of older themes and for files that a stylesheet names relatively.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

from sitegen.config import Config

ASSET_PREFIX = "assets/"
"""Where static files go inside ``build/`` (and below the site's base path)."""
FINGERPRINTED = (".css", ".js")
"""Kinds of static file that get a fingerprinted copy."""
DAY_CACHE = "public, max-age=86400"
IMMUTABLE_CACHE = "public, max-age=31536000, immutable"
MAX_HEADER_RULES = 90
"""Cloudflare Pages reads at most 100 rules from ``_headers``: past this many assets, one
``/assets/*`` rule (a day for every asset) replaces the per-file rules."""

_NAMED = re.compile(rb"(/assets/[\w./-]*?)\.[0-9a-f]{8}(\.(?:css|js))\b")


def fingerprinted(rel: str, data: bytes) -> str:
    """``style.css`` -> ``style.<first 8 hex of sha256>.css`` (other kinds unchanged)."""
    stem, dot, ext = rel.rpartition(".")
    if not dot or "." + ext not in FINGERPRINTED or "/" in ext:
        return rel
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:8]}.{ext}"


def asset_names(static: Mapping[str, bytes]) -> dict[str, str]:
    """Name under ``assets/`` -> the name pages use, for static files keyed by output path
    (``assets/style.css``)."""
    return {
        path[len(ASSET_PREFIX) :]: fingerprinted(path[len(ASSET_PREFIX) :], data)
        for path, data in sorted(static.items())
        if path.startswith(ASSET_PREFIX)
    }


@dataclass(frozen=True, slots=True)
class AssetUrl:
    """``site.asset(name)`` in templates: the href of a static file under its fingerprinted
    name (a name it does not know is returned as it is, so a missing file is a broken link
    that ``sitegen check`` reports)."""

    prefix: str
    """The href of the assets folder (``/base/assets/``)."""
    names: Mapping[str, str]
    """Name -> the name pages use (see :func:`asset_names`)."""

    def __call__(self, name: str) -> str:
        return self.prefix + self.names.get(name, name)


def _url_path(name: str) -> str:
    """A file's name as its URL path, percent-encoded: a space, a newline or a colon in the
    name of a static file can neither break a rule of ``_headers`` nor add one."""
    return quote(name, safe="/-._~")


def headers_file(config: Config, names: Mapping[str, str]) -> bytes:
    """``_headers`` for Netlify and Cloudflare Pages: ``nosniff`` and a referrer policy for
    every path; a year (immutable) for each fingerprinted file and a day for the other
    assets, one exact rule each, since both hosts join the values of overlapping rules."""
    prefix = config.base_path.rstrip("/")
    lines = [
        f"{prefix}/*",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: strict-origin-when-cross-origin",
    ]
    files = sorted({*names, *names.values()})
    if len(files) > MAX_HEADER_RULES:
        lines += [f"{prefix}/{ASSET_PREFIX}*", f"  Cache-Control: {DAY_CACHE}"]
    else:
        fresh = set(names.values()) - set(names)
        for name in files:
            cache = IMMUTABLE_CACHE if name in fresh else DAY_CACHE
            lines += [f"{prefix}/{ASSET_PREFIX}{_url_path(name)}", f"  Cache-Control: {cache}"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def asset_outputs(static: Mapping[str, bytes], config: Config) -> dict[str, bytes]:
    """Every static file under its plain and its fingerprinted name, and ``_headers``."""
    out: dict[str, bytes] = {}
    names = asset_names(static)
    for path, data in sorted(static.items()):
        out[path] = data
        rel = path[len(ASSET_PREFIX) :]
        if rel in names:
            out[ASSET_PREFIX + names[rel]] = data
    out["_headers"] = headers_file(config, names)
    return out


def without_fingerprints(page: bytes) -> bytes:
    """A page with each fingerprinted asset name put back to its plain name: two pages equal
    after this differ only in the version of the assets they name."""
    return _NAMED.sub(rb"\1\2", page)
