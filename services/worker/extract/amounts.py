"""Money amounts and percentages in news text, in full units with ISO 4217 codes and USD values."""

from __future__ import annotations

import functools
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Final, NamedTuple

from services.worker.extract.currency_lexicon import (
    CurrencyLexicon,
    Hints,
    Prefix,
    currency_lexicon,
)
from services.worker.extract.fx import FxRates
from services.worker.extract.numbers import (
    DIGITS,
    SCALE,
    WORDS,
    is_year_like,
    number_runs,
    number_words_before,
    qualifier_before,
    sum_values,
)
from shared.models import Amount, AmountMetric


class MoneyMention(NamedTuple):
    """One amount of money or one percentage, with offsets into the text it was found in.

    (speed) A named tuple, not a frozen dataclass: it is built four times faster, and every
    number that reads as a sum builds one.
    """

    start: int
    end: int
    text: str
    value: float
    value_max: float | None
    currency: str | None
    unit: str | None
    approximate: bool
    qualifier: str | None
    stated_usd: float | None
    stated_usd_text: str | None


# (speed) tuple.__new__ skips the generated __new__'s argument parsing.
_new_mention: Final = tuple.__new__
_BETWEEN_BEFORE: Final = re.compile(r"(?i)\bbetween\s+$")
_FROM_BEFORE: Final = re.compile(r"(?i)\bfrom\s+$")
# Exchange-rate statements ("US$1 = 6.9 yuan") and unit prices ("$80 a barrel") are not amounts.
_NOT_AMOUNT_AFTER: Final = re.compile(
    r"\s*(?:=|/\s*(?:t|kg|lb|oz|bbl|barrel|tonne|ton|share|unit)\b|(?:per|an?)\s+(?:metric\s+)?"
    r"(?:barrel|tonne|ton|share|kilo|kilogram|kg|pound|lb|ounce|gallon|litre|liter|unit|bushel"
    r"|head|piece|megawatt|kilowatt|kwh|mwh)s?\b)",
    re.I,
)
_WEIGHT_AFTER: Final = re.compile(r"\s+of\b", re.I)
_PAREN_OPEN: Final = re.compile(r"\s*\(\s*")
_PAREN_CLOSE: Final = re.compile(r"[^()]{0,60}?\)")
_OR_GAP: Final = re.compile(
    # "Tk 550 crore, or about $45 million"; "1,850 million lempiras, ENEE said, or about $71m";
    # "QR1.8bn last year, or around $494mn": the period the sum is of may come first
    r"(?:\s+(?:(?:last|this|the\s+previous|the\s+past)\s+(?:fiscal\s+)?(?:year|quarter|month)|"
    r"in\s+(?:19|20)[0-9]{2}))?"
    r"\s*,?\s*(?:(?:[\w.'’-]+\s+){1,4}(?:said|says|added|estimated)\s*,\s*)?"
    r"(?:or|i\.e\.,?|equivalent\s+to)\s*",
    re.I,
)
_APPOSITIVE_GAP: Final = re.compile(r"\s*,\s*")
_APPOSITION_END: Final = re.compile(r"\s*(?:[,;.)]|$)")
# "Tk 550 crore in the unit, Bida said. That is equivalent to about $45 million": the next
# sentence converts the sum the sentence before ends with. CONVERSION_LEAD finds such a
# sentence, so that it is read with the one before; the gap then ties the two sums.
_CONVERTS: Final = (
    r"(?:that|this|it|the\s+(?:\w+\s+)?(?:figure|sum|amount|deal|contract|investment|total|"
    r"loan|grant|order|package))(?:\s+(?:is|was|would\s+be)(?:\s+(?:equal|equivalent)\s+to)?"
    r"|,\s+(?:equal|equivalent)\s+to)"
)
_NEXT_SENTENCE_GAP: Final = re.compile(r"[^.;!?$]{0,300}[.]\s+" + _CONVERTS + r"\s*", re.I)
CONVERSION_LEAD: Final = re.compile(
    _CONVERTS + r"\s+(?:about|around|roughly|some|nearly|approximately|us\s?\$|\$"
    # "This is equivalent to 50 million US dollars"
    r"|[\d.,]+\s*(?:million|billion|mn|bn)?\s*(?:u\.?s\.?\s+)?dollars\b)",
    re.I,
)


