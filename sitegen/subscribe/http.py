"""The HTTP client of ``sitegen update`` and of ``http(s)://`` inputs: polite and bounded.

One :class:`Client` serves many threads at once.  For each host it keeps at most
``per_host`` requests in flight and their starts ``delay`` apart (:mod:`.gate`); each request
has one deadline, from the first connection to the last byte; bodies are decompressed with the
size cap on what comes out (:mod:`.body`); failures that may pass (5xx, 429, time-outs, dropped
connections) are tried again after a growing pause, outside the host's gate; redirects go to
http(s) only and never deeper into a network than the address asked for (:mod:`.networks`);
and ``robots.txt`` is read once per site.
"""

from __future__ import annotations

import email.utils
import socket
import ssl
import string
import threading
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from http.client import HTTPException, IncompleteRead
from typing import IO
from urllib.parse import SplitResult, quote, urljoin, urlsplit

from sitegen import __version__
from sitegen.subscribe.body import BodyError, read_body
from sitegen.subscribe.gate import Gate
from sitegen.subscribe.networks import host_class, refusal

USER_AGENT = f"sitegen/{__version__} (static news digest importer)"
"""What sitegen calls itself in every request."""
ROBOTS_AGENT = "sitegen"
"""The token ``robots.txt`` rules name sitegen by."""
TIMEOUT = 20.0
"""Seconds a request may take, from the first connection to the last byte (a server that
drips a byte now and then is cut off there, not held until the size cap)."""
MAX_BYTES = 10 * 1024 * 1024
"""Bodies larger than this (once decompressed) are refused."""
MAX_REDIRECTS = 5
"""Redirects followed for one fetch."""
ROBOTS_BYTES = 512 * 1024
"""How much of a ``robots.txt`` is read; rules past it are ignored (RFC 9309 asks for 500 KiB)."""
_REDIRECT_CODES = (301, 302, 303, 307, 308)


class FetchError(ValueError):
    """One-line reason a fetch failed (message is shown to users as is)."""

    status: int | None
    """The HTTP status when the server answered, else None."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Response:
    """What a successful GET brought back."""

    url: str
    """The final URL, after redirects."""
    status: int
    """The 2xx status, or 304 when the copy the caller has is still current."""
    body: bytes
    """The decompressed body; empty for a 304."""
    content_type: str
    """The media type, lower case, without parameters (``application/rss+xml``); "" if absent."""
    etag: str | None
    """The ``ETag`` to send back next time as ``etag``."""
    last_modified: str | None
    """The ``Last-Modified`` to send back next time as ``last_modified``."""


@dataclass(frozen=True, slots=True)
class Politeness:
    """How gently a :class:`Client` treats each host, and how long it waits for one."""

    per_host: int = 2
    """The most requests in flight to one host (name and port) at a time."""
    delay: float = 0.5
    """The least seconds between the starts of two requests to one host."""
    timeout: float = TIMEOUT
    """Seconds each attempt may take, from the first connection to the last byte."""
    max_bytes: int = MAX_BYTES
    """The cap on a decompressed body."""
    retries: int = 2
    """Extra attempts after a 5xx, a 429, a time-out or a failed connection."""
    backoff: float = 1.0
    """Seconds before the first retry, doubled for each one after."""
    max_retry_after: float = 120.0
    """A ``Retry-After`` longer than this is not waited for: the fetch fails instead."""


@dataclass(frozen=True, slots=True)
class _Reply:
    """One answer of a server (a redirect or a 304 has an empty body)."""

    status: int
    headers: Message
    body: bytes


@dataclass(frozen=True, slots=True)
class _Failure:
    """One attempt that failed, and whether (and after how long) to try again."""

    error: FetchError
    again: bool
    retry_after: float | None = None


class _Robots:
    """One site's ``robots.txt``: read by the first thread that asks, while the others wait."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.rules: urllib.robotparser.RobotFileParser | bool | None = None


