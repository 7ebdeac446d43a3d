"""Hostile input: decompression bombs, entity expansion, external entities, private addresses."""

from __future__ import annotations

import gc
import ipaddress
import tracemalloc
import zlib
from collections.abc import Callable

import pytest
from pytest_httpserver import HTTPServer

from services.watcher.decode import ResponseTooLarge
from services.watcher.fetch import Fetcher
from services.watcher.registry import FeedRegistry
from services.watcher.service import Watcher
from services.watcher.sink import RedisListSink
from shared.errors import UnsafeURL
from shared.guardedhttp import address_check
from shared.netsafety import IPAddress
from tests.integration.watcher.conftest import make_settings
from tests.integration.watcher.helpers import Item, StaticServer, rss

pytestmark = pytest.mark.integration
MB = 1024 * 1024


def gzip_bomb(size: int) -> bytes:
    """`size` zero bytes, gzip-compressed a megabyte at a time (about 1000:1)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * MB
    parts = [compressor.compress(block) for _ in range(size // MB)]
    return b"".join([*parts, compressor.flush()])


def quadratic_blowup(entity_chars: int, references: int) -> bytes:
    """One big entity referenced many times: feedparser would expand it to chars x references."""
    entity = "a" * entity_chars
    refs = "&a;" * references
    return (
        # One declaration per line, as feedparser's own DOCTYPE rewriting keeps (and expands) it.
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "{entity}">\n]>\n'
        f"<rss version='2.0'><channel><title>t</title><item><title>x</title>"
        f"<description>{refs}</description></item></channel></rss>"
    ).encode()


def test_gzip_bomb_is_cut_off_with_bounded_memory(
    make_watcher: Callable[..., Watcher],
    registry: FeedRegistry,
    sink: RedisListSink,
    redis_url: str,
) -> None:
    bomb = gzip_bomb(200 * MB)
    assert len(bomb) < 1 * MB
    headers = {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"}
    with StaticServer(bomb, headers) as server:
        url = server.url("/feed")
        settings = make_settings(redis_url, feeds=[url], fetch={"max_body_bytes": 2 * MB})
        with Fetcher(settings.fetch) as fetcher:
            gc.collect()  # earlier tests' garbage must not be collected (and counted) in the window
            tracemalloc.start()
            # try/except, not pytest.raises: its exit may render the frames' locals (the 2 MB
            # read so far) and that would be counted here.
            try:
                fetcher.fetch(url)
                raise AssertionError("the bomb was read whole")
            except ResponseTooLarge:
                _, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
        assert peak < 8 * MB  # the cap (2 MB) plus a step; never the 200 MB the bomb holds
        make_watcher(settings).run_once()
    (state,) = registry.all()
    assert state.error_count == 1
    assert "ResponseTooLarge" in (state.last_error or "")
    assert sink.articles() == []


def test_entity_expansion_feed_is_refused_before_parsing(
    httpserver: HTTPServer,
    make_watcher: Callable[..., Watcher],
    registry: FeedRegistry,
    sink: RedisListSink,
    redis_url: str,
) -> None:
    # Expanded, this is 100 MB of text in one field.
    httpserver.expect_request("/feed").respond_with_data(
        quadratic_blowup(10_000, 10_000), content_type="application/rss+xml"
    )
    settings = make_settings(redis_url, feeds=[httpserver.url_for("/feed")])
    watcher = make_watcher(settings)
    gc.collect()
    tracemalloc.start()
    try:
        watcher.run_once()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * MB
    (state,) = registry.all()
    assert "UnsafeFeed" in (state.last_error or "")
    assert sink.articles() == []


def test_external_entities_are_never_fetched(
    httpserver: HTTPServer,
    make_watcher: Callable[..., Watcher],
    sink: RedisListSink,
    redis_url: str,
) -> None:
    dtd_url = httpserver.url_for("/evil.dtd")
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{dtd_url}">'
        "<rss version='2.0'><channel><title>t</title><item><title>Kept</title><guid>k1</guid>"
        "<description>An item that parses without the DTD.</description></item>"
        "</channel></rss>"
    )
    httpserver.expect_request("/feed").respond_with_data(body, content_type="application/rss+xml")
    httpserver.expect_request("/evil.dtd").respond_with_data('<!ENTITY x "pwned">')
    settings = make_settings(redis_url, feeds=[httpserver.url_for("/feed")], fetch_full_text=False)
    make_watcher(settings).run_once()
    assert [r.path for r, _ in httpserver.log] == ["/feed"]
    assert [a.title for a in sink.articles()] == ["Kept"]


def test_loopback_is_refused_unless_allowed(
    httpserver: HTTPServer,
    make_watcher: Callable[..., Watcher],
    registry: FeedRegistry,
    sink: RedisListSink,
    redis_url: str,
) -> None:
    httpserver.expect_request("/feed").respond_with_data(
        rss([Item("x", guid="1", description="d")])
    )
    url = httpserver.url_for("/feed")
    settings = make_settings(redis_url, feeds=[url], fetch={"allow_private_networks": False})
    make_watcher(settings).run_once()
    (state,) = registry.all()
    assert "UnsafeURL" in (state.last_error or "")
    assert httpserver.log == []  # refused before any connection
    assert sink.articles() == []


def test_host_resolving_to_a_private_address_is_refused_unless_allowed(
    httpserver: HTTPServer, redis_url: str
) -> None:
    httpserver.expect_request("/feed").respond_with_data("<rss version='2.0'></rss>")
    url = f"http://feeds.internal.test:{httpserver.port}/feed"

    def resolver(host: str, port: int) -> list[str]:
        return ["127.0.0.1"] if host == "feeds.internal.test" else []

    refused = make_settings(redis_url, fetch={"allow_private_networks": False})
    with Fetcher(refused.fetch, resolver=resolver) as fetcher, pytest.raises(UnsafeURL):
        fetcher.fetch(url)
    assert httpserver.log == []
    allowed = make_settings(redis_url, fetch={"allow_private_networks": True})
    with Fetcher(allowed.fetch, resolver=resolver) as fetcher:
        result = fetcher.fetch(url)
    # The connection went to the vetted address, with the original host name in the request.
    assert result.status == 200
    assert httpserver.log[0][0].headers["Host"] == f"feeds.internal.test:{httpserver.port}"


def test_every_redirect_hop_is_checked_on_its_resolved_address(
    httpserver: HTTPServer, redis_url: str
) -> None:
    """The first host passes (it stands for a public site); its redirect to loopback does not."""
    httpserver.expect_request("/start").respond_with_data(
        "",
        status=302,
        headers={"Location": httpserver.url_for("/private").replace("localhost", "127.0.0.1")},
    )
    httpserver.expect_request("/private").respond_with_data("secret")
    strict = address_check(allow_private=False)
    checked: list[str] = []

    def check(host: str, port: int) -> list[IPAddress]:
        checked.append(host)
        if host == "public.test":
            return [ipaddress.ip_address("127.0.0.1")]
        return strict(host, port)

    settings = make_settings(redis_url, fetch={"allow_private_networks": False})
    with Fetcher(settings.fetch, check=check) as fetcher, pytest.raises(UnsafeURL):
        fetcher.fetch(f"http://public.test:{httpserver.port}/start")
    assert checked == ["public.test", "127.0.0.1"]
    assert [r.path for r, _ in httpserver.log] == ["/start"]


def test_redirect_to_metadata_address_is_refused_even_when_private_is_allowed(
    httpserver: HTTPServer, redis_url: str
) -> None:
    httpserver.expect_request("/feed").respond_with_data(
        "", status=301, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
    )
    settings = make_settings(redis_url)  # loopback and private allowed
    with Fetcher(settings.fetch) as fetcher, pytest.raises(UnsafeURL, match="metadata"):
        fetcher.fetch(httpserver.url_for("/feed"))


def test_redirect_to_a_non_http_scheme_is_refused(httpserver: HTTPServer, redis_url: str) -> None:
    httpserver.expect_request("/feed").respond_with_data(
        "", status=302, headers={"Location": "file:///etc/passwd"}
    )
    with Fetcher(make_settings(redis_url).fetch) as fetcher, pytest.raises(UnsafeURL):
        fetcher.fetch(httpserver.url_for("/feed"))
