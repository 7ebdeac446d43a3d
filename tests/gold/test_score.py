"""The scorer's arithmetic on hand-made gold and predictions, and the PLOVER labelling rule."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.conftest import KIT
from tests.gold.plover import actor_country, label_of, load_plover
from tests.gold.records import (
    GoldAmount,
    GoldArticle,
    GoldEvent,
    Money,
    PredEvent,
    Prediction,
    PredWhen,
)
from tests.gold.score import (
    CONFLICT,
    COOPERATION,
    OTHER,
    PR,
    Rate,
    amounts,
    classification,
    country_sets,
    dates,
    event_types,
    score_article,
    score_sentences,
    stated_usd,
    unique_money,
)


def ev(event_type: str, **kw: Any) -> GoldEvent:
    return GoldEvent.model_validate(
        {"event_type": event_type, "countries": ["AAA"], "evidence": "x", **kw}
    )


def amt(value: float, currency: str, **kw: Any) -> GoldAmount:
    return GoldAmount.model_validate({"text": "t", "value": value, "currency": currency, **kw})


@pytest.mark.parametrize(
    ("pr", "p", "r", "f1"),
    [
        (PR(3, 4, 3, 5), 0.75, 0.6, 0.9 / 1.35),
        (PR(), 1.0, 1.0, 1.0),
        (PR(0, 2, 0, 3), 0.0, 0.0, 0.0),
        (PR(1, 1, 1, 4), 1.0, 0.25, 0.4),
    ],
)
def test_pr_figures(pr: PR, p: float, r: float, f1: float) -> None:
    assert (pr.precision, pr.recall) == pytest.approx((p, r))
    assert pr.f1 == pytest.approx(f1)


def test_pr_and_rate_add_up() -> None:
    assert PR(1, 2, 3, 4) + PR(1, 1, 1, 1) == PR(2, 3, 4, 5)
    assert (Rate(1, 2) + Rate(2, 2)).value == pytest.approx(0.75)
    assert Rate().value == 1.0


def test_classification_counts() -> None:
    pairs = [(True, True), (True, False), (False, True), (False, False), (True, True)]
    total = sum((classification(g, p) for g, p in pairs), PR())
    assert total == PR(2, 3, 2, 3)


@pytest.mark.parametrize(
    ("pred", "exact", "pr"),
    [
        ({"AAA", "BBB", "CCC"}, True, PR(2, 2, 2, 2)),
        ({"AAA", "BBB"}, True, PR(2, 2, 2, 2)),
        ({"AAA"}, False, PR(1, 1, 1, 2)),
        ({"AAA", "BBB", "DDD"}, False, PR(2, 3, 2, 2)),
        (set(), False, PR(0, 0, 0, 2)),
    ],
)
def test_country_sets(pred: set[str], exact: bool, pr: PR) -> None:
    got = country_sets(frozenset({"AAA", "BBB"}), frozenset({"CCC"}), frozenset(pred))
    assert got == (exact, pr)


def test_event_types_by_type_within_article() -> None:
    gold = [
        ev("commercial_deal"),
        ev("trade_volume"),
        ev("trade_mission", optional=True),
        ev("trade_agreement", also_ok=["joint_project"]),
    ]
    pred = [
        PredEvent(t) for t in ("commercial_deal", "joint_project", "trade_mission", "investment")
    ]
    # recall: deal and agreement (as joint_project) found, volume missed; precision: the mission
    # matches only an optional event, so it is neither right nor wrong; investment is wrong.
    assert event_types(gold, pred) == PR(2, 3, 2, 3)
    assert event_types(gold, [PredEvent("commercial_deal"), PredEvent("commercial_deal")]) == PR(
        1, 1, 1, 3
    )
    assert event_types([], [PredEvent("investment")]) == PR(0, 1, 0, 0)


def test_amounts_match_within_one_percent_and_same_currency() -> None:
    gold = [
        amt(500e6, "USD"),
        amt(223.1e9, "CNY", usd=32.8e9),
        amt(4e9, "EUR", optional=True),
    ]
    pred = [
        Money(502e6, "USD"),  # 0.4% off: the same sum
        Money(32.8e9, "USD"),  # the stated conversion: right, but does not recall the yuan
        Money(4e9, "EUR"),  # an optional sum: neutral
        Money(7e9, "USD"),  # wrong
        Money(500e6, "USD"),  # a repeat of the first
    ]
    assert amounts(gold, pred) == PR(2, 3, 1, 2)


@pytest.mark.parametrize(
    ("pred", "hit"),
    [
        (Money(100.0, "USD"), True),
        (Money(100.99, "USD"), True),
        (Money(99.01, "USD"), True),
        (Money(101.5, "USD"), False),
        (Money(100.0, "EUR"), False),
        (Money(100e3, "USD"), False),
    ],
)
def test_amount_tolerance_and_currency(pred: Money, hit: bool) -> None:
    assert amounts([amt(100.0, "USD")], [pred]) == PR(int(hit), 1, int(hit), 1)


def test_equivalents_count_as_right_but_only_the_primary_recalls() -> None:
    gold = [amt(1.1e9, "USD", equivalents=[{"value": 17.9e12, "currency": "IDR"}])]
    assert amounts(gold, [Money(17.9e12, "IDR")]) == PR(1, 1, 0, 1)
    assert amounts(gold, [Money(1.1e9, "USD"), Money(17.9e12, "IDR")]) == PR(2, 2, 1, 1)


def test_unique_money_keeps_first_of_near_duplicates() -> None:
    got = unique_money([Money(1e9, "USD"), Money(1.005e9, "USD"), Money(1e9, "EUR")])
    assert got == [Money(1e9, "USD"), Money(1e9, "EUR")]


def test_stated_usd_needs_the_primary_sum_with_its_usd_value() -> None:
    gold = [
        amt(223.1e9, "CNY", usd=32.8e9),
        amt(5e9, "USD"),
        amt(1e9, "RUB", usd=1e7, optional=True),
    ]
    assert stated_usd(gold, [Money(223.1e9, "CNY", 32.9e9)]) == Rate(1, 1)
    assert stated_usd(gold, [Money(223.1e9, "CNY", None)]) == Rate(0, 1)
    assert stated_usd(gold, [Money(223.1e9, "CNY", 30e9)]) == Rate(0, 1)


def test_dates_checked_on_events_of_an_accepted_type() -> None:
    day = date(2024, 2, 13)
    gold = [
        ev("trade_agreement", when={"start": "2024-02-13", "end": "2024-02-13"}),
        ev("trade_target", when={"end": "2030-12-31"}),
        ev("investment", when={"resolved": False}),
        ev("trade_volume", when={"start": "2023-01-01"}, optional=True),
    ]
    pred = [
        PredEvent("trade_agreement", when=PredWhen(day, day, True)),
        PredEvent("trade_target", when=PredWhen(date(2024, 2, 14), date(2030, 12, 31), True)),
        PredEvent("investment", when=None),
    ]
    assert dates(gold, pred) == Rate(3, 3)
    wrong = [
        PredEvent("commercial_deal", when=PredWhen(day, day, True)),
        PredEvent("trade_target", when=PredWhen(None, date(2030, 1, 1), True)),
        PredEvent("investment", when=PredWhen(day, day, True)),
    ]
    assert dates(gold, wrong) == Rate(0, 3)


def _negative() -> GoldArticle:
    return GoldArticle.model_validate(
        {
            "file": "n.txt",
            "published": None,
            "is_trade_cooperation": False,
            "topic": "t",
            "negative_kind": "tariffs",
        }
    )


def test_events_from_a_negative_are_all_wrong() -> None:
    pred = Prediction(
        True, frozenset({"USA"}), (PredEvent("trade_volume", (), (Money(1e9, "USD"),)),)
    )
    f = score_article(_negative(), pred)
    assert f.classification == PR(0, 1, 0, 0)
    assert f.amounts == PR(0, 1, 0, 0)
    assert f.event_types == PR(0, 1, 0, 0)
    assert f.negatives_with_events == Rate(1, 1)
    assert f.country_exact == Rate()  # countries are judged on true positives only


def test_sentences_scored_with_conflict_and_countries() -> None:
    yes = Prediction(True, frozenset({"USA", "JOR"}))
    no = Prediction(False)
    items = [
        (COOPERATION, frozenset({"USA", "JOR"}), yes),
        (COOPERATION, frozenset({"FIN", "TZA"}), Prediction(True, frozenset({"FIN"}))),
        (COOPERATION, frozenset({"CHN"}), no),
        (CONFLICT, frozenset({"USA"}), yes),
        (OTHER, frozenset(), no),
    ]
    f = score_sentences(items)
    assert f.classification == PR(2, 3, 2, 3)
    assert f.conflict_as_cooperation == Rate(1, 1)
    assert f.country_exact == Rate(1, 2)
    assert f.country_codes == PR(3, 3, 3, 4)


@pytest.mark.parametrize(
    ("event", "context", "label"),
    [
        ("AGREE", "economic", COOPERATION),
        ("AID", "economic, refugees", COOPERATION),
        ("SANCTION", "diplomatic, economic", CONFLICT),
        ("THREATEN", "economic", CONFLICT),
        ("AGREE", "military", OTHER),
        ("DEMAND", "economic", OTHER),
        ("AGREE", "", OTHER),
    ],
)
def test_plover_label_rule(event: str, context: str, label: str) -> None:
    assert label_of(event, context) == label


@pytest.mark.parametrize(
    ("actor", "code"),
    [
        ({"code": "USA", "actorText": "United States"}, "USA"),
        ({"code": "JAP", "actorText": "Japan"}, "JPN"),
        ({"code": "ITL", "actorText": "Italy"}, "ITA"),
        ({"code": "IGO", "actorText": "European Community"}, "EUU"),
        ({"code": "IGO", "actorText": "United Nations"}, None),
        ({"code": "NGO", "actorText": "Red Cross"}, None),
    ],
)
def test_plover_actor_country(actor: dict[str, str], code: str | None) -> None:
    assert actor_country(actor) == code


def test_plover_file_yields_the_counts_read_by_hand() -> None:
    sentences = load_plover(KIT / "eval" / "plover_gsr.json")
    assert len(sentences) == 322  # 323 records less the DOCUMENT header
    coop = {s.id: s.countries for s in sentences if s.label == COOPERATION}
    assert len(coop) == 11
    assert sum(1 for s in sentences if s.label == CONFLICT) == 12
    assert coop["PLOVER-GSR01-AGREE-0012"] == {"EUU", "ROU", "POL"}
    assert coop["PLOVER-GSR01-AGREE-0011"] == {"FIN", "TZA"}
