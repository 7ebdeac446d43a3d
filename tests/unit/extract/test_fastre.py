"""The regex speed-ups: required literals never reject a text the pattern matches."""

from __future__ import annotations

import re

import pytest

from services.worker.extract.fastre import (
    compile_lower,
    first_chars,
    lower_text,
    required_literals,
    word_after_space,
)
from services.worker.extract.lexicon import cues, trigger_rules
from services.worker.extract.wordscan import _branches, _flat_branches, word_scan


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


@pytest.mark.parametrize(
    ("pattern", "ascii_text", "expected"),
    [
        (r"\bsigned", False, "s"),
        (r"(?:tariffs?|\d+%\s+duty)", False, None),  # \d also matches other scripts' digits
        (r"(?:tariffs?|\d+%\s+duty)", True, "0123456789t"),
        (r"[0-9]+ tonnes", False, "0123456789"),
        (r"\w+ly", False, None),  # \w is any letter of any script: no useful prefix
        (r"\w+ly", True, "0123456789_abcdefghijklmnopqrstuvwxyz"),  # lower-cased ASCII
        (r"(?:a|b)?", True, None),  # may match empty
    ],
)
def test_first_chars(pattern: str, ascii_text: bool, expected: str | None) -> None:
    assert first_chars(pattern, ascii_text=ascii_text) == expected


@pytest.mark.parametrize(
    ("source", "branches", "flat"),
    [
        ("a|(b|c)|[|)]d|e\\|f", ["a", "(b|c)", "[|)]d", "e\\|f"], ["a", "(b|c)", "[|)]d", "e\\|f"]),
        ("(?:a|b)|c", ["(?:a|b)", "c"], ["a", "b", "c"]),
        ("(?:(?:a|b)|c)", ["(?:(?:a|b)|c)"], ["a", "b", "c"]),
        ("(?:a)b|(?:c|d)", ["(?:a)b", "(?:c|d)"], ["(?:a)b", "c", "d"]),  # group is not all
        ("[^)]|x", ["[^)]", "x"], ["[^)]", "x"]),
    ],
)
def test_top_level_branches(source: str, branches: list[str], flat: list[str]) -> None:
    assert _branches(source) == branches
    assert _flat_branches(source) == flat


_SENTENCES = [
    "beijing slapped new tariffs on steel, and a 25% export duty on scrap followed.",
    "the eu imposed sanctions; trade wars rarely end well, officials said.",
    "the firm pulled out of the deal after the embargo.",
    "anti-dumping duties of 12% hit tiles. tariff-free quotas stay.",
    "a 10% import tax on rice and an export ban on maize were announced.",
    "no conflict words here, only a trade agreement signed on monday.",
]


@pytest.mark.parametrize("sentence", _SENTENCES)
def test_conflict_cue_fast_scan_finds_what_its_pattern_finds(sentence: str) -> None:
    scan = cues().conflict.scan
    assert scan.fast is not None  # group-wrapped branches and a digit-led one no longer block it
    assert scan.spans(sentence) == [m.span() for m in scan.pattern.finditer(sentence)]
    assert scan.search(sentence) == (scan.pattern.search(sentence) is not None)


def test_group_wrapped_word_branches_get_a_fast_form() -> None:
    scan = word_scan(r"(?:\bfoo|\bbar\d)|(?:\bbaz)")
    assert scan.fast is not None
    text = "foo, bar7 and baz; xfoo bar"
    assert scan.spans(text) == [(0, 3), (5, 9), (14, 17)]
    assert word_scan(r"(?:\bfoo)x|\bbar").fast is None  # a branch not led by \b: no fast form


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"\bfoo|\bbar", "foo, bar and foobar; xfoo bar"),  # the fast form, with a match at 0
        (r"^foo|^bar", "foo bar"),  # only a match at the start can be
        (r"\bfoo|x\bbar", "foo xbar foo"),  # no fast form: the pattern's own scan
        (r"\bfoo|\bbar", "f\u00f6o foo bar"),  # not ASCII: the pattern's own scan
    ],
)
def test_iter_spans_yields_the_spans_one_at_a_time(pattern: str, text: str) -> None:
    scan = word_scan(pattern)
    expected = [m.span() for m in scan.pattern.finditer(text)]
    assert expected  # something to find
    assert list(scan.iter_spans(text)) == expected == scan.spans(text)
    assert next(scan.iter_spans(text)) == expected[0]  # a caller may stop at the first


@pytest.mark.parametrize(
    "text",
    ["the deal is worth $5 million.", "officials said the deal is worth $5m.", "", "the"],
)
def test_a_pattern_anchored_at_the_start_is_matched_there_only(text: str) -> None:
    scan = word_scan(r"^(?:[\w,'’-]+\s+){0,4}?(?:the|this)\s+(?P<noun>deal|contract)\b")
    assert scan.at_start and scan.fast is None
    expected = [(m.start(), m.end(), m.groupdict()) for m in scan.pattern.finditer(text)]
    assert scan.groups(text) == expected
    assert scan.spans(text) == [(a, b) for a, b, _ in expected]
    assert scan.search(text) == bool(expected)


def test_every_trigger_has_a_fast_or_anchored_scan() -> None:
    slow = [r.id for r in trigger_rules() if r.scan.fast is None and not r.scan.at_start]
    assert slow == []


def _lower_by_character(text: str) -> str:
    """lower_text's definition: each character lower-cased alone, unless that changes its
    length ("İ" is "i̇", two characters), where it stays as it is."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@pytest.mark.parametrize(
    "text",
    [
        "TÜRKİYE and İstanbul",  # "İ" kept, the rest lower-cased
        "İ",
        "İİ at both ends İ",
        "ΟΔΥΣΣΕΥΣ İzmir",  # with "İ": "Σ" is "σ" everywhere, even at a word's end
        "Plain ASCII Text",
    ],
)
def test_lower_text_keeps_offsets(text: str) -> None:
    lowered = lower_text(text)
    assert len(lowered) == len(text)
    if "İ" in text:
        assert lowered == _lower_by_character(text)
    else:
        assert lowered == text.lower()


@pytest.mark.parametrize(
    ("text", "pos", "first"),
    [
        ("US dollars", 2, "d"),
        ("US \n  dollars", 2, "d"),  # any run of whitespace
        ("US-dollars", 2, ""),  # no whitespace: `\s+` cannot match
        ("US   ", 2, ""),  # nothing after it
        ("US", 2, ""),  # the end
        ("US\u00a0Dollar", 2, "D"),  # Unicode's whitespace, as \s
    ],
)
def test_word_after_space(text: str, pos: int, first: str) -> None:
    assert word_after_space(text, pos) == first
