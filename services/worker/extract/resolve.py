"""Resolving who a clause's fact is between: its own names, its sentence's, a coordinated
clause's, 'the two countries', 'the company', an expo's host country, or where it happens."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from services.worker.extract.context import (
    Spans,
    Venue,
    country_entity,
    dateline_end,
    find_venues,
    main_pair,
)
from services.worker.extract.document import Document
from services.worker.extract.drafts import Draft
from services.worker.extract.gazetteer import Mention
from services.worker.extract.lexicon import cues
from services.worker.extract.parties import Unit, build_units, with_slots
from services.worker.extract.surface import Entity
from services.worker.extract.triggers import Hit
from shared.models import EventType

LOCATIVE_DIRECTIONS: Final = frozenset({"open", "visit", "invest", "stake_sell", "aid"})
_COORDINATED: Final = re.compile(r"^\W*and\s+(?:also\s+)?\w+", re.IGNORECASE)
_PAIR_BY_DEFAULT: Final = frozenset({EventType.TRADE_TARGET.value, EventType.TRADE_VOLUME.value})
_COMPANY_ANAPHOR: Final = re.compile(
    r"(?:^|\b(?:the|The)\s+)(?:company|firm|group|carmaker|automaker|maker|manufacturer|bank|"
    r"lender|miner|producer|operator|retailer|giant|conglomerate|corporation|utility|insurer|"
    r"fund|agency)\b|"
    r"^\W*(?:It|They)\s+(?:has|have|had|will|would|is|are|was|were|also|said|plans?)\b"
)
_ANAPHOR_LOOKBACK_SENTENCES: Final = 3
_UNKNOWN_COMPANY: Final = re.compile(
    r"^(?:[\w-]+\s+){0,3}?(?:[A-Z][\w&.-]*\s+){1,4}(?:Ltd|Limited|Corp|Corporation|Inc|Co|"
    r"Company|Group|Holdings|Industries|Bank|PLC|Plc|SA|AG|GmbH|LLC|JSC|PJSC)\b"
)


@dataclass(frozen=True, slots=True)
class Context:
    """What every clause of one article may lean on."""

    doc: Document
    venues: list[Venue]
    pair: tuple[Entity, ...]
    dateline: int


def article_context(doc: Document) -> Context:
    spans = [(s.start, s.end) for s in doc.sentences]
    venues = find_venues(doc.text, doc.mentions, spans, [t.start for t in doc.times])
    pair = main_pair(doc.title, doc.mentions, len(doc.text))
    return Context(doc, venues, pair, dateline_end(doc.text))


def sides(units: Sequence[Unit]) -> int:
    """Distinct countries, plus one for blocs without a country code (Mercosur, EAEU)."""
    countries = {u.country for u in units if u.country}
    blocs = any(u.kind == "bloc" and u.country is None for u in units)
    return len(countries) + (1 if blocs else 0)


def _units(
    ctx: Context, mentions: Sequence[Mention], blocked: Spans, locative: bool, start: int, hit: Hit
) -> list[Unit]:
    text = ctx.doc.text
    return with_slots(text, build_units(text, mentions, blocked, locative), start, hit.start)


def resolve_parties(
    ctx: Context,
    hit: Hit,
    clause: tuple[int, int],
    mentions: Sequence[Mention],
    blocked: Spans,
    earlier: list[Draft],
) -> tuple[list[Unit], str]:
    """The party units of one trigger and where they came from (scored differently)."""
    if hit.type.startswith("@ref") or hit.rule.type == "@ref":
        return [], "none"  # "The donation is part of ...": only adds to an earlier fact
    doc = ctx.doc
    start, end = clause
    locative = hit.direction in LOCATIVE_DIRECTIONS
    units = _units(
        ctx, [m for m in mentions if start <= m.start < end], blocked, locative, start, hit
    )
    anaphor = cues().anaphora.search(doc.stems.lower[start : hit.start])
    if anaphor and ctx.pair and _is_subject(doc.text[start : hit.start], anaphor.start()):
        # "the two countries signed ... through Italy, Austria": the pair, not the route
        pair = {e.country or e.key for e in ctx.pair}
        own = [u for u in units if (u.country or u.key) in pair or u.kind == "bloc"]
        return _with_pair(ctx, own, hit), "anaphora"
    if sides(units) >= 2:
        return units, "clause"
    if earlier and _COORDINATED.match(doc.text[start:end]):
        return list(earlier[-1].units), "coordinated"
    sentence = doc.sentences[doc.sentence_index(start)]
    if units:  # a clause naming one side may find the other elsewhere in its sentence
        wide = _units(ctx, mentions, blocked, locative, sentence.start, hit)
        if sides(wide) >= 2:
            return wide, "sentence"
    company = _company_anaphor(ctx, doc.text[start:end], sentence.start)
    if company is not None and sides([*units, company]) >= 2:
        return [company, *units], "anaphora"
    if ctx.pair and cues().anaphora.search(doc.stems.lower[sentence.start : sentence.end]):
        return _with_pair(ctx, units, hit), "anaphora"
    if ctx.pair and not units and hit.type in _PAIR_BY_DEFAULT:
        return _with_pair(ctx, units, hit), "context"  # "trade reached $X by 2030", unnamed
    # "Hyundai Rotem won an order ... in Bogota": a company's deal abroad is with the place
    companies_only = bool(units) and all(u.kind == "company" for u in units)
    host = _host(ctx, sentence.text, units, locative or companies_only, mentions, clause)
    if host is not None and units:
        return [*units, host], "venue"
    home = _dateline_company(ctx, sentence.start, sentence.text, units)
    if home is not None:
        return [home, *units], "dateline"
    return units, "partial" if units else "none"


def _dateline_company(ctx: Context, start: int, text: str, units: list[Unit]) -> Unit | None:
    """'New Delhi, Jun 19 (PTI) State-owned RITES Ltd ... bagged an order from Mozambique's
    railway': a company the gazetteer does not know, in a local wire's first sentence, is
    from the dateline's country."""
    if start > 0 or not ctx.dateline or sides(units) != 1:
        return None
    lead = text[ctx.dateline : ctx.dateline + 80]
    if not _UNKNOWN_COMPANY.match(lead):
        return None
    place = next((m for m in ctx.doc.mentions if m.start < ctx.dateline), None)
    country = place.entity.place_country if place is not None else None
    if country is None or country in {u.country for u in units}:
        return None
    return _country_unit(country, place.start if place else 0)


