"""The watcher loop: due feeds polled on a thread pool, the inbox drained, the drop folder swept."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from redis import Redis, RedisError

from services.watcher.dedup import SeenStore
from services.watcher.dropdir import DropFolder
from services.watcher.entries import EntryProcessor, UrlClaims
from services.watcher.feedstate import FeedState, PollOutcome
from services.watcher.fetch import Fetcher
from services.watcher.inbox import Inbox
from services.watcher.metrics import Metrics, render_prometheus, serve_metrics
from services.watcher.poll import Poller
from services.watcher.registry import FeedRegistry
from services.watcher.schedule import SchedulePolicy
from services.watcher.sink import ArticleSink
from shared import constants as c
from shared.logging import get_logger
from shared.redisutil import utcnow
from shared.settings import Settings

log = get_logger(__name__)


@dataclass
class WatcherReport:
    """What one run (or one `once` cycle) did."""

    polled: int = 0
    failed: int = 0
    articles_queued: int = 0
    inbox_items: int = 0
    files: int = 0

    def add_poll(self, outcome: PollOutcome | None) -> None:
        if outcome is None:
            return
        self.polled += 1
        self.failed += outcome.error is not None
        self.articles_queued += outcome.queued


def configured_feeds(settings: Settings) -> list[str]:
    """Feed URLs from the settings list and the feeds file (one per line, # comments)."""
    urls = list(settings.watcher.feeds)
    path = settings.watcher.feeds_file
    if path is not None and path.is_file():
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            text = line.strip()
            if text and not text.startswith("#"):
                urls.append(text)
    good = [u for u in urls if u.startswith(("http://", "https://")) and len(u) <= c.MAX_URL_CHARS]
    for bad in set(urls) - set(good):
        log.warning("feed_url_ignored", url=bad[:200], reason="not an http(s) URL")
    return good


def _file_stamp(path: Path | None) -> float | None:
    try:
        return path.stat().st_mtime if path is not None else None
    except OSError:
        return None


class Watcher:
    def __init__(
        self,
        settings: Settings,
        client: Redis,
        sink: ArticleSink,
        *,
        fetcher: Fetcher,
        now: Callable[[], datetime],
        rng: random.Random,
    ) -> None:
        w = settings.watcher
        self.settings, self.now = settings, now
        self.registry = FeedRegistry(client)
        self.metrics = Metrics(client)
        entries = EntryProcessor(
            client,
            SeenStore(client),
            sink,
            fetcher if w.fetch_full_text else None,
            self.metrics,
            UrlClaims(),
        )
        policy = SchedulePolicy(w.min_interval_s, w.max_interval_s)
        self.poller = Poller(
            self.registry, fetcher, entries, self.metrics, policy, w.max_failures, now, rng
        )
        self.inbox = Inbox(client, sink, self.metrics, now)
        self.drop = (
            DropFolder(w.drop_dir, client, sink, self.metrics, now=now, settle_s=w.drop_settle_s)
            if w.drop_dir is not None
            else None
        )
        self._client = client
        self._workers = settings.fetch.total_concurrency
        self._pool = ThreadPoolExecutor(self._workers, thread_name_prefix="tradewire-poll")
        self._inflight: dict[str, Future[PollOutcome | None]] = {}
        self._config_stamp: object = None
        self.report = WatcherReport()

    @property
    def inflight(self) -> int:
        return len(self._inflight)

    def start(self) -> None:
        self.inbox.recover(scan=True)
        self.sync_config()

    def sync_config(self) -> None:
        """Register configured feeds; only when the settings or the feeds file changed."""
        stamp = (tuple(self.settings.watcher.feeds), _file_stamp(self.settings.watcher.feeds_file))
        if stamp == self._config_stamp:
            return
        added, removed = self.registry.sync_configured(configured_feeds(self.settings), self.now())
        self._config_stamp = stamp
        log.info("feeds_configured", added=added, removed=removed)

    def _poll(self, state: FeedState) -> PollOutcome | None:
        try:
            return self.poller.poll(state)
        except Exception:  # one feed's bug must not stop the others; it is retried after its lease
            log.exception("feed_poll_crashed", feed=state.id)
            return None

    def _reap(self) -> None:
        for fid, future in list(self._inflight.items()):
            if future.done():
                del self._inflight[fid]
                if not future.cancelled():
                    self.report.add_poll(future.result())

    def dispatch(self, limit: int) -> int:
        """Claim due feeds (up to `limit`) and start polling them."""
        claimed = self.registry.claim_due(self.now(), limit, c.WATCHER_CLAIM_LEASE_S)
        for state in claimed:
            if state.id not in self._inflight:
                self._inflight[state.id] = self._pool.submit(self._poll, state)
        return len(claimed)

    def side_inputs(self, inbox_limit: int) -> None:
        self.report.inbox_items += self.inbox.drain(inbox_limit).queued
        if self.drop is not None:
            self.report.files += self.drop.scan().done

    def tick(self) -> None:
        self.sync_config()
        self._reap()
        self.dispatch(self._workers * 2 - len(self._inflight))
        self.side_inputs(self.settings.watcher.inbox_batch)
        self.metrics.flush()

    def run_once(self) -> WatcherReport:
        """Every due feed polled to the end, the inbox drained, the folder swept; then return."""
        while self.dispatch(10_000):
            pass
        wait(list(self._inflight.values()))
        self._reap()
        self.side_inputs(max(1, int(self._client.llen(c.INBOX_LIST))))
        self.metrics.flush()
        return self.report

    def shutdown(self) -> None:
        """Finish running polls; hand back feeds claimed but not started, due now, and the
        inbox items this watcher holds (none, unless a drain was cut short)."""
        cancelled = [fid for fid, fut in self._inflight.items() if fut.cancel()]
        self._pool.shutdown(wait=True)
        self._reap()
        try:
            self.registry.release(cancelled, self.now())
            self.inbox.close()
            self.metrics.flush()
        except RedisError as exc:
            log.warning("watcher_shutdown_incomplete", error=str(exc))


def run_watcher(
    settings: Settings,
    redis: Redis,
    sink: ArticleSink,
    *,
    stop: threading.Event,
    once: bool = False,
    now: Callable[[], datetime] = utcnow,
    http: Fetcher | None = None,
    rng: random.Random | None = None,
) -> WatcherReport:
    """Run the watcher until `stop` is set, or (once=True) one full cycle. `http` defaults to a
    fetcher built from the settings; the caller closes one it passes."""
    with ExitStack() as stack:
        fetcher = http or stack.enter_context(Fetcher.from_settings(settings))
        watcher = Watcher(
            settings, redis, sink, fetcher=fetcher, now=now, rng=rng or random.Random()
        )
        stack.callback(watcher.shutdown)
        watcher.start()
        if once:
            return watcher.run_once()
        _serve_metrics(settings, redis, now, stack)
        log.info("watcher_started", tick_s=settings.watcher.tick_s)
        while not stop.is_set():
            try:
                watcher.tick()
            except RedisError as exc:  # Redis restarting: keep going, nothing is lost
                log.error("watcher_tick_failed", error=str(exc))
            stop.wait(settings.watcher.tick_s)
        log.info("watcher_stopping", inflight=watcher.inflight)
        return watcher.report
    raise AssertionError("unreachable")  # ExitStack may swallow exceptions, as far as mypy knows


def _serve_metrics(
    settings: Settings, client: Redis, now: Callable[[], datetime], stack: ExitStack
) -> None:
    port = settings.watcher.metrics_port
    if port is None:
        return
    server = serve_metrics(
        settings.watcher.metrics_bind, port, lambda: render_prometheus(client, now())
    )
    stack.callback(server.server_close)
    stack.callback(server.shutdown)
    log.info("metrics_serving", bind=settings.watcher.metrics_bind, port=port)
