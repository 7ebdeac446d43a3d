"""Which sentences hold which lexicon anchor stems: one regex pass over the article's words."""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Final

from services.worker.extract.gazetteer import trie_pattern
from services.worker.extract.lexicon import cues, trigger_rules

# Stems other modules look up besides the lexicons' anchors.
EXTRA_STEMS: tuple[str, ...] = (
    "two ",
    "both ",
    "bilateral",
    "mutual",
    "the company",
    "the firm",
    "the group",
    "the leaders",
    "the presidents",
)
_WORD: Final = re.compile(r"\w")
_INNER_WORD: Final = re.compile(r"(?<=[^\w])\w")  # a word's start after the first
# Everything the fast scan assumes of a stem: a word character first, no character that can
# end a sentence (no stem crosses one); a final non-word character ("two ") must follow a word
# character (checked in _fast_scan).
_FAST_STEM: Final = re.compile(r"\w[\w &-]*")
_ASCII_NON_WORD: Final = "".join(chr(c) for c in range(128) if not _WORD.match(chr(c)))


@functools.cache
def _stem_scanner() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """One trie regex over every anchor stem of the lexicons, and for each stem the shorter
    stems it starts with ('investment' also counts as 'invest')."""
    c = cues()
    stems: set[str] = set(EXTRA_STEMS)
    for rule in trigger_rules():
        stems.update(rule.anchors)
        for group in rule.anchors_all:
            stems.update(group)
    stems.update(c.conflict.anchors)
    for entry in c.domain.values():
        stems.update(entry.anchors)
    prefixes = {s: _held(s, stems) for s in stems}
    body = trie_pattern(sorted(stems))
    # the look-ahead of first letters lets the engine skip to candidates (see fastre)
    first = re.escape("".join(sorted({s[0] for s in stems})))
    return re.compile(rf"(?=[{first}])\b(?:{body})"), prefixes


def _held(stem: str, stems: set[str]) -> tuple[str, ...]:
    """The stems a match of `stem` stands for: those it starts with ('investment' is also
    'invest'), and those starting at a word inside it ('direct investment' is also
    'investment'), which the scan, taking the longest match, steps over."""
    starts = [0, *(m.start() for m in _INNER_WORD.finditer(stem))]
    return tuple(sorted(p for p in stems if any(stem.startswith(p, i) for i in starts)))


@dataclass(frozen=True, slots=True)
class _FastScan:
    """The stem scan, tried only after a non-word character: `\\b` at every position costs
    the regex engine far more than a set of starting characters it can skip to (speed)."""

    ascii: re.Pattern[str]  # an ASCII non-word character, then a stem (group 1)
    other: re.Pattern[str]  # a non-ASCII character (group 1: a letter is no boundary), a stem
    stems: dict[str, tuple[str, ...]]  # matched text -> the stems it stands for
    # matched texts with a non-word character inside: such a stem hides the words it spans
    spanning: frozenset[str]


# The letters of English by how often words hold them. A trie node's branches start with
# different characters, so their order changes no match; the engine tries them in order, and
# the common ones first is fewer tries (speed).
_LETTER_RANK: Final = {ch: rank for rank, ch in enumerate("etaoinshrdlcumwfgypbvkjxqz")}


def _by_frequency(ch: str) -> tuple[int, str]:
    return _LETTER_RANK.get(ch, len(_LETTER_RANK)), ch


def _trie_with_tails(node: dict[str, Any]) -> str:
    """trie_pattern's regex, except that a final non-word character ("two ", "co-") is a
    look-ahead: it is also the character before the next word, which the scan needs."""
    if "" in node and len(node) == 1:
        return ""
    optional = "" in node
    branches = []
    for ch in sorted((k for k in node if k), key=_by_frequency):
        child = node[ch]
        if "" in child and not _WORD.match(ch):
            rest = {k: v for k, v in child.items() if k}
            if rest:
                branches.append(re.escape(ch) + _trie_with_tails(rest))
            branches.append(f"(?={re.escape(ch)})")
        else:
            branches.append(re.escape(ch) + _trie_with_tails(child))
    if len(branches) == 1 and not optional:
        return branches[0]
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if optional else body


