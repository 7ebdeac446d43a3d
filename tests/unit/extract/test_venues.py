"""Venue names found only near their head words are exactly what the name pattern finds."""

from __future__ import annotations

import re

import pytest

from services.worker.extract.context import dateline_end
from services.worker.extract.venues import _VENUE, find_venues, venue_matches
from tests.gold.records import ARTICLES_DIR


def _spans(matches: list[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]


@pytest.mark.parametrize(
    "text",
    [
        "the China International Import Expo (CIIE) opened in Shanghai",
        "at the Africa Energy Forum, then the Gulf Food Fair and the Big Five Show",
        "Seven Words Too Many For The Annual Trade Fair here",  # the last six words only
        "xxMcDonald Trade Fair",  # a name can start inside a word
        "the McDonald Trade Fair",  # ... or at its capital
        "trade Fair, a Fair",  # no capital word before the head
        "Belt and Road Forum",  # "and" breaks the run: "Road Forum"
        "Expo Expo Expo Fair",  # heads inside a name: the greedy name takes the last
        "The Fair. New Expo",  # punctuation ends a run
        "Africa Forum\nLagos Week",  # whitespace is any whitespace
        "Oil\u00a0Week and Gas  Week",  # no-break space, double space
        "Fashion Weekly",  # no boundary after the head
        "the G20 Trade Forum",  # a word may hold digits
        "Tech_Show and O'Neill's Dialogue and Sino-Arab Summit",
        "Éire Forum and Zürich Expo",  # a non-ASCII capital starts no word
        "",
        "Fair",
    ],
)
def test_same_matches_as_the_pattern(text: str) -> None:
    assert _spans(venue_matches(text)) == _spans(list(_VENUE.finditer(text)))


def test_same_matches_over_the_gold_articles() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES_DIR.glob("*.txt"))]
    with_venues = 0
    for text in texts:
        expected = _spans(list(_VENUE.finditer(text)))
        assert _spans(venue_matches(text)) == expected
        with_venues += bool(expected)
    assert with_venues >= 20  # the check saw names, not only their absence


def test_a_venue_takes_its_acronym_and_place() -> None:
    text = "The China International Import Expo (CIIE) is held in Shanghai."
    (venue,) = find_venues(text, [], [(0, len(text))], [])
    assert venue.name == "China International Import Expo"
    assert venue.aliases == ("China International Import Expo", "CIIE")


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("NAIROBI, May 6 - Kenya signed", "NAIROBI, May 6 - "),
        ("Feb 21 (Reuters) - Kenya signed", "Feb 21 (Reuters) - "),
        ("Quito (Prensa Latina) Ecuador's exports", "Quito (Prensa Latina) "),
        ("SEOUL, Nov. 27 (Yonhap) -- The Bank of Korea", "SEOUL, Nov. 27 (Yonhap) -- "),
        ("Kenya - Tanzania trade rose", ""),
        # a possessive name with its initials is the sentence's subject, not a dateline
        ("Thailand’s Siam Cement Group (SCG) will invest", ""),
        ("Thailand's SCG (Siam Cement) will invest", ""),
    ],
)
def test_dateline_end(text: str, dateline: str) -> None:
    assert text[: dateline_end(text)] == dateline
