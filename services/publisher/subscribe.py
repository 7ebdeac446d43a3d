"""Subscriber tools: tail the events stream with a consumer group, replay a time range."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import cast

import redis
from pydantic import ValidationError

from services.publisher.groups import (
    StreamEntry,
    claim_stale,
    ensure_group,
    id_before,
    read_new,
    read_own_pending,
)
from shared import constants as c
from shared.errors import InvalidInput
from shared.logging import get_logger
from shared.models import CloudEvent

log = get_logger(__name__)

_RELATIVE = re.compile(r"^(\d+)\s*([smhdw])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_STREAM_ID = re.compile(r"^\d+-\d+$")
_MAX_SEQ = "18446744073709551615"
Page = list[tuple[str, dict[str, str]]]


@dataclass(frozen=True)
class EventFilter:
    """Event types and countries wanted; an empty set wants everything."""

    types: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()

    def matches(self, fields: dict[str, str]) -> bool:
        if self.types and fields.get("event_type") not in self.types:
            return False
        countries = set(fields.get("countries", "").split(","))
        return not self.countries or bool(self.countries & countries)


def parse_time(text: str, now: datetime) -> int:
    """Milliseconds since the epoch from '15m' / '2h' / '3d' ago, an ISO date or datetime (UTC
    unless it says otherwise), or a stream id's time part."""
    value = text.strip()
    if _STREAM_ID.match(value) or value.isdigit():
        return int(value.split("-")[0])
    if m := _RELATIVE.match(value):
        when = now - timedelta(**{_UNITS[m.group(2)]: int(m.group(1))})
        return int(when.timestamp() * 1000)
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise InvalidInput(f"not a time: {text!r} (try 2024-05-01T12:00, 30m, 2h, 7d)") from exc
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return int(when.timestamp() * 1000)


def _event(entry: StreamEntry) -> CloudEvent | None:
    try:
        return CloudEvent.model_validate_json(entry.fields["cloudevent"])
    except (KeyError, ValidationError):
        log.warning("events_entry_unreadable", entry_id=entry.entry_id)
        return None


def tail(
    client: redis.Redis,
    *,
    group: str,
    consumer: str,
    from_start: bool = False,
    wanted: EventFilter = EventFilter(),
    count: int | None = None,
    stop: threading.Event | None = None,
    block_ms: int = 1000,
    claim_idle_ms: int = 60_000,
) -> Iterator[CloudEvent]:
    """Events for this group, each acked once the caller asks for the next; entries this consumer
    left unacked come first. from_start applies when the group is created."""
    ensure_group(client, c.EVENTS_STREAM, group, start="0" if from_start else "$")
    stop = stop or threading.Event()
    seen = 0
    pending = read_own_pending(client, c.EVENTS_STREAM, group, consumer, count=100)
    while not stop.is_set() and (count is None or seen < count):
        entries = pending or claim_stale(
            client, c.EVENTS_STREAM, group, consumer, min_idle_ms=claim_idle_ms, count=100
        )
        entries = entries or read_new(
            client, c.EVENTS_STREAM, group, consumer, count=100, block_ms=block_ms
        )
        pending = []
        for entry in entries:
            event = _event(entry) if wanted.matches(entry.fields) else None
            if event is not None and (count is None or seen < count):
                seen += 1
                yield event
            elif event is not None:
                break  # past the count: leave the rest for this consumer's next run
            client.xack(c.EVENTS_STREAM, group, entry.entry_id)


def replay(
    client: redis.Redis,
    *,
    since_ms: int,
    until_ms: int | None = None,
    wanted: EventFilter = EventFilter(),
    page_size: int = c.REPLAY_PAGE_SIZE,
) -> Iterator[CloudEvent]:
    """Events published in [since, until], oldest first, read page by page with XRANGE."""
    start = f"{since_ms}-0"
    end = "+" if until_ms is None else f"{until_ms}-{_MAX_SEQ}"
    while True:
        page = cast(Page, client.xrange(c.EVENTS_STREAM, start, end, count=page_size))
        for entry_id, fields in page:
            entry = StreamEntry(entry_id, fields)
            event = _event(entry) if wanted.matches(fields) else None
            if event is not None:
                yield event
        if len(page) < page_size:
            return
        start = "(" + page[-1][0]


def reset_group(client: redis.Redis, group: str, since_ms: int) -> None:
    """Move a group back so its consumers receive again everything from `since` on."""
    ensure_group(client, c.EVENTS_STREAM, group, start="0")
    client.xgroup_setid(c.EVENTS_STREAM, group, id_before(f"{since_ms}-0"))
