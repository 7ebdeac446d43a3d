"""The seed facts of DESIGN.md ("What the seeds should yield"), specified by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from services.worker.extract import Analysis, analyse
from shared.articlefile import article_from_file
from shared.client import normalise
from shared.models import (
    AmountMetric,
    ArrivalKind,
    EntityKind,
    EventType,
    Role,
    Sector,
    TemporalRelation,
    TradeEvent,
)

RECEIVED = datetime(2025, 1, 1, tzinfo=UTC)
CIIE_SECTORS = {Sector.AGRICULTURE_FOOD, Sector.HIGH_TECH, Sector.HEALTHCARE, Sector.CONSUMER_GOODS}


def _analyse(seed_paths: list[Path], prefix: str) -> Analysis:
    path = next(p for p in seed_paths if p.name.startswith(prefix))
    return analyse(
        normalise(article_from_file(path), arrived_via=ArrivalKind.FILE, received_at=RECEIVED)
    )


@pytest.fixture(scope="module")
def expo(seed_paths: list[Path]) -> Analysis:
    return _analyse(seed_paths, "000_")


@pytest.fixture(scope="module")
def undated(seed_paths: list[Path]) -> Analysis:
    return _analyse(seed_paths, "003_")


def _find(events: list[TradeEvent], event_type: EventType, words: str) -> TradeEvent:
    found = [e for e in events if e.event_type is event_type and words in e.evidence.sentence]
    assert len(found) == 1, [(e.event_type, e.evidence.sentence[:60]) for e in events]
    return found[0]


def _consistent(analysis: Analysis) -> None:
    for event in analysis.events:
        ev = event.evidence
        assert analysis.clean_text[ev.start : ev.end] == ev.sentence
        assert event.countries == sorted(event.countries)
        assert set(event.countries) == {"CHN", "RUS"}  # "130 countries", Airbus, Boeing: no


def test_expo_article_is_russia_china_cooperation(expo: Analysis) -> None:
    cls = expo.classification
    assert cls.is_trade_cooperation
    assert cls.countries == ["CHN", "RUS"]
    assert set(cls.sectors) >= CIIE_SECTORS
    _consistent(expo)


def test_contracts_at_the_ciie(expo: Analysis) -> None:
    event = _find(expo.events, EventType.COMMERCIAL_DEAL, "string of contracts")
    assert event.codes.cameo == "061"
    assert set(event.sectors) == CIIE_SECTORS
    assert event.location is not None
    assert (event.location.name, event.location.subdivision) == ("Shanghai", "CN-SH")
    assert event.when is not None
    assert (event.when.start, event.when.end) == (date(2018, 11, 5), date(2018, 11, 10))


def test_purchase_by_three_provinces(expo: Analysis) -> None:
    event = _find(expo.events, EventType.COMMERCIAL_DEAL, "agro-industrial")
    [amount] = event.amounts
    assert (amount.value, amount.currency, amount.approximate) == (500_000_000, "USD", True)
    assert amount.metric is AmountMetric.DEAL_VALUE
    buyers = {p.subdivision for p in event.participants if p.role is Role.BUYER}
    assert buyers == {"CN-SC", "CN-HB", "CN-GS"}
    assert all(p.kind is EntityKind.REGION for p in event.participants if p.role is Role.BUYER)
    sellers = [p.country for p in event.participants if p.role is Role.SELLER]
    assert sellers == ["RUS"]


def test_rec_office_in_shanghai_by_year_end(expo: Analysis) -> None:
    event = _find(expo.events, EventType.OFFICE_OPENING, "REC office")
    assert event.codes.cameo == "0311"  # planned
    assert event.location is not None and event.location.subdivision == "CN-SH"
    assert event.when is not None
    assert event.when.end == date(2018, 12, 31)
    assert event.when.relation is TemporalRelation.PLANNED


def test_rec_partner_in_alibaba_import_project(expo: Analysis) -> None:
    event = _find(expo.events, EventType.JOINT_PROJECT, "Alibaba")
    names = {(p.name, p.country) for p in event.participants}
    assert {("REC", "RUS"), ("Alibaba Group", "CHN")} <= names


def test_undated_article_drops_its_footer(undated: Analysis) -> None:
    assert "Discuz" not in undated.clean_text
    assert "Comsenz" not in undated.clean_text
    assert undated.clean_text.endswith("said Oreshkin.")
    assert undated.classification.countries == ["CHN", "RUS"]
    _consistent(undated)


def test_trade_up_in_yuan_with_the_articles_dollars(undated: Analysis) -> None:
    event = _find(undated.events, EventType.TRADE_VOLUME, "33.7 percent")
    money = [a for a in event.amounts if a.currency]
    assert [(a.value, a.currency, a.usd_value, a.usd_source) for a in money] == [
        (223_100_000_000, "CNY", 32_800_000_000, "article")
    ]
    assert money[0].metric is AmountMetric.TRADE_VOLUME
    growth = [a for a in event.amounts if a.unit == "percent"]
    assert [(a.value, a.metric) for a in growth] == [(33.7, AmountMetric.GROWTH_RATE)]
    assert event.when is not None
    assert event.when.resolved is False  # no publication date: no guessing
    assert event.when.start is None


def test_comac_uac_wide_body_jet(undated: Analysis) -> None:
    event = _find(undated.events, EventType.JOINT_PROJECT, "wide-body jet")
    assert event.sectors == [Sector.AEROSPACE]
    assert {(p.kind, p.country) for p in event.participants} == {
        (EntityKind.COMPANY, "CHN"),
        (EntityKind.COMPANY, "RUS"),
    }


def test_belt_and_road_paired_with_the_eaeu(undated: Analysis) -> None:
    event = _find(undated.events, EventType.TRADE_AGREEMENT, "Eurasian Economic Union")
    assert event.codes.cameo == "057"
    blocs = [p.name for p in event.participants if p.kind is EntityKind.BLOC]
    assert blocs == ["Eurasian Economic Union"]


def test_200_billion_target_by_2020(undated: Analysis) -> None:
    event = _find(undated.events, EventType.TRADE_TARGET, "200 billion dollars")
    [amount] = event.amounts
    assert (amount.value, amount.currency, amount.metric) == (2e11, "USD", AmountMetric.TARGET)
    assert event.when is not None
    assert event.when.resolved is True
    assert (event.when.start, event.when.end) == (date(2020, 1, 1), date(2020, 12, 31))
    assert event.when.relation is TemporalRelation.TARGET


def test_events_are_valid_trade_events(expo: Analysis, undated: Analysis) -> None:
    """Parts are built without validation (speed): the whole event must still validate."""
    events = [*expo.events, *undated.events]
    assert events
    for event in events:
        assert TradeEvent.model_validate(event.model_dump()) == event


def test_undated_seed_named_by_its_first_words_is_still_cooperation(seed_paths: list[Path]) -> None:
    """The demo's feed and untitled files name the article by its lead ('For online shoppers
    in Russia, the go-to website is neither ...'): that hook must not make it a shopping story."""
    from services.demo_feed import load_sample_pages

    page = next(p for p in load_sample_pages() if p.parsed.published_at is None)
    article = normalise(
        article_from_file(next(p for p in seed_paths if p.name.startswith("003_"))),
        arrived_via=ArrivalKind.FEED,
        received_at=RECEIVED,
    ).model_copy(update={"title": page.title})
    assert page.title.startswith("For online shoppers in Russia")
    result = analyse(article)
    assert result.classification.is_trade_cooperation
    _find(result.events, EventType.TRADE_VOLUME, "grew 33.7 percent")
