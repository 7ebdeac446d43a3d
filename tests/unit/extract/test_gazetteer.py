"""The gazetteer: names, adjectives, abbreviations, capitals, subdivisions, blocs, companies."""

from __future__ import annotations

import pytest

from services.worker.extract.entities import learn_companies, prepare_mentions
from services.worker.extract.gazetteer import find_mentions

# (text, [(surface, entity key, party country, ISO 3166-2)])
CASES = [
    (
        "China's Sichuan, Hubei and Gansu provinces",
        [
            ("China", "CHN", "CHN", None),
            ("Sichuan", "CN-SC", "CHN", "CN-SC"),
            ("Hubei", "CN-HB", "CHN", "CN-HB"),
            ("Gansu", "CN-GS", "CHN", "CN-GS"),
        ],
    ),
    ("Sino-Russian ties", [("Sino-", "CHN", "CHN", None), ("Russian", "RUS", "RUS", None)]),
    ("the U.S. and the UAE", [("U.S.", "USA", "USA", None), ("UAE", "ARE", "ARE", None)]),
    ("Beijing said", [("Beijing", "CHN", "CHN", "CN-BJ")]),
    ("the EU and the EAEU", [("EU", "bloc:EU", "EUU", None), ("EAEU", "bloc:EAEU", None, None)]),
    (
        "the Russian Export Center (REC)",
        [
            ("Russian Export Center", "org:russian export center", "RUS", None),
            ("REC", "org:russian export center", "RUS", None),
        ],
    ),
    (
        "The Commercial Aircraft Corporation of China and COMAC",
        [
            (
                "Commercial Aircraft Corporation of China",
                "org:commercial aircraft corporation of china",
                "CHN",
                None,
            ),
            ("COMAC", "org:commercial aircraft corporation of china", "CHN", None),
        ],
    ),
    ("plants in Indiana", [("Indiana", "US-IN", "USA", "US-IN")]),
    # a Chilean region is no Nigerian state
    ("dairy farms in Los Lagos", [("Los Lagos", "CL-LL", "CHL", "CL-LL")]),
    ("a plant in Banten", [("Banten", "ID-BT", "IDN", "ID-BT")]),
    ("TAITRA will open an office", [("TAITRA", "org:taitra", "TWN", None)]),
    (
        "Yazaki Corp. will expand its plant in Ternopil",
        [
            ("Yazaki Corp.", "org:yazaki", "JPN", None),
            ("Ternopil", "city:ternopil", "UKR", "UA-61"),
        ],
    ),
    ("Latin American markets", []),
    # cities from geonames (data/world_cities.json), not only the hand-picked places.json
    (
        "a plant in Kragujevac and a park near Lublin",
        [("Kragujevac", "city:kragujevac", "SRB", None), ("Lublin", "city:lublin", "POL", None)],
    ),
    # a two-word adjective is not the one-word adjective of another country
    ("the Equatorial Guinean state oil firm", [("Equatorial Guinean", "GNQ", "GNQ", None)]),
    (
        "a Marshallese and a Palauan firm",
        [("Marshallese", "MHL", "MHL", None), ("Palauan", "PLW", "PLW", None)],
    ),
    (
        "New South Wales and Türkiye and Turkiye",
        [
            ("New South Wales", "AU-NSW", "AUS", "AU-NSW"),
            ("Türkiye", "TUR", "TUR", None),
            ("Turkiye", "TUR", "TUR", None),
        ],
    ),
    ("NAIROBI, May 6", [("NAIROBI", "KEN", "KEN", "KE-30")]),
    ("Kazakh and Uzbek firms", [("Kazakh", "KAZ", "KAZ", None), ("Uzbek", "UZB", "UZB", None)]),
    (
        "Chinese President Xi Jinping",
        [("Chinese", "CHN", "CHN", None), ("Xi Jinping", "person:xi jinping", "CHN", None)],
    ),
    # islands stand for their region
    (
        "Mallorca, Tenerife and Crete",
        [
            ("Mallorca", "ES-IB", "ESP", "ES-IB"),
            ("Tenerife", "ES-CN", "ESP", "ES-CN"),
            ("Crete", "GR-M", "GRC", "GR-M"),
        ],
    ),
    # a whole word: Indianapolis the city, not Indiana inside it
    ("Indianapolis", [("Indianapolis", "city:indianapolis", "USA", None)]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_find_mentions(text: str, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    found = [
        (m.text, m.entity.key, m.entity.country, m.entity.subdivision) for m in find_mentions(text)
    ]
    assert found == expected


def test_mention_offsets_point_into_the_text() -> None:
    text = "Toyota and Petrobras met in Brasilia."
    for m in find_mentions(text):
        assert text[m.start : m.end] == m.text


def test_currency_words_and_amounts_are_not_countries() -> None:
    text = "worth about 500 million US dollars and US$5 million, paid in Chinese yuan"
    money = [type("M", (), {"start": 6, "end": 34})()]
    assert [m.text for m in prepare_mentions(text, money)] == []


def test_news_agencies_are_dropped() -> None:
    assert [m.text for m in prepare_mentions("Slepnyov told Xinhua and Reuters.", [])] == []


def test_companies_learnt_from_the_article() -> None:
    text = (
        "Australia's Zephyr Minerals signed a deal with Chinese steelmaker Hebang Steel. "
        "Zephyr said the ore would ship in May."
    )
    learnt = learn_companies(text, find_mentions(text))
    assert learnt["Zephyr Minerals"].country == "AUS"
    assert learnt["Zephyr"].country == "AUS"  # a later short mention is the same company
    assert learnt["Hebang Steel"].country == "CHN"
    mentions = {m.text: m.entity.country for m in prepare_mentions(text, [])}
    assert mentions["Zephyr"] == "AUS"


def test_a_firm_based_in_a_city_is_learnt_past_three_words_of_trade() -> None:
    text = "Lublin-based agricultural machinery maker Agromasz Lubelski signed a contract."
    assert learn_companies(text, find_mentions(text))["Agromasz Lubelski"].country == "POL"


def test_a_stop_form_after_a_possessive_is_no_firm() -> None:
    text = "Russia's invasion disrupted Black Sea shipping from Ukrainian ports."
    assert "Black Sea" not in learn_companies(text, find_mentions(text))


@pytest.mark.parametrize(
    ("text", "learnt"),
    [
        (
            "Brightwave Robotics, the Danish toymaker, said it would invest.",
            {"Brightwave Robotics": "DNK", "Brightwave": "DNK"},
        ),
        ("Brightwave, a Danish company, will invest.", {"Brightwave": "DNK"}),
        # the sentence's subject, named by the firm that says it
        (
            "The LEGO Group will invest VND5.3 trillion to expand its factory in Ho Chi Minh "
            "City, the Danish company said Wednesday.",
            {"LEGO Group": "DNK", "LEGO": "DNK"},
        ),
        # a common word starting the sentence is no firm; nor is a person beside an envoy
        ("Sales rose, the Danish company said.", {}),
        ("On Monday the minister met Lars, the Danish ambassador.", {}),
        # a legal form in the name; a speaker after a comma is not the firm described
        (
            "Nordvand Pumper A/S, a Danish maker of pumps, agreed to buy the maker.",
            {"Nordvand Pumper A/S": "DNK", "Nordvand": "DNK"},
        ),
        ("It bought the shares from a Mexican private equity fund, Nordvand said.", {}),
    ],
)
def test_a_firm_named_beside_its_countrys_adjective(text: str, learnt: dict[str, str]) -> None:
    found = learn_companies(text, find_mentions(text))
    assert {name: e.country for name, e in found.items()} == learnt


def test_a_learnt_firms_first_word_stands_for_it_when_a_trade_word_follows() -> None:
    text = "South Korean battery-materials maker Hanul Energy Materials will build a plant."
    assert learn_companies(text, find_mentions(text))["Hanul"].country == "KOR"


def test_a_learnt_name_inside_a_longer_learnt_name_is_not_a_mention_there() -> None:
    text = (
        "Canadian investor Laurentian Infrastructure Partners bought a stake. The deal needs "
        "approval from Mexico's antitrust authority and the Infrastructure, Communications "
        "and Transport Ministry."
    )
    mentions = prepare_mentions(text, [])
    firm = next(m for m in mentions if m.text == "Laurentian Infrastructure Partners")
    assert firm.entity.country == "CAN"
    assert not [m for m in mentions if firm.start < m.start < firm.end]


def test_companies_learnt_from_the_title() -> None:
    title = "Swedish robotics firm Aurvik opens Bengaluru R&D hub"
    text = "Aurvik Robotics, the Kungsbro-based maker, opened a centre. Aurvik said it would hire."
    mentions = [(m.text, m.entity.country) for m in prepare_mentions(text, [], title=title)]
    assert mentions == [("Aurvik", "SWE"), ("Aurvik", "SWE")]
    assert prepare_mentions(text, []) == []  # without the title, no one is known


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("ASX-listed Gobi Copper has signed an agreement.", "Gobi Copper", "AUS"),
        ("TSX-listed Ivanhoe Electric will build a mine.", "Ivanhoe Electric", "CAN"),
        ("London-listed Ferrexpo will sell pellets.", "Ferrexpo", "GBR"),
        ("JSE-listed Concor won the tunnel contract.", "Concor", "ZAF"),
    ],
)
def test_firms_named_by_their_listing(text: str, name: str, country: str) -> None:
    assert {m.text: m.entity.country for m in prepare_mentions(text, [])}[name] == country


def test_a_firms_initials_name_it_in_its_article() -> None:
    text = "MITSUI OSK Lines placed an order in China. MOL also signed a charter."
    assert [(m.text, m.entity.country) for m in prepare_mentions(text, [])] == [
        ("MITSUI OSK Lines", "JPN"),
        ("China", "CHN"),
        ("MOL", "JPN"),
    ]
    # elsewhere the same letters are Hungary's oil group
    assert [m.entity.country for m in prepare_mentions("MOL will buy a stake.", [])] == ["HUN"]


def test_a_known_persons_surname_names_them_in_their_article() -> None:
    text = "Prime Minister Luís Montenegro visited Maputo. Montenegro said trade would grow."
    assert [(m.text, m.entity.kind) for m in prepare_mentions(text, [])] == [
        ("Luís Montenegro", "person"),
        ("Maputo", "capital"),
        ("Montenegro", "person"),
    ]


def test_stock_indices_are_not_learnt_as_companies() -> None:
    text = "Japan's Nikkei 225 index rose 1%, while Hong Kong's Hang Seng fell."
    assert learn_companies(text, find_mentions(text)) == {}


@pytest.mark.parametrize(
    ("text", "country"),
    [("Adnoc Gas will supply LNG.", "ARE"), ("ADNOC will supply LNG.", "ARE"),
     ("Kogas signed.", "KOR"), ("Posco will invest.", "KOR")],
)  # fmt: skip
def test_long_acronyms_are_known_in_title_case_too(text: str, country: str) -> None:
    assert [m.entity.country for m in find_mentions(text)] == [country]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Fonterra signed a supply deal.", "NZL"),
        ("Zespri will ship kiwifruit.", "NZL"),
        ("Ganfeng Lithium bought a stake.", "CHN"),
        ("Vattenfall will build a wind farm.", "SWE"),
        ("Elsewedy Electric won the contract.", "EGY"),
        ("Ethio Telecom signed.", "ETH"),
        ("Maybank opened a branch.", "MYS"),
        ("Telstra will invest.", "AUS"),
    ],
)
def test_well_known_firms_of_every_continent(text: str, country: str) -> None:
    assert [m.entity.country for m in find_mentions(text)] == [country]


