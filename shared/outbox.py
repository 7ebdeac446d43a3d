"""The outbox entry: what a worker hands the publisher for one processed article."""

from __future__ import annotations

from typing import cast

import redis
from pydantic import BaseModel, ConfigDict

from shared import constants as c
from shared.models import Article, Classification, TradeEvent
from shared.redisutil import as_text, stream_id


class OutboxEntry(BaseModel):
    """All events of one processing of one article; the publisher diffs it with the last one."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    article: Article
    classification: Classification
    events: list[TradeEvent]

    def to_fields(self) -> dict[str, str]:
        """Stream fields: the ids for cheap filtering, the whole entry as JSON."""
        return {
            "article_id": self.article.id,
            "content_hash": self.article.content_hash,
            "payload": self.model_dump_json(),
        }

    @classmethod
    def from_fields(cls, fields: dict[str, str]) -> OutboxEntry:
        return cls.model_validate_json(fields["payload"])


def publisher_caught_up(client: redis.Redis, *, after: bytes | str | None = None) -> bool:
    """True when the publishers' group has read and acked every outbox entry (up to `after`).

    Uses only Redis 6.2 commands (no XINFO lag), so it works on the embedded server too.
    """
    if after is None:
        newest = cast(list[tuple[bytes, object]], client.xrevrange(c.OUTBOX_STREAM, count=1))
        if not newest:
            return True
        after = newest[0][0]
    last: bytes | str = after
    groups = client.xinfo_groups(c.OUTBOX_STREAM)
    group = next((g for g in groups if as_text(g["name"]) == c.OUTBOX_GROUP), None)
    if group is None or int(group["pending"]):
        return False
    return stream_id(group["last-delivered-id"]) >= stream_id(last)
