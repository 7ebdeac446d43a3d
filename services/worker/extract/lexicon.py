"""The extractor's data files, read once on first use and cached for the process's life."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final

from services.worker.extract.fastre import compile_lower, required_literals
from services.worker.extract.wordscan import WordScan, word_scan

_PACKAGE: Final = "services.worker.extract"


def load_json(name: str) -> dict[str, Any]:
    """One JSON file of `data/`; the files ship inside the package: no path to configure."""
    text = resources.files(_PACKAGE).joinpath("data", name).read_text(encoding="utf-8")
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError(f"data/{name}: expected a JSON object")
    return data


def words(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (readable word lists)."""
    return frozenset(text.split())


def compile_ci(pattern: str) -> re.Pattern[str]:
    """A lexicon pattern, for lower-cased text (see fastre: that is what keeps it fast)."""
    return compile_lower(pattern)


@dataclass(frozen=True, slots=True)
class AnchoredPattern:
    """A regex worth trying only where one of its lowercase anchor stems occurs (speed); it
    runs on lower-cased text."""

    anchors: tuple[str, ...]
    pattern: re.Pattern[str]
    scan: WordScan  # the same pattern, for `WordScan.search` and `WordScan.spans`
    anchor_set: frozenset[str]  # `anchors`, for `StemIndex.any_of`

    def may_match(self, lowered: str) -> bool:
        # a plain loop, not any(...): no generator per call, and it runs for every sentence
        for anchor in self.anchors:  # noqa: SIM110
            if anchor in lowered:
                return True
        return False


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One trigger of the lexicon (data/triggers.json)."""

    id: str
    type: str
    strength: float
    direction: str
    needs: str | None
    anchors: tuple[str, ...]
    pattern: re.Pattern[str]
    anchors_all: tuple[tuple[str, ...], ...] = ()
    # literal sets a match always holds one of each (fastre.required_literals): a cheap test
    required: tuple[tuple[str, ...], ...] = ()
    scan: WordScan | None = None  # `pattern` as a WordScan (what find_hits runs), if built
    # a rule for a line of a list of deals: the whole line is its clause, and naming no one,
    # it is a deal of the article's pair
    line: bool = False

    def may_match(self, lowered: str) -> bool:
        """False when the pattern cannot match `lowered` (it lacks a required literal)."""
        for group in self.required:
            for literal in group:
                if literal in lowered:
                    break
            else:
                return False
        return True


@dataclass(frozen=True, slots=True)
class Cues:
    """The cue lexicons of data/cues.json, compiled."""

    conflict: AnchoredPattern  # its pattern holds `undone`'s too
    undone: re.Pattern[str]  # for lower-cased text
    liberalising: WordScan
    domain: dict[str, AnchoredPattern]
    hedge: WordScan
    intent: WordScan
    negation: WordScan
    economic: WordScan
    anaphora: WordScan
    actor_nouns: frozenset[str]
    product_nouns: frozenset[str]


def _anchored(entry: dict[str, Any]) -> AnchoredPattern:
    scan = word_scan(entry["pattern"])
    anchors = tuple(entry["anchors"])
    return AnchoredPattern(anchors, scan.pattern, scan, frozenset(anchors))


@functools.cache
def cues() -> Cues:
    data = load_json("cues.json")
    conflict = data["conflict"]
    undone = data["undone"]
    either = f"(?:{conflict['pattern']})|(?:{undone})"  # undone cooperation is conflict too
    return Cues(
        conflict=_anchored({"anchors": conflict["anchors"], "pattern": either}),
        undone=compile_lower(undone),
        liberalising=word_scan(data["liberalising"]),
        domain={name: _anchored(entry) for name, entry in data["domain"].items()},
        hedge=word_scan(data["hedge"]),
        intent=word_scan(data["intent"]),
        negation=word_scan(data["negation"]),
        economic=word_scan(data["economic"]),
        anaphora=word_scan(data["anaphora"]),
        actor_nouns=frozenset(data["actor_nouns"]),
        product_nouns=frozenset(data["product_nouns"]),
    )


@functools.cache
def trigger_rules() -> tuple[TriggerRule, ...]:
    rules = []
    for raw in load_json("triggers.json")["rules"]:
        scan = word_scan(raw["pattern"])
        pattern = scan.pattern
        rules.append(
            TriggerRule(
                id=raw["id"],
                type=raw["type"],
                strength=float(raw["strength"]),
                direction=raw["direction"],
                needs=raw.get("needs"),
                anchors=tuple(raw["anchors"]),
                pattern=pattern,
                anchors_all=tuple(tuple(group) for group in raw.get("anchors_all", [])),
                required=required_literals(pattern),
                scan=scan,
                line=bool(raw.get("line", False)),
            )
        )
    return tuple(rules)


@functools.cache
def sector_keywords() -> dict[str, list[str]]:
    sectors: dict[str, list[str]] = load_json("sectors.json")["sectors"]
    return sectors
