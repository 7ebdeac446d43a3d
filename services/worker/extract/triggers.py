"""Trigger words and phrases per event type (data/triggers.json), found sentence by sentence."""

from __future__ import annotations

import re
from typing import Final

from services.worker.extract.lexicon import TriggerRule, cues, trigger_rules
from services.worker.extract.wordscan import CaseBlind, compile_case_blind, needs_case_blind
from shared.models import EventType

_CASE_BLIND: Final = 0  # which pattern of a `CaseBlind` pair: for any text,
_LOWERED: Final = 1  # or for lower-cased text (faster)
_AID_WORDS: Final = compile_case_blind(r"\b(?:loans?|credits?|financing|grants?|aid|assistance)\b")
_JV_WORDS: Final = compile_case_blind(r"\bjoint[- ]ventures?\b|\bJVs?\b")
_DEAL_WORDS: Final = compile_case_blind(
    r"\b(?:suppl(?:y|ies)(?!\s+chains?)|purchas\w*|sales?|offtake|off-take|procurement|export|import|delivery|"
    r"deliveries|lease|leasing|orders?|contracts?|tenders?|concessions?|buy|sell)\b"
)
_AGREE_TYPES: Final = (
    (
        re.compile(
            r"^\W*(?:jointly|co-?\w+|develop|build|construct|produce|manufacture|design|spend|"
            # "agreed to speed up construction of the fifth bridge"
            r"(?:speed\s+up|accelerate|expedite|fast-track)\s+(?:the\s+)?"
            r"(?:construction|building|development|implementation))"
        ),
        EventType.JOINT_PROJECT.value,
        "none",
    ),
    (
        re.compile(r"^\W*(?:invest|acquire|take\s+(?:a\s+)?stake|buy\s+(?:a\s+)?stake)"),
        EventType.INVESTMENT.value,
        "invest",
    ),
    (
        re.compile(r"^\W*(?:buy|purchase|import|procure|order)"),
        EventType.COMMERCIAL_DEAL.value,
        "buy",
    ),
    (
        re.compile(r"^\W*(?:sell|supply|export|deliver|ship|send)"),
        EventType.COMMERCIAL_DEAL.value,
        "sell",
    ),
    (
        re.compile(
            r"^\W*(?:open|set\s+up|establish)\s+(?:an?\s+|its\s+)?(?:\w+\s+)?(?:office|branch)"
        ),
        EventType.OFFICE_OPENING.value,
        "open",
    ),
    (
        re.compile(r"^\W*(?:lend|provide\s+(?:a\s+)?(?:loan|credit|grant|aid))"),
        EventType.ECONOMIC_AID.value,
        "aid",
    ),
    (
        re.compile(
            r"^\W*(?:double|triple|raise|increase|boost|lift|bring)\s+(?:\w+\s+){0,2}trade|"
            # "agreed to aim for (work towards) bilateral trade of USD 20 billion by 2030"
            r"^\W*(?:aim\s+(?:for|at)|work\s+towards?|target|reach|achieve)\s+(?:an?\s+)?"
            r"(?:\w+\s+){0,2}"
            r"trade\s+(?:of|worth|volume\s+of)\b"
        ),
        EventType.TRADE_TARGET.value,
        "none",
    ),
)
# Agreements that are not economic: borders, defence, security, extradition, visas, culture.
_NON_ECONOMIC: Final = compile_case_blind(
    r"\b(?:maritime\s+boundary|boundary|border\s+demarcation|defen[cs]e|security|military|"
    r"extradition|visas?|cultural|culture|peace|ceasefire|prisoners?|nuclear\s+weapons|"
    r"status\s+of\s+forces|reciprocal\s+access|intelligence|police|judicial|sports?|"
    r"education(?:al)?|scientific|academic|tourism\s+promotion|friendship|conflict|war|"
    r"hostilities|fighting|rebels?|refugees?|humanitarian|missing|peacekeep\w*|mediation|"
    r"mandate|hostages?|detainees?|elections?)\b"
)
_AGREED_ECONOMIC: Final = re.compile(
    r"\b(?:trade|trading|economic|economy|investments?|tariffs?|barriers?|customs|markets?|"
    r"business|commerce|commercial|goods|exports?|imports?|energy|oil|gas|infrastructure|"
    r"railways?|ports?|pipelines?|corridor|logistics|freight|transit|finance|financial|"
    r"banking|currenc\w+|payments?|industr\w+|agricultur\w*|food|mining|minerals|"
    r"free[- ]trade|fta|pact|deal|zone|standards|supply|transport|belt\s+and\s+road|"
    r"integration|connectivity)\b"
)
# Economic areas a signed text may list beside others ("in renewable energy, education,
# mining services and agribusiness"): with one of them the text is economic.
_ECONOMIC_AREAS: Final = re.compile(
    r"\b(?:trade|trading|economic|economy|investments?|energy|oil|gas|infrastructure|"
    r"railways?|ports?|pipelines?|logistics|finance|financial|banking|payments?|industr\w+|"
    r"agricultur\w*|agribusiness|food|mining|minerals|transport|manufactur\w*)\b"
)
_PURPOSE: Final = re.compile(
    r"^(?:[^.;]{0,40}?)\bto\s+(?:(jointly\s+\w+|co-?(?:develop|produce|finance)\w*|build|develop|"
    r"construct)|invest|acquire)\b"
)
_NOT_ONLY: Final = re.compile(r"\bnot\s+only\b", re.I)
# A set of agreements signed together: what they cover are areas, not goods sold ("signed
# eight agreements covering fertiliser supplies, infrastructure finance and payments").
_COUNTED: Final = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|multiple|"
    r"a\s+(?:number|series|raft|slew|package)\s+of)\s+(?:[\w-]+\s+)?(?:agreements|accords|"
    r"pacts|memorand\w+|mous|documents|protocols)\b"
)
_AREAS: Final = re.compile(r"\W*(?:covering|on|in|including|spanning|across|ranging)\b")
_EXECUTIVE_ORDER: Final = compile_case_blind(r"\bexecutive\s+orders?\b")
_UNDONE_AFTER: Final = re.compile(
    r"\W*(?:was|were|has been|had been)\s+(?:cancel|scrap|terminat|suspend|halt|collaps)", re.I
)
_WINDOW_BEFORE: Final = 45
_TYPE_CONTEXT_AFTER: Final = 40
_WITH_CONTEXT_AFTER: Final = 100  # past the other signer's name, to what the deal is for
_AGREED_TO: Final = re.compile(r"^\W*(?:[\w-]+\s+){1,3}?to\s+")
_AGREED_SPAN: Final = 120  # how far after "agreed to" what was agreed is read
_WORD_TAIL: Final = re.compile(r"[\w-]*")
AGREEMENT_OR_DEAL: Final = "@agreement_or_deal"
_AID = EventType.ECONOMIC_AID
_DEAL = EventType.COMMERCIAL_DEAL
_INV = EventType.INVESTMENT
_AGR = EventType.TRADE_AGREEMENT
_JOINT = EventType.JOINT_PROJECT
# (speed) the values read once: an enum member's `.value` is a property, dear per trigger
_AID_V: Final = _AID.value
_DEAL_V: Final = _DEAL.value
_INV_V: Final = _INV.value
_AGR_V: Final = _AGR.value
_JOINT_V: Final = _JOINT.value
# "The donation is part of a $12 million project": the noun a sentence uses to refer back to
# a fact, the type it most likely is, and the types of the earlier fact it may continue.
REFERENCE_TYPES: Final[dict[str, tuple[str, tuple[EventType, ...]]]] = {
    "donation": (_AID.value, (_AID,)),
    "loan": (_AID.value, (_AID,)),
    "grant": (_AID.value, (_AID,)),
    "aid": (_AID.value, (_AID,)),
    "package": (_AID.value, (_AID, _INV, _JOINT, _DEAL, _AGR)),
    "fund": (_AID.value, (_AID, _INV, _JOINT, _AGR)),
    "programme": (_AID.value, (_AID, _JOINT)),
    "program": (_AID.value, (_AID, _JOINT)),
    "deal": (_DEAL.value, (_DEAL, _AGR, _INV)),
    "document": (_AGR.value, (_AGR, _DEAL, _INV, _JOINT)),
    "contract": (_DEAL.value, (_DEAL, _INV)),
    "purchase": (_DEAL.value, (_DEAL,)),
    "order": (_DEAL.value, (_DEAL,)),
    "sale": (_DEAL.value, (_DEAL, _INV)),
    "transaction": (_DEAL.value, (_DEAL, _INV)),
    "investment": (_INV.value, (_INV, _JOINT)),
    "acquisition": (_INV.value, (_INV,)),
    "agreement": (_AGR.value, (_AGR, _DEAL, _INV, _JOINT)),
    "pact": (_AGR.value, (_AGR,)),
    "accord": (_AGR.value, (_AGR,)),
    "project": (_JOINT.value, (_JOINT, _INV, _AID, _DEAL, _AGR)),
    # "The cable ... is estimated to cost 3.5 billion euros": the value of the project agreed
    "cost": (_JOINT.value, (_JOINT, _INV, _AGR, _DEAL)),
    # "The two countries will share the cost, with the Bulgarian share estimated at ..."
    "share": (_JOINT.value, (_JOINT, _INV, _AGR, _DEAL)),
    # "Officials put the cost of the first phase at EGP 9.5bn": a stage of the project agreed
    "phase": (_JOINT.value, (_JOINT, _INV, _AGR, _DEAL)),
    # "the deliveries would be worth roughly $600 million a year"
    "delivery": (_DEAL.value, (_DEAL, _AGR)),
    "shipment": (_DEAL.value, (_DEAL, _AGR)),
    "supply": (_DEAL.value, (_DEAL, _AGR)),
    "cargo": (_DEAL.value, (_DEAL,)),
    # "... signed a contract for the fourth phase. The work is worth about $1.9 billion"
    "work": (_DEAL.value, (_DEAL, _JOINT)),
    "concession": (_DEAL.value, (_DEAL, _INV, _JOINT)),
    "lease": (_DEAL.value, (_DEAL,)),
    # "MOL also signed a time charter with Cosco ... The charter is worth about $380m"
    "charter": (_DEAL.value, (_DEAL,)),
    # "... will lend Egypt the bulk of the price. The facility would amount to about €660
    # million": a credit line, or the plant an investment builds
    "facility": (_AID.value, (_AID, _INV, _JOINT)),
    # "The company put the total outlay at $250 million"; "officials put the figure at ..."
    "outlay": (_INV.value, (_INV, _JOINT, _DEAL)),
    "figure": (_DEAL.value, tuple(EventType)),
    # "... agreed to buy a 49% stake. The fund would pay around US$1.35 billion for the holding"
    "holding": (_INV.value, (_INV, _DEAL)),
    "stake": (_INV.value, (_INV, _DEAL)),
    "asset": (_INV.value, (_INV, _DEAL)),
    "business": (_INV.value, (_INV, _DEAL)),
    # "Laurentide said it will pay £310 million (C$527 million) in cash for Pennine": the price
    # of the purchase just told
    "pay": (_DEAL.value, (_DEAL, _INV)),
    "paid": (_DEAL.value, (_DEAL, _INV)),
    "paying": (_DEAL.value, (_DEAL, _INV)),
    # "... set up a joint investment platform. Its initial endowment was set at 5 billion
    # dirhams": what the fund or venture starts with
    "endowment": (_INV.value, (_INV, _JOINT, _AID)),
    # "The Polish allocation in the new period amounts to 1.11 billion euros": a donor's share
    "allocation": (_AID.value, (_AID, _INV, _JOINT)),
    "capitalisation": (_INV.value, (_INV, _JOINT)),
    "capitalization": (_INV.value, (_INV, _JOINT)),
    # "Of the total, $24 billion will be paid ...": the latest fact that states a sum
    "total": (_INV.value, tuple(EventType)),
    # "Their combined value was put at about $1.9 billion": the value of the facts just told
    "value": (_DEAL.value, tuple(EventType)),
    "injection": (_INV.value, (_INV, _AID)),
    # "The expansion, estimated at EUR 280 million, includes ...": what the fact builds
    "expansion": (_INV.value, (_INV, _JOINT, _DEAL, _AGR)),
    "scheme": (_JOINT.value, (_JOINT, _AID, _INV, _AGR)),
    "plant": (_INV.value, (_INV, _JOINT, _DEAL)),
    "capital expenditure": (_INV.value, (_INV, _JOINT)),
    "capex": (_INV.value, (_INV, _JOINT)),
    "credit line": (_AID.value, (_AID,)),
    "line of credit": (_AID.value, (_AID,)),
    "lines of credit": (_AID.value, (_AID,)),
    "consignment": (_DEAL.value, (_DEAL, _AGR)),
    # "The commitment, to be disbursed over five years, is worth $150 million"
    "commitment": (_INV.value, (_INV, _AID, _JOINT, _AGR)),
    # "The money - twelve million euros - will be channelled through ...": the latest fact's
    "money": (_AID.value, tuple(EventType)),
    "sum": (_INV.value, tuple(EventType)),
    # "The financing comes from the EDCF ... It amounts to USD178 million": the latest fact
    # that can have a value (a trade figure goes on with continues_figure)
    "it": (_DEAL.value, (_AID, _INV, _DEAL, _JOINT, _AGR)),
    "they": (_DEAL.value, (_AID, _INV, _DEAL, _JOINT, _AGR)),
    # "The two sides did not disclose the price. People familiar ... put it at £1.3 billion"
    "price": (_DEAL.value, (_DEAL, _INV)),
    "amount": (_INV.value, tuple(EventType)),
}


