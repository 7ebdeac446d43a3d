"""Who takes part in a fact: party units from a clause's mentions, and the role of each."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from services.worker.extract.context import Spans, is_blocked
from services.worker.extract.gazetteer import Mention
from services.worker.extract.lexicon import cues, words
from shared.models import EntityKind, Role

_HEADS: Final = frozenset({"company", "organisation", "region", "person", "igo", "capital"})
# Between a country and the company, region or person it qualifies:
# "China's Sichuan", "Japan's largest power generator, JERA", "Chinese President Xi Jinping".
_QUALIFIER_GAP: Final = re.compile(
    r"^(?:'s|’s)?(?:[\s,]+(?:[a-z][\w-]*|President|Prime|Minister|Premier|Foreign|Trade|Commerce|"
    r"Economy|Economic|Development|Finance|Energy|Industry|Ambassador|Chancellor|King|Crown|"
    r"Prince|Sheikh|Emir|Secretary|Chairman|CEO|Vice|Deputy|State|Counselor)){0,6}[\s,]*$"
)
# Words that end a noun phrase: "Algeria during Meloni's visit" is two parties, not one.
_FUNCTION_WORDS: Final = words(
    "during in at with to from by for of and or after before while on including as than "
    "into onto over under between among against via through since until"
)
_OF_COUNTRY: Final = re.compile(r"^\s+(?:of|from)\s+(?:the\s+)?$")
_LOCATIVE_BEFORE: Final = re.compile(r"\b(?:in|at|near|outside|held\s+in)\s+(?:the\s+)?$", re.I)
_PREPOSITIONS: Final = words(
    "by from to into in with between among for of at on including and or through via"
)
# A route is not a party: "a pipeline to Europe through Italy, Austria and Germany".
ROUTE_SLOTS: Final = frozenset({"through", "via"})
_SKIPPABLE: Final = words(
    "the a an its their his her our both all other several some two three many local major "
    "key new foreign leading national largest biggest top main fellow three four five state "
    "state-owned private partner"
)
_WORD: Final = re.compile(r"[A-Za-z][\w'’-]*|[,;]")


@dataclass(frozen=True, slots=True)
class Unit:
    """One party candidate: a head mention, with the qualifier it absorbed."""

    mention: Mention
    start: int  # where its words start (the qualifier's start when it has one)
    country: str | None
    origin: bool  # a country adjective on goods: "Russian agro-industrial products"
    slot: str = "subj"

    @property
    def key(self) -> str:
        return self.mention.entity.key

    @property
    def kind(self) -> str:
        return self.mention.entity.kind


def _is_origin(text: str, mention: Mention) -> bool:
    if mention.entity.form != "adj":
        return False
    if text.startswith(("-made", "-grown", "-produced", "-origin"), mention.end):
        return True
    following = text[mention.end : mention.end + 40].lower().split()[:3]
    return any(w.strip(",.") in cues().product_nouns for w in following)


def _absorbs(text: str, qualifier: Mention, head: Mention) -> bool:
    if qualifier.kind not in ("country", "capital") or head.kind not in _HEADS:
        return False
    gap = text[qualifier.end : head.start]
    if len(gap) > 60 or _QUALIFIER_GAP.match(gap) is None:
        return False
    return not _FUNCTION_WORDS.intersection(gap.lower().replace(",", " ").split())


def build_units(
    text: str, mentions: Sequence[Mention], blocked: Spans, locative_ok: bool
) -> list[Unit]:
    """Party units of a clause, in text order (an entity may recur: `with_slots` keeps one)."""
    pool = [m for m in mentions if m.kind not in ("city", "media") and not is_blocked(m, blocked)]
    if not locative_ok:  # "in Shanghai" names where, not who
        pool = [
            m
            for m in pool
            if not (
                m.kind in ("capital", "region")
                and _LOCATIVE_BEFORE.search(text[max(0, m.start - 12) : m.start])
            )
        ]
    units: list[Unit] = []
    absorbed: set[int] = set()
    for i, m in enumerate(pool):
        if i in absorbed:
            continue
        start, country = m.start, m.country
        if (
            i > 0
            and (i - 1) not in absorbed
            and _absorbs(text, pool[i - 1], m)
            and units
            and units[-1].mention is pool[i - 1]
        ):
            prev = units.pop()
            start, country = prev.start, country or prev.country
        if (
            i + 1 < len(pool)
            and m.kind in ("company", "organisation")
            and pool[i + 1].kind == "country"
            and _OF_COUNTRY.match(text[m.end : pool[i + 1].start])
        ):
            absorbed.add(i + 1)  # "United Aircraft Corporation of Russia"
            country = country or pool[i + 1].country
        units.append(Unit(m, start, country, _is_origin(text, m)))
    return units


def _unique(units: list[Unit]) -> list[Unit]:
    seen: set[str] = set()
    unique = []
    for unit in units:
        if unit.key not in seen:
            seen.add(unit.key)
            unique.append(unit)
    return unique


def _slot_of(
    text: str, unit: Unit, clause_start: int, trigger_start: int, previous: Unit | None
) -> str:
    tokens: list[str] = _WORD.findall(text[max(clause_start, unit.start - 60) : unit.start])
    for word in reversed(tokens[-5:]):
        low = word.lower()
        if low in ("and", "or", ",", "&") and previous is not None:
            return previous.slot
        if low in _PREPOSITIONS:
            return low
        if low in _SKIPPABLE or (word[0].islower() and low.endswith(("ian", "ese", "ish"))):
            continue
        break
    return "subj" if unit.start < trigger_start else "obj"


def with_slots(text: str, units: list[Unit], clause_start: int, trigger_start: int) -> list[Unit]:
    """The units with the preposition that governs each, one per entity; routes ('via',
    'through') dropped first, so a country named as a route and then as a party stays."""
    out: list[Unit] = []
    for unit in units:
        slot = _slot_of(text, unit, clause_start, trigger_start, out[-1] if out else None)
        out.append(Unit(unit.mention, unit.start, unit.country, unit.origin, slot))
    return _unique([u for u in out if u.slot not in ROUTE_SLOTS])


_ROLE_TABLE: Final = {
    # direction: (role of the agent, role of the other side)
    "buy": (Role.BUYER, Role.SELLER),
    "sell": (Role.SELLER, Role.BUYER),
    "invest": (Role.INVESTOR, Role.INVESTEE),
    "stake_sell": (Role.INVESTEE, Role.INVESTOR),
    "aid": (Role.DONOR, Role.RECIPIENT),
    "aid_receive": (Role.RECIPIENT, Role.DONOR),
    "visit": (Role.VISITOR, Role.HOST),
    "open": (Role.INVESTOR, Role.HOST),
}
_AGENT_SLOTS: Final = frozenset({"subj", "by"})
_SOURCE_SLOTS: Final = frozenset({"from"})


def role_of(unit: Unit, direction: str, default: Role) -> Role:
    pair = _ROLE_TABLE.get(direction)
    if pair is None:
        return default
    agent, other = pair
    if unit.origin:
        return Role.SELLER if direction in ("buy", "sell") else agent
    if unit.slot in _AGENT_SLOTS:
        return agent
    if unit.slot in _SOURCE_SLOTS:
        return agent if direction in ("invest", "aid", "sell", "visit") else other
    return other


def entity_kind(kind: str) -> EntityKind:
    if kind in ("capital", "city"):
        return EntityKind.COUNTRY
    if kind == "igo":
        return EntityKind.ORGANISATION
    return EntityKind(kind)
