"""The dead-letter list: anything that cannot be processed is kept here with the reason."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import redis
from pydantic import BaseModel, ConfigDict, Field

from shared import constants as c


class DeadLetter(BaseModel):
    """One unprocessable item: where it failed, why, and the payload to replay it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    stage: str = Field(description="watcher, inbox, client, worker, publisher")
    reason: str
    error_type: str | None = None
    article_id: str | None = None
    task_id: str | None = None
    attempts: int | None = None
    payload: Any = None
    at: datetime


def dead_letter(client: redis.Redis, entry: DeadLetter) -> None:
    """Keep the entry, newest first, bounded so that a flood cannot exhaust Redis."""
    pipe = client.pipeline(transaction=True)
    pipe.lpush(c.DEAD_LETTER_LIST, entry.model_dump_json())
    pipe.ltrim(c.DEAD_LETTER_LIST, 0, c.DEAD_LETTER_MAX_LEN - 1)
    pipe.execute()


def read_dead_letters(client: redis.Redis, limit: int = 100) -> list[DeadLetter]:
    raw = client.lrange(c.DEAD_LETTER_LIST, 0, limit - 1)
    return [DeadLetter.model_validate(json.loads(item)) for item in raw]
