"""Decoy sums told beside the pair's: one side's own figures, and money given to many."""

from __future__ import annotations

import pytest

from services.worker.extract import analyse
from tests.unit.extract.articles import article


def all_sums(title: str, text: str) -> set[tuple[float, str]]:
    return {
        (a.value, a.currency)
        for e in analyse(article(title, text)).events
        for a in e.amounts
        if a.currency is not None
    }


# (name, title, text, the pair's sum that stays, the decoy that must not be taken)
DECOYS = [
    (
        "a state firm's own five-year plan beside the pair's deal",
        "Algeria and Italy sign gas deal",
        "Algeria's Sonatrach and Italy's Eni signed a gas supply deal worth 2 billion dollars "
        "in Algiers on Monday. Sonatrach plans to invest 50 billion dollars over the 2025-2029 "
        "period in exploration and refining, according to its five-year development plan.",
        (2e9, "USD"),
        (50e9, "USD"),
    ),
    (
        "the other side's national exports in a 'while' clause",
        "Kazakhstan and Türkiye hold business forum",
        "Kazakhstan and Türkiye signed agreements worth $900 million at a business forum in "
        "Astana on Tuesday. Kazakhstan's foreign trade turnover exceeded $140 billion in 2025, "
        "while Türkiye's exports reached a record $260 billion last year.",
        (900e6, "USD"),
        (260e9, "USD"),
    ),
    (
        "money pledged to a continent where the pair's leaders met",
        "Japan lends Kenya 40 billion yen",
        "Japan agreed on Friday to provide Kenya with a yen loan of 40 billion yen for a port "
        "zone in Mombasa. The leaders met at a conference in Yokohama, where Japan pledged to "
        "provide $5 billion in financing to African countries.",
        (40e9, "JPY"),
        (5e9, "USD"),
    ),
    (
        "a country's public debt told after the pair's loan",
        "Japan lends Kenya 40 billion yen",
        "Japan agreed on Friday to provide Kenya with a yen loan of 40 billion yen for a port "
        "zone in Mombasa. Kenya carries public debt of more than 10 trillion shillings and "
        "has been seeking concessional financing.",
        (40e9, "JPY"),
        (10e12, "KES"),
    ),
    (
        "one side's non-oil exports, a currency after 'to'",
        "India and Oman sign steel plant deal",
        "India's JSW Steel and Oman's government signed an agreement on Monday to build a "
        "plant in Sohar worth $900 million. Oman's economy has been diversifying; non-oil "
        "exports rose to RO 5.1 billion last year, the statistics centre said.",
        (900e6, "USD"),
        (5.1e9, "OMR"),
    ),
]


@pytest.mark.parametrize(
    ("name", "title", "text", "kept", "decoy"), DECOYS, ids=[c[0] for c in DECOYS]
)
def test_a_decoy_beside_the_pairs_sum_is_not_taken(
    name: str, title: str, text: str, kept: tuple[float, str], decoy: tuple[float, str]
) -> None:
    sums = all_sums(title, text)
    assert kept in sums and decoy not in sums, (name, sums)