class Client:
    """Fetches for many threads at once, politely towards each host and within bounds."""

    def __init__(
        self, politeness: Politeness = Politeness(), log: Callable[[str], None] | None = None
    ) -> None:
        self.politeness = politeness
        self._log = log
        self._lock = threading.Lock()
        self._gates: dict[str, Gate] = {}
        self._robots: dict[str, _Robots] = {}

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Response:
        """GET ``url``: its body, or a 304 when ``etag`` / ``last_modified`` (from an earlier
        response) say the copy the caller has is current.  Raises :class:`FetchError`."""
        headers = {"If-None-Match": etag, "If-Modified-Since": last_modified}
        final, reply = self._follow(url, headers, self.politeness.max_bytes, cut=False)
        ctype = reply.headers.get_content_type() if reply.headers.get("Content-Type") else ""
        if reply.status == 304:
            etag = reply.headers.get("ETag") or etag
            last_modified = reply.headers.get("Last-Modified") or last_modified
            return Response(final, 304, b"", ctype, etag, last_modified)
        return Response(
            final,
            reply.status,
            reply.body,
            ctype,
            reply.headers.get("ETag"),
            reply.headers.get("Last-Modified"),
        )

    def allowed(self, url: str) -> bool:
        """Whether the site's ``robots.txt`` lets sitegen fetch ``url``.  It is read once per
        site (scheme, host and port); none there (a 4xx) allows everything, and one that cannot
        be read (a 5xx, a 429, no connection) allows nothing (RFC 9309)."""
        try:
            parts = _split(url)
            site = f"{parts.scheme}://{host_key(url)}"
        except FetchError:
            return False
        with self._lock:
            robots = self._robots.setdefault(site, _Robots())
        with robots.lock:
            if robots.rules is None:
                where = parts.netloc.rpartition("@")[2]
                robots.rules = self._read_robots(f"{parts.scheme}://{where}/robots.txt")
            rules = robots.rules
        if isinstance(rules, bool):
            return rules
        return rules.can_fetch(ROBOTS_AGENT, url)

    def robots_read(self, url: str) -> bool:
        """Whether the site's ``robots.txt`` could be read (or was plainly absent), as
        :meth:`allowed` last found it: False when it answered a server error or no connection,
        so that a caller can tell a site that keeps sitegen out from one that failed for now."""
        try:
            site = f"{_split(url).scheme}://{host_key(url)}"
        except FetchError:
            return False
        with self._lock:
            robots = self._robots.get(site)
        if robots is None:
            return False
        with robots.lock:
            return robots.rules is not None and robots.rules is not False

    def peak_in_flight(self) -> dict[str, int]:
        """For each host (``name:port``) asked so far, the most requests in flight at once."""
        with self._lock:
            gates = dict(self._gates)
        return {host: gate.peak for host, gate in gates.items()}

    def _read_robots(self, url: str) -> urllib.robotparser.RobotFileParser | bool:
        """The rules at ``url``, or True (allow all) or False (allow none)."""
        try:
            _, reply = self._follow(url, {}, ROBOTS_BYTES, cut=True)
        except FetchError as exc:
            return exc.status is not None and 400 <= exc.status < 500 and exc.status != 429
        rules = urllib.robotparser.RobotFileParser(url)
        rules.parse(reply.body.decode("utf-8", "replace").splitlines())
        return rules

    def _follow(
        self, url: str, headers: dict[str, str | None], limit: int, cut: bool
    ) -> tuple[str, _Reply]:
        """The final URL and answer for ``url``, after at most :data:`MAX_REDIRECTS`
        redirects, each one through the gate of the host it leads to."""
        depth = host_class(_hostname(url))
        sent = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
        sent.update((name, value) for name, value in headers.items() if value)
        for hop in range(MAX_REDIRECTS + 1):
            reply = self._request(url, sent, limit, cut)
            if reply.status not in _REDIRECT_CODES:
                return url, reply
            if hop == MAX_REDIRECTS:
                break
            url = _redirect_target(url, reply, depth)
        raise FetchError(f"more than {MAX_REDIRECTS} redirects, stopped")

    def _request(self, url: str, headers: dict[str, str], limit: int, cut: bool) -> _Reply:
        """One request, tried again as :class:`Politeness` says while it may succeed."""
        polite = self.politeness
        attempt = 0
        while True:
            outcome = self._attempt(url, headers, limit, cut)
            if isinstance(outcome, _Reply):
                return outcome
            if not outcome.again or attempt >= polite.retries:
                raise outcome.error
            pause = polite.backoff * 2**attempt
            if outcome.retry_after is not None:
                if outcome.retry_after > polite.max_retry_after:
                    raise FetchError(
                        f"{outcome.error} (asks to retry after {outcome.retry_after:.0f} s, "
                        f"longer than {polite.max_retry_after:g} s)",
                        outcome.error.status,
                    )
                pause = max(pause, outcome.retry_after)
            time.sleep(pause)
            attempt += 1

    def _attempt(
        self, url: str, headers: dict[str, str], limit: int, cut: bool
    ) -> _Reply | _Failure:
        """One exchange with the server, inside its host's gate, logged."""
        with self._gate(url):
            started = time.monotonic()
            outcome = _exchange(url, headers, self.politeness.timeout, limit, cut)
            ms = round((time.monotonic() - started) * 1000)
        if self._log is not None:
            if isinstance(outcome, _Reply):
                self._log(f"GET {url} -> {outcome.status}, {len(outcome.body)} bytes, {ms} ms")
            else:
                self._log(f"GET {url} -> {outcome.error}, 0 bytes, {ms} ms")
        return outcome

    def _gate(self, url: str) -> Gate:
        key = host_key(url)
        with self._lock:
            gate = self._gates.get(key)
            if gate is None:
                gate = self._gates[key] = Gate(self.politeness.per_host, self.politeness.delay)
            return gate