# The reference nouns of aid an agreement may be about ("grant documents", "a loan
# agreement", "a memorandum ... for a grant"): the agreement is that aid.
AID_NOUNS: Final = frozenset({"grant", "loan", "donation", "aid", "credit line", "line of credit"})


# Reference nouns that divide a sum already stated ("Of the total, $24 billion ..."): they
# continue a fact with a sum, never give one to a fact without.
_PART_OF_A_SUM: Final = frozenset({"total", "sum", "amount"})
# "Of the total, $24 billion will be ...": a reference that splits a sum told before; "The
# amount was given by the minister: ..." tells one.
_PARTITIVE: Final = re.compile(
    r"\bof\s+(?:the|this|that|these|those)\s+(?:[\w-]+\s+)?(?:total|sum|amount)s?\b", re.I
)


def divides_a_sum(hit: Hit) -> bool:
    """Whether a reference hit names part of a sum already told ('Of the total, ...')."""
    return singular(hit.noun.lower()) in _PART_OF_A_SUM and _PARTITIVE.search(hit.text) is not None


def singular(noun: str) -> str:
    """The singular of a reference noun ('deliveries', 'cargoes', 'loans')."""
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith("oes"):
        return noun[:-2]
    return noun.rstrip("s")


class Hit:
    """One trigger in one sentence (offsets into the document). Whether it is negated, hedged
    or an intent is read from its sentence on first use, then kept: most hits are dropped
    before anyone asks (speed)."""

    __slots__ = (
        "_at",
        "_hedged",
        "_intent",
        "_lower",
        "_negated",
        "direction",
        "end",
        "noun",
        "rule",
        "start",
        "text",
        "type",
    )

    def __init__(
        self,
        rule: TriggerRule,
        kind: str,
        direction: str,
        start: int,
        end: int,
        text: str,
        noun: str,
        lower: str,
        at: int,
    ) -> None:
        self.rule = rule
        self.type = kind  # an EventType value, or AGREEMENT_OR_DEAL (the parties decide)
        self.direction = direction
        self.start = start
        self.end = end
        self.text = text
        self.noun = noun
        self._lower = lower  # the sentence, lower-cased; the trigger starts at `_at` in it
        self._at = at
        self._negated: bool | None = None
        self._hedged: bool | None = None
        self._intent: bool | None = None

    def __repr__(self) -> str:
        return f"Hit({self.rule.id!r}, {self.type!r}, {self.start}, {self.end}, {self.text!r})"

    @property
    def strength(self) -> float:
        return self.rule.strength

    @property
    def negated(self) -> bool:
        if self._negated is None:
            self._negated = _negated(self._lower, self._at, self._at + self.end - self.start)
        return self._negated

    @property
    def hedged(self) -> bool:
        if self._hedged is None:
            at = self._at
            self._hedged = cues().hedge.search(self._lower[max(0, at - _WINDOW_BEFORE) : at])
        return self._hedged

    @property
    def intent(self) -> bool:
        if self._intent is None:
            self._intent = _intent(self._lower, self._at, self._at + self.end - self.start)
        return self._intent


