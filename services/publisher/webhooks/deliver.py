"""Due deliveries to HTTP: lease, check the URL, sign, POST without redirects, then settle."""

from __future__ import annotations

import random
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import datetime

import httpx
import redis
from pydantic import ValidationError

from services.publisher.webhooks.models import Delivery, Subscription
from services.publisher.webhooks.policy import Decision, decide
from services.publisher.webhooks.signing import webhook_headers
from services.publisher.webhooks.store import SubscriptionStore
from shared import constants as c
from shared.deadletter import DeadLetter, dead_letter
from shared.errors import UnsafeURL
from shared.logging import get_logger
from shared.netsafety import Resolver, check_url, system_resolver
from shared.settings import PublisherSettings

log = get_logger(__name__)

# Take due deliveries and push their due time past the lease in one step, so two replicas never
# send the same delivery at once, and one that dies mid-request is retried after the lease.
_CLAIM_LUA = """
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], 'XX', ARGV[2], id) end
return ids
"""


@dataclass(frozen=True)
class Attempt:
    """What one POST got: a status and Retry-After, or the error that kept an answer away."""

    status: int | None = None
    retry_after: str | None = None
    error: str | None = None


def post(
    http: httpx.Client, url: str, body: str, headers: dict[str, str], timeout_s: float
) -> Attempt:
    """POST and read only the status line and headers: the body is the endpoint's business."""
    try:
        with http.stream(
            "POST",
            url,
            content=body.encode(),
            headers=headers,
            follow_redirects=False,
            timeout=timeout_s,
        ) as response:
            return Attempt(response.status_code, response.headers.get("retry-after"))
    except httpx.HTTPError as exc:
        return Attempt(error=f"{type(exc).__name__}: {exc}"[:500])


class Deliverer:
    """Sends due deliveries and records each outcome (done, retry at, disable, give up)."""

    def __init__(
        self,
        client: redis.Redis,
        http: httpx.Client,
        settings: PublisherSettings,
        *,
        allow_private: bool,
        now: Callable[[], datetime],
        rng: random.Random,
        resolver: Resolver = system_resolver,
    ) -> None:
        self.client = client
        self.http = http
        self.settings = settings
        self.allow_private = allow_private
        self.now = now
        self.rng = rng
        self.resolver = resolver
        self.store = SubscriptionStore(client)
        self._claim = client.register_script(_CLAIM_LUA)

    def claim_due(self, limit: int) -> list[str]:
        now = self.now().timestamp()
        ids: list[str] = self._claim(
            keys=[c.WEBHOOK_DUE_KEY], args=[now, now + self.settings.webhook_lease_s, limit]
        )
        return ids

    def run_once(self, pool: Executor) -> int:
        """Send what is due, up to the concurrency limit, in parallel; returns how many."""
        ids = self.claim_due(self.settings.webhook_concurrency)
        for future in [pool.submit(self.deliver, i) for i in ids]:
            future.result()
        return len(ids)

    def deliver(self, delivery_id: str) -> Decision | None:
        raw = self.client.hget(c.WEBHOOK_DELIVERIES_KEY, delivery_id)
        if raw is None:
            self.client.zrem(c.WEBHOOK_DUE_KEY, delivery_id)
            return None
        try:
            delivery = Delivery.model_validate_json(raw)
        except ValidationError:
            self._drop(delivery_id)
            log.error("webhook_delivery_malformed", delivery_id=delivery_id)
            return None
        sub = self.store.get(delivery.subscription_id)
        if sub is None or not sub.active:
            self._drop(delivery_id)
            log.info("webhook_delivery_dropped", delivery_id=delivery_id, reason="no subscription")
            return None
        attempt = self._attempt(sub, delivery)
        decision = decide(
            status=attempt.status,
            error=attempt.error,
            retry_after=attempt.retry_after,
            attempts=delivery.attempts + 1,
            settings=self.settings,
            now=self.now(),
            rng=self.rng,
        )
        self._settle(sub, delivery, decision)
        return decision

    def _attempt(self, sub: Subscription, delivery: Delivery) -> Attempt:
        try:
            check_url(sub.url, allow_private=self.allow_private, resolver=self.resolver)
        except UnsafeURL as exc:
            return Attempt(error=f"refused: {exc}")
        timestamp = int(self.now().timestamp())
        headers = webhook_headers(sub.secret, delivery.message_id, timestamp, delivery.body)
        return post(self.http, sub.url, delivery.body, headers, self.settings.webhook_timeout_s)

    def _settle(self, sub: Subscription, delivery: Delivery, decision: Decision) -> None:
        fields = {"delivery_id": delivery.id, "attempt": delivery.attempts + 1}
        if decision.action == "done":
            self._drop(delivery.id)
            log.info("webhook_delivered", **fields)
        elif decision.action == "retry":
            retried = delivery.model_copy(
                update={"attempts": delivery.attempts + 1, "last_error": decision.reason}
            )
            pipe = self.client.pipeline(transaction=True)
            pipe.hset(c.WEBHOOK_DELIVERIES_KEY, delivery.id, retried.model_dump_json())
            pipe.zadd(c.WEBHOOK_DUE_KEY, {delivery.id: self.now().timestamp() + decision.delay_s})
            pipe.execute()
            log.warning("webhook_retry", reason=decision.reason, delay_s=decision.delay_s, **fields)
        elif decision.action == "disable":
            self.store.disable(sub.id, reason=decision.reason, at=self.now())
            self._drop(delivery.id)
            log.warning("webhook_disabled", subscription_id=sub.id, url=sub.url, **fields)
        else:
            self._give_up(sub, delivery, decision)

    def _give_up(self, sub: Subscription, delivery: Delivery, decision: Decision) -> None:
        attempts = delivery.attempts + 1
        entry = DeadLetter(
            stage="publisher",
            reason=f"webhook delivery to {sub.url} failed {attempts} times: {decision.reason}",
            attempts=attempts,
            payload={"subscription_id": sub.id, "message_id": delivery.message_id},
            at=self.now(),
        )
        dead_letter(self.client, entry)
        self._drop(delivery.id)
        log.error("webhook_gave_up", delivery_id=delivery.id, reason=decision.reason)

    def _drop(self, delivery_id: str) -> None:
        pipe = self.client.pipeline(transaction=True)
        pipe.zrem(c.WEBHOOK_DUE_KEY, delivery_id)
        pipe.hdel(c.WEBHOOK_DELIVERIES_KEY, delivery_id)
        pipe.execute()
