"""A feed's stored state and how one poll's outcome changes it (pure, no I/O)."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from urllib.parse import urlsplit, urlunsplit

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from services.watcher.schedule import SchedulePolicy, backoff_s, next_check, rate_interval_s
from shared import constants as c
from shared.errors import InvalidInput
from shared.models.article import HttpURL


class FeedStatus(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"  # too many consecutive failures; `tradewire feeds resume` revives it
    GONE = "gone"  # the server said 410 Gone


class FeedState(BaseModel):
    """Everything the watcher knows about one feed; stored as JSON in the registry hash."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    url: HttpURL
    added_url: HttpURL
    source: str = Field(default="cli", description="cli, config or opml")
    title: str = ""
    status: FeedStatus = FeedStatus.ACTIVE
    added_at: AwareDatetime
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = Field(default=None, description="of the last fully handled body")
    last_fetch_at: AwareDatetime | None = None
    last_success_at: AwareDatetime | None = None
    last_status: int | None = None
    last_error: str | None = None
    last_warning: str | None = None
    error_count: int = 0
    entries_seen: int = 0
    articles_queued: int = 0
    fulltext_fallbacks: int = 0
    interval_s: float | None = None
    next_check_at: AwareDatetime | None = None
    recent_entry_times: list[float] = Field(default_factory=list)
    redirect_target: str | None = None
    redirect_count: int = 0


def normalise_feed_url(url: str) -> str:
    """Scheme and host in lower case, no fragment: the form a feed is registered under."""
    try:
        parts = urlsplit(url.strip())
    except ValueError as exc:  # e.g. an unclosed IPv6 bracket
        raise InvalidInput(f"not a URL: {url[:200]!r}: {exc}") from exc
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, "")
    )


def feed_id(url: str) -> str:
    return "feed_" + hashlib.sha256(normalise_feed_url(url).encode()).hexdigest()[:16]


def new_feed(url: str, *, source: str, now: datetime) -> FeedState:
    """A feed as first registered: due at once."""
    clean = normalise_feed_url(url)
    try:
        return FeedState(
            id=feed_id(clean),
            url=clean,
            added_url=clean,
            source=source,
            added_at=now,
            next_check_at=now,
        )
    except ValidationError as exc:
        raise InvalidInput(f"not a usable feed URL: {url[:200]!r}") from exc


@dataclass(frozen=True, slots=True)
class PollOutcome:
    """What one poll found; `error` set means the poll failed (the status may still be known)."""

    status: int | None
    error: str | None = None
    floor_s: float = 0.0
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    permanent_target: str | None = None
    title: str | None = None
    warning: str | None = None
    new_entry_times: list[float] = field(default_factory=list)
    new_entries: int = 0
    queued: int = 0
    fallbacks: int = 0
    complete: bool = True  # False: entries were left for the next poll, keep the old validators


def _failed(state: FeedState, out: PollOutcome, max_failures: int) -> dict[str, object]:
    errors = state.error_count + 1
    status = state.status
    if out.status == 410:
        status = FeedStatus.GONE
    elif errors >= max_failures:
        status = FeedStatus.SUSPENDED
    return {"error_count": errors, "last_error": out.error, "status": status}


def _redirects(state: FeedState, target: str | None) -> dict[str, object]:
    """A 301/308 moves the stored URL only once seen enough times in a row (a misconfigured
    server flapping for a day must not lose the feed); 302/307 never count."""
    if target is None or target == state.url:
        return {"redirect_target": None, "redirect_count": 0}
    count = state.redirect_count + 1 if target == state.redirect_target else 1
    if count >= c.WATCHER_REDIRECT_CONFIRMATIONS:
        return {"url": target, "redirect_target": None, "redirect_count": 0}
    return {"redirect_target": target, "redirect_count": count}


def _succeeded(state: FeedState, out: PollOutcome, now: datetime) -> dict[str, object]:
    changes: dict[str, object] = {
        "error_count": 0,
        "last_error": None,
        "last_success_at": now,
        "status": FeedStatus.ACTIVE,
        "entries_seen": state.entries_seen + out.new_entries,
        "articles_queued": state.articles_queued + out.queued,
        "fulltext_fallbacks": state.fulltext_fallbacks + out.fallbacks,
        "last_warning": out.warning,
        **_redirects(state, out.permanent_target),
    }
    if out.title:
        changes["title"] = out.title[: c.MAX_TITLE_CHARS]
    if out.complete and out.status == 200:
        changes["etag"], changes["last_modified"] = out.etag, out.last_modified
        changes["body_hash"] = out.body_hash
    elif not out.complete:
        changes["body_hash"] = None  # entries are waiting: the same body must be parsed again
    return changes


def apply_outcome(
    state: FeedState,
    out: PollOutcome,
    *,
    now: datetime,
    policy: SchedulePolicy,
    max_failures: int,
    rng: random.Random,
) -> FeedState:
    """The feed after a poll: counters, validators, status, and its next check."""
    times = sorted([*state.recent_entry_times, *out.new_entry_times])[-c.WATCHER_RECENT_TIMES_MAX :]
    changes: dict[str, object] = {"last_fetch_at": now, "last_status": out.status}
    if out.error is not None:
        changes.update(_failed(state, out, max_failures))
        interval = backoff_s(state.error_count + 1, policy)
    else:
        changes.update(_succeeded(state, out, now), recent_entry_times=times)
        # Entries left for the next poll: come back soon rather than at the publishing rate.
        interval = rate_interval_s(times, now, policy) if out.complete else policy.min_interval_s
    due = next_check(now, interval, out.floor_s, policy, rng)
    return state.model_copy(update={**changes, "interval_s": interval, "next_check_at": due})
