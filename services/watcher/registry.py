"""The feed registry in Redis: one JSON state per feed, and a sorted set of next checks."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import redis

from services.watcher.feedstate import FeedState, FeedStatus, feed_id, new_feed
from shared import constants as c
from shared.errors import InvalidInput
from shared.logging import get_logger

log = get_logger(__name__)

# Save only a feed that still exists: a poll finishing after `feeds remove` must not revive it.
_SAVE = """
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if ARGV[3] == '' then redis.call('ZREM', KEYS[2], ARGV[1])
else redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1]) end
return 1
"""
# Take due feeds and push their score out by a lease in one step, so two watchers never poll
# the same feed at once and a watcher that dies mid-poll only delays its feeds by the lease.
# Returns their states too (one round trip, not one per feed); drops ids with no state.
_CLAIM = """
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, id in ipairs(ids) do
  local state = redis.call('HGET', KEYS[2], id)
  if state then
    redis.call('ZADD', KEYS[1], ARGV[3], id)
    table.insert(out, state)
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return out
"""


class FeedRegistry:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client
        self._save = client.register_script(_SAVE)
        self._claim = client.register_script(_CLAIM)

    def get(self, fid: str) -> FeedState | None:
        raw = self._redis.hget(c.WATCHER_FEEDS_HASH, fid)
        return FeedState.model_validate_json(raw) if raw is not None else None

    def all(self) -> list[FeedState]:
        raw = self._redis.hgetall(c.WATCHER_FEEDS_HASH)
        feeds = [FeedState.model_validate_json(v) for v in raw.values()]
        return sorted(feeds, key=lambda f: f.added_url)

    def find(self, url: str) -> FeedState | None:
        """A feed by the URL it was added under, or the URL it moved to."""
        found = self.get(feed_id(url))
        if found is not None:
            return found
        return next((f for f in self.all() if url.strip() in (f.url, f.added_url)), None)

    def add(self, state: FeedState) -> bool:
        """Register a feed; False when it already is (its state is left alone)."""
        if not self._redis.hsetnx(c.WATCHER_FEEDS_HASH, state.id, state.model_dump_json()):
            return False
        self._schedule(state)
        return True

    def add_url(self, url: str, *, source: str, now: datetime) -> tuple[FeedState, bool]:
        state = new_feed(url, source=source, now=now)
        added = self.add(state)
        return (state if added else self.get(state.id) or state), added

    def save(self, state: FeedState) -> bool:
        """Store a polled feed and its next check; False when the feed was removed meanwhile."""
        due = ""
        if state.status is FeedStatus.ACTIVE and state.next_check_at is not None:
            due = repr(state.next_check_at.timestamp())
        keys = [c.WATCHER_FEEDS_HASH, c.WATCHER_SCHEDULE_ZSET]
        return bool(self._save(keys=keys, args=[state.id, state.model_dump_json(), due]))

    def remove(self, fid: str) -> bool:
        pipe = self._redis.pipeline(transaction=True)
        pipe.hdel(c.WATCHER_FEEDS_HASH, fid)
        pipe.zrem(c.WATCHER_SCHEDULE_ZSET, fid)
        pipe.delete(c.WATCHER_SEEN_PREFIX + fid)
        removed, _, _ = pipe.execute()
        return bool(removed)

    def resume(self, state: FeedState, now: datetime) -> FeedState:
        """Take a suspended or gone feed back into the schedule, due now."""
        revived = state.model_copy(
            update={"status": FeedStatus.ACTIVE, "error_count": 0, "next_check_at": now}
        )
        self.save(revived)
        return revived

    def claim_due(self, now: datetime, limit: int, lease_s: float) -> list[FeedState]:
        """Up to `limit` due feeds, leased to this caller."""
        if limit <= 0:
            return []
        args: list[str | int] = [repr(now.timestamp()), limit, repr(now.timestamp() + lease_s)]
        keys = [c.WATCHER_SCHEDULE_ZSET, c.WATCHER_FEEDS_HASH]
        return [FeedState.model_validate_json(raw) for raw in self._claim(keys=keys, args=args)]

    def release(self, ids: Iterable[str], now: datetime) -> None:
        """Hand claimed but unpolled feeds back, due now (a clean shutdown)."""
        mapping = {fid: now.timestamp() for fid in ids}
        if mapping:
            self._redis.zadd(c.WATCHER_SCHEDULE_ZSET, mapping, xx=True)

    def due_count(self, now: datetime) -> int:
        return int(self._redis.zcount(c.WATCHER_SCHEDULE_ZSET, "-inf", now.timestamp()))

    def sync_configured(self, urls: Iterable[str], now: datetime) -> tuple[int, int]:
        """Make the registry's `config` feeds exactly the configured list; other sources stay."""
        wanted: dict[str, FeedState] = {}
        for url in urls:
            try:
                state = new_feed(url, source="config", now=now)
            except InvalidInput as exc:
                log.warning("feed_url_ignored", url=url[:200], reason=str(exc))
                continue
            wanted[state.id] = state
        added = sum(1 for state in wanted.values() if self.add(state))
        stale = [f.id for f in self.all() if f.source == "config" and f.id not in wanted]
        for fid in stale:
            self.remove(fid)
        return added, len(stale)

    def _schedule(self, state: FeedState) -> None:
        if state.status is FeedStatus.ACTIVE and state.next_check_at is not None:
            self._redis.zadd(c.WATCHER_SCHEDULE_ZSET, {state.id: state.next_check_at.timestamp()})
