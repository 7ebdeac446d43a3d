"""Events stream to due deliveries: a consumer group, so webhooks never slow the stream path."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

import redis

from services.publisher.groups import StreamEntry, claim_stale, ensure_group, parse_id, read_new
from services.publisher.webhooks.models import Delivery, Subscription
from services.publisher.webhooks.store import SubscriptionStore
from shared import constants as c
from shared.logging import get_logger
from shared.settings import PublisherSettings

log = get_logger(__name__)


def deliveries_for(
    entry: StreamEntry, subscriptions: Sequence[Subscription], now: datetime
) -> list[Delivery]:
    """One delivery per active subscription that wants this event and existed when it was
    published (a new subscription does not receive the backlog)."""
    fields = entry.fields
    countries = [x for x in fields.get("countries", "").split(",") if x]
    published_ms = parse_id(entry.entry_id)[0]
    return [
        Delivery(
            id=Delivery.id_for(s.id, fields["id"]),
            subscription_id=s.id,
            message_id=fields["id"],
            body=fields["cloudevent"],
            created_at=now,
        )
        for s in subscriptions
        if s.active
        and s.matches(fields.get("event_type", ""), countries)
        and published_ms >= int(s.created_at.timestamp() * 1000)
    ]


class FanOut:
    """Reads the events stream as the webhooks group and schedules each matching delivery."""

    def __init__(
        self,
        client: redis.Redis,
        consumer: str,
        settings: PublisherSettings,
        *,
        now: Callable[[], datetime],
    ) -> None:
        self.client = client
        self.consumer = consumer
        self.settings = settings
        self.store = SubscriptionStore(client)
        self.now = now

    def ensure_group(self) -> None:
        """From the current end: created before the first publish, so nothing is missed."""
        ensure_group(self.client, c.EVENTS_STREAM, c.WEBHOOKS_GROUP, start="$")

    def run_once(self, *, block_ms: int | None) -> int:
        """Schedule one batch; returns how many stream entries it took."""
        entries = claim_stale(
            self.client,
            c.EVENTS_STREAM,
            c.WEBHOOKS_GROUP,
            self.consumer,
            min_idle_ms=self.settings.claim_idle_ms,
            count=self.settings.batch_size,
        ) or read_new(
            self.client,
            c.EVENTS_STREAM,
            c.WEBHOOKS_GROUP,
            self.consumer,
            count=self.settings.batch_size,
            block_ms=block_ms,
        )
        if entries:
            self._schedule(entries)
        return len(entries)

    def _schedule(self, entries: list[StreamEntry]) -> None:
        subscriptions = [s for s in self.store.all() if s.active]
        now = self.now()
        due = now.timestamp()
        pipe = self.client.pipeline(transaction=True)
        scheduled = 0
        for entry in entries:
            if "id" not in entry.fields or "cloudevent" not in entry.fields:
                log.warning("events_entry_malformed", entry_id=entry.entry_id)
                continue
            for delivery in deliveries_for(entry, subscriptions, now):
                # NX on both: scheduling an event twice (a crash before XACK) changes nothing.
                pipe.hsetnx(c.WEBHOOK_DELIVERIES_KEY, delivery.id, delivery.model_dump_json())
                pipe.zadd(c.WEBHOOK_DUE_KEY, {delivery.id: due}, nx=True)
                scheduled += 1
        pipe.xack(c.EVENTS_STREAM, c.WEBHOOKS_GROUP, *[e.entry_id for e in entries])
        pipe.execute()
        if scheduled:
            log.info("webhook_deliveries_scheduled", deliveries=scheduled, events=len(entries))
