"""After a delivery attempt: done, retry later (backoff, Retry-After), disable, or give up."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Literal

from shared.settings import PublisherSettings

Action = Literal["done", "retry", "disable", "give_up"]


@dataclass(frozen=True)
class Decision:
    action: Action
    delay_s: float = 0.0
    reason: str = ""


def backoff_delay_s(attempt: int, *, base_s: float, max_s: float, rng: random.Random) -> float:
    """Exponential with equal jitter: half fixed, half random, so retries to many endpoints
    spread out instead of arriving in waves; attempt 1 is the first retry."""
    ceiling = min(max_s, base_s * 2.0 ** min(attempt - 1, 60))
    return ceiling / 2 + rng.uniform(0.0, ceiling / 2)


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); None if absent
    or unreadable."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - now).total_seconds())


def decide(
    *,
    status: int | None,
    error: str | None,
    retry_after: str | None,
    attempts: int,
    settings: PublisherSettings,
    now: datetime,
    rng: random.Random,
) -> Decision:
    """The outcome of attempt number `attempts` (1-based): status is None when no answer came."""
    if status is not None and 200 <= status < 300:
        return Decision("done")
    if status == 410:
        return Decision("disable", reason="the endpoint answered 410 Gone")
    reason = f"HTTP {status}" if status is not None else (error or "no answer")
    if attempts >= settings.webhook_max_attempts:
        return Decision("give_up", reason=reason)
    asked = parse_retry_after(retry_after, now) if status is not None else None
    if asked is not None:
        # Never earlier than the endpoint asked, never later than our own cap.
        delay = max(asked, settings.webhook_backoff_base_s)
    else:
        delay = backoff_delay_s(
            attempts,
            base_s=settings.webhook_backoff_base_s,
            max_s=settings.webhook_backoff_max_s,
            rng=rng,
        )
    return Decision("retry", min(delay, settings.webhook_backoff_max_s), reason)
