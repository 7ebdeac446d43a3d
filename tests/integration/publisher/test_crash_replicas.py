"""Real publisher processes: SIGKILL between XADD and XACK, and two replicas on one outbox."""

from __future__ import annotations

import signal
from collections import Counter

import pytest
import redis

from shared import constants as c
from tests.integration.publisher.helpers import (
    PublisherProcess,
    outbox_settled,
    push,
    stream_entries,
    wait_until,
)
from tests.unit.publisher import builders as b

pytestmark = pytest.mark.integration


def fill_outbox(r: redis.Redis, articles: int) -> set[str]:
    """Articles with two events each; every article is also pushed a second time unchanged."""
    lineages = set()
    for i in range(articles):
        art = b.article(
            f"Article {i}: a deal worth {i + 1} million dollars.", url=f"https://n.example/{i}"
        )
        events = [b.event(art, f"a{i}", usd=i + 1.0), b.event(art, f"b{i}", usd=i + 2.0)]
        lineages |= {e.event_id for e in events}
        push(r, b.entry(art, events))
    for i in range(0, articles, 3):
        art = b.article(
            f"Article {i}: a deal worth {i + 1} million dollars.", url=f"https://n.example/{i}"
        )
        push(
            r,
            b.entry(art, [b.event(art, f"a{i}", usd=i + 1.0), b.event(art, f"b{i}", usd=i + 2.0)]),
        )
    return lineages


def assert_each_once(r: redis.Redis, lineages: set[str]) -> None:
    ids = Counter(f["id"] for f in stream_entries(r))
    assert [i for i, n in ids.items() if n > 1] == []
    assert {f["event_id"] for f in stream_entries(r)} == lineages
    assert len(ids) == len(lineages)


def test_publisher_killed_between_xadd_and_xack_publishes_each_id_once(
    redis_url: str, redis_client: redis.Redis
) -> None:
    lineages = fill_outbox(redis_client, 8)
    doomed = PublisherProcess(
        redis_url, "--once", fault_crash_after_xadd="3", batch_size="4", webhooks_enabled="false"
    )
    assert doomed.wait() == -signal.SIGKILL
    # It died after its third XADD: three articles are out, the third never acked.
    assert len({f["article_id"] for f in stream_entries(redis_client)}) == 3
    assert redis_client.xpending(c.OUTBOX_STREAM, c.OUTBOX_GROUP)["pending"] >= 1
    survivor = PublisherProcess(redis_url, "--once", claim_idle_ms="10", webhooks_enabled="false")
    assert survivor.wait() == 0, "".join(survivor.lines[-20:])
    assert outbox_settled(redis_client)
    assert_each_once(redis_client, lineages)
    # The survivor met the dead publisher's half-done entry and did not publish it again.
    assert survivor.logged("outbox_entry_stale") >= 1


def test_two_replicas_on_one_outbox_publish_each_id_once(
    redis_url: str, redis_client: redis.Redis
) -> None:
    replicas = [
        PublisherProcess(redis_url, batch_size="3", block_ms="50", webhooks_enabled="false")
        for _ in range(2)
    ]
    try:
        assert wait_until(lambda: all(p.logged("publisher_started") for p in replicas), 30)
        lineages = fill_outbox(redis_client, 40)
        assert wait_until(lambda: outbox_settled(redis_client), 30)
    finally:
        for p in replicas:
            p.stop()
    assert_each_once(redis_client, lineages)
    handled = [p.logged("article_published") + p.logged("outbox_entry_stale") for p in replicas]
    assert all(n > 0 for n in handled), handled  # both replicas did real work
