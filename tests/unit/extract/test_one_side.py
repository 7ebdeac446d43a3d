"""One side's own totals: sums that belong to no pair of the article."""

from __future__ import annotations

import pytest

from services.worker.extract.one_side import (
    firms_results,
    from_many,
    gives_to_many,
    is_directed,
    is_national_total,
    one_sides_flow,
    owned_goods_flow,
    to_many,
)


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
        ("has allocated 26.4 billion som to health care in the 2026 republican budget", True),
        # a firm's own results, a fund's size, subsidies at home, sales to the world
        ("The planemaker delivered 92 jets and reported revenue of $22.3 billion", True),
        ("OCP, which posted revenue of 97 billion dirhams (€9 billion) in 2025", True),
        ("The fund, which manages more than $520 billion of assets globally", True),
        ("has earmarked almost €1 billion in subsidies for domestic electrolysers", True),
        ("Switzerland's watch industry, whose worldwide exports reached CHF 26 billion", True),
        ("The watch industry, whose exports to all markets reached 26 billion francs", True),
        ("the country's total foreign trade turnover exceeded $22 billion", True),
        ("The country's total non-oil foreign trade reached a record Dh1.7 trillion", True),
        ("Uganda's total merchandise exports rose to $7.4 billion", True),
        ("it has earmarked about 1.5 billion euros in public spending on venues", True),
        ("has earmarked 6.79 trillion pesos for its 2026 national budget", True),
        ("The country's exports reached $79.7 billion last year", True),
        ("The country's exports to Brazil reached $9 billion", False),
        ("Kazakhstan's foreign trade turnover exceeded $140 billion in 2025", True),
        ("the country's foreign trade with Japan reached USD 286.4 million", False),
        ("total trade between the two countries reached $5 billion", False),  # the pair's
        ("Malaysia and Japan signed deals with a total value of $2 billion", False),
        ("The İstanbul fair's total exports of $40 million", True),  # a case-blind-only text
        # what a country owes, a firm's plan for itself, one side's non-oil exports
        ("Kenya carries public debt of more than 11 trillion shillings", True),
        ("plans to invest 60 billion dollars, according to its five-year development plan", True),
        ("non-oil exports rose to RO 5.9 billion last year", True),
        ("the UAE and India's non-oil trade reached $85 billion", False),
        ("the two firms' joint development plan is worth $2 billion", False),
        ("Ethiopia earned 3.6 billion USD from the export of goods", True),
        ("Ethiopia's export of goods to China rose to $400 million", False),
        ("while the trade deficit widened to $50.6 billion", True),
        ("with Vietnam enjoying a trade surplus of $2.7 billion", False),
        ("while at home OCP is pursuing a programme of 130 billion dirhams", True),
        ("as Pakistan's economy recovers under a $7 billion IMF programme", True),
        ("while it continues an IMF-supported reform programme", False),
        ("Britain will require about £45 billion of investment a year", True),
        ("Ghana's total cocoa export earnings stood at about US$3.2 billion", True),
        ("while total tea export earnings for the period stood at Sh88.6 billion", True),
        ("total foreign direct investment in Georgia amounted to $1.6 billion", True),
        ("investment realization reached Rp829.9 trillion from domestic and foreign sources", True),
        ("The zone as a whole attracted investments of $6.8 billion", True),
        ("worth $1.8 billion, or about 85% of its total rice imports", False),  # a share of it
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
        # a currency after "to" is no partner
        ("non-oil exports rose to RO 5.9 billion", False, True),
        ("exports climbed to Rs 2,692 crore", False, True),
        ("exports to RO Trading rose", True, False),  # a name, not a sum
    ],
)
def test_flows_to_a_partner_or_to_everyone(clause: str, directed: bool, one_sides: bool) -> None:
    assert (is_directed(clause), one_sides_flow(clause)) == (directed, one_sides)


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("worth $410 million, mostly from Russia, China and Uzbekistan", True),
        ("about $378 million from raw cashew exports in 2025, mostly to Vietnam and India", True),
        ("worth $410 million, mostly from Russia", False),
    ],
)
def test_from_many(clause: str, expected: bool) -> None:
    assert from_many(clause) is expected


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("Chile's copper exports reached a record $50.5 billion in 2024", True),
        ("Chile's copper exports to China reached $20 billion", False),  # a partner named
        ("Vietnam's exports of toys and sports goods rose 18% to nearly $4 billion", True),
        ("Vietnam's exports of toys to Denmark rose to $40 million", False),
        # told after the pair's trade, a side's exports are its part of it
        ("India's exports, mainly motor vehicles, were worth about USD 1.1 billion", False),
        ("Kenya's exports to the bloc amounted to 1.2 billion euros", False),
        ("Vietnam's total exports reached $400 billion", False),  # a national total's own rule
    ],
)
def test_owned_goods_flow(clause: str, expected: bool) -> None:
    assert owned_goods_flow(clause) is expected


@pytest.mark.parametrize(
    ("text", "amount", "expected"),
    [
        ("Hoa Phat, which reported 2024 revenue of about 138 trillion dong", "about 138", True),
        ("The company, which posted 2025 sales of 842 billion won", "842 billion", True),
        ("Sonatrach, which achieved a turnover of around 45 billion dollars", "around 45", True),
        ("NEA officials expect revenue of around Rs 1.15 billion", "around Rs", False),
        ("signed a deal worth 138 trillion dong", "138 trillion", False),
        (
            "reported revenue of 38 billion crowns and an operating profit of 3.9 billion crowns",
            "3.9 billion",
            True,
        ),
        # one side's total told beside the pair's, to many or to no one
        (
            "Egyptian-Zambian trade stood at $61 million, against Egypt's total exports to COMESA "
            "member states of around $3.2 billion",
            "around $3.2",
            True,
        ),
        ("Egyptian-Zambian trade stood at $61 million", "$61", False),
        ("India's total exports to Vietnam of $9 billion", "$9", False),  # the pair's
    ],
)
def test_firms_results(text: str, amount: str, expected: bool) -> None:
    assert firms_results(text, text.index(amount)) is expected


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("Japan pledged to provide $5.5 billion in financing to African countries", True),
        ("grants to 14 Pacific island nations", True),
        ("credit to developing economies", True),
        ("loans to other countries in the region", True),
        ("to provide Kenya with $300 million", False),
        ("trade between the two countries", False),
        ("exports to both countries", False),
    ],
)
def test_gives_to_many(clause: str, expected: bool) -> None:
    assert gives_to_many(clause) is expected
