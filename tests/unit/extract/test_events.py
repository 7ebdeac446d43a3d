"""Events: one per fact, typed and coded, with parties, roles, amounts, dates and evidence."""

from __future__ import annotations

from datetime import date

import pytest

from services.worker.extract import EXTRACTOR_NAME, EXTRACTOR_VERSION, analyse
from services.worker.extract.codes import codes_for
from services.worker.extract.ids import event_ids, lineage_key
from shared.models import (
    AmountMetric,
    ArrivalKind,
    Article,
    EntityKind,
    EventType,
    Role,
    TemporalRelation,
    TradeEvent,
)
from tests.unit.extract.articles import RECEIVED, article


def only_event(title: str, text: str, published: date | None = date(2024, 3, 1)) -> TradeEvent:
    events = analyse(article(title, text, published)).events
    assert len(events) == 1, [e.event_type for e in events]
    return events[0]


CODES = [
    (EventType.TRADE_AGREEMENT, False, "057", "AGREE"),
    (EventType.TRADE_AGREEMENT, True, "0311", "AGREE"),
    (EventType.COMMERCIAL_DEAL, False, "061", "COOPERATE"),
    (EventType.INVESTMENT, False, "061", "COOPERATE"),
    (EventType.JOINT_PROJECT, True, "0311", "COOPERATE"),
    (EventType.TRADE_VOLUME, False, "061", "COOPERATE"),
    (EventType.TRADE_TARGET, False, "0311", "COOPERATE"),
    (EventType.TRADE_MISSION, False, "042", "CONSULT"),
    (EventType.OFFICE_OPENING, True, "0311", "COOPERATE"),
    (EventType.OFFICE_OPENING, False, "061", "COOPERATE"),
    (EventType.ECONOMIC_AID, False, "071", "AID"),
    (EventType.ECONOMIC_AID, True, "0331", "AID"),
]


@pytest.mark.parametrize(("event_type", "intent", "cameo", "plover"), CODES)
def test_codes(event_type: EventType, intent: bool, cameo: str, plover: str) -> None:
    codes = codes_for(event_type, intent=intent)
    assert (codes.cameo, codes.plover_event) == (cameo, plover)
    assert codes.plover_context == ["economic"]


def test_meetings_are_consultations() -> None:
    codes = codes_for(EventType.TRADE_MISSION, intent=False, mission_mode="meet")
    assert (codes.cameo, codes.plover_mode) == ("040", "meet")


def test_event_ids_are_stable_and_count_same_facts() -> None:
    key = lineage_key(EventType.TRADE_AGREEMENT, ["RUS", "CHN", "CHN"])
    assert key == "trade_agreement|CHN,RUS"
    first = event_ids("art_0123456789abcdef0123", [key, key, "other"])
    again = event_ids("art_0123456789abcdef0123", [key, key, "other"])
    assert first == again
    assert len(set(first)) == 3
    assert all(i.startswith("evt_") for i in first)


def test_investment_with_region_amount_and_intent() -> None:
    event = only_event(
        "Toyota to invest in Mexico",
        "Toyota will invest $1.3 billion in a new plant in Mexico's Guanajuato state.",
    )
    assert event.event_type is EventType.INVESTMENT
    assert event.countries == ["JPN", "MEX"]
    roles = {p.name: (p.role, p.kind, p.country, p.subdivision) for p in event.participants}
    assert roles["Toyota"] == (Role.INVESTOR, EntityKind.COMPANY, "JPN", None)
    assert roles["Guanajuato"] == (Role.INVESTEE, EntityKind.REGION, "MEX", "MX-GUA")
    [amount] = event.amounts
    assert (amount.value, amount.currency, amount.metric) == (1.3e9, "USD", AmountMetric.INVESTMENT)
    assert event.codes.cameo == "0311"  # "will invest": an intention


