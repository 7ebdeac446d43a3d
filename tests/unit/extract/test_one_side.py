"""One side's own totals: sums that belong to no pair of the article."""

from __future__ import annotations

import pytest

from services.worker.extract.one_side import is_directed, is_national_total, one_sides_flow, to_many


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("Malaysia's total exports rose to RM1.5 trillion", True),  # owned by the side named
        ("MALAYSIA’S OVERALL TRADE REACHED RM2.9 TRILLION", True),  # any case, curly apostrophe
        ("its overall foreign direct investment stood at", True),
        ("its overall trade grew by 8%", True),
        ("Malaysia approved total investments of RM378.5bil", True),  # what it took in
        ("Vietnam attracted total FDI of $20 billion", True),
        ("India spends about Rs 1.68 lakh crore a year on fertiliser subsidies", True),
        ("making it the country's largest export industry", True),
        ("making it the largest export industry", False),  # whose, it does not say
        ("allocated $1.2 billion to security forces in its 2026 budget", True),
        ("in the country's draft national budget", True),
        ("allocated J$9.2 billion to the Fire Brigade in the 2024/25 Budget", True),
        ("total trade between the two countries reached $5 billion", False),  # the pair's
        ("Malaysia and Japan signed deals with a total value of $2 billion", False),
        ("The İstanbul fair's total exports of $40 million", True),  # a case-blind-only text
    ],
)
def test_is_national_total(clause: str, expected: bool) -> None:
    assert is_national_total(clause) is expected


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("USD 12 billion in lines of credit to African countries", True),
        ("its trade with the continent", True),
        ("exports to the region rose", True),
        ("markets in the Asia-Pacific region", True),
        ("a hub for the Gulf region", True),
        ("investments in the Baltic states", True),
        # a name before "region(s)" or "States" makes one place, not many
        ("will build a plant in Jalal-Abad region worth 2.6 billion soms", False),
        ("a hub in the Chui region worth som 2 billion", False),
        ("a coffee programme in the Sidama and Oromia regions", False),
        ("The United States has provided more than USD 45 million", False),
    ],
)
def test_to_many(clause: str, expected: bool) -> None:
    assert to_many(clause) is expected


@pytest.mark.parametrize(
    ("clause", "directed", "one_sides"),
    [
        ("Sales to China rose to $2 billion", True, False),
        ("imported cables worth $410 million from Russia", True, False),
        # a source is no partner: the country's imports from everyone
        (
            "The country imported edible oils worth Sh146 billion last year, according to the "
            "Kenya National Bureau of Statistics",
            False,
            True,
        ),
        ("Kenya exported tea worth Sh180 billion", False, True),
    ],
)
def test_flows_to_a_partner_or_to_everyone(clause: str, directed: bool, one_sides: bool) -> None:
    assert (is_directed(clause), one_sides_flow(clause)) == (directed, one_sides)
