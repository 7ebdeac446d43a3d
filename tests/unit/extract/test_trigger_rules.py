"""Which trigger rule a sentence fires (data/triggers.json), with the scan `find_hits` runs."""

from __future__ import annotations

import pytest

from services.worker.extract.candidates import candidate_hits
from services.worker.extract.document import Document
from services.worker.extract.lexicon import trigger_rules
from services.worker.extract.triggers import raw_hits


def _fired(sentence: str) -> dict[str, str]:
    """Rule id -> the text it matched."""
    hits = raw_hits(sentence, sentence.lower(), 0, list(trigger_rules()))
    return {hit.rule.id: hit.text for hit in hits}


@pytest.mark.parametrize(
    ("sentence", "rule", "text"),
    [
        (
            "Japan is Vietnam's third-largest foreign investor, with registered capital "
            "totalling $77 billion.",
            "invest_verb",
            "third-largest foreign investor",
        ),
        (
            "Korea is Chile’s largest direct investor with $4 billion in projects.",
            "invest_verb",
            "largest direct investor",
        ),
        ("Seoul will invest $2 billion in Chile.", "invest_verb", "invest"),
        # a trade figure "made" a sum
        (
            "Exports of Kazakhstan to Uzbekistan made 2.1 billion dollars in nine months.",
            "trade_volume",
            "Exports of Kazakhstan to Uzbekistan made",
        ),
        # a few words between the investments and their verb
        (
            "Indian investments registered with TIC stand at 3.74 billion US dollars.",
            "investment_noun",
            "investments registered with TIC stand at ",
        ),
        (
            "Japanese investment realisation in Indonesia amounted to US$4.6 billion in 2023.",
            "investment_noun",
            "investment realisation in Indonesia amounted to ",
        ),
        ("Its cost has been put at $2.5 billion.", "cost_estimated", "cost has been put at"),
        # a contract awarded to a firm, named by what it covers
        (
            "Sedapal awarded on Wednesday the design and construction of the plant to a "
            "consortium led by the Spanish company Grupo Aqualis.",
            "award_to",
            "awarded",
        ),
        # a charter is a deal a later sentence values; projects registered by investors
        ("The charter is worth about $380m over its lifetime.", "reference", "The charter"),
        # a session of the two sides' joint economic body
        (
            "The two countries held the sixth session of their Joint Trade Committee (JTC).",
            "joint_commission",
            "session of their Joint Trade Committee",
        ),
        (
            "The talks followed the 11th meeting of the intergovernmental commission in Baku.",
            "joint_commission",
            "meeting of the intergovernmental commission",
        ),
        (
            "They agreed to work towards doubling their bilateral trade to USD 20 billion.",
            "raise_trade_to",
            "doubling their bilateral trade to",
        ),
        # a credit line raised to a new sum
        (
            "The Portuguese government has raised the credit line for projects in Angola from "
            "1.5 billion euros to 2 billion euros.",
            "raise_credit_line",
            "raised the credit line",
        ),
        # new projects announced, valued after the place
        (
            "Four Spanish hotel groups announced on Monday new projects in the Dominican "
            "Republic worth a combined 1.1 billion euros.",
            "announced_projects_worth",
            "announced on Monday new projects in the Dominican Republic worth",
        ),
        # direct investment from a country (no "foreign" before it)
        (
            "Direct investment from Spain reached US$312.6 million in 2024.",
            "investment_noun",
            "Direct investment from",
        ),
        # trade that "recorded" a sum; imports that "added up to" one
        (
            "Trade exchange between Egypt and Italy recorded $5.9 billion in seven months.",
            "trade_volume",
            "Trade exchange between Egypt and Italy recorded",
        ),
        (
            "Imports – led by machinery and vehicles – added up to about US$2 billion.",
            "trade_volume",
            "Imports – led by machinery and vehicles – added up to",
        ),
        # an export credit agency guaranteeing a loan
        (
            "UK Export Finance has guaranteed a £215 million commercial loan to Ghana.",
            "guarantee_loan",
            "guaranteed a £215 million commercial loan",
        ),
        # a lender's commitments in a country so far
        (
            "AFD’s commitments in Senegal had exceeded 1.2 billion euros over five years.",
            "aid_commitments",
            "commitments in Senegal had exceeded",
        ),
        (
            "The fund's commitments to Ghana since it began working in the country now stand at "
            "some AED 1.1 billion.",
            "aid_commitments",
            "commitments to Ghana since it began working in the country now stand at",
        ),
        (
            "Its development cooperation commitments with Colombia have exceeded €2 billion.",
            "aid_commitments",
            "commitments with Colombia have exceeded",
        ),
        # a donor's cumulative aid, told with a verb of amounting
        (
            "Australia's total development assistance to Timor-Leste is budgeted at $114.5 "
            "million in the current financial year.",
            "aid_noun",
            "assistance to Timor-Leste is budgeted at",
        ),
        (
            "New Zealand's total development cooperation with Fiji over the current three-year "
            "cycle amounts to about NZ$155 million.",
            "aid_noun",
            "development cooperation with Fiji over the current three-year cycle amounts to",
        ),
        # companies exhibiting at a fair, in the present tense
        (
            "48 Ecuadorian companies exhibit at the China International Import Expo.",
            "take_part",
            "exhibit",
        ),
        # one side's purchases from the other are its imports
        (
            "Ecuadorian purchases from China — mainly machinery — amounted to $4.1 billion.",
            "trade_volume",
            "purchases from China — mainly machinery — amounted to",
        ),
        # a board's approvals of one country's projects
        (
            "The BOI said that it approved PHP41.7 billion worth of Japanese-led projects.",
            "approved_worth_of",
            "approved PHP41.7 billion worth of Japanese-led projects",
        ),
        # contractors' projects abroad, valued after the place
        (
            "Turkish contractors have undertaken 124 projects in Romania with a total value of "
            "around $9.6 billion so far.",
            "projects_worth",
            "undertaken 124 projects in Romania with a total value of",
        ),
        (
            "Investors from the UAE have registered 142 projects worth $1.8 billion in Uganda.",
            "projects_worth",
            "registered 142 projects worth",
        ),
        # money spent to grow a plant, or on berths
        (
            "Hero will spend about Rs 640 crore to double capacity at its plant.",
            "spend_on_plant",
            "spend",
        ),
        (
            "JSW will spend a further €120 million on new berths at the port.",
            "spend_on_plant",
            "spend",
        ),
        (
            "BASF said it would spend $380 million to expand production at its sites in Puebla.",
            "spend_on_plant",
            "spend",
        ),
        (
            "Sahyadri said it would spend $620 million on a second motorcycle and engine plant.",
            "spend_on_plant",
            "spend",
        ),
        (
            "Mitsubishi will spend $2.3 billion on its share of a second phase at LNG Canada.",
            "spend_on_plant",
            "spend",
        ),
        (
            "The group plans to spend a further R250 million over the next three years to upgrade "
            "the refinery.",
            "spend_on_plant",
            "spend",
        ),
        # a new sum "brings" a donor's total aid to a figure
        (
            "It brings Japan’s total assistance to Ukraine since 2022 to about $12 billion.",
            "aid_noun",
            "brings Japan’s total assistance",
        ),
        # investment projects from a country, approved by an agency, "totaled" a sum
        (
            "Investment projects from China approved by the Council for the Development of "
            "Cambodia totaled 2.7 billion U.S. dollars in 2024.",
            "investment_noun",
            "Investment projects from China approved by the Council for the Development of "
            "Cambodia totaled ",
        ),
        # a business council's meeting is a business forum
        (
            "Deals were signed at a two-day Nigeria-India Business Council meeting.",
            "trade_mission",
            "Business Council meeting",
        ),
        (
            "They spoke at the 21st meeting of the Kazakh-Uzbek Business Council.",
            "trade_mission",
            "meeting of the Kazakh-Uzbek Business Council",
        ),
        # imports "cost" a sum
        (
            "Imports from the kingdom, mainly crude oil, cost Tk 9,850 crore in the period.",
            "trade_volume",
            "Imports from the kingdom, mainly crude oil, cost",
        ),
        # trade whose value someone "put at", fees paid, goods shipped "worth"
        (
            "Rwandan officials put bilateral trade at around Rwf62 billion in 2024.",
            "trade_put_at",
            "put bilateral trade at",
        ),
        (
            "Ethiopia pays Djibouti $1.2 billion a year in port, transit and logistics fees.",
            "pay_for_services",
            "pays Djibouti $1.2 billion a year in port, transit and logistics fees",
        ),
        (
            "Vietnam shipped phones, footwear, garments and rice worth $1.14 billion to Chile.",
            "exported_worth",
            "shipped",
        ),
        # nouns and costs that refer back to a fact told before
        (
            "The commitment, to be disbursed over five years, is worth $150 million.",
            "reference",
            "The commitment",
        ),
        ("The money — twelve million euros — will be channelled.", "reference", "The money"),
        ("The plant is slated to cost Rp 5.2 trillion.", "cost_reference", "is slated to cost"),
        (
            "Japan's development assistance commitments exceeding 3.5 trillion yen.",
            "aid_commitments",
            "assistance commitments exceeding",
        ),
        # a side's money "to the programme" told before: it adds to that fact
        (
            "Jogmec will contribute about ¥1.5bn to the programme.",
            "contribute_to_ref",
            "contribute",
        ),
        # a minister meeting the other side's business leaders
        (
            "Last month, Mexico's economy minister met Canadian business leaders in Toronto.",
            "met_business",
            "met Canadian business leaders",
        ),
        # money given to a named receiver "to help"
        (
            "New Zealand will give Fiji $30 million over three years to help strengthen roads.",
            "aid",
            "give ",
        ),
        (
            "Sweden will give Ukraine 1.2 billion Swedish kronor ($115 million) in civilian aid "
            "to repair energy infrastructure.",
            "aid",
            "give ",
        ),
        (
            "Together they are worth about $1.3 billion (around Rs363 billion), officials said.",
            "it_amounts_to",
            "Together they are worth",
        ),
        (
            "Imports from Ghana were much smaller, at N214.6 billion.",
            "trade_volume",
            "Imports from Ghana were much smaller, at",
        ),
        (
            "Bangladesh has decided to import 50,000 tonnes of parboiled rice from India.",
            "purchase",
            "import",
        ),
        # goods given under a grant named after them
        (
            "Japan will provide Jamaica with fire-fighting vehicles and disaster-response "
            "equipment under a grant signed in Kingston yesterday.",
            "aid",
            "provide Jamaica with fire-fighting vehicles and disaster-response equipment "
            "under a grant",
        ),
        (
            "BoI data show Japanese investment applications worth 42.8 billion baht.",
            "investment_noun",
            "investment applications",
        ),
        (
            "Kia, the South Korean carmaker, will expand its plant in Pesqueria.",
            "build_plant",
            "expand its plant",
        ),
        (
            "Kauri Coast Hotels would build a 180-room resort near Nadi.",
            "build_plant",
            "build a 180-room resort",
        ),
        # a side's contribution for the roads or the terminal of a joint project
        (
            "Guatemala will contribute 260 million quetzales for access roads and a bridge.",
            "contribute_to_build",
            "contribute",
        ),
        (
            "The Finnish government will contribute €45m for the terminal in Tornio.",
            "contribute_to_build",
            "contribute",
        ),
        (
            "JOGMEC will contribute up to 10 billion yen to the first stage of the exploration.",
            "contribute_to_build",
            "contribute",
        ),
        # a side that will fund a work
        (
            "The Dutch side will fund the pilot, estimated at ₹48 crore.",
            "financed",
            "fund",
        ),
        (
            "Officials estimated the value of the supply deal at $110 million.",
            "value_put_at",
            "estimated the value of the supply deal at",
        ),
        (
            "The company put the total outlay at $250 million.",
            "put_it_at",
            "put the total outlay at",
        ),
        (
            "Officials put the total, including investments made via third countries, at $7bn.",
            "put_it_at",
            "put the total, including investments made via third countries, at",
        ),
        (
            "An official told APA that it had been fixed at 13.5 billion dinars.",
            "said_it_amounts_to",
            "that it had been fixed at",
        ),
        (
            "An official told reporters that the total investment would come to $380 million.",
            "that_the_ref",
            "that the total investment",
        ),
        (
            "According to a source at the corporation, the value of the deal is $120 mln.",
            "reference",
            "According to a source at the corporation, the value",
        ),
        (
            "In all, Italy is making available 48 million euros for the programme.",
            "make_available_sum",
            "making available ",
        ),
        (
            "People familiar said the fund would pay around US$1.35 billion for the holding.",
            "pay_for_stake",
            "pay",
        ),
        (
            "Germany has provided Tanzania with more than 3 billion euros since the 1960s.",
            "aid",
            "provided Tanzania with ",
        ),
        # a sum told in reported speech after a longer lead, a possessive, or a quote
        (
            "Speaking to journalists after the ceremony, Jabłoński said the group's total "
            "commitment to the project would reach up to EUR 140 million by 2029.",
            "reference",
            "Speaking to journalists after the ceremony, Jabłoński said the group's total "
            "commitment",
        ),
        (
            "The Portuguese government official told journalists that the credit line totals "
            "200 million euros.",
            "reference",
            "The Portuguese government official told journalists that the credit line",
        ),
        (
            '"This facility of US$75 million comes on very favourable terms," he said.',
            "reference",
            '"This facility',
        ),
        (
            "The consignment is valued at about Sh6.1 billion ($47 million).",
            "reference",
            "The consignment",
        ),
        (
            "The Polish allocation in the new period amounts to 1.11 billion euros.",
            "reference",
            "The Polish allocation",
        ),
        (
            "Officials put the cost of the first phase at EGP 9.5bn (about $192m).",
            "value_put_at",
            "put the cost of the first phase at",
        ),
        (
            "The company estimates the cost of the plant at 140 million euros.",
            "value_put_at",
            "estimates the cost of the plant at",
        ),
        (
            "New Zealand's contribution is $28 million.",
            "contribution_is",
            "contribution is",
        ),
        (
            "The statistics centre put Omani exports to Tanzania at RO 38 million.",
            "put_trade_at",
            "put Omani exports to Tanzania at",
        ),
    ],
)
def test_rule_fires(sentence: str, rule: str, text: str) -> None:
    assert _fired(sentence).get(rule) == text


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        # a commitment to the project is no lender's commitments in a country
        (
            "He said the group's total commitment to the project would reach EUR 140 million.",
            "aid_commitments",
        ),
        # a name of three words is no reference to a fact
        (
            "Separately, the International Monetary Fund's board will review Bangladesh's "
            "$5.5 billion loan programme.",
            "reference",
        ),
        # money spent at home on what builds nothing
        ("The government will spend $1.2 billion on fertiliser subsidies.", "spend_on_plant"),
        ("Households spent $300 million on imported food.", "spend_on_plant"),
        # the ranking needs a sum after it, and a possessive before it
        ("Japan is Vietnam's largest investor by number of projects.", "invest_verb"),
        ("The largest investor, Japan, sent $5 billion.", "invest_verb"),
        ("Investors are interested in bonds.", "invest_verb"),
        ("Exports made the news in 2024.", "trade_volume"),  # no sum after "made"
        ("Investment realisation was slow, officials said.", "investment_noun"),
        ("The ministry awarded prizes to students.", "award_to"),
        # what a project will cost is no trade flow
        ("They will build an export hub, a project that will cost $95 million.", "trade_volume"),
        # supply as a market's noun is no sale
        ("Copper traded near $10,900 a tonne as supply disruptions in Chile hit.", "sell_supply"),
        ("Supply shortages in Peru lifted prices to $9,000 a tonne.", "sell_supply"),
        ("It will assemble 20,000 power supplies a year in Paraguay.", "sell_supply"),
        # cooperation is no co-operating of a plant
        ("They signed a memorandum on cooperation between the national archives.", "joint_dev"),
        ("The first meeting of the Joint Military Commission was held.", "joint_commission"),
        # a trade ministry that states a sum is no trade flow
        ("The loan, disclosed by the trade ministry, amounts to €90mn.", "trade_volume"),
        # a water supply is infrastructure, not a sale
        ("It will strengthen roads, water supply and drainage with $30 million.", "sell_supply"),
        # money committed to a lender "to expand loans" builds nothing
        ("BII committed US$50 million to Fidelity Bank to expand loans.", "contribute_to_build"),
        # importing in general, with no quantity bought, is no purchase
        ("Indonesia does not plan to import rice this year.", "purchase"),
        # a firm's own total revenue is no fact's total
        ("The utility's total revenue crossed NPR 100 billion for the first time.", "reference"),
        # a sum financed with one's own resources names the source, not a lender
        (
            "The package totals S/ 4,350 million, financed with Peruvian Treasury resources.",
            "financed",
        ),
    ],
)
def test_rule_does_not_fire(sentence: str, rule: str) -> None:
    assert rule not in _fired(sentence)


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Japan's Kanto will merge with India's Sarda Steel in a $2 billion deal.", "acquire"),
        ("Hyundai will set up a new production line in Chennai, India.", "build_plant"),
        ("Korea and Chile signed a co-operation to develop lithium refining.", "plan_to_develop"),
        ("Aurvik opened a research and development centre in Bengaluru.", "open_office"),
        ("BIDA will open a desk in Riyadh to handle queries from Saudi investors.", "open_office"),
        ("It brings Japan’s total assistance to Ukraine to about $12 billion.", "aid_noun"),
        ("The BOI approved PHP41.7 billion worth of Japanese-led projects.", "approved_worth_of"),
        ("Mexico's minister met Canadian business leaders in Toronto.", "met_business"),
    ],
)  # fmt: skip
def test_the_article_scan_tries_the_rule(sentence: str, rule: str) -> None:
    """The rule's anchor stems let the article scan reach it (a missing anchor hides it)."""
    hits = candidate_hits(Document.build(sentence, title="", anchor=None))
    assert rule in {hit.rule.id for found in hits.values() for hit in found}


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        # what the signing is for comes after the other signer's long name
        (
            "Malawi's NOCMA signed a one-year agreement with the Tanzania Petroleum Development "
            "Corporation (TPDC) for the supply of diesel and petrol.",
            "commercial_deal",
        ),
        (
            "Masdar also signed an agreement with the Public Utilities Corporation to build a "
            "10 megawatt floating solar farm at Providence lagoon.",
            "joint_project",
        ),
    ],
)
def test_a_signing_is_typed_by_what_it_is_for(sentence: str, event_type: str) -> None:
    hits = raw_hits(sentence, sentence.lower(), 0, list(trigger_rules()))
    assert [h.type for h in hits if h.rule.id == "sign_active"] == [event_type]
