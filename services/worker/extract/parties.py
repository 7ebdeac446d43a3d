"""Who takes part in a fact: party units from a clause's mentions, and the role of each."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final, NamedTuple

from services.worker.extract.context import Spans
from services.worker.extract.fastre import word_after_space
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
_BORDER_AFTER: Final = re.compile(r"\s+(?:border|frontier)\b")
_BORDER_FIRSTS: Final = frozenset("bf")  # what `_BORDER_AFTER`'s words start with
_NEAR_BEFORE: Final = re.compile(r"\b(?:near|along|across|on|at|to|from)\s+the\s+$", re.I)
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
_COORDINATORS: Final = frozenset({"and", "or", ",", "&"})
_SLOT_REACH: Final = 60  # characters before a party where its preposition may stand
_SLOT_NEAR: Final = 16


class Unit(NamedTuple):
    """One party candidate: a head mention, with the qualifier it absorbed (a tuple, like
    `Mention`: a few dozen are made per article, and tuples are the cheapest records)."""

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


def may_be_party(mentions: Sequence[Mention]) -> bool:
    """Whether any of the mentions may be a party (cities and media never are)."""
    for m in mentions:
        kind = m.entity.kind
        if kind != "city" and kind != "media":
            return True
    return False


def _pool(
    text: str, mentions: Sequence[Mention], blocked: Spans, locative_ok: bool
) -> list[Mention]:
    """The mentions that may be parties: no cities or media, nothing blocked, and (unless
    the trigger is locative) no capital or region after 'in' ("in Shanghai" names where)."""
    pool = []
    for m in mentions:
        kind = m.entity.kind
        if kind == "city" or kind == "media":
            continue
        if blocked and _blocked(m, blocked):
            continue
        if (
            not locative_ok
            and (kind == "capital" or kind == "region")
            and _LOCATIVE_BEFORE.search(text[max(0, m.start - 12) : m.start])
        ):
            continue
        if (
            word_after_space(text, m.end) in _BORDER_FIRSTS
            and _BORDER_AFTER.match(text, m.end)
            and _NEAR_BEFORE.search(text[max(0, m.start - 16) : m.start])
        ):
            continue  # "near the Afghan border" names where, not who
        pool.append(m)
    return pool


def _blocked(m: Mention, spans: Spans) -> bool:
    """`context.is_blocked`, as a plain loop (speed: no generator per mention)."""
    start, end = m.start, m.end
    for s, e in spans:  # noqa: SIM110
        if s <= start and end <= e:
            return True
    return False


def _heads(text: str, pool: list[Mention]) -> list[tuple[Mention, int, str | None]]:
    """(head mention, start, country) of each party, in text order: a qualifying country
    folds into the head it qualifies, 'X Corporation of Russia' takes Russia in."""
    heads: list[tuple[Mention, int, str | None]] = []
    previous: Mention | None = None  # the mention before, unless it was folded in
    skip = False
    last = len(pool) - 1
    for i, m in enumerate(pool):
        if skip:  # "United Aircraft Corporation of Russia": Russia is part of the company
            skip, previous = False, None
            continue
        entity = m.entity
        start, country = m.start, entity.country
        if previous is not None and _absorbs(text, previous, m):
            _, start, qualifier = heads.pop()
            country = country or qualifier
        if i < last and (entity.kind == "company" or entity.kind == "organisation"):
            after = pool[i + 1]
            if after.entity.kind == "country" and _OF_COUNTRY.match(text[m.end : after.start]):
                skip = True
                country = country or after.entity.country
        heads.append((m, start, country))
        previous = m
    return heads


def party_units(
    text: str,
    mentions: Sequence[Mention],
    blocked: Spans,
    locative_ok: bool,
    clause_start: int,
    trigger_start: int,
) -> list[Unit]:
    """Party units of a clause in text order, each with the preposition that governs it, one
    per entity; routes ('via', 'through') dropped first, so a country named as a route and
    then as a party stays."""
    units: list[Unit] = []
    seen: set[str] = set()
    previous: str | None = None  # the slot of the unit before, routes included
    pool = _pool(text, mentions, blocked, locative_ok)
    for m, start, country in _heads(text, pool) if len(pool) > 1 else _lone(pool):
        slot = _slot_of(text, start, clause_start, trigger_start, previous)
        previous = slot
        key = m.entity.key
        if slot in ROUTE_SLOTS or key in seen:
            continue
        seen.add(key)
        # (speed) each unit is made once, with its slot, and only when it is kept
        units.append(Unit(m, start, country, _is_origin(text, m), slot))
    return units


def _lone(pool: list[Mention]) -> list[tuple[Mention, int, str | None]]:
    """`_heads` of a pool of one mention (or none): nothing to fold (speed)."""
    return [(m, m.start, m.entity.country) for m in pool]


def _slot_of(
    text: str, start: int, clause_start: int, trigger_start: int, previous: str | None
) -> str:
    """The preposition governing the words at `start` ('with', 'from', ...), the slot of the
    unit before for a coordinated one, else subject or object by the side of the trigger."""
    lo = max(clause_start, start - _SLOT_REACH)
    # (speed) The words just before `start` decide nearly always: read from the last space
    # before a short window, so no word is cut, and the whole reach only when undecided.
    near = text.rfind(" ", lo, start - _SLOT_NEAR) + 1
    slot = None
    if near > lo:
        slot = _slot_from(_WORD.findall(text, near, start), previous, exhaustive=False)
    if slot is None:
        slot = _slot_from(_WORD.findall(text, lo, start), previous, exhaustive=True)
    return slot or ("subj" if start < trigger_start else "obj")


def _slot_from(tokens: list[str], previous: str | None, *, exhaustive: bool) -> str | None:
    """The slot the last five `tokens` give, "" when they give none; None when they may not
    be all there is to read (`exhaustive` false and fewer than five, all skippable)."""
    for word in reversed(tokens[-5:]):
        low = word.lower()
        if previous is not None and low in _COORDINATORS:
            return previous
        if low in _PREPOSITIONS:
            return low
        if low in _SKIPPABLE or (word[0].islower() and low.endswith(("ian", "ese", "ish"))):
            continue
        return ""
    return "" if exhaustive or len(tokens) >= 5 else None


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


def roles_of(units: list[Unit], direction: str, default: Role) -> dict[str, Role]:
    """The role of each unit, by its key (`role_of` of each)."""
    if direction not in _ROLE_TABLE:  # (speed) every unit takes the default
        return {u.mention.entity.key: default for u in units}
    return {u.mention.entity.key: role_of(u, direction, default) for u in units}


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


# (speed) a table, not EntityKind(kind): the enum's lookup is dear for every participant
_ENTITY_KINDS: Final = {
    **{kind.value: kind for kind in EntityKind},
    "capital": EntityKind.COUNTRY,
    "city": EntityKind.COUNTRY,
    "igo": EntityKind.ORGANISATION,
}


def entity_kind(kind: str) -> EntityKind:
    found = _ENTITY_KINDS.get(kind)
    return found if found is not None else EntityKind(kind)
