"""When a fact happened: the time nearest its trigger, its venue's dates, or the lead's day."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Final

from services.worker.extract import clauses as cl
from services.worker.extract.drafts import Draft
from services.worker.extract.resolve import Context, Scope
from services.worker.extract.timex_mention import TimeMention
from services.worker.extract.wordscan import compile_case_blind, search_case_blind
from shared.models import EventType, Granularity, TemporalRelation

# The day the lead dates is the day of the signings told in the sentences after it.
_LEAD_SENTENCES: Final = 2
_LEAD_REACH_SENTENCES: Final = 12
_SAME_EVENT: Final = compile_case_blind(
    r"\b(?:(?:on|at)\s+the\s+same\s+(?:day|occasion|ceremony|event)|during\s+the\s+visit|"
    r"at\s+the\s+(?:same\s+)?(?:ceremony|signing|forum)|of\s+the\s+day|"
    r"(?:signed|exchanged|inked|sealed)\s+at\s+the\s+(?:[\w–-]+\s+){0,6}?"
    r"(?:forum|summit|ceremony|conference|meeting|council|expo|exhibition))\b"
)


# A day the sentence says something was signed on, a few words before it.
_SIGNED_BEFORE: Final = re.compile(r"\b(?:signed|inked|sealed)\b(?:\s+[\w-]+){0,4}\s*\Z")
_SIGNED_REACH: Final = 40
# The sentences after a lead's deal that may tell the day it was signed or announced.
_TOLD_NEXT_SENTENCES: Final = 2
# A deal's day told after it: "signed an agreement ... on Monday", "was announced ... yesterday"
_DONE_VERB: Final = re.compile(
    r"\b(?:signed|inked|sealed|announced|unveiled|exchanged|concluded|finali[sz]ed)\b", re.I
)
# A day that dates the report, not the deal: "the ministry said Tuesday", "said on Monday"
_REPORTED_ON: Final = re.compile(r"\b(?:said|says|announced|reported|told\s+\w+)\s+(?:on\s+)?\Z")
# How long money flows or goods are delivered, counted from the publication day.
_SPAN_AHEAD: Final = re.compile(r"(?:over|in|within|during)\s+the\s+(?:next|coming)\b", re.I)
_SIGNED_TYPES: Final = frozenset(
    {EventType.COMMERCIAL_DEAL, EventType.TRADE_AGREEMENT, EventType.INVESTMENT,
     EventType.JOINT_PROJECT, EventType.ECONOMIC_AID}
)  # fmt: skip


def date_fact(ctx: Context, scope: Scope, draft: Draft) -> None:
    """The day the sentence says the fact was signed (for a lead's deal, also the day the
    next sentences say so), else the time expression nearest the trigger: in its clause, else
    its sentence, else the venue's dates, else, for a signing told soon after the lead, the
    lead's day; never the dateline's, never the inside of an amount (`scope.times`), never a
    period ahead of a signing, and a span ahead ("over the next five years") only last."""
    lo, hi = draft.clause
    usable: list[TimeMention] = scope.times
    spans_ahead: list[TimeMention] = []
    if draft.type in _SIGNED_TYPES:
        usable, spans_ahead = _apart_spans_ahead(scope.times)
    times = [t for t in usable if lo <= t.start and t.end <= hi]
    source = "clause"
    if not times:
        times, source = usable, "sentence"
    signed = _signing_days(ctx, scope, draft)
    if not signed and scope.index < _LEAD_SENTENCES and draft.type in _SIGNED_TYPES:
        signed = _told_next(ctx, scope, times)
    if not signed and times and _signed_past(draft):
        # "signed a deal for the supply of gas in 2026": the deliveries lie ahead, the
        # signing does not; a later period is not its date (the lead's day may be)
        times = _not_ahead(ctx.doc.anchor, times)
    if signed:
        times, source = signed, "clause"
    elif draft.type is EventType.TRADE_TARGET:
        times, source = _target_times(scope, times, source)
    elif draft.type is EventType.TRADE_MISSION:
        # a meeting has no deadline: "agreed on Tuesday to double trade by 2030, as the two
        # countries held the sixth session of their Joint Trade Committee" met on Tuesday
        times = [t for t in times if t.relation is not TemporalRelation.TARGET] or times
    elif draft.type is EventType.TRADE_AGREEMENT and not draft.intent:
        # nor has an agreement reached: "have agreed to upgrade the crossing ... to lift trade
        # to 500 billion baht by 2027" was agreed when the text says, not by 2027
        times = [t for t in times if t.relation is not TemporalRelation.TARGET]
    if times:
        draft.time = cl.in_tense(ctx.doc.anchor, draft.hit.text, _nearest(times, draft.hit.start))
        draft.time_from = source
        return
    sentence = scope.sentence
    text = ctx.doc.text[sentence.start : sentence.end]
    for venue in ctx.venues:
        if venue.time_pos is not None and any(a in text for a in venue.aliases):
            draft.time = next((t for t in ctx.doc.times if t.start == venue.time_pos), None)
            draft.time_from = "venue"
            return
    if scope.index <= _LEAD_REACH_SENTENCES and _at_the_lead_event(draft, text):
        draft.time = _lead_day(ctx)
        draft.time_from = "lead" if draft.time is not None else "none"
    if draft.time is None and spans_ahead:
        draft.time, draft.time_from = _nearest(spans_ahead, draft.hit.start), "sentence"


def _nearest(times: list[TimeMention], at: int) -> TimeMention:
    """The first of the times nearest `at`, as min() would find it."""
    near, best = times[0], min(abs(times[0].start - at), abs(times[0].end - at))
    for t in times[1:]:
        distance = min(abs(t.start - at), abs(t.end - at))
        if distance < best:
            near, best = t, distance
    return near


def _apart_spans_ahead(times: list[TimeMention]) -> tuple[list[TimeMention], list[TimeMention]]:
    """'will invest $15 billion over the next five years, the cabinet said on Wednesday':
    the years say how long the money flows, not when it was pledged; they date the fact
    only when nothing else does."""
    spans = [t for t in times if _SPAN_AHEAD.match(t.text) is not None]
    if not spans:
        return times, spans
    return [t for t in times if _SPAN_AHEAD.match(t.text) is None], spans


def _signing_days(ctx: Context, scope: Scope, draft: Draft) -> list[TimeMention]:
    """'Under the agreement, signed in Accra on Wednesday ..., the company will deliver 180,000
    tonnes in the first half of 2026': a deal or agreement is dated by its signing day."""
    if draft.type not in _SIGNED_TYPES:
        return []
    text = ctx.doc.text
    return [
        t
        for t in scope.times
        if t.granularity is Granularity.DAY
        and t.relation is TemporalRelation.OCCURRED
        and _SIGNED_BEFORE.search(text, max(0, t.start - _SIGNED_REACH), t.start) is not None
    ]


