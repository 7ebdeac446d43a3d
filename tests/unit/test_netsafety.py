"""SSRF protection refuses every non-public address unless private networks are allowed."""

from __future__ import annotations

import pytest

from shared.errors import UnsafeURL
from shared.netsafety import check_url


def fixed(*addresses: str):  # type: ignore[no-untyped-def]
    return lambda host, port: list(addresses)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "::1",
        "fe80::1",
        "fc00::1",
        "0.0.0.0",
        "::ffff:127.0.0.1",
        "100.64.0.1",
        "224.0.0.1",
    ],
)
def test_non_public_addresses_are_refused(address: str) -> None:
    with pytest.raises(UnsafeURL):
        check_url("http://feeds.example/rss", allow_private=False, resolver=fixed(address))


def test_one_private_address_among_public_ones_is_refused() -> None:
    with pytest.raises(UnsafeURL):
        check_url(
            "http://x.example/", allow_private=False, resolver=fixed("93.184.216.34", "10.0.0.1")
        )


def test_public_address_is_allowed() -> None:
    assert check_url("https://x.example/", allow_private=False, resolver=fixed("93.184.216.34"))


def test_private_allowed_when_configured_but_metadata_never() -> None:
    assert check_url("http://x.example/", allow_private=True, resolver=fixed("127.0.0.1"))
    with pytest.raises(UnsafeURL, match="metadata"):
        check_url("http://x.example/", allow_private=True, resolver=fixed("169.254.169.254"))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://x/", "http:///nohost"])
def test_non_http_urls_are_refused(url: str) -> None:
    with pytest.raises(UnsafeURL):
        check_url(url, allow_private=True, resolver=fixed("93.184.216.34"))