def test_trade_figure_with_direction_and_period() -> None:
    event = only_event(
        "Kenya, Tanzania trade rebounds",
        "Kenya's exports to Tanzania rose to Sh52.3 billion in 2022, data showed.",
    )
    assert event.event_type is EventType.TRADE_VOLUME
    assert event.countries == ["KEN", "TZA"]
    roles = {p.country: p.role for p in event.participants}
    assert roles == {"KEN": Role.SELLER, "TZA": Role.BUYER}
    [amount] = event.amounts
    assert (amount.value, amount.currency, amount.metric) == (
        52.3e9,
        "KES",
        AmountMetric.TRADE_VOLUME,
    )
    assert event.when is not None
    assert (event.when.start, event.when.end) == (date(2022, 1, 1), date(2022, 12, 31))


def test_aid_donor_and_recipient() -> None:
    event = only_event(
        "Japan lends Bangladesh",
        "Japan extended a loan of 165 billion yen to Bangladesh on Tuesday.",
    )
    assert event.event_type is EventType.ECONOMIC_AID
    roles = {p.country: p.role for p in event.participants}
    assert roles == {"JPN": Role.DONOR, "BGD": Role.RECIPIENT}
    assert event.amounts[0].metric is AmountMetric.AID
    assert event.codes.cameo == "071"


def test_target_year_resolves_without_a_publication_date() -> None:
    event = only_event(
        "",
        "China and Russia aim to bring bilateral trade to 200 billion dollars by 2020.",
        published=None,
    )
    assert event.event_type is EventType.TRADE_TARGET
    assert event.amounts[0].metric is AmountMetric.TARGET
    assert event.when is not None
    assert event.when.relation is TemporalRelation.TARGET
    assert (event.when.start, event.when.end) == (date(2020, 1, 1), date(2020, 12, 31))


@pytest.mark.parametrize(
    "sentence",
    [
        "South Korea and Vietnam agreed Monday to expand bilateral trade to US$150 billion "
        "by 2030.",
        "India and Brazil on Tuesday set a target of taking their bilateral trade to USD 20 "
        "billion by 2030.",
    ],
)
def test_a_target_is_dated_by_its_deadline_not_the_day_it_was_set(sentence: str) -> None:
    event = only_event("", sentence)
    assert event.event_type is EventType.TRADE_TARGET
    assert event.when is not None
    assert event.when.relation is TemporalRelation.TARGET
    assert event.when.end == date(2030, 12, 31)


def test_a_fact_told_twice_is_one_event() -> None:
    text = (
        "Kenya and Tanzania signed a trade agreement on Friday to remove 14 barriers. "
        "The agreement was signed by Kenya's trade minister and Tanzania's industry minister "
        "in Namanga."
    )
    event = only_event("Kenya, Tanzania agree", text)
    assert event.event_type is EventType.TRADE_AGREEMENT
    assert event.confidence.score > 0.5
    assert "corroborated" in event.confidence.basis


def test_also_marks_a_second_fact() -> None:
    text = (
        "India and the UAE signed a bilateral investment treaty on Tuesday. "
        "The two sides also signed a memorandum of understanding on trade payments."
    )
    events = analyse(article("India, UAE sign treaty", text)).events
    assert [e.event_type for e in events] == [EventType.TRADE_AGREEMENT] * 2
    assert len({e.event_id for e in events}) == 2


def test_purchase_roles() -> None:
    text = (
        "Deals included the purchase of Russian agro-industrial products worth about "
        "500 million US dollars by China's Sichuan and Hubei provinces."
    )
    event = only_event("", text)
    assert event.event_type is EventType.COMMERCIAL_DEAL
    roles = {(p.country, p.subdivision): p.role for p in event.participants}
    assert roles == {
        ("RUS", None): Role.SELLER,
        ("CHN", "CN-SC"): Role.BUYER,
        ("CHN", "CN-HB"): Role.BUYER,
    }
    assert event.amounts[0].approximate is True


def test_evidence_offsets_and_provenance() -> None:
    text = "Share this article\nPara.\n\nVietnam Airlines signed a deal to buy 50 Boeing jets."
    analysis = analyse(article("Vietnam buys Boeing jets", text))
    [event] = analysis.events
    assert analysis.clean_text == "Para.\n\nVietnam Airlines signed a deal to buy 50 Boeing jets."
    ev = event.evidence
    assert analysis.clean_text[ev.start : ev.end] == ev.sentence
    assert event.extractor.name == EXTRACTOR_NAME
    assert event.extractor.version == EXTRACTOR_VERSION
    assert event.countries == ["USA", "VNM"]
    for p in event.participants:
        if p.span is not None:
            assert analysis.clean_text[p.span.start : p.span.end] == p.span.text


