"""Watcher fixtures: settings that allow loopback, a list sink, a watcher on a test clock."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import redis
from pytest_httpserver import HTTPServer

from services.watcher.fetch import Fetcher
from services.watcher.registry import FeedRegistry
from services.watcher.service import Watcher
from services.watcher.sink import RedisListSink
from shared.settings import FetchSettings, Settings, WatcherSettings
from tests.integration.watcher.helpers import Clock

SINK_KEY = "test:watcher:articles"


def make_settings(
    redis_url: str, *, fetch: dict[str, Any] | None = None, **watcher: Any
) -> Settings:
    """Loopback allowed explicitly (the servers are local); short timeouts keep tests fast."""
    fetch_fields: dict[str, Any] = {
        "allow_private_networks": True,
        "connect_timeout_s": 2.0,
        "total_timeout_s": 5.0,
        **(fetch or {}),
    }
    watcher_fields: dict[str, Any] = {
        "min_interval_s": 60.0,
        "max_interval_s": 3600.0,
        "max_failures": 3,
        "drop_settle_s": 0.0,
        **watcher,
    }
    return Settings(
        redis_url=redis_url,
        fetch=FetchSettings(**fetch_fields),
        watcher=WatcherSettings(**watcher_fields),
    )


@pytest.fixture()
def clock() -> Clock:
    return Clock()


@pytest.fixture()
def sink(redis_url: str) -> Iterator[RedisListSink]:
    client = redis.Redis.from_url(redis_url)
    yield RedisListSink(client, SINK_KEY)
    client.close()


@pytest.fixture()
def registry(redis_client: redis.Redis) -> FeedRegistry:
    return FeedRegistry(redis_client)


@pytest.fixture()
def make_watcher(
    redis_url: str, sink: RedisListSink, clock: Clock
) -> Iterator[Callable[..., Watcher]]:
    """A watcher on the suite's Redis; each call is a fresh process's worth of state (a restart)."""
    made: list[tuple[Watcher, Fetcher]] = []

    def make(settings: Settings | None = None, *, fetcher: Fetcher | None = None) -> Watcher:
        settings = settings or make_settings(redis_url)
        fetcher = fetcher or Fetcher(settings.fetch)
        client = redis.Redis.from_url(redis_url)
        watcher = Watcher(settings, client, sink, fetcher=fetcher, now=clock, rng=random.Random(7))
        watcher.start()
        made.append((watcher, fetcher))
        return watcher

    yield make
    for watcher, fetcher in made:
        watcher.shutdown()
        fetcher.close()


@pytest.fixture()
def threaded_server() -> Iterator[HTTPServer]:
    """A server that answers requests concurrently (for concurrency and timeout tests)."""
    server = HTTPServer(host="127.0.0.1", threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()
