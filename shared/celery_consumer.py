"""A Celery consumer that dead-letters the messages it refuses instead of only logging them."""

from __future__ import annotations

import base64
from typing import Any

import redis
import structlog
from celery.exceptions import NotRegistered
from celery.worker.consumer import Consumer

from shared import constants as c
from shared.deadletter import DeadLetter, dead_letter
from shared.redisutil import utcnow

log = structlog.get_logger(__name__)

# The header fields worth keeping to trace a refused message back to its producer.
_HEADER_KEYS = ("id", "task", "retries", "origin", "argsrepr")


def undecodable_letter(message: Any, exc: BaseException) -> DeadLetter:
    """A dead letter for a message no task can run (pickled, corrupt, unknown task)."""
    body = message.body if isinstance(message.body, bytes) else str(message.body).encode()
    headers = message.headers if isinstance(message.headers, dict) else {}
    kept = body[: c.DEAD_LETTER_BODY_MAX_BYTES]
    return DeadLetter(
        stage="worker",
        reason=f"message refused before any task ran: {type(exc).__name__}: {exc}",
        error_type=type(exc).__name__,
        task_id=str(headers["id"]) if "id" in headers else None,
        payload={
            "content_type": message.content_type,
            "content_encoding": message.content_encoding,
            "headers": {k: str(headers[k])[:256] for k in _HEADER_KEYS if k in headers},
            "body_bytes": len(body),
            "body_base64": base64.b64encode(kept).decode("ascii"),
            "body_truncated": len(kept) < len(body),
        },
        at=utcnow(),
    )


class DeadLetteringConsumer(Consumer):  # type: ignore[misc]  # celery ships no type hints
    """Celery drops a message no task can run (after a log line); we keep it, with the reason.

    A pickled message, a corrupt body or an unknown task name is refused before any task code
    runs, so only the consumer sees it. Each hook dead-letters, then lets Celery ack/reject."""

    _dead_letter_client: redis.Redis | None = None

    def on_decode_error(self, message: Any, exc: BaseException) -> None:
        if self._kept(message, exc):
            super().on_decode_error(message, exc)

    def on_invalid_task(self, body: Any, message: Any, exc: BaseException) -> None:
        if self._kept(message, exc):
            super().on_invalid_task(body, message, exc)

    def on_unknown_task(self, body: Any, message: Any, exc: BaseException) -> None:
        # Celery hands over the bare KeyError of its task table; name the failure instead.
        if self._kept(message, NotRegistered(str(exc).strip("'"))):
            super().on_unknown_task(body, message, exc)

    def on_unknown_message(self, body: Any, message: Any) -> None:
        if self._kept(message, ValueError("not a task message")):
            super().on_unknown_message(body, message)

    def _kept(self, message: Any, exc: BaseException) -> bool:
        try:
            dead_letter(self._client(), undecodable_letter(message, exc))
        except redis.RedisError as error:
            # Not acked: the broker redelivers it after the visibility timeout, nothing is lost.
            log.error("refused_message_not_dead_lettered", error=str(error))
            return False
        log.warning("refused_message_dead_lettered", error_type=type(exc).__name__)
        return True

    def _client(self) -> redis.Redis:
        if self._dead_letter_client is None:
            self._dead_letter_client = redis.Redis.from_url(
                str(self.app.conf.broker_url), socket_timeout=10, socket_connect_timeout=5
            )
        return self._dead_letter_client
