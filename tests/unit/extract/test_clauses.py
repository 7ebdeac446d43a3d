"""Clauses of a sentence, and the names in one that are no parties of its facts."""

from __future__ import annotations

import pytest

from services.worker.extract.clauses import split_clauses
from services.worker.extract.context import blocked_spans


@pytest.mark.parametrize(
    ("sentence", "clauses"),
    [
        # a pair of dashes encloses an aside: one clause
        (
            "Purchases from China — mainly machinery and steel — amounted to $4.1 billion.",
            ["Purchases from China — mainly machinery and steel — amounted to $4.1 billion."],
        ),
        # a lone dash ends one
        (
            "Trade reached $9.7 billion — a record.",
            ["Trade reached $9.7 billion", "a record."],
        ),
        # of three, the pair is an aside and the last one a boundary
        (
            "Exports – beef and rice – rose to $186 million – up 12%.",
            ["Exports – beef and rice – rose to $186 million", "up 12%."],
        ),
        # the same when the sentence needs the case-blind patterns (a dotless ı)
        (
            "Kırıkkale exports — steel and arms — rose to $2 billion — a record.",
            ["Kırıkkale exports — steel and arms — rose to $2 billion", "a record."],
        ),
        ("Trade rose; exports fell.", ["Trade rose", " exports fell."]),
        # a list item joins what it lists to its sum
        (
            "- Lumitek (Taiwan) and Baltic Beam (Lithuania): joint venture - 12.5 million euros;",
            ["- Lumitek (Taiwan) and Baltic Beam (Lithuania): joint venture - 12.5 million euros;"],
        ),
    ],
)
def test_split_clauses(sentence: str, clauses: list[str]) -> None:
    assert [sentence[a - 7 : b - 7] for a, b in split_clauses(sentence, 7)] == clauses


@pytest.mark.parametrize(
    ("sentence", "blocked"),
    [
        # a ranking blocks only the one ahead, not the country it ranks in
        (
            "Spain is the second-largest foreign investor in Colombia after the United States, "
            "with a stock of US$ 28 billion.",
            ["after the United States"],
        ),
        ("China is its largest trading partner, ahead of Japan and Korea.", []),
        ("Korea is the third largest investor in Peru behind China.", ["behind China"]),
        ("The deal lets Cairo wean itself off Russian wheat.", ["wean itself off Russian wheat"]),
        # a country a flow only passes through, or one set apart
        (
            "Nepal began exporting power to Bangladesh through the Indian transmission grid.",
            ["Indian"],
        ),
        (
            "It is the first time it has sold power to a country other than India.",
            ["other than India"],
        ),
        # the markets a plant makes for
        (
            "It will invest $38 million in a plant in Paraguay to make cables for export to "
            "Brazil and Argentina.",
            ["for export to Brazil and Argentina"],
        ),
        # the customers' markets, a bet on a trend, a comparison
        (
            "It will build a plant to produce brakes for automakers in Mexico and the United "
            "States.",
            ["for automakers in Mexico and the United States"],
        ),
        (
            "It agreed to buy the firm, betting that the shift of US supply chains to Mexico "
            "will fuel demand.",
            ["betting that the shift of US supply chains to Mexico will fuel demand"],
        ),
        (
            "Indian investment is modest compared with that from Singapore and Japan.",
            ["compared with that from Singapore and Japan"],
        ),
    ],
)
def test_names_that_are_no_parties(sentence: str, blocked: list[str]) -> None:
    assert [sentence[a:b] for a, b in blocked_spans(sentence, 0, [])] == blocked


def test_a_case_blind_sentence_ending_in_a_semicolon() -> None:
    sentence = "Kırıkkale exports rose;"
    assert split_clauses(sentence, 0) == [(0, len(sentence) - 1)]