# Starts with a bare digit class so the regex engine skips fast to the next digit.
# A comma before one or two digits and a scale is a decimal comma ("US$1,2 billion", as
# southern African papers write it): thousands groups have three digits, Indian ones end so.
_FIRST_DIGITS: Final = (
    r"[0-9](?<![0-9,][0-9])(?<![0-9]\.[0-9])[0-9]*"
    r"(?:,[0-9]{1,2}(?=[\s-]?(?i:billion|million|trillion|bn|mn|m|b)(?![a-z]))"
    r"|(?:,[0-9]{2,3})*(?:\.[0-9]+)?)(?![0-9])"
)
# Spelled-out amounts need a scale or "percent" after them; these literals find those quickly.
# ("five lakh", "twenty per cent" are too rare in English news to pay a scan for.)
_WORD_TRIGGERS: Final = ("illion", "thousand", "percent")
_TAIL_GROUPS: Final = frozenset({"pct", "suf", "code", "name"})


@dataclass(frozen=True, slots=True)
class _Patterns:
    digits: re.Pattern[str]
    words: re.Pattern[str]


@functools.cache
def _patterns() -> _Patterns:
    """Built from the currency lexicon on first use and kept for the process."""
    lex = currency_lexicon()
    body = (
        rf"(?P<s1>{SCALE})?(?:(?P<sep>\s*[-–]\s*|\s+(?:to|and)\s+)"
        rf"(?:(?P<pre2>{lex.prefix_pattern()})[ \u00a0]?)?"
        rf"(?P<n2>{DIGITS}|{WORDS})(?P<s2>{SCALE})?)?"
    )
    tail = lex.tail_pattern()
    return _Patterns(
        digits=re.compile(rf"(?P<n1>{_FIRST_DIGITS}){body}(?:{tail})?"),
        words=re.compile(rf"(?i:(?P<n1>{WORDS})){body}(?:{tail})?"),
    )


def _values(m: re.Match[str]) -> tuple[float, float | None] | None:
    return sum_values(*m.group("n1", "s1", "n2", "s2"))


def _is_range(m: re.Match[str], first: int, text: str) -> bool:
    """Whether "X-Y", "between X and Y" or "X to Y" (not "from X to Y") is one range."""
    sep = m["sep"].strip().lower()
    if m["pre2"] and not m["s1"] and is_year_like(m["n1"]):
        return False  # "grew in January-September 2025 to $214.6 mln": a year, then the sum
    if sep == "and" and not _BETWEEN_BEFORE.search(text, max(0, first - 9), first):
        return False
    if sep == "to" and _FROM_BEFORE.search(text, max(0, first - 6), first):
        return False
    values = _values(m)
    return values is not None and values[1] is not None and values[1] > values[0]


def _currency(
    m: re.Match[str], prefix: Prefix | None, text: str, lex: CurrencyLexicon, hints: Hints
) -> str | None:
    """The ISO code the match names, or None when it is not money after all."""
    s1, s2, suf, code, name = m.group("s1", "s2", "suf", "code", "name")
    scaled = bool(s1 or s2)
    if prefix is not None:
        if prefix.symbol in lex.scaled_prefixes and not (prefix.glued and scaled):
            return None
        if prefix.symbol in lex.scaled_codes and not scaled:
            return None
        if prefix.symbol in lex.word_prefixes and not (
            scaled and lex.word_prefix_ok(prefix.symbol, hints)
        ):
            return None
        return lex.bare_or(
            lex.for_prefix(prefix.symbol, hints.countries, hints.pair), prefix.symbol == "$", hints
        )
    if suf:
        return lex.for_suffix(suf, hints.countries, hints.pair)
    if code:
        return lex.for_code(code)
    found = lex.for_name(name) if name else None
    if found is None:
        return None
    base, codes = found
    if base in lex.needing_scale and not scaled:
        return None
    if base == "pound" and _WEIGHT_AFTER.match(text, m.end()):
        return None
    return lex.bare_or(lex.pick(codes, hints.countries, hints.pair), base == "dollar", hints)


