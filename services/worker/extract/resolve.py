"""Resolving who a clause's fact is between: its own names, its sentence's, a coordinated
clause's, 'the two countries', 'the company', an expo's host country, or where it happens."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from services.worker.extract.amounts import MoneyMention
from services.worker.extract.context import (
    Spans,
    blocked_spans,
    country_entity,
    dateline_end,
    main_pair,
)
from services.worker.extract.document import Document
from services.worker.extract.drafts import Draft
from services.worker.extract.fastre import required_literals
from services.worker.extract.gazetteer import Mention
from services.worker.extract.lexicon import cues
from services.worker.extract.one_side import (
    at_home,
    gives_to_many,
    home_place_in,
    is_directed,
    is_national_total,
    one_sides_flow,
    to_many,
)
from services.worker.extract.parties import Unit, may_be_party, party_units
from services.worker.extract.sentences import Sentence
from services.worker.extract.surface import Entity
from services.worker.extract.timex import TimeMention
from services.worker.extract.tries import compile_trie
from services.worker.extract.triggers import Hit
from services.worker.extract.venues import Venue, find_venues
from shared.models import EventType

LOCATIVE_DIRECTIONS: Final = frozenset({"open", "visit", "invest", "stake_sell", "aid"})
_COORDINATED: Final = re.compile(r"^\W*and\s+(?:also\s+)?\w+", re.IGNORECASE)
# A clause that is only a predicate: its subject stands earlier in the sentence ("Thailand's
# SCG, which already operates a plant there, has pledged ..."; "OCP Africa, ..., which will
# invest ...").
_PREDICATE_ONLY: Final = re.compile(
    r"\W*(?:which|who|has|have|had|will|would|is|are|was|were)\b", re.IGNORECASE
)
# (speed) read once: an enum member's `.value` is a property, dear in a per-fact test
_TRADE_VOLUME: Final = EventType.TRADE_VOLUME.value
_PAIR_BY_DEFAULT: Final = frozenset({EventType.TRADE_TARGET.value, EventType.TRADE_VOLUME.value})
# Types where one side stating a sum implies the article's other side (aid, money moved).
_PAIR_COMPLETES: Final = frozenset(
    {
        EventType.ECONOMIC_AID.value,
        EventType.INVESTMENT.value,
        EventType.COMMERCIAL_DEAL.value,
        EventType.JOINT_PROJECT.value,
    }
)
# A sum in a sentence about results or markets is not money moved between the pair.
_RESULTS_TOPICS: Final = ("earnings", "stocks", "macro")
# 'The company ...', 'It has ...': two patterns, as the first is tried only where one of its
# nouns occurs (speed: the regex would try every position of the clause)
_COMPANY_NOUN: Final = re.compile(
    r"(?:^|\b(?:the|The)\s+)(?:company|firm|group|carmaker|automaker|maker|manufacturer|bank|"
    r"lender|miner|producer|operator|retailer|giant|conglomerate|corporation|utility|insurer|"
    r"fund|agency)\b"
)
_COMPANY_NOUN_NEEDS: Final = required_literals(_COMPANY_NOUN)
_COMPANY_PRONOUN: Final = re.compile(
    r"\W*(?:It|They)\s+(?:has|have|had|will|would|is|are|was|were|also|said|plans?)\b"
)
# Deals told as signed at a meeting the article is about, naming no one.
_AT_THE_MEETING: Final = re.compile(
    r"\b(?:signed|sealed|concluded|inked|reached|agreed)\s+(?:at|during|on\s+the\s+sidelines\s+of)"
    r"\s+the\s+(?:[\w-]+\s+){0,2}?(?:forum|summit|expo|visit|conference|meeting|talks|"
    r"roundtable|exhibition|fair|session)\b"
)
_ANAPHOR_LOOKBACK_SENTENCES: Final = 3
# The pair named in the trigger's own words ("trade between both countries stood at", "between
# the countries"): a name later in the clause ("as India imported more Russian oil", "a fraction
# of Australia's trade with Indonesia") is not a side of it.
_PAIR_IN_TRIGGER: Final = compile_trie(  # (speed) tries: its first letters are a prefix
    r"\b(?:between\s+)?(?:(?:the|both|these)\s+two|both)\s+(?:countries|nations|sides|economies)\b"
    r"|\bbetween\s+the\s+(?:countries|nations|economies)\b"
)
# The clause's subject refers to the last company ('According to the company, ...' does not).
_SUBJECT_ANAPHOR: Final = re.compile(
    r"\W*(?:It|They|(?:The|the)\s+(?:company|firm|group|carmaker|automaker|maker|manufacturer|"
    r"miner|producer|operator|retailer|conglomerate|corporation|utility))\b"
)
_UNKNOWN_COMPANY: Final = re.compile(
    r"^(?:[\w-]+\s+){0,3}?(?:[A-Z][\w&.-]*\s+){1,4}(?:Ltd|Limited|Corp|Corporation|Inc|Co|"
    r"Company|Group|Holdings|Industries|Bank|PLC|Plc|SA|AG|GmbH|LLC|JSC|PJSC)\b"
)


@dataclass(slots=True)
class Context:
    """What every clause of one article may lean on."""

    doc: Document
    venues: list[Venue]
    dateline: int
    times: list[TimeMention]  # those a fact may take: after the dateline, outside any sum
    _pair: tuple[Entity, ...] | None = field(default=None, repr=False)

    @property
    def pair(self) -> tuple[Entity, ...]:
        """The article's main pair, 'the two countries': found on first use (speed), as
        most articles never refer to it."""
        if self._pair is None:
            doc = self.doc
            found = doc.pair  # (speed) read with the sums: the currencies' hint needed it
            self._pair = (
                found if found is not None else main_pair(doc.title, doc.mentions, len(doc.text))
            )
        return self._pair


@dataclass(slots=True)
class Scope:
    """One sentence being read, prepared once for all its triggers: its mentions (with their
    starts, to cut out a clause's by bisection), sums and usable times."""

    ctx: Context
    index: int
    sentence: Sentence
    mentions: list[Mention]
    starts: list[int]
    money: list[MoneyMention]
    times: list[TimeMention]
    _blocked: Spans | None = field(default=None, repr=False)

    def mentions_from(self, start: int, end: int) -> list[Mention]:
        """The mentions that start in [start, end)."""
        starts = self.starts
        return self.mentions[bisect_left(starts, start) : bisect_left(starts, end)]

    @property
    def blocked(self) -> Spans:
        """Spans whose names are not parties: found on first use (speed), as a sentence
        whose triggers fail their needs or name no one needs none."""
        if self._blocked is None:
            self._blocked = _blocked_spans(self.ctx, self.sentence, self.mentions)
        return self._blocked


def sentence_scope(ctx: Context, index: int, mentions: list[Mention], starts: list[int]) -> Scope:
    """The scope of sentence `index`; `mentions`, the article's, are sorted and `starts` are
    their offsets, so a sentence's mentions are a slice found by bisection."""
    doc = ctx.doc
    sentence = doc.sentences[index]
    lo, hi = sentence.start, sentence.end
    first, last = bisect_left(starts, lo), bisect_left(starts, hi)
    money = [m for m in doc.money if lo <= m.start and m.end <= hi]
    times = [t for t in ctx.times if lo <= t.start and t.end <= hi]
    return Scope(ctx, index, sentence, mentions[first:last], starts[first:last], money, times)


def _blocked_spans(ctx: Context, sentence: Sentence, mentions: Sequence[Mention]) -> Spans:
    text, start = sentence.text, sentence.start
    spans = blocked_spans(text, start, mentions)
    if start < ctx.dateline:
        spans.append((start, ctx.dateline))
    for venue in ctx.venues:
        for alias in venue.aliases:
            pos = text.find(alias)
            if pos != -1:
                spans.append((start + pos, start + pos + len(alias)))
    return spans


def article_context(doc: Document) -> Context:
    spans = [(s.start, s.end) for s in doc.sentences]
    venues = find_venues(doc.text, doc.mentions, spans, [t.start for t in doc.times])
    dateline = dateline_end(doc.text)
    return Context(doc, venues, dateline, _usable_times(doc, dateline))


def _usable_times(doc: Document, dateline: int) -> list[TimeMention]:
    """Times a fact may take: never the dateline's, never the inside of an amount."""
    money = [(m.start, m.end) for m in doc.money]
    usable = []
    for t in doc.times:
        if t.start < dateline:
            continue
        for a, b in money:
            if a < t.end and t.start < b:
                break
        else:
            usable.append(t)
    return usable


def sides(units: Sequence[Unit]) -> int:
    """Distinct countries, plus one for blocs without a country code (Mercosur, EAEU)."""
    countries = set()
    bloc = 0
    for u in units:
        country = u.country
        if country:
            countries.add(country)
        elif country is None and u.mention.entity.kind == "bloc":
            bloc = 1
    return len(countries) + bloc


def resolve_parties(
    ctx: Context, scope: Scope, hit: Hit, clause: tuple[int, int], earlier: list[Draft]
) -> tuple[list[Unit], str]:
    """The party units of one trigger and where they came from (scored differently)."""
    if hit.type.startswith("@ref") or hit.rule.type == "@ref":
        return [], "none"  # "The donation is part of ...": only adds to an earlier fact
    doc = ctx.doc
    text = doc.text
    start, end = clause
    locative = hit.direction in LOCATIVE_DIRECTIONS
    own = scope.mentions_from(start, end)
    blocked = scope.blocked if may_be_party(own) else []
    units = party_units(text, own, blocked, locative, start, hit.start)
    anaphora = cues().anaphora
    anaphor = anaphora.first(doc.stems.lower[start : hit.start])
    subject = anaphor is not None and _is_subject(text[start : hit.start], anaphor[0])
    # "The leaders met ..., where Japan pledged $5.5 billion to African countries": the pair
    # met, the money goes to many (asked last: most clauses never get that far)
    if (
        (subject or _PAIR_IN_TRIGGER.search(doc.stems.lower, hit.start, hit.end))
        and ctx.pair
        and not gives_to_many(text[start:end])
    ):
        # "the two countries signed ... through Italy, Austria": the pair, not the route
        pair = {e.country or e.key for e in ctx.pair}
        kept = [u for u in units if (u.country or u.key) in pair or u.kind == "bloc"]
        return _with_pair(ctx, kept, hit), "anaphora"
    if sides(units) >= 2:
        return units, "clause"
    if earlier and _COORDINATED.match(text[start:end]):
        return list(earlier[-1].units), "coordinated"
    sentence = scope.sentence
    if units or _PREDICATE_ONLY.match(text, start):
        # a clause naming one side, or none as its subject comes earlier, may find the
        # sides elsewhere in its sentence
        wide = party_units(text, scope.mentions, scope.blocked, locative, sentence.start, hit.start)
        if sides(wide) >= 2:
            return wide, "sentence"
        if not units:
            units = wide  # the predicate's subject: one side, which the pair may complete
    company = _company_anaphor(ctx, text[start:end], scope.index)
    if company is not None:
        if sides([*units, company]) >= 2:
            return [company, *units], "anaphora"
        if not units and _SUBJECT_ANAPHOR.match(text, start, end):
            units = [company]  # "It will spend $1.2 billion on new lines": one side, named
    # (speed) the pair is found on first use: each cheaper test comes before asking for it
    if (
        anaphora.search(doc.stems.lower[sentence.start : sentence.end])
        and ctx.pair
        and not gives_to_many(text[start:end])
    ):
        return _with_pair(ctx, units, hit), "anaphora"
    if not units and hit.rule.line and ctx.pair and _states_money(scope):
        return _with_pair(ctx, units, hit), "context"  # a list of the pair's deals
    if (
        not units
        and hit.type in _PAIR_BY_DEFAULT
        and ctx.pair
        and _states_money(scope)
        and not one_sides_flow(text[start:end])
        and not to_many(text[start:end])  # "Its trade with the continent"
    ):
        # "trade reached $X by 2030", unnamed; a share ("Exports made up 12 per cent of
        # sales") says nothing of the pair
        return _with_pair(ctx, units, hit), "context"
    if not units and _at_the_pairs_meeting(ctx, scope, hit, text, start, end):
        # "agreements worth over $1.3 billion were signed at the forum": the meeting of the
        # article's two sides
        return _with_pair(ctx, units, hit), "context"
    if not units and _after_the_pair(ctx, scope, hit):
        # "... drew 140 companies from both countries. Contracts worth $320 million were
        # signed there": a deal naming no one, right after a sentence about the two sides
        return _with_pair(ctx, units, hit), "anaphora"
    # "Hyundai Rotem won an order ... in Bogota": a company's deal abroad is with the place
    companies_only = bool(units) and all(u.kind == "company" for u in units)
    host = _host(ctx, sentence.text, units, locative or companies_only, own)
    if host is not None and units:
        return [*units, host], "venue"
    home = _dateline_company(ctx, sentence.start, sentence.text, units)
    if home is not None:
        return [home, *units], "dateline"
    return units, "partial" if units else "none"


def _states_money(scope: Scope) -> bool:
    return any(m.currency for m in scope.money)


def _at_the_pairs_meeting(
    ctx: Context, scope: Scope, hit: Hit, text: str, start: int, end: int
) -> bool:
    if hit.type not in _PAIR_COMPLETES or len(ctx.pair) != 2 or not _states_money(scope):
        return False
    return _AT_THE_MEETING.search(text, start, end) is not None


def _after_the_pair(ctx: Context, scope: Scope, hit: Hit) -> bool:
    if hit.type not in _PAIR_COMPLETES or scope.index == 0 or len(ctx.pair) != 2:
        return False
    if not _states_money(scope):
        return False
    pair = {e.country for e in ctx.pair}
    if any(m.entity.country not in pair for m in scope.mentions):
        return False  # someone else is named: not the pair's deal for certain
    before = ctx.doc.lower_of(scope.index - 1)
    return cues().anaphora.search(before)


def complete_from_pair(
    ctx: Context, units: list[Unit], hit: Hit, clause: str
) -> tuple[list[Unit], str]:
    """One named side that belongs to the article's main pair, with a sum of money, deals
    with the pair's other side; a third country named alone stays partial, and so does a
    sum that goes to many ("USD 12 billion in lines of credit to African countries")."""
    if sides(units) != 1 or len(ctx.pair) != 2 or not _completes(hit.type, clause):
        return units, "partial"
    if to_many(clause) or is_national_total(clause) or at_home(units):
        return units, "partial"
    index = ctx.doc.sentence_index(hit.start)
    if home_place_in(ctx.doc, index, units):
        return units, "partial"
    if any(index in ctx.doc.topic_sentences(t) for t in _RESULTS_TOPICS):
        return units, "partial"  # "Codelco reported a drop in pretax profit to $1.04bn"
    pair = {e.country for e in ctx.pair}
    named = {u.country for u in units}
    if None in pair or not named <= pair:
        return units, "partial"
    return _with_pair(ctx, units, hit), "pair"


def _completes(event_type: str, clause: str) -> bool:
    """Money moved by one side (aid, investment, a deal, a joint build), or goods sent to or
    from the one side named ("Shipments of kiwifruit to China were worth NZ$1.2 billion")."""
    if event_type in _PAIR_COMPLETES:
        return True
    return event_type == _TRADE_VOLUME and is_directed(clause)


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


def _company_anaphor(ctx: Context, clause: str, index: int) -> Unit | None:
    """'The company has already invested $2.5 billion in Mexico': the last company named."""
    if not _COMPANY_PRONOUN.match(clause) and not _names_company(clause):
        return None
    sentences = ctx.doc.sentences
    first = sentences[max(0, index - _ANAPHOR_LOOKBACK_SENTENCES)].start
    sentence_start = sentences[index].start
    for m in reversed(ctx.doc.mentions):
        if first <= m.start < sentence_start and m.kind == "company" and m.country:
            return Unit(m, m.start, m.country, False, "subj")
    return None


def _names_company(clause: str) -> bool:
    """`_COMPANY_NOUN` finds a match, tried only when the clause holds one of its nouns."""
    for group in _COMPANY_NOUN_NEEDS:
        for literal in group:
            if literal in clause:
                break
        else:
            return False
    return _COMPANY_NOUN.search(clause) is not None


def _entity_unit(entity: Entity, at: int) -> Unit:
    """A party the text refers to without naming it here ('the two countries')."""
    return Unit(Mention(at, at, entity.name, entity), at, entity.country, False, "subj")


def _country_unit(code: str, at: int) -> Unit:
    return _entity_unit(country_entity(code), at)


def pair_units(ctx: Context, hit: Hit) -> list[Unit]:
    """The article's main pair as the parties of `hit`, when it has one."""
    return _with_pair(ctx, [], hit) if len(ctx.pair) == 2 else []


def _with_pair(ctx: Context, units: list[Unit], hit: Hit) -> list[Unit]:
    have = {u.key for u in units} | {u.country for u in units if u.country}
    extra = [e for e in ctx.pair if e.key not in have and (e.country or e.key) not in have]
    return [*units, *(_entity_unit(e, hit.start) for e in extra)]


def _host(
    ctx: Context, sentence: str, units: list[Unit], locative: bool, own: Sequence[Mention]
) -> Unit | None:
    """The other side of an expo visit or an investment is the country where it happens
    (`own`: the clause's mentions)."""
    have = {u.country for u in units}
    for venue in ctx.venues:
        if venue.place is not None and any(a in sentence for a in venue.aliases):
            country = venue.place.entity.place_country
            if country and country not in have:
                return _place_unit(venue.place, country)
    if not locative:
        return None
    for m in own:
        if m.kind in ("city", "region", "capital"):
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
