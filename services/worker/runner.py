"""Starting a Celery worker process for tradewire from settings, with no import-time config."""

from __future__ import annotations

import socket
from datetime import UTC, datetime

import redis
from celery import Celery

from services.worker.tasks import WorkerRuntime, register_tasks
from shared import constants as c
from shared.celery_app import make_celery
from shared.logging import get_logger
from shared.models import ArrivalKind, Article
from shared.settings import Settings

log = get_logger(__name__)


def build_worker_app(settings: Settings) -> Celery:
    """The Celery app with the task bound to a runtime built from these settings."""
    app = make_celery(settings)
    runtime = WorkerRuntime(
        redis=redis.Redis.from_url(settings.effective_redis_url, socket_timeout=10),
        settings=settings.worker,
    )
    register_tasks(app, runtime)
    return app


def warm_up() -> None:
    """Load the extractor's data before the pool forks, so children share it and start fast."""
    from services.worker.extract import analyse

    sample = Article.build(
        title="Warm-up",
        text="China and Brazil signed a trade agreement worth $1 billion.",
        arrived_via=ArrivalKind.FILE,
        received_at=datetime.now(UTC),
    )
    analyse(sample)


def worker_argv(
    settings: Settings, *, concurrency: int | None, pool: str, name: str | None
) -> list[str]:
    node = name or f"tradewire@{socket.gethostname()}"
    return [
        "worker",
        f"--concurrency={concurrency or settings.worker.concurrency}",
        f"--pool={pool}",
        f"--queues={c.ARTICLES_QUEUE}",
        f"--loglevel={settings.log_level}",
        f"--hostname={node}",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]


def run_worker(
    settings: Settings,
    *,
    concurrency: int | None = None,
    pool: str = "prefork",
    name: str | None = None,
) -> int:
    warm_up()
    app = build_worker_app(settings)
    log.info("worker_starting", redis=_redacted(settings.effective_redis_url), pool=pool)
    app.worker_main(worker_argv(settings, concurrency=concurrency, pool=pool, name=name))
    return 0


def _redacted(url: str) -> str:
    """Hide a password in a Redis URL before it reaches the logs."""
    if "@" not in url:
        return url
    scheme, _, rest = url.partition("://")
    return f"{scheme}://***@{rest.split('@', 1)[1]}"
