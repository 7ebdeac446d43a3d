"""Clauses of a sentence and what a clause holds besides names: quantities, venues, cues."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Final

from services.worker.extract.fastre import lower_text
from services.worker.extract.lexicon import cues
from services.worker.extract.timex import TimeMention
from services.worker.extract.tries import compile_trie
from services.worker.extract.wordscan import compile_case_blind, needs_case_blind, search_case_blind
from shared.models import Granularity, TemporalRelation

# Where one fact ends and another starts inside a sentence.
_AFTER_COMMA: Final = (
    r",\s+(?=(?:while|whereas|but|although|though|making|leaving|including|which|"
    r"and\s+(?:it|they|he|she|we)\s+|and\s+(?:also\s+)?(?:signed|agreed|inked|sealed|announced|"
    r"pledged|said|will|plans?|opened|"
    r"launched|is|are|was|were|has|have|had)|with\s+(?:the\s+)?(?:\w+\s+)?(?:deal|agreement))\b)"
)
_BOUNDARY: Final = re.compile(r";|\s[-–—]\s|" + _AFTER_COMMA, re.IGNORECASE)
_COMMA_BOUNDARY: Final = re.compile(_AFTER_COMMA)  # for lower-cased text
_DASHES: Final = "-–—"
_QUANTITY: Final = compile_case_blind(
    r"\b\d[\d,.]*\s*(?:million\s+|billion\s+|thousand\s+)?(?:[\w-]+\s+){0,2}(?:tonnes?|tons?|"
    r"cargoes|barrels|units|aircraft|jets|planes|airliners|helicopters|vehicles|cars|buses|trucks|"
    r"trains|trams|locomotives|wagons|coaches|ships|vessels|megawatts?|MW|GW|gigawatts?|cubic|bcm|"
    r"mmbtu|doses|"
    r"head|containers|TEUs?|kg|kilograms?|sets|turbines|satellites|reactors)\b"
    # "six 9,000 ceu LNG dual-fuel pure car and truck carriers": a count in words, a long name
    r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|dozens\s+of|hundreds\s+of)\s+(?:[\w,-]+\s+){0,8}?(?:aircraft|jets|planes|"
    r"airliners|helicopters|locomotives|ships|vessels|carriers|tankers|bulkers|freighters|"
    r"turbines|satellites|reactors|trains|trams|buses|tractors|coaches)\b"
)
_VENUE_WORDS: Final = compile_case_blind(
    r"\b(?:expo|exposition|fair|exhibition|trade\s+show|forum|mission|summit|roadshow)\b"
)
_FUTURE: Final = compile_case_blind(
    r"\bby\s+(?:the\s+end\s+of\s+)?(?:20\d\d|next\s+year|the\s+end\s+of\s+(?:the|this)\s+"
    r"(?:decade|year))|\b(?:target|goal|aim|objective)\b"
)
# Economic content strict enough to outweigh a military or cultural topic.
_STRICT_ECONOMIC: Final = compile_case_blind(
    r"\b(?:trade|investments?|business|economic|commercial|exports?|imports?|energy|"
    r"infrastructure|agricultur\w*|financ\w+|industrial|e-commerce|market|tariff)\b"
)
# What makes an agreement economic: its object (a ceasefire, a friendship treaty or handing
# over suspects has none of these).
_ECONOMIC_OBJECT: Final = compile_case_blind(
    r"\b(?:trade|trading|business\w*|economic|economy|investments?|investors?|commerc\w+|"
    r"exports?|imports?|goods|products|tariffs?|customs|duty-free|markets?|companies|company|"
    r"firms?|contracts?|deals?|purchases?|sales?|supply|supplies|money|loans?|credits?|"
    r"financ\w+|banking|banks?|currenc\w+|payments?|swap|energy|oil|gas|lng|electricity|power|"
    r"infrastructure|railways?|roads?|ports?|pipelines?|corridor|logistics|shipping|freight|"
    r"transit|agricultur\w*|food|grain|wheat|fisheries|industr\w+|manufactur\w+|factory|"
    r"plants?|mining|minerals?|sectors?|tourism|telecom\w*|digital|technology|aviation|"
    r"aircraft|vehicles?|textiles?|pharmaceutical\w*|development\s+bank|fta|cepa|ftas|"
    r"embargo(?:es)?|sanctions|visa-free\s+trade|tax(?:ation)?|fiscal|insurance|procurement|"
    # building what the sides pay for: "for the construction of eight hospitals"
    r"construction|hospitals|airports?|bridges?|dams?|housing|water\s+supply|desalination)\b"
)
_ALSO: Final = compile_case_blind(
    r"\b(?:also|another|second|third|new|additional|further|separately)\b"
)


_IRREGULAR_PAST: Final = frozenset(
    {"struck", "won", "sold", "bought", "took", "made", "held", "met", "set", "put", "broke"}
    | {"laid", "built", "lent", "gave", "paid"}
)
WEEK: Final = timedelta(days=7)  # a weekday named is in the week before or after a day
_WEEKDAY: Final = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)


def is_past_verb(word: str) -> bool:
    """A trigger verb in the past tense ('signed', 'struck'): what it dates has happened."""
    low = word.lower()
    return low.endswith("ed") or low in _IRREGULAR_PAST


def in_tense(anchor: date | None, trigger: str, t: TimeMention) -> TimeMention:
    """'on Tuesday signed a CEPA that will remove ...': the trigger's past verb beats a later
    'will', so a weekday read as next week's is last week's."""
    if anchor is None or t.begin is None or t.granularity is not Granularity.DAY:
        return t
    ahead = (t.begin - anchor).days
    if not 0 <= ahead <= WEEK.days or not _WEEKDAY.search(t.text):
        return t
    if not trigger or not is_past_verb(trigger.split()[0]):
        return t
    if ahead == 0:  # the day of the dateline itself: done, whatever 'will' follows
        return replace(t, relation=TemporalRelation.OCCURRED)
    finish = t.finish - WEEK if t.finish else None
    return replace(t, begin=t.begin - WEEK, finish=finish, relation=TemporalRelation.OCCURRED)


_LIST_MARKS: Final = ("- ", "• ", "* ", "– ")


def split_clauses(text: str, base: int) -> list[tuple[int, int]]:
    """[start, end) document offsets of the clauses of one sentence starting at `base`; a
    list item ("- Lumitek (Taiwan) and Baltic Beam (Lithuania): joint venture - 12.5 million
    euros;") is one clause, since its dashes and commas join what it lists to its sum."""
    if text.startswith(_LIST_MARKS):
        return [(base, base + len(text))] if text else []
    spans = []
    start = 0
    for left, right in _boundaries(text):
        if left > start:
            spans.append((base + start, base + left))
        start = right
    spans.append((base + start, base + len(text)))
    return [s for s in spans if s[1] > s[0]]


def _boundaries(text: str) -> list[tuple[int, int]]:
    """The spans `_BOUNDARY.finditer` finds. (speed) A boundary starts at a ';', a comma or
    the space before a dash: those are found with `str.find` and only commas are tried with
    a regex, instead of one case-blind scan of every position. Only one alternative can
    match at a position and none looks behind, so keeping the leftmost candidates that do
    not overlap the previous boundary gives finditer's spans."""
    if needs_case_blind(text):
        lone = _lone_dashes(text)
        every = [match.span() for match in _BOUNDARY.finditer(text)]
        return [(a, b) for a, b in every if not _is_dash(text, a, b) or (a, b) in lone]
    found = _char_spans(text, ";")
    lowered = lower_text(text)
    pos = lowered.find(",")
    while pos != -1:
        match = _COMMA_BOUNDARY.match(lowered, pos)
        if match is not None:
            found.append((pos, match.end()))
        pos = lowered.find(",", pos + 1)
    found += _lone_dashes(text)
    found.sort()
    spans: list[tuple[int, int]] = []
    end = 0
    for span in found:
        if span[0] >= end:
            spans.append(span)
            end = span[1]
    return spans


def _is_dash(text: str, start: int, end: int) -> bool:
    return end - start == 3 and text[start + 1] in _DASHES


def _lone_dashes(text: str) -> list[tuple[int, int]]:
    """The spaced dashes that end a clause: a pair encloses an aside inside one ("purchases
    from China — mainly machinery and steel — amounting to $4.1 billion"), so only the odd
    one out, the last, is a boundary."""
    spans = []
    for dash in _DASHES:
        pos = text.find(dash, 1)
        while pos != -1:
            if text[pos - 1].isspace() and text[pos + 1 : pos + 2].isspace():
                spans.append((pos - 1, pos + 2))
            pos = text.find(dash, pos + 1)
    if len(spans) % 2 == 0:
        return []
    return [max(spans)]


def _char_spans(text: str, char: str) -> list[tuple[int, int]]:
    spans = []
    pos = text.find(char)
    while pos != -1:
        spans.append((pos, pos + 1))
        pos = text.find(char, pos + 1)
    return spans


def clause_of(clauses: list[tuple[int, int]], pos: int) -> int:
    for i, (start, end) in enumerate(clauses):
        if start <= pos < end:
            return i
    return len(clauses) - 1


def has_quantity(text: str) -> bool:
    return search_case_blind(_QUANTITY, text)


def names_venue(text: str) -> bool:
    return search_case_blind(_VENUE_WORDS, text)


def speaks_of_future(text: str) -> bool:
    return search_case_blind(_FUTURE, text)


def is_economic(text: str) -> bool:
    return cues().economic.search(lower_text(text))


def has_economic_object(text: str) -> bool:
    return search_case_blind(_ECONOMIC_OBJECT, text)


def strictly_economic(text: str) -> bool:
    return search_case_blind(_STRICT_ECONOMIC, text)


def marks_new_fact(text: str) -> bool:
    """'also', 'another', 'a second': the sentence reports a further fact of the same type."""
    return search_case_blind(_ALSO, text)


# A conflict cue in a concessive phrase is the background of what the clause reports.
_CONCESSIVE: Final = compile_trie(  # (speed) tries: its first letters are a prefix
    r"\b(?:despite|in\s+spite\s+of|notwithstanding|regardless\s+of|in\s+the\s+face\s+of|"
    r"to\s+(?:offset|counter|cushion|weather|hedge\s+against)|amid\s+(?:the\s+)?(?:threat|risk)\s+of)\b"
)
_CONCESSIVE_REACH: Final = 40
_CLAUSE_BREAK: Final = compile_trie(r"[;:]|\b(?:as|while|after|because|since|when|amid|but)\b")
# "as tariffs on Philippine bananas, processed fruit and auto parts fall to zero": a tariff
# the clause goes on to remove, past the list of what it is on
_REMOVED_LATER: Final = re.compile(
    r"[^;.]{0,90}?\b(?:(?:fall|falls|drop|drops|go|goes|come|comes|cut|reduced|lowered)\s+to\s+"
    r"zero|(?:be|being|been)\s+(?:phased\s+out|eliminated|removed|scrapped|abolished|waived))\b"
)


def conflict_in(text: str) -> bool:
    """An economic-conflict cue not governed by a liberalising word ('cut tariffs' is not one)."""
    lowered = lower_text(text)
    return cues().conflict.may_match(lowered) and conflict_in_lowered(lowered)


def conflict_in_lowered(lowered: str) -> bool:
    """`conflict_in` of lower-cased text already known to hold an anchor (a sentence whose
    stems hold one: the document's topic scan)."""
    c = cues()
    for start, end in c.conflict.scan.iter_spans(lowered):  # (speed) the first may do
        # the cue's own words do not count: "suspends export licences" is no "suspend tariffs"
        before = lowered[max(0, start - 60) : start]
        if _CONCESSIVE.search(before, max(0, len(before) - _CONCESSIVE_REACH)):
            continue  # "pledge billions for Mexico despite US tariff uncertainty": background
        if c.undone.match(lowered, start):
            return True  # "free trade talks collapse": cooperation undone, whatever its kind
        # only the cue's own clause: "factories cut shifts as US tariff kicks in" cuts no tariff
        own = before[_last_boundary(before) :]
        liberalised = c.liberalising.search(own + " . " + lowered[end : end + 15])
        if not liberalised and _REMOVED_LATER.match(lowered, end) is None:
            return True
    return False


def _last_boundary(text: str) -> int:
    """Where the clause holding the end of `text` starts (0 when it starts before `text`)."""
    last = 0
    for m in _CLAUSE_BREAK.finditer(text):
        last = m.end()
    return last


def domain_in(text: str, domain: str) -> bool:
    entry = cues().domain[domain]
    lowered = lower_text(text)
    return entry.may_match(lowered) and entry.scan.search(lowered)
