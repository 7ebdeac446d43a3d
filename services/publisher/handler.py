"""One outbox entry to CloudEvents: diff against the article's state, publish, retry on a race."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import redis
from pydantic import ValidationError

from services.publisher.diff import article_ref, plan_changes
from services.publisher.groups import StreamEntry
from services.publisher.publish import EventPublisher, load_state
from shared import constants as c
from shared.errors import InvalidInput, RetryLater
from shared.logging import get_logger
from shared.models import CloudEvent
from shared.outbox import OutboxEntry
from shared.settings import PublisherSettings

log = get_logger(__name__)


class EntryHandler:
    """Turns an outbox entry into the CloudEvents its article's changes call for."""

    def __init__(
        self,
        client: redis.Redis,
        settings: PublisherSettings,
        *,
        now: Callable[[], datetime],
    ) -> None:
        self.client = client
        self.settings = settings
        self.now = now
        self.publisher = EventPublisher(client, maxlen=settings.stream_maxlen)

    def handle(self, entry: StreamEntry) -> list[CloudEvent]:
        """The CloudEvents added to the stream for this entry (none for a re-push or stale one).

        Raises InvalidInput for a malformed entry (it can never succeed) and RetryLater when
        other replicas keep changing the same article's state.
        """
        try:
            outbox = OutboxEntry.from_fields(entry.fields)
        except (KeyError, ValidationError) as exc:
            raise InvalidInput(f"invalid outbox entry: {exc}") from exc
        for _ in range(c.PUBLISH_CONFLICT_RETRIES):
            added = self._attempt(entry.entry_id, outbox)
            if added is not None:
                return added
        raise RetryLater(f"article {outbox.article.id} kept changing while being published")

    def _attempt(self, entry_id: str, outbox: OutboxEntry) -> list[CloudEvent] | None:
        article_id = outbox.article.id
        state = load_state(self.client, article_id)
        if state.is_newer_or_same(entry_id):
            # Already applied (a publisher died before acking) or superseded by a later version.
            log.info("outbox_entry_stale", entry_id=entry_id, article_id=article_id)
            return []
        if len({e.event_id for e in outbox.events}) != len(outbox.events):
            log.warning("duplicate_lineages_dropped", article_id=article_id)
        changes = plan_changes(state.events, outbox.events, article_ref(outbox.article))
        time = self.now()
        messages = [CloudEvent.wrap(e, source=self.settings.source, time=time) for e in changes]
        outcome = self.publisher.publish(article_id, entry_id, state.entry_id, messages)
        if outcome.status == "moved":
            log.info("article_state_moved", article_id=article_id, entry_id=entry_id)
            return None
        log.info(
            "article_published",
            article_id=article_id,
            entry_id=entry_id,
            changes=len(messages),
            added=len(outcome.added),
        )
        return outcome.added
