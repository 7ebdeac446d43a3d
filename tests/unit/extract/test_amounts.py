"""Money amounts and percentages: notations, currencies, ranges, qualifiers, stated conversions."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pycountry
import pytest

from services.worker.extract.amounts import MoneyMention, find_amounts, to_amount
from services.worker.extract.fx import FxRates, default_fx
from shared.models import AmountMetric
from shared.textformat import parse_plain_article

DATA = Path(__file__).resolve().parents[3] / "services/worker/extract/data/currencies.json"

# (sentence, mention text, value, value_max, currency, unit, qualifier)
SINGLE = [
    ("It costs $3.5 bln.", "$3.5 bln", 3.5e9, None, "USD", None, None),
    ("worth about 500 million US dollars by", "about 500 million US dollars", 5e8, None, "USD",
     None, "about"),
    ("EUR 1.5 billion", "EUR 1.5 billion", 1.5e9, None, "EUR", None, None),
    # Xinhua's compound adjective
    ("signed a 1.2-billion-U.S.-dollar contract", "1.2-billion-U.S.-dollar", 1.2e9, None, "USD",
     None, None),
    ("a €1.5bn loan", "€1.5bn", 1.5e9, None, "EUR", None, None),
    # the birr's symbol after the number, as Ethiopian press writes it
    ("will pay 14.6 billion Br over ten years", "14.6 billion Br", 1.46e10, None, "ETB", None,
     None),
    ("a sum just shy of €1.3 billion", "just shy of €1.3 billion", 1.3e9, None, "EUR", None,
     "just shy of"),
    ("a Rs 2,692 crore plant", "Rs 2,692 crore", 2.692e10, None, "INR", None, None),
    ("Rs.2,692 crore", "Rs.2,692 crore", 2.692e10, None, "INR", None, None),
    ("Rs 1.5 lakh crore", "Rs 1.5 lakh crore", 1.5e12, None, "INR", None, None),
    ("580 million shillings", "580 million shillings", 5.8e8, None, "KES", None, None),
    ("KSh 580 million", "KSh 580 million", 5.8e8, None, "KES", None, None),
    ("£200m", "£200m", 2e8, None, "GBP", None, None),
    ("¥3 trillion", "¥3 trillion", 3e12, None, "JPY", None, None),
    ("3 trillion yen", "3 trillion yen", 3e12, None, "JPY", None, None),
    ("3 trillion yuan", "3 trillion yuan", 3e12, None, "CNY", None, None),
    ("RMB 3 billion", "RMB 3 billion", 3e9, None, "CNY", None, None),
    ("3 billion renminbi", "3 billion renminbi", 3e9, None, "CNY", None, None),
    ("US$5 million", "US$5 million", 5e6, None, "USD", None, None),
    ("A$2 billion", "A$2 billion", 2e9, None, "AUD", None, None),
    ("C$3bn", "C$3bn", 3e9, None, "CAD", None, None),
    ("HK$4.5 billion", "HK$4.5 billion", 4.5e9, None, "HKD", None, None),
    ("S$1m", "S$1m", 1e6, None, "SGD", None, None),
    ("NZ$700 million", "NZ$700 million", 7e8, None, "NZD", None, None),
    ("R$ 10 billion", "R$ 10 billion", 1e10, None, "BRL", None, None),
    ("10 billion reais", "10 billion reais", 1e10, None, "BRL", None, None),
    ("R5 billion", "R5 billion", 5e9, None, "ZAR", None, None),
    ("₦2 trillion", "₦2 trillion", 2e12, None, "NGN", None, None),
    ("200 billion dollars", "200 billion dollars", 2e11, None, "USD", None, None),
    ("200 billion Hong Kong dollars", "200 billion Hong Kong dollars", 2e11, None, "HKD", None,
     None),
    ("USD 200 billion", "USD 200 billion", 2e11, None, "USD", None, None),
    ("USD200bn", "USD200bn", 2e11, None, "USD", None, None),
    ("5 million GBP", "5 million GBP", 5e6, None, "GBP", None, None),
    ("1.2 billion Swiss francs", "1.2 billion Swiss francs", 1.2e9, None, "CHF", None, None),
    ("50 billion CFA francs", "50 billion CFA francs", 5e10, None, "XOF", None, None),
    ("10 billion rupees", "10 billion rupees", 1e10, None, "INR", None, None),
    ("half a billion dollars", "half a billion dollars", 5e8, None, "USD", None, None),
    ("a 5-billion-dollar deal", "5-billion-dollar", 5e9, None, "USD", None, None),
    ("five billion euros", "five billion euros", 5e9, None, "EUR", None, None),
    ("over $1 billion", "over $1 billion", 1e9, None, "USD", None, "over"),
    ("more than 100 million euros", "more than 100 million euros", 1e8, None, "EUR", None,
     "more than"),
    ("up to $1bn", "up to $1bn", 1e9, None, "USD", None, "up to"),
    ("some $5 billion", "some $5 billion", 5e9, None, "USD", None, "some"),
    ("~$5 billion", "~$5 billion", 5e9, None, "USD", None, "about"),
    ("approx. $3m", "approx. $3m", 3e6, None, "USD", None, "approximately"),
    ("handsome $5 billion", "$5 billion", 5e9, None, "USD", None, None),
    ("between $2 billion and $3 billion", "between $2 billion and $3 billion", 2e9, 3e9, "USD",
     None, None),
    ("between 2 and 3 billion dollars", "between 2 and 3 billion dollars", 2e9, 3e9, "USD",
     None, None),
    ("$2-3 billion", "$2-3 billion", 2e9, 3e9, "USD", None, None),
    ("$2 billion to $3 billion", "$2 billion to $3 billion", 2e9, 3e9, "USD", None, None),
    ("$500,000-1 million", "$500,000-1 million", 5e5, 1e6, "USD", None, None),
    ("nearly 40 percent", "nearly 40 percent", 40.0, None, None, "percent", "nearly"),
    ("grew 33.7 percent in", "33.7 percent", 33.7, None, None, "percent", None),
    ("grew 33.7% in", "33.7%", 33.7, None, None, "percent", None),
    ("5 per cent", "5 per cent", 5.0, None, None, "percent", None),
    ("twenty percent", "twenty percent", 20.0, None, None, "percent", None),
    ("between 5 and 7 percent", "between 5 and 7 percent", 5.0, 7.0, None, "percent", None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "text", "value", "value_max", "currency", "unit", "qualifier"), SINGLE
)
def test_single_amounts(
    sentence: str,
    text: str,
    value: float,
    value_max: float | None,
    currency: str | None,
    unit: str | None,
    qualifier: str | None,
) -> None:
    [m] = find_amounts(sentence)
    assert (m.text, m.value, m.value_max, m.currency, m.unit, m.qualifier) == (
        text,
        value,
        value_max,
        currency,
        unit,
        qualifier,
    )
    assert m.approximate is (qualifier is not None)
    assert sentence[m.start : m.end] == m.text


@pytest.mark.parametrize(
    "sentence",
    [
        "1.2 million tonnes of grain",
        "in 2020",
        "by 2020 the two",
        "over 2,800 companies from 130 countries",
        "120 countries and regions",
        "Brent rose to $80 a barrel",
        "US$1 = 6.9 yuan",
        "two real estate firms",
        "500 pounds of beef",
        "prices in 2019 dollars",
        "a dollar",
        "3 won the vote",
        "billions of dollars",
        "COVID-19 cases",
    ],
)
def test_not_money(sentence: str) -> None:
    assert find_amounts(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "countries", "currency"),
    [
        ("580 million shillings", {"UGA"}, "UGX"),
        ("580 million shillings", {"TZA", "CHN"}, "TZS"),
        ("580 million shillings", {"CHN"}, "KES"),
        # "Shs" is how Uganda's press writes its shilling; "Sh" is Kenya's
        ("Shs2.4 trillion", {"KEN", "UGA"}, "UGX"),
        ("Sh2.4 trillion", {"KEN", "UGA"}, "KES"),
        ("¥3 trillion", {"CHN"}, "CNY"),
        ("¥3 trillion", {"CHN", "JPN"}, "JPY"),
        ("10 billion rupees", {"PAK"}, "PKR"),
        ("50 billion CFA francs", {"CMR"}, "XAF"),
        ("$5 billion", {"AUS", "USA"}, "USD"),  # a story naming the US reads "$" as USD
        ("B$4.2 billion", {"BRN", "JPN"}, "BND"),
        ("B$4.2 billion", {"BHS"}, "BSD"),
        ("37.6 billion lei", {"MDA", "EUU"}, "MDL"),
        ("37.6 billion lei", {"ROU"}, "RON"),
    ],
)
def test_country_hints(sentence: str, countries: set[str], currency: str) -> None:
    [m] = find_amounts(sentence, countries=countries)
    assert m.currency == currency


def test_stated_usd_conversion_joins_its_amount() -> None:
    sentence = "trade grew to 223.1 billion yuan (about 32.8 billion U.S. dollars)."
    [m] = find_amounts(sentence)
    assert (m.text, m.value, m.currency) == ("223.1 billion yuan", 2.231e11, "CNY")
    assert (m.stated_usd, m.stated_usd_text) == (3.28e10, "about 32.8 billion U.S. dollars")
    [m] = find_amounts("a 2.5 trillion rubles ($25.7 billion) budget")
    assert (m.currency, m.value, m.stated_usd) == ("RUB", 2.5e12, 2.57e10)
    [m] = find_amounts("Rs 2,692 crore, or about $380 million, for")
    assert (m.value, m.stated_usd, m.stated_usd_text) == (2.692e10, 3.8e8, "about $380 million")


@pytest.mark.parametrize(
    ("sentence", "value", "currency", "usd"),
    [
        # the period the sum is of comes between the sum and its conversion
        ("trade reached QR1.8bn last year, or around $494mn.", 1.8e9, "QAR", 4.94e8),
        ("exports were Sh41bn in 2024, or $320 million.", 4.1e10, "KES", 3.2e8),
        # a conversion into a third currency, then into dollars, in the same brackets
        ("ADQ will invest Dh2.2 billion (Rs 5,170 crore, or about $600 million) in parks.",
         2.2e9, "AED", 6e8),
        ("loans worth 41.6 billion yen (about VND 6.9 trillion, or about $270 million).",
         4.16e10, "JPY", 2.7e8),
        # ... or in an apposition the sentence goes on after
        ("The loan amounts to 32.6 billion yen, approximately Rs. 66 billion or US$ 220 "
         "million, the ministry said.", 3.26e10, "JPY", 2.2e8),
    ],
)  # fmt: skip
def test_a_conversion_after_a_period_or_another_conversion(
    sentence: str, value: float, currency: str, usd: float
) -> None:
    [m] = find_amounts(sentence, countries={"QAT", "KEN", "ARE", "IND", "VNM", "JPN", "LKA"})
    assert (m.value, m.currency, m.stated_usd) == (value, currency, usd)


def test_a_year_before_to_and_a_sum_is_no_range() -> None:
    text = "Trade grew 38% in January-September 2025 to $214.6 mln, officials said."
    found = [(m.value, m.currency) for m in find_amounts(text, countries={"KAZ", "EGY"})]
    assert found == [(38.0, None), (214.6e6, "USD")]


def test_paraguays_guarani_as_its_press_writes_it() -> None:
    [m] = find_amounts("the minister gave the amount: G. 260,000 million.", countries={"PRY"})
    assert (m.value, m.currency) == (2.6e11, "PYG")


def test_a_dollar_sum_outside_the_brackets_is_its_own() -> None:
    found = find_amounts("Rs 500 crore (€55 million) and $2 billion more", countries={"IND"})
    assert [(m.currency, m.stated_usd) for m in found] == [("INR", None), ("USD", None)]


def test_bracketed_other_currency_is_not_a_second_amount() -> None:
    [m] = find_amounts("$1 billion (€900 million) in loans")
    assert (m.currency, m.value, m.stated_usd) == ("USD", 1e9, None)


def test_from_to_is_two_amounts_not_a_range() -> None:
    found = find_amounts("rose from $2 billion to $3 billion")
    assert [(m.text, m.value, m.value_max) for m in found] == [
        ("$2 billion", 2e9, None),
        ("$3 billion", 3e9, None),
    ]


def test_amounts_are_sorted_and_offsets_hold() -> None:
    text = "Exports rose 12% to $4 billion, while imports of 300 million euros fell."
    found = find_amounts(text)
    assert [m.text for m in found] == ["12%", "$4 billion", "300 million euros"]
    assert all(text[m.start : m.end] == m.text for m in found)


def _mention(currency: str | None, value: float, **extra: object) -> MoneyMention:
    fields: dict[str, object] = {
        "start": 10, "end": 20, "text": "x", "value": value, "value_max": None,
        "currency": currency, "unit": None if currency else "percent", "approximate": False,
        "qualifier": None, "stated_usd": None, "stated_usd_text": None,
    }  # fmt: skip
    fields.update(extra)
    return MoneyMention(**fields)  # type: ignore[arg-type]


def test_to_amount_usd_is_its_own_value() -> None:
    a = to_amount(_mention("USD", 5e8), metric=AmountMetric.DEAL_VALUE, fx=default_fx(), on=None)
    assert (a.usd_value, a.usd_source, a.fx_rate, a.fx_date) == (5e8, "article", None, None)
    assert a.metric is AmountMetric.DEAL_VALUE


def test_to_amount_prefers_the_article_conversion() -> None:
    m = _mention("CNY", 2.231e11, stated_usd=3.28e10, stated_usd_text="about 32.8 billion")
    a = to_amount(m, metric=AmountMetric.TRADE_VOLUME, fx=default_fx(), on=date(2018, 6, 1))
    assert (a.usd_value, a.usd_source, a.fx_rate) == (3.28e10, "article", None)


def test_to_amount_uses_the_dated_ecb_rate() -> None:
    m = _mention("CNY", 1e9)
    a = to_amount(
        m, metric=AmountMetric.OTHER, fx=default_fx(), on=date(2018, 11, 18), base_offset=100
    )
    rate = 1.1346 / 7.8859  # ECB 2018-11-16: USD 1.1346 and CNY 7.8859 per euro
    assert a.fx_rate == pytest.approx(rate, rel=1e-12)
    assert a.fx_date == date(2018, 11, 16)
    assert a.usd_value == pytest.approx(1e9 * rate, abs=0.01)
    assert a.usd_source == "fx_rate"
    assert a.span is not None and (a.span.start, a.span.end) == (110, 120)


def test_to_amount_latest_rate_when_undated() -> None:
    fx = FxRates(["Date,USD,JPY,", "2020-01-03,1.1,110,", "2020-01-02,1.2,120,"])
    a = to_amount(_mention("JPY", 1e6), metric=AmountMetric.OTHER, fx=fx, on=None)
    assert a.usd_value == pytest.approx(1e6 * 1.1 / 110)
    assert a.fx_date == date(2020, 1, 3)


@pytest.mark.parametrize(
    ("currency", "fx"), [("KES", default_fx()), ("CNY", None), (None, default_fx())]
)
def test_to_amount_without_a_rate_has_no_usd(currency: str | None, fx: FxRates | None) -> None:
    a = to_amount(_mention(currency, 5.0), metric=AmountMetric.OTHER, fx=fx, on=date(2019, 1, 1))
    assert (a.usd_value, a.usd_source, a.fx_rate, a.fx_date) == (None, None, None, None)


def test_seed_amounts(seed_paths: list[Path]) -> None:
    first = parse_plain_article(seed_paths[0].read_text()).text
    found = [(m.value, m.currency, m.approximate, m.stated_usd) for m in find_amounts(first)]
    assert found == [(5e8, "USD", True, None), (2e11, "USD", False, None)]
    second = parse_plain_article(seed_paths[1].read_text()).text
    rows = [(m.value, m.currency, m.unit, m.stated_usd) for m in find_amounts(second)]
    assert rows == [
        (33.7, None, "percent", None),
        (2.231e11, "CNY", None, 3.28e10),
        (2e11, "USD", None, None),
    ]


def test_currency_data_uses_iso_codes_only() -> None:
    data = json.loads(DATA.read_text("utf-8"))
    iso = {c.alpha_3 for c in pycountry.currencies} | set(data["historic_codes"])
    assert not set(data["historic_codes"]) & {c.alpha_3 for c in pycountry.currencies}
    sections = ("prefixes", "prefixes_needing_scale", "suffixes", "names")
    used = {code for s in sections for codes in data[s].values() for code in codes}
    assert used <= iso
    assert set(data["code_aliases"].values()) <= iso
    assert set(data["names_needing_scale"]) <= set(data["names"])
    alpha3 = {c.alpha_3 for c in pycountry.countries} | {"EUU"}
    assert {c for cs in data["code_countries"].values() for c in cs} <= alpha3


# Notations from many presses, worked by hand: (sentence, mention text, value, currency, hint)
NOTATIONS = [
    ("a US$1.2bn loan", "US$1.2bn", 1.2e9, "USD", ()),
    ("a USD1.2 billion loan", "USD1.2 billion", 1.2e9, "USD", ()),
    ("worth 1.2 billion U.S. dollars in", "1.2 billion U.S. dollars", 1.2e9, "USD", ()),
    ("a Sh580m tender", "Sh580m", 5.8e8, "KES", ("KEN",)),
    ("exports amounted to MK 96 billion", "MK 96 billion", 9.6e10, "MWK", ("MWI", "TZA")),
    ("KSh 580 million", "KSh 580 million", 5.8e8, "KES", ()),
    ("raised N500 billion from", "N500 billion", 5e11, "NGN", ("NGA",)),
    ("raised ₦500bn from", "₦500bn", 5e11, "NGN", ()),
    ("the 500 billion naira plan", "500 billion naira", 5e11, "NGN", ()),
    ("a R3.5 billion plant", "R3.5 billion", 3.5e9, "ZAR", ("ZAF",)),
    ("rand 3.5 billion", "rand 3.5 billion", 3.5e9, "ZAR", ()),
    ("Rp 10 trillion in", "Rp 10 trillion", 1e13, "IDR", ()),
    ("a RM2 billion plant", "RM2 billion", 2e9, "MYR", ()),
    ("Tk 5,000 crore in", "Tk 5,000 crore", 5e10, "BDT", ()),
    ("PKR 1.5 trillion in", "PKR 1.5 trillion", 1.5e12, "PKR", ()),
    ("a £1.2bn deal", "£1.2bn", 1.2e9, "GBP", ()),
    ("CHF 300 million in", "CHF 300 million", 3e8, "CHF", ()),
    ("SAR 10 billion in", "SAR 10 billion", 1e10, "SAR", ()),
    ("AED 5 billion in", "AED 5 billion", 5e9, "AED", ()),
    ("a Dh5bn park", "Dh5bn", 5e9, "AED", ()),
    ("E£3 billion in", "E£3 billion", 3e9, "EGP", ()),
    ("LE 3 billion in", "LE 3 billion", 3e9, "EGP", ()),
    ("TL 10 billion in", "TL 10 billion", 1e10, "TRY", ()),
    ("10 billion lira in", "10 billion lira", 1e10, "TRY", ()),
    ("won 1.5 trillion in", "won 1.5 trillion", 1.5e12, "KRW", ("KOR",)),
    ("1.5 trillion won in", "1.5 trillion won", 1.5e12, "KRW", ()),
    ("yen 200 billion in", "yen 200 billion", 2e11, "JPY", ()),
    ("a hub worth som 2 billion (about", "som 2 billion", 2e9, "KGS", ("KGZ",)),
    ("a $1.5-billion plant", "$1.5-billion", 1.5e9, "USD", ()),
    ("a $3 billion deal", "$3 billion", 3e9, "USD", ()),
    ("a 3 billion-dollar deal", "3 billion-dollar", 3e9, "USD", ()),
    ("a 3-billion-dollar deal", "3-billion-dollar", 3e9, "USD", ()),
    ("paid $500,000 for", "$500,000", 5e5, "USD", ()),
    ("half a billion dollars in", "half a billion dollars", 5e8, "USD", ()),
    ("1.5 lakh crore rupees in", "1.5 lakh crore rupees", 1.5e12, "INR", ()),
    ("Shs 580 million", "Shs 580 million", 5.8e8, "UGX", ("UGA",)),
    ("trade reached 612.4bn/- in 2024", "612.4bn/-", 6.124e11, "TZS", ("TZA",)),
    ("a 45bn/- tender", "45bn/-", 4.5e10, "UGX", ("UGA",)),
    ("investments worth P30.5 billion in", "P30.5 billion", 3.05e10, "PHP", ("PHL",)),
    ("contribute P1.1bn in equity", "P1.1bn", 1.1e9, "BWP", ("BWA",)),
    ("trade reached MAD 4.8 billion in", "MAD 4.8 billion", 4.8e9, "MAD", ()),
    ("a PEN 1.2 billion port", "PEN 1.2 billion", 1.2e9, "PEN", ()),
    ("a US$1,2 billion project", "US$1,2 billion", 1.2e9, "USD", ()),
    ("a R2,75bn loan", "R2,75bn", 2.75e9, "ZAR", ("ZAF",)),
    ("committed more than 400 billion FCFA", "more than 400 billion FCFA", 4e11, "XOF", ("CIV",)),
    ("exports worth M14.8bn in 2024", "M14.8bn", 1.48e10, "LSL", ("LSO",)),
    ("a deal valued at Rwf14.5 billion", "Rwf14.5 billion", 1.45e10, "RWF", ()),
    ("a BDS$12 million hub", "BDS$12 million", 1.2e7, "BBD", ()),
    ("a G$6 billion investment", "G$6 billion", 6e9, "GYD", ()),
    ("paying $US350 million for", "$US350 million", 3.5e8, "USD", ("AUS",)),
    ("about Bt18 billion in orders", "about Bt18 billion", 1.8e10, "THB", ()),
    ("worth around 407 billion crowns", "around 407 billion crowns", 4.07e11, "CZK", ("CZE",)),
    ("a project valued at AMD 7.8 billion", "AMD 7.8 billion", 7.8e9, "AMD", ("ARM",)),
    ("land bought for GEL 95 million", "GEL 95 million", 9.5e7, "GEL", ("GEO",)),
]


@pytest.mark.parametrize(("sentence", "text", "value", "currency", "countries"), NOTATIONS)
def test_notations(
    sentence: str, text: str, value: float, currency: str, countries: tuple[str, ...]
) -> None:
    [found] = find_amounts(sentence, countries=countries)
    assert (found.text, found.value, found.currency) == (text, value, currency)


@pytest.mark.parametrize(
    "sentence",
    [
        "Samsung won 3 billion in orders",
        "He won 2 million votes",
        "som 2 billion",  # a Kyrgyz som only in a story naming Kyrgyzstan
        "the yen 5 percent lower",
        "the crown jewels, 5 crowns",
        "AMD shares rose 5 percent",
    ],
)
def test_currency_words_before_numbers_need_a_scale_and_country(sentence: str) -> None:
    assert [m.currency for m in find_amounts(sentence, countries={"USA"})] in ([], [None])


@pytest.mark.parametrize(
    ("sentence", "value"),
    [("MAD 4 times over", None), ("they TRY 20 times", None), ("1,250 million euros", 1.25e9)],
)
def test_word_codes_need_a_scale_and_decimal_commas_two_digits(
    sentence: str, value: float | None
) -> None:
    money = [m.value for m in find_amounts(sentence) if m.currency]
    assert money == ([] if value is None else [value])


CP = "Ng told The Canadian Press that trade reached $55.9 billion, "
# (text, country hint, code of the bare "$" and of a bare "dollars")
LOCAL_DOLLARS = [
    (CP + "up 5 billion dollars.", {"CAN", "MEX", "USA"}, "CAD"),  # CP names the U.S. too
    ("Trade reached $55.9 billion, up 5 billion dollars.", {"CAN", "MEX"}, "CAD"),
    ("Trade reached $55.9 billion, up 5 billion dollars.", {"CAN", "MEX", "USA"}, "USD"),
    ("Trade reached $55.9 billion, up 5 billion dollars.", {"AUS", "CHN"}, "AUD"),
    ("Trade reached $55.9 billion, up 5 billion dollars.", {"NZL"}, "NZD"),
    ("Trade reached $55.9 billion, up 5 billion dollars.", {"SGP", "IDN"}, "SGD"),
    ("Trade reached $55.9 billion, up 5 billion dollars.", {"HKG"}, "HKD"),
    ("Trade reached $55.9 billion, up 5 billion dollars.", {"TWN"}, "TWD"),
    ("Trade reached $55.9 billion, up 5 billion dollars.", {"AUS", "NZL"}, "USD"),
    # of two dollar countries, the one whose own press is named ...
    ("Trade reached $55.9 billion, up 5 billion dollars, Stats NZ said.", {"FJI", "NZL"}, "NZD"),
    ("Trade reached $55.9 billion, up 5 billion dollars.", {"CHN", "BRA"}, "USD"),
    ("Trade reached $55.9 billion, up 5 billion dollars.", {"MEX"}, "USD"),
    ("Sales hit $55.9 billion pesos, up 5 billion dollars.", {"MEX"}, "MXN"),
    ("Trade reached $55.9 billion, up 5 billion dollars.", set(), "USD"),
]


@pytest.mark.parametrize(("text", "countries", "code"), LOCAL_DOLLARS)
def test_bare_dollar_follows_a_local_story(text: str, countries: set[str], code: str) -> None:
    found = [m for m in find_amounts(text, countries=countries) if m.currency]
    assert [(m.value, m.currency) for m in found] == [(55.9e9, code), (5e9, code)]


@pytest.mark.parametrize(("credit", "code"), [("RNZ Pacific", "NZD"), ("", "USD")])
def test_a_local_paper_writes_its_dollar_bare_after_its_own_mark(credit: str, code: str) -> None:
    """Reuters writes "NZ$28.5m ($17m)" (the bare one is US); RNZ "NZ$28.5m ... $196m"."""
    text = f"Aid of NZ$28.5m was pledged. Trade was about $196m. {credit}"
    found = [(m.value, m.currency) for m in find_amounts(text, countries={"NZL", "WSM"})]
    assert found == [(28.5e6, "NZD"), (196e6, code)]


def test_of_two_dollar_countries_a_bare_dollar_is_the_one_not_marked() -> None:
    text = "New Zealand will give Fiji $30 million. A hotel group will build a F$85m resort."
    found = [(m.value, m.currency) for m in find_amounts(text, countries={"FJI", "NZL"})]
    assert found == [(30e6, "NZD"), (85e6, "FJD")]


def test_marked_dollars_ignore_the_local_reading() -> None:
    found = find_amounts("US$2 billion and C$3 billion", countries={"CAN"})
    assert [m.currency for m in found] == ["USD", "CAD"]


def test_canadian_press_gold_article_reads_cad() -> None:
    path = Path(__file__).resolve().parents[2] / "gold/articles/19_canada_mexico_mission.txt"
    text = parse_plain_article(path.read_text("utf-8")).text
    found = find_amounts(text, countries={"CAN", "MEX", "USA", "CHN"})
    money = [(m.value, m.currency) for m in found if m.currency]
    assert money == [(56e9, "CAD"), (55.9e9, "CAD"), (41e9, "CAD")]


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("SYDNEY (Reuters) - The project costs $12.5 billion.", {"AUS", "JPN"}),
        ("It paid A$740 million ($486 million); the plant costs $12.5 billion.", {"AUS", "JPN"}),
        ("about 330 million Singapore dollars; a $100 million fund", {"SGP", "KEN"}),
    ],
)
def test_wire_or_marked_local_dollar_keeps_bare_dollar_usd(text: str, countries: set[str]) -> None:
    bare = [
        m for m in find_amounts(text, countries=countries) if m.text.lstrip("(").startswith("$")
    ]
    assert bare and all(m.currency == "USD" for m in bare)


def test_caller_can_give_the_story_dollar() -> None:
    [found] = find_amounts("trade reached $5 billion", countries={"USA"}, dollar="CAD")
    assert found.currency == "CAD"


@pytest.mark.parametrize(
    ("sentence", "stated"),
    [
        # dollars spelled out after another currency convert into USD, whatever the local dollar
        ("a fund worth CFA 150 billion (about 250 million dollars)", 250e6),
        ("a fund worth FCFA 150 billion, or 250 million dollars,", 250e6),
        # a named local dollar or a bare sign in a local story is no USD conversion
        ("a fund worth 2 billion yuan (about 400 million Australian dollars)", None),
        ("a fund worth 2 billion yuan ($280 million)", None),
    ],
)
def test_conversion_in_dollars_under_a_local_dollar(sentence: str, stated: float | None) -> None:
    [found] = find_amounts(sentence, countries={"SEN", "AUS", "CHN"}, dollar="AUD")
    assert found.stated_usd == stated


@pytest.mark.parametrize(
    ("sentence", "countries", "currency"),
    [
        ("a Nu 2 billion hydropower deal", {"BTN", "BGD"}, "BTN"),
        ("K1.2 billion for the highway", {"PNG", "AUS"}, "PGK"),
        ("K1.2 billion for copper", {"ZMB", "TZA"}, "ZMW"),
        ("a KD 120 million contract", {"KWT", "CHN"}, "KWD"),
        ("RO 60 million of investment", {"OMN", "JPN"}, "OMR"),
        ("Ks 300 billion in trade", {"MMR", "THA"}, "MMK"),
        ("RD$4 billion in exports", {"DOM", "HTI"}, "DOP"),
        ("FRw 50 billion for the port", {"RWA", "TZA"}, "RWF"),
    ],
)
def test_regional_prefixes(sentence: str, countries: set[str], currency: str) -> None:
    [found] = find_amounts(sentence, countries=countries)
    assert found.currency == currency
