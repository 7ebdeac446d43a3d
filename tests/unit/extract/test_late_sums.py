"""Sums a story tells paragraphs after the fact they measure, found by reference."""

from __future__ import annotations

import pytest

from services.worker.extract import analyse
from shared.models import EventType
from tests.unit.extract.articles import article


def all_sums(title: str, text: str, kind: EventType | None = None) -> set[tuple[float, str]]:
    """The (value, currency) of every event's sums, or only those of events of `kind`."""
    return {
        (a.value, a.currency)
        for e in analyse(article(title, text)).events
        if kind is None or e.event_type is kind
        for a in e.amounts
        if a.currency is not None
    }


# The fact is told in the lead; its cost comes 7 sentences later, after quotes and background.
_PLANT_COST_LATE = (
    "Kenya and Egyptian steelmaker Nileforge broke ground on Tuesday on a rolling mill in "
    "Athi River. The mill will have a capacity of 400,000 tonnes a year. Trade Cabinet "
    "Secretary Lee Kinyanjui said the project would cut imports. The plant is due to open in "
    '2027. "This is a big day for us," one of them said. '
    "Nileforge exports to ten African markets. Officials said roads to the site would be "
    "paved first. According to the company's country head, Amal Fathy, the investment "
    "amounts to Sh9.1 billion, covering the mill and a warehouse."
)

# (name, title, text, the fact's type or None for any, a sum it must carry)
FOUND = [
    (
        "a fact without a sum takes one told by reference well after it",
        "Egyptian firm breaks ground on Kenya mill",
        _PLANT_COST_LATE,
        EventType.INVESTMENT,
        (9.1e9, "KES"),
    ),
    (
        "a sum with no one named values an unvalued deal six sentences back",
        "Korean builder wins Slovak water plant contract",
        "Slovak utility Vodarne signed a contract with Korean builder Hanra Engineering on "
        "Wednesday to build a water treatment plant near Nitra. The plant will serve 300,000 "
        'people. "This is a historic day," the mayor said. Work starts in May. Hanra has '
        "built plants in eight countries. Local firms will do about half of the work. The "
        "contract is valued at about 410 million euros, the ministry said.",
        EventType.COMMERCIAL_DEAL,
        (410e6, "EUR"),
    ),
    (
        "an investment told right after an agreement to build values it",
        "Moroccan fertiliser maker to build Senegal plant",
        "Morocco's OCP signed an agreement with Senegal's government on Tuesday for a "
        "fertiliser blending plant in Diamniadio. The investment is worth 40 billion CFA "
        "francs, according to the Senegalese minister, who co-signed the agreement with the "
        "chief executive of OCP Africa.",
        None,
        (40e9, "XOF"),
    ),
    (
        "a project's total investment, estimated, is no national total",
        "Australian firm to build Vietnam wind farm",
        "Australia's Southern Cross Wind signed an agreement with Vietnam's Ninh Thuan "
        "province on Thursday to develop a 500 MW wind farm. The project would be built in two "
        "phases. Its total investment is estimated at A$1.1 billion.",
        None,
        (1.1e9, "AUD"),
    ),
    (
        "the cost of the project, estimated at, after a comma",
        "Tunisia and Libya agree border logistics zone",
        "Tunisia and Libya signed an agreement on Monday to build a joint logistics zone at "
        "Ras Jedir. The two governments will share equally the cost of the project, estimated "
        "at 400 million dinars, the minister said.",
        None,
        (400e6, "TND"),
    ),
    (
        "a price paid for a firm named",
        "Canadian rail group buys UK engineer",
        "Canada's Laurentide Rail Group agreed on Monday to buy British rail engineer Pennine "
        "Rail Systems. Laurentide said it will pay £300 million (C$510 million) in cash for "
        "Pennine, which is owned by pension funds.",
        None,
        (300e6, "GBP"),
    ),
    (
        "an investment told right after an unvalued deal is its value",
        "Italian group to farm durum wheat in Algeria",
        "Algeria's investment promotion agency and Italian agri-food group Campi Alti signed "
        "on Sunday in Algiers a contract for the development of a durum wheat farm in "
        "Adrar. The project, carried out with the cereals office, represents an investment of "
        "60 billion dinars (around 410 million euros) and will cover 30,000 hectares.",
        None,
        (60e9, "DZD"),
    ),
    (
        "money given to build",
        "New Zealand funds Tonga solar",
        "New Zealand will give Tonga NZ$20 million over four years to build solar farms and "
        "battery storage on its outer islands, the foreign minister said.",
        EventType.ECONOMIC_AID,
        (20e6, "NZD"),
    ),
    (
        "a sum three sentences after an unvalued agreement is its value",
        "Japanese carmakers pledge Thai hybrid output",
        "Five Japanese automakers have agreed to expand production of hybrid vehicles in "
        "Thailand, the Board of Investment said. The commitments were made in Tokyo on "
        'Monday. "All five confirmed they will keep Thailand as their main base. Together, '
        'they have committed investment of about 150 billion baht over five years," the '
        "board's secretary-general said.",
        None,
        (150e9, "THB"),
    ),
    (
        "a package told after an agreement is its value",
        "Peru, Korea sign hospitals deal",
        "Peru's Health Ministry signed a government-to-government agreement with South Korea "
        "on Monday for the construction of eight hospitals. Korean firms will equip them. The "
        "package totals S/ 4,350 million, financed with Peruvian Treasury resources, the "
        "ministry said.",
        EventType.TRADE_AGREEMENT,
        (4.35e9, "PEN"),
    ),
    (
        "a sport event told after the sum is background",
        "Turkey, Qatar review ties",
        "Qatari investments in Turkey exceeded $33 billion, while Turkish contractors had "
        "undertaken projects worth about $22 billion in Qatar, many of them linked to the 2022 "
        "FIFA World Cup.",
        EventType.COMMERCIAL_DEAL,
        (22e9, "USD"),
    ),
    (
        "a deal's value told eight sentences on is still its value",
        "Jamaica signs water deal with Chinese firm",
        "The Government of Jamaica yesterday signed a contract with China Yunhai Engineering "
        "Corporation for a new bulk water supply system for St Catherine. The system covers a "
        "treatment plant and four reservoirs. Work is scheduled to begin in the fourth quarter. "
        'The prime minister said the project would transform water security. "Water is '
        'development," he said. Residents welcomed the news. A loan will cover most of the '
        "cost. The loan carries an interest rate of two per cent. The deal is valued at US$186 "
        "million, according to the Ministry of Finance.",
        EventType.COMMERCIAL_DEAL,
        (186e6, "USD"),
    ),
    (
        "the signings' total told at the end values the agreements",
        "Czech mission signs deals in Taiwan",
        "A Czech business delegation signed 14 memorandums with Taiwanese partners in Taipei "
        "yesterday. The delegation was led by the industry minister. Czech firms opened a branch "
        'in Kaohsiung. The minister met chipmakers. "We want the flow to go both ways," he '
        "said. Exporters welcomed the trip. The talks covered rail and drones. Officials "
        "praised the visit. Several firms plan return trips. Universities also took part. "
        "Analysts expect more deals. The deals signed yesterday are worth about NT$9.8 billion "
        "in total, the ministry said.",
        None,
        (9.8e9, "TWD"),
    ),
]