def test_event_ids_survive_small_edits() -> None:
    base = "Vietnam Airlines signed a deal on Monday to buy 50 Boeing jets."
    edited = "Vietnam Airlines on Monday signed a preliminary deal to buy 50 Boeing 737 jets."
    first = analyse(article("", base)).events
    second = analyse(article("", edited)).events
    # an article without url or guid is identified by its content; the same url keeps it
    same = [
        Article.build(
            title="",
            text=t,
            arrived_via=ArrivalKind.FILE,
            received_at=RECEIVED,
            url="https://news.example/vietnam-boeing",
        )
        for t in (base, edited)
    ]
    assert [e.event_id for e in analyse(same[0]).events] == [
        e.event_id for e in analyse(same[1]).events
    ]
    assert first and second


def test_negated_and_hedged_facts() -> None:
    assert (
        analyse(article("", "Kenya and Uganda failed to reach an agreement on sugar.")).events == []
    )
    events = analyse(article("", "Brazil and India could sign a trade deal next year.")).events
    assert all(e.confidence.score < 0.8 for e in events)


# (name, title, text, the fact's type, its countries, its first sum)
FACT_RULES = [
    (
        "a currency swap line between central banks is economic aid",
        "Brazil renews swap with China",
        "Brazil's central bank said on Monday it had renewed its currency swap line with "
        "the People's Bank of China, worth 190 billion yuan.",
        EventType.ECONOMIC_AID,
        ["BRA", "CHN"],
        (190e9, "CNY"),
    ),
    (
        "money provided in a foreign dollar is aid without the word aid",
        "New Zealand backs Fiji climate plan",
        "New Zealand would provide NZ$25 million over three years to Fiji for a new "
        "programme on climate resilience, the foreign minister said.",
        EventType.ECONOMIC_AID,
        ["FJI", "NZL"],
        (25e6, "NZD"),
    ),
    (
        "paying another country for services is a commercial deal",
        "Paraguay pays Brazil for power transit",
        "Paraguay paid Brazil about $300 million in electricity transit charges last year.",
        EventType.COMMERCIAL_DEAL,
        ["BRA", "PRY"],
        (300e6, "USD"),
    ),
    (
        "a country named as a route and then as a party stays a party",
        "Mali pays Senegal port fees",
        "Most of Mali's cotton moves through Senegal, and Mali paid Senegal about "
        "$90 million in port fees in 2023.",
        EventType.COMMERCIAL_DEAL,
        ["MLI", "SEN"],
        (90e6, "USD"),
    ),
    (
        "breaking ground on a project with a sum is an investment",
        "Toyota starts building in Poland",
        "Japan's Toyota broke ground in May on its $1.2 billion battery complex in Poland, "
        "which will employ 2,000 people.",
        EventType.INVESTMENT,
        ["JPN", "POL"],
        (1.2e9, "USD"),
    ),
    (
        "a company's order in a foreign capital is with that country",
        "Siemens wins Lima train order",
        "Siemens said Tuesday it has won a 900 million euro order to supply trains for a "
        "commuter line in Lima, its largest in South America.",
        EventType.COMMERCIAL_DEAL,
        ["DEU", "PER"],
        (900e6, "EUR"),
    ),
    (
        "a bare dollar is the story's own (a Canadian Press credit in another sentence)",
        "Canada, Mexico trade grows",
        "OTTAWA - Trade between Canada and Mexico reached $55.9 billion last year, a fraction "
        "of what each trades with the United States. The Canadian Press obtained the figure.",
        EventType.TRADE_VOLUME,
        ["CAN", "MEX"],
        (55.9e9, "CAD"),
    ),
    (
        "a signed contract to build something is a commercial deal",
        "Voltalia to build Kenya solar plants",
        "On Tuesday, French developer Voltalia signed a $400m contract with Kenya's energy "
        "ministry to build solar plants and mini-grids.",
        EventType.COMMERCIAL_DEAL,
        ["FRA", "KEN"],
        (400e6, "USD"),
    ),
    (
        "a firm only the headline ties to a country, investing where it opens an R&D centre",
        "Swedish robotics firm Aurvik opens Bengaluru R&D hub",
        "STOCKHOLM - Aurvik Robotics, the Vasteras-based maker of industrial robots, opened a "
        "research and development centre in Bengaluru on Wednesday and said it would invest "
        "SEK 350 million in India over the next three years.",
        EventType.INVESTMENT,
        ["IND", "SWE"],
        (350e6, "SEK"),
    ),
]


