"""The gold annotations (validated at load) and the flat prediction shape the scorer compares."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.models import EventType

GOLD_DIR = Path(__file__).resolve().parent
ARTICLES_DIR = GOLD_DIR / "articles"
ANNOTATIONS = GOLD_DIR / "annotations.json"
SEED_PREFIX = "seed:"

Alpha3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GoldEquivalent(_Strict):
    """The same sum stated again in the article: "1.1 billion dollars (Rp 17.9 trillion)"."""

    value: float = Field(gt=0)
    currency: Alpha3


class GoldAmount(_Strict):
    text: str = Field(min_length=1)
    value: float = Field(gt=0, description="full units of `currency`")
    currency: Alpha3
    usd: float | None = Field(default=None, gt=0, description="the article's own USD conversion")
    approx: bool = False
    optional: bool = False
    equivalents: list[GoldEquivalent] = Field(default_factory=list)

    def forms(self) -> list[tuple[float, str]]:
        """Every (value, currency) under which a prediction of this sum counts as correct."""
        out = [(self.value, self.currency)]
        out += [(e.value, e.currency) for e in self.equivalents]
        if self.usd is not None:
            out.append((self.usd, "USD"))
        return out


class GoldWhen(_Strict):
    """Resolved dates to expect (only the fields given are checked), or `resolved: false`."""

    start: date | None = None
    end: date | None = None
    resolved: bool = True

    @model_validator(mode="after")
    def _consistent(self) -> GoldWhen:
        if self.resolved == (self.start is None and self.end is None):
            raise ValueError("give start and/or end, or resolved: false without dates")
        return self


class GoldEvent(_Strict):
    event_type: EventType
    also_ok: list[EventType] = Field(default_factory=list)
    optional: bool = False
    countries: list[Alpha3] = Field(min_length=1)
    amounts: list[GoldAmount] = Field(default_factory=list)
    when: GoldWhen | None = None
    evidence: str = Field(min_length=1)

    def types(self) -> frozenset[str]:
        return frozenset({self.event_type.value, *(t.value for t in self.also_ok)})


class GoldArticle(_Strict):
    file: str = Field(min_length=1)
    published: date | None
    is_trade_cooperation: bool
    topic: str = Field(min_length=1)
    negative_kind: str | None = None
    countries: list[Alpha3] = Field(default_factory=list)
    countries_optional: list[Alpha3] = Field(default_factory=list)
    events: list[GoldEvent] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> GoldArticle:
        if self.countries != sorted(set(self.countries)):
            raise ValueError(f"{self.file}: countries must be sorted and unique")
        if self.is_trade_cooperation:
            if not self.countries or not any(not e.optional for e in self.events):
                raise ValueError(f"{self.file}: a positive needs countries and a required event")
        elif self.countries or self.events or not self.negative_kind:
            raise ValueError(f"{self.file}: a negative has a kind and no countries or events")
        return self

    @property
    def is_seed(self) -> bool:
        return self.file.startswith(SEED_PREFIX)

    def path(self, seeds_dir: Path) -> Path:
        if self.is_seed:
            return seeds_dir / self.file.removeprefix(SEED_PREFIX)
        return ARTICLES_DIR / self.file


class GoldSet(_Strict):
    schema_version: int = Field(alias="schema")
    about: str
    articles: list[GoldArticle]


def load_gold(path: Path = ANNOTATIONS) -> list[GoldArticle]:
    return GoldSet.model_validate(json.loads(path.read_text(encoding="utf-8"))).articles


@dataclass(frozen=True, slots=True)
class Money:
    """One predicted sum: value in full units of an ISO 4217 currency, and its USD value if any."""

    value: float
    currency: str
    usd: float | None = None


@dataclass(frozen=True, slots=True)
class PredWhen:
    start: date | None
    end: date | None
    resolved: bool


@dataclass(frozen=True, slots=True)
class PredEvent:
    event_type: str
    countries: tuple[str, ...] = ()
    amounts: tuple[Money, ...] = ()
    when: PredWhen | None = None


@dataclass(frozen=True, slots=True)
class Prediction:
    """What the extractor said about one text, reduced to what the scorer compares."""

    is_trade: bool
    countries: frozenset[str] = frozenset()
    events: tuple[PredEvent, ...] = field(default=())
