"""In-flight inbox items: one processing list per watcher, a lease, and recovery of the dead's.

A watcher moves each inbox item to its own processing list before handling it. While it lives
it keeps a lease key alive; once the lease has expired, any watcher puts that list's items back
at the head of the inbox, in order. A shared list would let a starting watcher re-queue the
items a live one is handling (a double enqueue only the client's dedup would catch).
"""

from __future__ import annotations

import os
import secrets
import socket

import redis

from shared import constants as c
from shared.logging import get_logger

log = get_logger(__name__)


def new_owner_id() -> str:
    """Unique per watcher process and readable in `redis-cli keys`: host, pid, random suffix."""
    return f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(3)}"


def processing_key(owner: str) -> str:
    return c.INBOX_PROCESSING_PREFIX + owner


def renew_lease(client: redis.Redis, owner: str) -> None:
    pipe = client.pipeline(transaction=False)
    pipe.set(c.INBOX_LEASE_PREFIX + owner, "1", ex=c.INBOX_LEASE_TTL_S)
    pipe.sadd(c.INBOX_OWNERS_SET, owner)
    pipe.execute()


def release(client: redis.Redis, owner: str) -> int:
    """On a clean stop: hand back what this watcher still holds and drop its lease."""
    moved = _move_back(client, processing_key(owner))
    client.delete(c.INBOX_LEASE_PREFIX + owner)
    client.srem(c.INBOX_OWNERS_SET, owner)
    return moved


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def processing_lists(client: redis.Redis, *, scan: bool = False) -> list[str]:
    """The processing lists of the registered watchers and the pre-lease shared one; with
    `scan`, also any list the registry misses (a watcher that died mid-registration)."""
    keys = {processing_key(_text(o)) for o in client.smembers(c.INBOX_OWNERS_SET)}
    if scan:
        pattern = c.INBOX_PROCESSING_PREFIX + "*"
        keys.update(_text(k) for k in client.scan_iter(match=pattern, count=1000))
    return [*sorted(keys), c.INBOX_PROCESSING_LIST]


def in_flight(client: redis.Redis) -> int:
    """Items taken from the inbox by any watcher and not yet queued (a gauge)."""
    return sum(int(client.llen(key)) for key in processing_lists(client))


def recover_orphans(client: redis.Redis, *, me: str, scan: bool = False) -> int:
    """Re-queue the items of every watcher whose lease expired (never `me`'s own) and forget
    those watchers; `scan` (at start) also finds lists the registry does not name."""
    moved = 0
    for key in processing_lists(client, scan=scan):
        owner = key.removeprefix(c.INBOX_PROCESSING_PREFIX)
        alive = key != c.INBOX_PROCESSING_LIST and client.exists(c.INBOX_LEASE_PREFIX + owner)
        if owner == me or alive:
            continue
        moved += _move_back(client, key)
        if key != c.INBOX_PROCESSING_LIST:
            client.srem(c.INBOX_OWNERS_SET, owner)
    if moved:
        log.warning("inbox_recovered", items=moved)
    return moved


def _move_back(client: redis.Redis, key: str) -> int:
    """Each item back to the head of the inbox; the last one moved first keeps their order."""
    moved = 0
    while client.lmove(key, c.INBOX_LIST, "RIGHT", "LEFT") is not None:
        moved += 1
    return moved
