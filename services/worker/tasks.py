"""The Celery task: a thin adapter that validates, calls the extractor, hands on, retries."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import redis
import structlog
from celery import Celery, Task
from celery.exceptions import SoftTimeLimitExceeded
from pydantic import ValidationError

from services.worker.extract import analyse
from shared import constants as c
from shared.deadletter import DeadLetter, dead_letter
from shared.errors import RetryLater
from shared.logging import get_logger
from shared.models import Article
from shared.outbox import OutboxEntry
from shared.redisutil import utcnow
from shared.settings import WorkerSettings

log = get_logger(__name__)


@dataclass(frozen=True)
class WorkerRuntime:
    """What a task needs, built once per worker process and passed in (tests build their own)."""

    redis: redis.Redis
    settings: WorkerSettings
    now: Callable[[], datetime] = utcnow


class ArticleProcessor:
    """The steps of one delivery of one article, apart from Celery's task machinery."""

    def __init__(self, runtime: WorkerRuntime) -> None:
        self.rt = runtime

    def count_delivery(self, task_id: str, retries: int) -> int:
        """How often this attempt was delivered; a count past the limit means it kills workers."""
        key = f"{c.DELIVERIES_PREFIX}{task_id}:{retries}"
        pipe = self.rt.redis.pipeline(transaction=True)
        pipe.incr(key)
        pipe.expire(key, c.DELIVERIES_TTL_S)
        count, _ = pipe.execute()
        return int(count)

    def forget_delivery(self, task_id: str, retries: int) -> None:
        self.rt.redis.delete(f"{c.DELIVERIES_PREFIX}{task_id}:{retries}")

    def reject(
        self,
        payload: Any,
        *,
        reason: str,
        error: BaseException | None = None,
        task_id: str | None = None,
        attempts: int | None = None,
    ) -> None:
        article_id = payload.get("id") if isinstance(payload, dict) else None
        entry = DeadLetter(
            stage="worker",
            reason=reason,
            error_type=type(error).__name__ if error else None,
            article_id=article_id if isinstance(article_id, str) else None,
            task_id=task_id,
            attempts=attempts,
            payload=payload,
            at=self.rt.now(),
        )
        dead_letter(self.rt.redis, entry)
        log.warning("article_dead_lettered", reason=reason, article_id=entry.article_id)

    def process(self, article: Article) -> OutboxEntry:
        """Analyse and hand the result to the publisher through the outbox stream."""
        if self.rt.settings.fault_delay_s:
            time.sleep(self.rt.settings.fault_delay_s)
        analysis = analyse(article)
        entry = OutboxEntry(
            article=article, classification=analysis.classification, events=analysis.events
        )
        try:
            self.rt.redis.xadd(c.OUTBOX_STREAM, entry.to_fields())  # type: ignore[arg-type]
        except redis.RedisError as exc:
            raise RetryLater(f"cannot write the outbox: {exc}") from exc
        return entry


def run_task(task: Task, processor: ArticleProcessor, payload: Any) -> dict[str, Any]:
    """Body of the Celery task; every outcome is either done, retried, or dead-lettered."""
    task_id, retries = str(task.request.id), int(task.request.retries)
    structlog.contextvars.bind_contextvars(task_id=task_id, retries=retries)
    try:
        return _run(task, processor, payload, task_id, retries)
    finally:
        structlog.contextvars.unbind_contextvars("task_id", "retries")


def _run(
    task: Task, processor: ArticleProcessor, payload: Any, task_id: str, retries: int
) -> dict[str, Any]:
    settings = processor.rt.settings
    deliveries = processor.count_delivery(task_id, retries)
    if deliveries > settings.max_deliveries:
        processor.reject(
            payload,
            reason=f"delivered {deliveries - 1} times without finishing; it keeps killing workers",
            task_id=task_id,
            attempts=deliveries - 1,
        )
        return {"status": "dead_lettered"}
    try:
        article = Article.model_validate(payload)
    except ValidationError as exc:
        processor.reject(payload, reason=f"invalid article: {exc}", error=exc, task_id=task_id)
        return {"status": "dead_lettered"}
    structlog.contextvars.bind_contextvars(article_id=article.id)
    try:
        entry = processor.process(article)
    except RetryLater as exc:
        return _retry_or_reject(task, processor, payload, exc, task_id, retries)
    except SoftTimeLimitExceeded as exc:
        processor.reject(
            payload, reason="extraction exceeded the soft time limit", error=exc, task_id=task_id
        )
        return {"status": "dead_lettered"}
    except Exception as exc:
        # A bug: deterministic, so a retry would fail again; keep the article for a replay.
        log.exception("article_failed", article_id=article.id)
        processor.reject(payload, reason=f"extraction failed: {exc!r}", error=exc, task_id=task_id)
        return {"status": "dead_lettered"}
    finally:
        structlog.contextvars.unbind_contextvars("article_id")
    processor.forget_delivery(task_id, retries)
    log.info(
        "article_processed",
        article_id=article.id,
        events=len(entry.events),
        trade=entry.classification.is_trade_cooperation,
    )
    return {"status": "processed", "events": len(entry.events)}


def _retry_or_reject(
    task: Task,
    processor: ArticleProcessor,
    payload: Any,
    exc: RetryLater,
    task_id: str,
    retries: int,
) -> dict[str, Any]:
    settings = processor.rt.settings
    if retries >= settings.max_retries:
        processor.reject(
            payload,
            reason=f"gave up after {retries} retries: {exc}",
            error=exc,
            task_id=task_id,
            attempts=retries + 1,
        )
        return {"status": "dead_lettered"}
    countdown = exc.retry_after_s or min(2.0**retries, settings.retry_backoff_max_s)
    log.warning("article_retry", error=str(exc), countdown_s=countdown)
    processor.forget_delivery(task_id, retries)
    raise task.retry(exc=exc, countdown=countdown, max_retries=settings.max_retries)


def register_tasks(app: Celery, runtime: WorkerRuntime) -> None:
    """Bind the task to this app and runtime; the task name is the producers' contract."""
    processor = ArticleProcessor(runtime)

    class ArticleTask(Task):  # type: ignore[misc]
        def on_failure(
            self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any
        ) -> None:
            # Reached for hard time limits (run_task handles everything else): keep the article.
            payload = args[0] if args else kwargs.get("payload")
            processor.reject(payload, reason=f"task failed: {exc!r}", error=exc, task_id=task_id)

    @app.task(
        name=c.PROCESS_ARTICLE_TASK,
        bind=True,
        base=ArticleTask,
        acks_late=True,
        reject_on_worker_lost=True,
        max_retries=runtime.settings.max_retries,
    )
    def process_article(self: Task, payload: Any) -> dict[str, Any]:
        return run_task(self, processor, payload)
