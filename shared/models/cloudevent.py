"""The CloudEvents 1.0 structured-mode envelope every published event travels in."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Final, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from shared.models.event import TradeEvent

EVENT_TYPE_V1: Final = "tradewire.trade_event.v1"
DATASCHEMA_V1 = "https://tradewire.dev/schema/trade_event.v1.json"


class CloudEvent(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    specversion: Literal["1.0"] = "1.0"
    id: str = Field(min_length=1, description="unique per message; the same for a re-publish")
    source: str = Field(min_length=1)
    type: Literal["tradewire.trade_event.v1"] = "tradewire.trade_event.v1"
    time: AwareDatetime
    subject: str = Field(description="the sorted country pair or group, e.g. CHN-RUS")
    datacontenttype: Literal["application/json"] = "application/json"
    dataschema: str = DATASCHEMA_V1
    data: TradeEvent

    @classmethod
    def wrap(cls, event: TradeEvent, *, source: str, time: datetime) -> CloudEvent:
        """Envelope an event; the message id changes only when the event's content changes."""
        return cls(
            id=message_id(event),
            source=source,
            time=time,
            subject="-".join(event.countries) or "unknown",
            data=event,
        )


# Publication bookkeeping, not facts: an unchanged fact keeps its hash whatever its revision.
_NOT_FACTS = {"article", "status", "revision", "supersedes"}


def fact_hash(event: TradeEvent) -> str:
    """A hash of what the event states, blind to how and when its article arrived."""
    body = event.model_dump_json(exclude=_NOT_FACTS).encode()
    return hashlib.sha256(body).hexdigest()[:12]


def message_id(event: TradeEvent) -> str:
    """Lineage id plus the fact hash: a re-push is the same message, an edit is a new one.

    A revision past the first is part of the id, so a fact that returns after an edit or a
    retraction is a new message, not a duplicate of its first publication.
    """
    base = f"{event.event_id}.{fact_hash(event)}"
    return base if event.revision == 0 else f"{base}.r{event.revision}"
