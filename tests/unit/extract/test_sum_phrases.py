"""Sums told by a noun phrase or a relative clause, not a verb of their own (one fact each)."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.worker.extract import analyse
from services.worker.extract.amounts import find_amounts
from services.worker.extract.drafts import _add_money
from shared.models import EventType
from shared.textformat import parse_plain_article
from tests.unit.extract.articles import article


def sums_by_type(title: str, text: str) -> dict[EventType, set[tuple[float, str]]]:
    out: dict[EventType, set[tuple[float, str]]] = {}
    for event in analyse(article(title, text)).events:
        found = out.setdefault(event.event_type, set())
        found.update((a.value, a.currency) for a in event.amounts if a.currency is not None)
    return out


# (name, title, text, the fact's type, a sum it must carry)
CASES = [
    (
        "trade 'of' a sum, with no verb",
        "Chile and Korea deepen ties",
        "Korea is Chile's fourth-largest partner, with bilateral trade of around "
        "8.2 billion dollars last year, customs data show.",
        EventType.TRADE_VOLUME,
        (8.2e9, "USD"),
    ),
    (
        "investors who registered a sum",
        "Japan's JETRO opens Can Tho office",
        "JETRO opened an office in Can Tho on Monday. Japanese investors have registered $2.1 "
        "billion in 190 projects in Vietnam's Mekong Delta provinces as of October.",
        EventType.INVESTMENT,
        (2.1e9, "USD"),
    ),
    (
        "cumulative investment that amounts to a sum",
        "German supplier expands in Mexico",
        "German auto supplier Kessler will build a plant in Guanajuato, Mexico. Cumulative "
        "German foreign direct investment in Mexico since 1999 amounts to more than US $38 "
        "billion, the chamber said.",
        EventType.INVESTMENT,
        (38e9, "USD"),
    ),
    (
        "loans and grants that made up a sum",
        "Japan extends Philippine rail loan",
        "Japan signed a loan of 230 billion yen with the Philippines for a railway on Monday. "
        "Japanese loans and grants to the Philippines made up $11 billion as of end-2023.",
        EventType.ECONOMIC_AID,
        (11e9, "USD"),
    ),
    (
        "a relative clause tells the trade noun's sum",
        "Ghana, Togo agree border market",
        "Trade turnover between Ghana and Togo, which was put at 410 million dollars in "
        "2024, is dominated by fuel and cement.",
        EventType.TRADE_VOLUME,
        (410e6, "USD"),
    ),
    (
        "sales to a country named once complete the article's pair",
        "Peru sends avocados to Korea",
        "Peru's avocado growers signed a supply pact with Korean importers. Sales to Korea "
        "totalled about 90 million dollars last season.",
        EventType.TRADE_VOLUME,
        (90e6, "USD"),
    ),
    (
        "trade with a country named once completes the pair too",
        "Laos opens new crossing to Thailand",
        "Laos and Thailand opened a fourth bridge on the Mekong on Monday. Border trade "
        "through the four crossings with Thailand was worth $5.1 billion last year.",
        EventType.TRADE_VOLUME,
        (5.1e9, "USD"),
    ),
    (
        "registered capital of a country's investors is an investment stock",
        "Korea, Vietnam upgrade ties",
        "Korean investors had 10,000 projects in Vietnam with total registered capital of "
        "87 billion dollars by the end of May, the ministry said.",
        EventType.INVESTMENT,
        (87e9, "USD"),
    ),
    (
        "contractors' projects worth a sum are commercial deals",
        "Turkish builders eye Kenya",
        "Turkish contractors have undertaken projects worth $2.4 billion in Kenya so far, "
        "the Turkish Trade Ministry said.",
        EventType.COMMERCIAL_DEAL,
        (2.4e9, "USD"),
    ),
    (
        "a soft loan 'of' a sum is aid",
        "Kuwait fund backs Jordan water",
        "The Kuwait Fund signed with Jordan a package that includes a soft loan of "
        "JD 70 million for a water pipeline.",
        EventType.ECONOMIC_AID,
        (70e6, "JOD"),
    ),
    (
        "paying another country for its energy is a commercial deal",
        "Nepal sells power to Bangladesh",
        "Bangladesh paid Nepal about $12 million last year for electricity delivered "
        "through the Indian grid.",
        EventType.COMMERCIAL_DEAL,
        (12e6, "USD"),
    ),
    (
        "a 'while' clause names the parties of its own deal",
        "Norway and Germany widen energy partnership",
        "Norway and Germany signed an energy partnership on Wednesday, while Equinor and "
        "the German utility RWE announced a contract for the supply of power worth an "
        "estimated 11 billion kroner a year.",
        EventType.COMMERCIAL_DEAL,
        (11e9, "NOK"),
    ),
    (
        "a subject before a relative clause is the party of its predicate",
        "Thai cement maker expands in Sri Lanka",
        "Sri Lanka and Thailand signed a free trade agreement on Monday. Thailand's Siam "
        "Cement Group, which already operates a plant in Puttalam, has pledged a further "
        "Rs. 14.7 billion for a new building products facility.",
        EventType.ECONOMIC_AID,
        (14.7e9, "LKR"),
    ),
    (
        "a company that says it will put money in is the party, not a speaker aside",
        "Japan, Uzbekistan sign fertilizer deals",
        "Japan and Uzbekistan signed loan agreements on Monday. Separately, Toyota Tsusho "
        "Corp. said it will put $95 million into a joint venture in Uzbekistan.",
        EventType.INVESTMENT,
        (95e6, "USD"),
    ),
    (
        "'it amounted to' continues a sentence that names the trade's two sides",
        "Montenegro courts Gulf investors",
        "Montenegro and the UAE signed an investment agreement on Tuesday for a resort in "
        "Ulcinj. Trade between Montenegro and the UAE is modest. According to the statistical "
        "office Monstat, it amounted to only €14.2 million last year.",
        EventType.TRADE_VOLUME,
        (14.2e6, "EUR"),
    ),
    (
        "a trading partner 'with total trade of' a sum",
        "Malaysia, Germany eye chips",
        "Germany was Malaysia's largest trading partner in the European Union last year, "
        "with total trade of RM72.9bil.",
        EventType.TRADE_VOLUME,
        (72.9e9, "MYR"),
    ),
    (
        "an investment stock that exceeds a sum",
        "China, Ethiopia sign grant deal",
        "China and Ethiopia signed a grant agreement on Monday. Chinese investment stock in "
        "Ethiopia exceeds 3 billion dollars, the embassy said.",
        EventType.INVESTMENT,
        (3e9, "USD"),
    ),
    (
        "Barbados and Guyana dollars by their own signs",
        "Ghana drugmaker picks Barbados",
        "Ghanaian pharmaceutical company Ernest Chemists will invest BDS$12 million in a "
        "distribution hub in Barbados.",
        EventType.INVESTMENT,
        (12e6, "BBD"),
    ),
    (
        "a headline's 'US$ 120 m' names a currency, not the United States",
        "Thai investors pledge US$ 120 m as SLTFTA tariff cuts deepen",
        "Thai conglomerate Charoen Pokphand Group announced plans to invest US$ 120 million "
        "in a feed mill in Sri Lanka, as Sri Lanka and Thailand cut tariffs under their FTA.",
        EventType.INVESTMENT,
        (120e6, "USD"),
    ),
    (
        "earnings from one good's sales to the other side",
        "Kenya, Egypt sign tea and drugs deals",
        "Kenya and Egypt signed five agreements on Monday. Kenya earned Sh43.6 billion from "
        "tea sales to Egypt last year, the Tea Board said.",
        EventType.TRADE_VOLUME,
        (43.6e9, "KES"),
    ),
    (
        "investments 'exceeding' a sum",
        "Kuwait fund lends Egypt",
        "Kuwait signed a loan agreement with Egypt on Sunday. Kuwait is among the largest "
        "Arab investors in Egypt, with investments exceeding USD 20 billion.",
        EventType.INVESTMENT,
        (20e9, "USD"),
    ),
    (
        "money released as a tranche of aid",
        "India, Bhutan open rail link",
        "India and Bhutan opened their first rail link on Friday. India had released "
        "Rs 1,500 crore to Bhutan as the first tranche of its assistance.",
        EventType.ECONOMIC_AID,
        (1.5e10, "INR"),
    ),
    (
        "a Straits Times bare dollar beside a written US$ is Singapore's",
        "Singapore, Indonesia leaders meet",
        "Singapore and Indonesia agreed on a $4.1 billion solar export project on Monday, "
        "and Singapore's GIC will co-invest up to US$2 billion in Indonesia.",
        EventType.TRADE_AGREEMENT,
        (4.1e9, "SGD"),
    ),
    (
        "Thai baht written Bt",
        "Thai retailer expands in Vietnam",
        "Thailand and Vietnam agreed to deepen trade ties on Monday. Thai retailer Siam "
        "Retail Holdings said it would invest a further Bt9 billion in Vietnam.",
        EventType.INVESTMENT,
        (9e9, "THB"),
    ),
    (
        "one side's deal whose sum the next sentence tells takes the pair's other side",
        "Peru awards tunnel to Chinese group",
        "Peru and China signed a memorandum on mining on Monday. A group led by China Railway "
        "Tunnel Group signed the concession for the Lima ring road tunnel. The contract is "
        "worth 2.1 billion soles, the transport ministry said.",
        EventType.COMMERCIAL_DEAL,
        (2.1e9, "PEN"),
    ),
    (
        "paying a sum for a lease is a commercial deal",
        "Togo gives Burkina port space",
        "Togo and Burkina Faso signed a transit agreement on Monday. Burkina Faso's shippers' "
        "council will pay CFA 3.2 billion for the lease of a dry port in Lome.",
        EventType.COMMERCIAL_DEAL,
        (3.2e9, "XOF"),
    ),
    (
        "a contract between two named sides, its sum in the next sentence",
        "Ghana picks Brazilian builder",
        "Ghana and Brazil signed a trade pact on Tuesday. The largest deal was a contract "
        "between Ghana Highway Authority and Brazilian builder Andrade Obras. The contract "
        "sum is GH₵2.4 billion, officials said.",
        EventType.COMMERCIAL_DEAL,
        (2.4e9, "GHS"),
    ),
    (
        "'a sum grant' is aid",
        "Korea, Rwanda sign grants",
        "Korea and Rwanda signed two agreements in Kigali. The second agreement is a "
        "$15 million grant from Korea to Rwanda for vocational schools.",
        EventType.ECONOMIC_AID,
        (15e6, "USD"),
    ),
    (
        "development assistance 'estimated at' a sum",
        "New Zealand steps up Tonga support",
        "New Zealand and Tonga signed a partnership on Monday. New Zealand is Tonga's second "
        "largest partner, with development assistance estimated at NZ$84 million this year.",
        EventType.ECONOMIC_AID,
        (84e6, "NZD"),
    ),
    (
        "'committed' before a letter-prefixed sum",
        "Australia funds Vanuatu wharf",
        "Australia and Vanuatu signed two agreements on Monday. Australia committed "
        "VT1.2 billion towards the Port Vila wharf, the ministry said.",
        EventType.INVESTMENT,
        (1.2e9, "VUV"),
    ),
    (
        "'The work is worth' tells the sum of the contract before it",
        "Oman, Egypt firms sign port deal",
        "Oman's Asyad and Egypt's Suez Canal authority signed a contract for the third phase "
        "of the Sokhna terminal. The work is worth about $310 million, an official said.",
        EventType.COMMERCIAL_DEAL,
        (310e6, "USD"),
    ),
    (
        "'provided X with' a sum is aid",
        "UK, Jamaica sign road grant",
        "The UK and Jamaica signed a grant agreement on Monday. To date, the UK has provided "
        "Jamaica with £40 million through the infrastructure fund.",
        EventType.ECONOMIC_AID,
        (40e6, "GBP"),
    ),
    (
        "a firm's 'It will spend' on new lines abroad is its investment",
        "Korean steelmaker expands in Australia",
        "Australia and Korea signed a critical minerals pact. Korean steelmaker Posco said it "
        "had picked Port Hedland for a new plant. It will spend US$900 million over four "
        "years on new processing lines at the site.",
        EventType.INVESTMENT,
        (900e6, "USD"),
    ),
    (
        "a capital injection, its sum told by 'The injection'",
        "Taiwan chipmaker adds capital in Japan",
        "Taiwan's UMC approved a fresh capital injection into its Japanese unit in Mie. The "
        "injection will amount to as much as US$1.3 billion, the company said.",
        EventType.INVESTMENT,
        (1.3e9, "USD"),
    ),
    (
        "'Their combined value' is the sum of the deals just told",
        "Thai, Vietnamese firms sign deals",
        "Thailand and Vietnam held a business forum in Hanoi, where companies from the two "
        "countries signed 15 contracts. Their combined value was put at about $700 million.",
        EventType.COMMERCIAL_DEAL,
        (700e6, "USD"),
    ),
    (
        "one side's exports with a long list of goods before the verb",
        "Kenya, Uganda trade grows",
        "Kenya and Uganda signed a trade pact on Monday. Kenya's exports to Uganda, mainly "
        "steel products, edible oils, cement, pharmaceuticals, sugar and tea, were worth "
        "KSh95.2 billion in 2024.",
        EventType.TRADE_VOLUME,
        (95.2e9, "KES"),
    ),
    (
        "a joint firm's authorized capital",
        "Kazakh, Turkish railways form venture",
        "Kazakhstan and Türkiye signed 20 agreements. Kazakhstan Temir Zholy and Turkish "
        "operator TCDD agreed to set up a joint logistics company with authorized capital of "
        "15 billion tenge.",
        EventType.INVESTMENT,
        (15e9, "KZT"),
    ),
    (
        "a project's cost 'is estimated at' after its agreement",
        "Romania, Moldova sign bridge deal",
        "Romania and Moldova signed an agreement to jointly build a new bridge over the Prut. "
        "Its total cost is estimated at EUR 90 million.",
        EventType.JOINT_PROJECT,
        (90e6, "EUR"),
    ),
    (
        "money 'deployed in' another country",
        "Qatar fund bets on India",
        "India and Qatar signed an investment pact. The Qatar Investment Authority confirmed "
        "that it would deploy $5 billion in Indian ports and data centres.",
        EventType.INVESTMENT,
        (5e9, "USD"),
    ),
    (
        "an agreement's value told in the next sentence by the thing agreed",
        "Chinese builder signs Egypt zone deal",
        "China's CSCEC signed an agreement with Egypt's canal authority on Tuesday to develop "
        "the first phase of an industrial zone near Sokhna. The first phase represents an "
        "investment of EGP 40 billion.",
        EventType.TRADE_AGREEMENT,
        (40e9, "EGP"),
    ),
    (
        "trade 'between both countries' is the pair's, whoever the clause names after it",
        "India, Nigeria sign crude deal",
        "India and Nigeria signed a crude supply contract on Tuesday. Bilateral trade between "
        "both countries stood at $11.8 billion in 2025, down from $13.6 billion in 2023 as "
        "India imported more Russian oil.",
        EventType.TRADE_VOLUME,
        (11.8e9, "USD"),
    ),
    (
        "a negation before a colon does not reach the sum told after it",
        "Egypt orders Hungarian coaches",
        "Egyptian National Railways signed a contract on Tuesday with a Hungarian consortium "
        "for 350 passenger coaches. A cabinet statement gave the figure the ministry had "
        "declined to announce at the ceremony: the order is worth €780 million.",
        EventType.COMMERCIAL_DEAL,
        (780e6, "EUR"),
    ),
    (
        "a credit 'facility' whose sum officials gave later",
        "Hungary lends Egypt for coaches",
        "Hungary's Eximbank will lend Egypt the bulk of the contract price over 15 years, "
        "under a tied credit agreement the two governments initialled on Tuesday. Officials "
        "in Budapest later said the facility would amount to about €660 million.",
        EventType.ECONOMIC_AID,
        (660e6, "EUR"),
    ),
    (
        "one side's deal, a sentence between, then 'officials later said it amounted to'",
        "Poland, Ukraine back rebuilding",
        "Polish road builder Mostostal Lubelski signed a contract with the Zhytomyr regional "
        "administration to rebuild a road bridge. The contract is the first to use the KUKE "
        "cover. Its value was not disclosed at the ceremony; the regional administration later "
        "said it amounted to about 1.1 billion hryvnias.",
        EventType.COMMERCIAL_DEAL,
        (1.1e9, "UAH"),
    ),
    (
        "'people familiar said it was' a sum, after an order of undisclosed value",
        "Japanese firms win Turkmen fertilizer plant order",
        "A consortium led by Japan's Nishikawa Shoji has won an order from Turkmenistan's state "
        "chemical company for an ammonia and urea complex. The companies declined to disclose the "
        "value of the order. People familiar with the matter said it was around 250 billion "
        "yen ($1.6 billion).",
        EventType.COMMERCIAL_DEAL,
        (250e9, "JPY"),
    ),
    (
        "'told APA that it had been fixed at' a sum",
        "Nigeria, Algeria set up pipeline company",
        "Nigeria and Algeria on Tuesday signed a shareholders' agreement setting up a joint "
        "company to develop the Trans-Saharan Gas Pipeline. Its initial share capital was not "
        "announced at the signing, but an Algerian energy ministry official told APA on "
        "Wednesday that it had been fixed at 13.5 billion dinars.",
        EventType.JOINT_PROJECT,
        (13.5e9, "DZD"),
    ),
    (
        "ground broken on a factory, then 'put the total outlay at'",
        "Turkish appliance maker builds plant in Mexico",
        "Turkish white goods manufacturer Ege Beyaz Esya broke ground on Monday on a "
        "refrigerator and washing machine factory in the northern Mexican state of Nuevo Leon. "
        "The company put the total outlay at $250 million, spread over three years.",
        EventType.INVESTMENT,
        (250e6, "USD"),
    ),
    (
        "'put the total investment at': the investment, not a part of a total",
        "South African firm to build Ethiopian fertiliser plant",
        "South Africa's Highveld AgriChem will build a fertiliser blending plant in Ethiopia's "
        "Dire Dawa free trade zone. The EIC put the total investment at 9.8 billion birr.",
        EventType.INVESTMENT,
        (9.8e9, "ETB"),
    ),
    (
        "one side's agreement for a grant, then 'the grant would amount to': the pair's aid",
        "Sri Lanka, India sign grant pact for Eastern Province",
        "The Cabinet approved signing a memorandum of understanding with the Government of "
        "India for a grant to build schools and rural roads in the Eastern Province. Cabinet "
        "Spokesman Minister Chaminda Rathnayake said the Indian grant would amount to INR 3 "
        "billion.",
        EventType.ECONOMIC_AID,
        (3e9, "INR"),
    ),
    (
        "'The expansion, estimated at': the value of the agreement on it",
        "Bulgaria, Greece agree gas link expansion",
        "Bulgaria and Greece on Monday signed an agreement on the expansion of the gas "
        "interconnector between the two countries. The expansion, estimated at EUR 280 million, "
        "includes two compressor stations.",
        EventType.TRADE_AGREEMENT,
        (280e6, "EUR"),
    ),
    (
        "'The plant, which cost': the value of the investment that built it",
        "German firm opens solar panel plant in Ghana",
        "German solar maker Sonnenwerk will invest in a solar panel assembly plant in Ghana, "
        "it said on Tuesday. The plant, which cost GH¢180 million, will employ 300 people.",
        EventType.INVESTMENT,
        (180e6, "GHS"),
    ),
    (
        "a platform's 'initial endowment', told after it was set up",
        "Morocco, Qatar set up investment platform",
        "Morocco's Mohammed VI Investment Fund and Qatar's Al Dana Capital have set up a joint "
        "investment platform to finance hotels and solar projects in Morocco. Its initial "
        "endowment was set at 5 billion dirhams.",
        EventType.INVESTMENT,
        (5e9, "MAD"),
    ),
    (
        "'it amounted to' after a sentence on bilateral trade naming no one",
        "Singapore, Uzbekistan firms sign deals",
        "Singaporean companies will build a data centre in Uzbekistan. Bilateral trade has "
        "grown rapidly this year. In January-October it amounted to US$312.5 million.",
        EventType.TRADE_VOLUME,
        (312.5e6, "USD"),
    ),
    (
        "'trade between X and Y' ends where its clause does, before a bloc named after it",
        "Nigeria, Algeria sign pipeline deal",
        "Nigeria and Algeria signed a gas pipeline agreement on Tuesday. Trade between Nigeria "
        "and Algeria remains small despite their common membership of the African Continental "
        "Free Trade Area. It reached N612 billion in 2025.",
        EventType.TRADE_VOLUME,
        (612e9, "NGN"),
    ),
    (
        "'The amount was given by' tells a sum, it does not split one ('Of the total')",
        "Paraguay, Chile sign port terminal deal",
        "Paraguay and Chile signed an agreement on Monday allowing Paraguayan operators to "
        "build and run a cargo terminal at the port of Antofagasta. The amount was given by "
        "Paraguay's minister at a news conference on Tuesday: US$37 million.",
        EventType.INVESTMENT,
        (37e6, "USD"),
    ),
    (
        "a buyer's 'Singapore-registered subsidiary' signs: Singapore is no side of the stake",
        "Thai power firm buys Australian wind farm stake",
        "Thailand's Siam Eastern Power Plc is buying a 49% stake in a wind farm in the "
        "Australian state of Victoria. On Wednesday the company said its Singapore-registered "
        "subsidiary had signed a share purchase agreement with Melbourne-based developer Coral "
        "Gum Renewables for the stake. The transaction is valued at A$412 million.",
        EventType.COMMERCIAL_DEAL,
        (412e6, "AUD"),
    ),
    (
        "'grant documents signed', then 'The grant amounts to': the agreement is the aid",
        "Japan funds Bishkek water network",
        "Japan will finance the modernisation of the water supply network in Bishkek under "
        "grant documents signed in the Kyrgyz capital on Tuesday. The grant amounts to 2.4 "
        "billion yen, according to the Ministry of Finance.",
        EventType.ECONOMIC_AID,
        (2.4e9, "JPY"),
    ),
    (
        "deals 'signed at the forum' naming no one are the pair's",
        "Singapore, Uzbekistan hold business forum",
        "Singaporean companies will build a data centre in the Tashkent region under "
        "agreements signed at the Uzbekistan-Singapore Business Forum on Tuesday. The data "
        "centre is due to open in 2027. In total, the ministry said, agreements worth over "
        "US$1.3 billion were signed at the forum, including contracts in agriculture.",
        EventType.COMMERCIAL_DEAL,
        (1.3e9, "USD"),
    ),
    (
        "'New Zealand's contribution is' a sum: aid to the pair's other side",
        "New Zealand funds Tonga wharf",
        "The Foreign Minister signed a funding arrangement with Tonga's Minister of "
        "Infrastructure at a ceremony at the wharf on Tuesday. New Zealand's contribution is "
        "NZ$28 million, which will go towards new berths and sea walls.",
        EventType.ECONOMIC_AID,
        (28e6, "NZD"),
    ),
    (
        "a trigger in the apposition after a reference describes the fact referred to",
        "Oman to finance Tanzanian farms",
        "The Oman Investment Authority on Tuesday signed an agreement with the Tanzania "
        "Investment Centre to invest in irrigated rice schemes in Tanzania. The commitment, to "
        "be disbursed over five years, is worth $150 million, about Sh390 billion.",
        EventType.INVESTMENT,
        (150e6, "USD"),
    ),
    (
        "an agency 'put Omani exports to Tanzania ... at' a sum",
        "Tanzania, Oman sign MoUs in Muscat",
        "Tanzania and Oman signed five memoranda of understanding in Muscat on Monday. Oman's "
        "statistics centre put Omani exports to Tanzania, mainly petroleum products and "
        "plastics, at RO 38 million in the first nine months of last year.",
        EventType.TRADE_VOLUME,
        (38e6, "OMR"),
    ),
    (
        "a firm's 'plan to build a production plant' abroad is an investment",
        "Taiwan firm to build Quebec plant",
        "Taiwanese IC substrate maker HPI said Tuesday its board had approved a plan to build a "
        "production plant in Bromont, Quebec. The total investment will reach NT$15 billion.",
        EventType.INVESTMENT,
        (15e9, "TWD"),
    ),
    (
        "'estimated the value of the supply deal at' a sum",
        "Malawi, Tanzania sign fuel deal",
        "Malawi's National Oil Company signed a one-year agreement with the Tanzania Petroleum "
        "Development Corporation for the supply of diesel. NOCMA officials estimated the value "
        "of the supply deal at $110 million, depending on world prices.",
        EventType.COMMERCIAL_DEAL,
        (110e6, "USD"),
    ),
    (
        "'told reporters that the total investment would come to' a sum",
        "Japanese trader to build Argentine grain terminal",
        "Japanese trading house Hoshimura Corp. said Wednesday it will build a grain export "
        "terminal near Rosario in Argentina. A company official later told reporters in Buenos "
        "Aires that the total investment would come to about 58 billion yen.",
        EventType.INVESTMENT,
        (58e9, "JPY"),
    ),
    (
        "'would pay ... for the holding' after a stake bought",
        "Canadian pension fund buys Chilean grid stake",
        "Canada's Laurentian Public Pension Plan has agreed to buy a 49% stake in Chilean power "
        "transmission company Transandina. Two people familiar with the matter said the fund "
        "would pay around US$1.35 billion for the holding.",
        EventType.INVESTMENT,
        (1.35e9, "USD"),
    ),
    (
        "'a target of' a sum, in a sentence about the pair's trade",
        "Vietnam, Laos eye more trade",
        "The two prime ministers noted that two-way trade reached USD 1.9 billion in the first "
        "ten months of 2025, and instructed ministries to work towards a target of USD 5 "
        "billion by 2030.",
        EventType.TRADE_TARGET,
        (5e9, "USD"),
    ),
    (
        "a goal quoted, then the trade the speaker notes: the quote ends the goal's words",
        "Romania, Turkiye eye more trade",
        'Romania and Turkiye held talks on Tuesday. "Our goal is to raise it to $15 billion," '
        "the minister said, noting that trade between the two countries reached $10.4 billion "
        "last year.",
        EventType.TRADE_VOLUME,
        (10.4e9, "USD"),
    ),
    (
        "an agreement's value after a sentence on the visit it was signed during",
        "Armenia, Masdar sign solar deal",
        "The Government of Armenia and Masdar of the United Arab Emirates have signed an "
        "investment agreement on the construction of a solar plant. The agreement was signed "
        "in Abu Dhabi during Armenian Prime Minister Nikol Pashinyan's working visit to the "
        "UAE. The total investment in the project is estimated at about $310 million.",
        EventType.TRADE_AGREEMENT,
        (310e6, "USD"),
    ),
    (
        "one side's exports that 'were $X' (a bare dollar right after the verb)",
        "Korea, Mexico sign supply-chain MoU",
        "Korea and Mexico signed a supply-chain MoU on Monday. Korean exports to Mexico, led "
        "by steel and auto parts, were $16.3 billion last year, while imports from Mexico "
        "stood at $5.5 billion.",
        EventType.TRADE_VOLUME,
        (16.3e9, "USD"),
    ),
    (
        "deals naming no one, right after a sentence about both countries",
        "Turkmenistan, China sign gas deals",
        "China and Turkmenistan signed gas agreements on Thursday. A business forum held "
        "alongside the visit drew more than 140 companies from both countries. Contracts worth "
        "$320 million were signed there, the Turkmen trade ministry said.",
        EventType.COMMERCIAL_DEAL,
        (320e6, "USD"),
    ),
    (
        "investment projects 'worth a combined' sum",
        "Bahrain, UK deepen ties",
        "Bahrain and the UK signed a trade pact. Bahrain's Economic Development Board said it "
        "had attracted 22 British investment projects over three years, worth a combined BD98m.",
        EventType.INVESTMENT,
        (98e6, "BHD"),
    ),
    (
        "a second flow after ', while' is read apart from the first",
        "Bangladesh, Germany sign energy deals",
        "Bangladesh and Germany signed three agreements. Bangladesh exported goods worth $5.9 "
        "billion to Germany in 2023-24, Export Promotion Bureau data shows, while imports from "
        "Germany stood at $1.04 billion.",
        EventType.TRADE_VOLUME,
        (1.04e9, "USD"),
    ),
    (
        "'will give' a sum 'to help' is aid",
        "New Zealand helps Philippine farmers",
        "New Zealand will give $15 million over four years to help Philippine farming "
        "communities cope with typhoons, officials announced in Manila.",
        EventType.ECONOMIC_AID,
        (15e6, "NZD"),
    ),
    (
        "a foreign investor 'with N projects worth' a sum",
        "Malaysia, Vietnam deepen ties",
        "Malaysia and Vietnam signed deals on Tuesday. Malaysia is Vietnam's 10th-largest "
        "foreign investor, with 740 projects worth a total of $13.6 billion.",
        EventType.INVESTMENT,
        (13.6e9, "USD"),
    ),
    (
        "'put the value of the contract at' a sum",
        "Argentina to sell gas to Paraguay",
        "Argentina's ENARSA and Paraguay's Petropar signed a gas supply contract. Officials put "
        "the value of the contract at around US$410 million over its lifetime.",
        EventType.COMMERCIAL_DEAL,
        (410e6, "USD"),
    ),
    (
        "a deal told again later continues from its latest mention",
        "Pakistan, Kazakhstan sign trade deals",
        "Pakistan and Kazakhstan signed a rice supply deal on Monday. Officials also discussed "
        "rail links. The two sides reviewed visas. They spoke of energy. They agreed on air "
        "routes. They set up a council. Pakistani exporters agreed to supply 120,000 tonnes of "
        "rice to a Kazakh distributor. The contracts are worth Rs16.8bn.",
        EventType.COMMERCIAL_DEAL,
        (16.8e9, "PKR"),
    ),
    (
        "a sum signed with a sign in its words ('a €1 billion loan agreement')",
        "North Macedonia signs Hungary loan",
        "North Macedonia's government signed a €1 billion loan agreement with Hungary on "
        "Wednesday, as opposition parties accused the prime minister of tying the country to "
        "Budapest.",
        EventType.ECONOMIC_AID,
        (1e9, "EUR"),
    ),
    (
        "'The largest deal, between' two named firms, its sum in the next sentence",
        "Uganda, Egypt firms sign deals",
        "Uganda and Egypt held a business forum. The largest deal, between Egyptian group "
        "Elsewedy Electric and Uganda's UETCL, covers a power line. The contract is worth "
        "Shs312 billion, officials said.",
        EventType.COMMERCIAL_DEAL,
        (312e9, "UGX"),
    ),
    (
        "'imports from X were N$2.9 billion' after a comma and 'while'",
        "Namibia, Zambia open dry port",
        "Namibia and Zambia opened a dry port. Namibia exported goods worth N$5.2 billion to "
        "Zambia last year, while imports from Zambia were N$2.9 billion.",
        EventType.TRADE_VOLUME,
        (2.9e9, "NAD"),
    ),
    (
        "'bringing the volume of mutual trade to' a sum",
        "Uzbekistan, Turkmenistan leaders meet",
        "Uzbekistan and Turkmenistan signed agreements on Tuesday. The presidents set the task "
        "of bringing the volume of mutual trade to $2 billion in the coming years.",
        EventType.TRADE_TARGET,
        (2e9, "USD"),
    ),
    (
        "'the cost of the first phase is estimated at' a sum",
        "Uzbekistan, Turkmenistan to build border zone",
        "Uzbekistan and Turkmenistan agreed to jointly build a border trade zone. The cost of "
        "the first phase is estimated at $120 million.",
        EventType.JOINT_PROJECT,
        (120e6, "USD"),
    ),
    (
        "an economic package worth a sum",
        "India announces package for Mauritius",
        "India announced a special economic package worth $680 million for Mauritius on Thursday.",
        EventType.ECONOMIC_AID,
        (680e6, "USD"),
    ),
    (
        "'the total value of the agreements exceeds' a sum",
        "Kazakhstan, France sign agreements",
        "Kazakhstan and France signed 20 agreements on energy and trade in Paris. According to the "
        "prime minister's press service, the total value of the agreements exceeds $3.7 billion.",
        EventType.TRADE_AGREEMENT,
        (3.7e9, "USD"),
    ),
    (
        "'SR' in a Seychelles story is the Seychelles rupee",
        "UAE funds Seychelles airport",
        "The UAE and Seychelles signed a financing agreement. Abu Dhabi will invest SR 420 "
        "million in a new terminal at the airport in Seychelles.",
        EventType.INVESTMENT,
        (420e6, "SCR"),
    ),
    (
        "a bare 'total trade reached' in a pair's story is the pair's",
        "Malaysian firms secure sales in Türkiye",
        "Malaysia and Türkiye signed a trade agreement on Monday. In the January-October "
        "period, total trade reached RM16.2 billion, MATRADE said.",
        EventType.TRADE_VOLUME,
        (16.2e9, "MYR"),
    ),
    (
        "'bring this figure to' continues the trade figure of the sentence before",
        "Turkmenistan, Türkiye hold business forum",
        "Trade between Turkmenistan and Türkiye reached 2.1 billion US dollars last year. The "
        "parties expressed their intention to bring this figure to 5 billion US dollars.",
        EventType.TRADE_TARGET,
        (5e9, "USD"),
    ),
    (
        "a Fiji paper's bare dollar beside a written US$ is Fiji's",
        "India to fund Lautoka sugar mill",
        "THE Government of India will provide a grant of $18 million to Fiji to upgrade the "
        "Lautoka sugar mill, separate from a US$75 million credit line. - Fiji Times",
        EventType.ECONOMIC_AID,
        (18e6, "FJD"),
    ),
    (
        "a weather radar bought with a grant is not military",
        "Japan grants Philippines weather radars",
        "Japan committed a grant of ¥2.5 billion to the Philippines for the purchase of "
        "weather radars.",
        EventType.ECONOMIC_AID,
        (2.5e9, "JPY"),
    ),
    (
        "'It amounts to' a sum: the value of the fact just told",
        "Philippines, Korea sign flood loan",
        "The Philippines and South Korea signed a concessional loan agreement to finance a "
        "flood control project in Mindanao. The financing comes from the Economic Development "
        "Cooperation Fund. It amounts to USD178 million, payable over 40 years.",
        EventType.ECONOMIC_AID,
        (178e6, "USD"),
    ),
    (
        "'They are worth' a sum: the deals just told",
        "Indian exporters sign deals in Dhaka",
        "Indian exporters signed supply deals with Bangladeshi buyers at the fair in Dhaka. "
        "They are worth Tk 2,150 crore, the organisers said.",
        EventType.COMMERCIAL_DEAL,
        (2150e7, "BDT"),
    ),
    (
        "a price not disclosed, then 'put it at' a sum",
        "Quebec's CDPQ to buy quarter of British power distributor",
        "Caisse de dépôt et placement du Québec agreed to buy a 25 per cent stake in British "
        "power distributor Northshore Energy Networks. The two sides did not disclose the "
        "price. People familiar with the matter put it at about £1.3 billion.",
        EventType.INVESTMENT,
        (1.3e9, "GBP"),
    ),
    (
        "'the' and a word before the noun that refers back ('The concessional loan')",
        "Japan lends Kenya for Mombasa zone",
        "Japan and Kenya signed a loan agreement for the Dongo Kundu special economic zone. "
        "The concessional loan, extended through JICA, amounts to 45 billion yen.",
        EventType.ECONOMIC_AID,
        (45e9, "JPY"),
    ),
    (
        "an MoU's commitment is its value",
        "Qatar, UK sign investment partnership",
        "The Qatar Investment Authority and the UK government signed a memorandum of "
        "understanding on a new investment partnership. The commitment is worth £2bn over "
        "five years.",
        EventType.TRADE_AGREEMENT,
        (2e9, "GBP"),
    ),
    (
        "trade 'was close to' a sum",
        "Spain, Mexico ties",
        "Bilateral trade between Mexico and Spain was close to US$11 billion last year.",
        EventType.TRADE_VOLUME,
        (11e9, "USD"),
    ),
    (
        "agreements in a list of areas, one of them not economic, are economic",
        "Australian mission signs deals in Manila",
        "An Australian business delegation signed agreements in renewable energy, education, "
        "mining services and agribusiness in Manila. The deals were valued at about "
        "A$640 million.",
        EventType.TRADE_AGREEMENT,
        (640e6, "AUD"),
    ),
]


@pytest.mark.parametrize(
    ("name", "title", "text", "event_type", "money"), CASES, ids=[c[0] for c in CASES]
)
def test_sum_phrases(
    name: str, title: str, text: str, event_type: EventType, money: tuple[float, str]
) -> None:
    found = sums_by_type(title, text)
    assert money in found.get(event_type, set()), (name, found)


def test_one_sides_national_total_is_not_the_pairs() -> None:
    found = sums_by_type(
        "Malaysia, Germany eye chips",
        "Germany's Bosch will invest RM1.8bil in Penang, Malaysia. Malaysia approved total "
        "investments of RM378.5bil last year, the highest on record.",
    )
    assert all((378.5e9, "MYR") not in sums for sums in found.values()), found


def test_it_amounts_to_gives_no_fact_of_its_own() -> None:
    # no fact before it to take the sum: nothing; a share of GDP is no sum
    assert (
        sums_by_type(
            "Kenya, Uganda talk trade",
            "It amounts to $40 million, officials in Kenya and Uganda said.",
        )
        == {}
    )
    found = sums_by_type(
        "Ghana, China sign loan",
        "Ghana and China signed a loan agreement for a railway. It amounts to 2 percent of GDP.",
    )
    assert found.get(EventType.ECONOMIC_AID) == set(), found


def test_a_pronouns_own_exports_are_not_more_of_the_pairs_trade() -> None:
    found = sums_by_type(
        "Korea, Argentina lithium ties grow",
        "Bilateral trade between Argentina and Korea reached US$2.3 billion in January-"
        "September. Argentina holds large lithium resources. Its lithium exports topped "
        "US$700 million last year.",
    )
    assert (2.3e9, "USD") in found.get(EventType.TRADE_VOLUME, set()), found
    assert all((700e6, "USD") not in sums for sums in found.values()), found


@pytest.mark.parametrize(
    "title",
    [
        "Coffee prices drop as global supply outlook improves",
        "Rand firms; JSE lifted by miners",
        "Tokyo stocks end higher as weak yen lifts exporters",
        # one country's economy, one firm's results
        "Argentina posts record $18.9 billion trade surplus in 2024",
        "Tasman Dairy lifts profit 31pc on strong China demand",
    ],
)
def test_market_headlines_are_not_cooperation(title: str) -> None:
    text = (
        "Uganda exported 612,000 bags of coffee worth $214 million to Germany in February, "
        "the ministry said in its monthly market report."
    )
    assert not analyse(article(title, text)).classification.is_trade_cooperation


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Abu Dhabi port operator pulls out of $800m terminal deal",
            "AD Ports Group has withdrawn from an $800 million deal to build and run a terminal "
            "at Chittagong in Bangladesh, the port authority said. The Emirati operator had "
            "signed a memorandum of understanding with the authority last year.",
        ),
        (
            "Norway suspends $52 million energy support to Uganda",
            "Norway has suspended its $52 million energy programme in Uganda over procurement "
            "irregularities, the embassy said. Norway had provided the grant since 2021.",
        ),
        (
            "Kazatomprom denies report of $2.5 billion uranium supply deal with India",
            "Kazakhstan's Kazatomprom on Tuesday denied a media report that it had agreed a "
            "supply contract with India's NPCIL. The Economic Times reported that NPCIL was set "
            "to sign a contract worth about $2.5 billion for uranium deliveries.",
        ),
        (
            "Malaysian pension fund walks away from Port of Geelong stake deal",
            "Malaysian retirement fund KSPN has called off its planned purchase of a 30 per cent "
            "stake in the Port of Geelong operator. The deal had valued the stake at about A$1.4 "
            "billion and would have been one of the largest Australian infrastructure "
            "investments by a Malaysian investor.",
        ),
        (
            "Hanbit Steel scraps plan to buy stake in Chilean copper miner",
            "Hanbit Steel, South Korea's third-largest steelmaker, said on Thursday it has "
            "dropped its plan to acquire a 30 percent stake in Chilean copper producer Minera "
            "Andes, citing rising costs. The deal had been valued at about 900 billion won. "
            "Korea imported $2 billion of copper from Chile last year.",
        ),
    ],
)
def test_undone_cooperation_is_not_cooperation(title: str, text: str) -> None:
    assert not analyse(article(title, text)).classification.is_trade_cooperation


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Garment factories cut shifts as 19 percent US tariff kicks in",
            "Cambodian exports to the US totalled $9.9 billion last year, while imports from "
            "the US were only about $320 million, a gap Washington cited for its tariff.",
        ),
        (
            "Ottawa to hit Chinese-made EVs with 100% surtax",
            "Canada imported $2.2 billion worth of electric vehicles from China last year. "
            "Canadian exports to China, led by canola, were worth $30 billion.",
        ),
        (
            "Polish farmers block Ukrainian border crossings",
            "Ukraine's exports to Poland rose to $4.3 billion last year, while Polish exports "
            "to Ukraine reached $9.6 billion, the statistics office said.",
        ),
    ],
)
def test_a_conflict_story_quoting_the_trade_it_hits_is_no_cooperation(
    title: str, text: str
) -> None:
    assert not analyse(article(title, text)).classification.is_trade_cooperation


def test_money_a_firm_spends_at_home_is_not_the_pairs() -> None:
    found = sums_by_type(
        "India, US talk auto parts",
        "India and the United States signed a supply chain pact on Monday. Sundaram Fasteners "
        "will invest ₹1,450 crore to expand its plants in Tamil Nadu, the company said.",
    )
    assert all((1.45e10, "INR") not in sums for sums in found.values()), found


def test_a_bond_buy_back_is_no_purchase() -> None:
    found = sums_by_type(
        "Kenya unveils budget",
        "The Treasury said Kenya would seek to buy back part of the $1.5 billion Eurobond and "
        "would tap the Japanese and Chinese debt markets through Samurai and Panda bonds.",
    )
    assert EventType.COMMERCIAL_DEAL not in found, found


def test_a_relative_clause_about_another_noun_lends_no_sum() -> None:
    """'fuel imports ... reserves, which stood at': the sum is the reserves', not trade's."""
    found = sums_by_type(
        "Qatar to sell Bangladesh more LNG",
        "Bangladesh signed a deal with QatarEnergy for more LNG. The taka's fall raised the "
        "cost of fuel imports and put pressure on foreign exchange reserves, which stood at "
        "about $29.8 billion last week.",
    )
    assert all((29.8e9, "USD") not in sums for sums in found.values()), found


@pytest.mark.parametrize(
    ("text", "usd"),
    [
        (
            "Bangladesh and Thailand signed a deal on Monday. Thai firm Siam Packaging will "
            "invest Tk 550 crore in a plant in Bangladesh, its chief said. That is equivalent "
            "to about $45 million at the current exchange rate.",
            45e6,
        ),
        (
            "Honduras and El Salvador signed a power deal. Honduras' ENEE signed a contract "
            "with El Salvador's CEL. The contract is worth 1,850 million lempiras, ENEE said, "
            "or about $71 million.",
            71e6,
        ),
        (
            "Japan and Papua New Guinea signed a loan. Japan will extend a yen loan of 21.4 "
            "billion yen to Papua New Guinea to upgrade the electricity grid serving the capital "
            "and the surrounding Central province, the Japanese Embassy said on Friday, as Tokyo "
            "steps up its engagement with Pacific nations. The loan amount is equivalent to "
            "about $140 million.",
            140e6,
        ),
        (
            "Nigeria and Türkiye signed a trade deal. Trade between Nigeria and Türkiye stood "
            "at N3.36 trillion in 2024. The figure is equivalent to about $2.2 billion.",
            2.2e9,
        ),
        (
            "Azerbaijan and Kazakhstan signed a cable deal. AzerTelecom and Kazakhtelecom "
            "will invest 85 million manat in the cable. This is equivalent to 50 million US "
            "dollars, AzerTelecom said.",
            50e6,
        ),
    ],
)
def test_a_conversion_told_after_the_sum_is_its_stated_usd(text: str, usd: float) -> None:
    amounts = [a for e in analyse(article("Deal", text)).events for a in e.amounts]
    converted = [a for a in amounts if a.currency != "USD" and a.usd_value == usd]
    assert converted, [(a.value, a.currency, a.usd_value) for a in amounts]
    assert all(a.currency != "USD" for a in amounts)  # the conversion is no sum of its own


@pytest.mark.parametrize(
    "text",
    [
        "Ethiopia earned a record US$2.6 billion from coffee exports last year, with Germany, "
        "Saudi Arabia, the United States and Italy among the top buyers.",
        "Intraregional trade among Central American countries reached $13.6 billion in 2024.",
    ],
)
def test_trade_with_partners_among_many_is_one_sides_total(text: str) -> None:
    lead = "Italy and Ethiopia signed a grant agreement on Monday for schools in Ethiopia. "
    events = analyse(article("Italy, Ethiopia sign grant", lead + text)).events
    assert EventType.TRADE_VOLUME not in {e.event_type for e in events}


def test_a_price_index_that_dropped_is_no_trade_figure() -> None:
    text = (
        "Global dairy prices fell again as buyers in China held back. The Global Dairy Trade "
        "price index dropped 2.8 percent at the overnight auction, New Zealand exporters said."
    )
    analysis = analyse(article("Dairy prices fall at auction", text))
    assert not analysis.classification.is_trade_cooperation
    assert analysis.events == []


def test_a_border_that_stays_shut_is_no_cooperation() -> None:
    text = (
        "Trucks remained stranded on both sides of the Pakistan-Afghanistan border as the "
        "Torkham crossing stayed closed for a third week. Pakistan's exports to Afghanistan "
        "stood at $1.39 billion in FY25, while imports from Afghanistan were $550 million."
    )
    analysis = analyse(article("Traders count losses as Torkham stays shut", text))
    assert not analysis.classification.is_trade_cooperation


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Brazilian meat packer expands plant",
            "Brazilian food processor JBS will invest R$600 million to expand its plant in "
            "Toledo, in western Paraná state. Most of the equipment will be supplied by Dutch "
            "manufacturer Marel.",
        ),
        (
            "India raises fertiliser imports from Saudi Arabia",
            "India spends about Rs 1.5 lakh crore a year on fertiliser subsidies, and it is "
            "keen to lock in supplies from Saudi Arabia.",
        ),
        (
            "Egypt's competition authority blocks Saudi firm's $310 mln takeover of drugmaker",
            "The Egyptian Competition Authority has rejected the proposed acquisition of "
            "Cairo-based Nile Medica by Saudi Arabia's Al-Nahdi for EGP 15.5 billion.",
        ),
        (
            "Jica suspends disbursement for Karachi water scheme",
            "Japan's JICA has suspended disbursement of the remaining funds of the ¥46 billion "
            "loan to Pakistan for the Karachi water project.",
        ),
        (
            "Peruvian power firm places US$600 million bond on international markets",
            "Peruvian generator Energía Andina placed US$600 million in notes with investors "
            "in the United States, Europe and Asia on Tuesday.",
        ),
        (
            "Tinubu presents N58.5trn 2026 budget",
            "President Tinubu presented a N58.47 trillion budget for 2026, with N1.2 trillion "
            "expected in grants from the World Bank and Japan.",
        ),
        (
            "EU fishing fleet leaves Senegal as deal lapses after failed talks",
            "A five-year fisheries agreement between the EU and Senegal worth EUR 15 million a "
            "year expired at the weekend without renewal.",
        ),
        (
            "Tanzania, Malawi talks on farm import bans end in deadlock",
            "Talks between Tanzania and Malawi ended in Dodoma without agreement. Tanzania's "
            "exports to Malawi were worth Tsh714 billion last year.",
        ),
        (
            "Workers down tools at Chinese-owned uranium mine",
            "More than 1,100 workers at a uranium mine in Namibia run by a Chinese state group "
            "have been on strike since Monday. Namibia's uranium exports to China were worth "
            "N$14.8 billion last year.",
        ),
        (
            "Mickoski calls off Sofia visit as Bulgaria row flares again",
            "North Macedonia's prime minister cancelled a visit to Bulgaria. A business forum "
            "with 60 companies from both countries was postponed.",
        ),
        (
            "Luzon Harvest profit up 18% to P6.2B on strong store sales",
            "Luzon Harvest Foods posted an 18-percent increase in net income to P6.2 billion. "
            "It plans to invest P2 billion in a plant with Japanese partner Nichiro.",
        ),
        (
            "Merval extends rally, bonds climb and country risk falls",
            "Argentine assets extended their rally as the S&P Merval rose 4.8%. Soybean "
            "exports to China reached 98.5 billion pesos, traders said.",
        ),
        (
            "BASF, Eramet scrap $2.6bn Indonesian nickel refinery plan",
            "German chemical maker BASF and French miner Eramet have abandoned plans to build a "
            "$2.6 billion nickel refinery in Indonesia.",
        ),
        (
            "EU-Australia free trade talks stall again as beef quotas divide sides",
            "Negotiations on a free trade agreement between the European Union and Australia "
            "broke down again on Wednesday. Two-way trade was worth A$72 billion last year.",
        ),
        (
            "Peru, Indonesia trade talks stall over palm oil",
            "Negotiations on a trade deal between Peru and Indonesia have been suspended without "
            "a date for the next round. Trade between them reached $600 million last year.",
        ),
        (
            "Estonia scraps planning for Chinese-backed €15bn tunnel to Helsinki",
            "The Estonian government formally ended the planning procedure for an undersea "
            "tunnel to Helsinki backed by Chinese investors worth €15 billion.",
        ),
        (
            "Ruto cancels Adani airport and power line deals",
            "President William Ruto has cancelled the procurement process for the takeover of "
            "the airport by India's Adani Group, as well as a KSh95 billion power deal.",
        ),
    ],
)
def test_money_at_home_or_undone_is_no_cooperation(title: str, text: str) -> None:
    analysis = analyse(article(title, text))
    assert not analysis.classification.is_trade_cooperation
    assert analysis.events == []


def test_witnesses_are_not_parties() -> None:
    text = (
        "Bulgaria and Romania signed an agreement to jointly build a Danube bridge on Monday. "
        "The agreement was signed by the Romanian minister in the presence of local mayors and "
        "representatives of the European Commission."
    )
    countries = {c for e in analyse(article("Bridge deal", text)).events for c in e.countries}
    assert countries == {"BGR", "ROU"}


@pytest.mark.parametrize(
    ("lead", "code"),
    [
        ("SEOUL, June 10 (Yonhap) -- ", "USD"),  # a credited dateline at home: foreign press
        ("", "NZD"),  # no dateline: a New Zealand story's bare dollar
        ("WELLINGTON, June 10 (RNZ) -- ", "NZD"),  # the dollar country's own press
    ],
)
def test_a_credited_dateline_abroad_reads_a_bare_dollar_as_usd(lead: str, code: str) -> None:
    text = (
        f"{lead}South Korea and New Zealand agreed on Wednesday to deepen cooperation on food "
        "supply chains. Bilateral trade came to $3.9 billion last year."
    )
    found = sums_by_type("Korea, New Zealand deepen supply chain ties", text)
    assert (3.9e9, code) in found.get(EventType.TRADE_VOLUME, set()), found


def test_trade_between_the_countries_is_the_pairs_not_a_comparisons() -> None:
    text = (
        "Australia and the Philippines signed a strategic partnership on Wednesday. Two-way "
        "trade between the countries was worth $6.4 billion in 2024, a fraction of Australia's "
        "trade with Indonesia or Vietnam."
    )
    events = analyse(article("Australia, Philippines sign pact", text)).events
    volumes = [e for e in events if e.event_type is EventType.TRADE_VOLUME]
    assert [e.countries for e in volumes] == [["AUS", "PHL"]]


def test_bidders_a_winner_beat_are_no_parties_and_trams_are_a_quantity() -> None:
    text = (
        "Czech rail vehicle maker Moravia Tram will supply 40 low-floor trams to the Moroccan "
        "city of Casablanca, the company said today. The contract was signed in Casablanca on "
        "Monday with Casa Transports, after a tender in which Moravia Tram beat French, Spanish "
        "and Chinese bidders. A spokesman later told CTK that the contract was worth almost 3.8 "
        "billion crowns."
    )
    events = analyse(article("Czech firm wins Casablanca tram order", text)).events
    deals = [(e.countries, [a.value for a in e.amounts]) for e in events]
    assert deals == [(["CZE", "MAR"], [3.8e9])]


@pytest.mark.parametrize(
    ("title", "text", "country"),
    [
        # a losing bidder
        (
            "Czechs sign Korean reactor deal",
            "Czech state-controlled utility CEZ's project company signed a contract with Korea "
            "Hydro & Nuclear Power (KHNP) on Wednesday to build two nuclear reactors at the "
            "Dukovany power plant, hours after the country's top administrative court "
            "overturned an injunction won by losing bidder EDF.",
            "FRA",
        ),
        # an owner named in passing
        (
            "Gotion stake in Slovak venture",
            "Gotion, based in Hefei and partly owned by Volkswagen, took an 80-percent stake in "
            "a Slovak battery venture for 300 million euros last year, with Slovakia's InoBat "
            "holding the rest.",
            "DEU",
        ),
    ],
)
def test_someone_named_beside_the_parties_is_no_party(title: str, text: str, country: str) -> None:
    events = analyse(article(title, text)).events
    assert events and all(country not in e.countries for e in events)


def test_a_border_near_the_work_is_no_party() -> None:
    text = (
        "Turkmen state gas company Turkmengaz and China's CNPC signed a contract for the "
        "fourth phase of a gas field near the Afghan border on Thursday."
    )
    countries = {c for e in analyse(article("Gas deal", text)).events for c in e.countries}
    assert countries == {"TKM", "CHN"}


def test_a_conversion_beside_the_sum_is_no_second_sum() -> None:
    text = (
        "Germany will provide €210 million, around Tk 2,730 crore, to Bangladesh for renewable "
        "energy. The solar park will cost $160 million, with the government contributing "
        "Tk 480 crore from its own development programme."
    )
    amounts = {
        (a.value, a.currency)
        for e in analyse(article("Germany, Bangladesh sign", text)).events
        for a in e.amounts
    }
    assert (210e6, "EUR") in amounts
    assert not {c for _, c in amounts} & {"BDT"}  # neither the conversion nor the own funds


@pytest.mark.parametrize(
    "text",
    [
        "Malaysia and Japan signed an investment pact. The government aims to attract 500 "
        "billion ringgit in semiconductor investment by 2030.",
        "Egypt and Nigeria signed 14 agreements. The government aims to increase exports to "
        "$145 billion annually by 2030.",
        "Türkiye and Kenya signed a trade pact. Its trade with the continent exceeded "
        "$37 billion last year.",
        "Vietnam and Cambodia agreed on trade. Malaysia and Vietnam pledged to lift bilateral "
        "trade to $20 billion by 2030 in the face of US tariffs.",
    ],
)
def test_one_sides_totals_and_backdrops_are_not_the_pairs(text: str) -> None:
    for event in analyse(article("Ties", text)).events:
        if event.event_type in (EventType.TRADE_TARGET, EventType.TRADE_VOLUME):
            assert "USA" not in event.countries
            assert not any(a.value in (500e9, 145e9, 37e9) for a in event.amounts)


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        (
            "India and Switzerland brought their trade pact into force. State-run NHPC awarded "
            "Lucerne-based Rhône Hydro AG a contract for turbines at a plant in Arunachal "
            "Pradesh. The order is worth Rs 2,100 crore.",
            {"CHE", "IND"},
        ),
        (
            "Kenya and India signed a health pact. Gurugram-based Medika Labs will invest "
            "$40 million in a drug plant in Kisumu.",
            {"IND", "KEN"},
        ),
    ],
)
def test_a_firm_based_in_a_city_is_of_its_country(text: str, countries: set[str]) -> None:
    events = analyse(article("Deals", text)).events
    with_money = [e for e in events if e.amounts]
    assert with_money
    assert set(with_money[0].countries) == countries


def test_each_line_of_a_list_of_deals_is_a_deal_of_the_pair() -> None:
    text = (
        "Finland and Vietnam signed deals worth $1.1 billion on Tuesday. The deals include:\n\n"
        "- Nokia and Viettel – second phase of 5G radio network equipment: $180 million\n\n"
        "- Konecranes and Gemadept – 14 cranes for a port in Hai Phong: €65 million\n\n"
        "— Finnfund: loan to a solar developer in Ninh Thuan — $40 million\n"
    )
    events = analyse(article("Finland, Vietnam sign deals", text)).events
    found = {(a.value, a.currency) for e in events for a in e.amounts}
    assert {(180e6, "USD"), (65e6, "EUR"), (40e6, "USD")} <= found
    assert all(set(e.countries) == {"FIN", "VNM"} for e in events if e.amounts)


def test_a_sum_told_again_with_its_conversion_lends_it_to_the_fact() -> None:
    headline = find_amounts("signed a R12.5 billion power financing deal", countries=["ZAF"])
    later = find_amounts("will provide R12.5 billion (about $680 million) to", countries=["ZAF"])
    money = list(headline)
    _add_money(money, later)
    assert [(m.value, m.currency, m.stated_usd) for m in money] == [(12.5e9, "ZAR", 680e6)]
    _add_money(money, find_amounts("and $300 million more", countries=["ZAF"]))
    assert len(money) == 2  # a new sum is added, not merged


def test_the_parts_of_a_total_stay_with_the_fact_that_stated_it() -> None:
    # "Of the total" divides the sum told two sentences earlier; it is no value for the
    # signing told in between
    text = (
        "Senegal and France on Wednesday signed financing agreements worth a total of "
        "98 billion CFA francs through the French Development Agency. The agreements were "
        "signed in Dakar by the minister of economy and the French ambassador. Of the total, "
        "62 billion CFA francs are concessional loans and 36 billion CFA francs are grants."
    )
    found = sums_by_type("Senegal, France sign financing", text)
    assert found[EventType.ECONOMIC_AID] >= {(98e9, "XOF"), (62e9, "XOF"), (36e9, "XOF")}
    assert (62e9, "XOF") not in found.get(EventType.TRADE_AGREEMENT, set())


def test_money_in_ones_own_budget_is_no_aid() -> None:
    text = (
        "The presidents of Peru and Ecuador agreed to launch joint border patrols. Ecuador's "
        "government has allocated $1.2 billion to security forces in its 2026 budget."
    )
    assert analyse(article("Peru, Ecuador leaders meet", text)).events == []


@pytest.mark.parametrize("name", ["512_kohat_cement_new_line", "756_bidco_refinery"])
def test_suppliers_of_a_plant_at_home_are_no_two_sides(name: str) -> None:
    """'built with equipment supplied by Belgian firm Desmet and Swedish firm Alfa Laval': the
    suppliers named are one side; the buyer at home is no trade partner of theirs."""
    path = Path(__file__).resolve().parents[2] / f"gold/articles/{name}.txt"
    analysis = analyse(parse_plain_article(path.read_text("utf-8")))
    assert analysis.events == []


def test_a_headline_that_terminates_an_agreement_names_no_cooperation() -> None:
    """'Ogun terminates agreement with Emirati firm': the headline's agreement is the one
    undone, so it does not lift the article's background facts (a 2022 signing, money
    already spent) into cooperation."""
    name = "1232_ogun_terminates_emirati_port_deal"
    path = Path(__file__).resolve().parents[2] / f"gold/articles/{name}.txt"
    analysis = analyse(parse_plain_article(path.read_text("utf-8")))
    assert not analysis.classification.is_trade_cooperation


def test_a_blocs_members_named_together_are_parties() -> None:
    text = (
        "A free trade agreement between India and the four-nation European Free Trade "
        "Association entered into force on Wednesday. The Trade and Economic Partnership "
        "Agreement (TEPA) between India and Switzerland, Norway, Iceland and Liechtenstein was "
        "signed in New Delhi in March 2024 after 16 years of on-and-off negotiations."
    )
    cls = analyse(article("India-EFTA trade pact takes effect", text)).classification
    assert cls.countries == ["CHE", "IND", "ISL", "LIE", "NOR"], cls.countries


def test_a_stock_of_investment_is_no_stock_market() -> None:
    text = (
        "Taiwan and Lithuania signed a memorandum on chip research in Vilnius on Monday. "
        "According to the Bank of Lithuania, the stock of Taiwanese direct investment in the "
        "country stood at 118 million euros at the end of last year."
    )
    found = sums_by_type("Taiwan, Lithuania sign chip pact", text)
    assert (118e6, "EUR") in found.get(EventType.INVESTMENT, set()), found
