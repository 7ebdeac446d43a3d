"""Calendar arithmetic for time expressions: periods of years, quarters, months, weeks and days."""

from __future__ import annotations

import calendar
import functools
from datetime import date, timedelta
from typing import Final

# A period is an inclusive [begin, finish] pair of days.
Period = tuple[date, date]

MONTHS: Final = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS: Final = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
# A date with no year that would lie further than this from the publication date belongs to the
# neighbouring year ("on Dec. 28" in a January story is last December).
_HALF_YEAR_DAYS: Final = 183


def month_number(name: str) -> int:
    """1-12 for "Nov", "Nov.", "November", "Sept"."""
    return MONTHS[name[:3].lower()]


@functools.lru_cache(maxsize=4096)
def _days_in(year: int, month: int) -> int:
    """(speed) calendar.monthrange is Python code; a month's length is asked again and again."""
    return calendar.monthrange(year, month)[1]


def month_end(year: int, month: int) -> date:
    return date(year, month, _days_in(year, month))


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, _days_in(year, month + 1)))


def months_in_year(period: Period, year: int) -> Period | None:
    """The same whole months in `year` ("January-August" of another year); None unless the
    period is whole months within one year."""
    begin, finish = period
    if (
        begin.day != 1
        or finish != month_end(finish.year, finish.month)
        or begin.year != finish.year
    ):
        return None
    return date(year, begin.month, 1), month_end(year, finish.month)


def year_period(year: int) -> Period:
    return date(year, 1, 1), date(year, 12, 31)


def month_period(year: int, month: int, last_month: int | None = None) -> Period:
    return date(year, month, 1), month_end(year, last_month or month)


def quarter_period(year: int, quarter: int) -> Period:
    return date(year, 3 * quarter - 2, 1), month_end(year, 3 * quarter)


def half_period(year: int, half: int) -> Period:
    return date(year, 6 * half - 5, 1), month_end(year, 6 * half)


def week_period(day: date, offset_weeks: int) -> Period:
    """Monday to Sunday of the week holding `day`, moved by whole weeks."""
    monday = day - timedelta(days=day.weekday()) + timedelta(weeks=offset_weeks)
    return monday, monday + timedelta(days=6)


def unit_period(anchor: date, unit: str, offset: int) -> Period:
    """This (0), last (-1) or next (+1) calendar year, quarter, month or week."""
    if unit == "year":
        return year_period(anchor.year + offset)
    if unit == "quarter":
        first = add_months(date(anchor.year, 3 * ((anchor.month - 1) // 3) + 1, 1), 3 * offset)
        return first, add_months(first, 3) - timedelta(days=1)
    if unit == "month":
        first = add_months(date(anchor.year, anchor.month, 1), offset)
        return first, month_end(first.year, first.month)
    return week_period(anchor, offset)


def rolling_window(anchor: date, count: int, unit: str, direction: int) -> Period:
    """The `count` units before (direction -1) or after (+1) the anchor day."""
    months = {"year": 12, "decade": 120, "quarter": 3, "month": 1}.get(unit)
    if months is not None:
        other = add_months(anchor, direction * count * months)
    else:
        other = anchor + timedelta(days=direction * count * (7 if unit == "week" else 1))
    return (anchor, other) if direction > 0 else (other, anchor)


def weekday_near(anchor: date, weekday: int, direction: int, *, strict: bool) -> date:
    """The weekday on or before (direction -1) or on or after (+1) the anchor; strict skips it."""
    if direction < 0:
        back = (anchor.weekday() - weekday) % 7 or (7 if strict else 0)
        return anchor - timedelta(days=back)
    ahead = (weekday - anchor.weekday()) % 7 or (7 if strict else 0)
    return anchor + timedelta(days=ahead)


def part_of(period: Period, part: str) -> Period:
    """Early, mid or late third of a period (by months for a year, by days otherwise)."""
    begin, finish = period
    third = {"early": 0, "mid": 1, "middle": 1, "late": 2}[part]
    if begin.month == 1 and begin.day == 1 and finish.month == 12 and finish.day == 31:
        first = date(begin.year, 4 * third + 1, 1)
        return first, month_end(begin.year, 4 * third + 4)
    days = (finish - begin).days + 1
    if days < 3:
        return period  # "early Monday" is still Monday
    start = begin + timedelta(days=days * third // 3)
    return start, begin + timedelta(days=days * (third + 1) // 3 - 1)


def nearest_year(anchor: date, build: Period, *, future: bool) -> int:
    """Year for a month or day given without one: the anchor's, or a neighbour when far off."""
    begin, finish = build
    if not future and (begin - anchor).days > _HALF_YEAR_DAYS:
        return anchor.year - 1
    if future and (anchor - finish).days > _HALF_YEAR_DAYS:
        return anchor.year + 1
    return anchor.year
