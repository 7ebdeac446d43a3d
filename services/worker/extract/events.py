"""Finding facts: triggers per clause, their parties, amounts, time and place, as drafts."""

from __future__ import annotations

import re
from typing import Final

from services.worker.extract import clauses as cl
from services.worker.extract.amounts import MoneyMention
from services.worker.extract.candidates import worth_reading
from services.worker.extract.drafts import Draft, default_role, has_currency
from services.worker.extract.fact_time import date_fact
from services.worker.extract.gazetteer import Mention
from services.worker.extract.later_sums import with_later_sums
from services.worker.extract.one_side import (
    firms_results,
    from_many,
    gives_to_many,
    is_directed,
    is_national_total,
    owned_flow,
    owned_goods_flow,
)
from services.worker.extract.parties import Unit, roles_of
from services.worker.extract.pronoun_figures import may_continue, pronoun_ok
from services.worker.extract.resolve import (
    Context,
    Scope,
    complete_from_pair,
    resolve_parties,
    sentence_scope,
)
from services.worker.extract.sectors import event_sectors
from services.worker.extract.tries import compile_trie
from services.worker.extract.triggers import (
    AGREEMENT_OR_DEAL,
    Hit,
    settle_overlaps,
)
from shared.models import EventType

MIN_FACT_SUM: Final = 1000.0
_AGREEMENTS: Final = frozenset({AGREEMENT_OR_DEAL, EventType.TRADE_AGREEMENT.value})
_CONTRACT_NOUNS: Final = ("contract", "order", "tender")
# Units that speak for a side's state: its country, capital, region, bloc or leaders.
_STATE_KINDS: Final = frozenset({"country", "capital", "region", "bloc", "person", "organisation"})
# Meetings, not visits: their CAMEO and PLOVER codes are consultations.
_MEETING_RULES: Final = frozenset({"meetings", "joint_commission"})
_TO_BUILD: Final = re.compile(r"\bto\s+(?:build|construct|set\s+up)\b", re.IGNORECASE)
# Firms as the subject right before a signing verb ("companies from the two countries have")
_FIRMS_BEFORE: Final = re.compile(
    r"\b(?:companies|firms|businesses|enterprises|businessmen|businesspeople)"
    r"(?:\s+(?:from|of)\s+(?:the\s+two|both)\s+(?:countries|sides|nations))?"
    r"(?:\s+(?:also|have|has|had|jointly|on\s+\w+))*\s*\Z",
    re.IGNORECASE,
)
_BASED: Final = ("-based", "-headquartered")  # "Istanbul-based Kuzey Tekstil": a home, no side
_JOINTLY: Final = re.compile(r"\bjointly\b|\bco-?(?:develop|produc|financ|operat)", re.IGNORECASE)
_IN_PLACE: Final = re.compile(r"\b(?:in|at|held\s+in|near)\s+(?:the\s+)?$", re.IGNORECASE)
_PLACE_KINDS: Final = frozenset({"city", "region", "capital"})
# What may follow a trigger's noun in its clause for the next clause to describe the noun: a
# participle ("signed during the visit"), a prepositional phrase ("between the two
# neighbours"), and a list of what it holds
# ("imports from Uganda, mainly milk, maize and sugar, came to"), nothing else.
_NOUN_COMPLEMENT: Final = re.compile(
    r"(?:\s+(?:signed|reached|concluded|agreed|announced)\b[^,;]*)?"
    r"(?:\s+(?:between|with|of|from|to|among)\b[^,;]*)?"
    r"(?:,\s*(?:mainly|mostly|chiefly|largely|primarily|principally|notably|including"
    r"|covering)\b[^;]*)?"
    r"[\s,]*"
)
# From a reference's noun to a trigger inside the apposition that follows it.
_APPOSITION_OPEN: Final = re.compile(r"\s*,[^,;]*")
_EVENT_TYPES: Final = {t.value: t for t in EventType}  # (speed) not EventType(value), dear
# (speed) read once: an enum member's `.value` is a property, dear in a per-hit test
_TRADE_VOLUME: Final = EventType.TRADE_VOLUME.value
_JOINT_PROJECT: Final = EventType.JOINT_PROJECT.value


