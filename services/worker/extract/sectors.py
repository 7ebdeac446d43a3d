"""Sectors of the fixed `Sector` list, from the keywords in data/sectors.json."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from services.worker.extract.gazetteer import trie_pattern
from services.worker.extract.lexicon import sector_keywords
from services.worker.extract.surface import Entity
from shared.models import Sector

_ORDER = {sector: i for i, sector in enumerate(Sector)}
_SECTORS = {sector.value: sector for sector in Sector}  # (speed) cheaper than Sector(value)


@functools.cache
def _matcher() -> tuple[re.Pattern[str], dict[str, Sector]]:
    """A trie of every keyword; the greedy trie makes the longest keyword win, so 'palm oil'
    is food before 'oil' is energy."""
    keywords: dict[str, Sector] = {}
    for sector, words in sector_keywords().items():
        for word in words:
            keywords.setdefault(word.lower(), Sector(sector))
    pattern = re.compile(r"(?<![\w-])(?:" + trie_pattern(sorted(keywords)) + r")(?![\w-])")
    return pattern, keywords


def find_sectors(text: str) -> set[Sector]:
    pattern, keywords = _matcher()
    # (speed) findall: the pattern has no groups, so it yields the keywords, without a
    # match object each
    return {keywords[word] for word in pattern.findall(text.lower())}


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
