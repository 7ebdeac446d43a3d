"""The regex speed-ups: required literals never reject a text the pattern matches."""

from __future__ import annotations

import re

import pytest

from services.worker.extract.fastre import compile_lower, required_literals
from services.worker.extract.lexicon import trigger_rules


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bsign(?:ed|s)?\b", (("sign",),)),
        (
            r"(?:agreements?|deals?)\s+(?:signed|inked)",
            (("inked", "signed"), ("agreement", "deal")),
        ),
        (r"(?:to|a)?\s*loan", (("loan",),)),
        (r"(?:abc|\w+)xyz", (("xyz",),)),
        (r"(?:trade){2,}", (("trade",),)),
        (r"(?:trade)*deal", (("deal",),)),
        (r"\w+ly\s+\d+", ()),  # "ly" is too short to be worth a test
        (r"(?:grants?|\d+)", ()),  # one branch holds no literal: nothing is certain
    ],
)
def test_required_literals(pattern: str, expected: tuple[tuple[str, ...], ...]) -> None:
    assert required_literals(re.compile(pattern)) == expected


def test_case_insensitive_patterns_get_no_literals() -> None:
    assert required_literals(re.compile(r"signed", re.IGNORECASE)) == ()
    assert required_literals(re.compile(r"(?i)signed")) == ()


def test_lowered_pattern_keeps_its_literals() -> None:
    pattern = compile_lower(r"\b(?:Agreement|MoU)s?\s+(?:was\s+)?Signed")
    assert required_literals(pattern) == (("signed",), ("agreement", "mou"))


@pytest.mark.parametrize(
    "sentence",
    [
        "the two sides signed a memorandum of understanding on energy cooperation.",
        "the deal, worth $2 billion, was signed in beijing on monday.",
        "bilateral trade rose 12% to $45.6 billion in the first half.",
        "kenya will buy 40,000 tonnes of rice from pakistan under the agreement.",
        "japan's jera agreed to invest $1.4 billion in the scarborough project.",
        "the bank provided a $300 million loan to finance the railway.",
        "exports to the eu jumped to a record in march, officials said.",
    ],
)
def test_rules_that_match_are_never_skipped(sentence: str) -> None:
    matching = [rule for rule in trigger_rules() if rule.pattern.search(sentence) is not None]
    assert matching, "the sentence should hold a trigger"
    for rule in matching:
        assert rule.may_match(sentence), rule.id


def test_rule_without_its_verb_is_skipped() -> None:
    rules = {rule.id: rule for rule in trigger_rules() if rule.required}
    assert rules, "some trigger rules should have required literals"
    rule = next(iter(rules.values()))
    assert not rule.may_match("nothing relevant here at all.")
