"""How one poll's outcome changes a feed: errors, suspension, 410, redirects, validators."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from services.watcher.feedstate import (
    FeedState,
    FeedStatus,
    PollOutcome,
    apply_outcome,
    feed_id,
    new_feed,
    normalise_feed_url,
)
from services.watcher.schedule import SchedulePolicy
from shared.errors import InvalidInput

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
POLICY = SchedulePolicy(min_interval_s=300, max_interval_s=21600, jitter_ratio=0.0)
URL = "https://news.example/feed.xml"
NEW_URL = "https://news.example/new.xml"


def feed(**changes: object) -> FeedState:
    return new_feed(URL, source="cli", now=NOW).model_copy(update=changes)


def apply(state: FeedState, out: PollOutcome, max_failures: int = 3) -> FeedState:
    return apply_outcome(
        state, out, now=NOW, policy=POLICY, max_failures=max_failures, rng=random.Random(0)
    )


def test_new_feed_is_due_at_once_and_keyed_by_its_normalised_url() -> None:
    state = new_feed("HTTPS://News.Example/feed.xml#top", source="cli", now=NOW)
    assert state.url == URL and state.next_check_at == NOW
    assert state.id == feed_id(URL) == feed_id("https://NEWS.example/feed.xml")
    assert feed_id(URL) != feed_id(URL + "?page=2")
    assert normalise_feed_url("http://x.example") == "http://x.example/"


@pytest.mark.parametrize(
    ("errors_before", "status", "expected_status", "expected_errors"),
    [
        (0, 500, FeedStatus.ACTIVE, 1),
        (1, None, FeedStatus.ACTIVE, 2),
        (2, 500, FeedStatus.SUSPENDED, 3),
        (0, 410, FeedStatus.GONE, 1),
    ],
)
def test_failures(
    errors_before: int, status: int | None, expected_status: FeedStatus, expected_errors: int
) -> None:
    out = apply(feed(error_count=errors_before), PollOutcome(status=status, error="boom"))
    assert out.status is expected_status
    assert out.error_count == expected_errors
    assert out.last_error == "boom"
    assert out.last_fetch_at == NOW
    assert out.next_check_at == NOW + timedelta(seconds=300 * 2 ** (expected_errors - 1))


def test_failure_keeps_validators_and_floor_wins_over_backoff() -> None:
    state = feed(etag='"a"', last_modified="Mon")
    out = apply(state, PollOutcome(status=429, error="HTTP 429", floor_s=9000))
    assert (out.etag, out.last_modified) == ('"a"', "Mon")
    assert out.next_check_at == NOW + timedelta(seconds=9000)


def test_success_resets_errors_and_stores_validators() -> None:
    state = feed(error_count=2, last_error="x", status=FeedStatus.ACTIVE)
    out = apply(
        state,
        PollOutcome(
            status=200, etag='"b"', last_modified="Tue", new_entries=3, queued=2, title="T"
        ),
    )
    assert (out.error_count, out.last_error) == (0, None)
    assert (out.etag, out.last_modified, out.title) == ('"b"', "Tue", "T")
    assert (out.entries_seen, out.articles_queued) == (3, 2)
    assert out.last_success_at == NOW


def test_304_keeps_the_stored_validators() -> None:
    out = apply(feed(etag='"a"', last_modified="Mon"), PollOutcome(status=304))
    assert (out.etag, out.last_modified) == ('"a"', "Mon")


def test_incomplete_poll_keeps_old_validators_and_comes_back_soon() -> None:
    out = apply(feed(etag='"a"'), PollOutcome(status=200, etag='"b"', complete=False))
    assert out.etag == '"a"'
    assert out.next_check_at == NOW + timedelta(seconds=300)


def test_interval_follows_the_publishing_rate() -> None:
    hourly = [(NOW - timedelta(hours=h)).timestamp() for h in range(168)]
    out = apply(feed(), PollOutcome(status=200, new_entry_times=hourly))
    # The newest 64 span 63 hours: one entry per 59 minutes.
    assert out.interval_s == pytest.approx(63 * 3600 / 64)
    assert len(out.recent_entry_times) == 64  # only the newest are kept
    assert max(out.recent_entry_times) == NOW.timestamp()


@pytest.mark.parametrize(
    ("targets", "final_url"),
    [
        ([NEW_URL, NEW_URL], URL),
        ([NEW_URL, NEW_URL, NEW_URL], NEW_URL),
        ([NEW_URL, None, NEW_URL, NEW_URL], URL),  # the run was broken
        ([NEW_URL, "https://other.example/", NEW_URL], URL),
    ],
)
def test_permanent_redirect_moves_the_url_only_when_confirmed(
    targets: list[str | None], final_url: str
) -> None:
    state = feed()
    for target in targets:
        state = apply(state, PollOutcome(status=200, permanent_target=target))
    assert state.url == final_url
    assert state.added_url == URL


def test_failed_poll_does_not_count_a_redirect() -> None:
    state = feed(redirect_target=NEW_URL, redirect_count=2)
    state = apply(state, PollOutcome(status=None, error="timeout"))
    assert (state.redirect_target, state.redirect_count, state.url) == (NEW_URL, 2, URL)


def test_body_hash_is_kept_only_for_a_fully_handled_body() -> None:
    done = apply(feed(), PollOutcome(status=200, body_hash="h1"))
    assert done.body_hash == "h1"
    waiting = apply(done, PollOutcome(status=200, body_hash="h2", complete=False))
    assert waiting.body_hash is None  # the same body must be parsed again next time
    assert apply(done, PollOutcome(status=304)).body_hash == "h1"


@pytest.mark.parametrize(
    "url", ["http://[::1/feed", "http://" + "a" * 3000 + ".example/", "ftp://x/"]
)
def test_unusable_feed_urls_are_refused(url: str) -> None:
    with pytest.raises(InvalidInput):
        new_feed(url, source="cli", now=NOW)
