"""A stalled DNS lookup counts against the connect timeout instead of hanging the request."""

from __future__ import annotations

import time

import httpx
import pytest

from shared.errors import UnsafeURL
from shared.guardedhttp import GuardedTransport, address_check


def stalled_resolver(host: str, port: int) -> list[str]:
    time.sleep(1.5)
    return ["127.0.0.1"]


def test_slow_dns_lookup_is_a_connect_timeout() -> None:
    check = address_check(allow_private=True, resolver=stalled_resolver)
    transport = GuardedTransport(check, limits=httpx.Limits(max_connections=1))
    with httpx.Client(transport=transport, timeout=httpx.Timeout(5.0, connect=0.2)) as client:
        started = time.monotonic()
        with pytest.raises(httpx.ConnectTimeout, match=r"resolving slow\.example"):
            client.get("http://slow.example/feed")
        assert time.monotonic() - started < 1.0


def test_resolver_answer_within_the_timeout_is_vetted_as_before() -> None:
    check = address_check(allow_private=False, resolver=lambda host, port: ["10.0.0.7"])
    transport = GuardedTransport(check, limits=httpx.Limits(max_connections=1))
    with httpx.Client(transport=transport, timeout=1.0) as client, pytest.raises(UnsafeURL) as info:
        client.get("http://internal.example/")
    assert "non-public address 10.0.0.7" in str(info.value)
