"""End to end with real parts: client -> Redis -> Celery worker process -> publisher -> stream."""

from __future__ import annotations

import base64
import json
import pickle
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import redis

from shared import constants as c
from shared.articlefile import article_from_file
from shared.celery_app import make_celery
from shared.client import TradewireClient, normalise
from shared.deadletter import read_dead_letters
from shared.models import ArrivalKind, CloudEvent
from shared.outbox import publisher_caught_up
from shared.settings import Settings
from tests.integration.conftest import FAST_WORKER_ENV, WorkerProcess, wait_until

pytestmark = pytest.mark.integration


def _settings(redis_url: str) -> Settings:
    return Settings(
        redis_url=redis_url,
        worker={  # type: ignore[arg-type]
            k.removeprefix("TRADEWIRE_WORKER__").lower(): v
            for k, v in FAST_WORKER_ENV.items()
            if k.startswith("TRADEWIRE_WORKER__")
        },
    )


@pytest.fixture()
def settings(redis_url: str) -> Settings:
    return _settings(redis_url)


@pytest.fixture()
def client(settings: Settings) -> TradewireClient:
    return TradewireClient(
        redis.Redis.from_url(settings.effective_redis_url), make_celery(settings)
    )


@pytest.fixture()
def publisher(settings: Settings) -> Iterator[None]:
    from services.publisher.service import run_publisher

    stop = threading.Event()
    conn = redis.Redis.from_url(settings.effective_redis_url)
    thread = threading.Thread(
        target=run_publisher, args=(settings, conn), kwargs={"stop": stop}, daemon=True
    )
    thread.start()
    yield
    stop.set()
    thread.join(timeout=10)


def stream_events(r: redis.Redis) -> list[CloudEvent]:
    return [CloudEvent.model_validate_json(f["cloudevent"]) for _, f in r.xrange(c.EVENTS_STREAM)]


def outbox_articles(r: redis.Redis) -> list[str]:
    return [f["article_id"] for _, f in r.xrange(c.OUTBOX_STREAM)]


def test_seed_article_comes_out_as_events(
    start_worker: Callable[..., WorkerProcess],
    publisher: None,
    client: TradewireClient,
    redis_client: redis.Redis,
    seed_paths: list[Path],
) -> None:
    start_worker()
    result = client.submit(article_from_file(seed_paths[0]))
    assert result.queued and result.reason == "new"
    assert wait_until(lambda: len(stream_events(redis_client)) > 0, 60)
    assert wait_until(lambda: publisher_caught_up(redis_client), 20)
    events = stream_events(redis_client)
    assert {e.data.article.id for e in events} == {result.article_id}
    purchase = [e for e in events if any(a.value == 500_000_000 for a in e.data.amounts)]
    assert purchase, [e.data.event_type for e in events]
    subdivisions = {p.subdivision for p in purchase[0].data.participants}
    assert {"CN-SC", "CN-HB", "CN-GS"} <= subdivisions
    assert purchase[0].data.countries == ["CHN", "RUS"]


def test_same_article_twice_yields_each_event_once(
    start_worker: Callable[..., WorkerProcess],
    publisher: None,
    client: TradewireClient,
    redis_client: redis.Redis,
    seed_paths: list[Path],
) -> None:
    start_worker()
    article = article_from_file(seed_paths[1])
    first = client.submit(article)
    second = client.submit(article)
    assert (first.queued, second.queued, second.reason) == (True, False, "duplicate")
    # A producer that bypasses the client's dedup (another language) queues it again.
    again = normalise(article, arrived_via=ArrivalKind.INBOX, received_at=datetime.now(UTC))
    client._enqueue(again)
    assert wait_until(lambda: outbox_articles(redis_client).count(first.article_id) == 2, 60)
    assert wait_until(lambda: publisher_caught_up(redis_client), 20)
    ids = [e.id for e in stream_events(redis_client)]
    assert ids and len(ids) == len(set(ids))