def _is_subject(before: str, at: int) -> bool:
    """The anaphor opens the clause ('In January, the two countries signed ...')."""
    head = before[:at].strip(" ,")
    return len(head.split()) <= 4 and not any(c in head for c in ".;")


def _company_anaphor(ctx: Context, clause: str, sentence_start: int) -> Unit | None:
    """'The company has already invested $2.5 billion in Mexico': the last company named."""
    if not _COMPANY_ANAPHOR.search(clause):
        return None
    doc = ctx.doc
    first = doc.sentences[max(0, doc.sentence_index(sentence_start) - _ANAPHOR_LOOKBACK_SENTENCES)]
    for m in reversed(doc.mentions):
        if first.start <= m.start < sentence_start and m.kind == "company" and m.country:
            return Unit(m, m.start, m.country, False, "subj")
    return None


def _entity_unit(entity: Entity, at: int) -> Unit:
    """A party the text refers to without naming it here ('the two countries')."""
    return Unit(Mention(at, at, entity.name, entity), at, entity.country, False, "subj")


def _country_unit(code: str, at: int) -> Unit:
    return _entity_unit(country_entity(code), at)


def _with_pair(ctx: Context, units: list[Unit], hit: Hit) -> list[Unit]:
    have = {u.key for u in units} | {u.country for u in units if u.country}
    extra = [e for e in ctx.pair if e.key not in have and (e.country or e.key) not in have]
    return [*units, *(_entity_unit(e, hit.start) for e in extra)]


def _host(
    ctx: Context,
    sentence: str,
    units: list[Unit],
    locative: bool,
    mentions: Sequence[Mention],
    clause: tuple[int, int],
) -> Unit | None:
    """The other side of an expo visit or an investment is the country where it happens."""
    have = {u.country for u in units}
    for venue in ctx.venues:
        if venue.place is not None and any(a in sentence for a in venue.aliases):
            country = venue.place.entity.place_country
            if country and country not in have:
                return _place_unit(venue.place, country)
    if not locative:
        return None
    for m in mentions:
        if clause[0] <= m.start < clause[1] and m.kind in ("city", "region", "capital"):
            country = m.entity.place_country
            if country and country not in have:
                return _place_unit(m, country)
    return None


def _place_unit(place: Mention, country: str) -> Unit:
    """A region hosts as itself (CN-SH); a city stands for its country."""
    if place.kind == "region":
        return Unit(place, place.start, country, False, "in")
    unit = _country_unit(country, place.start)
    return Unit(unit.mention, unit.start, country, False, "in")
