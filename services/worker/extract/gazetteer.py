"""Finding countries, regions, cities, blocs, organisations and people in one regex scan."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Final, NamedTuple

from services.worker.extract.surface import Entity, build_table


class Mention(NamedTuple):
    """One surface form found in the text, with offsets and what it stands for (a tuple: the
    scan makes dozens per article, and tuples are the cheapest immutable records)."""

    start: int
    end: int
    text: str
    entity: Entity

    @property
    def kind(self) -> str:
        return self.entity.kind

    @property
    def country(self) -> str | None:
        return self.entity.country


def trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation shaped as a trie: the engine tests one branch per first character,
    and greedy optional tails make the longest form win."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, Any]) -> str:
    if "" in node and len(node) == 1:
        return ""
    optional = "" in node
    keys = sorted((k for k in node if k), key=_by_frequency)
    branches = [re.escape(ch) + _trie_regex(node[ch]) for ch in keys]
    if len(branches) == 1 and not optional:
        return branches[0]
    # an empty last branch is a greedy "?" without the engine's repeat machinery (speed)
    return "(?:" + "|".join(branches) + ("|)" if optional else ")")


# English letters by how often words hold them. A node's branches start with different
# characters, so their order changes no match; the engine tries them in order, and the
# common ones first touch less of a large pattern (speed).
_LETTER_RANK: Final = {ch: rank for rank, ch in enumerate("etaoinshrdlcumwfgypbvkjxqz")}


def _by_frequency(ch: str) -> tuple[int, str]:
    return _LETTER_RANK.get(ch.lower(), len(_LETTER_RANK)), ch


@dataclass(frozen=True, slots=True)
class Gazetteer:
    table: dict[str, Entity]
    pattern: re.Pattern[str]
    # the table without stop forms (None): one look-up per match in find() (speed)
    live: dict[str, Entity | None] = field(default_factory=dict)

    def find(self, text: str) -> list[Mention]:
        """All non-overlapping mentions, leftmost-longest, at word boundaries."""
        found: list[Mention] = []
        live = self.live
        for match in self.pattern.finditer(text):
            start, end = match.span()
            if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
                continue
            surface = match.group()
            entity = live[surface]
            if entity is not None:  # a stop form only keeps its words from matching
                # (speed) what Mention(...) does, without its Python-level __new__
                found.append(_new_tuple(Mention, (start, end, surface, entity)))
        return found

    def lookup(self, surface: str) -> Entity | None:
        return self.table.get(surface)


_new_tuple: Final = tuple.__new__


@functools.cache
def gazetteer() -> Gazetteer:
    """Built once per process (about a quarter of a second) and shared by every call."""
    table = build_table()
    # No look-behind at the front: a pattern that starts with a character class lets the
    # engine skip ahead to candidate letters; the left boundary is checked in find().
    body = trie_pattern(sorted(table))
    pattern = re.compile(f"(?:{body})(?:(?<=-)|(?![\\w]))")
    live = {k: (None if e.kind == "stop" else e) for k, e in table.items()}
    return Gazetteer(table=table, pattern=pattern, live=live)


# (speed) The last text scanned and its mentions: an article's title is scanned three times
# (its names, its companies, the main pair), the same string each time. One tuple, replaced
# whole, so a thread never reads a text with another's mentions.
_last: tuple[str, list[Mention]] = ("", [])


def find_mentions(text: str) -> list[Mention]:
    global _last
    last = _last
    if last[0] == text and text:
        return list(last[1])  # a copy: a caller may change its list
    found = gazetteer().find(text)
    _last = (text, found)
    return list(found)
