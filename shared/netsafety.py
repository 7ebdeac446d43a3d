"""SSRF protection: refuse URLs whose host resolves to a loopback, private or metadata address."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

from shared.errors import UnsafeURL

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

# Cloud metadata endpoints are reachable from inside many hosts and must never be fetched.
_METADATA = {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}


def system_resolver(host: str, port: int) -> list[str]:
    """All addresses the host resolves to, as getaddrinfo returns them."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise UnsafeURL(f"cannot resolve host {host!r}: {exc}") from exc
    return [str(info[4][0]) for info in infos]


def is_public_address(ip: IPAddress) -> bool:
    """True for a globally routable unicast address (no loopback, private, link-local, ...)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return is_public_address(ip.ipv4_mapped)
    return ip.is_global and not ip.is_multicast and ip not in _METADATA


def check_url(
    url: str, *, allow_private: bool, resolver: Resolver = system_resolver
) -> list[IPAddress]:
    """Resolve the URL's host and raise UnsafeURL unless every address may be contacted."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeURL(f"not an absolute http(s) URL: {url!r}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    addresses = [ipaddress.ip_address(a.split("%")[0]) for a in resolver(parts.hostname, port)]
    if not addresses:
        raise UnsafeURL(f"host {parts.hostname!r} resolves to no address")
    for ip in addresses:
        if ip in _METADATA:
            raise UnsafeURL(f"{parts.hostname} resolves to a metadata address {ip}")
        if not allow_private and not is_public_address(ip):
            raise UnsafeURL(f"{parts.hostname} resolves to non-public address {ip}")
    return addresses
