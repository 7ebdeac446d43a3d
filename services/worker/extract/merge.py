"""One event per fact: later mentions of a fact fold into its first mention."""

from __future__ import annotations

import re
from typing import Final

from services.worker.extract.clauses import marks_new_fact
from services.worker.extract.document import Document
from services.worker.extract.drafts import Draft, absorb, default_role
from services.worker.extract.parties import roles_of
from services.worker.extract.triggers import AID_NOUNS, REFERENCE_TYPES, divides_a_sum, singular
from shared.models import EventType

# A sentence that names no parties ("Important agreements and contracts were sealed ...")
# continues the latest fact of its type if that fact is this close.
_CONTINUATION_SENTENCES: Final = 5
# A fact still without a sum takes one told by reference this far after its latest mention:
# stories about one deal often come back to what it costs only after quotes and background.
_UNVALUED_REFERENCE_SENTENCES: Final = 9
_SAME_VALUE: Final = 0.01
# A sentence that names only one side continues a fact of the sentence before or two before.
_PARTIAL_SENTENCES: Final = 2
# An agreement's value told apart from it: the sentences after, and the kinds of sum.
_VALUE_SENTENCES: Final = 3
_VALUED_BY: Final = frozenset(
    {EventType.INVESTMENT, EventType.JOINT_PROJECT, EventType.COMMERCIAL_DEAL}
)
# The signing of a fact just reported: by firms or agencies, the next sentence at most.
_SIGNING_SENTENCES: Final = 1
_SIGNING_TYPES: Final = frozenset({EventType.TRADE_AGREEMENT, EventType.COMMERCIAL_DEAL})
_SIGNED_FACTS: Final = frozenset(
    {EventType.INVESTMENT, EventType.JOINT_PROJECT, EventType.ECONOMIC_AID}
)
_SIGNERS: Final = frozenset({"company", "organisation"})
# What an agreement to build or buy is valued by, told as a reference to no earlier fact.
_BUILT_NOUNS: Final = frozenset({"investment", "cost", "project", "plant", "expansion"})
# "The share purchase agreement was signed in Kigali on Tuesday": the agreement of the fact
# just told, whether or not it stated a sum.
_DEFINITE_SIGNING: Final = re.compile(
    r"(?:The|This|That)\s+(?:[\w-]+\s+){0,4}?(?:agreement|deal|contract|accord|memorandum|MoU)"
    r"\s+(?:was|were|has\s+been|had\s+been)\s+signed\b"
)


def _values_clash(a: Draft, b: Draft) -> bool:
    """Two different sums for the same kind of deal are two deals."""
    va, vb = a.deal_values(), b.deal_values()
    if not va or not vb:
        return False
    return not any(abs(x - y) <= _SAME_VALUE * max(x, y) for x in va for y in vb)


def _same_mood(a: Draft, b: Draft) -> bool:
    """An agreement signed and one still to be signed are two facts."""
    return a.type is not EventType.TRADE_AGREEMENT or a.intent == b.intent


def _continues(target: Draft, draft: Draft) -> bool:
    if target.type is not draft.type:
        return False
    # counted from the fact's latest mention: it was spoken of there
    gap = draft.sentence - max(target.sentence, target.last_sentence)
    if gap > _CONTINUATION_SENTENCES and not _late_value(target, draft, gap):
        return False
    return set(draft.countries) <= set(target.countries)


def _late_value(target: Draft, draft: Draft, gap: int) -> bool:
    """A sum told with no one named, further on, still values a fact that has none yet."""
    return (
        gap <= _UNVALUED_REFERENCE_SENTENCES
        and bool(draft.deal_values())
        and not target.deal_values()
    )


def _valued_agreement(facts: list[Draft], draft: Draft) -> Draft | None:
    """'... signed an agreement to develop the first phase. The first phase represents an
    investment of MAD 10 billion': a sum with no one named, right after an agreement or a
    deal to build or buy that states none, is its value."""
    if not facts or draft.type not in _VALUED_BY or not draft.deal_values():
        return None
    return _unvalued_signing_before(facts, draft)


def _unvalued_signing_before(facts: list[Draft], draft: Draft) -> Draft | None:
    """The latest agreement or deal, if it states no sum and was told just before."""
    # a visit spoken of in between ("signed ... during the visit") holds no sum: look past it
    last = next((f for f in reversed(facts) if f.type is not EventType.TRADE_MISSION), None)
    if last is None or last.type not in _SIGNING_TYPES or last.deal_values():
        return None
    return last if draft.sentence - last.sentence <= _VALUE_SENTENCES else None


def _signings_total(facts: list[Draft], draft: Draft) -> Draft | None:
    """'... signed 14 memorandums ... The deals signed yesterday are worth about NT$9.8 billion
    in total': the signings' sum told later, with no one named, values the latest agreement
    or deal that has none."""
    if draft.hit.rule.type != "@sign" or not draft.deal_values():
        return None
    if singular(draft.hit.noun.lower()) == draft.hit.noun.lower():
        return None  # one deal signed is a deal of its own; "the deals signed" are all of them
    for fact in reversed(facts):
        if fact.type in _SIGNING_TYPES and not fact.deal_values():
            return fact
    return None


