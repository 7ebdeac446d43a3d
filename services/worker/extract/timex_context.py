"""The words around a time expression: the preposition, modifiers and tense shaping its reading."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from services.worker.extract.numbers import NUMBER_WORDS, parse_number

PREPOSITIONS: Final = frozenset(
    {
        "in", "on", "by", "since", "until", "till", "through", "throughout", "during", "before",
        "after", "from", "between", "within", "over", "at", "for", "as of",
    }
)  # fmt: skip
MODIFIERS: Final = {
    "this": 0,
    "current": 0,
    "last": -1,
    "previous": -1,
    "past": -1,
    "next": 1,
    "coming": 1,
    "following": 1,
    "upcoming": 1,
}
ORDINALS: Final = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "final": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
PARTS: Final = frozenset({"early", "mid", "late", "earlier", "later"})
EDGES: Final = frozenset({"end", "beginning", "start", "close", "middle"})
# A nearest word outside these (and not a count) is all `context_before` reads.
_READS_ON: Final = frozenset({*ORDINALS, *MODIFIERS, *PARTS, "the", "far", "of"})
# Words that put a sentence in the future ("will open ... by the end of the year").
_FUTURE_WORDS: Final = frozenset(
    {
        "will", "shall", "plan", "plans", "planned", "planning", "scheduled", "expect", "expects",
        "expected", "aim", "aims", "aiming", "intend", "intends", "intended", "forthcoming",
        "upcoming", "would", "target", "targets", "targeted", "goal",
    }
)  # fmt: skip
# Stems of those words and a few phrases; a stem counts only when its whole word is listed.
# (speed) Written as a trie by first letter, which the regex engine tries faster; no form is a
# prefix of another, so the matches are those of the plain alternation.
_FUTURE: Final = re.compile(
    r"w(?:ill|ould)|s(?:hall|cheduled|et to )|plan|expect|a(?:im|re to )|i(?:ntend|s to )"
    r"|forthcoming|upcoming|t(?:arget|o be held )|go(?:al|ing to )|'ll "
)
_OPENERS: Final = "([\"“‘'"
_CLOSERS: Final = tuple(',;:!?)"”.')
# How far back modifiers are looked for; longer than "by the end of the first" plus slack.
BACK_CHARS: Final = 60
_MAX_WORDS: Final = 7
_FEW_WORDS: Final = 3
_SENTENCE_CHARS: Final = 160


@dataclass(slots=True)
class Context:
    """What precedes an expression, from the nearest word outwards, and where it starts."""

    start: int
    prep: str | None = None
    edge: str | None = None
    part: str | None = None
    mod: str | None = None
    ordinal: int | None = None
    count: int | None = None
    had_the: bool = False


def words_before(text: str, start: int, limit: int = _MAX_WORDS) -> list[str]:
    """Up to `limit` words before `start`, nearest first, cleaned; stops at an earlier clause.

    A smaller `limit` gives the first words of the longer list.
    """
    low = max(0, start - BACK_CHARS)
    raw = text[low:start].rsplit(None, limit)
    if len(raw) > limit or (low > 0 and not text[low - 1].isspace()):
        raw = raw[1:]  # the remainder, or a word cut by the window
    words: list[str] = []
    for word in reversed(raw):
        if word.endswith(_CLOSERS):
            break
        clean = word.lstrip(_OPENERS)
        words.append(clean.rstrip("-").lower())
        if clean != word:
            break  # an opening bracket starts the expression
    return words


def _nearest(text: str, start: int) -> tuple[int, str]:
    """Where the nearest of `words_before` starts (before cleaning), and that word ("" if none)."""
    low = max(0, start - BACK_CHARS)
    head = text[low:start].rstrip()
    raw = head.rsplit(None, 1)
    if not raw or (len(raw) == 1 and low > 0 and not text[low - 1].isspace()):
        return start, ""  # no word, or one cut by the window
    word = raw[-1]
    return low + len(head) - len(word), first_word(word)


def first_word(word: str) -> str:
    """One raw word as `words_before` cleans it; "" when it ends a clause."""
    if word.endswith(_CLOSERS):
        return ""
    return word.lstrip(_OPENERS).rstrip("-").lower()


def _start_of(text: str, start: int, k: int) -> int:
    """Offset of the k-th word before `start` (1 is the nearest), past any opening bracket.

    The k words are among `words_before`'s, so all lie in its window."""
    low = max(0, start - BACK_CHARS)
    head = text[low:start]
    for _ in range(k):
        head = head.rstrip()
        head = head[: len(head) - len(head.rsplit(None, 1)[-1])]
    pos = low + len(head)
    while text[pos] in _OPENERS:
        pos += 1
    return pos