def find_drafts(ctx: Context, candidates: dict[int, list[Hit]]) -> list[Draft]:
    """Every candidate fact of the article, in document order (`candidates`: from
    `candidate_hits`, after `Document.read_numbers` has read their sentences)."""
    doc = ctx.doc
    drafts: list[Draft] = []
    with_money = {doc.sentence_index(m.start) for m in doc.money}
    worth = worth_reading(doc, with_money)
    mentions = doc.mentions
    starts = [m.start for m in mentions]
    if starts != sorted(starts):  # never so (Document sorts them), but bisection needs it
        mentions = sorted(mentions, key=_start_of)
        starts = [m.start for m in mentions]
    for index, found in candidates.items():
        if index not in worth:
            continue
        found = [h for h in found if h.rule.needs != "amount" or index in with_money]
        found = [h for h in found if may_continue(ctx, h, index, drafts)]
        hits = [h for h in settle_overlaps(found) if not h.negated]
        if not hits:
            continue
        scope = sentence_scope(ctx, index, mentions, starts)
        clauses = cl.split_clauses(scope.sentence.text, scope.sentence.start)
        found_here = _sentence_drafts(ctx, scope, hits, clauses)
        drafts.extend(d for d in found_here if pronoun_ok(ctx, d, drafts))
    return with_later_sums(ctx, drafts)


def _start_of(m: Mention) -> int:
    return m.start


def _by_start(item: tuple[tuple[int, str], Hit]) -> int:
    return item[1].start


def _sentence_drafts(
    ctx: Context, scope: Scope, hits: list[Hit], clauses: list[tuple[int, int]]
) -> list[Draft]:
    best: dict[tuple[int, str], Hit] = {}
    for hit in hits:
        key = (cl.clause_of(clauses, hit.start), hit.type)
        if key not in best or hit.strength > best[key].strength:
            best[key] = hit
    out: list[Draft] = []
    for (ci, _), hit in sorted(best.items(), key=_by_start):
        draft = _draft(ctx, scope, hit, _clause_of_hit(ctx.doc.text, clauses, ci, hit), out)
        if draft is not None:
            out.append(draft)
    out = _refs_take_unnamed(ctx.doc.text, out)
    _share_money(out)
    for draft in out:
        _retype(ctx, draft)
    kept = [d for d in out if _still_met(d)]
    for draft in kept:
        _score(draft)
    return kept


def _clause_of_hit(text: str, clauses: list[tuple[int, int]], ci: int, hit: Hit) -> tuple[int, int]:
    """The clause a trigger starts in, stretched to the clause it ends in: "Trade turnover
    between the two neighbours, which was put at 16.7 billion dollars" reads as one."""
    start, end = clauses[ci]
    if hit.rule.line:  # a line of a list of deals is one clause
        return start, clauses[-1][1]  # "- Nokia and Viettel – 5G equipment: $180 million"
    if hit.end <= end or not hit.noun or not hit.text.lower().startswith(hit.noun):
        return start, end
    after_noun = text[hit.start + len(hit.noun) : end]
    if _NOUN_COMPLEMENT.fullmatch(after_noun) is None:
        return start, end  # "imports ... reserves, which stood at": the clause is another's
    return start, clauses[cl.clause_of(clauses, hit.end - 1)][1]


def _retype(ctx: Context, draft: Draft) -> None:
    """'sign deals ... as trade hits $6.5 billion': a deal typed by a sum it lost to a nearer
    trigger is an agreement again."""
    if draft.hit.type != AGREEMENT_OR_DEAL:
        return
    lo, hi = draft.clause
    event_type = _final_type(draft.hit, draft.units, draft.money, ctx.doc.text, lo, hi)
    if event_type is not draft.type:
        draft.type = event_type
        default = default_role(event_type)
        draft.roles = roles_of(draft.units, draft.direction, default)


def _still_met(draft: Draft) -> bool:
    """A trigger that needed a sum keeps it after the sums are shared out."""
    needs = draft.hit.rule.needs
    if needs == "amount" or draft.hit.rule.type == "@ref":
        return bool(draft.money)
    return True