def _has(pair: CaseBlind, lowered: str, v: int) -> bool:
    """Whether the pair's pattern matches `lowered` (`v`: the variant it needs)."""
    if v == _CASE_BLIND:
        return pair[0].search(lowered) is not None
    return pair[1].search(lowered)


def _sign_type(found: str, after: str, v: int) -> tuple[str, str]:
    words = found + " " + after
    if _has(_EXECUTIVE_ORDER, words, v):
        return "", "none"
    if _has(_NON_ECONOMIC, words, v) and _ECONOMIC_AREAS.search(after) is None:
        return "", "none"  # "agreements in renewable energy, education, mining" are economic
    if _has(_AID_WORDS, words, v):
        return _AID_V, "aid"
    if _has(_JV_WORDS, words, v):
        return _INV_V, "none"
    purpose = _PURPOSE.search(after)  # "signed an MoU ... to jointly build the railway"
    if purpose is not None:
        return (
            _JOINT_V if purpose.group(1) else _INV_V,
            "none" if purpose.group(1) else "invest",
        )
    if _has(_DEAL_WORDS, words, v) and not (_COUNTED.search(found) and _AREAS.match(after)):
        return _DEAL_V, "none"
    return AGREEMENT_OR_DEAL, "none"


def _agree_type(rest: str, after: str, v: int) -> tuple[str, str]:
    """'agreed to buy' is a deal, 'agreed to invest' an investment; any other agreement is a
    trade agreement only when what was agreed is economic ('to remove 14 trade barriers')."""
    lowered = rest.lower()
    # "agreed on Tuesday to send ...": what was agreed follows the "to"
    verb_part = _AGREED_TO.sub("", lowered, count=1)
    for pattern, event_type, direction in _AGREE_TYPES:
        if pattern.search(lowered) or pattern.search(verb_part):
            return event_type, direction
    agreed = lowered + " " + after
    if _has(_NON_ECONOMIC, agreed, v) or not _AGREED_ECONOMIC.search(agreed):
        return "", "none"
    return _AGR_V, "none"