def _count(word: str) -> int | None:
    """A count before a plural unit ("five", "10"), not an article ("a", "half")."""
    if word.isdecimal():
        return int(word)
    if word in NUMBER_WORDS and word not in ("a", "an", "half"):
        return int(parse_number(word) or 0) or None
    return None


def context_before(
    text: str, start: int, *, allow_count: bool, before: list[str] | None = None
) -> Context:
    """Read, backwards: count, ordinal or modifier, "the", part, edge ("end of"), preposition.

    `before` is `words_before(text, start)` when the caller has it already.
    """
    if before is None:
        # (speed) most contexts are one word ("in 2019") or none: that word alone settles them
        at, word = _nearest(text, start)
        if word not in _READS_ON and not (allow_count and _count(word)):
            ctx = Context(start=start)
            if word in PREPOSITIONS:
                while text[at] in _OPENERS:
                    at += 1
                ctx.prep, ctx.start = word, at
            return ctx
        # then a few words, and all of them only when the reading went as far as those reach
        before = words_before(text, start, _FEW_WORDS)
        ctx, k = _read(before, start, allow_count=allow_count)
        if k + 1 >= _FEW_WORDS and len(before) == _FEW_WORDS:
            ctx, k = _read(words_before(text, start), start, allow_count=allow_count)
    else:
        ctx, k = _read(before, start, allow_count=allow_count)
    if k:
        ctx.start = _start_of(text, start, k)
    return ctx


def _read(before: list[str], start: int, *, allow_count: bool) -> tuple[Context, int]:
    """The context the words say and how many of them it took (it looked one further at most)."""
    words = [*before, "", "", ""]
    ctx = Context(start=start)
    k = 0
    count = _count(words[k]) if allow_count else None
    if count:
        ctx.count, k = count, k + 1
    if words[k] in ORDINALS:
        ctx.ordinal, k = ORDINALS[words[k]], k + 1
    elif words[k] in MODIFIERS:
        ctx.mod, k = words[k], k + 1
    if words[k] == "the":
        ctx.had_the, k = True, k + 1
    if words[k] in PARTS:
        ctx.part, k = words[k], k + 1
    elif words[k] == "far" and words[k + 1] == "so":
        ctx.part, k = "so far", k + 2
    if words[k] == "of" and words[k + 1] in EDGES:
        ctx.edge, k = words[k + 1], k + 2
        k += words[k] == "the"
    if words[k] in PREPOSITIONS:
        ctx.prep, k = words[k], k + 1
    elif words[k] == "of" and words[k + 1] == "as":
        ctx.prep, k = "as of", k + 2
    return ctx, k


# A past verb the time follows: "the company announced on Tuesday that it will invest" speaks
# of the future, but Tuesday is when it spoke (not "will be signed on Tuesday").
_PAST_VERB_BEFORE: Final = re.compile(
    r"(?<!\bbe\s)(?<!\bbeen\s)\b(?:said|says|told|announced|signed|agreed|reported|unveiled|"
    r"confirmed|stated|declared|added|disclosed|revealed)\s+\Z",
    re.IGNORECASE,
)
_PAST_VERB_REACH: Final = 24
_LONGEST_PAST_VERB: Final = len("announced")
# A past verb right after the time: "BIDV on November 11 signed an agreement under which the
# lender will make available" signed on that day, whatever the clause it governs says.
_PAST_VERB_AFTER: Final = re.compile(
    r"\s+(?:signed|agreed|announced|inked|sealed|launched|opened|unveiled|held|approved)\b",
    re.IGNORECASE,
)
_PAST_VERB_AFTER_COMMA: Final = re.compile(
    r"(?:the\s+)?(?:[\w’'-]+\s+){0,4}?(?:said|told|announced|reported|confirmed|stated|added)\b",
    re.IGNORECASE,
)


