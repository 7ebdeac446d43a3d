"""Dead-lettering and delivery counting against a real Redis."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import redis

from services.worker.tasks import ArticleProcessor, WorkerRuntime
from shared import constants as c
from shared.deadletter import DeadLetter, dead_letter, read_dead_letters
from shared.settings import WorkerSettings

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 23, tzinfo=UTC)


@pytest.fixture()
def processor(redis_client: redis.Redis) -> ArticleProcessor:
    return ArticleProcessor(
        WorkerRuntime(redis=redis_client, settings=WorkerSettings(), now=lambda: NOW)
    )


def test_dead_letter_keeps_reason_payload_and_time(redis_client: redis.Redis) -> None:
    dead_letter(redis_client, DeadLetter(stage="worker", reason="why", payload={"a": 1}, at=NOW))
    (entry,) = read_dead_letters(redis_client)
    assert (entry.stage, entry.reason, entry.payload, entry.at) == ("worker", "why", {"a": 1}, NOW)


def test_dead_letter_list_is_bounded(
    redis_client: redis.Redis, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(c, "DEAD_LETTER_MAX_LEN", 3)
    for i in range(5):
        dead_letter(redis_client, DeadLetter(stage="worker", reason=str(i), at=NOW))
    assert [e.reason for e in read_dead_letters(redis_client)] == ["4", "3", "2"]


def test_deliveries_are_counted_per_attempt(
    processor: ArticleProcessor, redis_client: redis.Redis
) -> None:
    assert [processor.count_delivery("t1", 0) for _ in range(3)] == [1, 2, 3]
    assert processor.count_delivery("t1", 1) == 1
    assert 0 < redis_client.ttl(f"{c.DELIVERIES_PREFIX}t1:0") <= c.DELIVERIES_TTL_S
    processor.forget_delivery("t1", 0)
    assert processor.count_delivery("t1", 0) == 1


def test_reject_records_article_id_and_error_type(
    processor: ArticleProcessor, redis_client: redis.Redis
) -> None:
    processor.reject({"id": "art_x"}, reason="bad", error=ValueError("v"), task_id="t9")
    (entry,) = read_dead_letters(redis_client)
    assert (entry.article_id, entry.error_type, entry.task_id) == ("art_x", "ValueError", "t9")
