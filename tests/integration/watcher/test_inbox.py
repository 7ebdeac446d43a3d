"""The language-neutral inbox: items queued reliably, bad ones dead-lettered with the reason."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
import redis

from services.watcher import inbox_recovery as recovery
from services.watcher.inbox import Inbox
from services.watcher.inbox_recovery import in_flight
from services.watcher.metrics import Metrics
from services.watcher.service import Watcher
from services.watcher.sink import RedisListSink
from shared import constants as c
from shared.models import ArrivalKind
from tests.integration.watcher.conftest import make_settings

pytestmark = pytest.mark.integration

GOOD = {
    "url": "https://news.example/ru-cn-grain",
    "title": "Grain deal",
    "text": "Russia will sell grain to China worth 100 million dollars.",
    "published_at": "2025-02-20",
    "language": "en",
}


def test_inbox_items_are_queued_and_bad_ones_dead_lettered(
    make_watcher: Callable[..., Watcher],
    redis_client: redis.Redis,
    sink: RedisListSink,
    redis_url: str,
) -> None:
    html_item = {
        "title": "",
        "html": "<html><body><article><p>Kazakh wheat exports to China grew "
        "by a fifth this year, officials in Astana said.</p></article></body></html>",
    }
    items = [
        json.dumps(GOOD),
        "{not json",
        json.dumps({"title": "no text at all"}),
        json.dumps(["a", "list"]),
        json.dumps({**GOOD, "colour": "blue"}),  # unknown field: the shape is strict
        json.dumps(html_item),
    ]
    redis_client.rpush(c.INBOX_LIST, *items)
    make_watcher(make_settings(redis_url)).run_once()
    queued = sink.articles()
    assert [a.title for a in queued] == ["Grain deal", ""]
    assert queued[0].arrived_via is ArrivalKind.INBOX
    assert "Kazakh wheat" in queued[1].text
    assert redis_client.llen(c.INBOX_LIST) == 0
    assert in_flight(redis_client) == 0
    dead = [json.loads(x) for x in redis_client.lrange(c.DEAD_LETTER_LIST, 0, -1)]
    assert len(dead) == 4
    for entry in dead:
        assert entry["stage"] == "inbox"
        assert entry["reason"]
        assert entry["at"]
    assert {e["payload"] for e in dead} == {items[1], items[2], items[3], items[4]}
    reasons = " ".join(e["reason"] for e in dead)
    assert "not JSON" in reasons and "not a JSON object" in reasons and "colour" in reasons


def test_items_left_in_processing_by_a_crash_are_recovered_at_start(
    make_watcher: Callable[..., Watcher],
    redis_client: redis.Redis,
    sink: RedisListSink,
    redis_url: str,
) -> None:
    crashed = json.dumps({**GOOD, "url": "https://news.example/crashed"})
    legacy = json.dumps({**GOOD, "url": "https://news.example/legacy"})
    waiting = json.dumps(GOOD)
    # taken by a watcher that then died: its lease is gone
    redis_client.rpush(c.INBOX_PROCESSING_PREFIX + "dead-host-1-abc", crashed)
    redis_client.rpush(c.INBOX_PROCESSING_LIST, legacy)  # the shared list of older releases
    redis_client.rpush(c.INBOX_LIST, waiting)
    make_watcher(make_settings(redis_url)).run_once()
    urls = [a.url for a in sink.articles()]
    # recovered items go back to the head of the inbox: before anything still waiting
    assert set(urls[:2]) == {"https://news.example/crashed", "https://news.example/legacy"}
    assert urls[2:] == [GOOD["url"]]
    assert in_flight(redis_client) == 0


def test_a_live_watchers_items_are_left_alone_until_its_lease_expires(
    redis_client: redis.Redis, sink: RedisListSink
) -> None:
    clock = [datetime(2026, 1, 1, tzinfo=UTC)]
    busy = Inbox(redis_client, sink, Metrics(redis_client), lambda: clock[0], owner="busy")
    busy.recover()  # takes its lease
    redis_client.rpush(recovery.processing_key("busy"), json.dumps(GOOD))  # mid-item
    other = Inbox(redis_client, sink, Metrics(redis_client), lambda: clock[0], owner="other")
    assert other.recover() == 0 and other.drain(10).queued == 0
    assert in_flight(redis_client) == 1
    redis_client.delete(c.INBOX_LEASE_PREFIX + "busy")  # "busy" died; its lease ran out
    assert other.drain(10).queued == 0  # the next look comes after the recovery interval
    clock[0] += timedelta(seconds=c.INBOX_RECOVER_INTERVAL_S)
    assert other.drain(10).queued == 1
    assert in_flight(redis_client) == 0 and [a.url for a in sink.articles()] == [GOOD["url"]]
    ttl = redis_client.ttl(c.INBOX_LEASE_PREFIX + "other")
    assert 0 < ttl <= c.INBOX_LEASE_TTL_S
    # the dead watcher is forgotten; the live one stays registered until it stops
    assert redis_client.smembers(c.INBOX_OWNERS_SET) == {"other"}
    other.close()
    assert redis_client.smembers(c.INBOX_OWNERS_SET) == set()
    assert not redis_client.exists(c.INBOX_LEASE_PREFIX + "other")


def test_item_stays_in_the_inbox_while_the_queue_is_down(
    redis_client: redis.Redis, redis_url: str
) -> None:
    from shared.client import SubmitResult
    from shared.errors import RetryLater
    from shared.models import Article

    class DownSink:
        def submit_article(self, article: Article) -> SubmitResult:
            raise RetryLater("broker unreachable")

    redis_client.rpush(c.INBOX_LIST, json.dumps(GOOD), json.dumps(GOOD))
    inbox = Inbox(redis_client, DownSink(), Metrics(redis_client), lambda: datetime.now(UTC))
    report = inbox.drain(10)
    assert report.waiting and report.queued == 0
    assert redis_client.llen(c.INBOX_LIST) == 2
    assert in_flight(redis_client) == 0
    assert redis_client.llen(c.DEAD_LETTER_LIST) == 0
