"""The gold set's sentences and the lexicon's word scans, for tests that hold a fast path to
the plain regex on real text."""

from __future__ import annotations

import re

from services.worker.extract.fastre import lower_text
from services.worker.extract.lexicon import cues, trigger_rules
from services.worker.extract.sentences import split_sentences
from services.worker.extract.wordscan import WordScan
from tests.gold.records import ARTICLES_DIR

Found = list[tuple[int, int, dict[str, str | None]]]


def gold_sentences(limit: int, *, ascii_text: bool = True) -> list[str]:
    """The lower-cased sentences of the first `limit` gold articles that are ASCII (or, with
    `ascii_text=False`, those that are not)."""
    out = []
    for path in sorted(ARTICLES_DIR.glob("*.txt"))[:limit]:
        text = lower_text(path.read_text(encoding="utf-8"))
        out += [s.text for s in split_sentences(text) if s.text.isascii() == ascii_text]
    return out


def lexicon_scans() -> list[WordScan]:
    """Every word scan of the cue and trigger lexicons."""
    c = cues()
    scans = [c.conflict.scan, c.negation, c.intent, c.hedge, c.economic, c.liberalising]
    scans += [c.anaphora, *(entry.scan for entry in c.domain.values())]
    return scans + [rule.scan for rule in trigger_rules() if rule.scan is not None]


def assert_scan_finds_what_its_pattern_finds(scan: WordScan, text: str) -> Found:
    """`groups`, `spans` and `search` against the pattern's own finditer; its matches."""
    expected = [(m.start(), m.end(), m.groupdict()) for m in scan.pattern.finditer(text)]
    assert scan.groups(text) == expected, (scan.pattern.pattern[:80], text)
    assert scan.spans(text) == [(a, b) for a, b, _ in expected]
    assert scan.search(text) == bool(expected)
    return expected


def word_start(text: str, pos: int) -> bool:
    return pos == 0 or not re.match(r"\w", text[pos - 1])
