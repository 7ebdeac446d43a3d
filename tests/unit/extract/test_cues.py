"""Economic-conflict and topic cues, sentence by sentence (data/cues.json)."""

from __future__ import annotations

import pytest

from services.worker.extract.clauses import conflict_in, domain_in
from services.worker.extract.document import Document


@pytest.mark.parametrize(
    ("sentence", "conflict"),
    [
        ("Türkiye halts all trade with Israel until a ceasefire", True),
        ("Ukraine suspends rapeseed, soybean export licences ahead of new 10% duty", True),
        ("Zimbabwe to ban lithium concentrate exports from 2027", True),
        ("Mexico proposes tariffs of up to 50% on Chinese cars", True),
        ("an arbitration court ordered Ankara to pay $1.5 billion in damages", True),
        # liberalising, or a tariff that is a price
        ("EU agrees to suspend tariffs on Ukrainian imports", False),
        ("EU to suspend duties on Ukrainian imports for a year", False),
        ("The two countries agreed to cut tariffs on farm goods", False),
        ("The PTA has covered only about 450 tariff lines on each side since 2009", False),
        ("they agreed on the tariff of the Itaipú hydroelectric dam until 2027", False),
        # barriers other than tariffs are what cooperation resolves, not a tariff itself
        ("agreed to raise trade to $40 billion by 2030 by resolving non-tariff barriers", False),
        ("Kenya and Uganda agree to lift curbs", False),
        # a conflict cue in a concessive phrase is background to what the clause reports
        ("German companies pledge billions for Mexico despite US tariff uncertainty", False),
        ("Firms stay in Mexico in spite of the tariff threats from Washington", False),
        ("Exports slump as US tariffs bite", True),
        # a liberalising word counts in the cue's own clause only
        ("Garment factories cut shifts as 19 percent US tariff kicks in", True),
        # a tariff the clause goes on to remove, past a list of what it is on
        ("as tariffs on Philippine bananas, processed fruit and auto parts fall to zero", False),
        ("duties on Korean cars, parts and machinery will be phased out by 2030", False),
        ("tariffs on Philippine bananas, fruit and auto parts rose to 30 percent", True),
        ("Sahel junta bloc slaps levy on imports from West African neighbours", True),
        # cooperation undone
        ("Malawi: US Pulls Plug On U.S.$350 Million MCC Transport Compact", True),
        ("Abu Dhabi port operator pulls out of $800m Bay Terminal deal", True),
        ("Australian miner exits P12-billion Palawan nickel venture", True),
        ("New Zealand pauses $18.2m in funding to Cook Islands", True),
        ("Tanzania bans maize, rice exports as prices soar", True),
        ("Belgium freezes €95m aid programme as Kigali cuts ties", True),
        ("Chinese investor pulls out of $280 million logistics hub", True),
        ("Australia-EU free trade talks collapse again over beef", True),
        ("Brazil ended the gas supply deal with Bolivia", True),
        ("Petronas will not move ahead with the Argentina LNG project", True),
        ("Brazilian miner denies talks to buy stake in Catamarca copper project", True),
        ("US gives Chevron 30 days to wind down Venezuela operations as license revoked", True),
        ("Trump revoked the license that had allowed the oil major to pump crude", True),
        ("Azerbaijan's SOCAR denies plan to buy stake in Greek gas grid operator", True),
        ("The company denied reports that it would sell the plant", True),
        # "the end of" a visit is when something was said, not a visit called off
        ("the minister said at the end of a two-day visit to the archipelago", False),
        # a forum that "ends with agreements" ended well
        ("Turkmen-Turkish business forum ends with agreements worth 1.3 billion", False),
        # cues whose first word is not one of the older anchors
        ("The EU applied its anti-subsidy rules to Indonesian steel", True),
        ("Millers warned that higher taxes on sugar would hurt them", True),
        ("Ottawa will mount a challenge at the World Trade Organization", True),
        ("The central bank froze assets of three exporters", True),
        ("Lagos imposed additional taxes on imported rice", True),
    ],
)
def test_conflict_in(sentence: str, conflict: bool) -> None:
    assert conflict_in(sentence) is conflict
    # the article-level scan (anchor stems at a word's start) finds what the sentence test finds
    found = _document(sentence).topic_sentences("conflict")
    assert (0 in found) is conflict


def _document(sentence: str) -> Document:
    return Document.build(sentence, title="", anchor=None)


