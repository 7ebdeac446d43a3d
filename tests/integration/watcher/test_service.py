"""run_watcher as `tradewire watch` and the demo call it: one cycle, or a loop until stopped."""

from __future__ import annotations

import json
import threading
import time
import urllib.request

import pytest
import redis
from pytest_httpserver import HTTPServer

from services.watcher.service import run_watcher
from services.watcher.sink import RedisListSink
from shared import constants as c
from shared.embedded_redis import free_port
from tests.integration.watcher.conftest import make_settings
from tests.integration.watcher.helpers import Item, rss

pytestmark = pytest.mark.integration
ITEMS = [Item("One", guid="1", description="First."), Item("Two", guid="2", description="Second.")]


def test_once_runs_one_cycle_and_returns(
    httpserver: HTTPServer, redis_url: str, sink: RedisListSink
) -> None:
    httpserver.expect_request("/feed").respond_with_data(rss(ITEMS), content_type="text/xml")
    settings = make_settings(redis_url, feeds=[httpserver.url_for("/feed")], fetch_full_text=False)
    client = redis.Redis.from_url(redis_url)  # bytes replies, as the demo's client has
    report = run_watcher(settings, client, sink, stop=threading.Event(), once=True)
    assert (report.polled, report.failed, report.articles_queued) == (1, 0, 2)
    again = run_watcher(settings, client, sink, stop=threading.Event(), once=True)
    assert again.polled == 0  # not due yet
    assert len(sink.articles()) == 2


def test_loop_polls_drains_the_inbox_serves_metrics_and_stops(
    httpserver: HTTPServer, redis_url: str, sink: RedisListSink
) -> None:
    httpserver.expect_request("/feed").respond_with_data(rss(ITEMS), content_type="text/xml")
    port = free_port()
    settings = make_settings(
        redis_url,
        feeds=[httpserver.url_for("/feed")],
        fetch_full_text=False,
        tick_s=0.05,
        metrics_port=port,
    )
    client = redis.Redis.from_url(redis_url)
    stop = threading.Event()
    thread = threading.Thread(
        target=run_watcher, args=(settings, client, sink), kwargs={"stop": stop}, daemon=True
    )
    thread.start()
    try:
        check_running_watcher(client, sink, port)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def check_running_watcher(client: redis.Redis, sink: RedisListSink, port: int) -> None:
    pushed = {"title": "Pushed", "text": "Pushed while the watcher runs."}
    client.rpush(c.INBOX_LIST, json.dumps(pushed))
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and len(sink.articles()) < 3:
        time.sleep(0.05)
    assert sorted(a.title for a in sink.articles()) == ["One", "Pushed", "Two"]
    deadline = time.monotonic() + 5
    body = ""
    expected = [
        'tradewire_watcher_articles_queued_total{arrival="inbox"} 1',
        'tradewire_watcher_articles_queued_total{arrival="feed"} 2',
    ]
    # Counters reach Redis at the end of a tick; polls finish in between.
    while time.monotonic() < deadline and not all(e in body for e in expected):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2) as response:
            assert response.status == 200
            body = response.read().decode()
        time.sleep(0.05)
    for line in expected:
        assert line in body