@functools.cache
def _fast_scan() -> _FastScan | None:
    """None when some stem breaks the fast scan's assumptions (then the plain scan runs)."""
    prefixes = _stem_scanner()[1]
    by_text: dict[str, tuple[str, ...]] = {}
    trie: dict[str, Any] = {}
    for stem in sorted(prefixes):
        text = stem if _WORD.match(stem[-1]) else stem[:-1]
        # "two " is matched as "two" (see _trie_with_tails): no stem may be that text too
        if not _FAST_STEM.fullmatch(stem) or not _WORD.match(text[-1]) or text in by_text:
            return None
        by_text[text] = prefixes[stem]
        node = trie
        for ch in stem:
            node = node.setdefault(ch, {})
        node[""] = {}
    body = _trie_with_tails(trie)
    return _FastScan(
        ascii=re.compile(rf"[{re.escape(_ASCII_NON_WORD)}]({body})"),
        other=re.compile(rf"([^\x00-\x7f])({body})"),
        stems=by_text,
        spanning=frozenset(t for t in by_text if re.search(r"\W", t)),
    )


@dataclass
class StemIndex:
    """Which sentences hold a word starting with a given lowercase stem, found in one scan
    of the article; rules whose anchors occur nowhere are never run (speed)."""

    lower: str
    starts: list[int]
    _by_sentence: dict[int, set[str]] = field(default_factory=dict)
    _scanned: bool = False

    def _scan(self) -> None:
        fast = _fast_scan()
        self._by_sentence = self._fast(fast) if fast is not None else self._plain()
        self._scanned = True

    def _plain(self) -> dict[int, set[str]]:
        """Each stem where a word starts, leftmost-longest, without overlaps."""
        pattern, prefixes = _stem_scanner()
        by_sentence: dict[int, set[str]] = {}
        for match in pattern.finditer(self.lower):
            index = bisect_right(self.starts, match.start()) - 1
            by_sentence.setdefault(index, set()).update(prefixes[match.group()])
        return by_sentence

    def _fast(self, fast: _FastScan) -> dict[int, set[str]]:
        """What `_plain` finds, sentence by sentence (a sentence runs to the next one's start;
        no stem crosses into it), from the characters before words. After an ASCII one the
        scan is `_plain`'s own (a match never ends where a word starts); in a sentence with
        other characters, the stems after those are scanned apart and added."""
        lower, starts = self.lower, self.starts
        padded = " " + lower  # padded[p] is the character before lower[p]
        ends = [*starts[1:], len(lower)] if starts else []
        plain_text = lower.isascii()
        findall, stems_of = fast.ascii.findall, fast.stems.__getitem__
        by_sentence: dict[int, set[str]] = {}
        for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
            found = findall(padded, start, end + 1)
            if plain_text or padded[start : end + 1].isascii():
                here = set().union(*map(stems_of, found))
            else:
                here = self._with_other(fast, found, padded, start, end)
            if here:
                by_sentence[index] = here
        return by_sentence

    def _with_other(
        self, fast: _FastScan, found: list[str], padded: str, start: int, end: int
    ) -> set[str]:
        """`found` and the stems after a non-ASCII character that is no letter ("—trade",
        not "étrade"). One of those spanning words may hide words the ASCII scan found: then
        the sentence is scanned the plain way."""
        pairs = fast.other.findall(padded, start, end + 1)
        other = [text for before, text in pairs if not before.isalnum()]
        if fast.spanning.isdisjoint(other):
            return set().union(*map(fast.stems.__getitem__, found + other))
        pattern, prefixes = _stem_scanner()
        return set().union(*map(prefixes.__getitem__, pattern.findall(self.lower, start, end)))

    def by_sentence(self) -> dict[int, set[str]]:
        """The stems found in each sentence that has any."""
        if not self._scanned:
            self._scan()
        return self._by_sentence

    def sentences_with(self, stem: str) -> list[int]:
        """The sentences holding `stem`, in order."""
        if stem not in _stem_scanner()[1]:
            raise KeyError(f"{stem!r} is not a registered anchor stem")
        return self.any_of(frozenset((stem,)))

    def any_of(self, stems: frozenset[str]) -> list[int]:
        """The sentences holding any of `stems`, in order. (speed) One test per sentence,
        run in C, not an index of every stem's sentences: only a dozen questions are asked
        per article, and inverting the index cost more than all of them.)"""
        return [i for i, here in self.by_sentence().items() if not stems.isdisjoint(here)]
