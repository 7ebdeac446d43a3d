"""A Celery worker with the same configuration as tradewire's and a no-op task: the baseline."""

from __future__ import annotations

import sys

import redis

from shared.celery_app import make_celery
from shared.settings import load_settings

NOOP_TASK = "bench.noop"
DONE_KEY = "bench:noop:done"


def main() -> None:
    settings = load_settings()
    app = make_celery(settings)
    counter = redis.Redis.from_url(settings.effective_redis_url)

    @app.task(name=NOOP_TASK)
    def noop(payload: dict[str, object]) -> None:
        counter.incr(DONE_KEY)  # the only work: tell the benchmark it ran

    concurrency = sys.argv[1] if len(sys.argv) > 1 else "2"
    app.worker_main(
        [
            "worker",
            f"--concurrency={concurrency}",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--queues=bench.noop",
        ]
    )


if __name__ == "__main__":
    main()
