"""An edited article: changed facts as updates of the same lineage, vanished ones as retractions."""

from __future__ import annotations

import pytest
import redis

from shared.models import CloudEvent, EventStatus, EventType, TradeEvent
from tests.integration.publisher.helpers import drain, make_settings, push, stream_events
from tests.unit.publisher import builders as b

pytestmark = pytest.mark.integration

V1 = b.article("Sichuan, Hubei and Gansu will buy Russian agro products worth 500 million dollars.")
V2 = b.article("Sichuan, Hubei and Gansu will buy Russian agro products worth 550 million dollars.")


def v1_events() -> list[TradeEvent]:
    return [
        b.event(V1, "deal", usd=500e6),
        b.event(V1, "office", usd=1.0, event_type=EventType.OFFICE_OPENING),
    ]


def v2_events() -> list[TradeEvent]:
    return [
        b.event(V2, "deal", usd=550e6),
        b.event(V2, "volume", usd=9e9, event_type=EventType.TRADE_VOLUME),
    ]


def test_edit_publishes_update_retraction_and_new(
    redis_url: str, redis_client: redis.Redis
) -> None:
    settings = make_settings(redis_url)
    push(redis_client, b.entry(V1, v1_events()))
    first = {e.data.event_id: e for e in drain(settings, redis_client)}
    push(redis_client, b.entry(V2, v2_events()))
    second = drain(settings, redis_client)
    got = {(e.data.event_id, e.data.status, e.data.revision) for e in second}
    assert got == {
        ("deal", EventStatus.UPDATE, 1),
        ("office", EventStatus.RETRACTION, 1),
        ("volume", EventStatus.NEW, 0),
    }
    by_lineage = {e.data.event_id: e for e in second}
    update = by_lineage["deal"]
    assert update.data.amounts[0].value == 550e6
    assert update.data.supersedes == first["deal"].id and update.id != first["deal"].id
    assert update.data.article.content_hash == V2.content_hash
    retraction = by_lineage["office"]
    assert retraction.data.supersedes == first["office"].id
    assert retraction.data.event_type is EventType.OFFICE_OPENING
    assert [e.id for e in stream_events(redis_client)] == [
        *first_ids(first),
        *[e.id for e in second],
    ]


def first_ids(first: dict[str, CloudEvent]) -> list[str]:
    return [first["deal"].id, first["office"].id]


def test_repush_of_same_text_adds_nothing_and_revert_is_an_update(
    redis_url: str, redis_client: redis.Redis
) -> None:
    settings = make_settings(redis_url)
    push(redis_client, b.entry(V1, v1_events()))
    push(redis_client, b.entry(V1, v1_events()))
    assert len(drain(settings, redis_client)) == 2
    push(redis_client, b.entry(V2, v2_events()))
    push(redis_client, b.entry(V2, v2_events()))
    assert len(drain(settings, redis_client)) == 3
    push(redis_client, b.entry(V1, v1_events()))  # the edit is reverted
    reverted = drain(settings, redis_client)
    assert {(e.data.event_id, e.data.status, e.data.revision) for e in reverted} == {
        ("deal", EventStatus.UPDATE, 2),
        ("office", EventStatus.UPDATE, 2),
        ("volume", EventStatus.RETRACTION, 1),
    }
    ids = [e.id for e in stream_events(redis_client)]
    assert len(ids) == 8 == len(set(ids))


def test_article_no_longer_about_trade_retracts_everything(
    redis_url: str, redis_client: redis.Redis
) -> None:
    settings = make_settings(redis_url)
    push(redis_client, b.entry(V1, v1_events()))
    drain(settings, redis_client)
    push(redis_client, b.entry(V2, []))
    retracted = drain(settings, redis_client)
    assert sorted((e.data.event_id, e.data.status) for e in retracted) == [
        ("deal", EventStatus.RETRACTION),
        ("office", EventStatus.RETRACTION),
    ]
    push(redis_client, b.entry(V2, []))
    assert drain(settings, redis_client) == []