def _after(lower: str, end: int, reach: int) -> str:
    """About `reach` characters after `end`, to the end of the last word they reach: a word
    cut short is another word ("contracting services" is no "contract")."""
    tail = _WORD_TAIL.match(lower, end + reach)
    return lower[end : tail.end() if tail is not None else end + reach]


# Between a trade noun and its verb: the verb's subject is a price or an index, not the trade.
_PRICE_SUBJECT: Final = re.compile(r"\b(?:prices?|index)\b")
_TRADE_VOLUME: Final = EventType.TRADE_VOLUME.value


def _typed(
    rule: TriggerRule, span: tuple[int, int], groups: dict[str, str | None], lower: str, v: int
) -> tuple[str, str]:
    """The hit's type and direction (`span`: the match's in `lower`, its sentence lower-cased;
    `v`: the `CaseBlind` variant that sentence needs)."""
    kind = rule.type
    if kind == "@ref":
        noun = singular((groups.get("noun") or "").lower())
        return REFERENCE_TYPES.get(noun, ("", ()))[0], "none"
    if kind == "@sign":
        start, end = span
        after = _after(lower, end, _TYPE_CONTEXT_AFTER)
        # "signed an agreement with the Tanzania Petroleum Development Corporation for the
        # supply of diesel": what it is for comes after the other signer's name
        if after.lstrip().startswith("with "):
            after = _after(lower, end, _WITH_CONTEXT_AFTER)
        return _sign_type(lower[start:end], after, v)
    if kind == "@agree":
        end = span[1]
        return _agree_type(groups.get("rest") or "", _after(lower, end, _AGREED_SPAN), v)
    if kind == _TRADE_VOLUME and _PRICE_SUBJECT.search(groups.get("mid") or ""):
        return "", "none"  # "the Global Dairy Trade price index dropped": prices, not trade
    direction = rule.direction
    if direction == "stake":
        verb = (groups.get("verb") or "").lower()
        direction = (
            "stake_sell" if verb.startswith(("sel", "sol", "dispos", "divest")) else "invest"
        )
    elif direction == "aid":
        verb = (groups.get("verb") or "").lower()
        direction = (
            "aid_receive" if verb.startswith(("receiv", "secur", "obtain", "get", "got")) else "aid"
        )
    return kind, direction