def _rate_before(text: str, first: int) -> bool:
    """An "=" (then only spaces) in the three characters before: an exchange rate's right side."""
    window = text[max(0, first - 3) : first]
    return "=" in window and window.rstrip().endswith("=")


def _mention(
    m: re.Match[str], prefix: Prefix | None, text: str, hints: Hints, offset: int
) -> MoneyMention | None:
    first = prefix.start if prefix is not None else m.start()
    end = m.end()
    if _rate_before(text, first) or _NOT_AMOUNT_AFTER.match(text, end):
        return None
    values = _values(m)
    if values is None:
        return None
    n1, s1, sep, n2, s2, pct = m.group("n1", "s1", "sep", "n2", "s2", "pct")
    unit, currency = (
        ("percent", None) if pct else (None, _currency(m, prefix, text, currency_lexicon(), hints))
    )
    if unit is None and currency is None:
        return None
    if prefix is None and unit is None and not (s1 or s2) and is_year_like(n1):
        return None  # "in 2019 dollars" is a price base, not an amount
    start, qualifier = qualifier_before(text, first)
    if n2 and sep.strip().lower() == "and":
        between = _BETWEEN_BEFORE.search(text, max(0, first - 9), first)
        start = between.start() if between else start
    low, high = values
    # (speed) built once, at its offset in the caller's text (see find_amounts)
    found = (start + offset, end + offset, text[start:end], low, high, currency, unit)
    return _new_mention(MoneyMention, (*found, qualifier is not None, qualifier, None, None))


def _from_match(
    m: re.Match[str],
    pattern: re.Pattern[str],
    text: str,
    hints: Hints,
    prefix: Prefix | None,
    offset: int,
) -> tuple[MoneyMention | None, int]:
    """The mention a match makes (a broken range gives its first part), and where to go on."""
    if m["n2"] and not _is_range(m, prefix.start if prefix else m.start(), text):
        single = pattern.match(text, m.start(), m.end("s1") if m["s1"] else m.end("n1"))
        mention = _mention(single, prefix, text, hints, offset) if single else None
        return mention, m.start("pre2") if m["pre2"] else m.start("n2")
    if prefix is None and m.lastgroup not in _TAIL_GROUPS:
        return None, m.end()
    return _mention(m, prefix, text, hints, offset), m.end()


def _digit_mentions(text: str, hints: Hints, offset: int, out: list[MoneyMention]) -> None:
    runs = number_runs(text)
    if not runs:
        return
    lex = currency_lexicon()
    pattern = _patterns().digits
    prefix_before, may_follow = lex.prefix_before, lex.may_follow
    pos = 0
    for start, end in runs:
        if start < pos:
            continue
        prefix = prefix_before(text, start)
        if prefix is None and not may_follow(text, end):
            continue  # most numbers: years, counts, dates
        if (m := pattern.match(text, start)) is None:
            continue
        mention, pos = _from_match(m, pattern, text, hints, prefix, offset)
        if mention is not None:
            out.append(mention)


def _word_mentions(text: str, hints: Hints, offset: int, out: list[MoneyMention]) -> None:
    """Spelled-out amounts ("half a billion dollars"), found from the scale word backwards."""
    for trigger in _WORD_TRIGGERS:
        at = text.find(trigger)
        while at >= 0:
            start = number_words_before(text, at)
            m = _patterns().words.match(text, start) if start is not None else None
            if m is not None and m.end() > at:
                prefix = currency_lexicon().prefix_before(text, m.start())
                mention, _ = _from_match(m, _patterns().words, text, hints, prefix, offset)
                if mention is not None:
                    out.append(mention)
            at = text.find(trigger, at + len(trigger))


