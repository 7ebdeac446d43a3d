"""Two time expressions that bound one span: "from April 2000 to September 2025"."""

from __future__ import annotations

import re
from datetime import date
from typing import Final

from services.worker.extract.timex_mention import TimeMention, time_mention
from shared.models import Granularity, TemporalRelation

# What may stand between the two ends, by the word that opens the first: "between X and Y",
# "from X to Y" ("through", "until", a dash). A bare "X to Y" is left alone: "raise trade
# from 2024 levels to ..." and "in March to ..." rarely mean one span.
_JOINERS: Final = {
    "between": re.compile(r"\s+and\s+"),
    "from": re.compile(r"\s*(?:-|–|—)\s*|\s+(?:to|through|until|till)\s+"),
}
_OPENER: Final = re.compile(r"(?P<word>between|from)\s", re.I)
_YEAR: Final = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")
# Ends that name days or months; years and spans already join themselves (timex_resolve).
_ENDS: Final = frozenset({Granularity.DAY, Granularity.MONTH})


def join_ranges(found: list[TimeMention], text: str, offset: int, anchor: date | None) -> None:
    """Join in place each "from X to Y" / "between X and Y" pair of `found` (sorted, offsets
    moved by `offset` into `text`) into one span: X's start to Y's end. An X without its
    own year takes Y's ("between June 15 and November 15 last year")."""
    i = 0
    while i + 1 < len(found):
        joined = _joined(found[i], found[i + 1], text, offset, anchor)
        if joined is None:
            i += 1
            continue
        found[i : i + 2] = [joined]


def _joined(
    first: TimeMention, last: TimeMention, text: str, offset: int, anchor: date | None
) -> TimeMention | None:
    opener = _OPENER.match(first.text)
    if opener is None or first.granularity not in _ENDS or last.granularity not in _ENDS:
        return None
    between = text[first.end - offset : last.start - offset]
    if _JOINERS[opener["word"].lower()].fullmatch(between) is None:
        return None
    begin, finish = first.begin, last.finish
    if begin is None or finish is None:
        return None
    if _YEAR.search(first.text) is None and begin.year != finish.year:
        begin = _in_year_before(begin, finish)
    if begin > finish:
        return None
    relation = TemporalRelation.OCCURRED
    if anchor is not None and begin > anchor:
        relation = TemporalRelation.PLANNED
    start, end = first.start - offset, last.end - offset
    return time_mention(
        first.start, last.end, text[start:end], begin, finish, Granularity.RANGE, relation
    )


def _in_year_before(begin: date, finish: date) -> date:
    """`begin`'s month and day in `finish`'s year, or the year before when that would come
    after `finish` ("from November to March 2025")."""
    moved = _replace_year(begin, finish.year)
    return moved if moved <= finish else _replace_year(begin, finish.year - 1)


def _replace_year(day: date, year: int) -> date:
    try:
        return day.replace(year=year)
    except ValueError:  # February 29 in a year without it
        return day.replace(year=year, day=28)
