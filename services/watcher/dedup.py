"""Entry identity and the memory of what was seen: per feed, across feeds, across restarts."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from datetime import datetime

import redis

from services.watcher.feeds import FeedEntry
from shared import constants as c
from shared.models.article import canonical_url


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]


def _basis(entry: FeedEntry) -> str:
    """guid, else link, else title and content: what names an entry inside its feed."""
    if entry.guid:
        return "guid:" + entry.guid
    if entry.link:
        return "link:" + entry.link
    return "text:" + entry.title + "\x1f" + (entry.content_html or entry.summary_html)


def entry_keys(entries: Sequence[FeedEntry]) -> list[str]:
    """One stable key per entry. A guid repeated inside the feed (a publisher bug) is told apart
    by the entry's link and title, for every entry sharing it, so the key needs no position."""
    bases = [_basis(e) for e in entries]
    counts = Counter(bases)
    keys = []
    for entry, basis in zip(entries, bases, strict=True):
        if counts[basis] > 1:
            keys.append(_digest(basis, entry.link or "", entry.title, entry.summary_html))
        else:
            keys.append(_digest(basis))
    return keys


def url_key(url: str) -> str:
    """The Redis key recording that a canonical article URL was queued."""
    return c.WATCHER_URL_SEEN_PREFIX + _digest(canonical_url(url))


class SeenStore:
    """Per-feed seen entries (a capped sorted set) and the global set of queued article URLs."""

    def __init__(self, client: redis.Redis) -> None:
        self._redis = client

    def unseen(self, feed_id: str, keys: Sequence[str], now: datetime) -> list[bool]:
        """Which keys are new; the ones still in the feed get their last-seen time refreshed,
        so trimming only ever forgets entries that left the feed long ago."""
        if not keys:
            return []
        seen_key = c.WATCHER_SEEN_PREFIX + feed_id
        scores = self._redis.zmscore(seen_key, list(keys))
        present = {k: now.timestamp() for k, s in zip(keys, scores, strict=True) if s is not None}
        if present:
            self._redis.zadd(seen_key, present, xx=True)
        return [s is None for s in scores]

    def mark(self, feed_id: str, key: str, now: datetime, url: str | None) -> None:
        """Remember an entry (and its article URL) once it was queued or given up on."""
        seen_key = c.WATCHER_SEEN_PREFIX + feed_id
        pipe = self._redis.pipeline(transaction=False)
        pipe.zadd(seen_key, {key: now.timestamp()})
        pipe.zremrangebyrank(seen_key, 0, -(c.WATCHER_SEEN_PER_FEED_MAX + 1))
        if url:
            pipe.set(url_key(url), feed_id, ex=c.WATCHER_URL_SEEN_TTL_S)
        pipe.delete(self._attempts_key(feed_id, key))
        pipe.execute()

    def url_queued(self, url: str) -> bool:
        return bool(self._redis.exists(url_key(url)))

    def count_attempt(self, feed_id: str, key: str) -> int:
        """One more failed attempt at an entry; returns the count so far."""
        attempts_key = self._attempts_key(feed_id, key)
        pipe = self._redis.pipeline(transaction=True)
        pipe.incr(attempts_key)
        pipe.expire(attempts_key, c.WATCHER_ATTEMPTS_TTL_S)
        count, _ = pipe.execute()
        return int(count)

    def forget_feed(self, feed_id: str) -> None:
        self._redis.delete(c.WATCHER_SEEN_PREFIX + feed_id)

    @staticmethod
    def _attempts_key(feed_id: str, key: str) -> str:
        return f"{c.WATCHER_ATTEMPTS_PREFIX}{feed_id}:{key}"