def _in_dollars(m: MoneyMention) -> bool:
    """USD, or "dollars" spelled out that the story's hints made local: a conversion in words
    after another currency is into US dollars ("CFA 150 billion (about 250 million dollars)"
    in a story naming an Australian operator); a bare "$" keeps the local reading, and so does
    a dollar the lexicon names ("Australian dollars")."""
    if m.currency == "USD":
        return True
    head, found, _ = m.text.lower().rpartition("dollar")
    if m.currency is None or not found:
        return False
    words = head.split()
    lex = currency_lexicon()
    return all(lex.for_name(" ".join([*words[-k:], "dollar"])) is None for k in (1, 2, 3))


def _attach_conversions(text: str, found: list[MoneyMention], offset: int) -> list[MoneyMention]:
    """A bracketed or ", or" USD figure right after an amount is that amount's own conversion
    (the mentions lie at `offset` + their place in `text`)."""
    out: list[MoneyMention] = []
    i = 0
    while i < len(found):
        here = found[i]
        after = found[i + 1] if i + 1 < len(found) else None
        if after is not None and here.unit is None and after.unit is None:
            gap_start, gap_end = here.end - offset, after.start - offset
            paren = bool(
                _PAREN_OPEN.fullmatch(text, gap_start, gap_end)
                and _PAREN_CLOSE.match(text, after.end - offset)
            )
            spelled = bool(
                _OR_GAP.fullmatch(text, gap_start, gap_end)
                or _NEXT_SENTENCE_GAP.fullmatch(text, gap_start, gap_end)
            )
            # "€210 million, around Tk 2,730 crore, to Bangladesh": the same sum again
            apposed = (
                after.approximate
                and after.currency != here.currency
                and _APPOSITIVE_GAP.fullmatch(text, gap_start, gap_end) is not None
            )
            paren = paren or (
                apposed
                and (
                    text[after.end - offset : after.end - offset + 1] in (",", ";", ")")
                    # "32.6 billion yen, approximately Rs. 66 billion or US$ 220 million"
                    or _chained_usd(
                        text, after, found[i + 2] if i + 2 < len(found) else None, offset,
                        _APPOSITION_END,
                    ) is not None
                )
            )  # fmt: skip
            if (paren or spelled) and _in_dollars(after) and here.currency != "USD":
                here = here._replace(stated_usd=after.value, stated_usd_text=after.text)
                i += 1
            elif paren:
                i += 1  # the same sum in another currency would count the amount twice
                usd = _chained_usd(
                    text, after, found[i + 1] if i + 1 < len(found) else None, offset,
                    _APPOSITION_END if apposed else _PAREN_CLOSE,
                )  # fmt: skip
                if usd is not None and here.currency != "USD":
                    # "Dh2.2 billion (Rs 5,170 crore, or about $600 million)"
                    here = here._replace(stated_usd=usd.value, stated_usd_text=usd.text)
                    i += 1
        out.append(here)
        i += 1
    return out


def _chained_usd(
    text: str, other: MoneyMention, then: MoneyMention | None, offset: int, end: re.Pattern[str]
) -> MoneyMention | None:
    """The USD sum that converts `other`, itself a conversion, inside the same brackets or
    apposition ("(Rs 5,170 crore, or about $600 million)", "32.6 billion yen, approximately
    Rs. 66 billion or US$ 220 million,"): it converts the first sum too. `end` is what must
    follow it (the closing bracket, the apposition's end)."""
    if then is None or then.unit is not None or not _in_dollars(then):
        return None
    gap_start, gap_end = other.end - offset, then.start - offset
    if _OR_GAP.fullmatch(text, gap_start, gap_end) is None:
        return None
    return then if end.match(text, then.end - offset) else None


