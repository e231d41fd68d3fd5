"""Debian's headless Chromium for page tests: where it is and the flags that work here."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
"""The browser binary, or None when it is not installed."""

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Run as root, without a GPU, and without reaching for the (closed) network."""

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium not installed (make test installs it)"
)


@contextmanager
def playwright_chromium() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright (which adds its own headless flag)."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM
    args = [flag for flag in FLAGS if flag != "--headless"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        try:
            yield browser
        finally:
            browser.close()


def page_tools() -> tuple[Any, Any]:
    """Playwright's sync API and axe-playwright-python, for a module of page tests: called
    at its top, it skips the whole module, saying why, when either is not installed."""
    hint = "not installed (pip install -e '.[test]')"
    sync_api = pytest.importorskip("playwright.sync_api", reason=f"playwright {hint}")
    axe = pytest.importorskip(
        "axe_playwright_python.sync_playwright", reason=f"axe-playwright-python {hint}"
    )
    return sync_api, axe