def _refs_take_unnamed(text: str, drafts: list[Draft]) -> list[Draft]:
    """'The commitment, to be disbursed over five years, is worth $150 million': a trigger in
    an apposition right after a reference, naming no one, describes the fact referred to; it
    is no fact of its own, and its sums go to the reference."""
    ref = next((d for d in drafts if d.hit.rule.type == "@ref"), None)
    if ref is None:
        return drafts
    kept = []
    for draft in drafts:
        if (
            draft is not ref
            and draft.party_source == "none"
            and draft.hit.rule.type != "@ref"
            and _APPOSITION_OPEN.fullmatch(text, ref.hit.end, draft.hit.start) is not None
        ):
            ref.money.extend(m for m in draft.money if m not in ref.money)
            continue
        kept.append(draft)
    ref.money.sort(key=_money_start)
    return kept


def _money_start(m: MoneyMention) -> int:
    return m.start


def _share_money(drafts: list[Draft]) -> None:
    """Each sum goes to one fact: the nearest trigger that can carry it (a visit carries none,
    only a trade figure carries a percentage)."""
    for draft in drafts:
        if draft.type is EventType.TRADE_MISSION:
            draft.money = []
    if len(drafts) < 2:
        return  # a lone fact keeps its sums
    for draft in drafts:
        for m in list(draft.money):
            rivals = [d for d in drafts if m in d.money]
            nearest = min(
                rivals, key=lambda d: min(abs(d.hit.start - m.start), abs(d.hit.end - m.end))
            )
            if nearest is not draft:
                draft.money.remove(m)


def _draft(
    ctx: Context, scope: Scope, hit: Hit, clause: tuple[int, int], earlier: list[Draft]
) -> Draft | None:
    text = ctx.doc.text
    start, end = clause
    clause_text = text[start:end]
    # a sentence that refers back ("Of the total, $24 billion ..., while $11 billion ...")
    # hands all its sums to the fact it continues
    money = scope.money
    if hit.rule.type != "@ref":
        money = [m for m in money if start <= m.start and m.end <= end]
    # owning a club or signing a player is sport, not trade between countries; what the
    # clause says after the fact and its sum ("..., many of them linked to the World Cup")
    # is background
    told_by = max(hit.end, money[-1].end) if money else end
    if cl.domain_in(text[start:told_by], "sport"):
        return None
    if money:  # "contributing Tk 480 crore from its own programme" is no sum between the two
        money = [
            m
            for m in money
            if _FROM_OWN.match(text, m.end) is None and not firms_results(text, m.start)
        ]
    if not _needs_met(ctx, scope, hit, clause_text, money, start, end):
        return None
    if money and from_many(clause_text):
        return None  # one side's total over several partners, no one pair's
    if money and hit.type == _TRADE_VOLUME and _national_trade(clause_text):
        return None  # "the country's total foreign trade turnover exceeded $22 billion"
    units, source = resolve_parties(ctx, scope, hit, clause, earlier)
    if source == "sentence" and money and _beside_national_trade(scope, hit, clause_text):
        return None  # "A's foreign trade exceeded $140 billion, while B's exports reached ..."
    if units and _suppliers_only(text, hit, units):
        return None  # "built with equipment supplied by Denmark's FLSmidth and a Chinese firm"
    if source == "none" and money and _own_total(scope, hit, clause_text):
        return None  # a total of its own, not more of an earlier fact's
    if source == "partial" and money and owned_goods_flow(clause_text):
        return None  # a total of its own, not more of an earlier fact's
    if source == "partial" and has_currency(money):
        # "India will provide grant assistance of Rs 4,500 crore ...": one side of the
        # article's pair gives a sum; the receiver is the other side
        units, source = complete_from_pair(ctx, units, hit, clause_text)
        if source == "partial" and (
            is_national_total(scope.sentence.text)  # clause included
            or gives_to_many(clause_text)  # "pledged $5.5 billion to African countries"
        ):
            return None  # nor does it add to a fact of the pair's
    event_type = _final_type(hit, units, money, text, start, end)
    direction = _direction(hit, event_type)
    draft = Draft(
        type=event_type,
        hit=hit,
        sentence=scope.index,
        clause=clause,
        units=units,
        roles=roles_of(units, direction, default_role(event_type)),
        direction=direction,
        party_source=source,
        money=_fact_sums(money, event_type) if money else [],
        sectors=event_sectors(clause_text, [u.mention.entity for u in units]),
    )
    date_fact(ctx, scope, draft)
    draft.location = _location(ctx, scope, start, end, clause_text)
    if event_type is EventType.TRADE_MISSION and hit.rule.id in _MEETING_RULES:
        draft.mission_mode = "meet"
    return draft


