"""A time expression as the extractor keeps it: offsets, text, dated period, relation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shared.models import Granularity, TemporalRelation, When


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression with offsets into the text it was found in and its resolved period."""

    start: int
    end: int
    text: str
    begin: date | None
    finish: date | None
    granularity: Granularity
    relation: TemporalRelation
    resolved: bool


def time_mention(
    start: int, end: int, text: str, begin: date | None, finish: date | None,
    granularity: Granularity, relation: TemporalRelation,
) -> TimeMention:  # fmt: skip
    """TimeMention(start, end, text, begin, finish, granularity, relation, begin is not None)."""
    return TimeMention(start, end, text, begin, finish, granularity, relation, begin is not None)


def to_when(t: TimeMention, *, anchor: date | None, base_offset: int = 0) -> When:
    """The contract's When, with span offsets moved by `base_offset`."""
    # (speed) one validation of a nested dict is faster than building the Span model first
    return When.model_validate(
        {
            "text": t.text,
            "start": t.begin,
            "end": t.finish,
            "granularity": t.granularity,
            "relation": t.relation,
            "resolved": t.resolved,
            "anchor": anchor,
            "span": {"start": base_offset + t.start, "end": base_offset + t.end, "text": t.text},
        }
    )
