"""Article classification: cooperation between countries yes, hard negatives no."""

from __future__ import annotations

import pytest

from services.worker.extract import analyse, classify
from services.worker.extract.classify import signals
from services.worker.extract.document import Document
from shared.models import EventType, Sector
from tests.unit.extract.articles import article

# (name, title, text, is trade cooperation, countries of the cooperating parties)
CASES = [
    (
        "trade agreement",
        "India, Brazil sign trade pact",
        "India and Brazil signed a trade agreement on Monday to cut tariffs on 450 products.",
        True,
        ["BRA", "IND"],
    ),
    (
        "company deal across a border",
        "Petrobras and CNPC sign supply deal",
        "Brazil's Petrobras signed a deal worth $2 billion to supply crude oil to China's CNPC.",
        True,
        ["BRA", "CHN"],
    ),
    (
        "region buyer",
        "Sichuan buys Russian grain",
        "Sichuan province agreed to buy 300,000 tonnes of Russian wheat worth $90 million.",
        True,
        ["CHN", "RUS"],
    ),
    (
        "country and a bloc",
        "EU, Kenya sign economic partnership agreement",
        "The European Union and Kenya signed an economic partnership agreement on Monday.",
        True,
        ["EUU", "KEN"],
    ),
    (
        "tariffs",
        "US imposes new tariffs on Chinese steel",
        "The United States on Tuesday imposed additional tariffs of 25% on Chinese steel. "
        "Beijing vowed to retaliate against the duties.",
        False,
        [],
    ),
    (
        "sanctions",
        "EU adopts new sanctions against Russia",
        "The EU adopted new sanctions against Russia, banning imports of Russian LNG. "
        "EU imports from Russia fell to 49.5 billion euros in 2023.",
        False,
        [],
    ),
    (
        "export ban",
        "India bans wheat exports",
        "India banned wheat exports on Saturday, days after saying it would ship more to Egypt.",
        False,
        [],
    ),
    (
        "domestic economy",
        "China's economy grows 5.2%",
        "China's GDP grew 5.2% in 2023, the statistics bureau said. Inflation stayed low.",
        False,
        [],
    ),
    (
        "company earnings",
        "Samsung posts record profit",
        "Samsung Electronics posted a record quarterly profit of 14 trillion won on chip sales.",
        False,
        [],
    ),
    (
        "stock market",
        "Asian stocks rise",
        "Asian shares rose on Monday, with Japan's Nikkei up 1.2% and Hong Kong's Hang Seng "
        "index up 0.8%, as traders bet on rate cuts.",
        False,
        [],
    ),
    (
        "military cooperation",
        "Japan, Philippines sign defence pact",
        "Japan and the Philippines signed a defence pact on Monday that allows troop deployments "
        "for joint military exercises.",
        False,
        [],
    ),
    (
        "cultural cooperation",
        "Kazakhstan, Korea deepen cultural ties",
        "Kazakhstan and South Korea signed an agreement on cultural exchanges and student "
        "scholarships on Tuesday.",
        False,
        [],
    ),
    (
        "shopping tips",
        "Ten tips for shopping on AliExpress",
        "Russian shoppers can save on AliExpress on Singles' Day: use coupons, compare free "
        "shipping offers and buy early.",
        False,
        [],
    ),
    (
        "expo without named parties",
        "Expo opens",
        "The expo attracted over 2,800 companies from 130 countries and regions.",
        False,
        [],
    ),
    (
        "a failed negotiation",
        "Talks collapse",
        "Kenya and Uganda failed to reach an agreement on sugar imports on Friday.",
        False,
        [],
    ),
    (
        "a ceasefire agreement has no economic object",
        "Ethiopia and Eritrea sign ceasefire",
        "Ethiopia and Eritrea signed an agreement on Monday to stop the fighting along the border.",
        False,
        [],
    ),
    (
        "a treaty on allied relations is political",
        "Kazakhstan, Uzbekistan sign treaty",
        "Kazakhstan and Uzbekistan signed a treaty on allied relations on Tuesday.",
        False,
        [],
    ),
    (
        "handing over suspects is not trade",
        "Thailand, Malaysia agree to hand over suspects",
        "Thailand and Malaysia signed an agreement to hand over suspects wanted in both countries.",
        False,
        [],
    ),
    (
        "an agreement that names companies is economic",
        "Korea's Hyundai and Egypt's Elsewedy sign pact",
        "South Korea's Hyundai Rotem and Egypt's Elsewedy Electric signed an agreement in Cairo.",
        True,
        ["EGY", "KOR"],
    ),
    (
        "a prohibited aid flow is no aid",
        "U.S. halts aid",
        "The United States announced it would prohibit all aid to Albanian rebels in Macedonia.",
        False,
        [],
    ),
    (
        "an FTA rejected, another urged",
        "Bangladesh rejects India FTA",
        "Bangladesh rejected an Indian proposal for signing a free trade agreement, urging India "
        "to sign the proposed South Asia Free Trade Agreement instead.",
        False,
        [],
    ),
    (
        "a sovereign fund buying into a football club",
        "Newcastle takeover completed",
        "Saudi Arabia's Public Investment Fund took an 80 percent stake in British football "
        "club Newcastle United on Thursday for 305 million pounds.",
        False,
        [],
    ),
    (
        "a player's transfer between clubs of two countries",
        "Al-Nassr complete Talisca move",
        "Saudi club Al-Nassr bought Brazil striker Talisca from China's Guangzhou for "
        "$20 million on Monday, ending his spell in the Chinese Super League.",
        False,
        [],
    ),
    (
        "a Paris Club debt deal stays cooperation",
        "France, Zambia sign debt deal",
        "France signed a $400 million debt relief agreement with Zambia on Monday under the "
        "Paris Club framework.",
        True,
        ["FRA", "ZMB"],
    ),
    (
        "export controls in the lead under a headline with no cooperation word",
        "Beijing's rare earth licences leave German suppliers days from production stops",
        "German car parts makers warn of stoppages as China's export controls on rare earth "
        "magnets choke off supplies. German imports of magnets from China were worth €1.2bn "
        "last year, according to the statistics office.",
        False,
        [],
    ),
    (
        "a domestic plant naming two foreign suppliers: no second side stands out",
        "Kazakhstan launches cable plant in Shymkent",
        "Kazakh manufacturer Qazaq Cable opened a plant in Shymkent on Monday. The plant, which "
        "cost 62 billion tenge, was financed with a 48 billion tenge loan from the Development "
        "Bank of Kazakhstan. The production lines were supplied by Switzerland's Maillefer and "
        "Germany's Troester. Kazakhstan imported cables worth about $410 million last year, "
        "mostly from Russia, China and Uzbekistan.",
        False,
        [],
    ),
    (
        "a competition minister is no rival: the delegation he leads is a party",
        "Saudi Arabia, South Africa deepen ties",
        "Trade, industry and competition minister Parks Tau led a delegation of about 30 "
        "South African companies to Riyadh, where they signed deals worth about R3.2bn.",
        True,
        ["SAU", "ZAF"],
    ),
    (
        "two firms based in one city are no pair, whatever the background names",
        "Indian solar makers form cell joint venture",
        "Rashtriya Solar and Vardhan Power announced a joint venture on Wednesday to build a "
        "cell plant in Odisha. The joint venture will be one of the largest in eastern India, "
        "the two Mumbai-based companies said. India has been trying to cut its reliance on "
        "solar cells from China, and an anti-dumping duty on solar glass from China was "
        "imposed this year.",
        False,
        [],
    ),
    (
        "the speaker who says when it will build is the party; Nadi is in Fiji",
        "NZ hotel group to build Fiji resort",
        "Fiji's Prime Minister welcomed the support. On that front, Auckland-based hospitality "
        "group Kauri Coast Hotels said on Monday it would build a 180-room resort near Nadi.",
        True,
        ["FJI", "NZL"],
    ),
    (
        "an untitled story whose lead is a trade row quotes trade figures, no cooperation",
        "",
        "Uganda threatens to sue Kenya over milk import curbs. NAIROBI - Uganda has threatened "
        "to take Kenya to court over restrictions on its milk exports. Kenya imported milk "
        "worth Sh17.6 billion from Uganda last year, the statistics bureau said.",
        False,
        [],
    ),
    (
        "an airline named by its brand is its country's: Qatar Airways buys into RwandAir",
        "Qatar Airways takes stake in RwandAir",
        "Qatar Airways will buy a 49% stake in RwandAir for $120 million, the carriers said.",
        True,
        ["QAT", "RWA"],
    ),
    (
        "a government that announced a grant is its giver, not a speaker",
        "Dutch grant for Kenyan growers",
        "The Dutch government also announced a grant of €12 million to support smallholder "
        "growers in Nyandarua, Meru and Kirinyaga counties.",
        True,
        ["KEN", "NLD"],
    ),
    (
        "a rival the deal wins market share back from is no party",
        "Malaysian palm oil firms seal deals in Pakistan",
        "Malaysian palm oil producers have sealed supply deals worth RM2.3bil with Pakistani "
        "importers during a trade mission, as Malaysia seeks to win back market share from "
        "Indonesia.",
        True,
        ["MYS", "PAK"],
    ),
    (
        "what a reporter asked about is no fact",
        "Indian solar maker plans cell plant",
        "Rashtriya Solar will build a cell plant in Odisha, its managing director said. Asked "
        "whether the joint venture would license technology from suppliers in China and "
        "Germany, he said it had held talks but signed nothing.",
        False,
        [],
    ),
    (
        "an agreement to build what the sides pay for is economic",
        "Peru, Korea sign hospitals pact",
        "Peru and South Korea signed an agreement on Monday for the construction of eight "
        "hospitals.",
        True,
        ["KOR", "PER"],
    ),
    (
        "an FTA headline over a lead whose tariffs fall to zero",
        "PH-Korea FTA in force; DTI eyes $20-B trade by 2028",
        "The trade department expects the newly effective Philippines-Korea Free Trade "
        "Agreement to lift two-way trade with South Korea to $20 billion by 2028, as tariffs "
        "on Philippine bananas, processed fruit and auto parts fall to zero over five years.",
        True,
        ["KOR", "PHL"],
    ),
]


