"""The classification of one article: is it about trade cooperation, between whom, in what."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from shared.models.event import Sector


class Classification(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    is_trade_cooperation: bool
    score: float = Field(ge=0.0, le=1.0)
    reasons: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list, description="sorted ISO alpha-3")
    sectors: list[Sector] = Field(default_factory=list)
