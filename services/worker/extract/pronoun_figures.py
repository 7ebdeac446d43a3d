"""Figures told by pronoun ("In January-October it amounted to $312.5 million"): the fact
they continue, and the parties they take from it or from the trade the sentence before names."""

from __future__ import annotations

import re
from typing import Final

from services.worker.extract.drafts import Draft
from services.worker.extract.parties import Unit, party_units, roles_of
from services.worker.extract.resolve import Context, pair_units, sides
from services.worker.extract.triggers import Hit
from shared.models import EventType, Role

PRONOUN_FIGURE_RULE: Final = "continues_figure"
# Rules that tell a figure by pronoun ("it stood at", "bring it to"), and the types of the
# fact in the sentence before that the pronoun may stand for.
_PRONOUN_RULES: Final = {
    PRONOUN_FIGURE_RULE: frozenset({EventType.TRADE_VOLUME}),
    "raise_it_to": frozenset({EventType.TRADE_VOLUME, EventType.TRADE_TARGET}),
}
_TRADE_BETWEEN: Final = re.compile(
    r"\b(?:trade|turnover|commerce)\s+(?:volume\s+)?between\b", re.IGNORECASE
)
_PAIRS_TRADE: Final = re.compile(r"\b(?:bilateral|two-way|mutual)\s+(?:trade|turnover)\b", re.I)
# Where the sides of "trade between X and Y" end: a comma or a subordinate clause.
_BETWEEN_ENDS: Final = re.compile(r",|\s(?:despite|while|although|though|but|as|amid)\s")


def may_continue(ctx: Context, hit: Hit, index: int, earlier: list[Draft]) -> bool:
    """A figure told by pronoun has a figure or a named trade before it to continue; else it
    gives way before overlaps are settled ("People familiar said it was around 250 billion
    yen", after an order: the order's value, not a trade figure)."""
    types = _PRONOUN_RULES.get(hit.rule.id)
    if types is None:
        return True
    if any(d.sentence == index - 1 and d.type in types for d in earlier):
        return True
    return bool(_trade_named_before(ctx, index, hit))


def pronoun_ok(ctx: Context, draft: Draft, earlier: list[Draft]) -> bool:
    """'In the first half of 2024 it stood at Dh318 million': a figure told by pronoun
    continues the trade figure of the sentence before, with its parties, or the trade that
    sentence names ("Trade between Montenegro and the UAE is modest."), or is no fact."""
    types = _PRONOUN_RULES.get(draft.hit.rule.id)
    if types is None:
        return True
    before = next(
        (d for d in reversed(earlier) if d.sentence == draft.sentence - 1 and d.type in types),
        None,
    )
    if before is not None:
        draft.units = list(before.units)
        draft.roles = dict(before.roles)
    else:
        units = _trade_named_before(ctx, draft.sentence, draft.hit)
        if not units:
            return False
        draft.units = units
        draft.roles = roles_of(units, draft.direction, Role.PARTNER)
    draft.party_source = "anaphora"
    return True


def _trade_named_before(ctx: Context, index: int, hit: Hit) -> list[Unit]:
    """The two sides of "trade between X and Y" in the sentence before `index`, if it says so
    (up to the clause's end: "... despite their membership of the AfCFTA" names no side), or
    the article's pair when that sentence speaks of bilateral trade naming no one."""
    if index == 0:
        return []
    doc = ctx.doc
    sentence = doc.sentences[index - 1]
    match = _TRADE_BETWEEN.search(sentence.text)
    if match is None:
        if _PAIRS_TRADE.search(sentence.text) is None or doc.mentions_in(
            sentence.start, sentence.end
        ):
            return []
        return pair_units(ctx, hit)  # "Bilateral trade has grown rapidly this year."
    start = sentence.start + match.start()
    stop = _BETWEEN_ENDS.search(sentence.text, match.end())
    end = sentence.end if stop is None else sentence.start + stop.start()
    mentions = [m for m in doc.mentions if start <= m.start < end]
    units = party_units(doc.text, mentions, [], False, start, start)
    return units if sides(units) == 2 else []
