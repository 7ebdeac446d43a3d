"""Numbers as news writes them: "2,692", "twenty-five", scales ("bln"), qualifiers ("about")."""

from __future__ import annotations

import functools
import re
from typing import Final

_UNITS: Final = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS: Final = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# "a"/"an" only count as one before a scale ("a billion dollars"); amounts.py enforces that.
_ARTICLES: Final = {"a": 1, "an": 1, "half a": 0.5, "half an": 0.5, "half": 0.5, "a half": 0.5}

_SCALES: Final = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "mil": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bln": 1e9,
    "bn": 1e9,
    "bil": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tln": 1e12,
    "trn": 1e12,
    "tn": 1e12,
    "crore": 1e7,
    "cr": 1e7,
    "lakh": 1e5,
    "lac": 1e5,
}

# Every scale word in the singular, for a cheap check before running a regex.
SCALE_WORDS: Final = frozenset(_SCALES)
# Every word a spelled-out number can end with, for a cheap check before running a regex.
NUMBER_WORDS: Final = frozenset([*_UNITS, *_TENS, "hundred", "a", "an", "half"])

_UNIT_ALT = "|".join(sorted(_UNITS, key=len, reverse=True))
_TENS_ALT = "|".join(_TENS)
_SIMPLE = rf"(?:(?:{_TENS_ALT})(?:[-\s](?:{_UNIT_ALT}))?|(?:{_UNIT_ALT}))"

# Digits with thousands separators in Western (1,234,567) or Indian (12,34,567) grouping.
DIGITS: Final = r"(?<![\d,])(?<!\d\.)\d+(?:,\d{2,3})*(?:\.\d+)?(?!\d)"
# Spelled-out numbers up to the hundreds, plus "half a" and "one and a half".
WORDS: Final = (
    rf"\b(?:(?:{_SIMPLE}|a|one)\s+hundred(?:\s+(?:and\s+)?{_SIMPLE})?"
    rf"|{_SIMPLE}(?:\s+and\s+a\s+half)?|half\s+an?|a\s+half|an?)(?![\w-])"
)
# Words that scale a number; "crores" and "lakhs" are written in the plural in Indian English.
SCALE_WORD: Final = r"(?:thousand|million|billion|trillion|crore|lakh|lac)s?"
SCALE_ABBR: Final = r"(?:mln|mn|mil|bln|bn|bil|tln|trn|tn|cr)"
# One-letter scales ("$200m", "€1.5B", "$50k") only when glued to the number.
SCALE_LETTER: Final = r"[kKmMbB]"
# A scale after a number: a word (optionally hyphenated), an abbreviation, or a glued letter;
# a second word multiplies ("1.5 lakh crore").
SCALE: Final = (
    rf"(?:[\s-]?(?i:{SCALE_WORD}(?:\s+{SCALE_WORD})?|{SCALE_ABBR})|{SCALE_LETTER})(?![A-Za-z])"
)

_WORD_TOKEN = re.compile(r"[a-z]+")
# One comma before one or two digits: a decimal comma (thousands groups have three digits).
_DECIMAL_COMMA: Final = re.compile(r"[0-9]+,[0-9]{1,2}")


def _words_value(text: str) -> float | None:
    """Value of a spelled-out number, or None if a token is not a number word."""
    phrase = " ".join(text.lower().replace("-", " ").split())
    if phrase in _ARTICLES:
        return float(_ARTICLES[phrase])
    total = 0.0
    for word in _WORD_TOKEN.findall(phrase):
        if word in _UNITS:
            total += _UNITS[word]
        elif word in _TENS:
            total += _TENS[word]
        elif word == "hundred":
            total = (total or 1) * 100
        elif word == "half":
            total += 0.5
        elif word not in ("a", "an", "and"):
            return None
    return total or None


def parse_number(text: str) -> float | None:
    """Value of digits ("2,692", "3.5") or words ("twenty-five", "half a"); None when neither."""
    stripped = text.strip()
    if not stripped:
        return None
    if stripped[0].isdigit() or stripped[0] == ".":
        if _DECIMAL_COMMA.fullmatch(stripped):
            return float(stripped.replace(",", "."))  # "1,2" (billion): see amounts
        try:
            return float(stripped.replace(",", ""))
        except ValueError:
            return None
    return _words_value(stripped)


