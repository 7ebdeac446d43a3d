"""The Celery application, configured for at-least-once processing on a Redis broker."""

from __future__ import annotations

from typing import Any

from celery import Celery

from shared import constants as c
from shared.settings import Settings


def celery_config(settings: Settings) -> dict[str, Any]:
    """Every knob that makes delivery at-least-once and safe; tested one by one."""
    worker = settings.worker
    # Celery reads the visibility timeout from both option sets; a mismatch redelivers live tasks.
    transport = {
        "visibility_timeout": int(worker.visibility_timeout_s),
        "global_keyprefix": c.CELERY_KEY_PREFIX,
        # Sweep for abandoned (unacked) tasks on this period alone, not period x 10.
        "unacked_restore_interval": max(1, int(worker.restore_interval_s)),
        "unacked_restore_throttle": 1,
        "socket_timeout": 10,
        "socket_connect_timeout": 5,
        "health_check_interval": 25,
    }
    return {
        "broker_url": settings.effective_redis_url,
        "broker_transport_options": transport,
        "result_backend": None,
        "result_backend_transport_options": dict(transport),
        "task_ignore_result": True,
        # JSON only: a pickled message is refused by the worker before anything runs.
        "accept_content": ["json"],
        "task_serializer": "json",
        "result_serializer": "json",
        "event_serializer": "json",
        "result_accept_content": ["json"],
        # Ack after the task ran; a worker that dies mid-task leaves the message to redeliver.
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "worker_cancel_long_running_tasks_on_connection_loss": True,
        "task_soft_time_limit": worker.soft_time_limit_s,
        "task_time_limit": worker.time_limit_s,
        "task_default_queue": c.ARTICLES_QUEUE,
        "task_routes": {c.PROCESS_ARTICLE_TASK: {"queue": c.ARTICLES_QUEUE}},
        "task_create_missing_queues": True,
        "broker_connection_retry_on_startup": True,
        "worker_hijack_root_logger": False,
        "worker_send_task_events": False,
        "worker_max_tasks_per_child": 10_000,
        # Undecodable messages (a pickle, say) go to the dead-letter list, not only to the log.
        "worker_consumer": "shared.celery_consumer:DeadLetteringConsumer",
        "enable_utc": True,
    }


def make_celery(settings: Settings) -> Celery:
    """A Celery app bound to the settings; producers and workers must share this configuration."""
    app = Celery("tradewire", set_as_current=False)
    app.conf.update(celery_config(settings))
    return app
