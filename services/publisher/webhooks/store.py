"""Webhook subscriptions in Redis: add, remove, list, disable (on 410) and enable again."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import cast

import redis

from services.publisher.webhooks.models import Subscription
from services.publisher.webhooks.signing import new_secret
from shared import constants as c
from shared.errors import InvalidInput
from shared.models import EventType
from shared.netsafety import Resolver, check_url, system_resolver


def new_subscription(
    url: str,
    *,
    event_types: Sequence[EventType] = (),
    countries: Sequence[str] = (),
    secret: str | None,
    id_bytes: bytes,
    secret_bytes: bytes,
    now: datetime,
) -> Subscription:
    """A subscription with a fresh id, and a fresh secret unless one is given."""
    return Subscription(
        id="wh_" + id_bytes.hex()[:16],
        url=url,
        event_types=sorted(set(event_types)),
        countries=sorted({x.upper() for x in countries}),
        secret=secret or new_secret(secret_bytes),
        created_at=now,
    )


class SubscriptionStore:
    """All subscriptions live in one hash, bounded so every fan-out pass can read them all."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def add(
        self,
        subscription: Subscription,
        *,
        allow_private: bool,
        resolver: Resolver = system_resolver,
    ) -> None:
        """Store it, after the same SSRF check the watcher applies to feeds (raises UnsafeURL)."""
        check_url(subscription.url, allow_private=allow_private, resolver=resolver)
        if self.client.hlen(c.WEBHOOK_SUBSCRIPTIONS_KEY) >= c.MAX_WEBHOOK_SUBSCRIPTIONS:
            raise InvalidInput(f"at most {c.MAX_WEBHOOK_SUBSCRIPTIONS} webhook subscriptions")
        self.client.hset(
            c.WEBHOOK_SUBSCRIPTIONS_KEY, subscription.id, subscription.model_dump_json()
        )

    def remove(self, subscription_id: str) -> bool:
        return bool(self.client.hdel(c.WEBHOOK_SUBSCRIPTIONS_KEY, subscription_id))

    def get(self, subscription_id: str) -> Subscription | None:
        raw = self.client.hget(c.WEBHOOK_SUBSCRIPTIONS_KEY, subscription_id)
        return None if raw is None else Subscription.model_validate_json(raw)

    def all(self) -> list[Subscription]:
        raw = cast(dict[str, str], self.client.hgetall(c.WEBHOOK_SUBSCRIPTIONS_KEY))
        subs = [Subscription.model_validate_json(v) for v in raw.values()]
        return sorted(subs, key=lambda s: (s.created_at, s.id))

    def disable(self, subscription_id: str, *, reason: str, at: datetime) -> bool:
        return self._update(subscription_id, disabled_at=at, disabled_reason=reason)

    def enable(self, subscription_id: str) -> bool:
        return self._update(subscription_id, disabled_at=None, disabled_reason=None)

    def _update(self, subscription_id: str, **changes: object) -> bool:
        """Change a subscription unless it was removed meanwhile (WATCH makes it all or nothing)."""
        with self.client.pipeline(transaction=True) as pipe:
            while True:
                try:
                    pipe.watch(c.WEBHOOK_SUBSCRIPTIONS_KEY)  # type: ignore[no-untyped-call]
                    raw = pipe.hget(c.WEBHOOK_SUBSCRIPTIONS_KEY, subscription_id)
                    if raw is None:
                        pipe.unwatch()
                        return False
                    current = Subscription.model_validate_json(raw)
                    updated = current.model_copy(update=changes)
                    pipe.multi()
                    pipe.hset(
                        c.WEBHOOK_SUBSCRIPTIONS_KEY, subscription_id, updated.model_dump_json()
                    )
                    pipe.execute()
                    return True
                except redis.WatchError:
                    continue
