"""Sectors from keywords: whole words only, the longest keyword first, in any script around."""

from __future__ import annotations

import pytest

from services.worker.extract.sectors import _matcher, find_sectors
from services.worker.extract.sentences import split_sentences
from shared.models import Sector
from tests.gold.records import ARTICLES_DIR

_S = Sector


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A deal on oil and natural gas supplies.", {_S.ENERGY}),
        ("Palm oil exports rose.", {_S.AGRICULTURE_FOOD}),  # the longer keyword wins
        ("Coiled steel and boiler parts.", {_S.MINING_METALS}),  # "oil" inside a word is none
        ("Non-oil trade grew.", set()),  # after a hyphen: part of another word
        ("Oil", {_S.ENERGY}),  # at the very start and end
        ("“Oil”—and cars’ parts", {_S.ENERGY, _S.AUTOMOTIVE}),  # after quotes and dashes
        ("Ölkonzern and éoil, oilé", set()),  # a letter beyond ASCII is part of the word
        ("Über cars and tourism", {_S.AUTOMOTIVE, _S.TOURISM}),
        ("", set()),
    ],
)
def test_find_sectors(text: str, expected: set[Sector]) -> None:
    assert find_sectors(text) == expected


def test_the_fast_scans_find_what_the_pattern_finds() -> None:
    """On the gold set's sentences, ASCII or not, the scans that skip to the characters
    before a word find the keywords the plain pattern (a look-behind) finds."""
    matcher = _matcher()
    assert matcher.after_gap is not None and matcher.after_any_gap is not None
    texts = []
    for path in sorted(ARTICLES_DIR.glob("*.txt"))[:300]:
        text = path.read_text(encoding="utf-8")
        texts += [s.text for s in split_sentences(text)]
    beyond = [t for t in texts if not t.isascii()]
    assert len(beyond) > 200
    found = 0
    for text in texts:
        plain = {matcher.keywords[w] for w in matcher.pattern.findall(text.lower())}
        assert find_sectors(text) == plain, text
        found += bool(plain)
    assert found > 500  # sectors found, not only their absence