def test_short_acronyms_are_not_title_cased() -> None:
    assert find_mentions("Gail met Sail in the park.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the region of the one country the article names among those with such a region
        ("India will fund roads in Sri Lanka's Eastern Province.", "LK-5"),
        ("Spanish firms will build solar farms in Saudi Arabia's Eastern Province.", "SA-04"),
        ("Saudi Arabia lent Zambia $50 million for the Northern Province road.", "ZM-05"),
        # none of its countries named, or two of them: nobody's region
        ("Contracts were signed for the Eastern Province.", None),
        ("Sri Lanka and Zambia discussed the Eastern Province.", None),
    ],
)
def test_a_region_name_several_countries_use_is_the_named_countrys(
    text: str, expected: str | None
) -> None:
    mentions = prepare_mentions(text, [])
    regions = [m.entity.subdivision for m in mentions if m.entity.kind == "region"]
    assert regions == ([expected] if expected else [])


def test_a_regions_adjective_ties_a_firm_to_its_country() -> None:
    text = "Basque rail manufacturer CAF will supply the trams."
    mentions = [(m.text, m.entity.kind, m.entity.country) for m in prepare_mentions(text, [])]
    assert mentions == [("Basque", "region", "ESP"), ("CAF", "company", "ESP")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CAF signed a contract with the Medellín Metro.", ("Medellín Metro", "organisation")),
        ("Talks with the Durban Municipality resumed.", ("Durban Municipality", "organisation")),
        ("The trams will run in Medellín from 2027.", ("Medellín", "city")),
    ],
)
def test_a_citys_own_body_is_an_organisation_of_its_country(
    text: str, expected: tuple[str, str]
) -> None:
    cities = [m for m in prepare_mentions(text, []) if m.entity.country in ("COL", "ZAF")]
    assert [(m.text, m.entity.kind) for m in cities] == [expected]
    assert text[cities[0].start : cities[0].end] == expected[0]


