"""Turning merged drafts into v1 `TradeEvent`s: codes, participants, amounts, dates, ids."""

from __future__ import annotations

from datetime import date
from typing import Final

from services.worker.extract.amounts import MoneyMention, to_amount
from services.worker.extract.codes import codes_for
from services.worker.extract.document import Document
from services.worker.extract.drafts import Draft
from services.worker.extract.fx import FxRates
from services.worker.extract.gazetteer import Mention
from services.worker.extract.ids import event_ids, lineage_key
from services.worker.extract.parties import Unit, entity_kind
from services.worker.extract.sectors import ordered
from services.worker.extract.timex import to_when
from shared.models import (
    Amount,
    AmountMetric,
    ArticleRef,
    Confidence,
    EventType,
    Evidence,
    Extractor,
    Location,
    Participant,
    Span,
    TemporalRelation,
    TradeEvent,
    When,
)

_METRIC: Final = {
    EventType.TRADE_AGREEMENT: AmountMetric.DEAL_VALUE,
    EventType.COMMERCIAL_DEAL: AmountMetric.DEAL_VALUE,
    EventType.INVESTMENT: AmountMetric.INVESTMENT,
    EventType.JOINT_PROJECT: AmountMetric.INVESTMENT,
    EventType.TRADE_VOLUME: AmountMetric.TRADE_VOLUME,
    EventType.TRADE_TARGET: AmountMetric.TARGET,
    EventType.TRADE_MISSION: AmountMetric.DEAL_VALUE,
    EventType.OFFICE_OPENING: AmountMetric.INVESTMENT,
    EventType.ECONOMIC_AID: AmountMetric.AID,
}
_PLANNED_TYPES: Final = frozenset(
    {
        EventType.OFFICE_OPENING,
        EventType.INVESTMENT,
        EventType.JOINT_PROJECT,
        EventType.COMMERCIAL_DEAL,
        EventType.TRADE_AGREEMENT,
        EventType.ECONOMIC_AID,
    }
)


# The parts below are built with model_construct: their values come from the gazetteer's
# ISO codes and the document's own offsets, valid by construction, and validating them again
# cost a tenth of the extraction (tests validate whole events).


def _span(m: Mention) -> Span | None:
    if m.end <= m.start:
        return None  # a party supplied by "the two countries" has no words of its own
    return Span.model_construct(start=m.start, end=m.end, text=m.text)


def _participant(unit: Unit, draft: Draft) -> Participant:
    entity = unit.mention.entity
    name = (
        entity.name
        if entity.kind in ("country", "capital", "bloc") or entity.form != "name"
        else unit.mention.text
    )
    subdivision = entity.subdivision if entity.kind == "region" else None
    return Participant.model_construct(
        role=draft.roles[unit.key],
        name=name,
        kind=entity_kind(entity.kind),
        country=unit.country,
        subdivision=subdivision,
        span=_span(unit.mention),
    )


def _amount(m: MoneyMention, draft: Draft, fx: FxRates | None, on: date | None) -> Amount:
    metric = _METRIC[draft.type]
    if m.unit == "percent":
        metric = (
            AmountMetric.GROWTH_RATE if draft.type is EventType.TRADE_VOLUME else AmountMetric.OTHER
        )
    return to_amount(m, metric=metric, fx=fx, on=on)


def _when(draft: Draft, anchor: date | None) -> When | None:
    if draft.time is None:
        return None
    when = to_when(draft.time, anchor=anchor)
    if draft.type is EventType.TRADE_TARGET and when.relation is not TemporalRelation.TARGET:
        when = when.model_copy(update={"relation": TemporalRelation.TARGET})
    elif (
        draft.type in _PLANNED_TYPES
        and draft.intent
        and when.relation in (TemporalRelation.TARGET, TemporalRelation.OCCURRED)
    ):
        when = when.model_copy(update={"relation": TemporalRelation.PLANNED})
    return when


def _location(draft: Draft) -> Location | None:
    m = draft.location
    if m is None:
        return None
    entity = m.entity
    return Location.model_construct(
        name=m.text, country=entity.place_country, subdivision=entity.subdivision, span=_span(m)
    )


def _summary(draft: Draft) -> str:
    names = ", ".join(dict.fromkeys(u.mention.entity.name for u in draft.units))
    return f"{draft.type.value.replace('_', ' ')}: {names}"[:200]


def build_events(
    doc: Document,
    drafts: list[Draft],
    *,
    ref: ArticleRef,
    extractor: Extractor,
    fx: FxRates | None,
    article_id: str,
) -> list[TradeEvent]:
    """The events of an article, in document order, with lineage ids."""
    anchor = doc.anchor
    keys = [lineage_key(d.type, d.keys) for d in drafts]
    ids = event_ids(article_id, keys)
    events = []
    for draft, event_id in zip(drafts, ids, strict=True):
        sentence = doc.sentences[draft.sentence]
        events.append(
            TradeEvent(
                event_id=event_id,
                event_type=draft.type,
                summary=_summary(draft),
                codes=codes_for(draft.type, intent=draft.intent, mission_mode=draft.mission_mode),
                participants=[_participant(u, draft) for u in draft.units],
                countries=draft.countries,
                sectors=ordered(draft.sectors),
                amounts=[_amount(m, draft, fx, anchor) for m in draft.money],
                when=_when(draft, anchor),
                location=_location(draft),
                evidence=Evidence.model_construct(
                    sentence=sentence.text, start=sentence.start, end=sentence.end
                ),
                confidence=Confidence.model_construct(score=draft.confidence, basis=draft.basis),
                article=ref,
                extractor=extractor,
            )
        )
    return events