def test_malformed_article_is_dead_lettered_with_reason(
    start_worker: Callable[..., WorkerProcess],
    settings: Settings,
    redis_client: redis.Redis,
) -> None:
    start_worker()
    app = make_celery(settings)
    app.send_task(
        c.PROCESS_ARTICLE_TASK, args=[{"id": "art_bad", "title": 42}], queue=c.ARTICLES_QUEUE
    )
    assert wait_until(lambda: redis_client.llen(c.DEAD_LETTER_LIST) == 1, 30)
    entry = json.loads(redis_client.lindex(c.DEAD_LETTER_LIST, 0))
    assert entry["stage"] == "worker"
    assert "invalid article" in entry["reason"]
    assert entry["payload"] == {"id": "art_bad", "title": 42}
    assert redis_client.xlen(c.OUTBOX_STREAM) == 0


def test_pickled_message_is_refused(
    start_worker: Callable[..., WorkerProcess],
    settings: Settings,
    client: TradewireClient,
    redis_client: redis.Redis,
    seed_paths: list[Path],
) -> None:
    worker = start_worker()
    app = make_celery(settings)
    app.conf.accept_content = ["json", "pickle"]
    article = normalise(
        article_from_file(seed_paths[0]),
        arrived_via=ArrivalKind.CLIENT,
        received_at=datetime.now(UTC),
    )
    app.send_task(
        c.PROCESS_ARTICLE_TASK,
        args=[json.loads(article.model_dump_json())],
        queue=c.ARTICLES_QUEUE,
        serializer="pickle",
    )
    worker.wait_for("ContentDisallowed", 30)
    assert redis_client.xlen(c.OUTBOX_STREAM) == 0
    assert worker.proc.poll() is None
    # Nothing is lost: the refused message is kept, with the reason and its pickled bytes.
    [letter] = read_dead_letters(redis_client)
    assert letter.stage == "worker" and letter.error_type == "ContentDisallowed"
    assert "pickle" in letter.reason
    assert letter.payload["content_type"] == "application/x-python-serialize"
    body = base64.b64decode(letter.payload["body_base64"])
    assert pickle.loads(body)[0][0]["id"] == article.id  # our own test message


def test_worker_killed_mid_task_loses_nothing(
    start_worker: Callable[..., WorkerProcess],
    publisher: None,
    client: TradewireClient,
    redis_client: redis.Redis,
    seed_paths: list[Path],
) -> None:
    doomed = start_worker(TRADEWIRE_WORKER__FAULT_DELAY_S="30")
    result = client.submit(article_from_file(seed_paths[0]))
    # The delivery counter is written when the task starts: the worker is now mid-task.
    assert wait_until(lambda: bool(redis_client.keys(c.DELIVERIES_PREFIX + "*")), 30)
    doomed.kill_hard()
    assert redis_client.xlen(c.OUTBOX_STREAM) == 0
    start_worker()
    assert wait_until(lambda: result.article_id in outbox_articles(redis_client), 60)
    assert wait_until(lambda: publisher_caught_up(redis_client), 20)
    ids = [e.id for e in stream_events(redis_client)]
    assert ids and len(ids) == len(set(ids))
    assert outbox_articles(redis_client) == [result.article_id]


def test_message_for_an_unknown_task_is_dead_lettered(
    start_worker: Callable[..., WorkerProcess],
    settings: Settings,
    redis_client: redis.Redis,
) -> None:
    worker = start_worker()
    make_celery(settings).send_task("tradewire.no_such_task", args=[1], queue=c.ARTICLES_QUEUE)
    worker.wait_for("refused_message_dead_lettered", 30)
    [letter] = read_dead_letters(redis_client)
    assert letter.error_type == "NotRegistered" and "no_such_task" in letter.reason
    assert letter.payload["headers"]["task"] == "tradewire.no_such_task"
    assert worker.proc.poll() is None