def told_next_sentences(candidates: Iterable[int], count: int) -> list[int]:
    """The sentences whose times `_told_next` may read: those after a lead that may hold a
    fact (the times of other sentences are read only where they hold one)."""
    leads = [i for i in candidates if i < _LEAD_SENTENCES]
    if not leads:
        return []
    first = min(leads) + 1
    return list(range(first, min(count, max(leads) + 1 + _TOLD_NEXT_SENTENCES)))


def _told_next(ctx: Context, scope: Scope, times: list[TimeMention]) -> list[TimeMention]:
    """'Dutch firms will invest Sh6.5 billion in ... . The investment ... was announced in
    Nairobi yesterday': a lead's deal that its own sentence does not date (or dates only by
    when it was reported, "the ministry said Tuesday") takes the day the next sentences say
    it was signed or announced."""
    text = ctx.doc.text
    if any(not _REPORTED_ON.search(text, max(0, t.start - _SIGNED_REACH), t.start) for t in times):
        return []
    sentences = ctx.doc.sentences
    last = min(scope.index + _TOLD_NEXT_SENTENCES, len(sentences) - 1)
    if last <= scope.index:
        return []
    lo, hi = sentences[scope.index + 1].start, sentences[last].end
    for t in ctx.times:
        if t.start >= hi:
            break
        if t.start < lo or t.granularity is not Granularity.DAY:
            continue
        if t.relation is not TemporalRelation.OCCURRED:
            continue
        told = text[sentences[ctx.doc.sentence_index(t.start)].start : t.start]
        if _DONE_VERB.search(told) is not None:
            return [t]
    return []


def _signed_past(draft: Draft) -> bool:
    """A deal, agreement or investment the sentence says was signed ('signed', 'inked')."""
    hit = draft.hit
    return (
        hit.rule.type == "@sign"
        and draft.type in _SIGNED_TYPES
        and cl.is_past_verb(hit.text.split()[0])
    )


def _not_ahead(anchor: date | None, times: list[TimeMention]) -> list[TimeMention]:
    """The times that do not start after the week of the publication day (a weekday in it
    may be last week's: `cl.in_tense`); all of them when the day is unknown."""
    if anchor is None:
        return times
    last = anchor + cl.WEEK
    return [t for t in times if t.begin is None or t.begin <= last]


def _target_times(
    scope: Scope, times: list[TimeMention], source: str
) -> tuple[list[TimeMention], str]:
    """A target's own deadline before the day it was set: "agreed Monday to expand bilateral
    trade to US$150 billion by 2030" is a target for 2030. The clause's deadlines, else the
    sentence's, else the times as they are."""
    deadlines = [t for t in times if t.relation is TemporalRelation.TARGET]
    if deadlines:
        return deadlines, source
    deadlines = [t for t in scope.times if t.relation is TemporalRelation.TARGET]
    return (deadlines, "sentence") if deadlines else (times, source)


def _at_the_lead_event(draft: Draft, sentence: str) -> bool:
    """'The largest deal was signed by ...', 'On the same day, ... announced': something
    signed, or said to happen at the same event, in the story of one day's signings."""
    if draft.hit.rule.type == "@sign" and not draft.intent:
        return True  # signed, not to be signed ("was signed by", "signed a contract")
    return search_case_blind(_SAME_EVENT, sentence)


def _lead_day(ctx: Context) -> TimeMention | None:
    """The day the lead says something happened ('signed ... on Tuesday'), if it says one."""
    sentences = ctx.doc.sentences
    end = len(ctx.doc.text)
    if len(sentences) > _LEAD_SENTENCES:
        end = sentences[_LEAD_SENTENCES].start
    for t in ctx.times:
        if t.start >= end:
            break
        if t.granularity is Granularity.DAY and t.relation is TemporalRelation.OCCURRED:
            return t
    return None
