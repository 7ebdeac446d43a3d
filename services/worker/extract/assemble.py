"""Turning merged drafts into v1 `TradeEvent`s: codes, participants, amounts, dates, ids."""

from __future__ import annotations

from datetime import date
from typing import Any, Final

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
    EventType,
    Extractor,
    Role,
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
_NAMED_BY_ENTITY: Final = frozenset({"country", "capital", "bloc"})
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


# (speed) Each event is one dict validated once: pydantic's validator (in Rust) builds the
# nested participants, spans, location, evidence and confidence itself, which is faster than
# a Python-level model construction for each part (and it checks the values as well).
_Dict = dict[str, Any]


def _span(m: Mention) -> _Dict | None:
    if m.end <= m.start:
        return None  # a party supplied by "the two countries" has no words of its own
    return {"start": m.start, "end": m.end, "text": m.text}


def _participant(unit: Unit, role: Role) -> _Dict:
    mention = unit.mention
    entity = mention.entity
    kind = entity.kind
    name = entity.name if kind in _NAMED_BY_ENTITY or entity.form != "name" else mention.text
    return {
        "role": role,
        "name": name,
        "kind": entity_kind(kind),
        "country": unit.country,
        "subdivision": entity.subdivision if kind == "region" else None,
        "span": _span(mention),
    }


def _amount(m: MoneyMention, draft: Draft, fx: FxRates | None, on: date | None) -> Amount:
    metric = _METRIC[draft.type]
    if m.unit == "percent":
        metric = (
            AmountMetric.GROWTH_RATE if draft.type is EventType.TRADE_VOLUME else AmountMetric.OTHER
        )
    return to_amount(m, metric=metric, fx=fx, on=on)


def _when(draft: Draft, anchor: date | None, intent: bool) -> When | None:
    if draft.time is None:
        return None
    when = to_when(draft.time, anchor=anchor)
    if draft.type is EventType.TRADE_TARGET and when.relation is not TemporalRelation.TARGET:
        when = when.model_copy(update={"relation": TemporalRelation.TARGET})
    elif (
        draft.type in _PLANNED_TYPES
        and intent
        and when.relation in (TemporalRelation.TARGET, TemporalRelation.OCCURRED)
    ):
        when = when.model_copy(update={"relation": TemporalRelation.PLANNED})
    return when


def _location(draft: Draft) -> _Dict | None:
    m = draft.location
    if m is None:
        return None
    entity = m.entity
    return {
        "name": m.text,
        "country": entity.place_country,
        "subdivision": entity.subdivision,
        "span": _span(m),
    }


# (speed) a table, not `.value`: an enum member's value is a dear property
_TYPE_WORDS: Final = {t: t.value.replace("_", " ") for t in EventType}


def _summary(draft: Draft) -> str:
    names = ", ".join(dict.fromkeys(u.mention.entity.name for u in draft.units))
    return f"{_TYPE_WORDS[draft.type]}: {names}"[:200]


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
        intent = draft.intent  # (speed) read once: the codes and the time both need it
        roles = draft.roles
        event = {
            "event_id": event_id,
            "event_type": draft.type,
            "summary": _summary(draft),
            "codes": codes_for(draft.type, intent=intent, mission_mode=draft.mission_mode),
            "participants": [_participant(u, roles[u.key]) for u in draft.units],
            "countries": draft.countries,
            "sectors": ordered(draft.sectors),
            "amounts": [_amount(m, draft, fx, anchor) for m in draft.money],
            "when": _when(draft, anchor, intent),
            "location": _location(draft),
            "evidence": {"sentence": sentence.text, "start": sentence.start, "end": sentence.end},
            "confidence": {"score": draft.confidence, "basis": draft.basis},
            "article": ref,
            "extractor": extractor,
        }
        events.append(TradeEvent.model_validate(event))
    return events
