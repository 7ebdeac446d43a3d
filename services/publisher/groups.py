"""Redis Streams consumer-group plumbing shared by the outbox reader, webhooks and `tail`."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from typing import Any

import redis

Fields = dict[str, str]


@dataclass(frozen=True)
class StreamEntry:
    """One stream entry as read through a group; `deliveries` counts XREADGROUP and claims."""

    entry_id: str
    fields: Fields
    deliveries: int = 1


def default_consumer_name(role: str) -> str:
    """Unique per process, so a restarted process never takes a dead one's entries for its own."""
    return f"{role}-{socket.gethostname()}-{os.getpid()}"


def text_client(client: redis.Redis) -> redis.Redis:
    """The same server, answering str instead of bytes (callers may hand us either kind)."""
    kwargs = client.get_connection_kwargs()
    if kwargs.get("decode_responses"):
        return client
    pool = redis.ConnectionPool(
        connection_class=client.connection_pool.connection_class,
        **{**kwargs, "decode_responses": True},
    )
    return redis.Redis(connection_pool=pool)


def ensure_group(client: redis.Redis, stream: str, group: str, start: str = "0") -> bool:
    """Create the group (and the stream) unless it exists; True when this call created it."""
    try:
        client.xgroup_create(stream, group, id=start, mkstream=True)
    except redis.ResponseError as exc:
        if "BUSYGROUP" not in str(exc):
            raise
        return False
    return True


def parse_id(entry_id: str) -> tuple[int, int]:
    """A stream id as (milliseconds, sequence), for ordering."""
    ms, _, seq = entry_id.partition("-")
    return int(ms), int(seq or 0)


def id_after(entry_id: str) -> tuple[int, int]:
    """The smallest id above this one, as (milliseconds, sequence)."""
    ms, seq = parse_id(entry_id)
    return (ms + 1, 0) if seq >= 2**64 - 1 else (ms, seq + 1)


def id_before(entry_id: str) -> str:
    """The largest id below this one, for exclusive ranges and group positions."""
    ms, seq = parse_id(entry_id)
    if seq > 0:
        return f"{ms}-{seq - 1}"
    return f"{ms - 1}-18446744073709551615" if ms > 0 else "0-0"


def _entries(reply: Any) -> list[StreamEntry]:
    """Entries of an XREADGROUP reply (RESP2 list or RESP3 map); deleted ones come as None."""
    streams = reply.items() if isinstance(reply, dict) else (reply or [])
    return [StreamEntry(i, f) for _, entries in streams for i, f in entries if f is not None]


def read_new(
    client: redis.Redis,
    stream: str,
    group: str,
    consumer: str,
    *,
    count: int,
    block_ms: int | None,
) -> list[StreamEntry]:
    """Entries never delivered to the group; blocks up to block_ms when there are none."""
    return _entries(client.xreadgroup(group, consumer, {stream: ">"}, count=count, block=block_ms))


def read_own_pending(
    client: redis.Redis, stream: str, group: str, consumer: str, *, count: int
) -> list[StreamEntry]:
    """Entries this consumer took earlier and never acked (a restarted named consumer)."""
    return _entries(client.xreadgroup(group, consumer, {stream: "0"}, count=count))


def claim_stale(
    client: redis.Redis,
    stream: str,
    group: str,
    consumer: str,
    *,
    min_idle_ms: int,
    count: int,
) -> list[StreamEntry]:
    """XAUTOCLAIM entries idle past min_idle_ms (their consumer died), with delivery counts."""
    reply = client.xautoclaim(stream, group, consumer, min_idle_ms, "0-0", count=count)
    claimed = [(i, f) for i, f in reply[1] if f is not None]
    if not claimed:
        return []
    counts = delivery_counts(client, stream, group, consumer, [i for i, _ in claimed])
    return [StreamEntry(i, f, counts.get(i, 1)) for i, f in claimed]


def delivery_counts(
    client: redis.Redis, stream: str, group: str, consumer: str, ids: list[str]
) -> dict[str, int]:
    """How many times each of these entries (held by this consumer) has been delivered."""
    ordered = sorted(ids, key=parse_id)
    # Other entries this consumer holds may fall inside the range too; leave them room.
    rows = client.xpending_range(
        stream, group, ordered[0], ordered[-1], len(ordered) + 1000, consumername=consumer
    )
    wanted = set(ids)
    return {r["message_id"]: int(r["times_delivered"]) for r in rows if r["message_id"] in wanted}
