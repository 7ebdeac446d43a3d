"""Subscriber tools: `tail` with a consumer group, `replay` of a time range, the example."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from datetime import UTC, datetime

import pytest
import redis

from services.publisher.publish import stream_fields
from services.publisher.subscribe import EventFilter, parse_time, replay, reset_group, tail
from shared import constants as c
from shared.models import CloudEvent, EventType
from shared.schema import SCHEMA_PATH
from tests.integration.publisher.helpers import REPO, drain, make_settings, publisher_env, push
from tests.unit.publisher import builders as b

pytestmark = pytest.mark.integration

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
T0_MS = int(T0.timestamp() * 1000)


def publish_articles(redis_url: str, r: redis.Redis, n: int, start: int = 0) -> list[CloudEvent]:
    for i in range(start, start + n):
        art = b.article(f"Deal {i}.", url=f"https://n.example/{i}")
        kind = EventType.TRADE_VOLUME if i % 2 else EventType.INVESTMENT
        countries = ("CHN", "RUS") if i % 3 else ("DEU", "KEN")
        push(r, b.entry(art, [b.event(art, f"l{i}", event_type=kind, countries=countries)]))
    return drain(make_settings(redis_url, webhooks_enabled=False), r)


def group_pending(r: redis.Redis, group: str) -> int:
    return int(r.xpending(c.EVENTS_STREAM, group)["pending"])


def take(r: redis.Redis, n: int, **kwargs: object) -> list[str]:
    events = tail(r, consumer="t1", count=n, block_ms=50, **kwargs)  # type: ignore[arg-type]
    return [e.data.event_id for e in events]


def test_tail_reads_with_a_group_and_acks(redis_url: str, redis_client: redis.Redis) -> None:
    publish_articles(redis_url, redis_client, 3)
    assert take(redis_client, 3, group="g", from_start=True) == ["l0", "l1", "l2"]
    assert group_pending(redis_client, "g") == 0
    publish_articles(redis_url, redis_client, 1, start=3)
    assert take(redis_client, 1, group="g") == ["l3"]  # the group remembers its position
    # A group created now (without --from-start) sees only what comes next.
    stop = threading.Event()
    stop.set()
    assert list(tail(redis_client, group="late", consumer="t", stop=stop)) == []
    publish_articles(redis_url, redis_client, 1, start=4)
    assert take(redis_client, 1, group="late") == ["l4"]


def test_tail_filters_and_acks_what_it_skips(redis_url: str, redis_client: redis.Redis) -> None:
    publish_articles(redis_url, redis_client, 6)
    wanted = EventFilter(frozenset({"trade_volume"}), frozenset({"RUS"}))
    assert take(redis_client, 2, group="g", from_start=True, wanted=wanted) == ["l1", "l5"]
    assert group_pending(redis_client, "g") == 0


def test_unacked_event_is_read_again_by_the_same_consumer(
    redis_url: str, redis_client: redis.Redis
) -> None:
    publish_articles(redis_url, redis_client, 2)
    events = tail(redis_client, group="g", consumer="t1", from_start=True, block_ms=50)
    assert next(events).data.event_id == "l0"
    events.close()  # the consumer died while handling l0: its whole batch stays pending
    assert group_pending(redis_client, "g") == 2
    assert take(redis_client, 2, group="g") == ["l0", "l1"]
    assert group_pending(redis_client, "g") == 0


def stream_at(r: redis.Redis, offsets_s: list[int]) -> None:
    """Events as if published at T0 + offset seconds (stream ids are publication times)."""
    art = b.article()
    for i, offset in enumerate(offsets_s):
        event = CloudEvent.wrap(b.event(art, f"e{i}"), source="test", time=T0)
        r.xadd(c.EVENTS_STREAM, stream_fields(event), id=f"{T0_MS + offset * 1000}-0")  # type: ignore[arg-type]


def test_replay_reads_a_time_range_page_by_page(redis_client: redis.Redis) -> None:
    stream_at(redis_client, [0, 60, 120, 180, 240, 300])
    since = parse_time("2024-05-01T12:01:00Z", T0)
    until = parse_time("2024-05-01T12:04:00Z", T0)
    got = [
        e.data.event_id for e in replay(redis_client, since_ms=since, until_ms=until, page_size=2)
    ]
    assert got == ["e1", "e2", "e3", "e4"]
    assert [e.data.event_id for e in replay(redis_client, since_ms=T0_MS + 250_000)] == ["e5"]


def test_reset_group_replays_into_a_consumer_group(redis_client: redis.Redis) -> None:
    stream_at(redis_client, [0, 60, 120])
    assert take(redis_client, 3, group="g", from_start=True) == ["e0", "e1", "e2"]
    reset_group(redis_client, "g", T0_MS + 60_000)
    assert take(redis_client, 2, group="g") == ["e1", "e2"]


def run_cli(redis_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "services.publisher", *args]
    env = publisher_env(redis_url)
    return subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=30)


def test_tail_and_replay_commands(redis_url: str, redis_client: redis.Redis) -> None:
    published = publish_articles(redis_url, redis_client, 4)
    tailed = run_cli(
        redis_url, "tail", "--from-start", "--count", "2", "--json", "--type", "trade_volume"
    )
    assert tailed.returncode == 0, tailed.stderr
    lines = [CloudEvent.model_validate_json(x) for x in tailed.stdout.splitlines()]
    assert [e.data.event_id for e in lines] == ["l1", "l3"]
    assert group_pending(redis_client, c.TAIL_GROUP) == 0
    replayed = run_cli(redis_url, "replay", "--since", "1h", "--country", "deu")
    assert replayed.returncode == 0, replayed.stderr
    assert [line.rsplit("[", 1)[1].rstrip("]") for line in replayed.stdout.splitlines()] == [
        published[0].id,
        published[3].id,
    ]
    bad = run_cli(redis_url, "replay", "--since", "yesterday")
    assert bad.returncode == 2 and "not a time" in bad.stderr


def test_example_subscriber_runs(redis_url: str, redis_client: redis.Redis) -> None:
    art = b.article()
    push(redis_client, b.entry(art, [b.event(art, "x"), b.event(art, "y", usd=2.0)]))
    edited = b.article("An edit of the article.")
    push(redis_client, b.entry(edited, [b.event(edited, "x", usd=3.0)]))
    drain(make_settings(redis_url, webhooks_enabled=False), redis_client)
    cmd = [
        sys.executable,
        str(REPO / "examples" / "subscriber.py"),
        "--redis-url",
        redis_url,
        "--from-start",
        "--count",
        "4",
        "--schema",
        str(SCHEMA_PATH),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    outcomes = [line.split()[0] for line in done.stdout.splitlines()]
    assert outcomes == ["new", "new", "update", "retraction"]
    assert "0 live facts" not in done.stderr and "1 live facts" in done.stderr
    assert group_pending(redis_client, "example-subscriber") == 0
    assert (
        json.loads(redis_client.xrange(c.EVENTS_STREAM)[-1][1]["cloudevent"])["data"]["status"]
        == "retraction"
    )
