"""When to poll a feed next: its publishing rate, bounded, and never before the server allows."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

from shared import constants as c

_MAX_AGE = re.compile(r"(?:^|,)\s*max-age\s*=\s*\"?(\d+)", re.I)
_NO_STORE = re.compile(r"(?:^|,)\s*(no-cache|no-store)\b", re.I)


@dataclass(frozen=True, slots=True)
class SchedulePolicy:
    min_interval_s: float
    max_interval_s: float
    jitter_ratio: float = c.WATCHER_JITTER_RATIO
    rate_window_s: float = c.WATCHER_RATE_WINDOW_S
    max_hint_s: float = c.WATCHER_MAX_HINT_S
    remembered_times: int = c.WATCHER_RECENT_TIMES_MAX


def _http_date(value: str) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo else None


def retry_after_s(value: str | None, now: datetime) -> float | None:
    """Retry-After as seconds from now: either delta-seconds or an HTTP date."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    when = _http_date(text)
    return max(0.0, (when - now).total_seconds()) if when else None


def cache_lifetime_s(headers: Mapping[str, str], now: datetime) -> float | None:
    """How long the response stays fresh: Cache-Control max-age, which wins over Expires."""
    control = headers.get("cache-control", "")
    if _NO_STORE.search(control):
        return None
    match = _MAX_AGE.search(control)
    if match:
        return float(match.group(1))
    expires = _http_date(headers.get("expires", ""))
    if expires is None:
        return None
    return max(0.0, (expires - now).total_seconds())


def earliest_allowed_s(
    headers: Mapping[str, str], now: datetime, *, status: int | None, ttl_s: float | None
) -> float:
    """The soonest the server (headers, 429/503 Retry-After) or the feed (<ttl>) allows a poll."""
    hints = [cache_lifetime_s(headers, now), ttl_s]
    if status in (429, 503):
        hints.append(retry_after_s(headers.get("retry-after"), now))
    return max([0.0, *(h for h in hints if h is not None)])


def rate_interval_s(entry_times: Iterable[float], now: datetime, policy: SchedulePolicy) -> float:
    """The window divided by the entries published in it: a feed posting hourly is polled about
    hourly, a quiet one rarely; clamped to the configured bounds. When the remembered times are
    all recent (the memory is full), the span they cover is the window instead."""
    since = now.timestamp() - policy.rate_window_s
    recent = [t for t in entry_times if t >= since]
    if not recent:
        return policy.max_interval_s
    span = policy.rate_window_s
    if len(recent) >= policy.remembered_times:
        span = max(1.0, now.timestamp() - min(recent))
    return _clamp(span / len(recent), policy)


def backoff_s(error_count: int, policy: SchedulePolicy) -> float:
    """Doubling from the minimum interval per consecutive failure, up to the maximum."""
    exponent = max(0, min(error_count - 1, 30))
    return _clamp(policy.min_interval_s * 2.0**exponent, policy)


def next_check(
    now: datetime, interval_s: float, floor_s: float, policy: SchedulePolicy, rng: random.Random
) -> datetime:
    """now + the interval with jitter, but never before the server's earliest allowed time."""
    jitter = 1.0 + rng.uniform(-policy.jitter_ratio, policy.jitter_ratio)
    delay = max(interval_s * jitter, min(floor_s, policy.max_hint_s))
    return now + timedelta(seconds=delay)


def _clamp(value: float, policy: SchedulePolicy) -> float:
    return min(policy.max_interval_s, max(policy.min_interval_s, value))
