"""The language-neutral push path: ArticleIn JSON that any Redis client RPUSHes to the inbox.

Each item is moved (LMOVE) to this watcher's processing list before it is handled and removed
from there only once it was queued or dead-lettered; if the watcher dies in between, another
one re-queues it once the dead watcher's lease has expired (see inbox_recovery).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

import redis
from pydantic import ValidationError

from services.watcher import inbox_recovery as recovery
from services.watcher.metrics import Metrics
from services.watcher.sink import ArticleSink
from shared import constants as c
from shared.client import normalise
from shared.deadletter import DeadLetter, dead_letter
from shared.errors import InvalidInput, RetryLater
from shared.logging import get_logger
from shared.models import ArrivalKind, ArticleIn

log = get_logger(__name__)


@dataclass(frozen=True, slots=True)
class InboxReport:
    queued: int = 0
    duplicates: int = 0
    dead: int = 0
    waiting: bool = False  # the queue was unavailable; items remain


def _as_value(raw: bytes | str) -> str:
    """The item exactly as stored (redis-py sends bytes as they are; its stubs say str)."""
    return cast(str, raw)


def _text(raw: bytes | str) -> str:
    return raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw


def parse_item(raw: bytes | str) -> ArticleIn:
    """An inbox item as a submission; InvalidInput says exactly what is wrong with it."""
    if len(raw) > c.MAX_MESSAGE_BYTES:
        raise InvalidInput(f"item larger than {c.MAX_MESSAGE_BYTES} bytes")
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise InvalidInput("not a JSON object")
    try:
        return ArticleIn.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput(f"invalid article: {exc}") from exc


class Inbox:
    def __init__(
        self,
        client: redis.Redis,
        sink: ArticleSink,
        metrics: Metrics,
        now: Callable[[], datetime],
        *,
        owner: str | None = None,
    ) -> None:
        self._redis = client
        self._sink = sink
        self._metrics = metrics
        self._now = now
        self.owner = owner or recovery.new_owner_id()
        self._processing = recovery.processing_key(self.owner)
        self._next_recovery: datetime | None = None

    def recover(self, *, scan: bool = False) -> int:
        """Re-queue what dead watchers left in flight: with a keyspace scan at start, from
        the registry of watchers every few seconds after."""
        recovery.renew_lease(self._redis, self.owner)
        self._next_recovery = self._now() + timedelta(seconds=c.INBOX_RECOVER_INTERVAL_S)
        return recovery.recover_orphans(self._redis, me=self.owner, scan=scan)

    def close(self) -> None:
        recovery.release(self._redis, self.owner)

    def drain(self, limit: int) -> InboxReport:
        """Handle up to `limit` items; stops early when the queue is unavailable."""
        if self._next_recovery is None or self._now() >= self._next_recovery:
            self.recover()
        else:
            recovery.renew_lease(self._redis, self.owner)
        queued = duplicates = dead = 0
        for _ in range(limit):
            raw = self._redis.lmove(c.INBOX_LIST, self._processing, "LEFT", "RIGHT")
            if raw is None:
                break
            outcome = self._handle(raw)
            if outcome == "retry":
                self._put_back(raw)
                return InboxReport(queued, duplicates, dead, waiting=True)
            self._redis.lrem(self._processing, 1, _as_value(raw))
            self._metrics.inc("inbox_total", result=outcome)
            queued += outcome == "queued"
            duplicates += outcome == "duplicate"
            dead += outcome == "dead_lettered"
        return InboxReport(queued, duplicates, dead)

    def _handle(self, raw: bytes | str) -> str:
        now = self._now()
        try:
            article = normalise(parse_item(raw), arrived_via=ArrivalKind.INBOX, received_at=now)
            result = self._sink.submit_article(article)
        except RetryLater as exc:
            log.warning("inbox_queue_unavailable", error=str(exc))
            return "retry"
        except InvalidInput as exc:
            self._dead_letter(raw, str(exc), type(exc).__name__, now)
            return "dead_lettered"
        except Exception as exc:  # one poisonous item must not stop the inbox for everyone
            self._dead_letter(raw, f"unexpected error: {exc}", type(exc).__name__, now)
            log.exception("inbox_item_crashed")
            return "dead_lettered"
        log.info("inbox_item", article_id=result.article_id, queued=result.queued)
        counter = "articles_queued_total" if result.queued else "articles_duplicate_total"
        self._metrics.inc(counter, arrival="inbox")
        return "queued" if result.queued else "duplicate"

    def _dead_letter(self, raw: bytes | str, reason: str, error_type: str, now: datetime) -> None:
        payload = _text(raw)[: c.WATCHER_DEADLETTER_PAYLOAD_CHARS]
        entry = DeadLetter(
            stage="inbox", reason=reason, error_type=error_type, payload=payload, at=now
        )
        dead_letter(self._redis, entry)
        log.warning("inbox_item_dead_lettered", reason=reason)

    def _put_back(self, raw: bytes | str) -> None:
        """Return the item to the head of the inbox, so it is the first one tried again."""
        pipe = self._redis.pipeline(transaction=True)
        pipe.lrem(self._processing, 1, _as_value(raw))
        pipe.lpush(c.INBOX_LIST, raw)
        pipe.execute()
