"""Where an address lies in a network (public, private, this machine, its link), and the
redirects that this allows."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit


def address_class(address: str) -> int:
    """Where an IP address lies: 0 public, 1 private (10/8, 192.168/16, fc00::/7...), 2 this
    machine (loopback), 3 its link (link-local: a cloud's metadata service at
    169.254.169.254), 4 anything else that is no host (multicast, reserved, unspecified)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return 2
    if ip.is_link_local:
        return 3
    if ip.is_multicast or ip.is_reserved or ip.is_unspecified:
        return 4
    if ip.is_private:
        return 1
    return 0


def host_class(host: str) -> int:
    """The :func:`address_class` of the addresses ``host`` resolves to (the highest when they
    differ).  A host this machine cannot resolve counts as public: only a proxy can reach it,
    and the fetch itself reports the failure otherwise."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return 0
    return max((address_class(str(info[4][0])) for info in infos), default=0)


def refusal(target: str, depth: int) -> str | None:
    """Why a redirect to ``target`` is refused, or None when it is allowed: it must go to an
    http(s) address that is public or as deep in a network as the address first asked for
    (``depth``, its :func:`host_class`).  So a public page cannot send sitegen to a private,
    loopback or link-local address, nor a local server to the metadata service (an address a
    person asks for is fetched as given)."""
    try:
        parts = urlsplit(target)
        scheme, host = parts.scheme, parts.hostname
    except ValueError:
        scheme, host = "", None
    if scheme not in ("http", "https") or not host:
        return f"redirected to {target!r}, not an http(s) address"
    if host_class(host) not in (0, depth):
        return f"redirected to {host}, inside a network: refused"
    return None