def _national_trade(clause_text: str) -> bool:
    return is_national_total(clause_text) and not is_directed(clause_text)


def _beside_national_trade(scope: Scope, hit: Hit, clause_text: str) -> bool:
    """A flow to no one named, whose other side comes only from a clause that tells a
    national total, is one side's total too."""
    if hit.type != _TRADE_VOLUME or is_directed(clause_text):
        return False
    return _national_trade(scope.sentence.text)


def _own_total(scope: Scope, hit: Hit, clause_text: str) -> bool:
    """'Its lithium exports topped ...', 'The fund, which manages more than $520 billion of
    assets': one side's own total (a reference reads its whole sentence, as it takes its
    sums)."""
    if owned_flow(clause_text) or owned_goods_flow(clause_text):
        return True
    return is_national_total(scope.sentence.text if hit.rule.type == "@ref" else clause_text)


def _suppliers_only(text: str, hit: Hit, units: list[Unit]) -> bool:
    """Every party named is one that supplied ('... supplied by A and B'): the buyer, who
    would be the other side, goes unnamed, and suppliers are no two sides of a deal."""
    if _SUPPLIED_BY.match(text, hit.start) is None:
        return False
    return all(u.mention.start >= hit.end for u in units)


_SUPPLIED_BY: Final = re.compile(r"(?:supplied|provided|delivered|installed)\s+by\b", re.I)


def _fact_sums(money: list[MoneyMention], event_type: EventType) -> list[MoneyMention]:
    """Sums a fact can be worth: money of at least a thousand units (smaller ones are prices
    and exchange rates: '60 pounds to the dollar'), or a growth rate of a trade figure."""
    rates = event_type is EventType.TRADE_VOLUME
    return [m for m in money if (rates if m.currency is None else m.value >= MIN_FACT_SUM)]


_FROM_OWN: Final = re.compile(r"\s+from\s+(?:its|their)\s+own\b")
# Partners listed as some of many: the figure is one side's trade with everyone.
_AMONG_MARKETS: Final = compile_trie(  # (speed) tries: "among" is a prefix
    r"\bamong\s+(?!the\s+two\b|both\b)(?:its\s+|the\s+|their\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:buyers|markets|destinations|customers|importers|suppliers|sources|partners|"
    r"countries|nations|members|economies)\b"
)


def _needs_met(
    ctx: Context,
    scope: Scope,
    hit: Hit,
    text: str,
    money: list[MoneyMention],
    start: int,
    end: int,
) -> bool:
    needs = hit.rule.needs
    has_money = has_currency(money)
    if hit.type == _TRADE_VOLUME and _AMONG_MARKETS.search(text):
        return False  # "with Italy among the top buyers", "trade among Central American countries"
    if needs == "amount":
        return bool(money) if hit.type == _TRADE_VOLUME else has_money
    if needs == "quantity_or_amount":
        return has_money or cl.has_quantity(text)
    if needs == "amount_or_future":
        return has_money or cl.speaks_of_future(text)
    if needs == "venue":
        return cl.names_venue(text) or any(a in text for v in ctx.venues for a in v.aliases)
    if needs == "economic":
        return cl.is_economic(scope.sentence.text)
    if hit.type in _AGREEMENTS and not has_money:
        return _has_economic_object(scope, start, end)
    return True


def _has_economic_object(scope: Scope, start: int, end: int) -> bool:
    """An agreement is trade cooperation only about something economic (a ceasefire,
    a friendship treaty or an extradition deal is not): its sentence names an economic
    object, or a company is a party."""
    for m in scope.mentions:  # the clause's lie within its sentence's (tested first: cheaper)
        if start <= m.start and m.end <= end and m.kind == "company":
            return True
    return cl.has_economic_object(scope.sentence.text)


