"""Hand-built articles, trade events and outbox entries for the publisher's tests."""

from __future__ import annotations

from datetime import UTC, datetime

from shared.models import (
    Amount,
    AmountMetric,
    ArrivalKind,
    Article,
    ArticleRef,
    Classification,
    Codes,
    Confidence,
    EntityKind,
    EventType,
    Evidence,
    Extractor,
    Participant,
    Role,
    TradeEvent,
)
from shared.outbox import OutboxEntry

RECEIVED = datetime(2018, 11, 18, 9, 0, tzinfo=UTC)


def article(
    text: str = "Sichuan will buy Russian grain worth 500 million dollars.",
    *,
    url: str = "https://news.example.com/a/1",
    title: str = "Trade",
) -> Article:
    return Article.build(
        title=title,
        text=text,
        arrived_via=ArrivalKind.FEED,
        received_at=RECEIVED,
        url=url,
        published_at=RECEIVED,
    )


def ref(art: Article) -> ArticleRef:
    return ArticleRef(
        id=art.id,
        url=art.url,
        title=art.title,
        publisher=art.publisher,
        published_at=art.published_at,
        arrived_via=art.arrived_via.value,
        content_hash=art.content_hash,
    )


def event(
    art: Article,
    lineage: str,
    *,
    usd: float = 500e6,
    event_type: EventType = EventType.COMMERCIAL_DEAL,
    countries: tuple[str, ...] = ("CHN", "RUS"),
) -> TradeEvent:
    sentence = art.text[:200]
    return TradeEvent(
        event_id=lineage,
        event_type=event_type,
        summary=f"{lineage}: {usd:.0f} USD",
        codes=Codes(cameo="061", plover_event="COOPERATE", plover_mode="economic"),
        participants=[
            Participant(
                role=Role.BUYER,
                name="Sichuan",
                kind=EntityKind.REGION,
                country="CHN",
                subdivision="CN-SC",
            ),
            Participant(role=Role.SELLER, name="Russia", kind=EntityKind.COUNTRY, country="RUS"),
        ],
        countries=list(countries),
        amounts=[
            Amount(
                text=f"{usd} dollars",
                value=usd,
                currency="USD",
                metric=AmountMetric.DEAL_VALUE,
                usd_value=usd,
                usd_source="article",
            )
        ],
        evidence=Evidence(sentence=sentence, start=0, end=len(sentence)),
        confidence=Confidence(score=0.9, basis=["rule"]),
        article=ref(art),
        extractor=Extractor(name="test", version="1"),
    )


def entry(art: Article, events: list[TradeEvent]) -> OutboxEntry:
    countries = sorted({c for e in events for c in e.countries})
    return OutboxEntry(
        article=art,
        classification=Classification(
            is_trade_cooperation=bool(events), score=0.9, countries=countries
        ),
        events=events,
    )
