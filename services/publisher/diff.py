"""What a re-processed article changes: new, updated and retracted events against its state."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from shared.models import Article, ArticleRef, EventStatus, TradeEvent
from shared.models.cloudevent import fact_hash, message_id


def article_ref(article: Article) -> ArticleRef:
    """The article reference a retraction carries: the version that no longer states the fact."""
    return ArticleRef.of(article)


def unique_lineages(events: Sequence[TradeEvent]) -> list[TradeEvent]:
    """The first event of each lineage: one processing must not state two versions of a fact."""
    seen: set[str] = set()
    unique = []
    for event in events:
        if event.event_id not in seen:
            seen.add(event.event_id)
            unique.append(event)
    return unique


def _revise(event: TradeEvent, previous: TradeEvent, status: EventStatus) -> TradeEvent:
    return event.model_copy(
        update={
            "status": status,
            "revision": previous.revision + 1,
            "supersedes": message_id(previous),
        }
    )


def _change(event: TradeEvent, previous: TradeEvent | None) -> TradeEvent | None:
    if previous is None:
        return event.model_copy(
            update={"status": EventStatus.NEW, "revision": 0, "supersedes": None}
        )
    if previous.status is EventStatus.RETRACTION or fact_hash(previous) != fact_hash(event):
        return _revise(event, previous, EventStatus.UPDATE)
    return None


def plan_changes(
    previous: Mapping[str, TradeEvent], current: Sequence[TradeEvent], article: ArticleRef
) -> list[TradeEvent]:
    """The events to publish, in article order, then retractions of vanished lineages.

    `previous` maps lineage id to the last revision published (retractions included), so a
    fact that was retracted and comes back is an update, and an unchanged fact is nothing.
    """
    events = unique_lineages(current)
    changes = [c for e in events if (c := _change(e, previous.get(e.event_id))) is not None]
    present = {e.event_id for e in events}
    for lineage in sorted(previous.keys() - present):
        gone = previous[lineage]
        if gone.status is not EventStatus.RETRACTION:
            retraction = _revise(gone, gone, EventStatus.RETRACTION)
            changes.append(retraction.model_copy(update={"article": article}))
    return changes