@pytest.mark.parametrize(
    ("name", "title", "text", "positive", "countries"), CASES, ids=[c[0] for c in CASES]
)
def test_classification(
    name: str, title: str, text: str, positive: bool, countries: list[str]
) -> None:
    result = classify(article(title, text))
    assert result.is_trade_cooperation is positive
    assert result.countries == countries
    assert 0.0 <= result.score <= 1.0
    assert result.reasons


def test_negative_articles_have_no_events() -> None:
    analysis = analyse(
        article(
            "US imposes new tariffs on Chinese steel",
            "The United States imposed tariffs on Chinese steel.",
        )
    )
    assert analysis.events == []


def test_competitors_are_not_parties() -> None:
    text = (
        "The Commercial Aircraft Corporation of China and United Aircraft Corporation of "
        "Russia have created a plan to develop a wide-body jet, potentially taking on "
        "dominant players such as Airbus and Boeing."
    )
    result = classify(article("", text))
    assert result.countries == ["CHN", "RUS"]
    assert result.sectors == [Sector.AEROSPACE]


def test_background_facts_of_third_countries_are_dropped() -> None:
    text = (
        "Chinese buyers booked 20 cargoes of Brazilian soybeans worth $600 million. "
        "Trade between Brazil and China reached $157.5 billion last year. "
        "U.S. soybean exports to China fell 12% to $20 billion in 2023."
    )
    result = classify(article("China books Brazilian soy", text))
    assert result.countries == ["BRA", "CHN"]


