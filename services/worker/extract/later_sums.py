"""A deal's sum told in the sentence after it: the sum joins the deal, and the pair completes it."""

from __future__ import annotations

from typing import Final

from services.worker.extract.drafts import Draft, absorb, default_role, has_currency
from services.worker.extract.parties import roles_of
from services.worker.extract.resolve import Context, complete_from_pair
from services.worker.extract.triggers import AID_NOUNS, REFERENCE_TYPES, divides_a_sum, singular
from shared.models import EventType

_LATER_SENTENCES: Final = 2  # how far after one side's deal its sum may be told


def with_later_sums(ctx: Context, drafts: list[Draft]) -> list[Draft]:
    """'... the same group signed the concession contract. The contract is worth 34.9 trillion
    pesos': one side's deal whose sum is told in the next sentence takes that sum, and with
    it, like a deal stated with its sum, the article's other side."""
    out: list[Draft] = []
    for draft in drafts:
        before = out[-1] if out else None
        if before is not None and _tells_sum_of(ctx, before, draft) and not _continues_one(out):
            clause = ctx.doc.text[before.clause[0] : before.clause[1]]
            # the sum's own trigger says what kind of money moved (a deal's, an investment)
            units, source = complete_from_pair(ctx, before.units, draft.hit, clause)
            if source == "pair":
                if draft.hit.rule.type == "@ref" and _names_its_aid(ctx, before, draft.hit.noun):
                    before.type = EventType.ECONOMIC_AID  # the agreement was for that grant
                before.units, before.party_source = units, source
                before.roles = roles_of(units, before.direction, default_role(before.type))
                absorb(before, draft, units=False)
                continue
        out.append(draft)
    return out


def _continues_one(out: list[Draft]) -> bool:
    """The last draft, one side's, goes on with the fact just before it (same type, its
    countries among that fact's): the sum told later is that fact's, found when they merge."""
    if len(out) < 2:
        return False
    last, prior = out[-1], out[-2]
    return last.type is prior.type and set(last.countries) <= set(prior.countries)


def _names_its_aid(ctx: Context, before: Draft, noun: str) -> bool:
    """'... signed a memorandum with India for a grant ... The Indian grant would amount to
    INR 3 billion': an agreement whose own words name the aid told next is that aid."""
    noun = singular(noun.lower())
    if noun not in AID_NOUNS or before.type is not EventType.TRADE_AGREEMENT:
        return False
    return noun in ctx.doc.lower_of(before.sentence)


def _tells_sum_of(ctx: Context, before: Draft, draft: Draft) -> bool:
    """`draft` names no one and states the sum of `before`, one side's deal with no sum."""
    if before.party_source != "partial" or before.money or draft.party_source != "none":
        return False
    # the next sentence, or the one after ("The contract is the first to use the cover. Its
    # value was not disclosed; officials later said it amounted to ...")
    if not 0 < draft.sentence - before.sentence <= _LATER_SENTENCES or not has_currency(
        draft.money
    ):
        return False
    if draft.hit.rule.type == "@ref":
        noun = singular(draft.hit.noun.lower())
        if divides_a_sum(draft.hit):
            return False  # "Of the total, 62 billion are loans": parts of a sum told before
        return before.type in REFERENCE_TYPES.get(noun, ("", ()))[1] or _names_its_aid(
            ctx, before, noun
        )
    if draft.type is EventType.COMMERCIAL_DEAL and before.type is EventType.TRADE_AGREEMENT:
        return True  # "... signed an agreement for the supply of apples. The deal is worth $45m"
    return draft.type is before.type