def _final_type(
    hit: Hit, units: list[Unit], money: list[MoneyMention], text: str, start: int, end: int
) -> EventType:
    """The type of a fact; `text[start:end]` is the trigger's clause."""
    if _signed_contract(hit, text, end):
        return EventType.COMMERCIAL_DEAL
    if _firm_builds_alone(hit, units, text, end):
        return EventType.INVESTMENT
    if hit.type != AGREEMENT_OR_DEAL:
        return _EVENT_TYPES[hit.type]
    kinds = {u.kind for u in units}
    companies_only = "company" in kinds and not kinds & {"country", "capital", "bloc", "person"}
    deal_with_money = (hit.noun.startswith("deal") or _firms_sign(text, start, hit)) and (
        has_currency(money)
    )
    if companies_only or deal_with_money:
        return EventType.COMMERCIAL_DEAL
    return EventType.TRADE_AGREEMENT


def _firms_sign(text: str, start: int, hit: Hit) -> bool:
    """'Canadian and South Korean companies signed agreements worth $2.4 billion': firms, not
    their governments, sign what has a price."""
    return _FIRMS_BEFORE.search(text, max(start, hit.start - 80), hit.start) is not None


def _signed_contract(hit: Hit, text: str, end: int) -> bool:
    """'signed a $900m contract ... to build solar plants': a contract to build something is a
    commercial deal (only one to build it jointly is a joint project)."""
    return (
        hit.rule.type == "@sign"
        and hit.type == _JOINT_PROJECT
        and hit.noun.lower().startswith(_CONTRACT_NOUNS)
        and _JOINTLY.search(text[hit.end : end]) is None
    )


def _firm_builds_alone(hit: Hit, units: list[Unit], text: str, end: int) -> bool:
    """'Kuzey Tekstil signed a memorandum with the Kaduna State Government to build a plant':
    a company that signs with the other side's authorities to build is investing there;
    only an agreement between the two sides' own bodies, or one to build jointly, is a
    joint project."""
    if hit.rule.type != "@sign":
        return False
    if hit.type != _JOINT_PROJECT and not (
        # what was signed, told past the words the trigger reads: "... with the state
        # government of Nuevo Leon to build a plant"
        hit.type == AGREEMENT_OR_DEAL and _TO_BUILD.search(text, hit.end, end) is not None
    ):
        return False
    firms = {u.country for u in units if u.kind == "company"}
    if len(firms) != 1:
        return False
    # its own government taking part makes it the two sides' project; its home town does not
    sides = {
        u.country
        for u in units
        if u.kind in _STATE_KINDS and not text.startswith(_BASED, u.mention.end)
    }
    return (
        bool(sides - firms)
        and sides.isdisjoint(firms)
        and _JOINTLY.search(text[hit.end : end]) is None
    )


def _direction(hit: Hit, event_type: EventType) -> str:
    if event_type is EventType.TRADE_VOLUME:
        noun = hit.noun or hit.text.lower()
        if "export" in noun:
            return "sell"
        return "buy" if "import" in noun else "none"
    return hit.direction if hit.direction != "trade" else "none"


def _location(ctx: Context, scope: Scope, start: int, end: int, text: str) -> Mention | None:
    for m in scope.mentions_from(start, end):
        if m.entity.kind in _PLACE_KINDS and _IN_PLACE.search(
            ctx.doc.text[max(start, m.start - 14) : m.start]
        ):
            return m
    for venue in ctx.venues:
        if venue.place is not None and any(a in text for a in venue.aliases):
            return venue.place
    return None


_PARTY_SCORE: Final = {
    "clause": 0.1,
    "coordinated": 0.05,
    "sentence": 0.0,
    "anaphora": -0.08,
    "context": -0.12,
    "pair": -0.12,
    "venue": -0.05,
    "dateline": -0.1,
    "partial": -0.2,
    "none": -0.3,
}


_PARTY_TAGS: Final = {source: f"parties:{source}" for source in _PARTY_SCORE}  # (speed) once


def _score(draft: Draft) -> None:
    hit = draft.hit
    score = hit.rule.strength + _PARTY_SCORE[draft.party_source]
    basis = [f"trigger:{hit.rule.id}", _PARTY_TAGS[draft.party_source]]
    if has_currency(draft.money):
        score += 0.1
        basis.append("amount")
    if draft.time is not None:
        score += 0.03
        basis.append("date")
    if hit.hedged:
        score -= 0.2
        basis.append("hedged")
    draft.confidence = round(max(0.05, min(0.98, score)), 3)
    draft.basis = basis