@pytest.mark.parametrize(
    ("name", "title", "text", "event_type", "countries", "first_sum"),
    FACT_RULES,
    ids=[case[0] for case in FACT_RULES],
)
def test_fact_rules(
    name: str,
    title: str,
    text: str,
    event_type: EventType,
    countries: list[str],
    first_sum: tuple[float, str],
) -> None:
    found = {e.event_type: e for e in analyse(article(title, text)).events}
    assert event_type in found, (name, sorted(found))
    event = found[event_type]
    assert event.countries == countries
    assert (event.amounts[0].value, event.amounts[0].currency) == first_sum
    assert EventType.JOINT_PROJECT not in found


@pytest.mark.parametrize(
    ("sentence", "opening"),
    [
        ("opened a research and development centre in Bengaluru", True),
        ("will open a chip design incubator in Ho Chi Minh City", True),
        ("set up a centre of excellence for logistics in Nairobi", True),
        ("opened a new trade center in Monterrey", True),
        ("will set up service centres across the country", False),
        ("will build 632 mechanisation service centres across the country", False),
    ],
)
def test_offices_that_are_centres(sentence: str, opening: bool) -> None:
    text = f"Japan's Kanto Holdings said on Monday it {sentence}, its first in the country."
    title = {"Bengaluru": "India", "Ho Chi Minh": "Vietnam", "Nairobi": "Kenya"}
    country = next((v for k, v in title.items() if k in sentence), "Ghana")
    events = analyse(article(f"Japan's Kanto Holdings expands in {country}", text)).events
    assert (EventType.OFFICE_OPENING in {e.event_type for e in events}) is opening


def test_a_figure_told_by_pronoun_continues_the_trade_figure() -> None:
    text = (
        "Trade between Chile and India reached $4.2 billion in 2023. "
        "In the first quarter of 2024 it stood at $1.1 billion."
    )
    events = analyse(article("Chile-India trade grows", text)).events
    figures = {e.amounts[0].value: e for e in events if e.event_type is EventType.TRADE_VOLUME}
    assert set(figures) == {4.2e9, 1.1e9}
    assert figures[1.1e9].countries == ["CHL", "IND"]
    assert figures[1.1e9].when is not None and figures[1.1e9].when.start == date(2024, 1, 1)


def test_a_firms_agreement_right_after_a_fact_is_its_signing() -> None:
    text = (
        "A Chinese battery maker will invest $300 million to build a factory in Hungary. "
        "CATL signed an agreement with Hungary's investment agency on Tuesday."
    )
    event = only_event("CATL to invest in Hungary", text)
    assert event.event_type is EventType.INVESTMENT
    assert event.countries == ["CHN", "HUN"]
    assert event.when is not None and event.when.start == date(2024, 2, 27)


def test_an_order_counted_in_words_takes_its_value_and_signing_day() -> None:
    # the count is in words, far from its noun; the value and the day come in the next
    # sentences; "scheduled" after the day's clause does not make Tuesday next week's
    text = (
        "Japan's Kanto Lines has placed an order for six 9,000 ceu LNG dual-fuel pure car and "
        "truck carriers at China's Jinling yard. The contract was signed on Tuesday in Tokyo, "
        "according to sources, with deliveries scheduled for 2028. Brokers put the value of "
        "the order in excess of $600m."
    )
    event = only_event("Kanto books car carriers at Jinling", text)
    assert (event.event_type, event.countries) == (EventType.COMMERCIAL_DEAL, ["CHN", "JPN"])
    assert [(a.value, a.currency) for a in event.amounts] == [(600e6, "USD")]
    assert event.when is not None and event.when.start == date(2024, 2, 27)


