"""Sectors of the fixed `Sector` list, from the keywords in data/sectors.json."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from services.worker.extract.gazetteer import trie_pattern
from services.worker.extract.lexicon import sector_keywords
from services.worker.extract.surface import Entity
from shared.models import Sector

_ORDER = {sector: i for i, sector in enumerate(Sector)}
_SECTORS = {sector.value: sector for sector in Sector}  # (speed) cheaper than Sector(value)


_ASCII_NON_WORD: Final = "".join(c for c in map(chr, range(128)) if not re.match(r"[\w-]", c))


@dataclass(frozen=True, slots=True)
class _Matcher:
    """A trie of every keyword; the greedy trie makes the longest keyword win, so 'palm oil'
    is food before 'oil' is energy."""

    pattern: re.Pattern[str]  # a keyword neither preceded nor followed by [\w-]
    keywords: dict[str, Sector]
    # (speed) For ASCII text: the keyword after an ASCII character that is not [\w-] (a set
    # the engine skips to in C, where the look-behind costs it an attempt at every
    # position), and one at the very start apart. They find `pattern`'s keywords when every
    # keyword starts and ends with a letter or digit (else they are None).
    after_gap: re.Pattern[str] | None
    at_start: re.Pattern[str] | None
    # `after_gap` for any text: any character not [\w-] first (a category per character the
    # engine tests, dearer than a set, but still no attempt at every position)
    after_any_gap: re.Pattern[str] | None = None


@functools.cache
def _matcher() -> _Matcher:
    keywords: dict[str, Sector] = {}
    for sector, words in sector_keywords().items():
        for word in words:
            keywords.setdefault(word.lower(), Sector(sector))
    trie = trie_pattern(sorted(keywords))
    pattern = re.compile(r"(?<![\w-])(?:" + trie + r")(?![\w-])")
    if not all(re.fullmatch(r"[a-z0-9](?:.*[a-z0-9])?", k) for k in keywords):
        return _Matcher(pattern, keywords, None, None)
    after_gap = re.compile(f"[{re.escape(_ASCII_NON_WORD)}]({trie})" + r"(?![\w-])")
    at_start = re.compile(f"(?:{trie})" + r"(?![\w-])")
    after_any_gap = re.compile(r"[^\w-](" + trie + r")(?![\w-])")
    return _Matcher(pattern, keywords, after_gap, at_start, after_any_gap)


def find_sectors(text: str) -> set[Sector]:
    matcher = _matcher()
    keywords = matcher.keywords
    lowered = text.lower()
    # (speed) findall: the patterns have one group or none, so it yields the keywords, without
    # a match object each
    after_gap = matcher.after_gap if lowered.isascii() else matcher.after_any_gap
    at_start = matcher.at_start
    if after_gap is None or at_start is None:
        return {keywords[word] for word in matcher.pattern.findall(lowered)}
    found = set()
    pos = 0
    first = at_start.match(lowered)
    if first is not None:
        found.add(keywords[first.group()])
        pos = first.end()  # a keyword ends in a word character: the gap after it is free
    for word in after_gap.findall(lowered, pos):
        found.add(keywords[word])
    return found


def event_sectors(text: str, entities: Iterable[Entity]) -> set[Sector]:
    """The sectors a clause names, plus those of the companies taking part (Alibaba is
    e-commerce, COMAC aerospace) as data/organisations.json records them."""
    found = find_sectors(text)
    for entity in entities:
        if entity.sectors and entity.kind in ("company", "organisation"):
            found.update(_SECTORS.get(s) or Sector(s) for s in entity.sectors)
    return found


def ordered(sectors: Iterable[Sector]) -> list[Sector]:
    """The sectors in the enum's (documented) order, each once."""
    return sorted(set(sectors), key=_ORDER.__getitem__)
