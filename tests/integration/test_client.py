"""The producer client against a real Redis: validation, dedup, queueing, clear errors."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import redis

from shared import constants as c
from shared.celery_app import make_celery
from shared.client import TradewireClient
from shared.embedded_redis import free_port
from shared.errors import InvalidInput, RetryLater
from shared.settings import Settings

pytestmark = pytest.mark.integration
QUEUE_KEY = c.CELERY_KEY_PREFIX + c.ARTICLES_QUEUE
NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)


@pytest.fixture()
def client(redis_url: str) -> TradewireClient:
    settings = Settings(redis_url=redis_url)
    return TradewireClient(redis.Redis.from_url(redis_url), make_celery(settings), now=lambda: NOW)


def queued_bodies(r: redis.Redis) -> list[dict[str, object]]:
    """The articles waiting in the Celery queue, decoded from the JSON messages."""
    bodies = []
    for raw in r.lrange(QUEUE_KEY, 0, -1):
        message = json.loads(raw)
        assert message["content-type"] == "application/json"
        args = json.loads(__import__("base64").b64decode(message["body"]))[0]
        bodies.append(args[0])
    return bodies


def test_submit_queues_a_json_message_with_the_article(
    client: TradewireClient, redis_client: redis.Redis
) -> None:
    result = client.submit(
        {"title": "T", "text": "China and Chile signed a deal.", "url": "https://e.org/a"}
    )
    assert result.queued and result.reason == "new"
    (body,) = queued_bodies(redis_client)
    assert body["id"] == result.article_id
    assert body["text"] == "China and Chile signed a deal."
    assert body["arrived_via"] == "client"
    assert body["received_at"].startswith("2026-11-23T12:00:00")


def test_duplicate_is_not_queued_but_an_edit_is(
    client: TradewireClient, redis_client: redis.Redis
) -> None:
    article = {"title": "T", "text": "Version one.", "url": "https://e.org/a"}
    first = client.submit(article)
    again = client.submit(article)
    edited = client.submit({**article, "text": "Version two."})
    assert (again.queued, again.reason) == (False, "duplicate")
    assert (edited.queued, edited.reason) == (True, "updated")
    assert first.article_id == again.article_id == edited.article_id
    assert [b["text"] for b in queued_bodies(redis_client)] == ["Version two.", "Version one."]


def test_html_submission_is_reduced_to_main_text(
    client: TradewireClient, redis_client: redis.Redis
) -> None:
    page = (
        "<html><head><title>Deal</title></head><body><nav>Home | World</nav><article>"
        "<p>Kenya and Tanzania signed a trade pact worth 580 million shillings on Monday, "
        "officials in Nairobi said, opening the border to more goods.</p></article></body></html>"
    )
    client.submit({"html": page})
    (body,) = queued_bodies(redis_client)
    assert "Kenya and Tanzania signed" in str(body["text"])
    assert "<p>" not in str(body["text"])


@pytest.mark.parametrize(
    "bad",
    [{}, {"text": ""}, {"text": "x", "url": "javascript:alert(1)"}, {"text": 3}, "not a dict"],
)
def test_invalid_submission_raises_with_reason_and_queues_nothing(
    client: TradewireClient, redis_client: redis.Redis, bad: object
) -> None:
    with pytest.raises(InvalidInput, match="invalid article"):
        client.submit(bad)  # type: ignore[arg-type]
    assert redis_client.llen(QUEUE_KEY) == 0


def test_unreachable_redis_is_retry_later() -> None:
    url = f"redis://127.0.0.1:{free_port()}/0"
    settings = Settings(redis_url=url)
    client = TradewireClient(
        redis.Redis.from_url(url, socket_connect_timeout=0.5), make_celery(settings)
    )
    with pytest.raises(RetryLater):
        client.submit({"text": "China and Chile signed a deal."})


def test_same_text_under_another_url_is_a_duplicate_of_the_first(
    client: TradewireClient, redis_client: redis.Redis
) -> None:
    text = "China and Chile signed a lithium supply deal worth $1 billion on Monday."
    first = client.submit({"text": text, "url": "https://agency.example/a"})
    syndicated = client.submit({"text": f"  {text}\n", "url": "https://paper.example/b"})
    assert (syndicated.queued, syndicated.reason) == (False, "duplicate")
    assert syndicated.article_id == first.article_id
    assert len(queued_bodies(redis_client)) == 1
