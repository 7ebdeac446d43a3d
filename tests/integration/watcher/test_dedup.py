"""Dedup that holds: across polls, restarts, repeated guids, and two feeds carrying one article."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
import redis
from pytest_httpserver import HTTPServer

from services.watcher.feedstate import FeedState
from services.watcher.registry import FeedRegistry
from services.watcher.service import Watcher
from services.watcher.sink import RedisListSink
from shared.client import SubmitResult
from shared.errors import RetryLater
from shared.models import Article
from tests.integration.watcher.conftest import make_settings
from tests.integration.watcher.helpers import LONG_PARAGRAPHS, Clock, Item, page, rss

pytestmark = pytest.mark.integration


def serve_feed(server: HTTPServer, path: str, items: list[Item]) -> None:
    server.clear_all_handlers()  # keeps the request log
    server.expect_request(path).respond_with_data(rss(items), content_type="application/rss+xml")


def test_entry_seen_before_is_never_queued_twice_also_after_a_restart(
    httpserver: HTTPServer,
    make_watcher: Callable[..., Watcher],
    sink: RedisListSink,
    redis_url: str,
    clock: Clock,
) -> None:
    a = Item("A", guid="a", description="Entry A.")
    b = Item("B", guid="b", description="Entry B.")
    c = Item("C", guid="c", description="Entry C.")
    serve_feed(httpserver, "/feed", [b, a])
    settings = make_settings(redis_url, feeds=[httpserver.url_for("/feed")], fetch_full_text=False)
    watcher = make_watcher(settings)
    watcher.run_once()
    assert [x.title for x in sink.articles()] == ["A", "B"]  # oldest (last listed) first
    serve_feed(httpserver, "/feed", [c, b, a])
    clock.advance(4000)
    watcher.run_once()
    assert [x.title for x in sink.articles()] == ["A", "B", "C"]
    watcher.shutdown()
    restarted = make_watcher(settings)  # a new process: nothing remembered but Redis
    clock.advance(4000)
    restarted.run_once()
    assert len(httpserver.log) == 3  # no new info
    assert [x.title for x in sink.articles()] == ["A", "B", "C"]


def test_guid_repeated_inside_one_feed_is_disambiguated(
    httpserver: HTTPServer,
    make_watcher: Callable[..., Watcher],
    sink: RedisListSink,
    redis_url: str,
    clock: Clock,
) -> None:
    items = [
        Item("Two", guid="same", link="http://example.org/two", description="Second story."),
        Item("One", guid="same", link="http://example.org/one", description="First story."),
    ]
    serve_feed(httpserver, "/feed", items)
    settings = make_settings(redis_url, feeds=[httpserver.url_for("/feed")], fetch_full_text=False)
    watcher = make_watcher(settings)
    watcher.run_once()
    assert sorted(x.title for x in sink.articles()) == ["One", "Two"]
    clock.advance(4000)
    watcher.run_once()
    assert len(sink.articles()) == 2


def test_article_reached_through_two_feeds_is_queued_once(
    httpserver: HTTPServer,
    make_watcher: Callable[..., Watcher],
    sink: RedisListSink,
    redis_url: str,
) -> None:
    article_url = httpserver.url_for("/news/deal")
    httpserver.expect_request(re.compile(r"^/news/deal/?$")).respond_with_data(
        page("Deal", LONG_PARAGRAPHS), content_type="text/html"
    )
    # The same page under two guids, the second with tracking parameters and a trailing slash.
    in_a = Item("Deal", guid="site-a-1", link=article_url, description="Deal summary.")
    in_b = Item(
        "Deal (syndicated)",
        guid="site-b-99",
        link=article_url + "/?utm_source=rss&utm_medium=feed",
        description="Deal summary.",
    )
    httpserver.expect_request("/a.xml").respond_with_data(rss([in_a]), content_type="text/xml")
    httpserver.expect_request("/b.xml").respond_with_data(rss([in_b]), content_type="text/xml")
    feeds = [httpserver.url_for("/a.xml"), httpserver.url_for("/b.xml")]
    make_watcher(make_settings(redis_url, feeds=feeds)).run_once()
    (article,) = sink.articles()
    assert article.url in (in_a.link, in_b.link)
    page_fetches = [r for r, _ in httpserver.log if r.path.startswith("/news/deal")]
    assert len(page_fetches) == 1


class FlakySink:
    """Refuses the first `failures` submissions as if the queue were down, then records."""

    def __init__(self, inner: RedisListSink, failures: int) -> None:
        self.inner = inner
        self.failures = failures

    def submit_article(self, article: Article) -> SubmitResult:
        if self.failures > 0:
            self.failures -= 1
            raise RetryLater("queue down")
        return self.inner.submit_article(article)


def test_entries_not_queued_are_retried_and_validators_not_stored(
    httpserver: HTTPServer,
    redis_url: str,
    redis_client: redis.Redis,
    sink: RedisListSink,
    clock: Clock,
) -> None:
    import random

    from services.watcher.fetch import Fetcher

    etag = '"e1"'
    httpserver.expect_request("/feed").respond_with_data(
        rss([Item("Kept", guid="k", description="Must not be lost.")]),
        content_type="application/rss+xml",
        headers={"ETag": etag},
    )
    settings = make_settings(redis_url, feeds=[httpserver.url_for("/feed")], fetch_full_text=False)
    flaky = FlakySink(sink, failures=1)
    with Fetcher(settings.fetch) as fetcher:
        watcher = Watcher(
            settings, redis_client, flaky, fetcher=fetcher, now=clock, rng=random.Random(1)
        )
        watcher.start()
        watcher.run_once()
        assert sink.articles() == []
        (state,) = FeedRegistry(redis_client).all()
        assert state.etag is None  # else the next poll gets a 304 and the entry is lost
        clock.advance(4000)
        watcher.run_once()
        watcher.shutdown()
    assert [a.title for a in sink.articles()] == ["Kept"]
    assert httpserver.log[1][0].headers.get("If-None-Match") is None
    (state,) = FeedRegistry(redis_client).all()
    assert isinstance(state, FeedState) and state.etag == etag
