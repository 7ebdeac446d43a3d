"""What a time expression means: its reading in context, its dated period and its relation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, NamedTuple

from services.worker.extract.timex_calendar import (
    WEEKDAYS,
    Period,
    half_period,
    month_end,
    month_period,
    nearest_year,
    part_of,
    quarter_period,
    rolling_window,
    unit_period,
    weekday_near,
    year_period,
)
from services.worker.extract.timex_context import MODIFIERS, PREPOSITIONS, Context
from shared.models import Granularity, TemporalRelation

_DEICTIC: Final = {"yesterday": -1, "today": 0, "tomorrow": 1}
_YEAR_PREPOSITIONS: Final = PREPOSITIONS - {"on", "at"}
# "past year" and "coming year" are rolling windows; "last year" and "next year" calendar ones.
_ROLLING: Final = frozenset({"past", "coming", "upcoming"})
_SPANS: Final = frozenset({"during", "throughout", "until", "till", "through", "over", "within"})
_UNIT_GRANULARITY: Final = {
    "year": Granularity.YEAR,
    "quarter": Granularity.QUARTER,
    "month": Granularity.MONTH,
    "week": Granularity.RANGE,
}


@dataclass(slots=True)
class Expr:
    """An expression as read from the text: its kind and the fields that kind uses."""

    start: int
    end: int
    kind: str  # date, month, year, quarter, half, first_months, unit, window, weekday, deictic
    year: int | None = None
    year_offset: int | None = None  # relative to the anchor's year ("last year" is -1)
    year2: int | None = None
    month: int | None = None
    month2: int | None = None
    day: int | None = None
    day2: int | None = None
    number: int = 0  # quarter, half, count of months or units, weekday, day offset
    unit: str = ""
    plural: bool = False
    offset: int = 0  # this 0, last -1, next +1; the direction of a window
    joiner: str = ""
    first_end: int = 0
    weekday2: int | None = None  # the last day of a weekday range ("Monday to Wednesday")

    def accept(self, ctx: Context) -> bool:
        """Keep what reads as a time expression ("in May", not "may"), settling its kind."""
        if self.kind == "year":
            return self._accept_year(ctx)
        if self.kind == "month":
            return bool(ctx.prep or ctx.edge or ctx.part or ctx.mod or self.year or self.month2)
        if self.kind == "dayword":
            return self._accept_dayword(ctx)
        if self.kind == "unit":
            return self._accept_unit(ctx)
        return True

    def _accept_year(self, ctx: Context) -> bool:
        if ctx.prep not in _YEAR_PREPOSITIONS and not (ctx.part or ctx.edge):
            return False  # a bare number like 2020 is too often not a year
        if self.year2 is not None:
            joined = self.joiner != "and" or ctx.prep == "between"
            if not (joined and self.year2 > (self.year or 0)):
                self.year2, self.end = None, self.first_end  # "in 2015 and 2016": two years
        return True

    def _accept_dayword(self, ctx: Context) -> bool:
        if self.unit in _DEICTIC:
            self.kind, self.number = "deictic", _DEICTIC[self.unit]
            return True
        if self.unit not in WEEKDAYS:
            return False
        self.kind, self.number = "weekday", WEEKDAYS[self.unit]
        self.offset = MODIFIERS.get(ctx.mod or "this", 0)
        return True

    def _accept_unit(self, ctx: Context) -> bool:
        count, mod = ctx.count, ctx.mod
        if self.plural and count and mod:
            self.kind, self.number, self.offset = "window", count, MODIFIERS[mod]
            return True
        if self.unit in ("quarter", "half") and ctx.ordinal and not self.plural:
            if self.unit == "half" and ctx.ordinal > 2:
                return False
            self.kind, self.number = self.unit, ctx.ordinal
            return True
        if self.unit in ("month", "quarter") and self.plural and count and ctx.ordinal == 1:
            self.kind, self.number = "first_months", count * (3 if self.unit == "quarter" else 1)
            return True
        if self.plural or self.unit == "half":
            return False
        if mod in _ROLLING:
            self.kind, self.number, self.offset = "window", 1, MODIFIERS[mod]
        elif mod == "last" and self.unit == "quarter" and self._has_year():
            self.kind, self.number = "quarter", 4
        elif mod:
            self.offset = MODIFIERS[mod]
        elif not (ctx.had_the and (ctx.edge or ctx.part)):
            return False  # "a year", "the year before": no period named
        return True

    def _has_year(self) -> bool:
        return self.year is not None or self.year_offset is not None


class Resolution(NamedTuple):
    """(speed) A named tuple: one is built per time expression, faster than a dataclass."""

    begin: date | None
    finish: date | None
    granularity: Granularity
    relation: TemporalRelation


def _year_for(
    expr: Expr, anchor: date | None, future: Callable[[], bool], *, past_only: bool
) -> int | None:
    """The year of a month, day or quarter; without one, the anchor's or its neighbour's."""
    if expr.year is not None:
        return expr.year
    if anchor is None:
        return None
    if expr.year_offset is not None:
        return anchor.year + expr.year_offset
    trial = _dated(expr, anchor.year)
    if past_only:  # "since March" is the last March that has begun
        return anchor.year - 1 if trial[0] > anchor else anchor.year
    return nearest_year(anchor, trial, future=future())


def _dated(expr: Expr, year: int) -> Period:
    """The period of a date, month, quarter, half or "first N months" in a given year."""
    if expr.kind == "date":
        begin = date(year, expr.month or 1, expr.day or 1)
        finish = date(year, expr.month2 or expr.month or 1, expr.day2 or expr.day or 1)
        return begin, finish if finish >= begin else finish.replace(year=year + 1)
    if expr.kind == "month":
        last = expr.month2 or expr.month or 1
        end_year = year if last >= (expr.month or 1) else year + 1
        return month_period(year, expr.month or 1)[0], month_end(end_year, last)
    if expr.kind == "quarter":
        return quarter_period(year, expr.number)
    if expr.kind == "half":
        return half_period(year, expr.number)
    return date(year, 1, 1), month_end(year, min(expr.number, 12))


def _base(
    expr: Expr, anchor: date | None, future: Callable[[], bool], *, past_only: bool
) -> Period | None:
    if expr.kind == "year":
        first = year_period(expr.year or 1)
        return (first[0], year_period(expr.year2)[1]) if expr.year2 else first
    if expr.kind in ("date", "month", "quarter", "half", "first_months"):
        year = _year_for(expr, anchor, future, past_only=past_only)
        return _dated(expr, year) if year is not None else None
    if anchor is None:
        return None
    if expr.kind == "unit":
        return unit_period(anchor, expr.unit, expr.offset)
    if expr.kind == "window":
        return rolling_window(anchor, expr.number, expr.unit, expr.offset)
    if expr.kind == "weekday":
        direction = expr.offset or (1 if future() else -1)
        day = weekday_near(anchor, expr.number, direction, strict=expr.offset != 0)
        if expr.weekday2 is None:
            return day, day
        return day, day + timedelta(days=(expr.weekday2 - expr.number) % 7)
    day = anchor + timedelta(days=expr.number)
    return day, day


def _granularity(expr: Expr) -> Granularity:
    if expr.kind == "date":
        single = expr.day2 is None and expr.month2 is None
        return Granularity.DAY if single else Granularity.RANGE
    if expr.kind == "month":
        return Granularity.MONTH if expr.month2 is None else Granularity.RANGE
    if expr.kind == "year":
        return Granularity.YEAR if expr.year2 is None else Granularity.RANGE
    if expr.kind == "quarter":
        return Granularity.QUARTER
    if expr.kind == "first_months":
        return Granularity.MONTH if expr.number == 1 else Granularity.RANGE
    if expr.kind == "unit":
        return _UNIT_GRANULARITY[expr.unit]
    if expr.kind == "weekday" and expr.weekday2 is not None:
        return Granularity.RANGE
    if expr.kind in ("weekday", "deictic"):
        return Granularity.DAY
    return Granularity.RANGE


def _modified(
    period: Period, ctx: Context, anchor: date | None, granularity: Granularity
) -> tuple[date | None, date | None, Granularity]:
    """Apply "end of", "early", "so far", "since" to a period."""
    begin, finish = period
    if ctx.edge in ("end", "close"):
        return finish, finish, granularity
    if ctx.edge in ("beginning", "start"):
        return begin, begin, granularity
    part = "mid" if ctx.edge == "middle" else ctx.part
    if part in ("early", "mid", "late") and part_of(period, part) != period:
        begin, finish = part_of(period, part)
        granularity = Granularity.RANGE
    elif part in ("earlier", "so far", "later"):
        if anchor is None:
            return None, None, Granularity.RANGE
        if begin <= anchor <= finish and part == "later":  # "later this year": after the anchor
            return anchor, finish, Granularity.RANGE
        if begin <= anchor <= finish:
            return begin, anchor, Granularity.RANGE
    if ctx.prep == "since":  # open-ended when the anchor is unknown or before the start
        return begin, anchor if anchor and anchor >= begin else None, Granularity.RANGE
    return begin, finish, granularity


def _relation(
    expr: Expr,
    ctx: Context,
    begin: date | None,
    anchor: date | None,
    future: Callable[[], bool],
) -> TemporalRelation:
    """Target for deadlines, period covered for spans of measurement, planned for the future."""
    if ctx.prep in ("by", "before"):
        return TemporalRelation.TARGET
    if expr.kind == "window":
        return TemporalRelation.PLANNED if expr.offset > 0 else TemporalRelation.PERIOD_COVERED
    if ctx.prep == "since" or ctx.part == "so far" or ctx.prep in _SPANS:
        return TemporalRelation.PERIOD_COVERED
    if expr.kind in ("first_months", "half", "quarter"):
        return TemporalRelation.PERIOD_COVERED
    ahead = expr.offset > 0 or (ctx.mod is not None and MODIFIERS[ctx.mod] > 0)
    if ctx.part == "later" or ahead or (anchor and begin and begin > anchor) or future():
        return TemporalRelation.PLANNED
    return TemporalRelation.OCCURRED


def resolve(
    expr: Expr, ctx: Context, anchor: date | None, *, future: Callable[[], bool]
) -> Resolution:
    """The expression's dated period (None when it needs an anchor it lacks) and its relation.

    `future` says whether the sentence speaks of the future; it is asked only when needed.
    """
    known: list[bool] = []
    if ctx.mod in ("last", "next") and expr.kind in ("date", "month"):
        known.append(ctx.mod == "next")

    def tense() -> bool:
        if not known:
            known.append(future())
        return known[0]

    granularity = _granularity(expr)
    try:
        period = _base(expr, anchor, tense, past_only=ctx.prep == "since")
    except ValueError:  # "February 30"
        period = None
    if period is None:
        begin, finish = None, None
        if ctx.part or ctx.prep == "since" or ctx.edge == "middle":
            granularity = Granularity.RANGE
    else:
        begin, finish, granularity = _modified(period, ctx, anchor, granularity)
    return Resolution(begin, finish, granularity, _relation(expr, ctx, begin, anchor, tense))