def _order(mention: MoneyMention) -> tuple[int, int]:
    return mention.start, -mention.end


@functools.lru_cache(maxsize=64)
def _hints(countries: frozenset[str], dollar: str, pair: frozenset[str]) -> Hints:
    """(speed) One Hints per story and dollar, not one per call: a story's runs share it."""
    return Hints(countries, dollar, pair)


def find_amounts(
    text: str,
    *,
    countries: Collection[str] = (),
    dollar: str | None = None,
    offset: int = 0,
    pair: Collection[str] = (),
) -> list[MoneyMention]:
    """Money amounts and percentages, sorted by start, none overlapping.

    Values are in full units ("Rs 2,692 crore" is 26,920,000,000 INR); a percentage keeps its
    number (33.7) with unit "percent" and no currency. Any qualifier (about, over, nearly, up
    to, ~, ...) makes the amount approximate and is kept normalised; its span starts at the
    qualifier. "$2-3 billion" and "between $2 billion and $3 billion" are ranges; "from $2
    billion to $3 billion" is two amounts (a change). A bracketed or ", or" USD figure right
    after an amount is its stated_usd; a bracketed figure in another currency is dropped.
    Numbers without a currency (years, counts, tonnes), unit prices ("$80 a barrel") and
    exchange rates ("US$1 = 6.9 yuan") are not amounts.

    `countries` (ISO alpha-3) settles shared names and signs: "shillings" are KES unless the
    story names Uganda, Tanzania or Somalia; a bare yen sign is JPY unless China is named and
    Japan is not. A bare "$" or "dollar" is USD unless the story is local to one dollar country
    (`CurrencyLexicon.bare_dollar`: a Canadian Press story's "$" is CAD). A caller passing
    part of an article gives `dollar`, that reading of the whole article, and `offset`, where
    the part starts: the mentions' offsets are then the article's. `pair`, the countries the
    story is mostly about, come first when a sign is shared.
    """
    if dollar is None:
        dollar = currency_lexicon().bare_dollar(countries, text)
    hints = _hints(frozenset(countries), dollar, frozenset(pair))
    found: list[MoneyMention] = []
    _digit_mentions(text, hints, offset, found)
    _word_mentions(text, hints, offset, found)
    if len(found) > 1:
        found.sort(key=_order)
    kept: list[MoneyMention] = []
    for mention in found:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return _attach_conversions(text, kept, offset) if len(kept) > 1 else kept


def to_amount(
    m: MoneyMention,
    *,
    metric: AmountMetric,
    fx: FxRates | None,
    on: date | None,
    base_offset: int = 0,
) -> Amount:
    """The contract's Amount. USD value: the article's own conversion, or the amount itself when
    it is in USD (both usd_source="article"), else the ECB rate of `on` (the latest when None)
    with fx_rate and fx_date (usd_source="fx_rate"), else none. Percentages get no USD value."""
    usd: float | None = None
    source: str | None = None
    rate: tuple[float, date] | None = None
    if m.currency is not None:
        if m.stated_usd is not None or m.currency == "USD":
            usd, source = (m.stated_usd if m.stated_usd is not None else m.value), "article"
        elif fx is not None and (rate := fx.usd_per_unit(m.currency, on)) is not None:
            usd, source = round(m.value * rate[0], 2), "fx_rate"
    # (speed) one validation of a nested dict is faster than building the Span model first
    return Amount.model_validate(
        {
            "text": m.text,
            "value": m.value,
            "value_max": m.value_max,
            "currency": m.currency,
            "unit": m.unit,
            "approximate": m.approximate,
            "qualifier": m.qualifier,
            "metric": metric,
            "usd_value": usd,
            "usd_source": source,
            "fx_rate": rate[0] if rate else None,
            "fx_date": rate[1] if rate else None,
            "span": {"start": base_offset + m.start, "end": base_offset + m.end, "text": m.text},
        }
    )
