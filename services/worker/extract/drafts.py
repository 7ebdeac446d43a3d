"""Event drafts: one per trigger clause and type, with parties, amounts, time, place, sectors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from services.worker.extract.amounts import MoneyMention
from services.worker.extract.clauses import is_past_verb
from services.worker.extract.gazetteer import Mention
from services.worker.extract.parties import Unit
from services.worker.extract.timex import TimeMention
from services.worker.extract.triggers import Hit
from shared.models import EventType, Role, Sector


@dataclass(slots=True)
class Draft:
    """A fact being assembled; merging folds later mentions of the same fact into it (slots:
    a few per sentence are made, and their fields are read throughout)."""

    type: EventType
    hit: Hit
    sentence: int
    clause: tuple[int, int]
    units: list[Unit]
    roles: dict[str, Role]
    direction: str
    party_source: str  # clause|sentence|coordinated|anaphora|context|venue|partial|none
    money: list[MoneyMention] = field(default_factory=list)
    time: TimeMention | None = None
    time_from: str = "none"  # clause | sentence | venue | lead | none
    location: Mention | None = None
    sectors: set[Sector] = field(default_factory=set)
    confidence: float = 0.0
    basis: list[str] = field(default_factory=list)
    mission_mode: str = "visit"
    merged: int = 0
    last_sentence: int = -1  # the sentence of the latest mention folded in (-1: none yet)

    @property
    def countries(self) -> list[str]:
        return sorted({u.country for u in self.units if u.country})

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(u.key for u in self.units)

    @property
    def own_parties(self) -> bool:
        """Whether the draft names both sides itself (else it may only add to an earlier fact)."""
        return self.party_source not in ("partial", "none")

    @property
    def intent(self) -> bool:
        """Planned, not done: 'signed a CEPA that will remove tariffs' was signed, though its
        object lies ahead (a past signing verb outweighs a later 'will')."""
        if self.type is EventType.TRADE_TARGET:
            return True
        signed = self.hit.rule.type == "@sign" and is_past_verb(self.hit.text.split()[0])
        return self.hit.intent and not signed

    def has_sides(self) -> bool:
        """Two countries, or a country and a bloc (or, for aid and investment, a lender)."""
        countries = self.countries
        if len(countries) >= 2:
            return True
        if len(countries) != 1:
            return False
        # A multilateral lender and one country is not cooperation between countries.
        return any(u.kind == "bloc" for u in self.units if u.country is None)

    def deal_values(self) -> set[float]:
        return {m.value for m in self.money if m.currency is not None}


def absorb(target: Draft, other: Draft, *, units: bool = True) -> None:
    """Fold a later mention of the same fact into the first one (its parties too, unless the
    later mention names only one side and so may mean someone else)."""
    known = {u.key for u in target.units}
    for unit in other.units if units else ():
        if unit.key not in known:
            target.units.append(unit)
            target.roles[unit.key] = other.roles.get(unit.key, Role.PARTNER)
    _add_money(target.money, other.money)
    if (
        target.time is None
        or (target.time_from != "clause" and other.time_from == "clause")
        or _narrows(target.time, other.time)
    ):
        target.time, target.time_from = other.time, other.time_from
    target.location = target.location or other.location
    target.sectors |= other.sectors
    target.confidence = min(0.98, max(target.confidence, other.confidence) + 0.05)
    if "corroborated" not in target.basis:
        target.basis.append("corroborated")
    target.merged += 1
    target.last_sentence = max(target.last_sentence, other.sentence, other.last_sentence)


def _narrows(wide: TimeMention | None, narrow: TimeMention | None) -> bool:
    """'... a trade mission to the Philippines this week. ... to Manila on Monday and Tuesday':
    a later mention's few days inside the first one's week or month say when it was."""
    if wide is None or narrow is None:
        return False
    w0, w1, n0, n1 = wide.begin, wide.finish, narrow.begin, narrow.finish
    if w0 is None or w1 is None or n0 is None or n1 is None:
        return False
    if (w1 - w0).days < _WIDE_DAYS or w1.year != w0.year:
        return False  # a day, or a span no wider than a few days, is precise already
    return (n1 - n0).days <= _NARROW_DAYS and w0 <= n0 and n1 <= w1


_WIDE_DAYS: Final = 6  # a week or more ("this week", "in June")
_NARROW_DAYS: Final = 4  # a day or a short event ("on Monday and Tuesday", "Sept 8 to 12")


# The role a party takes when its place in the sentence says nothing more.
_DEFAULT_ROLE: Final = {
    EventType.TRADE_AGREEMENT: Role.SIGNATORY,
    EventType.TRADE_MISSION: Role.PARTNER,
}


def default_role(event_type: EventType) -> Role:
    return _DEFAULT_ROLE.get(event_type, Role.PARTNER)


def has_currency(money: list[MoneyMention]) -> bool:
    """Whether one of the sums has a currency (percentages have none)."""
    # a plain loop, not any(...): no generator per call in the hottest loop
    for m in money:  # noqa: SIM110
        if m.currency is not None:
            return True
    return False


def _add_money(money: list[MoneyMention], more: list[MoneyMention]) -> None:
    """The sums of `more` not yet in `money`; a sum told again with the article's own USD
    conversion ("R12.5 billion (about $680 million)" after the headline's "R12.5 billion")
    lends it that conversion."""
    at = {(m.value, m.currency): i for i, m in enumerate(money)}
    for m in more:
        i = at.get((m.value, m.currency))
        if i is None:
            at[(m.value, m.currency)] = len(money)
            money.append(m)
        elif money[i].stated_usd is None and m.stated_usd is not None:
            money[i] = money[i]._replace(stated_usd=m.stated_usd, stated_usd_text=m.stated_usd_text)
