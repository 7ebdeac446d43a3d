"""Retry decisions: backoff with jitter, Retry-After, 410, giving up."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from services.publisher.webhooks.policy import backoff_delay_s, decide, parse_retry_after
from shared.settings import PublisherSettings

NOW = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)
SETTINGS = PublisherSettings(
    webhook_backoff_base_s=10, webhook_backoff_max_s=300, webhook_max_attempts=5
)


def run(status: int | None, attempts: int = 1, retry_after: str | None = None) -> tuple[str, float]:
    d = decide(
        status=status,
        error=None if status else "ConnectError",
        retry_after=retry_after,
        attempts=attempts,
        settings=SETTINGS,
        now=NOW,
        rng=random.Random(7),
    )
    return d.action, d.delay_s


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (200, "done"),
        (204, "done"),
        (299, "done"),
        (410, "disable"),
        (500, "retry"),
        (503, "retry"),
        (429, "retry"),
        (404, "retry"),
        (302, "retry"),
        (None, "retry"),
    ],
)
def test_action_by_status(status: int | None, action: str) -> None:
    assert run(status)[0] == action


@pytest.mark.parametrize(
    ("attempt", "low", "high"),
    [(1, 5, 10), (2, 10, 20), (3, 20, 40), (6, 150, 300), (30, 150, 300)],
)
def test_backoff_doubles_with_jitter_under_a_cap(attempt: int, low: float, high: float) -> None:
    delays = {
        backoff_delay_s(attempt, base_s=10, max_s=300, rng=random.Random(seed))
        for seed in range(50)
    }
    assert all(low <= d <= high for d in delays)
    assert len(delays) > 40  # jittered, not one fixed value


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        ("0", 0.0),
        ("Wed, 01 May 2024 12:01:30 GMT", 90.0),
        ("Wed, 01 May 2024 11:00:00 GMT", 0.0),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_header(header: str | None, seconds: float | None) -> None:
    assert parse_retry_after(header, NOW) == seconds


@pytest.mark.parametrize(("header", "delay"), [("120", 120.0), ("1", 10.0), ("99999", 300.0)])
def test_retry_after_is_honoured_within_bounds(header: str, delay: float) -> None:
    assert run(503, retry_after=header) == ("retry", delay)


def test_gives_up_after_max_attempts_but_not_before() -> None:
    assert run(500, attempts=4)[0] == "retry"
    assert run(500, attempts=5)[0] == "give_up"
    assert run(410, attempts=5)[0] == "disable"
