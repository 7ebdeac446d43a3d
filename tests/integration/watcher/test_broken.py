"""Broken and gone feeds: backoff, suspension, 410, permanent and temporary redirects, salvage."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

import pytest
import redis
from pytest_httpserver import HTTPServer

from services.watcher.feedstate import FeedStatus
from services.watcher.fetch import Fetcher
from services.watcher.registry import FeedRegistry
from services.watcher.service import Watcher
from services.watcher.sink import RedisListSink
from shared.client import SubmitResult
from shared.models import Article
from tests.integration.watcher.conftest import make_settings
from tests.integration.watcher.helpers import Clock, Item, StaticServer, rss

pytestmark = pytest.mark.integration
FEED = rss([Item("Only", guid="g1", description="A summary.")])


def test_failures_back_off_then_suspend_the_feed(
    httpserver: HTTPServer,
    make_watcher: Callable[..., Watcher],
    registry: FeedRegistry,
    redis_url: str,
    clock: Clock,
) -> None:
    httpserver.expect_request("/feed").respond_with_data("boom", status=500)
    settings = make_settings(redis_url, feeds=[httpserver.url_for("/feed")], max_failures=3)
    watcher = make_watcher(settings)
    delays = []
    for _ in range(3):
        watcher.run_once()
        (state,) = registry.all()
        assert state.next_check_at is not None
        delays.append((state.next_check_at - clock()).total_seconds())
        clock.advance(4000)  # past any backoff (max interval 3600 s)
    # min_interval 60 s doubling per failure, +-10 % jitter.
    assert 54 <= delays[0] <= 66
    assert 108 <= delays[1] <= 132
    (state,) = registry.all()
    assert state.error_count == 3
    assert state.status is FeedStatus.SUSPENDED
    assert state.last_error == "HTTP 500"
    watcher.run_once()
    assert len(httpserver.log) == 3  # a suspended feed is not polled
    registry.resume(state, clock())
    watcher.run_once()
    assert len(httpserver.log) == 4


def test_success_resets_the_error_counter(
    httpserver: HTTPServer,
    make_watcher: Callable[..., Watcher],
    registry: FeedRegistry,
    redis_url: str,
    clock: Clock,
) -> None:
    httpserver.expect_oneshot_request("/feed").respond_with_data("down", status=502)
    httpserver.expect_request("/feed").respond_with_data(FEED, content_type="application/rss+xml")
    settings = make_settings(redis_url, feeds=[httpserver.url_for("/feed")], fetch_full_text=False)
    watcher = make_watcher(settings)
    watcher.run_once()
    assert registry.all()[0].error_count == 1
    clock.advance(4000)
    watcher.run_once()
    (state,) = registry.all()
    assert (state.error_count, state.last_error, state.last_status) == (0, None, 200)


def test_410_disables_the_feed(
    httpserver: HTTPServer,
    make_watcher: Callable[..., Watcher],
    registry: FeedRegistry,
    redis_url: str,
    clock: Clock,
) -> None:
    httpserver.expect_request("/feed").respond_with_data("gone", status=410)
    watcher = make_watcher(make_settings(redis_url, feeds=[httpserver.url_for("/feed")]))
    watcher.run_once()
    (state,) = registry.all()
    assert state.status is FeedStatus.GONE
    clock.advance(10 * 24 * 3600)
    watcher.run_once()
    assert len(httpserver.log) == 1


@pytest.mark.parametrize(
    ("status", "moves"), [(301, True), (308, True), (302, False), (307, False)]
)
def test_only_repeated_permanent_redirects_move_the_feed(
    httpserver: HTTPServer,
    make_watcher: Callable[..., Watcher],
    registry: FeedRegistry,
    redis_url: str,
    clock: Clock,
    status: int,
    moves: bool,
) -> None:
    new_url = httpserver.url_for("/new-feed")
    httpserver.expect_request("/feed").respond_with_data(
        "", status=status, headers={"Location": "/new-feed"}
    )
    httpserver.expect_request("/new-feed").respond_with_data(
        FEED, content_type="application/rss+xml"
    )
    old_url = httpserver.url_for("/feed")
    settings = make_settings(redis_url, feeds=[old_url], fetch_full_text=False)
    watcher = make_watcher(settings)
    urls = []
    for _ in range(3):
        watcher.run_once()
        urls.append(registry.all()[0].url)
        clock.advance(4000)
    if moves:
        # Seen twice it is still the old URL; the third time confirms the move.
        assert urls == [old_url, old_url, new_url]
    else:
        assert urls == [old_url] * 3
    (state,) = registry.all()
    assert state.added_url == old_url
    assert state.error_count == 0


def test_malformed_feed_yields_salvaged_entries_and_a_warning(
    httpserver: HTTPServer,
    make_watcher: Callable[..., Watcher],
    registry: FeedRegistry,
    sink: RedisListSink,
    redis_url: str,
) -> None:
    broken = (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Broken</title>"
        "<item><title>Salvaged one</title><guid>s1</guid><description>Text & more"
        "</description></item><item><title>Salvaged two</title><guid>s2</guid>"
        "<description>Unclosed <b>bold</description></item>"
    )  # a bare '&', an unclosed <b>, and no closing channel/rss
    httpserver.expect_request("/feed").respond_with_data(broken, content_type="application/rss+xml")
    settings = make_settings(redis_url, feeds=[httpserver.url_for("/feed")], fetch_full_text=False)
    make_watcher(settings).run_once()
    assert sorted(a.title for a in sink.articles()) == ["Salvaged one", "Salvaged two"]
    (state,) = registry.all()
    assert state.error_count == 0
    assert state.last_warning


def test_html_page_instead_of_a_feed_is_an_error_not_a_crash(
    httpserver: HTTPServer,
    make_watcher: Callable[..., Watcher],
    registry: FeedRegistry,
    sink: RedisListSink,
    redis_url: str,
    clock: Clock,
) -> None:
    httpserver.expect_request("/feed").respond_with_data(
        "<html><body><p>Moved to our new site</p></body></html>", content_type="text/html"
    )
    make_watcher(make_settings(redis_url, feeds=[httpserver.url_for("/feed")])).run_once()
    (state,) = registry.all()
    assert "NotAFeed" in (state.last_error or "")
    assert state.next_check_at is not None and state.next_check_at > clock() + timedelta(seconds=50)
    assert sink.articles() == []


class BuggySink:
    def submit_article(self, article: Article) -> SubmitResult:
        raise RuntimeError("a bug downstream")


def test_an_unexpected_error_counts_against_the_feed_and_never_stops_the_watcher(
    httpserver: HTTPServer,
    redis_client: redis.Redis,
    registry: FeedRegistry,
    redis_url: str,
    clock: Clock,
) -> None:
    httpserver.expect_request("/bad").respond_with_data(FEED, content_type="application/rss+xml")
    # A Location httpx cannot parse (werkzeug refuses to send one, http.server does not).
    hop = StaticServer(b"", {"Location": "http://[::1/broken"}, status=302)
    feeds = [httpserver.url_for("/bad"), hop.url("/hop")]
    settings = make_settings(redis_url, feeds=feeds, fetch_full_text=False)
    with hop, Fetcher(settings.fetch) as fetcher:
        watcher = Watcher(
            settings, redis_client, BuggySink(), fetcher=fetcher, now=clock, rng=random.Random(2)
        )
        watcher.start()
        report = watcher.run_once()
        watcher.shutdown()
    assert report.polled == 2 and report.failed == 2
    errors = {f.url.rsplit("/", 1)[1]: f for f in registry.all()}
    assert "unexpected RuntimeError" in (errors["bad"].last_error or "")
    assert "Invalid URL in location" in (errors["hop"].last_error or "")
    assert all(f.error_count == 1 and f.next_check_at is not None for f in errors.values())