@pytest.mark.parametrize(
    ("sentence", "domain"),
    [
        ("Emirates NBD nine-month profit rises 15% to AED 19.5bn", "earnings"),
        ("Petrobras swings to Q2 loss on tax settlement", "earnings"),
        ("Renault swings back to profit but warns of tougher 2026", "earnings"),
        ("ASX closes higher as miners rally on China trade data", "stocks"),
        ("Wall Street closes sharply lower", "stocks"),
        ("ASIA RICE-Thai prices hit near 10-year low as Indian supplies weigh", "stocks"),
        ("KSE-100 crosses 101,000 as investors cheer deposit rollover", "stocks"),
        ("Codelco reported a 3% drop in first-quarter pretax profit", "earnings"),
        ("Indian, Saudi navies begin maritime exercise off Jubail", "military"),
        ("Armenia signs contract with France for additional CAESAR howitzers", "military"),
        ("Gulf debt sales hit January record as Saudi issuers tap sukuk market", "stocks"),
        # cues whose first word is not one of the older anchors
        ("Foreign investors have returned to Nigerian debt markets", "stocks"),
        ("Thailand cut its policy rate to 1.75% in April", "macro"),
        ("Fuel prices rose for a third month", "macro"),
        ("Botswana's diamond sales fell by 30 per cent last year", "earnings"),
        ("The firm reported an operating loss of SEK 56 million", "earnings"),
        ("Japan winger joins Bundesliga's Wolfsburg from Feyenoord", "sport"),
        ("US sanctions firms over drone parts", "military"),
        ("Indonesia has more than 2,100 cinema screens", "cultural"),
        ("The lender beat analysts' estimates, it said", "earnings"),
        ("SQM Profit Beats Estimates as Lithium Volumes Offset Weak Prices", "earnings"),
        ("The carmaker posted a loss in Europe", "earnings"),
        ("Asian indices fell as the blue-chip CAC 40 slipped", "stocks"),
        ("The purchasing managers' index rose to 52.1", "macro"),
        ("The package includes ammunition and artillery shells", "military"),
        (
            "$45 million under the Global Peace Operations Initiative, including barracks",
            "military",
        ),
        ("Mongolia has deployed more than 23,000 peacekeepers since 2002", "military"),
        ("Athletes from both countries will compete in Hanoi", "cultural"),
        ("Retailers expect record 11.11 sales this year", "shopping"),
        ("Net international reserves fell to about US$ 1.98 billion in March", "macro"),
        ("The crisis cost the economy an estimated $7.5 billion", "macro"),
        ("Kenya’s public debt stood at Sh11.8 trillion at the end of May", "macro"),
        ("The national debt rose again in March", "macro"),
        ("BOK holds key rate at 2.5% for 4th straight time", "macro"),
        ("The RBI left the repo rate unchanged on Friday", "macro"),
        ("Egyptian pound slips past 51 per dollar as investors trim T-bill holdings", "stocks"),
        ("The Egyptian pound weakened past 51 to the dollar on Wednesday", "stocks"),
        ("The dollar rose against the yen in Tokyo", "stocks"),
    ],
)
def test_topic_cues(sentence: str, domain: str) -> None:
    assert domain_in(sentence, domain)
    # the article-level scan (anchor stems at a word's start) finds it too
    assert 0 in _document(sentence).topic_sentences(domain)


@pytest.mark.parametrize(
    "sentence",
    [
        "Hero will spend Rs 640 crore on its plant, the company said in a stock exchange filing",
        "Alstom will supply rolling stock for the Cairo metro",
    ],
)
def test_stock_that_is_no_market(sentence: str) -> None:
    assert not domain_in(sentence, "stocks")


def test_cooperation_headline_has_no_topic() -> None:
    title = "Kazakhstan, China sign 70 deals worth $15 billion"
    assert not any(domain_in(title, d) for d in ("earnings", "stocks", "military", "cultural"))
    assert not conflict_in(title)


@pytest.mark.parametrize(
    "sentence",
    [
        "According to the Central Bank of the Dominican Republic, direct investment from Spain "
        "reached US$312.6 million in 2024",
        "Figures from the central bank show Japanese investment of $2 billion last year",
    ],
)
def test_a_central_bank_cited_as_a_source_is_no_macro_story(sentence: str) -> None:
    assert not domain_in(sentence, "macro")
    assert domain_in("The central bank raised its key rate", "macro")
