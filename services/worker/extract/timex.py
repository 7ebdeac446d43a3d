"""Time expressions in news text, resolved against the publication date into dated periods."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Final

from services.worker.extract.numbers import NUMBER_WORDS, number_runs
from services.worker.extract.timex_calendar import WEEKDAYS, add_months, months_in_year
from services.worker.extract.timex_context import (
    BACK_CHARS,
    MODIFIERS,
    ORDINALS,
    PARTS,
    PREPOSITIONS,
    Context,
    context_before,
    first_word,
    is_future_context,
    year_after,
)
from services.worker.extract.timex_mention import TimeMention as TimeMention
from services.worker.extract.timex_mention import time_mention
from services.worker.extract.timex_mention import to_when as to_when
from services.worker.extract.timex_ranges import add_durations, join_ranges
from services.worker.extract.timex_resolve import Expr, resolve
from services.worker.extract.tries import compile_trie
from services.worker.extract.wordscan import needs_case_blind
from shared.models import Granularity, TemporalRelation

_YEAR: Final = r"(?:19|20)[0-9]{2}(?![0-9])"
_DAY: Final = r"(?:3[01]|[12][0-9]|0?[1-9])(?![0-9])(?:st|nd|rd|th)?"
_MON: Final = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?![A-Za-z])"
)
_MONTH_AT: Final = re.compile(
    rf"(?P<m1>{_MON})(?:\.?\s*(?P<d1>{_DAY})(?:\s*(?:-|–|to|through)\s*(?:(?P<m2d>{_MON})\.?\s*)?"
    rf"(?P<d2>{_DAY}))?|\s*(?:-|–|to|through|and)\s*(?P<m2>{_MON})\.?)?"
    rf"(?:,?\s+(?:of\s+)?(?P<y>{_YEAR}))?"
)
_DIGITS_AT: Final = re.compile(
    rf"(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12][0-9]|3[01])(?![0-9])"
    rf"|(?P<dd1>{_DAY})(?:\s*(?:-|–)\s*(?P<dd2>{_DAY}))?\s+(?:of\s+)?(?P<dm>{_MON})\.?"
    rf"(?:,?\s+(?P<dy>{_YEAR}))?"
    rf"|(?P<yr>{_YEAR})(?:\s*(?P<ysep>-|–|to|through|and)\s*(?P<yr2>{_YEAR}|[0-9]{{2}}(?![0-9])))?"
    r"(?!\s*(?:%|percent|per\s+cent)|[.,]?[0-9])"
)
# A year after a quarter, a half or "the first five months": "of 2019", "this year", " 2019".
_YEAR_AFTER: Final = re.compile(
    r"(?:\s*,)?\s+(?:of\s+)?(?:(?P<yrel>this|last|next|the\s+current|the\s+previous|the\s+past"
    rf"|the)\s+year\b|(?P<yabs>{_YEAR}))"
)
_YEAR_OFFSETS: Final = {"this": 0, "the current": 0, "the": 0, "last": -1, "the previous": -1}
_YEAR_OFFSETS_NEXT: Final = {"next": 1, "the past": -1}
_UNIT_WORDS: Final = ("year", "month", "week", "quarter", "half")
_MONTH_STEMS: Final = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
_DAY_WORDS: Final = ("day", "morrow")
# Measured: one regex finds the twelve stems faster than twelve str.find scans (the reverse
# holds for the few lowercase unit words, whose first letters are common).
# (A lookbehind in front would cost the engine its fast first-letter scan, so the word start is
# checked after the match.)
_MONTH_STEM: Final = re.compile("|".join(_MONTH_STEMS))
# Words one of which must come right before a bare year, a bare month or a unit word.
_YEAR_LEADS: Final = PREPOSITIONS | PARTS | {"of"}
_MONTH_LEADS: Final = _YEAR_LEADS | set(MODIFIERS)
_UNIT_LEADS: Final = NUMBER_WORDS | set(MODIFIERS) | set(ORDINALS) | {"the"}


_LETTERS: Final = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Longer than any unit or day word, so the C-level strips below mostly find the whole word.
_WORD_CHUNK: Final = 16


def _word_start(text: str, hit: int) -> int:
    """Start of the letters (str.isalpha) ending at `hit`."""
    low = max(0, hit - _WORD_CHUNK)
    start = low + len(text[low:hit].rstrip(_LETTERS))  # (speed) ASCII letters in C first
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return start


def _word_end(text: str, hit: int) -> int:
    """End of the letters (str.isalpha) starting at `hit`."""
    chunk = text[hit : hit + _WORD_CHUNK]
    end = hit + len(chunk) - len(chunk.lstrip(_LETTERS))
    while end < len(text) and text[end].isalpha():
        end += 1
    return end


def _anchors(text: str) -> list[tuple[int, str]]:
    """Places an expression can be built from: numbers, month names, unit and day words."""
    found = [(start, "digit") for start, _ in number_runs(text)]
    for m in _MONTH_STEM.finditer(text):
        if m.start() == 0 or not text[m.start() - 1].isalpha():
            found.append((m.start(), "month"))
    for literal in _UNIT_WORDS:
        hit = text.find(literal)
        while hit >= 0:
            if hit == 0 or not text[hit - 1].isalpha():
                found.append((hit, "unit"))  # a unit word starts its word
            hit = text.find(literal, hit + len(literal))
    for literal in _DAY_WORDS:
        hit = text.find(literal)
        while hit >= 0:
            found.append((_word_start(text, hit), "day"))
            hit = text.find(literal, hit + len(literal))
    found.sort()
    return found


def _year_ref(text: str, pos: int, expr: Expr) -> int:
    """Read "of 2019" / "this year" after `pos` into `expr`; return where the expression ends."""
    m = _YEAR_AFTER.match(text, pos)
    if m is None:
        return pos
    if m["yabs"]:
        expr.year = int(m["yabs"])
    else:
        rel = " ".join(m["yrel"].lower().split())
        expr.year_offset = _YEAR_OFFSETS.get(rel, _YEAR_OFFSETS_NEXT.get(rel, 0))
    return m.end()


def _from_digits(text: str, pos: int) -> Expr | None:
    before = text[pos - 1] if pos else " "
    if before in "QH" and (pos < 2 or not text[pos - 2].isalnum()):
        number = text[pos]
        if text[pos + 1 : pos + 2].isalnum() or number not in ("1234" if before == "Q" else "12"):
            return None
        expr = Expr(start=pos - 1, end=pos + 1, kind="quarter" if before == "Q" else "half")
        expr.number = int(number)
        expr.end = _year_ref(text, pos + 1, expr)
        return expr
    if before.isalnum() or before in "$€£¥":
        return None
    if text[pos + 2 : pos + 3].isdigit() and text[pos : pos + 2] not in ("19", "20"):
        return None  # three digits or more and no year: a count, not a time
    m = _DIGITS_AT.match(text, pos)
    if m is None:
        return None
    if m["iy"]:
        return Expr(pos, m.end(), "date", year=int(m["iy"]), month=int(m["im"]), day=int(m["id"]))
    if m["dd1"]:
        expr = Expr(pos, m.end(), "date", month=_month(m["dm"]), day=_day(m["dd1"]))
        expr.day2 = _day(m["dd2"]) if m["dd2"] else None
        expr.year = int(m["dy"]) if m["dy"] else None
        return expr
    if _previous_word(text, pos) not in _YEAR_LEADS:
        return None  # a bare year needs "in", "by", "late", ... (most numbers stop here)
    first = int(m["yr"])
    expr = Expr(pos, m.end(), "year", year=first)
    if m["yr2"]:
        second = int(m["yr2"])
        expr.year2 = second if second > 999 else (first // 100) * 100 + second
        expr.joiner = m["ysep"].lower()
        expr.first_end = m.end("yr")
    return expr


def _from_month(text: str, pos: int) -> Expr | None:
    m = _MONTH_AT.match(text, pos)
    if m is None:
        return None
    d1, m2, y = m.group("d1", "m2", "y")
    if not (d1 or m2 or y) and _previous_word(text, pos) not in _MONTH_LEADS:
        return None  # a bare month needs "in", "last", ... ("may" is mostly a verb)
    kind = "date" if d1 else "month"
    expr = Expr(pos, m.end(), kind, month=_month(m["m1"]), year=int(y) if y else None)
    if d1:
        expr.day = _day(d1)
        expr.day2 = _day(m["d2"]) if m["d2"] else None
        expr.month2 = _month(m["m2d"]) if m["m2d"] else None
    elif m2:
        expr.month2 = _month(m2)
    return expr


def _from_unit(text: str, pos: int) -> Expr | None:
    """A unit word starting at `pos` ("year", "quarters") after a count, modifier or "the"."""
    end = _word_end(text, pos)
    word = text[pos:end].lower()
    singular = word.removesuffix("s")
    if singular not in _UNIT_WORDS:
        return None
    previous = _previous_word(text, pos)
    if previous not in _UNIT_LEADS and not previous.isdecimal():
        return None
    expr = Expr(pos, end, "unit", unit=singular, plural=word != singular)
    if singular in ("month", "quarter", "half"):
        expr.end = _year_ref(text, end, expr)
    return expr


# The second day of a run of weekdays, right after the first.
_WEEKDAY_RUN: Final = re.compile(r"\s*(?:-|–|to|through|until|and)\s*(?P<last>[A-Z][a-z]+day)\b")


def _from_day(text: str, pos: int) -> Expr | None:
    """A weekday or "yesterday"/"today"/"tomorrow" starting at `pos`, or a run of weekdays
    ("on Monday and Tuesday", "from Monday to Wednesday")."""
    end = _word_end(text, pos)
    word = text[pos:end].lower()
    if word not in WEEKDAYS and word not in _DEICTIC_WORDS:
        return None
    expr = Expr(pos, end, "dayword", unit=word)
    run = _WEEKDAY_RUN.match(text, end) if word in WEEKDAYS else None
    if run is not None and run["last"].lower() in WEEKDAYS:
        expr.end, expr.weekday2 = run.end(), WEEKDAYS[run["last"].lower()]
    return expr


def _month(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def _day(text: str) -> int:
    return int(text.rstrip("stndrh"))


_MONTHS: Final = {stem.lower(): i + 1 for i, stem in enumerate(_MONTH_STEMS)}
_DEICTIC_WORDS: Final = frozenset({"yesterday", "today", "tomorrow"})


def _previous_word(text: str, start: int) -> str:
    """The first of `words_before` (what a lead-word check needs), from one split of the window."""
    low = max(0, start - BACK_CHARS)
    raw = text[low:start].rsplit(None, 1)
    if not raw:
        return ""
    if len(raw) == 1 and low > 0 and not text[low].isspace() and not text[low - 1].isspace():
        return ""  # the word begins before the window
    return first_word(raw[-1])


def _parse_at(text: str, pos: int, kind: str) -> tuple[Expr, Context] | None:
    # (speed) each reader checks its lead word before building anything: most candidates fail
    if kind == "digit":
        expr = _from_digits(text, pos)
    elif kind == "month":
        expr = _from_month(text, pos)
    elif kind == "unit":
        expr = _from_unit(text, pos)
    else:
        expr = _from_day(text, pos)
    if expr is None:
        return None
    context = context_before(text, expr.start, allow_count=expr.plural)
    if not expr.accept(context):
        return None
    return expr, context


def _trailing_year(text: str, window: int, start: int) -> re.Match[str] | None:
    """`_TRAILING_YEAR` in [window, start), searched only when the words before `start` end
    as it does (speed: most times have no such window before them)."""
    end = start
    while end > window and text[end - 1].isspace():
        end -= 1
    tail = text[max(window, end - len("ending")) : end]
    if end == start or not (needs_case_blind(tail) or tail.lower().endswith(_TRAILING_ENDS)):
        return None
    return _TRAILING_YEAR.search(text, window, start)


def _tense_of(text: str, start: int, end: int) -> Callable[[], bool]:
    return lambda: is_future_context(text, start, end)


# A window of a year before the expression that ends it: "the four quarters to June 2025",
# "the year to December 2025".
_TRAILING_YEAR: Final = re.compile(
    r"\b(?:the\s+)?(?:(?:four|4)\s+quarters|(?:12|twelve)\s+months|year)\s+(?:to|ending)\s+"
    r"(?:the\s+end\s+of\s+)?\Z",
    re.IGNORECASE,
)
_TRAILING_REACH: Final = 48
_TRAILING_ENDS: Final = ("to", "ending", "of")  # the last words `_TRAILING_YEAR` can have
_HAS_YEAR: Final = compile_trie(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")  # (speed) see tries


def find_times(text: str, anchor: date | None, *, offset: int = 0) -> list[TimeMention]:
    """Time expressions sorted by start, resolved against `anchor` (the publication date);
    `offset` moves their offsets (`text` is then part of a text, starting there).

    Without an anchor only absolute expressions ("in 2017", "by 2020", "March 3, 2019")
    resolve; relative ones keep their text, granularity and relation with resolved=False.
    Readings, by design:
    - A month or day without a year takes the anchor's year, or the neighbouring one when that
      would put a past event more than half a year ahead ("on Dec. 28" in January) or a future
      one more than half a year behind; "since March" is the last March that has begun.
    - "on Monday" is the Monday on or before the anchor, or on or after it when the sentence
      speaks of the future (will, plans, expected, ...); "last"/"next Monday" skip the anchor.
    - "by X" is a target whose period is X ("by 2020": all of 2020); "the end of X" is X's last
      day as a point, keeping X's granularity; "early/mid/late X" is a third of X.
    - Granularity RANGE marks a span of several units (Nov. 5-10, the first five months, H1,
      next week, the next five years, since 2015); "next/past N years" run from the anchor.
    - Relation: target after by/before; period covered for since, so far, during, quarters,
      halves, "the first N months" and past windows; planned for future windows, "next",
      future sentences and periods after the anchor; occurred otherwise.
    """
    found: list[TimeMention] = []
    last_end = 0
    for pos, kind in _anchors(text):
        if pos < last_end:
            continue
        parsed = _parse_at(text, pos, kind)
        if parsed is None:
            continue
        expr, context = parsed
        start = min(context.start, expr.start)
        if start < last_end:
            continue
        end = expr.end
        begin, finish, granularity, relation = resolve(
            expr, context, anchor, future=_tense_of(text, start, end)
        )
        if finish is not None and begin is not None and not _HAS_YEAR.search(text, start, end):
            named = year_after(text, end, anchor.year if anchor else None)
            moved = months_in_year((begin, finish), named[0]) if named else None
            if named is not None and moved is not None:
                (begin, finish), end = moved, named[1]  # "January-August of last year"
        window = max(0, start - _TRAILING_REACH)
        trailing = _trailing_year(text, window, start) if finish is not None else None
        if trailing is not None and finish is not None:
            # "the four quarters to the end of June": the twelve months that end then
            start = trailing.start()
            begin = add_months(finish, -11).replace(day=1)
            granularity, relation = Granularity.RANGE, TemporalRelation.PERIOD_COVERED
        found.append(
            time_mention(
                start + offset, end + offset, text[start:end], begin, finish, granularity, relation
            )
        )
        last_end = end
    if len(found) > 1:
        join_ranges(found, text, offset, anchor)
    if found:
        add_durations(found, text, offset, anchor)
    return found
