"""The language-neutral inbox: items queued reliably, bad ones dead-lettered with the reason."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
import redis

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
    assert redis_client.llen(c.INBOX_PROCESSING_LIST) == 0
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
    waiting = json.dumps(GOOD)
    redis_client.rpush(c.INBOX_PROCESSING_LIST, crashed)  # taken by a watcher that then died
    redis_client.rpush(c.INBOX_LIST, waiting)
    make_watcher(make_settings(redis_url)).run_once()
    assert [a.url for a in sink.articles()] == ["https://news.example/crashed", GOOD["url"]]
    assert redis_client.llen(c.INBOX_PROCESSING_LIST) == 0


def test_item_stays_in_the_inbox_while_the_queue_is_down(
    redis_client: redis.Redis, redis_url: str
) -> None:
    from datetime import UTC, datetime

    from services.watcher.inbox import Inbox
    from services.watcher.metrics import Metrics
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
    assert redis_client.llen(c.INBOX_PROCESSING_LIST) == 0
    assert redis_client.llen(c.DEAD_LETTER_LIST) == 0
