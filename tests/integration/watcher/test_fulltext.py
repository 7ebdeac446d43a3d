"""Full text: each new entry's page fetched and its main text taken out, else its summary."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
import redis
from pytest_httpserver import HTTPServer

from services.watcher.fetch import fetch_article_page
from services.watcher.registry import FeedRegistry
from services.watcher.service import Watcher
from services.watcher.sink import RedisListSink
from shared import constants as c
from shared.errors import UnsafeURL
from shared.models import ArrivalKind
from tests.integration.watcher.conftest import make_settings
from tests.integration.watcher.helpers import LONG_PARAGRAPHS, Clock, Item, page, rss

pytestmark = pytest.mark.integration


def test_page_main_text_replaces_the_summary(
    httpserver: HTTPServer,
    make_watcher: Callable[..., Watcher],
    sink: RedisListSink,
    redis_url: str,
) -> None:
    link = httpserver.url_for("/news/1.html")
    httpserver.expect_request("/news/1.html").respond_with_data(
        page("Grain deal", LONG_PARAGRAPHS, published="2025-02-27T09:30:00+00:00"),
        content_type="text/html; charset=utf-8",
    )
    item = Item("Grain deal", guid="n1", link=link, description="Short teaser.")
    httpserver.expect_request("/feed").respond_with_data(
        rss([item], title="Daily News"), content_type="application/rss+xml"
    )
    make_watcher(make_settings(redis_url, feeds=[httpserver.url_for("/feed")])).run_once()
    (article,) = sink.articles()
    assert "Sichuan province" in article.text
    assert "Chengdu" in article.text
    assert "Short teaser" not in article.text
    assert "Copyright Example News" not in article.text  # boilerplate left out
    assert article.published_at == datetime(2025, 2, 27, 9, 30, tzinfo=UTC)  # from the page
    assert article.url == link
    assert article.guid == "n1"
    assert article.publisher == "Daily News"
    assert article.language == "en-GB"
    assert article.arrived_via is ArrivalKind.FEED
    assert article.feed_url == httpserver.url_for("/feed")


def test_feed_date_wins_over_the_page_date(
    httpserver: HTTPServer,
    make_watcher: Callable[..., Watcher],
    sink: RedisListSink,
    redis_url: str,
) -> None:
    httpserver.expect_request("/p").respond_with_data(
        page("T", LONG_PARAGRAPHS, published="2020-01-01T00:00:00+00:00"), content_type="text/html"
    )
    when = datetime(2025, 2, 28, 18, 0, tzinfo=UTC)
    item = Item("T", guid="t", link=httpserver.url_for("/p"), description="x", published=when)
    httpserver.expect_request("/feed").respond_with_data(rss([item]))
    make_watcher(make_settings(redis_url, feeds=[httpserver.url_for("/feed")])).run_once()
    assert sink.articles()[0].published_at == when


def test_failed_page_falls_back_to_the_summary_and_it_is_recorded(
    httpserver: HTTPServer,
    make_watcher: Callable[..., Watcher],
    registry: FeedRegistry,
    sink: RedisListSink,
    redis_client: redis.Redis,
    redis_url: str,
) -> None:
    httpserver.expect_request("/missing").respond_with_data("nope", status=404)
    summary = "<p>Russia and China agreed to expand <b>grain</b> trade.</p>"
    item = Item("Grain", guid="g", link=httpserver.url_for("/missing"), description=summary)
    httpserver.expect_request("/feed").respond_with_data(rss([item]))
    make_watcher(make_settings(redis_url, feeds=[httpserver.url_for("/feed")])).run_once()
    (article,) = sink.articles()
    assert article.text == "Russia and China agreed to expand grain trade."
    (state,) = registry.all()
    assert state.fulltext_fallbacks == 1
    counters = redis_client.hgetall(c.WATCHER_METRICS_HASH)
    assert float(counters['fulltext_total{outcome="fallback"}']) == 1


def test_page_on_a_forbidden_address_is_not_fetched_and_the_summary_is_used(
    httpserver: HTTPServer,
    make_watcher: Callable[..., Watcher],
    sink: RedisListSink,
    redis_url: str,
) -> None:
    item = Item("Meta", guid="m", link="http://169.254.169.254/latest/", description="Summary.")
    httpserver.expect_request("/feed").respond_with_data(rss([item]))
    make_watcher(make_settings(redis_url, feeds=[httpserver.url_for("/feed")])).run_once()
    assert [a.text for a in sink.articles()] == ["Summary."]


def test_entry_with_no_page_and_no_summary_is_dead_lettered_after_retries(
    httpserver: HTTPServer,
    make_watcher: Callable[..., Watcher],
    sink: RedisListSink,
    redis_client: redis.Redis,
    redis_url: str,
    clock: Clock,
) -> None:
    httpserver.expect_request("/flaky").respond_with_data("busy", status=503)
    item = Item("Empty", guid="e", link=httpserver.url_for("/flaky"))
    httpserver.expect_request("/feed").respond_with_data(rss([item]))
    watcher = make_watcher(make_settings(redis_url, feeds=[httpserver.url_for("/feed")]))
    for _ in range(c.WATCHER_ENTRY_MAX_ATTEMPTS):
        assert redis_client.llen(c.DEAD_LETTER_LIST) == 0
        watcher.run_once()
        clock.advance(4000)
    (raw,) = redis_client.lrange(c.DEAD_LETTER_LIST, 0, -1)
    entry = json.loads(raw)
    assert entry["stage"] == "watcher"
    assert "503" in entry["reason"]
    assert entry["payload"]["link"] == item.link
    assert sink.articles() == []
    watcher.run_once()
    page_hits = [r for r, _ in httpserver.log if r.path == "/flaky"]
    assert len(page_hits) == c.WATCHER_ENTRY_MAX_ATTEMPTS  # given up: not tried again


def test_fetch_article_page_for_submit(httpserver: HTTPServer, redis_url: str) -> None:
    httpserver.expect_request("/a").respond_with_data(
        page("Export news", LONG_PARAGRAPHS), content_type="text/html"
    )
    settings = make_settings(redis_url)
    submission = fetch_article_page(httpserver.url_for("/a"), settings)
    assert submission.title == "Export news"
    assert submission.text is not None and "Kazakhstan" in submission.text
    strict = make_settings(redis_url, fetch={"allow_private_networks": False})
    with pytest.raises(UnsafeURL):
        fetch_article_page(httpserver.url_for("/a"), strict)
