"""Polite polling against loopback servers: validators, 304, server hints, compression, limits."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable
from datetime import timedelta

import brotli
import pytest
import redis
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from services.watcher.fetch import Fetcher, FetchFailed
from services.watcher.registry import FeedRegistry
from services.watcher.service import Watcher
from services.watcher.sink import RedisListSink
from shared import constants as c
from tests.integration.watcher.conftest import make_settings
from tests.integration.watcher.helpers import Clock, Item, rss

pytestmark = pytest.mark.integration

ETAG = '"v1"'
LAST_MODIFIED = "Sat, 01 Mar 2025 11:00:00 GMT"
FEED = rss(
    [
        Item("First", guid="g1", description="First summary about trade."),
        Item("Second", guid="g2", description="Second summary about trade."),
    ]
)


def conditional_feed(request: Request) -> Response:
    if request.headers.get("If-None-Match") == ETAG:
        return Response(status=304, headers={"ETag": ETAG})
    headers = {"ETag": ETAG, "Last-Modified": LAST_MODIFIED}
    return Response(FEED, content_type="application/rss+xml", headers=headers)


def test_second_poll_sends_validators_and_304_queues_nothing(
    httpserver: HTTPServer,
    make_watcher: Callable[..., Watcher],
    registry: FeedRegistry,
    sink: RedisListSink,
    redis_url: str,
    clock: Clock,
) -> None:
    httpserver.expect_request("/feed").respond_with_handler(conditional_feed)
    url = httpserver.url_for("/feed")
    settings = make_settings(redis_url, feeds=[url], fetch_full_text=False)
    watcher = make_watcher(settings)
    watcher.run_once()
    assert len(sink.articles()) == 2
    clock.advance(7200)  # past the maximum interval: due again
    watcher.run_once()
    first, second = httpserver.log[0][0], httpserver.log[1][0]
    assert first.headers.get("If-None-Match") is None
    assert second.headers.get("If-None-Match") == ETAG
    assert second.headers.get("If-Modified-Since") == LAST_MODIFIED
    assert len(sink.articles()) == 2  # the 304 queued nothing
    (state,) = registry.all()
    assert state.last_status == 304
    assert state.entries_seen == 2


def test_429_retry_after_pushes_the_next_check_out(
    httpserver: HTTPServer,
    make_watcher: Callable[..., Watcher],
    registry: FeedRegistry,
    redis_url: str,
    clock: Clock,
) -> None:
    httpserver.expect_request("/feed").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "5000"}
    )
    url = httpserver.url_for("/feed")
    watcher = make_watcher(make_settings(redis_url, feeds=[url]))
    watcher.run_once()
    (state,) = registry.all()
    assert state.last_status == 429
    assert state.error_count == 1
    # The backoff alone would be 60 s (+-10 %); the server asked for 5000 s.
    assert state.next_check_at is not None
    assert state.next_check_at >= clock() + timedelta(seconds=5000)
    clock.advance(4000)
    watcher.run_once()
    assert len(httpserver.log) == 1  # not due yet: the server is not asked again


def test_503_retry_after_as_http_date(
    httpserver: HTTPServer,
    make_watcher: Callable[..., Watcher],
    registry: FeedRegistry,
    redis_url: str,
    clock: Clock,
) -> None:
    retry_at = "Sat, 01 Mar 2025 15:00:00 GMT"  # three hours after the test clock's start
    httpserver.expect_request("/feed").respond_with_data(
        "busy", status=503, headers={"Retry-After": retry_at}
    )
    make_watcher(make_settings(redis_url, feeds=[httpserver.url_for("/feed")])).run_once()
    (state,) = registry.all()
    assert state.next_check_at is not None
    assert state.next_check_at >= clock() + timedelta(hours=3)


@pytest.mark.parametrize(
    ("headers", "ttl_min", "floor_s"),
    [
        ({"Cache-Control": "public, max-age=7200"}, None, 7200),
        ({"Expires": "Sat, 01 Mar 2025 14:30:00 GMT"}, None, 9000),
        ({}, 150, 9000),
    ],
)
def test_cache_hints_and_rss_ttl_are_a_floor(
    httpserver: HTTPServer,
    make_watcher: Callable[..., Watcher],
    registry: FeedRegistry,
    redis_url: str,
    clock: Clock,
    headers: dict[str, str],
    ttl_min: int | None,
    floor_s: float,
) -> None:
    body = rss([Item("One", guid="g1", description="x")], ttl_min=ttl_min)
    httpserver.expect_request("/feed").respond_with_data(
        body, content_type="application/rss+xml", headers=headers
    )
    settings = make_settings(redis_url, feeds=[httpserver.url_for("/feed")], fetch_full_text=False)
    make_watcher(settings).run_once()
    (state,) = registry.all()
    assert state.error_count == 0
    assert state.next_check_at is not None
    # max_interval_s is 3600: only the server's hint can put the check this far out.
    assert state.next_check_at >= clock() + timedelta(seconds=floor_s)


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_compressed_feeds_are_read(
    httpserver: HTTPServer,
    make_watcher: Callable[..., Watcher],
    sink: RedisListSink,
    redis_url: str,
    encoding: str,
) -> None:
    raw = FEED.encode()
    body = gzip.compress(raw) if encoding == "gzip" else brotli.compress(raw)
    httpserver.expect_request("/feed").respond_with_data(
        body, content_type="application/rss+xml", headers={"Content-Encoding": encoding}
    )
    settings = make_settings(redis_url, feeds=[httpserver.url_for("/feed")], fetch_full_text=False)
    make_watcher(settings).run_once()
    assert "gzip" in httpserver.log[0][0].headers["Accept-Encoding"]
    assert "br" in httpserver.log[0][0].headers["Accept-Encoding"]
    assert sorted(a.title for a in sink.articles()) == ["First", "Second"]


def test_per_host_concurrency_limit(threaded_server: HTTPServer, redis_url: str) -> None:
    lock = threading.Lock()
    active, peak = [0], [0]

    def slow(request: Request) -> Response:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.3)
        with lock:
            active[0] -= 1
        return Response(FEED, content_type="application/rss+xml")

    threaded_server.expect_request("/feed").respond_with_handler(slow)
    settings = make_settings(redis_url, fetch={"per_host_concurrency": 2, "total_concurrency": 8})
    with Fetcher(settings.fetch) as fetcher:
        threads = [
            threading.Thread(target=fetcher.fetch, args=(threaded_server.url_for("/feed"),))
            for _ in range(6)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert len(threaded_server.log) == 6
    assert peak[0] == 2


def test_total_timeout_cuts_a_slow_server(threaded_server: HTTPServer, redis_url: str) -> None:
    def stall(request: Request) -> Response:
        time.sleep(3)
        return Response(FEED)

    threaded_server.expect_request("/feed").respond_with_handler(stall)
    settings = make_settings(redis_url, fetch={"total_timeout_s": 0.5, "connect_timeout_s": 0.5})
    with Fetcher(settings.fetch) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchFailed):
            fetcher.fetch(threaded_server.url_for("/feed"))
        assert time.monotonic() - started < 1.5


def test_total_timeout_cuts_a_slow_drip(threaded_server: HTTPServer, redis_url: str) -> None:
    def drip(request: Request) -> Response:
        def chunks():  # type: ignore[no-untyped-def]
            for _ in range(40):
                time.sleep(0.1)
                yield b"<rss>" * 10

        return Response(chunks(), content_type="application/rss+xml")

    threaded_server.expect_request("/feed").respond_with_handler(drip)
    settings = make_settings(redis_url, fetch={"total_timeout_s": 0.8})
    with Fetcher(settings.fetch) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchFailed, match="time limit"):
            fetcher.fetch(threaded_server.url_for("/feed"))
        assert time.monotonic() - started < 2.0


def test_same_body_without_validators_is_not_parsed_again(
    httpserver: HTTPServer,
    make_watcher: Callable[..., Watcher],
    sink: RedisListSink,
    redis_client: redis.Redis,
    redis_url: str,
    clock: Clock,
) -> None:
    httpserver.expect_request("/feed").respond_with_data(FEED, content_type="application/rss+xml")
    settings = make_settings(redis_url, feeds=[httpserver.url_for("/feed")], fetch_full_text=False)
    watcher = make_watcher(settings)
    for _ in range(2):
        watcher.run_once()
        clock.advance(4000)
    counters = redis_client.hgetall(c.WATCHER_METRICS_HASH)
    assert float(counters['fetches_total{result="ok"}']) == 1
    assert float(counters['fetches_total{result="unchanged"}']) == 1
    assert len(sink.articles()) == 2
