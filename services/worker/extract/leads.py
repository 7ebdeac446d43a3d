"""The literal words a pattern's every match starts with, so that it can be tried only there."""

from __future__ import annotations

import re
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser as _sre  # type: ignore[attr-defined]
from typing import Any, Final

# A start is a string a match begins with, and whether it is all of what its part can match
# (a part that stops being literal cuts its starts short: they end there).
_Starts = set[tuple[str, bool]]

_MAX_STARTS: Final = 300  # past this many, the expansion stops growing the starts it has
_MAX_REPEAT: Final = 2  # a repeat of at most this many copies is expanded copy by copy
_MAX_CLASS: Final = 4  # a class of at most this many literal characters is expanded
_ZERO_WIDTH: Final = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
_EMPTY: Final[_Starts] = {("", True)}


def _sequence(items: Any) -> _Starts:
    """The starts of a sequence: each item's starts appended to the whole ones so far.
    Zero-width items are passed over: the starts found are those of a looser pattern,
    which every match of the pattern also has."""
    starts = set(_EMPTY)
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        part = _item(op, av)
        grown = None if part is None else _append(starts, part)
        if grown is None or len(grown) > _MAX_STARTS:
            return {(text, False) for text, _ in starts}
        starts = grown
        if not any(whole for _, whole in starts):
            break
    return starts


def _append(starts: _Starts, part: _Starts) -> _Starts:
    out: _Starts = set()
    for text, whole in starts:
        if not whole:
            out.add((text, False))
            continue
        for more, more_whole in part:
            out.add((text + more, more_whole))
    return out


def _item(op: Any, av: Any) -> _Starts | None:
    """The starts of one parsed item, None when it is not literal enough to expand."""
    if op is _c.LITERAL:
        return _literal(av)
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, items = av
        # a case-blind part matches letters a lower-case literal is not ("ſ" for "s", "K"
        # for "k"): its starts cannot be listed as literals
        return None if add_flags & re.IGNORECASE else _sequence(items)
    if op is _c.BRANCH:
        union: _Starts = set()
        for branch in av[1]:
            union |= _sequence(branch)
        return union
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        return _repeat(av)
    if op is _c.IN and len(av) <= _MAX_CLASS and all(sub is _c.LITERAL for sub, _ in av):
        chars: _Starts = set()
        for _, value in av:
            one = _literal(value)
            if one is None:
                return None
            chars |= one
        return chars
    return None


def _literal(value: int) -> _Starts | None:
    """A character other than a lowercase ASCII one is not expanded: the leads are looked for
    in lower-cased text, where an uppercase one does not occur, and a non-ASCII one may have
    a lower-case form of another length ("İ")."""
    ch = chr(value)
    if not ch.isascii() or ch.isupper():
        return None
    return {(ch, True)}


def _repeat(av: Any) -> _Starts | None:
    low, high, sub = av
    once = _sequence(sub)
    if high > _MAX_REPEAT:
        # a first copy's starts, cut short (more copies may follow), or none at all
        cut = {(text, False) for text, _ in once}
        return cut if low else cut | _EMPTY
    out: _Starts = set()
    copies = set(_EMPTY)
    for count in range(high + 1):
        if count >= low:
            out |= copies
        copies = _append(copies, once)
    return out


def leading_words(source: str, *, max_leads: int) -> tuple[str, ...] | None:
    """Literals such that every match of `source` (written for lower-cased text) starts with
    one of them and none starts with another, in order; None when a match may start with
    anything, or when there would be more than `max_leads` (then the regex's own scan is the
    cheaper way to find them)."""
    try:
        starts = _sequence(list(_sre.parse(source)))
    except (re.error, TypeError, ValueError, RecursionError):
        return None
    texts = sorted({text for text, _ in starts})
    if not texts or not texts[0]:  # sorted: an empty start comes first
        return None
    leads: list[str] = []
    for text in texts:  # sorted: a shorter start comes before those it begins
        if not leads or not text.startswith(leads[-1]):
            leads.append(text)
    return tuple(leads) if len(leads) <= max_leads else None
