"""Polling one feed: conditional fetch, parse, new entries, then the feed's state and schedule."""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from redis import RedisError

from services.watcher.decode import ResponseTooLarge
from services.watcher.entries import EntryProcessor, EntryTally
from services.watcher.feeds import NotAFeed, UnsafeFeed, parse_feed
from services.watcher.feedstate import FeedState, FeedStatus, PollOutcome, apply_outcome
from services.watcher.fetch import Fetcher, FetchResult
from services.watcher.metrics import Metrics
from services.watcher.registry import FeedRegistry
from services.watcher.schedule import SchedulePolicy, earliest_allowed_s
from shared.errors import InvalidInput, RetryLater, UnsafeURL
from shared.logging import get_logger

log = get_logger(__name__)


@dataclass
class Poller:
    registry: FeedRegistry
    fetcher: Fetcher
    entries: EntryProcessor
    metrics: Metrics
    policy: SchedulePolicy
    max_failures: int
    now: Callable[[], datetime]
    rng: random.Random

    def poll(self, state: FeedState) -> PollOutcome | None:
        """Poll a claimed feed and store what came of it; None if it is not active."""
        if state.status is not FeedStatus.ACTIVE:
            return None
        now = self.now()
        started = time.monotonic()
        outcome, size = self._outcome(state, now)
        updated = apply_outcome(
            state,
            outcome,
            now=now,
            policy=self.policy,
            max_failures=self.max_failures,
            rng=self.rng,
        )
        self.registry.save(updated)
        self._report(state, updated, outcome, time.monotonic() - started, size)
        return outcome

    def _outcome(self, state: FeedState, now: datetime) -> tuple[PollOutcome, int]:
        try:
            result = self.fetcher.fetch(
                state.url, etag=state.etag, last_modified=state.last_modified
            )
        except (InvalidInput, RetryLater) as exc:
            self.metrics.inc("fetches_total", result=_failure_kind(exc))
            return PollOutcome(status=None, error=f"{type(exc).__name__}: {exc}"), 0
        size = len(result.body)
        self.metrics.inc("fetch_bytes_total", size)
        try:
            return self._from_response(state, result, now), size
        except RedisError:
            raise  # not the feed's fault; it is polled again when its lease runs out
        except Exception as exc:  # a bug or a library choking on this feed: count it, back off
            log.exception("feed_poll_crashed", feed=state.id, url=state.url)
            self.metrics.inc("fetches_total", result="crashed")
            error = f"unexpected {type(exc).__name__}: {exc}"
            return PollOutcome(status=result.status, error=error, complete=False), size

    def _from_response(self, state: FeedState, result: FetchResult, now: datetime) -> PollOutcome:
        status, headers = result.status, result.headers
        floor = earliest_allowed_s(headers, now, status=status, ttl_s=None)
        target = result.permanent_target
        if status == 304:
            # Not modified: no parse, no enqueue; only the schedule moves.
            self.metrics.inc("fetches_total", result="not_modified")
            return PollOutcome(status=304, floor_s=floor, permanent_target=target)
        if status != 200:
            self.metrics.inc("fetches_total", result=_status_kind(status))
            return PollOutcome(status=status, error=f"HTTP {status}", floor_s=floor)
        body_hash = hashlib.sha256(result.body).hexdigest()[:32]
        if body_hash == state.body_hash:
            # A server without validators sent what was fully handled last time: no parse.
            self.metrics.inc("fetches_total", result="unchanged")
            return _success(result, None, None, EntryTally(), floor, body_hash)
        return self._parse(state, result, now, floor, body_hash)

    def _parse(
        self, state: FeedState, result: FetchResult, now: datetime, floor: float, body_hash: str
    ) -> PollOutcome:
        content_type = result.headers.get("Content-Type")
        try:
            parsed = parse_feed(result.body, url=result.url, content_type=content_type)
        except (UnsafeFeed, NotAFeed) as exc:
            kind = "unsafe" if isinstance(exc, UnsafeFeed) else "not_a_feed"
            self.metrics.inc("fetches_total", result=kind)
            return PollOutcome(status=200, error=f"{type(exc).__name__}: {exc}", floor_s=floor)
        self.metrics.inc("fetches_total", result="ok")
        if parsed.warning:
            self.metrics.inc("feed_warnings_total")
            log.warning("feed_malformed", feed=state.id, url=state.url, warning=parsed.warning)
        tally = self.entries.process(state, parsed, now)
        floor = max(floor, floor_ttl(result, now, parsed.ttl_s))
        return _success(result, parsed.title, parsed.warning, tally, floor, body_hash)

    def _report(
        self, before: FeedState, after: FeedState, out: PollOutcome, elapsed_s: float, size: int
    ) -> None:
        self.metrics.inc("fetch_seconds_total", elapsed_s)
        self.metrics.inc("entries_new_total", out.new_entries)
        fields = {
            "feed": after.id,
            "url": before.url,
            "status": out.status,
            "elapsed_ms": round(elapsed_s * 1000, 1),
            "bytes": size,
            "new": out.new_entries,
            "queued": out.queued,
            "fallbacks": out.fallbacks,
            "errors": after.error_count,
            "next_check": after.next_check_at.isoformat() if after.next_check_at else None,
        }
        if out.error is None:
            log.info("feed_fetched", **fields)
        else:
            log.warning("feed_fetch_failed", error=out.error, **fields)
        if after.status is not before.status:
            self.metrics.inc("feed_events_total", event=after.status.value)
            log.warning(f"feed_{after.status.value}", feed=after.id, url=after.url, error=out.error)
        if after.url != before.url:
            self.metrics.inc("feed_events_total", event="moved")
            log.info("feed_moved", feed=after.id, old_url=before.url, new_url=after.url)


def floor_ttl(result: FetchResult, now: datetime, ttl_s: float | None) -> float:
    return earliest_allowed_s(result.headers, now, status=result.status, ttl_s=ttl_s)


def _success(
    result: FetchResult,
    title: str | None,
    warning: str | None,
    tally: EntryTally,
    floor_s: float,
    body_hash: str,
) -> PollOutcome:
    return PollOutcome(
        status=200,
        floor_s=floor_s,
        etag=result.headers.get("ETag"),
        last_modified=result.headers.get("Last-Modified"),
        body_hash=body_hash,
        permanent_target=result.permanent_target,
        title=title,
        warning=warning,
        new_entry_times=tally.times,
        new_entries=tally.new,
        queued=tally.queued,
        fallbacks=tally.fallbacks,
        complete=tally.complete,
    )


def _status_kind(status: int) -> str:
    if status == 410:
        return "gone"
    if status in (429, 503):
        return "rate_limited"
    return "http_error"


def _failure_kind(exc: Exception) -> str:
    if isinstance(exc, UnsafeURL):
        return "unsafe_url"
    if isinstance(exc, ResponseTooLarge):
        return "too_large"
    return "network" if isinstance(exc, RetryLater) else "invalid"
