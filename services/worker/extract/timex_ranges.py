"""Spans told in two parts: "from April 2000 to September 2025", "a three-day mission that ended
on Wednesday"."""

from __future__ import annotations

import re
from datetime import date, timedelta
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


# "wrapped up a three-day trade mission ... on Wednesday", "a two-day business forum that
# ended in Lagos on Tuesday": the days of an event told by its length and its last (or first)
# day, which a weekday or a date of the same sentence names.
_N_DAY: Final = re.compile(
    r"\b(?P<verb>wrap(?:ped|s)\s+up|conclude[ds]?|end(?:ed|s)|close[ds]|completed|beg(?:an|ins)|"
    r"open(?:ed|s)|start(?:ed|s)|kick(?:ed|s)\s+off)\s+(?:a|an|the|its|their)\s+"
    r"(?P<n>two|three|four|five|six|seven|[2-7])-day\b"
    r"|\b(?:a|an|the)\s+(?P<n2>two|three|four|five|six|seven|[2-7])-day\s+(?:[\w-]+\s+){0,3}?"
    r"(?:mission|visit|forum|fair|expo|exhibition|summit|conference|trip|tour|meeting|session|"
    # "... mission that ended", "... mission by 38 Dutch companies to Ghana ended"
    r"event|show|roadshow)\b(?:[^.;,]{0,60}?\s)??\s*(?:(?:that|which)\s+)?"
    r"(?P<verb2>end(?:ed|s)|close[ds]|conclude[ds]?|"
    r"wrap(?:ped|s)\s+up|beg(?:an|ins)|open(?:ed|s)|start(?:ed|s)|kick(?:ed|s)\s+off)\b"
    # "arrived in Mexico on Monday for a three-day state visit": its first day
    r"|\b(?P<verb3>arriv(?:ed|es))\b[^.;]{0,60}?\bfor\s+(?:a|an|his|her|their|its)\s+"
    r"(?P<n3>two|three|four|five|six|seven|[2-7])-day\b",
    re.I,
)
_COUNTS: Final = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_FIRST_DAY_VERBS: Final = ("beg", "open", "start", "kick", "arriv")


def add_durations(found: list[TimeMention], text: str, offset: int, anchor: date | None) -> None:
    """Add, in place and in order, the span of each "N-day" event whose last or first day a
    day of the same sentence names (`found`: sorted, offsets moved by `offset` into `text`)."""
    if "-day" not in text:
        return  # (speed) most texts tell no event's length
    days = [t for t in found if t.granularity is Granularity.DAY and t.begin is not None]
    added = []
    for m in _N_DAY.finditer(text):
        day = _same_sentence_day(days, text, offset, m.start(), m.end())
        if day is None or day.begin is None:
            continue
        count = m["n"] or m["n2"] or m["n3"]
        n = _COUNTS.get(count.lower(), 0) or int(count)
        verb = (m["verb"] or m["verb2"] or m["verb3"]).lower()
        begin, finish = day.begin, day.begin
        if verb.startswith(_FIRST_DAY_VERBS):
            finish = begin + timedelta(days=n - 1)
        else:
            begin = finish - timedelta(days=n - 1)
        where = m.start("n") if m["n"] else m.start("n2") if m["n2"] else m.start("n3")
        relation = TemporalRelation.OCCURRED
        if anchor is not None and finish > anchor:
            relation = TemporalRelation.PLANNED
        span = time_mention(
            where + offset, m.end() + offset, text[where : m.end()], begin, finish,
            Granularity.RANGE, relation,
        )  # fmt: skip
        added.append(span)
    if added:
        found.extend(added)
        found.sort(key=_start)


def _same_sentence_day(
    days: list[TimeMention], text: str, offset: int, start: int, end: int
) -> TimeMention | None:
    """The day nearest [start, end) with no sentence end between them."""
    best: TimeMention | None = None
    best_gap = len(text)
    for t in days:
        if start <= t.start - offset and t.end - offset <= end:
            return t  # inside the words themselves: "arrived ... on Monday for a three-day"
        lo, hi = (end, t.start - offset) if t.start - offset >= end else (t.end - offset, start)
        if lo > hi or ". " in text[lo:hi]:
            continue
        if hi - lo < best_gap:
            best, best_gap = t, hi - lo
    return best


def _start(t: TimeMention) -> int:
    return t.start