def host_key(url: str) -> str:
    """``name:port`` of an http(s) URL's host, the unit politeness counts by."""
    parts = _split(url)
    host = _hostname(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"cannot fetch: a bad port in {url!r}") from None
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _split(url: str) -> SplitResult:
    try:
        return urlsplit(url)
    except ValueError:
        raise FetchError(f"cannot fetch: {url!r} is no valid address") from None


def _hostname(url: str) -> str:
    parts = _split(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"cannot fetch: {url!r} is not an http(s) address")
    if not parts.hostname:
        raise FetchError(f"cannot fetch: no host in {url!r}")
    return parts.hostname


def _redirect_target(url: str, reply: _Reply, depth: int) -> str:
    """Where a redirect from ``url`` leads, if :func:`.networks.refusal` lets it."""
    location = reply.headers.get("Location")
    if not location:
        raise FetchError(f"HTTP {reply.status} without a Location", reply.status)
    target = urljoin(url, quote(location, encoding="iso-8859-1", safe=string.punctuation))
    refused = refusal(target, depth)
    if refused:
        raise FetchError(f"HTTP {reply.status}: {refused}", reply.status)
    return target


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hands every redirect back as an answer, for :meth:`Client._follow` to check and follow."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: Message,
        newurl: str,
    ) -> None:
        return None


def _exchange(
    url: str, headers: dict[str, str], timeout: float, limit: int, cut: bool
) -> _Reply | _Failure:
    """One GET of ``url`` within ``timeout`` seconds in all; a redirect is not followed."""
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (http(s) only)
    opener = urllib.request.build_opener(_NoRedirects())
    try:
        with opener.open(request, timeout=timeout) as response:
            return _Reply(
                response.status, response.headers, read_body(response, deadline, limit, cut)
            )
    except urllib.error.HTTPError as exc:
        exc.close()
        return _answer(exc.code, exc.reason, exc.headers)
    except BodyError as exc:
        return _Failure(FetchError(str(exc)), again=False)
    except (OSError, HTTPException, UnicodeError) as exc:
        return _broken(exc, deadline, timeout)


def _answer(code: int, reason: str, headers: Message) -> _Reply | _Failure:
    """A status other than 2xx, as an answer to act on or a failure."""
    if code == 304 or code in _REDIRECT_CODES:
        return _Reply(code, headers, b"")
    error = FetchError(f"HTTP {code} {reason}".rstrip(), code)
    if code == 429 or code >= 500:
        wait = _retry_after(headers.get("Retry-After")) if code in (429, 503) else None
        return _Failure(error, again=True, retry_after=wait)
    return _Failure(error, again=False)


def _broken(exc: BaseException, deadline: float, timeout: float) -> _Failure:
    """A request that got no answer: the deadline passed, or the connection failed."""
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, TimeoutError):
        if time.monotonic() >= deadline - 0.05:
            return _Failure(FetchError(f"took longer than {timeout:g} s, stopped"), again=True)
        return _Failure(FetchError("cannot fetch: timed out"), again=True)
    return _Failure(FetchError(f"cannot fetch: {reason}"), again=_may_pass(reason))


def _may_pass(reason: object) -> bool:
    """Whether a failure to connect or to read is worth another try: a refused, reset or cut
    connection or a name server that did not answer is; a name that does not exist, a bad
    certificate or a malformed URL is not."""
    if isinstance(reason, socket.gaierror):
        return reason.errno == socket.EAI_AGAIN
    if isinstance(reason, ssl.SSLError):
        return False
    return isinstance(reason, OSError | IncompleteRead)


def _retry_after(value: str | None) -> float | None:
    """The seconds a ``Retry-After`` header asks to wait (a number or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
