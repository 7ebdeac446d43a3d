"""New entries of a polled feed become queued articles, each exactly once."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime

import redis

from services.watcher.dedup import SeenStore, entry_keys
from services.watcher.feeds import FeedEntry, ParsedFeed
from services.watcher.feedstate import FeedState
from services.watcher.fetch import Fetcher
from services.watcher.fulltext import FeedContext, entry_article
from services.watcher.metrics import Metrics
from services.watcher.sink import ArticleSink
from shared import constants as c
from shared.deadletter import DeadLetter, dead_letter
from shared.errors import InvalidInput, RetryLater
from shared.logging import get_logger
from shared.models.article import canonical_url

log = get_logger(__name__)


class UrlClaims:
    """Article URLs being handled right now in this process: two feeds polled at the same time
    that carry the same article must not both fetch and queue it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held: set[str] = set()

    def claim(self, url: str) -> bool:
        with self._lock:
            if url in self._held:
                return False
            self._held.add(url)
            return True

    def release(self, url: str) -> None:
        with self._lock:
            self._held.discard(url)


@dataclass
class EntryTally:
    new: int = 0
    queued: int = 0
    duplicates: int = 0
    fallbacks: int = 0
    dead: int = 0
    complete: bool = True
    times: list[float] = field(default_factory=list)
    undated_count: bool = True  # False on a first poll: a backlog says nothing about the rate

    def handled(self, entry: FeedEntry, now: datetime) -> None:
        """Count a new entry; its date (else now, when it was discovered) feeds the rate."""
        self.new += 1
        when = entry.published or entry.updated
        if when is not None:
            self.times.append(when.timestamp())
        elif self.undated_count:
            self.times.append(now.timestamp())


@dataclass
class EntryProcessor:
    """Dedup, full text, queueing. An entry is marked seen only once it was queued or given up
    on, so a crash in between queues it again (the client's dedup absorbs that), never loses it."""

    client: redis.Redis
    seen: SeenStore
    sink: ArticleSink
    fetcher: Fetcher | None  # None: full-text fetching is off
    metrics: Metrics
    claims: UrlClaims

    def process(self, feed: FeedState, parsed: ParsedFeed, now: datetime) -> EntryTally:
        keys = entry_keys(parsed.entries)
        flags = self.seen.unseen(feed.id, keys, now)
        # Feeds list newest first; queue oldest first so that articles arrive in order.
        fresh = [(e, k) for e, k, new in zip(parsed.entries, keys, flags, strict=True) if new][::-1]
        tally = EntryTally(
            complete=len(fresh) <= c.WATCHER_MAX_NEW_PER_POLL,
            undated_count=feed.last_success_at is not None,
        )
        context = FeedContext(feed.url, parsed.title or feed.title, parsed.language)
        for entry, key in fresh[: c.WATCHER_MAX_NEW_PER_POLL]:
            if not self._one(feed, context, entry, key, now, tally):
                tally.complete = False
                break
        return tally

    def _one(
        self,
        feed: FeedState,
        context: FeedContext,
        entry: FeedEntry,
        key: str,
        now: datetime,
        tally: EntryTally,
    ) -> bool:
        """Handle one entry; False means stop here (the queue is unavailable)."""
        canonical = canonical_url(entry.link) if entry.link else None
        if canonical and self.seen.url_queued(canonical):
            self.seen.mark(feed.id, key, now, None)
            tally.handled(entry, now)
            tally.duplicates += 1
            self.metrics.inc("articles_duplicate_total", arrival="feed")
            return True
        if canonical and not self.claims.claim(canonical):
            tally.complete = False  # another feed is queueing it now; settled on the next poll
            return True
        try:
            return self._build_and_queue(feed, context, entry, key, now, tally)
        finally:
            if canonical:
                self.claims.release(canonical)

    def _build_and_queue(
        self,
        feed: FeedState,
        context: FeedContext,
        entry: FeedEntry,
        key: str,
        now: datetime,
        tally: EntryTally,
    ) -> bool:
        try:
            built = entry_article(entry, context, self.fetcher, now)
        except RetryLater as exc:
            if self.seen.count_attempt(feed.id, key) < c.WATCHER_ENTRY_MAX_ATTEMPTS:
                tally.complete = False
                return True
            self._give_up(feed, entry, key, now, f"gave up after retries: {exc}", tally)
            return True
        except InvalidInput as exc:
            self._give_up(feed, entry, key, now, str(exc), tally)
            return True
        if built.fallback_reason is not None:
            tally.fallbacks += 1
            self.metrics.inc("fulltext_total", outcome="fallback")
            log.warning(
                "fulltext_fallback", feed=feed.id, link=entry.link, reason=built.fallback_reason
            )
        elif built.source == "page":
            self.metrics.inc("fulltext_total", outcome="page")
        try:
            result = self.sink.submit_article(built.article)
        except RetryLater as exc:
            log.warning("queue_unavailable", feed=feed.id, error=str(exc))
            return False
        except InvalidInput as exc:
            self._give_up(feed, entry, key, now, f"refused by the queue: {exc}", tally)
            return True
        self.seen.mark(feed.id, key, now, entry.link)
        tally.handled(entry, now)
        if result.queued:
            tally.queued += 1
            self.metrics.inc("articles_queued_total", arrival="feed")
        else:
            tally.duplicates += 1
            self.metrics.inc("articles_duplicate_total", arrival="feed")
        return True

    def _give_up(
        self,
        feed: FeedState,
        entry: FeedEntry,
        key: str,
        now: datetime,
        reason: str,
        tally: EntryTally,
    ) -> None:
        """Neither page nor summary, or refused: keep it in the dead-letter list with the reason."""
        payload = {
            "feed_url": feed.url,
            "guid": entry.guid,
            "link": entry.link,
            "title": entry.title,
        }
        dead_letter(
            self.client, DeadLetter(stage="watcher", reason=reason, payload=payload, at=now)
        )
        self.seen.mark(feed.id, key, now, None)
        tally.handled(entry, now)
        tally.dead += 1
        self.metrics.inc("entries_deadlettered_total")
        log.warning("entry_dead_lettered", feed=feed.id, link=entry.link, reason=reason)
