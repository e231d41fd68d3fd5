"""Debian's headless Chromium for page tests: where it is and the flags that work here."""

from __future__ import annotations

import shutil

import pytest

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
