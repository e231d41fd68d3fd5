"""The reload script put into served pages (never into ``build/``), and what it is told.

The script opens a Server-Sent Events stream on ``/__sitegen__/events`` carrying
the epoch and page it was served with.  For each new snapshot the server sends
what this page should do: ``reload`` when the page itself (or an asset it may
use) changed, ``css`` when only stylesheets changed, else nothing; and the
current errors, which the script shows in an overlay built with ``textContent``
only, since messages can quote article text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection

CONTROL = "/__sitegen__/"
"""URL prefix of the preview server's own endpoints."""
EVENTS = CONTROL + "events"
STATUS = CONTROL + "status"
OVERLAY_ID = "sitegen-overlay"
HOST_FILES = frozenset({"_headers", "_redirects"})
"""Outputs for the host, never loaded by a page."""

SCRIPT = """
(() => {
  const me = document.currentScript;
  const page = me.dataset.page;
  let epoch = me.dataset.epoch;
  let box = null;
  function show(problems) {
    if (!problems.length) {
      if (box) { box.remove(); box = null; }
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = "__OVERLAY__";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;z-index:2147483647;max-height:60vh;" +
        "overflow:auto;margin:0;padding:1em 1.5em;background:#2b0a0a;color:#fff;" +
        "font:14px/1.4 ui-monospace,monospace;border-top:4px solid #e5484d";
      document.body.appendChild(box);
    }
    box.replaceChildren();
    const head = document.createElement("strong");
    head.textContent = "sitegen: the last rebuild failed; this is the last good version.";
    box.appendChild(head);
    for (const p of problems) {
      const item = document.createElement("pre");
      item.style.cssText = "white-space:pre-wrap;margin:.6em 0 0";
      const where = p.file ? p.file + (p.line ? ":" + p.line : "") + ": " : "";
      item.textContent = where + p.message;
      box.appendChild(item);
    }
  }
  // Stylesheets have fingerprinted names: the page as served now names the new ones.
  async function swapStyles() {
    const links = [...document.querySelectorAll('link[rel~="stylesheet"]')];
    let hrefs;
    try {
      const response = await fetch(location.href, {cache: "no-store"});
      const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
      hrefs = [...fresh.querySelectorAll('link[rel~="stylesheet"]')].map(
        (link) => link.getAttribute("href"));
    } catch (error) {
      hrefs = null;
    }
    if (!hrefs || hrefs.length !== links.length) { location.reload(); return; }
    links.forEach((link, i) => {
      const url = new URL(hrefs[i], location.href);
      url.searchParams.set("sitegen", Date.now());
      link.href = url.href;
    });
  }
  const query = "?epoch=" + encodeURIComponent(epoch) + "&page=" + encodeURIComponent(page);
  const events = new EventSource("__EVENTS__" + query);
  events.onmessage = (message) => {
    const data = JSON.parse(message.data);
    if (data.action === "reload") { events.close(); location.reload(); return; }
    if (data.action === "css") swapStyles();
    show(data.problems);
  };
})();
""".replace("__OVERLAY__", OVERLAY_ID).replace("__EVENTS__", EVENTS)

_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def inject(page: bytes, path: str, epoch: int) -> bytes:
    """``page`` with the reload script before its last ``</body>`` (or at the end)."""
    tag = (
        f'<script data-sitegen-reload data-page="{html.escape(path)}" '
        f'data-epoch="{epoch}">{SCRIPT}</script>\n'
    ).encode()
    ends = list(_BODY_END.finditer(page))
    if not ends:
        return page + tag
    at = ends[-1].start()
    return page[:at] + tag + page[at:]


def action(changed: Collection[str] | None, page: str, restyled: Collection[str] = ()) -> str:
    """What a page at output path ``page`` does after the outputs in ``changed`` changed
    (None: unknown, too long ago): ``reload``, ``css`` or ``none``.  A page in ``restyled``
    changed only in the fingerprinted names of the assets it links, which counts as those
    assets changing, not the page."""
    if changed is None or (page in changed and page not in restyled):
        return "reload"
    assets = [p for p in changed if not p.endswith((".html", ".json")) and p not in HOST_FILES]
    if any(not p.endswith(".css") for p in assets):
        return "reload"
    return "css" if assets else "none"
