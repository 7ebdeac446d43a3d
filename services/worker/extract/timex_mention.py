"""A time expression as the extractor keeps it: offsets, text, dated period, relation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Final

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


def _slot_setter(name: str) -> Callable[[TimeMention, object], None]:
    setter: Callable[[TimeMention, object], None] = TimeMention.__dict__[name].__set__
    return setter


# (speed) A frozen dataclass's __init__ sets each field through object.__setattr__; its slots'
# own descriptors set them twice as fast (see time_mention).
_SET_START, _SET_END, _SET_TEXT, _SET_BEGIN, _SET_FINISH, _SET_GRAN, _SET_REL, _SET_RESOLVED = map(
    _slot_setter, ("start", "end", "text", "begin", "finish", "granularity", "relation", "resolved")
)
_new_object: Final = object.__new__


def time_mention(
    start: int, end: int, text: str, begin: date | None, finish: date | None,
    granularity: Granularity, relation: TemporalRelation,
) -> TimeMention:  # fmt: skip
    """TimeMention(start, end, text, begin, finish, granularity, relation, begin is not None)."""
    found: TimeMention = _new_object(TimeMention)
    _SET_START(found, start)
    _SET_END(found, end)
    _SET_TEXT(found, text)
    _SET_BEGIN(found, begin)
    _SET_FINISH(found, finish)
    _SET_GRAN(found, granularity)
    _SET_REL(found, relation)
    _SET_RESOLVED(found, begin is not None)
    return found


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
