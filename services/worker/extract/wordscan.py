"""Lexicon patterns run on lower-cased text and found faster than the regex engine alone would
(after a non-word character), case-blind only where lower-casing would change a match."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from services.worker.extract.fastre import compile_lower, first_chars, lower_text
from services.worker.extract.leads import leading_words
from services.worker.extract.tries import compile_trie

# Besides ASCII letters, the only characters a case-blind (re.I) pattern of ASCII letters
# matches are these and the Kelvin sign, which lower-cases to "k"; lower-casing keeps these.
_CASE_FOLDS: Final = ("\u0130", "\u0131", "\u017f")  # İ ı ſ


def needs_case_blind(text: str) -> bool:
    """Whether `text` (or its lower-cased form) holds a character only re.I matches."""
    if text.isascii():
        return False
    for fold in _CASE_FOLDS:  # noqa: SIM110 (a plain loop: no generator per call)
        if fold in text:
            return True
    return False


# The characters that can come before a word's start in ASCII text.
_ASCII_NON_WORD: Final = "".join(chr(c) for c in range(128) if not re.match(r"\w", chr(c)))
_WORD_CHARS: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
_BEFORE_WORD: Final = frozenset(_ASCII_NON_WORD)
# (speed) With at most this many leads, finding each with str.find and trying the pattern
# only where one starts a word is cheaper than the fast form's scan, which stops at every
# space (measured on the gold set's sentences: 2-5 times cheaper with one to eight leads).
_MAX_LEADS: Final = 8
# Words in nearly every sentence: a pattern that can start with one is tried about as often
# as the fast form tries it, and finding them costs more (measured: up to 1.4 times slower).
_COMMON_WORDS: Final = frozenset(
    "a an and are as at be by for in is it of on or that the to was were will with would".split()  # noqa: SIM905
)


@dataclass(frozen=True, slots=True)
class WordScan:
    """A lexicon pattern `\\b...` whose matches start with a word character, with the same
    matches found faster on lower-cased text: there `\\b` at a position p > 0 means a
    non-word character at p - 1, which the fast form consumes before the rest (a pattern
    starting with a set of characters is one the engine skips through in C, where `\\b` or
    a look-ahead costs it an attempt at every position); a match at 0 is tried apart. Both run
    on the same string (never a slice), so look-behinds see the same text."""

    pattern: re.Pattern[str]  # for lower-cased text (compile_lower)
    fast: re.Pattern[str] | None  # an ASCII non-word character, then the pattern without \b
    # every branch starts with "^": the only match there can be is at 0 (no re.MULTILINE), where
    # `match` looks once instead of `search` failing at every position (speed)
    at_start: bool = False
    # the words every match starts with (leads.leading_words), when few: the pattern is
    # tried only where one of them starts a word
    leads: tuple[str, ...] = ()
    wide: re.Pattern[str] | None = None  # `fast` for any text: any non-word character first

    def _fast_for(self, lowered: str) -> re.Pattern[str] | None:
        return self.fast if lowered.isascii() else self.wide

    def search(self, lowered: str) -> bool:
        """Whether the pattern matches somewhere in `lowered`."""
        if self.at_start:
            return self.pattern.match(lowered) is not None
        fast = self._fast_for(lowered)
        if fast is None:
            return self.pattern.search(lowered) is not None
        if self.leads:
            match = self.pattern.match
            for pos in _lead_starts(lowered, self.leads):  # noqa: SIM110 (no generator per call)
                if match(lowered, pos) is not None:
                    return True
            return False
        return self.pattern.match(lowered) is not None or fast.search(lowered) is not None

    def groups(self, lowered: str) -> list[tuple[int, int, dict[str, str | None]]]:
        """The start, end and named groups of each match `pattern.finditer(lowered)` yields."""
        if self.at_start:
            m = self.pattern.match(lowered)
            return [] if m is None else [(0, m.end(), m.groupdict())]
        fast = self._fast_for(lowered)
        if fast is None:
            return [(m.start(), m.end(), m.groupdict()) for m in self.pattern.finditer(lowered)]
        if self.leads:
            return [(m.start(), m.end(), m.groupdict()) for m in self._lead_matches(lowered)]
        found = []
        pos = 0
        first = self.pattern.match(lowered)
        if first is not None:
            found.append((0, first.end(), first.groupdict()))
            pos = first.end() - 1
        match = fast.search(lowered, pos)
        while match is not None:
            end = match.end()
            found.append((match.start() + 1, end, match.groupdict()))
            match = fast.search(lowered, end - 1)
        return found

    def spans(self, lowered: str) -> list[tuple[int, int]]:
        """The spans `pattern.finditer(lowered)` yields."""
        return list(self.iter_spans(lowered))

    def first(self, lowered: str) -> tuple[int, int] | None:
        """The span of the first match, as `pattern.search(lowered)` finds it."""
        return next(self.iter_spans(lowered), None)

    def iter_spans(self, lowered: str) -> Iterator[tuple[int, int]]:
        """`spans`, one at a time: a caller that stops early skips the rest of the scan."""
        if self.at_start:
            m = self.pattern.match(lowered)
            if m is not None:
                yield m.span()
            return
        fast = self._fast_for(lowered)
        if fast is None:
            for m in self.pattern.finditer(lowered):
                yield m.span()
            return
        if self.leads:
            for m in self._lead_matches(lowered):
                yield m.span()
            return
        pos = 0
        first = self.pattern.match(lowered)
        if first is not None:
            yield first.span()
            pos = first.end() - 1  # the next match's non-word character may end this one
        match = fast.search(lowered, pos)
        while match is not None:
            start, end = match.span()
            yield start + 1, end
            match = fast.search(lowered, end - 1)

    def _lead_matches(self, lowered: str) -> list[re.Match[str]]:
        """`pattern.finditer(lowered)`'s matches: the pattern is tried only where a lead
        starts a word, the next after the last match's end, as finditer looks for it."""
        found = []
        end = 0
        match = self.pattern.match
        for pos in _lead_starts(lowered, self.leads):
            if pos < end:
                continue
            m = match(lowered, pos)
            if m is not None:
                found.append(m)
                end = m.end()
        return found


