"""``sitegen serve`` in a real headless Chromium: live reload, the error overlay, CSS swaps.

Chromium is driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``:
NUL-terminated JSON on file descriptors 3 and 4), so no extra package is needed.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.chromium import CHROMIUM, needs_chromium
from tests.chromium import FLAGS as BASE_FLAGS
from tests.serve_support import article_path, copy_site, running, save, wait_for

pytestmark = needs_chromium
FLAGS = [*BASE_FLAGS, "--remote-debugging-pipe"]
A = "000_5f3b1df48785fd76"


class Browser:
    """Just enough of the DevTools protocol: open a page, evaluate JavaScript in it."""

    def __init__(self, profile: str) -> None:
        assert CHROMIUM
        to_chrome, self._out = os.pipe()
        self._in, from_chrome = os.pipe()

        def pipes() -> None:  # in the child: the protocol reads fd 3 and writes fd 4
            high_in = fcntl.fcntl(to_chrome, fcntl.F_DUPFD, 10)
            high_out = fcntl.fcntl(from_chrome, fcntl.F_DUPFD, 10)
            os.dup2(high_in, 3)
            os.dup2(high_out, 4)

        self.proc = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            pass_fds=(3, 4),
            preexec_fn=pipes,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chrome)
        os.close(from_chrome)
        self._buffer = b""
        self._id = 0
        self.session = ""

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if self.session:
            message["sessionId"] = self.session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._id:
                assert "error" not in reply, reply
                result: dict[str, Any] = reply["result"]
                return result

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._in, 1 << 16)
            if not chunk:
                raise EOFError("chromium closed the pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        data: dict[str, Any] = json.loads(raw)
        return data

    def open(self, url: str) -> None:
        target = self.call("Target.createTarget", url=url)["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]

    def js(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def close(self) -> None:
        self.session = ""
        with contextlib.suppress(EOFError, OSError):
            self.call("Browser.close")
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        os.close(self._out)
        os.close(self._in)


@pytest.fixture
def browser() -> Iterator[Browser]:
    with tempfile.TemporaryDirectory() as profile:
        b = Browser(profile)
        try:
            yield b
        finally:
            b.close()


def text_of(browser: Browser) -> str:
    return str(browser.js("document.body ? document.body.innerText : ''") or "")


def overlay(browser: Browser) -> str | None:
    value = browser.js("(document.getElementById('sitegen-overlay') || {}).textContent")
    return None if value is None else str(value)


def test_live_reload_overlay_and_css_swap(
    browser: Browser, demo_site: Path, tmp_path: Path
) -> None:
    site = copy_site(demo_site, tmp_path / "site")
    with running(site) as preview:
        browser.open(preview.url + f"articles/{A}/")
        wait_for(lambda: "All coverage of" in text_of(browser), "the article page")
        wait_for(lambda: browser.js("document.readyState") == "complete", "the page to load")

        # Edit the article: the open page shows the new text by itself.
        path = article_path(site, A)
        save(path, path.read_text().rstrip() + "\n\nA paragraph written while you watched.\n")
        wait_for(lambda: "written while you watched" in text_of(browser), "the new text")

        # Break a template: the overlay names the file and line; the page stays.
        template = site / "templates" / "article.html"
        template.write_text('{% extends "!theme/article.html" %}\n{% block main %}\n{{ oops }\n')
        shown = wait_for(lambda: overlay(browser) or "", "the error overlay")
        assert "templates/article.html:3" in shown
        assert "written while you watched" in text_of(browser)

        # Fix it: the overlay goes, the page recovers with the fixed template.
        template.write_text(
            '{% extends "!theme/article.html" %}\n'
            "{% block title %}Fixed: {{ article.title }}{% endblock %}\n"
        )
        wait_for(lambda: str(browser.js("document.title")).startswith("Fixed: "), "the fixed page")
        wait_for(lambda: overlay(browser) is None, "the overlay to go")
        assert "written while you watched" in text_of(browser)

        # A stylesheet-only change swaps the CSS without reloading the page.
        browser.js("window.sitegenProbe = 42")
        (site / "static").mkdir()
        css = (
            Path(__file__).resolve().parent.parent / "themes/default/static/style.css"
        ).read_text()
        (site / "static" / "style.css").write_text(
            css + "\nbody { outline: 3px solid rgb(1, 2, 3); }\n"
        )
        wait_for(
            lambda: browser.js("getComputedStyle(document.body).outlineColor") == "rgb(1, 2, 3)",
            "the new stylesheet",
        )
        assert browser.js("window.sitegenProbe") == 42  # same page: it was not reloaded


def test_error_text_is_shown_as_text(browser: Browser, demo_site: Path, tmp_path: Path) -> None:
    """Error messages can quote content: the overlay never turns them into markup."""
    site = copy_site(demo_site, tmp_path / "site")
    with running(site) as preview:
        browser.open(preview.url)
        wait_for(lambda: browser.js("document.readyState") == "complete", "the home page")
        (site / "templates" / "index.html").write_text(
            "{% extends 'base.html' %}{% block main %}{{ '<img src=x onerror=alert(1)>' | nosuch }}"
            "{% endblock %}\n"
        )
        shown = wait_for(lambda: overlay(browser) or "", "the error overlay")
        assert "nosuch" in shown
        assert browser.js("document.querySelectorAll('#sitegen-overlay img').length") == 0
