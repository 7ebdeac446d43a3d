"""`tradewire demo`: the whole pipeline on one machine, from a sample feed to published events."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import TextIO, cast

import redis

from services.demo_feed import SampleFeedServer, load_sample_pages
from shared import constants as c
from shared.client import SubmitResult, TradewireClient
from shared.embedded_redis import EmbeddedRedis
from shared.logging import get_logger
from shared.models import Article, CloudEvent
from shared.models.article import article_id_for
from shared.outbox import publisher_caught_up
from shared.settings import Settings

log = get_logger(__name__)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = sub.add_parser("demo", help="run the whole pipeline on the sample feed and exit")
    demo.add_argument(
        "--timeout", type=float, default=120.0, help="give up after this many seconds"
    )
    demo.set_defaults(handler=lambda args, settings: run_demo(settings, timeout_s=args.timeout))


class RecordingSink:
    """The producer client, remembering which articles this run queued."""

    def __init__(self, client: TradewireClient) -> None:
        self.client = client
        self.results: list[SubmitResult] = []

    def submit_article(self, article: Article) -> SubmitResult:
        result = self.client.submit_article(article)
        self.results.append(result)
        return result


def demo_settings(settings: Settings, redis_url: str, feed_url: str) -> Settings:
    """The demo's own feed is on loopback, so it (and only the demo) allows private addresses."""
    return settings.model_copy(
        update={
            "redis_url": redis_url,
            "fetch": settings.fetch.model_copy(update={"allow_private_networks": True}),
            "watcher": settings.watcher.model_copy(
                update={"feeds": [feed_url], "feeds_file": None}
            ),
        }
    )


@contextmanager
def worker_process(settings: Settings) -> Iterator[subprocess.Popen[bytes]]:
    """A real Celery worker in its own process, as in production; stopped warm, then killed."""
    env = {**os.environ, "TRADEWIRE_REDIS_URL": settings.effective_redis_url}
    cmd = [sys.executable, "-m", "services.cli", "worker", "--concurrency", "1"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        yield proc
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def outbox_done(client: redis.Redis, article_ids: set[str]) -> bool:
    """True once every article has an outbox entry and the publisher has taken and acked all."""
    entries = cast(list[tuple[bytes, dict[bytes, bytes]]], client.xrange(c.OUTBOX_STREAM))
    seen = {fields[b"article_id"].decode(): entry_id for entry_id, fields in entries}
    if not article_ids <= seen.keys():
        return False
    return publisher_caught_up(client, after=max(seen[a] for a in article_ids))


def print_event(out: TextIO, event: CloudEvent) -> None:
    out.write(event.model_dump_json() + "\n")
    out.flush()
    data = event.data
    amounts = "; ".join(a.text for a in data.amounts) or "-"
    log.info(
        "event_published",
        id=event.id,
        type=data.event_type.value,
        subject=event.subject,
        amounts=amounts,
    )


def sample_article_ids(settings: Settings) -> set[str]:
    """The ids of the sample articles, computed the way the client computes them (from URLs)."""
    base = settings.watcher.feeds[0].removesuffix("/feed.xml")
    return {
        article_id_for(f"{base}/articles/{p.slug}.html", None, "", "") for p in load_sample_pages()
    }


def existing_events(client: redis.Redis, article_ids: set[str]) -> list[CloudEvent]:
    """Events already on the stream for these articles (a re-run against the same Redis)."""
    found = []
    entries = cast(list[tuple[bytes, dict[bytes, bytes]]], client.xrange(c.EVENTS_STREAM))
    for _, fields in entries:
        raw = fields.get(b"cloudevent")
        if raw is None:
            continue
        event = CloudEvent.model_validate_json(raw)
        if event.data.article.id in article_ids:
            found.append(event)
    return found


def run_demo(settings: Settings, *, timeout_s: float = 120.0, out: TextIO = sys.stdout) -> int:
    with ExitStack() as stack:
        redis_url = settings.redis_url
        if redis_url is None:
            redis_url = stack.enter_context(EmbeddedRedis()).url
            log.info("embedded_redis_started", url=redis_url)
        feed = stack.enter_context(SampleFeedServer())
        settings = demo_settings(settings, redis_url, feed.feed_url)
        return _run_pipeline(settings, stack, timeout_s, out)
    return 1  # unreachable; keeps mypy aware that ExitStack may swallow exceptions


def _run_pipeline(settings: Settings, stack: ExitStack, timeout_s: float, out: TextIO) -> int:
    from services.publisher.service import run_publisher
    from services.watcher.service import run_watcher

    client = redis.Redis.from_url(settings.effective_redis_url)
    stop = threading.Event()
    stack.enter_context(worker_process(settings))
    sink = RecordingSink(TradewireClient.from_settings(settings))
    run_watcher(settings, client, sink, stop=stop, once=True)
    queued = {r.article_id for r in sink.results if r.queued}
    log.info("demo_articles", found=len(sink.results), queued=len(queued))
    if not queued:
        # A re-run on the same Redis: the watcher remembers the entries, so show what they gave.
        known = sample_article_ids(settings) | {r.article_id for r in sink.results}
        events = existing_events(client, known)
        log.info("demo_already_processed", articles=len(known), events=len(events))
        for event in events:
            print_event(out, event)
        return 0 if events else 1
    published: list[CloudEvent] = []
    lock = threading.Lock()

    def on_published(event: CloudEvent) -> None:
        with lock:
            published.append(event)
            print_event(out, event)

    thread = threading.Thread(
        target=run_publisher,
        args=(settings, client),
        kwargs={"stop": stop, "on_published": on_published},
        daemon=True,
    )
    thread.start()
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and not outbox_done(client, queued):
        time.sleep(0.2)
    stop.set()
    thread.join(timeout=10)
    if not outbox_done(client, queued):
        log.error("demo_timed_out", timeout_s=timeout_s)
        return 1
    log.info(
        "demo_finished",
        articles=len(queued),
        events=len(published),
        stream_length=client.xlen(c.EVENTS_STREAM),
    )
    return 0