def _agreement_built(facts: list[Draft], draft: Draft) -> Draft | None:
    """'... signed an agreement to build a blending plant in Diamniadio. The investment is
    worth 45 billion CFA francs': an investment told by reference, with no investment to
    refer to, is the value of the agreement or deal just told that states none."""
    if singular(draft.hit.noun.lower()) not in _BUILT_NOUNS or not draft.deal_values():
        return None
    return _unvalued_signing_before(facts, draft)


def _refers_to(target: Draft, draft: Draft) -> bool:
    """'The donation is part of a $12 million project' adds to the latest aid fact."""
    noun = singular(draft.hit.noun.lower())
    allowed = REFERENCE_TYPES.get(noun, ("", ()))[1]
    if divides_a_sum(draft.hit) and not target.deal_values():
        return False  # "of the total" divides a sum already stated
    if target.type not in allowed:
        return False
    if draft.sentence - target.sentence <= _CONTINUATION_SENTENCES:
        return True
    return _late_value(target, draft, draft.sentence - max(target.sentence, target.last_sentence))


def _aid_agreement(doc: Document, facts: list[Draft], draft: Draft) -> Draft | None:
    """'Japan will finance the network under grant documents signed on Tuesday ... The grant
    amounts to 2.4 billion yen': the agreement that names the grant is that aid, retyped."""
    noun = singular(draft.hit.noun.lower())
    if noun not in AID_NOUNS or not facts:
        return None
    last = facts[-1]
    if last.type is not EventType.TRADE_AGREEMENT or last.deal_values():
        return None
    if draft.sentence - last.sentence > _CONTINUATION_SENTENCES:
        return None
    if noun not in doc.lower_of(last.sentence):
        return None
    last.type = EventType.ECONOMIC_AID
    last.roles = roles_of(last.units, last.direction, default_role(last.type))
    return last


def _partial_continues(target: Draft, draft: Draft) -> bool:
    """'Kazakh exports accounted for $840 million', right after the two-way trade figure."""
    return (
        target.type is draft.type
        and draft.sentence - target.sentence <= _PARTIAL_SENTENCES
        and bool(draft.countries)
        and set(draft.countries) <= set(target.countries)
    )


def _signs_previous(doc: Document, facts: list[Draft], draft: Draft) -> Draft | None:
    """'A Chinese maker will invest $250 million ... Hengli Textile signed an agreement with
    Bepza on Tuesday': a firm's agreement without a sum of its own, right after a fact with a
    sum between the same countries, is the signing of that fact (and dates it); so is one
    told as "The share purchase agreement was signed ...", sum or not."""
    if not facts or draft.hit.rule.type != "@sign" or draft.deal_values():
        return None
    if _fresh(doc, draft):
        return None
    if draft.type not in _SIGNING_TYPES or not _SIGNERS & {u.kind for u in draft.units}:
        return None
    prev = facts[-1]
    if (
        prev.type in _SIGNED_FACTS
        and 0 < draft.sentence - prev.sentence <= _SIGNING_SENTENCES
        and set(draft.countries) <= set(prev.countries)
    ):
        if prev.deal_values() and prev.countries == draft.countries:
            return prev
        if _DEFINITE_SIGNING.match(doc.sentences[draft.sentence].text):
            return prev
    return None


def merge_drafts(doc: Document, drafts: list[Draft]) -> list[Draft]:
    """Facts in document order; a draft without its own parties only adds to an earlier one."""
    facts: list[Draft] = []
    for draft in drafts:
        if draft.hit.rule.type == "@ref":
            target = next((f for f in reversed(facts) if _refers_to(f, draft)), None)
            target = target or _aid_agreement(doc, facts, draft) or _agreement_built(facts, draft)
            if target is not None:
                absorb(target, draft, units=False)
            continue
        if draft.party_source == "none":
            target = next((f for f in reversed(facts) if _continues(f, draft)), None)
            target = target or _valued_agreement(facts, draft) or _signings_total(facts, draft)
            if target is not None:
                absorb(target, draft)
            continue
        if draft.party_source == "partial":
            target = next((f for f in reversed(facts) if _partial_continues(f, draft)), None)
            if target is not None:
                absorb(target, draft, units=False)
            continue
        if not draft.has_sides():
            continue
        signed = _signs_previous(doc, facts, draft)
        if signed is not None:
            absorb(signed, draft)
            continue
        target = _same_fact(doc, facts, draft)
        if target is not None:
            absorb(target, draft)
        else:
            facts.append(draft)
    return facts


def _fresh(doc: Document, draft: Draft) -> bool:
    """Whether the words before the trigger mark a further fact ('also', 'another')."""
    end = draft.hit.end
    lead = max(doc.sentences[draft.sentence].start, end - len(draft.hit.text) - 45)
    return marks_new_fact(doc.text[lead:end])


def _same_fact(doc: Document, facts: list[Draft], draft: Draft) -> Draft | None:
    """The first fact the draft tells again: same type, parties and mood, no other sum."""
    # (speed) the draft's countries, keys and freshness: found once, and only if needed
    countries: list[str] | None = None
    keys: frozenset[str] | None = None
    fresh: bool | None = None
    for f in facts:
        if f.type is not draft.type:
            continue
        if countries is None:
            countries = draft.countries
        if f.countries != countries:
            continue
        if keys is None:
            keys = draft.keys
        own = f.keys
        if (own <= keys or keys <= own) and _same_mood(f, draft) and not _values_clash(f, draft):
            if f.sentence == draft.sentence:
                return f
            if fresh is None:
                fresh = _fresh(doc, draft)
            if not fresh:
                return f
    return None
