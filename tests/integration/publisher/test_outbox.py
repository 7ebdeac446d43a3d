"""Outbox consumption: reclaiming a dead replica's entries, dead-lettering, stale entries."""

from __future__ import annotations

import time

import pytest
import redis

from services.publisher.groups import ensure_group
from services.publisher.publish import state_key
from shared import constants as c
from tests.integration.publisher.helpers import drain, make_settings, push, stream_events
from tests.unit.publisher import builders as b

pytestmark = pytest.mark.integration


def ghost_takes(r: redis.Redis, consumer: str = "ghost", count: int = 10) -> None:
    """A publisher that read entries and died without acking them."""
    ensure_group(r, c.OUTBOX_STREAM, c.OUTBOX_GROUP, start="0")
    r.xreadgroup(c.OUTBOX_GROUP, consumer, {c.OUTBOX_STREAM: ">"}, count=count)


def dead_entries(r: redis.Redis) -> list[dict[str, str]]:
    return [f for _, f in r.xrange(c.OUTBOX_DEAD_STREAM)]


def pending(r: redis.Redis) -> int:
    return int(r.xpending(c.OUTBOX_STREAM, c.OUTBOX_GROUP)["pending"])


def test_malformed_entry_is_dead_lettered_at_once_with_reason(
    redis_url: str, redis_client: redis.Redis
) -> None:
    redis_client.xadd(c.OUTBOX_STREAM, {"article_id": "art_x", "payload": '{"article": 1}'})
    drain(make_settings(redis_url), redis_client)
    [dead] = dead_entries(redis_client)
    assert dead["article_id"] == "art_x"
    assert dead["reason"].startswith("invalid outbox entry")
    assert dead["payload"] == '{"article": 1}'
    assert (dead["deliveries"], pending(redis_client)) == ("1", 0)


def test_entries_of_a_dead_replica_are_claimed_and_published(
    redis_url: str, redis_client: redis.Redis
) -> None:
    art = b.article()
    push(redis_client, b.entry(art, [b.event(art, "l1")]))
    ghost_takes(redis_client)
    assert drain(make_settings(redis_url, claim_idle_ms=60_000), redis_client) == []
    time.sleep(0.02)
    published = drain(make_settings(redis_url, claim_idle_ms=10), redis_client)
    assert [e.data.event_id for e in published] == ["l1"]
    assert pending(redis_client) == 0


def test_entry_that_keeps_failing_goes_to_dead_letter_after_n_deliveries(
    redis_url: str, redis_client: redis.Redis
) -> None:
    art = b.article()
    push(redis_client, b.entry(art, [b.event(art, "l1")]))
    redis_client.set(state_key(art.id), "not a hash")  # every attempt fails: WRONGTYPE
    # A long idle first, so this drain cannot reclaim its own failure however slow the machine.
    drain(make_settings(redis_url, claim_idle_ms=60_000, max_deliveries=3), redis_client)
    assert pending(redis_client) == 1 and dead_entries(redis_client) == []
    settings = make_settings(redis_url, claim_idle_ms=5, max_deliveries=3)
    deadline = time.monotonic() + 10
    while not dead_entries(redis_client) and time.monotonic() < deadline:
        time.sleep(0.01)
        drain(settings, redis_client)
    [dead] = dead_entries(redis_client)
    assert dead["deliveries"] == "4"
    assert "delivered 4 times" in dead["reason"] and "WRONGTYPE" in dead["reason"]
    assert pending(redis_client) == 0 and redis_client.xlen(c.EVENTS_STREAM) == 0
    assert not redis_client.keys(c.OUTBOX_ERROR_PREFIX + "*")


def test_entry_that_kills_publishers_is_dead_lettered(
    redis_url: str, redis_client: redis.Redis
) -> None:
    art = b.article()
    entry_id = push(redis_client, b.entry(art, [b.event(art, "l1")]))
    ghost_takes(redis_client)
    for i in range(5):  # five more publishers claimed it and died
        redis_client.xclaim(c.OUTBOX_STREAM, c.OUTBOX_GROUP, f"ghost{i}", 0, [entry_id])
    time.sleep(0.02)
    drain(make_settings(redis_url, claim_idle_ms=10, max_deliveries=5), redis_client)
    [dead] = dead_entries(redis_client)
    assert dead["entry_id"] == entry_id and dead["deliveries"] == "7"
    assert "died while handling it" in dead["reason"]
    assert redis_client.xlen(c.EVENTS_STREAM) == 0


def test_named_consumer_resumes_its_own_pending_entries(
    redis_url: str, redis_client: redis.Redis
) -> None:
    art = b.article()
    push(redis_client, b.entry(art, [b.event(art, "l1")]))
    ghost_takes(redis_client, consumer="publisher-1")
    settings = make_settings(redis_url, consumer_name="publisher-1", claim_idle_ms=60_000)
    assert [e.data.event_id for e in drain(settings, redis_client)] == ["l1"]
    assert pending(redis_client) == 0


def test_older_version_claimed_after_a_newer_one_is_stale(
    redis_url: str, redis_client: redis.Redis
) -> None:
    v1 = b.article("Gansu signs a deal for 10 million dollars.")
    v2 = b.article("Gansu signs a deal for 12 million dollars, revised.")
    push(redis_client, b.entry(v1, [b.event(v1, "l1", usd=10e6)]), "1000-0")
    ghost_takes(redis_client, count=1)  # v1 is stuck with a dead replica
    push(redis_client, b.entry(v2, [b.event(v2, "l1", usd=12e6)]), "2000-0")
    first = drain(make_settings(redis_url, claim_idle_ms=60_000), redis_client)
    time.sleep(0.02)
    later = drain(make_settings(redis_url, claim_idle_ms=10), redis_client)
    assert [(e.data.status.value, e.data.amounts[0].value) for e in first] == [("new", 12e6)]
    assert later == [] and pending(redis_client) == 0
    assert len(stream_events(redis_client)) == 1


def test_outbox_keeps_unacked_and_recent_entries_when_trimmed(
    redis_url: str, redis_client: redis.Redis
) -> None:
    art = b.article()
    for ms in (1000, 2000, 3000):
        push(redis_client, b.entry(art, [b.event(art, "l1")]), f"{ms}-0")
    settings = make_settings(redis_url, outbox_retention_s=3600)
    drain(settings, redis_client)  # all three acked; the first drain already trims them
    assert redis_client.xlen(c.OUTBOX_STREAM) == 0
    push(redis_client, b.entry(art, [b.event(art, "l1")]), "4000-0")
    ghost_takes(redis_client)  # 4000-0 is pending with a dead replica
    push(redis_client, b.entry(art, [b.event(art, "l1")]), "5000-0")  # acked, after 4000-0
    recent = push(redis_client, b.entry(art, [b.event(art, "l1")]))
    drain(make_settings(redis_url, outbox_retention_s=3600, claim_idle_ms=60_000), redis_client)
    kept = [i for i, _ in redis_client.xrange(c.OUTBOX_STREAM)]
    assert kept == ["4000-0", "5000-0", recent]
