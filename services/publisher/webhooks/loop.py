"""The webhook loop: fan events out to deliveries, send what is due, apart from the stream path."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import httpx
import redis

from services.publisher.webhooks.deliver import Deliverer
from services.publisher.webhooks.fanout import FanOut
from shared.guardedhttp import GuardedTransport, address_check
from shared.logging import get_logger
from shared.settings import Settings

log = get_logger(__name__)

# After a Redis error, wait this long before trying again instead of spinning.
_ERROR_PAUSE_S = 1.0


def make_http_client(settings: Settings) -> httpx.Client:
    """No redirects, no proxies from the environment (they would bypass the SSRF check), and a
    transport that dials only the address it vetted: DNS rebinding cannot reach a private host."""
    limits = httpx.Limits(max_connections=settings.publisher.webhook_concurrency)
    check = address_check(allow_private=settings.fetch.allow_private_networks)
    return httpx.Client(
        transport=GuardedTransport(check, limits=limits),
        follow_redirects=False,
        trust_env=False,
        timeout=httpx.Timeout(
            settings.publisher.webhook_timeout_s, connect=settings.fetch.connect_timeout_s
        ),
        headers={"user-agent": settings.fetch.user_agent},
    )


class WebhookLoop:
    """Fan-out and delivery for one process; several processes may run it side by side."""

    def __init__(
        self,
        client: redis.Redis,
        settings: Settings,
        consumer: str,
        *,
        http: httpx.Client,
        now: Callable[[], datetime],
        rng: random.Random,
    ) -> None:
        self.settings = settings
        self.fanout = FanOut(client, consumer, settings.publisher, now=now)
        self.deliverer = Deliverer(
            client,
            http,
            settings.publisher,
            allow_private=settings.fetch.allow_private_networks,
            now=now,
            rng=rng,
        )

    def ensure_group(self) -> None:
        self.fanout.ensure_group()

    def run(self, stop: threading.Event) -> None:
        """Until stop is set; waits on the stream at most webhook_poll_ms so due retries go out."""
        poll_ms = self.settings.publisher.webhook_poll_ms
        with ThreadPoolExecutor(self.settings.publisher.webhook_concurrency) as pool:
            while not stop.is_set():
                try:
                    self.fanout.run_once(block_ms=poll_ms)
                    self.deliverer.run_once(pool)
                except redis.RedisError as exc:
                    log.warning("webhook_loop_redis_error", error=str(exc))
                    stop.wait(_ERROR_PAUSE_S)
                except Exception:
                    # A bug must not end deliveries for good; what was taken is retried later.
                    log.exception("webhook_loop_failed")
                    stop.wait(_ERROR_PAUSE_S)

    def drain(self) -> int:
        """Schedule everything published so far and send what is due now, once."""
        while self.fanout.run_once(block_ms=None):
            pass
        sent = 0
        with ThreadPoolExecutor(self.settings.publisher.webhook_concurrency) as pool:
            while batch := self.deliverer.run_once(pool):
                sent += batch
        return sent
