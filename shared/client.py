"""The producer client: validate an article, drop duplicates, queue it, return its id."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Literal

import redis
from celery import Celery
from kombu.exceptions import OperationalError
from pydantic import BaseModel, ConfigDict

from shared import constants as c
from shared.celery_app import make_celery
from shared.errors import InvalidInput, RetryLater
from shared.htmltext import extract_page
from shared.models import ArrivalKind, Article, ArticleIn
from shared.models.article import text_fingerprint
from shared.redisutil import as_text, utcnow
from shared.settings import Settings


class SubmitResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    article_id: str
    queued: bool
    reason: Literal["new", "updated", "duplicate"]


def normalise(article: ArticleIn, *, arrived_via: ArrivalKind, received_at: datetime) -> Article:
    """Turn a submission into an Article: HTML becomes main text, identity is computed."""
    title, text, published = article.title, article.text or "", article.published_at
    if not text.strip() and article.html:
        page = extract_page(article.html, url=article.url)
        title, text = title or page.title, page.text
        published = published or page.published_at
    if not text.strip():
        raise InvalidInput("no article text could be taken out of the submission")
    extra = {k: v for k, v in (("url", article.url), ("guid", article.guid)) if v}
    return Article.build(
        title=title,
        text=text,
        arrived_via=arrived_via,
        received_at=received_at,
        published_at=published,
        publisher=article.publisher,
        language=article.language,
        feed_url=article.feed_url,
        **extra,
    )


class TradewireClient:
    """Pushes articles onto the workers' queue. Safe to call twice: duplicates are dropped."""

    def __init__(
        self,
        redis_client: redis.Redis,
        celery_app: Celery,
        *,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        self._redis = redis_client
        self._celery = celery_app
        self._now = now

    @classmethod
    def from_settings(cls, settings: Settings) -> TradewireClient:
        return cls(redis.Redis.from_url(settings.effective_redis_url), make_celery(settings))

    def submit(
        self,
        article: ArticleIn | dict[str, object],
        *,
        arrived_via: ArrivalKind = ArrivalKind.CLIENT,
    ) -> SubmitResult:
        """Validate (raises InvalidInput with the reason), dedup and queue; returns the id."""
        try:
            parsed = (
                article if isinstance(article, ArticleIn) else ArticleIn.model_validate(article)
            )
        except ValueError as exc:
            raise InvalidInput(f"invalid article: {exc}") from exc
        return self.submit_article(
            normalise(parsed, arrived_via=arrived_via, received_at=self._now())
        )

    def submit_article(self, article: Article) -> SubmitResult:
        """Queue an article unless this exact version, or its text under another id, was queued."""
        key = c.ARTICLE_SEEN_PREFIX + article.id
        fingerprint_key = c.ARTICLE_FINGERPRINT_PREFIX + text_fingerprint(article.text)
        try:
            previous, owner = self._redis.mget(key, fingerprint_key)
            if previous is not None and as_text(previous) == article.content_hash:
                return SubmitResult(article_id=article.id, queued=False, reason="duplicate")
            if owner is not None and as_text(owner) != article.id:
                # The same story under another URL (syndication): its events are the owner's.
                return SubmitResult(article_id=as_text(owner), queued=False, reason="duplicate")
            self._enqueue(article)
            # Recorded after queueing: a crash in between queues twice, which the publisher absorbs.
            pipe = self._redis.pipeline(transaction=False)
            pipe.set(key, article.content_hash, ex=c.ARTICLE_SEEN_TTL_S)
            pipe.set(fingerprint_key, article.id, ex=c.ARTICLE_SEEN_TTL_S, nx=True)
            pipe.execute()
        except (redis.RedisError, OperationalError) as exc:
            raise RetryLater(f"queue unavailable: {exc}") from exc
        reason: Literal["new", "updated"] = "new" if previous is None else "updated"
        return SubmitResult(article_id=article.id, queued=True, reason=reason)

    def _enqueue(self, article: Article) -> None:
        body = json.loads(article.model_dump_json())
        if len(json.dumps(body)) > c.MAX_MESSAGE_BYTES:
            raise InvalidInput(f"article {article.id} exceeds {c.MAX_MESSAGE_BYTES} bytes")
        self._celery.send_task(
            c.PROCESS_ARTICLE_TASK,
            args=[body],
            queue=c.ARTICLES_QUEUE,
            retry=True,
            retry_policy={"max_retries": 3, "interval_start": 0.2, "interval_step": 0.5},
        )