# A past form heading the time's own words: "Japan will finance the network under grant
# documents signed in the Kyrgyz capital on Tuesday" - signed that Tuesday, gone by; not after
# "be" ("to be signed on Tuesday"), nor with a future word between.
_PAST_PARTICIPLES: Final = (
    "signed",
    "agreed",
    "approved",
    "held",
    "inked",
    "sealed",
    "concluded",
    "issued",
    "reached",
)
_PAST_PARTICIPLE_GAP: Final = 60  # the most characters between the verb and the time
_NOT_IN_GAP: Final = frozenset(",;.:!?")
_BE_FORMS: Final = ("be ", "been ", "being ")
_FUTURE_IN_GAP: Final = re.compile(r"\b(?:will|would|shall|to\s+be|expected|due|planned)\b")


def _past_participle_heads(text: str, start: int) -> bool:
    """(speed) str.rfind per verb, not a regex tried at every position of the window."""
    low = max(0, start - _PAST_PARTICIPLE_GAP - len("concluded") - len("being "))
    window = text[low:start].lower()
    at, verb = -1, ""
    for candidate in _PAST_PARTICIPLES:
        found = window.rfind(candidate)
        if found > at:
            at, verb = found, candidate
    if at < 0:
        return False
    gap = window[at + len(verb) :]
    if len(gap) > _PAST_PARTICIPLE_GAP or not _NOT_IN_GAP.isdisjoint(gap):
        return False
    if (gap and gap[0].isalnum()) or (at and window[at - 1].isalnum()):
        return False  # part of a longer word ("unsigned", "helden")
    if window[:at].endswith(_BE_FORMS):
        return False
    return _FUTURE_IN_GAP.search(gap) is None


def _past_verb_before(text: str, start: int) -> bool:
    """`_PAST_VERB_BEFORE` in the reach before `start`, searched only where its verb can be:
    right before the whitespace that ends there (speed: the engine tries fewer positions)."""
    low = max(0, start - _PAST_VERB_REACH)
    end = start
    while end > low and text[end - 1].isspace():
        end -= 1
    if end == start:
        return False  # the verb is followed by whitespace
    return _PAST_VERB_BEFORE.search(text, max(low, end - _LONGEST_PAST_VERB), start) is not None


def is_future_context(text: str, start: int, end: int) -> bool:
    """Whether the sentence around [start, end) speaks of the future."""
    if _past_verb_before(text, start):
        return False
    if _PAST_VERB_AFTER.match(text, end):
        return False
    if _past_participle_heads(text, start):
        return False
    low = max(0, start - _SENTENCE_CHARS)
    cut = max(text.rfind(". ", low, start), text.rfind("\n", low, start))
    low = cut + 1 if cut >= 0 else low
    # a past verb heads the time's own clause: "Bulgaria and Türkiye aim to raise trade by
    # 2028, the ministers said after a session of the commission on Wednesday"
    clause = max(text.rfind(", ", low, start), text.rfind("; ", low, start))
    if clause >= 0 and _PAST_VERB_AFTER_COMMA.match(text, clause + 2):
        return False
    high = min(len(text), end + _SENTENCE_CHARS // 2)
    stop = text.find(". ", end, high)
    high = stop if stop >= 0 else high
    # after the time, its own clause only: "was signed on Tuesday in Tokyo, according to
    # sources, with deliveries scheduled for 2028" is in the past
    for mark in (", ", "; "):
        stop = text.find(mark, end, high)
        high = stop if stop >= 0 else high
    found = _FUTURE.search(text, low, high)
    while found is not None:
        at = found.start()
        if at == 0 or not text[at - 1].isalpha() or text[at] == "'":
            if found.group().endswith(" "):
                return True  # "is to ", "set to ", ...
            word_end = found.end()
            while word_end < high and text[word_end].isalpha():
                word_end += 1
            if text[at:word_end] in _FUTURE_WORDS:
                return True
        found = _FUTURE.search(text, found.end(), high)
    return False


# The year some months without one are of: "January-August this year", "the January-August
# period of 2024", "March of last year".
_YEAR_AFTER: Final = re.compile(
    r"(?:\s+period)?,?\s+(?:of\s+)?(?:(?P<modifier>this|last|previous|next)\s+year\b|"
    r"(?P<year>(?:19|20)[0-9]{2})(?![0-9]))",
    re.IGNORECASE,
)


def year_after(text: str, end: int, anchor_year: int | None) -> tuple[int, int] | None:
    """The year named right after `text[:end]` and where that naming ends, or None (also for
    "this year" without a publication date)."""
    match = _YEAR_AFTER.match(text, end)
    if match is None:
        return None
    if match.group("year"):
        return int(match.group("year")), match.end()
    if anchor_year is None:
        return None
    return anchor_year + MODIFIERS[match.group("modifier").lower()], match.end()