def test_a_past_verb_dates_its_weekday_in_the_past() -> None:
    # published on Friday 2024-03-01: "will" later in the sentence must not make it next week
    text = "Peru and Thailand on Tuesday signed a free trade agreement that will cut tariffs."
    when = only_event("Peru, Thailand sign FTA", text).when
    assert when is not None and when.start == date(2024, 2, 27)
    assert when.relation is TemporalRelation.OCCURRED


def test_a_past_verb_on_the_datelines_own_weekday_has_occurred() -> None:
    # published on Friday 2024-03-01: signed that Friday, though the deal "will" do things
    text = "Peru and Thailand signed on Friday a free trade agreement that will cut tariffs."
    when = only_event("Peru, Thailand sign FTA", text).when
    assert when is not None and when.start == date(2024, 3, 1)
    assert when.relation is TemporalRelation.OCCURRED


@pytest.mark.parametrize(
    ("later", "dated"),
    [
        ("The largest deal was signed by Ghana's GNPC and Brazil's Petrobras.", True),
        ("On the same day, Brazilian miner Vale said it would invest $40 million in Ghana.", True),
        ("Brazil's exports to Ghana reached $400 million last year.", False),
        (
            "The agreements were among documents exchanged at the Ghana – Brazil Business "
            "Forum, attended by 40 Brazilian companies.",
            True,
        ),
    ],
)
def test_signings_after_the_lead_take_its_day(later: str, dated: bool) -> None:
    # 2024-03-01 is a Friday: "on Tuesday" is 2024-02-27
    text = "Ghana and Brazil signed six agreements in Accra on Tuesday. " + later
    events = analyse(article("Ghana, Brazil sign deals", text)).events
    later_events = [e for e in events if e.evidence.start >= text.index(later)]
    assert later_events
    for event in later_events:  # each fact of the later sentence, the forum too
        assert (event.when is not None and event.when.start == date(2024, 2, 27)) is dated


# (name, text, a type the signing takes, types it does not)
SIGNED_TYPES = [
    (
        # the words read after a signing are whole words: "contracting" is no "contract"
        "a protocol covering contracting services is an agreement, not a contract",
        "Romania and Türkiye signed a protocol covering cooperation in trade, contracting "
        "services, energy and logistics.",
        EventType.TRADE_AGREEMENT,
        (EventType.COMMERCIAL_DEAL,),
    ),
    (
        "agreeing to speed up a bridge's construction is a joint project",
        "Thailand and Laos also agreed to speed up construction of the fifth Friendship "
        "Bridge linking Bueng Kan with Bolikhamxay province.",
        EventType.JOINT_PROJECT,
        (EventType.TRADE_AGREEMENT,),
    ),
    (
        "a foreign firm signing with a state government to build a plant invests",
        "Istanbul-based Kuzey Tekstil signed a memorandum with the Kaduna State Government "
        "to build an integrated cotton-to-garment plant in the state's Green Economic Zone.",
        EventType.INVESTMENT,
        (EventType.JOINT_PROJECT, EventType.COMMERCIAL_DEAL),
    ),
    (
        "a firm's agreement with a state government, to build a plant told past the trigger",
        "On the same day, POSCO International signed an agreement with the state government of "
        "Nuevo Leon to build an electrical steel processing plant in Apodaca, Mexico.",
        EventType.INVESTMENT,
        (EventType.COMMERCIAL_DEAL, EventType.JOINT_PROJECT),
    ),
    (
        "a set of agreements covering supplies among other areas is an agreement",
        "India and Saudi Arabia on Tuesday signed eight agreements covering fertiliser "
        "supplies, infrastructure finance, digital payments and standards.",
        EventType.TRADE_AGREEMENT,
        (EventType.COMMERCIAL_DEAL,),
    ),
    (
        "agreements and contracts signed by companies are deals",
        "At a business forum, companies from Vietnam and China signed 12 agreements and "
        "contracts in electronics, renewable energy and logistics.",
        EventType.COMMERCIAL_DEAL,
        (),
    ),
    (
        "agreements with a price signed by two countries' companies are deals",
        "Canadian and South Korean companies signed agreements worth a total of $2.4 billion "
        "on Tuesday during a trade mission to Seoul.",
        EventType.COMMERCIAL_DEAL,
        (EventType.TRADE_AGREEMENT,),
    ),
    (
        "agreements with a price signed by the two governments stay agreements",
        "Canada and South Korea signed agreements worth a total of $2.4 billion on Tuesday "
        "during a visit to Seoul.",
        EventType.TRADE_AGREEMENT,
        (EventType.COMMERCIAL_DEAL,),
    ),
    (
        "agreeing to work towards a trade figure is a target",
        "Oman and Tanzania agreed to work towards bilateral trade of $600 million by 2028.",
        EventType.TRADE_TARGET,
        (),
    ),
    (
        "agreeing to aim for a trade figure is a target",
        "India and Brazil agreed to aim for bilateral trade of USD 20 billion by 2030.",
        EventType.TRADE_TARGET,
        (EventType.TRADE_AGREEMENT,),
    ),
    (
        "two governments signing to build a railway make a joint project",
        "Kenya and Uganda signed a memorandum to build a standard gauge railway line "
        "between Naivasha and Kampala.",
        EventType.JOINT_PROJECT,
        (EventType.INVESTMENT,),
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "expected", "not_expected"),
    SIGNED_TYPES,
    ids=[case[0] for case in SIGNED_TYPES],
)
def test_fact_types_from_what_was_signed(
    name: str, text: str, expected: EventType, not_expected: tuple[EventType, ...]
) -> None:
    types = {e.event_type for e in analyse(article("Talks", text)).events}
    assert expected in types, (name, sorted(types))
    assert types.isdisjoint(not_expected), (name, sorted(types))


