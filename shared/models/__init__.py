"""The pydantic models that form tradewire's contracts: article in, classification, event out."""

from shared.models.article import ArrivalKind, Article, ArticleIn
from shared.models.classification import Classification
from shared.models.cloudevent import CloudEvent
from shared.models.event import (
    Amount,
    AmountMetric,
    ArticleRef,
    Codes,
    Confidence,
    EntityKind,
    EventStatus,
    EventType,
    Evidence,
    Extractor,
    Granularity,
    Location,
    Participant,
    Role,
    Sector,
    Span,
    TemporalRelation,
    TradeEvent,
    When,
)

__all__ = [
    "Amount",
    "AmountMetric",
    "ArrivalKind",
    "Article",
    "ArticleIn",
    "ArticleRef",
    "Classification",
    "CloudEvent",
    "Codes",
    "Confidence",
    "EntityKind",
    "EventStatus",
    "EventType",
    "Evidence",
    "Extractor",
    "Granularity",
    "Location",
    "Participant",
    "Role",
    "Sector",
    "Span",
    "TemporalRelation",
    "TradeEvent",
    "When",
]
