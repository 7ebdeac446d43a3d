"""The events stream's bound: warn when a consumer group's lag nears the MAXLEN trim point."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import redis

from shared import constants as c
from shared.logging import get_logger
from shared.redisutil import stream_id

log = get_logger(__name__)


@dataclass(frozen=True)
class GroupPosition:
    """Where a consumer group stands: lag is what Redis reports (None when it cannot tell),
    unread counts every entry added since the group's position, trimmed ones included."""

    name: str
    lag: int | None
    unread: int | None


@dataclass(frozen=True)
class LagWarning:
    group: str
    level: Literal["warning", "error"]
    lag: int | None
    reason: str


def group_positions(groups: Sequence[dict[str, Any]], entries_added: int) -> list[GroupPosition]:
    """Positions from XINFO GROUPS and the stream's entries-added counter."""
    out = []
    for g in groups:
        read = g.get("entries-read")
        unread = None if read is None else max(0, entries_added - int(read))
        lag = g.get("lag")
        out.append(GroupPosition(str(g["name"]), None if lag is None else int(lag), unread))
    return out


def lag_warnings(
    groups: Sequence[GroupPosition], *, length: int, maxlen: int, fraction: float
) -> list[LagWarning]:
    """Groups that lost entries to trimming (error) or will soon (warning)."""
    warnings = []
    for g in groups:
        if g.unread is not None and g.unread > length:
            reason = f"{g.unread - length} entries this group never read were trimmed"
            warnings.append(LagWarning(g.name, "error", g.lag, reason))
        elif g.lag is not None and g.lag >= fraction * maxlen:
            reason = f"lag {g.lag} is past {fraction:.0%} of the stream's MAXLEN {maxlen}"
            warnings.append(LagWarning(g.name, "warning", g.lag, reason))
    return warnings


class LagMonitor:
    """Checks the events stream's consumer groups and logs what it finds."""

    def __init__(
        self,
        client: redis.Redis,
        *,
        maxlen: int,
        fraction: float,
    ) -> None:
        self.client = client
        self.maxlen = maxlen
        self.fraction = fraction

    def _positions_without_counters(
        self, groups: Sequence[dict[str, Any]], info: dict[str, Any]
    ) -> list[GroupPosition]:
        return _positions_redis6(self.client, groups, info, int(self.fraction * self.maxlen))

    def check(self) -> list[LagWarning]:
        try:
            info = self.client.xinfo_stream(c.EVENTS_STREAM)
        except redis.ResponseError:
            return []  # no stream yet: nobody can lag
        groups = self.client.xinfo_groups(c.EVENTS_STREAM)
        if groups and "entries-read" not in groups[0]:
            positions = self._positions_without_counters(groups, info)
        else:
            positions = group_positions(groups, int(info.get("entries-added") or 0))
        found = lag_warnings(
            positions, length=int(info["length"]), maxlen=self.maxlen, fraction=self.fraction
        )
        for w in found:
            logger = log.error if w.level == "error" else log.warning
            logger("consumer_group_lagging", group=w.group, lag=w.lag, reason=w.reason)
        return found


def _positions_redis6(
    client: redis.Redis, groups: Sequence[dict[str, Any]], info: dict[str, Any], cap: int
) -> list[GroupPosition]:
    """Redis 6.2 reports no lag: count unread entries by XRANGE, up to `cap` (bounded work)."""
    first = info.get("first-entry")
    length = int(info["length"])
    out = []
    for g in groups:
        last = g["last-delivered-id"]
        name = g["name"].decode() if isinstance(g["name"], bytes) else str(g["name"])
        if first is not None and stream_id(last) < stream_id(first[0]) and length:
            out.append(GroupPosition(name, None, length + 1))  # trimmed past it: lost entries
            continue
        ms, seq = stream_id(last)
        newer = client.xrange(c.EVENTS_STREAM, min=f"{ms}-{seq + 1}", count=cap)
        out.append(GroupPosition(name, len(newer or []), None))
    return out