def _negated(sentence: str, at: int, end: int) -> bool:
    # the trigger's own words count too: "announced it would prohibit all aid"; a colon or a
    # semicolon ends what a negation before it governs ("the ministry had declined to
    # announce: the order is worth ...")
    lo = max(0, at - _WINDOW_BEFORE)
    lo = max(lo, sentence.rfind(":", lo, at) + 1, sentence.rfind(";", lo, at) + 1)
    upto = sentence[lo:end]
    if cues().negation.search(upto) and not _NOT_ONLY.search(upto):
        return True
    return _UNDONE_AFTER.match(sentence[end : end + 30]) is not None


def _intent(sentence: str, at: int, end: int) -> bool:
    intent = cues().intent
    if intent.search(sentence[max(0, at - 60) : at]):
        return True
    around = sentence[max(0, at - _WINDOW_BEFORE) : min(len(sentence), end + 25)]
    return intent.search(around)


def raw_hits(sentence: str, lower: str, base: int, rules: list[TriggerRule]) -> list[Hit]:
    """Every trigger of `rules` in one sentence (`lower`: the same sentence lower-cased, which
    the patterns run on), overlapping ones included: `settle_overlaps` keeps the stronger."""
    return find_hits(sentence, lower, base, [r for r in rules if r.may_match(lower)])


