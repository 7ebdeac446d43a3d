"""The words a pattern's matches start with: every match starts with one, on real sentences."""

from __future__ import annotations

import pytest

from services.worker.extract.leads import leading_words
from services.worker.extract.wordscan import word_scan
from tests.unit.extract.corpus import gold_sentences, lexicon_scans, word_start


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bagree(?:s|d|ing)?\s+to\b", ("agree",)),  # a longer start begins with a shorter
        (r"\b(?:visit(?:s|ed)?|trip\s+to)\b", ("trip", "visit")),
        (r"\b(?:a|b)c", ("ac", "bc")),
        (r"\b[ab]c", ("ac", "bc")),  # a small class of literals is expanded
        (r"x{0,2}y", ("xxy", "xy", "y")),  # a short repeat, copy by copy
        (r"\b(?:foo\s+)*bar", ("bar", "foo")),  # no copy, or a first copy cut short
        (r"(?:foo\s+)+bar", ("foo",)),
        (r"(?<!x)\b(?=t)(?:take|took)\b", ("take", "took")),  # look-arounds are passed over
        (r"\b\w+ment\b", None),  # may start with any word character
        (r"\b(?:deal|\d+)\b", None),  # one branch may start with anything
        (r"(?:foo)?", None),  # may match the empty string
        (r"\b(?i:its)\s+exports", None),  # case-blind: "ıts" and "İts" match too
        (r"\b(?:its|their)\s+(?i:exports)", ("its", "their")),  # case-blind only later
        (r"\b\u017ftake", None),  # the long s: a case-blind pattern matches it to "s"
        (r"\b(?:a|b|c|d)", None),  # more than max_leads (3)
        (r"(?:a|b", None),  # does not parse
    ],
)
def test_leading_words(pattern: str, expected: tuple[str, ...] | None) -> None:
    assert leading_words(pattern, max_leads=3) == expected


def test_every_lexicon_match_starts_with_a_lead() -> None:
    """Each match of every lexicon pattern whose leads can be listed (however many) starts
    with one of them, at a word's start: where none starts a word, no match can."""
    sentences = gold_sentences(200)
    checked = matched = 0
    for scan in lexicon_scans():
        leads = leading_words(scan.pattern.pattern, max_leads=1000)
        if leads is None:
            continue
        checked += 1
        for sentence in sentences:
            for m in scan.pattern.finditer(sentence):
                assert sentence.startswith(leads, m.start()), (scan.pattern.pattern[:60], m)
                assert word_start(sentence, m.start())
                matched += 1
    assert checked > 60 and matched > 2000  # real matches of most patterns were compared


def test_a_scan_with_few_leads_tries_its_pattern_only_where_one_starts_a_word() -> None:
    scan = word_scan(r"\b(?:sign(?:ed|s)?|ink(?:ed)?)\s+(?:a|an|the)\s+(?P<noun>deal|pact)\b")
    assert scan.leads == ("ink", "sign")
    text = "they signed a deal, then cosigned a pact and inked the pact; ink the deal"
    expected = [(m.start(), m.end(), m.groupdict()) for m in scan.pattern.finditer(text)]
    assert [text[a:b] for a, b, _ in expected] == [
        "signed a deal",
        "inked the pact",
        "ink the deal",
    ]
    assert scan.groups(text) == expected
    assert scan.spans(text) == [(a, b) for a, b, _ in expected]
    assert scan.search(text) and not scan.search("they cosigned a deal")


def test_a_lead_that_is_a_common_word_leaves_the_scan_to_the_regex() -> None:
    # "the" starts a word in nearly every sentence: finding it saves nothing (measured)
    assert word_scan(r"\b(?:the|this)\s+(?:deal|pact)\b").leads == ()
