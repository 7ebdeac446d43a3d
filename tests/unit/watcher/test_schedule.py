"""Polling intervals: publishing rate, bounds, backoff, and the server's earliest allowed time."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from services.watcher.schedule import (
    SchedulePolicy,
    backoff_s,
    cache_lifetime_s,
    earliest_allowed_s,
    next_check,
    rate_interval_s,
    retry_after_s,
)

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
POLICY = SchedulePolicy(min_interval_s=300, max_interval_s=21600)
HOUR = 3600.0


def hours_ago(*hours: float) -> list[float]:
    return [(NOW - timedelta(hours=h)).timestamp() for h in hours]


@pytest.mark.parametrize(
    ("times", "expected"),
    [
        ([], 21600),  # nothing published: the maximum
        (hours_ago(200), 21600),  # only older than the week: the maximum
        (hours_ago(*range(0, 40, 1)), 168 * HOUR / 40),  # 40 in the week: window / 40
        (hours_ago(*range(0, 168, 4)), 4 * HOUR),  # every 4 hours (42 entries)
        (hours_ago(*range(0, 168, 1)), 167 * HOUR / 168),  # memory full: the span they cover
        (hours_ago(*range(0, 64)), 63 * HOUR / 64),  # exactly full
        (hours_ago(*[i / 60 for i in range(64)]), 300),  # a burst within an hour: the minimum
        (hours_ago(*[i / 20 for i in range(0, 3360)]), 300),  # every 3 minutes: the minimum
        (hours_ago(10, 20), 21600),  # twice a week: 3.5 days, bounded to the maximum
    ],
)
def test_rate_interval(times: list[float], expected: float) -> None:
    assert rate_interval_s(times, NOW, POLICY) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("errors", "expected"), [(1, 300), (2, 600), (3, 1200), (7, 19200), (8, 21600), (60, 21600)]
)
def test_backoff_doubles_up_to_the_maximum(errors: int, expected: float) -> None:
    assert backoff_s(errors, POLICY) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", 120.0),
        ("Sat, 01 Mar 2025 13:00:00 GMT", 3600.0),
        ("Sat, 01 Mar 2025 11:00:00 GMT", 0.0),  # in the past
        ("soon", None),
        (None, None),
    ],
)
def test_retry_after(value: str | None, expected: float | None) -> None:
    assert retry_after_s(value, NOW) == expected


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"cache-control": "public, max-age=900"}, 900.0),
        ({"cache-control": 's-maxage=10, max-age="60"'}, 60.0),
        ({"cache-control": "no-cache, max-age=900"}, None),
        ({"expires": "Sat, 01 Mar 2025 12:30:00 GMT"}, 1800.0),
        ({"cache-control": "max-age=10", "expires": "Sat, 01 Mar 2025 18:00:00 GMT"}, 10.0),
        ({"expires": "0"}, None),
        ({}, None),
    ],
)
def test_cache_lifetime(headers: dict[str, str], expected: float | None) -> None:
    assert cache_lifetime_s(headers, NOW) == expected


def test_retry_after_counts_only_for_429_and_503() -> None:
    headers = {"retry-after": "7200", "cache-control": "max-age=60"}
    assert earliest_allowed_s(headers, NOW, status=429, ttl_s=None) == 7200
    assert earliest_allowed_s(headers, NOW, status=503, ttl_s=None) == 7200
    assert earliest_allowed_s(headers, NOW, status=200, ttl_s=None) == 60
    assert earliest_allowed_s(headers, NOW, status=200, ttl_s=5400) == 5400
    assert earliest_allowed_s({}, NOW, status=200, ttl_s=None) == 0


def test_next_check_never_before_the_floor_and_jitter_stays_bounded() -> None:
    rng = random.Random(3)
    delays = [(next_check(NOW, 1000, 0, POLICY, rng) - NOW).total_seconds() for _ in range(200)]
    assert min(delays) >= 900 and max(delays) <= 1100
    assert max(delays) - min(delays) > 100  # it does spread
    floored = next_check(NOW, 1000, 5000, POLICY, rng)
    assert floored - NOW >= timedelta(seconds=5000)


def test_a_hostile_hint_is_capped() -> None:
    far = next_check(NOW, 300, 10**9, POLICY, random.Random(1))
    assert far - NOW == timedelta(seconds=POLICY.max_hint_s)
