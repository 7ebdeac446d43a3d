"""Where the watcher hands its articles: the producer client, or a plain Redis list."""

from __future__ import annotations

from typing import Protocol

import redis

from shared.client import SubmitResult
from shared.errors import RetryLater
from shared.models import Article


class ArticleSink(Protocol):
    """Anything that queues a normalised article; `TradewireClient` is the production one.
    Raises RetryLater when the queue is unavailable, InvalidInput when the article is refused."""

    def submit_article(self, article: Article) -> SubmitResult: ...


class RedisListSink:
    """RPUSHes each article's JSON to a Redis list, with no dedup of its own: what the watcher
    sends is exactly what lands. Used by the benchmark, the tests, and for dry runs."""

    def __init__(self, client: redis.Redis, key: str) -> None:
        self._redis = client
        self.key = key

    def submit_article(self, article: Article) -> SubmitResult:
        try:
            self._redis.rpush(self.key, article.model_dump_json())
        except redis.RedisError as exc:
            raise RetryLater(f"list sink unavailable: {exc}") from exc
        return SubmitResult(article_id=article.id, queued=True, reason="new")

    def articles(self) -> list[Article]:
        return [Article.model_validate_json(raw) for raw in self._redis.lrange(self.key, 0, -1)]
