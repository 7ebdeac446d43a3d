"""The extractor's data files, read once on first use and cached for the process's life."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final

from services.worker.extract.fastre import compile_lower, required_literals

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


# Besides ASCII letters, the only characters a case-blind (re.I) pattern of ASCII letters
# matches are these and the Kelvin sign, which lower-cases to "k"; lower-casing keeps these.
_CASE_FOLDS: Final = ("\u0130", "\u0131", "\u017f")  # İ ı ſ
CaseBlind = tuple[re.Pattern[str], re.Pattern[str]]


def compile_case_blind(pattern: str) -> CaseBlind:
    """A case-blind pattern, and the same for lower-cased text (several times faster): on
    lower-cased text it finds what the first finds on the text, unless `needs_case_blind`."""
    return re.compile(pattern, re.IGNORECASE), compile_lower(pattern)


def needs_case_blind(text: str) -> bool:
    """Whether `text` (or its lower-cased form) holds a character only re.I matches."""
    if text.isascii():
        return False
    for fold in _CASE_FOLDS:  # noqa: SIM110 (a plain loop: no generator per call)
        if fold in text:
            return True
    return False


@dataclass(frozen=True, slots=True)
class AnchoredPattern:
    """A regex worth trying only where one of its lowercase anchor stems occurs (speed); it
    runs on lower-cased text."""

    anchors: tuple[str, ...]
    pattern: re.Pattern[str]

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

    conflict: AnchoredPattern
    liberalising: re.Pattern[str]
    domain: dict[str, AnchoredPattern]
    hedge: re.Pattern[str]
    intent: re.Pattern[str]
    negation: re.Pattern[str]
    economic: re.Pattern[str]
    anaphora: re.Pattern[str]
    actor_nouns: frozenset[str]
    product_nouns: frozenset[str]


def _anchored(entry: dict[str, Any]) -> AnchoredPattern:
    return AnchoredPattern(tuple(entry["anchors"]), compile_ci(entry["pattern"]))


@functools.cache
def cues() -> Cues:
    data = load_json("cues.json")
    return Cues(
        conflict=_anchored(data["conflict"]),
        liberalising=compile_ci(data["liberalising"]),
        domain={name: _anchored(entry) for name, entry in data["domain"].items()},
        hedge=compile_ci(data["hedge"]),
        intent=compile_ci(data["intent"]),
        negation=compile_ci(data["negation"]),
        economic=compile_ci(data["economic"]),
        anaphora=compile_ci(data["anaphora"]),
        actor_nouns=frozenset(data["actor_nouns"]),
        product_nouns=frozenset(data["product_nouns"]),
    )


@functools.cache
def trigger_rules() -> tuple[TriggerRule, ...]:
    rules = []
    for raw in load_json("triggers.json")["rules"]:
        pattern = compile_ci(raw["pattern"])
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
            )
        )
    return tuple(rules)


@functools.cache
def sector_keywords() -> dict[str, list[str]]:
    sectors: dict[str, list[str]] = load_json("sectors.json")["sectors"]
    return sectors