def test_the_agreement_signed_after_a_fact_is_its_signing_and_dates_it() -> None:
    text = (
        "Qatar Airways has agreed to acquire a 49 per cent stake in RwandAir. The share "
        "purchase agreement was signed in Kigali on Tuesday by Qatar Airways and Rwanda's "
        "minister of infrastructure."
    )
    events = analyse(article("Qatar Airways buys into RwandAir", text)).events
    assert [e.event_type for e in events] == [EventType.INVESTMENT]
    assert events[0].when is not None and events[0].when.start == date(2024, 2, 27)


def test_a_deal_is_dated_by_its_signing_day_not_its_delivery_period() -> None:
    text = (
        "Ghana's agriculture ministry and Morocco's OCP Africa signed a supply agreement. "
        "Under the agreement, signed in Accra on Wednesday by the ministry and OCP Africa, the "
        "Moroccan company will deliver 180,000 tonnes of fertiliser worth GH¢1.9 billion in "
        "the first half of 2024."
    )
    events = analyse(article("Ghana, Morocco sign fertiliser deal", text)).events
    deals = [e for e in events if e.event_type is EventType.COMMERCIAL_DEAL]
    assert deals
    assert all(e.when is not None and e.when.start == date(2024, 2, 28) for e in deals)


def test_an_agreement_reached_is_not_dated_by_the_target_it_serves() -> None:
    text = (
        "Cambodia and Thailand have agreed to upgrade the Stung Bot crossing into a permanent "
        "international checkpoint, in a bid to lift bilateral trade to 500 billion baht by "
        "2027. The agreements were reached at the 6th meeting of the Cambodia–Thailand Joint "
        "Trade Committee (JTC), held in Phnom Penh on Thursday."
    )
    events = analyse(article("Cambodia, Thailand agree", text, date(2025, 3, 14))).events
    found = {e.event_type: e for e in events}
    assert found[EventType.TRADE_TARGET].when is not None
    assert found[EventType.TRADE_TARGET].when.end == date(2027, 12, 31)
    agreement = found[EventType.TRADE_AGREEMENT]
    assert agreement.when is None or agreement.when.end != date(2027, 12, 31)
    mission = found[EventType.TRADE_MISSION]
    assert mission.when is not None and mission.when.start == date(2025, 3, 13)