def scale_factor(text: str | None) -> float:
    """Multiplier of a scale ("bln" -> 1e9, "lakh crore" -> 1e12); 1 when there is none."""
    if not text:
        return 1.0
    factor = 1.0
    for token in text.lower().replace("-", " ").split():
        base = token if token in _SCALES else token.removesuffix("s")
        factor *= _SCALES.get(base, 1.0)
    return factor


def tidy(value: float) -> float:
    """Drop binary noise from scaling (32.8 * 1e9 is 32799999999.999996)."""
    return float(f"{value:.12g}")


_WORD_ARTICLES: Final = frozenset({"a", "an", "half a", "half an", "a half", "half"})
# (speed) a sum's value depends only on its four number and scale texts, which repeat ("$1
# billion", "5 percent"): memoised, and cleared when full so the memo stays small.
_VALUE_MEMO: dict[tuple[str | None, ...], tuple[float, float | None] | None] = {}
_MEMO_SIZE: Final = 4096


def sum_values(
    n1: str, s1: str | None, n2: str | None, s2: str | None
) -> tuple[float, float | None] | None:
    """(low, high or None) of a number or range and their scales ("2" "-" "3" "billion" is
    2e9, 3e9: a bare first number takes the second's scale when smaller); None when a number
    does not parse or is an article without a scale ("a dollar")."""
    key = (n1, s1, n2, s2)
    try:
        return _VALUE_MEMO[key]
    except KeyError:
        if len(_VALUE_MEMO) >= _MEMO_SIZE:
            _VALUE_MEMO.clear()
        found = _VALUE_MEMO[key] = _read_values(n1, s1, n2, s2)
        return found


def _read_values(
    n1_text: str, s1_text: str | None, n2_text: str | None, s2_text: str | None
) -> tuple[float, float | None] | None:
    n1 = parse_number(n1_text)
    n2 = parse_number(n2_text) if n2_text else None
    if n1 is None or (n2_text and n2 is None):
        return None
    for number, scale in ((n1_text, s1_text), (n2_text, s2_text)):
        if number and not scale and not number[0].isdigit() and _is_article(number):
            return None  # "a dollar", "and a": an article, not an amount
    s2 = scale_factor(s2_text)
    s1 = scale_factor(s1_text) if s1_text else (s2 if n2 is not None and n1 < n2 else 1.0)
    low = tidy(n1 * s1)
    return (low, tidy(n2 * s2)) if n2 is not None else (low, None)


def _is_article(number: str) -> bool:
    return " ".join(number.lower().split()) in _WORD_ARTICLES


_WORD_BEFORE: Final = re.compile(rf"(?i)(?:{WORDS})[\s-]*$")


def number_words_before(text: str, at: int) -> int | None:
    """Start of the spelled-out number ending before the word that holds `at`, if there is one."""
    end = at
    while end > 0 and text[end - 1].isalpha():
        end -= 1
    token_end = end
    while token_end > 0 and text[token_end - 1] in " -":
        token_end -= 1
    token_start = token_end
    while token_start > 0 and text[token_start - 1].isalpha():
        token_start -= 1
    if text[token_start:token_end].lower() not in NUMBER_WORDS:
        return None  # the common case: digits or an ordinary word before "million"
    before = _WORD_BEFORE.search(text, max(0, end - 40), end)
    return before.start() if before else None


def is_year_like(number_text: str) -> bool:
    """A bare four-digit number a reader would take for a year ("2020", not "2,020" or "2020.5")."""
    return len(number_text) == 4 and number_text.isdecimal() and 1800 <= int(number_text) <= 2100


# Digits become "0" and everything else a space, in one C-level pass; str.find then walks the
# runs about six times faster than a regex scan (non-ASCII characters encode to one "?" each, so
# offsets stay those of the text).
_RUN_TABLE: Final = bytes(48 if 48 <= i <= 57 else 32 for i in range(256))


