"""The publisher's loop: outbox to the events stream, the webhook loop beside it in a thread."""

from __future__ import annotations

import os
import random
import signal
import threading
from collections.abc import Callable
from contextlib import ExitStack
from datetime import datetime

import httpx
import redis

from services.publisher.groups import StreamEntry, default_consumer_name, text_client
from services.publisher.handler import EntryHandler
from services.publisher.outbox import OutboxReader
from services.publisher.stream import LagMonitor
from services.publisher.webhooks.loop import WebhookLoop, make_http_client
from shared.errors import InvalidInput, TradewireError
from shared.logging import get_logger
from shared.models import CloudEvent
from shared.redisutil import utcnow
from shared.settings import Settings

log = get_logger(__name__)

OnPublished = Callable[[CloudEvent], None]


class Publisher:
    """Handles outbox batches: publish, then ack; failures stay pending for a later delivery."""

    def __init__(
        self,
        client: redis.Redis,
        settings: Settings,
        consumer: str,
        *,
        now: Callable[[], datetime],
        on_published: OnPublished | None,
    ) -> None:
        self.settings = settings
        self.outbox = OutboxReader(client, consumer, settings.publisher, now=now)
        self.handler = EntryHandler(client, settings.publisher, now=now)
        self.lag = LagMonitor(
            client,
            maxlen=settings.publisher.stream_maxlen,
            fraction=settings.publisher.lag_warn_fraction,
        )
        self.on_published = on_published
        self.now = now
        self.entries_published = 0
        self.events_published = 0
        self._housekept: datetime | None = None

    def run_batch(self, *, block: bool) -> int:
        """One batch from the outbox; returns how many entries it held."""
        batch = self.outbox.next_batch(block=block)
        for entry in batch:
            self._one(entry)
        self._housekeeping()
        return len(batch)

    def _housekeeping(self) -> None:
        """Lag warnings and outbox trimming, at most once per lag_check_interval_s."""
        now = self.now()
        interval = self.settings.publisher.lag_check_interval_s
        if self._housekept and (now - self._housekept).total_seconds() < interval:
            return
        self._housekept = now
        try:
            self.lag.check()
            self.outbox.trim()
        except redis.RedisError as exc:
            log.warning("housekeeping_failed", error=str(exc))

    def _one(self, entry: StreamEntry) -> None:
        try:
            added = self.handler.handle(entry)
        except InvalidInput as exc:
            self.outbox.dead_letter(entry, str(exc))
            return
        except (TradewireError, redis.RedisError) as exc:
            self.outbox.record_failure(entry, f"{type(exc).__name__}: {exc}")
            return
        except Exception as exc:
            # A bug; left pending, it is retried after claim_idle_ms, then dead-lettered.
            log.exception("outbox_entry_crashed", entry_id=entry.entry_id)
            self.outbox.record_failure(entry, f"{type(exc).__name__}: {exc}")
            return
        self._after_publish()
        self.outbox.ack(entry)
        self.events_published += len(added)
        if self.on_published is not None:
            for event in added:
                try:
                    self.on_published(event)
                except Exception:
                    # The event is out and acked; a failing observer must not stop publishing.
                    log.exception("on_published_failed", id=event.id)

    def _after_publish(self) -> None:
        self.entries_published += 1
        crash_after = self.settings.publisher.fault_crash_after_xadd
        if crash_after and self.entries_published >= crash_after:
            # Fault injection for tests: die like a killed process between XADD and XACK.
            log.warning("fault_crash_after_xadd", entries=self.entries_published)
            os.kill(os.getpid(), signal.SIGKILL)


def run_publisher(
    settings: Settings,
    redis_client: redis.Redis,
    *,
    stop: threading.Event,
    now: Callable[[], datetime] = utcnow,
    http: httpx.Client | None = None,
    once: bool = False,
    on_published: OnPublished | None = None,
    rng: random.Random | None = None,
) -> int:
    """Publish until stop is set (or, with once, until the outbox is drained); returns the number
    of events this call added to the stream. on_published sees each one after it is acked."""
    client = text_client(redis_client)
    consumer = settings.publisher.consumer_name or default_consumer_name("publisher")
    publisher = Publisher(client, settings, consumer, now=now, on_published=on_published)
    publisher.outbox.ensure_group()
    with ExitStack() as stack:
        webhooks = None
        if settings.publisher.webhooks_enabled:
            http = http or stack.enter_context(make_http_client(settings))
            webhooks = WebhookLoop(
                client, settings, consumer, http=http, now=now, rng=rng or random.Random()
            )
            webhooks.ensure_group()
        log.info("publisher_started", consumer=consumer, once=once)
        if once:
            _drain(publisher, webhooks, stop)
        else:
            _serve(publisher, webhooks, stop)
    if client is not redis_client:
        client.close()
    log.info("publisher_stopped", events=publisher.events_published)
    return publisher.events_published


def _drain(publisher: Publisher, webhooks: WebhookLoop | None, stop: threading.Event) -> None:
    while not stop.is_set() and publisher.run_batch(block=False):
        pass
    if webhooks is not None and not stop.is_set():
        webhooks.drain()


def _serve(publisher: Publisher, webhooks: WebhookLoop | None, stop: threading.Event) -> None:
    done = threading.Event()
    thread = None
    if webhooks is not None:
        thread = threading.Thread(target=webhooks.run, args=(done,), name="webhooks", daemon=True)
        thread.start()
    try:
        while not stop.is_set():
            try:
                publisher.run_batch(block=True)
            except redis.RedisError as exc:
                log.warning("publisher_redis_error", error=str(exc))
                stop.wait(1.0)
    finally:
        done.set()
        if thread is not None:
            thread.join(timeout=publisher.settings.publisher.webhook_timeout_s + 5)
