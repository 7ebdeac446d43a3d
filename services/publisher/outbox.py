"""The workers' outbox read with a consumer group: reclaim, ack, dead-letter after N tries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import cast

import redis

from services.publisher.groups import (
    StreamEntry,
    claim_stale,
    delivery_counts,
    ensure_group,
    id_after,
    parse_id,
    read_new,
    read_own_pending,
)
from shared import constants as c
from shared.logging import get_logger
from shared.settings import PublisherSettings

log = get_logger(__name__)

# A failure reason is text from an exception; bound what one entry may store.
_MAX_REASON_CHARS = 2_000


class OutboxReader:
    """Hands out outbox entries: a dead replica's first, then new ones; acks only on request."""

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
        self.now = now
        self._resume_own = settings.consumer_name is not None

    def ensure_group(self) -> None:
        """Start at the beginning: entries written before the first publisher ran are kept."""
        ensure_group(self.client, c.OUTBOX_STREAM, c.OUTBOX_GROUP, start="0")

    def next_batch(self, *, block: bool) -> list[StreamEntry]:
        """Entries to handle now; those delivered too often are dead-lettered instead."""
        entries = self._reclaimed()
        if not entries:
            block_ms = self.settings.block_ms if block else None
            entries = read_new(
                self.client,
                c.OUTBOX_STREAM,
                c.OUTBOX_GROUP,
                self.consumer,
                count=self.settings.batch_size,
                block_ms=block_ms,
            )
        return [e for e in entries if not self._too_many_deliveries(e)]

    def _reclaimed(self) -> list[StreamEntry]:
        if self._resume_own:
            # A named consumer that restarted owns what it took before; take that back first.
            self._resume_own = False
            own = read_own_pending(
                self.client,
                c.OUTBOX_STREAM,
                c.OUTBOX_GROUP,
                self.consumer,
                count=self.settings.batch_size,
            )
            if own:
                ids = [e.entry_id for e in own]
                counts = delivery_counts(
                    self.client, c.OUTBOX_STREAM, c.OUTBOX_GROUP, self.consumer, ids
                )
                return [StreamEntry(e.entry_id, e.fields, counts.get(e.entry_id, 1)) for e in own]
        return claim_stale(
            self.client,
            c.OUTBOX_STREAM,
            c.OUTBOX_GROUP,
            self.consumer,
            min_idle_ms=self.settings.claim_idle_ms,
            count=self.settings.batch_size,
        )

    def _too_many_deliveries(self, entry: StreamEntry) -> bool:
        if entry.deliveries <= self.settings.max_deliveries:
            return False
        last = cast(str | None, self.client.get(c.OUTBOX_ERROR_PREFIX + entry.entry_id))
        reason = (
            f"delivered {entry.deliveries} times without being published; "
            f"last error: {last or 'none recorded (the publisher died while handling it)'}"
        )
        self.dead_letter(entry, reason)
        return True

    def trim(self) -> int:
        """Drop entries older than the retention that every publisher has taken and acked."""
        groups = {g["name"]: g for g in self.client.xinfo_groups(c.OUTBOX_STREAM)}
        group = groups.get(c.OUTBOX_GROUP)
        if group is None:
            return 0
        cutoff_ms = int(self.now().timestamp() * 1000 - self.settings.outbox_retention_s * 1000)
        bounds = [(cutoff_ms, 0), id_after(str(group["last-delivered-id"]))]
        oldest_pending = self.client.xpending(c.OUTBOX_STREAM, c.OUTBOX_GROUP).get("min")
        if oldest_pending:
            bounds.append(parse_id(str(oldest_pending)))
        ms, seq = min(bounds)
        # Exact, not '~': it runs once per interval, and must never cut an unacked entry.
        removed = int(self.client.xtrim(c.OUTBOX_STREAM, minid=f"{ms}-{seq}", approximate=False))
        if removed:
            log.info("outbox_trimmed", removed=removed)
        return removed

    def ack(self, entry: StreamEntry) -> None:
        self.client.xack(c.OUTBOX_STREAM, c.OUTBOX_GROUP, entry.entry_id)

    def record_failure(self, entry: StreamEntry, reason: str) -> None:
        """Leave the entry pending (it is reclaimed after claim_idle_ms) and keep the reason."""
        key = c.OUTBOX_ERROR_PREFIX + entry.entry_id
        self.client.set(key, reason[:_MAX_REASON_CHARS], ex=c.OUTBOX_ERROR_TTL_S)
        log.warning(
            "outbox_entry_failed",
            entry_id=entry.entry_id,
            deliveries=entry.deliveries,
            reason=reason[:200],
        )

    def dead_letter(self, entry: StreamEntry, reason: str) -> None:
        """Move the entry to the dead-letter stream with its reason and ack it, atomically."""
        record = {
            "entry_id": entry.entry_id,
            "article_id": entry.fields.get("article_id", ""),
            "reason": reason[:_MAX_REASON_CHARS],
            "deliveries": str(entry.deliveries),
            "failed_at": self.now().isoformat(),
            "payload": entry.fields.get("payload", ""),
        }
        pipe = self.client.pipeline(transaction=True)
        pipe.xadd(c.OUTBOX_DEAD_STREAM, record, maxlen=c.OUTBOX_DEAD_MAX_LEN, approximate=True)  # type: ignore[arg-type]
        pipe.xack(c.OUTBOX_STREAM, c.OUTBOX_GROUP, entry.entry_id)
        pipe.delete(c.OUTBOX_ERROR_PREFIX + entry.entry_id)
        pipe.execute()
        log.error(
            "outbox_entry_dead_lettered",
            entry_id=entry.entry_id,
            article_id=record["article_id"],
            reason=reason[:200],
        )