@functools.lru_cache(maxsize=4)
def number_runs(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each run of digits ("2,692", "3.5", "2019"), as `[0-9]+([.,][0-9]+)*`.

    Cached for the last few texts: amounts and times both start from the numbers of the same
    article.
    """
    marks = text.encode("ascii", "replace").translate(_RUN_TABLE)
    find, size, out = marks.find, len(marks), []
    start = find(b"0")
    while start >= 0:
        end = find(b" ", start)
        end = size if end < 0 else end
        while end + 1 < size and text[end] in ".," and marks[end + 1] == 48:
            stop = find(b" ", end + 1)
            end = size if stop < 0 else stop
        out.append((start, end))
        start = find(b"0", end)
    return tuple(out)


def number_starts(text: str) -> tuple[int, ...]:
    """Where each run of digits starts."""
    return tuple(start for start, _ in number_runs(text))


_QUALIFIERS: Final = (
    "just over", "just under", "well over", "well above", "a little over", "slightly more than",
    "slightly over", "more than", "less than", "fewer than", "no less than", "not less than",
    "close to", "just shy of", "shy of", "in excess of", "upwards of", "at least", "up to",
    "as much as", "as high as",
    "an estimated", "estimated", "approximately", "approx.", "about", "around", "roughly", "some",
    "nearly", "almost", "over", "above", "under", "below", "circa", "ca.",
)  # fmt: skip
# Phrases by their last word, longest first, so "just over" wins over "over".
_QUALIFIERS_BY_LAST: Final = {
    last: tuple(
        tuple(q.split())
        for q in sorted(_QUALIFIERS, key=lambda q: -len(q.split()))
        if q.split()[-1] == last
    )
    for last in {q.split()[-1] for q in _QUALIFIERS}
}
_QUALIFIER_ALIASES: Final = {"approx.": "approximately", "circa": "about", "ca.": "about"}
_MAX_QUALIFIER_WORDS: Final = max(len(q.split()) for q in _QUALIFIERS)
# What a word token is made of; a token ends where another character starts.
_TOKEN_CHARS: Final = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")


def qualifier_before(text: str, start: int) -> tuple[int, str | None]:
    """The qualifier word(s) right before a number ("about", "more than", "~"), normalised.

    A phrase's words are whole [A-Za-z.] tokens, spaced by whitespace only and followed by
    whitespace; the window is the 32 characters before the number.
    """
    if start > 0 and text[start - 1] == "~":
        return start - 1, "about"
    window_start = max(0, start - 32)
    window = text[window_start:start]
    if not window[-1:].isspace():
        return start, None
    # (speed) the last few whitespace-separated words decide it: no tokenising regex
    raw = window.rsplit(None, _MAX_QUALIFIER_WORDS)
    phrases = _QUALIFIERS_BY_LAST.get(raw[-1].lstrip("([\"'").lower(), ()) if raw else ()
    for phrase in phrases:  # mostly none: the common case
        size = len(phrase)
        if size > len(raw) or not _ends_with(raw[-size], phrase[0]):
            continue
        tail = zip(raw[len(raw) - size + 1 :], phrase[1:], strict=True)
        if all(_same(word, want) for word, want in tail):
            word = " ".join(phrase)
            return window_start + _phrase_start(window, raw[-size:], phrase[0]), (
                _QUALIFIER_ALIASES.get(word, word)
            )
    return start, None


def _same(word: str, want: str) -> bool:
    return word.isascii() and word.lower() == want


def _ends_with(word: str, want: str) -> bool:
    """Whether the word's last token is `want` (what precedes it is not a token character)."""
    cut = len(word) - len(want)
    if cut < 0 or not _same(word[cut:], want):
        return False
    return cut == 0 or word[cut - 1] not in _TOKEN_CHARS


def _phrase_start(window: str, words: list[str], first: str) -> int:
    """Offset in `window` of the first phrase token, given the phrase's raw words (which end
    the window, spaced by whitespace)."""
    pos = len(window.rstrip())
    for word in reversed(words[1:]):
        pos = len(window[: pos - len(word)].rstrip())
    return pos - len(first)