def test_a_longer_region_name_wins_over_the_one_it_holds() -> None:
    # Alto Paraná is Paraguay's; Paraná alone is a Brazilian state
    [found] = find_mentions("a plant in Alto Paraná")
    assert (found.text, found.entity.subdivision) == ("Alto Paraná", "PY-10")


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Tosyalı Holding signed an agreement with Algeria.", "TUR"),
        ("UKEF has guaranteed the loan.", "GBR"),
    ],
)
def test_firms_and_agencies_of_the_data_files(text: str, country: str) -> None:
    assert prepare_mentions(text, [])[0].entity.country == country


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a firm named after its city or region is a company of that country, not a place
        ("Vietnamese importer Saigon Fresh Foods signed a supply deal.",
         ("Saigon Fresh Foods", "company", "VNM")),
        # ... a city's own body an organisation of it
        ("The contract with the Medellín Metro was signed.",
         ("Medellín Metro", "organisation", "COL")),
        # ... and a state's office stays the state's
        ("Tamil Nadu Industries Minister T. R. B. Rajaa attended.",
         ("Tamil Nadu", "region", "IND")),
    ],
)  # fmt: skip
def test_a_body_or_a_firm_named_after_a_place(text: str, found: tuple[str, str, str]) -> None:
    place = found[0].split()[0]
    mention = next(m for m in prepare_mentions(text, []) if m.text.startswith(place))
    assert (mention.text, mention.entity.kind, mention.entity.country) == found


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # a firm named after a place, based elsewhere
        (
            "Melbourne-based Eastern Cape Energy signed the memorandum.",
            "Eastern Cape Energy",
            "AUS",
        ),
        ("Saigon Fresh Foods will export mangoes.", "Saigon Fresh Foods", "VNM"),
        # a city's name as a person's first name is no place
        ("The deal was attended by President Santiago Peña.", "Santiago", None),
        ("The delegation arrived in Santiago on Monday.", "Santiago", "CHL"),
    ],
)
def test_places_in_names(text: str, name: str, country: str | None) -> None:
    found = {m.text: m.entity.country for m in prepare_mentions(text, [])}
    assert found.get(name) == country, found
