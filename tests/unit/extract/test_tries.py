"""Alternations rewritten as tries of first characters find exactly what the plain regex finds."""

from __future__ import annotations

import re

import pytest

from services.worker.extract.tries import compile_trie, prefixed_trie
from tests.unit.extract.corpus import (
    assert_scan_finds_what_its_pattern_finds,
    gold_sentences,
    lexicon_scans,
)


def _found(
    pattern: re.Pattern[str], text: str
) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"(?:a|ab)c", "abc ac"),  # backtracks into the second branch
        (r"ab|a", "ab a"),  # the first branch that matches wins, not the longest
        (r"(?:export|import|trade)\s+bans?|tariffs?", "trade ban, import bans, tariffs"),
        (r"(?:border\s+)?crossings?\s+shut", "border crossings shut; crossing shut"),
        (r"\d+(?:\.\d+)?\s*%\s+duty|dumping", "a 12.5% duty, 7 % duty, dumping"),
        (r"(?<!storage\s)(?<!oil\s)tanks|trade", "oil tanks, battle tanks, trade"),
        (
            r"(?P<verb>sign(?:s|ed)?|ink(?:s|ed)?)\s+deals?|signal",
            "signed deals, inks deal, signal",
        ),
        (r"(?:a|b)(?P<x>c)|ad", "ac bc ad"),  # a group after a leading alternation: not copied
        (r"(?:x|y)?z|xq", "xz yz z xq"),
        (r"[ab]+c|bd", "aabc bd abd"),
        (r"(?:ab|a)*?c|ad", "ababc ad"),  # a lazy repeat is left as it is
        (r"(?:deal|)s|d", "deals s d"),  # an empty branch
        (r"(?:tariff|trade)(?:\s+war)?|t", "trade war tariff t"),
    ],
)
def test_same_matches_and_groups(pattern: str, text: str) -> None:
    assert _found(compile_trie(pattern), text) == _found(re.compile(pattern), text)


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        # a leading \b before word characters: none before the match, at 0 or after a non-word
        (r"\b(?:between\s+)?(?:the|both)\s+two", "between the two; xthe two, both two"),
        (r"\bto\s+(?:build|set\s+up)\b", "to build, toto build, plan to set up"),
        (r"\b(?:é|e)tude", "étude, prétude, etude"),  # Unicode's word characters
        (r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])", "in 2019, 12019 and 1999x or 1998"),
        (r"(?<!an\s)\b(?:deal|pact)s?", "a deal, an deal, pacts"),
    ],
)
def test_a_leading_assertion_becomes_a_trie_with_a_prefix(pattern: str, text: str) -> None:
    assert prefixed_trie(pattern) is not None  # the engine skips to the first characters
    assert _found(compile_trie(pattern), text) == _found(re.compile(pattern), text)


@pytest.mark.parametrize(
    "pattern",
    [
        r"\b(?:x|\d)",  # \d: too many first characters to spell out
        r"\b(?P<verb>sign)\w*",  # a group first: copying it would renumber it
        r"\b(?:-x|y)",  # "-" is no word character: \b there is no look-behind
        r"(?a)\b(?:é|e)tude",  # nor is "é" under re.ASCII
    ],
)
def test_a_leading_assertion_stays_where_the_rewrite_cannot_apply(pattern: str) -> None:
    assert prefixed_trie(pattern) is None
    for text in ("x 3 sign signs -x y", "ax a-x by", "étude, xétude, etude"):
        assert _found(compile_trie(pattern), text) == _found(re.compile(pattern), text)


def test_the_source_text_is_kept() -> None:
    source = r"(?:export|import)\s+bans?"
    compiled = compile_trie(source)
    assert compiled.pattern == source
    assert compiled.groupindex == re.compile(source).groupindex


def test_digits_are_expanded_for_ascii_text_only() -> None:
    # \d also matches other scripts' digits: only a pattern for ASCII text spells it 0-9
    pattern = r"\d+\s*%\s+duty|dumping"
    assert compile_trie(pattern).search("٣ % duty") is not None
    assert _found(compile_trie(pattern, ascii_text=True), "3 % duty") == [((0, 8), {})]


def test_a_pattern_that_does_not_parse_fails_as_re_does() -> None:
    with pytest.raises(re.error):
        compile_trie(r"(?:a|b")


def test_every_fast_scan_finds_what_its_plain_form_finds() -> None:
    sentences = gold_sentences(260)
    assert len(sentences) > 1000
    matched = 0
    for scan in lexicon_scans():
        if scan.fast is None:
            continue
        plain = re.compile(scan.fast.pattern)
        for sentence in sentences:
            expected = _found(plain, sentence)
            assert _found(scan.fast, sentence) == expected, (scan.fast.pattern[:80], sentence)
            matched += bool(expected)
    assert matched > 1000  # real matches compared, not only misses


def test_every_word_scan_finds_what_its_pattern_finds() -> None:
    """The whole `WordScan` (its match at 0, then the fast form) against its pattern, on
    sentences and on their tails from each of their first words: a text that starts with a
    match is tried as often as one that does not."""
    texts = []
    for sentence in gold_sentences(30):
        starts = [0, *[m.end() for m in re.finditer(r"\s+", sentence)][:8]]
        texts += [sentence[start:] for start in starts]
    at_zero = 0
    for scan in lexicon_scans():
        for text in texts:
            expected = assert_scan_finds_what_its_pattern_finds(scan, text)
            at_zero += bool(expected) and expected[0][0] == 0
    assert at_zero > 100  # matches at 0 were compared, not only misses


def test_every_word_scan_finds_what_its_pattern_finds_beyond_ascii() -> None:
    """The same on the gold set's sentences with other characters ("’", "€", "ü", "—"), where
    the scans run their form for any text and look for their leads as on ASCII text."""
    texts = gold_sentences(400, ascii_text=False)
    # leads after a quote or a dash ("agree", "visit", "lent"), and after a letter ("éagreed")
    texts += [
        "“agreed to cut tariffs,” she said—visits to kenya followed",
        "the bank—which lent $5 million to ghana—and éagreed to",
    ]
    assert len(texts) > 300
    matched = 0
    for scan in lexicon_scans():
        for text in texts:
            matched += bool(assert_scan_finds_what_its_pattern_finds(scan, text))
    assert matched > 300  # real matches compared, not only misses