@pytest.mark.parametrize(
    ("name", "title", "text", "kind", "wanted"), FOUND, ids=[c[0] for c in FOUND]
)
def test_a_sum_told_late_is_found(
    name: str, title: str, text: str, kind: EventType | None, wanted: tuple[float, str]
) -> None:
    assert wanted in all_sums(title, text, kind), name


def test_a_fact_with_its_own_sum_takes_no_far_reference() -> None:
    text = _PLANT_COST_LATE.replace(
        "broke ground on Tuesday on a rolling mill",
        "broke ground on Tuesday on a $50 million rolling mill",
    )
    found = all_sums("Egyptian firm breaks ground on Kenya mill", text, EventType.INVESTMENT)
    assert (50e6, "USD") in found and (9.1e9, "KES") not in found


def test_a_club_bought_across_a_border_is_still_sport() -> None:
    text = "A Saudi fund bought the English football club Newcastle United for $400 million."
    assert analyse(article("Saudi fund buys English club", text)).events == []


def test_a_firms_revenue_told_after_its_deal_is_no_part_of_it() -> None:
    text = (
        "Vietjet signed an order for 50 Boeing 737 MAX jets worth about $6.5 billion on "
        "Tuesday. Boeing has won a string of orders this year. The planemaker delivered 92 jets "
        "in the first quarter and reported revenue of $22.3 billion."
    )
    sums = all_sums("Vietjet orders Boeing jets", text)
    assert (6.5e9, "USD") in sums and (22.3e9, "USD") not in sums