def test_deterministic() -> None:
    a = article(
        "India, Brazil sign trade pact", "India and Brazil signed a trade agreement on Monday."
    )
    assert analyse(a) == analyse(a)


# (name, title, text, types that must come out, types that must not)
TYPE_RULES = [
    (
        "talk of entering a market is not an office opening",
        "Vietnam, Korea sign farm trade pact",
        "Vietnam and South Korea signed an agreement on Monday on farm trade to help "
        "Vietnamese growers enter the Korean market.",
        {EventType.TRADE_AGREEMENT},
        {EventType.OFFICE_OPENING},
    ),
    (
        "an FTA or a CEPA signed is a trade agreement",
        "Peru, Thailand sign FTA",
        "Peru and Thailand on Tuesday signed an FTA that will cut tariffs on most goods.",
        {EventType.TRADE_AGREEMENT},
        {EventType.COMMERCIAL_DEAL},
    ),
    (
        "a deal whose sum belongs to the trade figure is an agreement",
        "Peru, Korea sign deals on mining as trade hits $3.1 billion",
        "Peru, Korea sign deals on mining as trade hits $3.1 billion.",
        {EventType.TRADE_AGREEMENT, EventType.TRADE_VOLUME},
        {EventType.COMMERCIAL_DEAL},
    ),
]


@pytest.mark.parametrize(
    ("name", "title", "text", "wanted", "unwanted"), TYPE_RULES, ids=[c[0] for c in TYPE_RULES]
)
def test_type_rules(
    name: str, title: str, text: str, wanted: set[EventType], unwanted: set[EventType]
) -> None:
    found = {e.event_type for e in analyse(article(title, text)).events}
    assert wanted <= found, (name, found)
    assert not unwanted & found, (name, found)


def test_a_figure_told_by_pronoun_alone_is_no_fact() -> None:
    text = (
        "Chile and India signed a trade agreement on Monday. "
        "In the first quarter it stood at $1.1 billion."
    )
    events = analyse(article("Chile, India sign trade pact", text)).events
    assert all(a.value != 1.1e9 for e in events for a in e.amounts)


@pytest.mark.parametrize(
    ("title", "cooperation"),
    [
        ("PH-Korea FTA in force; DTI eyes $20-B trade by 2028", True),
        ("India-Oman CEPA signed", True),
        ("Peso slides to record low", False),
        # investors cheering a market are no investment
        ("KSE-100 crosses 101,000 as investors cheer deposit rollover", False),
    ],
)
def test_a_trade_pacts_acronym_is_a_headlines_cooperation_word(
    title: str, cooperation: bool
) -> None:
    doc = Document.build("Officials spoke on Monday.", title=title, anchor=None)
    assert signals(doc).title_cooperation is cooperation
