"""End-to-end pipeline throughput against Celery's own no-op throughput, same machine, same run.

    python -m bench.bench_pipeline [--articles 400] [--concurrency 2]

Both runs use an embedded Redis, a real worker process with the same Celery configuration and
the same pool size; the pipeline run also includes validation, dedup, extraction, the outbox and
the publisher writing CloudEvents to the stream.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import redis

from bench.noop_worker import DONE_KEY, NOOP_TASK
from shared import constants as c
from shared.celery_app import make_celery
from shared.client import TradewireClient
from shared.embedded_redis import EmbeddedRedis
from shared.logging import configure_logging
from shared.outbox import publisher_caught_up
from shared.settings import Settings
from shared.textformat import parse_plain_article

REPO = Path(__file__).resolve().parents[1]


def corpus(n: int) -> list[dict[str, str]]:
    """n distinct articles made from the sample articles (each with its own identity)."""
    samples = sorted((REPO / "services" / "demo_data").glob("*.txt"))
    gold = sorted((REPO / "tests" / "gold" / "articles").glob("*.txt"))
    texts = [parse_plain_article(p.read_text()) for p in samples + gold]
    return [
        {"title": t.title, "text": f"{t.text}\n\nRef {i}.", "url": f"https://bench.example/{i}"}
        for i, t in ((i, texts[i % len(texts)]) for i in range(n))
    ]


def spawn(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=REPO,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait(predicate: Callable[[], bool], timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("benchmark did not finish in time")
        time.sleep(0.01)


def warm(worker_ready: Callable[[], bool]) -> None:
    wait(worker_ready, 60)


def run_noop(url: str, n: int, concurrency: int) -> float:
    r = redis.Redis.from_url(url)
    proc = spawn(["-m", "bench.noop_worker", str(concurrency)], {"TRADEWIRE_REDIS_URL": url})
    app = make_celery(Settings(redis_url=url))
    try:
        app.send_task(NOOP_TASK, args=[{}], queue="bench.noop")
        warm(lambda: int(r.get(DONE_KEY) or 0) >= 1)
        r.delete(DONE_KEY)
        start = time.perf_counter()
        for i in range(n):
            app.send_task(NOOP_TASK, args=[{"i": i}], queue="bench.noop")
        wait(lambda: int(r.get(DONE_KEY) or 0) >= n, 300)
        return n / (time.perf_counter() - start)
    finally:
        proc.terminate()
        proc.wait()


def published_count(r: redis.Redis) -> int:
    """Outbox entries the publisher has read and acked (Redis 6.2 commands only)."""
    if not r.exists(c.OUTBOX_STREAM) or not publisher_caught_up(r):
        return 0
    return int(r.xlen(c.OUTBOX_STREAM))


def run_pipeline(url: str, n: int, concurrency: int) -> float:
    from services.publisher.service import run_publisher

    settings = Settings(redis_url=url)
    r = redis.Redis.from_url(url)
    proc = spawn(
        ["-m", "services.cli", "worker", "--concurrency", str(concurrency)],
        {"TRADEWIRE_REDIS_URL": url, "TRADEWIRE_LOG_LEVEL": "WARNING"},
    )
    stop = threading.Event()
    publisher = threading.Thread(
        target=run_publisher, args=(settings, r), kwargs={"stop": stop}, daemon=True
    )
    publisher.start()
    client = TradewireClient(r, make_celery(settings))
    articles = corpus(n + 1)
    try:
        client.submit(articles[0])
        warm(lambda: published_count(r) >= 1)
        start = time.perf_counter()
        for article in articles[1:]:
            client.submit(article)
        wait(lambda: published_count(r) >= n + 1, 600)
        return n / (time.perf_counter() - start)
    finally:
        stop.set()
        publisher.join(timeout=10)
        proc.terminate()
        proc.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args()
    configure_logging("WARNING", json=False)  # the figures, not a log line per article
    with EmbeddedRedis() as server:
        noop = run_noop(server.url, args.articles, args.concurrency)
        redis.Redis.from_url(server.url).flushall()
        pipeline = run_pipeline(server.url, args.articles, args.concurrency)
    print(f"celery no-op tasks/s          : {noop:10.1f}")
    print(f"pipeline articles/s end to end: {pipeline:10.1f}")
    print(f"pipeline / no-op ratio        : {pipeline / noop:10.3f}")


if __name__ == "__main__":
    main()