def find_hits(sentence: str, lower: str, base: int, rules: list[TriggerRule]) -> list[Hit]:
    """`raw_hits` for rules already known to pass `TriggerRule.may_match`."""
    v = _CASE_BLIND if needs_case_blind(lower) else _LOWERED
    hits: list[Hit] = []
    for rule in rules:
        for start, end, groups in _matches(rule, lower):
            if start and lower[start - 1].isalnum():
                continue  # the patterns' look-ahead prefix replaced their leading \b
            event_type, direction = _typed(rule, (start, end), groups, lower, v)
            if not event_type:
                continue
            hit = Hit(
                rule,
                event_type,
                direction,
                base + start,
                base + end,
                sentence[start:end],
                groups.get("noun") or "",
                lower,
                start,
            )
            hits.append(hit)
    return hits


def _matches(rule: TriggerRule, lower: str) -> list[tuple[int, int, dict[str, str | None]]]:
    """Start, end and named groups of each match of the rule's pattern, in finditer's order."""
    if rule.scan is not None:
        return rule.scan.groups(lower)  # (speed) the same matches, found faster
    return [(m.start(), m.end(), m.groupdict()) for m in rule.pattern.finditer(lower)]


def settle_overlaps(hits: list[Hit]) -> list[Hit]:
    """Of overlapping hits of different types, the stronger rule's."""
    if len(hits) < 2:
        return list(hits)
    kept: list[Hit] = []
    for hit in sorted(hits, key=_rank):
        for k in kept:
            if hit.start < k.end and k.start < hit.end and hit.type != k.type:
                break
        else:
            kept.append(hit)
    kept.sort(key=_start)
    return kept


def _rank(hit: Hit) -> tuple[float, int]:
    return -hit.rule.strength, hit.start


def _start(hit: Hit) -> int:
    return hit.start


def rules_by_id() -> dict[str, TriggerRule]:
    return {rule.id: rule for rule in trigger_rules()}