def _lead_starts(lowered: str, leads: tuple[str, ...]) -> list[int]:
    """Where one of `leads` starts a word in `lowered`, in order: the only places a match can
    start (the pattern starts with \\b, then a lead). No lead starts with another: no
    position is found twice."""
    found = []
    find = lowered.find
    for lead in leads:
        at = find(lead)
        while at != -1:
            if at == 0 or _before_word(lowered[at - 1]):
                found.append(at)
            at = find(lead, at + 1)
    if len(found) > 1:
        found.sort()
    return found


def _before_word(ch: str) -> bool:
    """Whether `\\b` holds between `ch` and a word character: `ch` is no word character (for
    the regex engine, alphanumeric or "_")."""
    if ch < "\x80":
        return ch in _BEFORE_WORD
    return not ch.isalnum()


def word_scan(pattern: str) -> WordScan:
    """A `WordScan` of a lexicon pattern (written case-insensitively); it has a fast form when
    each branch of the pattern's top level is `\\b` then something starting with a word
    character."""
    compiled = compile_lower(pattern)
    at_start = all(b.startswith("^") for b in _flat_branches(compiled.pattern))
    forms = None if at_start else _fast_forms(compiled.pattern)
    leads = None
    if forms is not None and not compiled.flags & re.IGNORECASE:
        # the fast form's test holds: each branch starts with \b, then a word character
        leads = leading_words(compiled.pattern, max_leads=_MAX_LEADS)
        if leads is not None and not _COMMON_WORDS.isdisjoint(leads):
            leads = None
    fast, wide = forms if forms is not None else (None, None)
    return WordScan(compiled, fast, at_start, leads or (), wide)


def _fast_forms(lowered: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """The fast form for ASCII text (a set of ASCII non-word characters first) and for any
    text (`[^\\w]` first: the engine tests a category per character, dearer than a set, but
    still skips ahead where the pattern itself is tried at every letter)."""
    # compile_lower's source is the lowered pattern, maybe behind a look-ahead of first chars
    if lowered.startswith("(?=["):
        head = lowered.find("])(?:")
        if head == -1 or not lowered.endswith(")"):
            return None
        lowered = lowered[head + len("])(?:") : -1]
    rests = []
    for branch in _flat_branches(lowered):  # each branch of the top level needs its own \b
        rest = branch[2:]
        # ASCII word characters, \w or \d first: a word character in any text
        chars = first_chars(rest, ascii_text=True)
        if not branch.startswith("\\b") or chars is None or not set(chars) <= _WORD_CHARS:
            return None
        rests.append(rest)
    # its alternation as a trie of first characters: the same matches, found faster (tries)
    body = "|".join(rests)
    ascii_form = compile_trie(f"[{re.escape(_ASCII_NON_WORD)}](?:{body})", ascii_text=True)
    return ascii_form, compile_trie(f"[^\\w](?:{body})")


def _flat_branches(source: str) -> list[str]:
    """The top level's alternatives, with a branch that is one whole non-capturing group
    ("(?:a|b)|c") replaced by that group's alternatives: the same matches, in the same order."""
    flat = []
    for branch in _branches(source):
        if branch.startswith("(?:") and _group_end(branch) == len(branch) - 1:
            flat.extend(_flat_branches(branch[3:-1]))
        else:
            flat.append(branch)
    return flat


def _structure(source: str) -> Iterator[tuple[int, str, int]]:
    """Each "(", ")" and "|" of `source` outside escapes and character classes, with the
    group depth after it."""
    depth = 0
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 1
        elif ch == "[":  # a class: "]" right after "[" or "[^" is a member, not its end
            i += 2 if source.startswith("[^", i) else 1
            if source.startswith("]", i):
                i += 1
            while source[i] != "]":
                i += 2 if source[i] == "\\" else 1
        elif ch in "()|":
            depth += {"(": 1, ")": -1, "|": 0}[ch]
            yield i, ch, depth
        i += 1


def _group_end(source: str) -> int:
    """Where the group that `source` opens with closes (-1 if it never does)."""
    return next((i for i, ch, depth in _structure(source) if ch == ")" and depth == 0), -1)


def _branches(source: str) -> list[str]:
    """The alternatives of `source`'s top level (itself when it has one)."""
    cuts = [i for i, ch, depth in _structure(source) if ch == "|" and depth == 0]
    bounds = zip([-1, *cuts], [*cuts, len(source)], strict=True)
    return [source[start + 1 : end] for start, end in bounds]


CaseBlind = tuple[re.Pattern[str], WordScan]


def compile_case_blind(pattern: str) -> CaseBlind:
    """A case-blind pattern, and the same for lower-cased text (several times faster): on
    lower-cased text it finds what the first finds on the text, unless `needs_case_blind`."""
    return re.compile(pattern, re.IGNORECASE), word_scan(pattern)


def search_case_blind(pair: CaseBlind, text: str) -> bool:
    """Whether the case-blind pattern matches `text`, run on it lower-cased where that finds
    the same (speed)."""
    if needs_case_blind(text):
        return pair[0].search(text) is not None
    return pair[1].search(lower_text(text))
