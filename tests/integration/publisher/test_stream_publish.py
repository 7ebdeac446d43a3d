"""Publishing to tradewire:events: field layout, idempotence, MAXLEN, schema, lag warnings."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import redis
from jsonschema import Draft202012Validator

from services.publisher.publish import STREAM_FIELDS, EventPublisher, load_state, state_key
from services.publisher.stream import LagMonitor
from shared import constants as c
from shared.models import CloudEvent
from shared.schema import committed_schema
from tests.integration.publisher.helpers import drain, make_settings, push, stream_entries
from tests.unit.publisher import builders as b

pytestmark = pytest.mark.integration

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def wrap(lineage: str, usd: float = 1.0) -> CloudEvent:
    return CloudEvent.wrap(b.event(b.article(), lineage, usd=usd), source="test", time=NOW)


BASE = wrap("base")


def fill(publisher: EventPublisher, start: int, stop: int) -> None:
    """Publish messages start..stop-1, 50 per call (one article each), cheaply."""
    for first in range(start, stop, 50):
        batch = [
            BASE.model_copy(update={"id": f"m{i}"}) for i in range(first, min(first + 50, stop))
        ]
        publisher.publish(f"art_{first}", f"{first + 1}-0", "", batch)


def test_entry_fields_follow_the_documented_layout(
    redis_url: str, redis_client: redis.Redis
) -> None:
    art = b.article()
    push(redis_client, b.entry(art, [b.event(art, "l1"), b.event(art, "l2", usd=2.0)]))
    drain(make_settings(redis_url), redis_client)
    entries = stream_entries(redis_client)
    assert [tuple(e) for e in entries] == [STREAM_FIELDS, STREAM_FIELDS]
    first = entries[0]
    event = json.loads(first["cloudevent"])
    assert first["id"] == event["id"] and first["id"].startswith("l1.")
    assert (first["type"], first["subject"], first["countries"]) == (
        "tradewire.trade_event.v1",
        "CHN-RUS",
        "CHN,RUS",
    )
    assert (first["event_id"], first["event_type"], first["status"]) == (
        "l1",
        "commercial_deal",
        "new",
    )
    assert first["article_id"] == art.id == event["data"]["article"]["id"]


def test_every_stream_message_validates_against_the_committed_schema(
    redis_url: str, redis_client: redis.Redis
) -> None:
    v1 = b.article("Hubei buys Russian soy for 100 million dollars.")
    v2 = b.article("Hubei buys Russian soy for 120 million dollars, an edit says.")
    push(redis_client, b.entry(v1, [b.event(v1, "a"), b.event(v1, "b", usd=5.0)]))
    push(redis_client, b.entry(v2, [b.event(v2, "a", usd=120e6)]))
    drain(make_settings(redis_url), redis_client)
    validator = Draft202012Validator(committed_schema())
    entries = stream_entries(redis_client)
    assert {json.loads(e["cloudevent"])["data"]["status"] for e in entries} == {
        "new",
        "update",
        "retraction",
    }
    for entry in entries:
        errors = list(validator.iter_errors(json.loads(entry["cloudevent"])))
        assert errors == [], entry["id"]


def test_a_published_message_id_is_never_added_twice(redis_client: redis.Redis) -> None:
    publisher = EventPublisher(redis_client, maxlen=1000)
    first = publisher.publish("art_a", "1-0", "", [wrap("x"), wrap("y")])
    # Another article's state, the same message ids: the markers keep them out.
    again = publisher.publish("art_b", "2-0", "", [wrap("x"), wrap("z")])
    assert [m.data.event_id for m in first.added] == ["x", "y"]
    assert [m.data.event_id for m in again.added] == ["z"]
    assert [f["event_id"] for f in stream_entries(redis_client)] == ["x", "y", "z"]
    assert redis_client.ttl(c.PUBLISHED_PREFIX + wrap("x").id) > 80 * 24 * 3600


def test_state_moved_meanwhile_publishes_nothing(redis_client: redis.Redis) -> None:
    publisher = EventPublisher(redis_client, maxlen=1000)
    assert publisher.publish("art_a", "5-0", "", [wrap("x")]).status == "published"
    outcome = publisher.publish("art_a", "6-0", "", [wrap("y")])
    assert (outcome.status, outcome.current_entry) == ("moved", "5-0")
    assert redis_client.xlen(c.EVENTS_STREAM) == 1
    state = load_state(redis_client, "art_a")
    assert (state.entry_id, list(state.events)) == ("5-0", ["x"])


def test_state_is_stored_deflated_and_reads_back_whole(redis_client: redis.Redis) -> None:
    publisher = EventPublisher(redis_client, maxlen=1000)
    message = wrap("x")
    publisher.publish("art_a", "5-0", "", [message])
    stored = redis_client.hget(state_key("art_a"), "x")
    assert stored is not None and stored.startswith("z1:")
    assert len(stored) < len(message.data.model_dump_json())
    assert load_state(redis_client, "art_a").events["x"] == message.data
    # state written as plain JSON (before deflating) still reads
    redis_client.hset(state_key("art_a"), "x", message.data.model_dump_json())
    assert load_state(redis_client, "art_a").events["x"] == message.data


def test_stream_length_is_bounded_by_maxlen(redis_client: redis.Redis) -> None:
    publisher = EventPublisher(redis_client, maxlen=1000)
    fill(publisher, 0, 1500)
    # MAXLEN ~ trims whole nodes (100 entries by default): at least 1000, not much more.
    assert 1000 <= redis_client.xlen(c.EVENTS_STREAM) <= 1100


def test_lag_near_the_trim_point_warns_and_past_it_errors(redis_client: redis.Redis) -> None:
    publisher = EventPublisher(redis_client, maxlen=1000)
    redis_client.xgroup_create(c.EVENTS_STREAM, "slow", id="0", mkstream=True)
    redis_client.xgroup_create(c.EVENTS_STREAM, "quick", id="0")
    fill(publisher, 0, 850)
    redis_client.xreadgroup("slow", "c", {c.EVENTS_STREAM: ">"}, count=1)
    redis_client.xreadgroup("quick", "c", {c.EVENTS_STREAM: ">"}, count=850)
    monitor = LagMonitor(redis_client, maxlen=1000, fraction=0.8)
    assert [(w.group, w.level) for w in monitor.check()] == [("slow", "warning")]
    fill(publisher, 850, 2000)
    redis_client.xreadgroup("quick", "c", {c.EVENTS_STREAM: ">"}, count=2000)
    assert [(w.group, w.level) for w in monitor.check()] == [("slow", "error")]
