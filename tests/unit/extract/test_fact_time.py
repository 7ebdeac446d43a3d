"""When a lead's fact happened, told by the sentences after it (fact_time._told_next)."""

from __future__ import annotations

from datetime import date

import pytest

from services.worker.extract import analyse
from shared.models import EventType
from tests.unit.extract.articles import article

# 2024-03-01 is a Friday: "on Monday" is 2024-02-26, "yesterday" 2024-02-29
RECEIVED_DAY = date(2024, 3, 1)  # the publication day `article` gives
LEAD = "Dutch horticulture firms will invest $45 million in cold storage facilities in Kenya"
CASES = [
    # the next sentence tells the day it was announced or signed
    (f"{LEAD}. The investment was announced in Nairobi yesterday.", date(2024, 2, 29)),
    (
        f"{LEAD}, the ministry said on Thursday. The consortium signed an agreement with the "
        "Kenya Investment Authority in Nairobi on Monday.",
        date(2024, 2, 26),
    ),
    (f"{LEAD}. Talks began in January. The deal was signed on Monday.", date(2024, 2, 26)),
    # a planned day before it is passed over, not the end of the search
    (
        f"{LEAD}. Work will start next Tuesday. The deal was signed on Monday.",
        date(2024, 2, 26),
    ),
    # the report's day alone still dates it
    (f"{LEAD}, the ministry said on Thursday.", date(2024, 2, 29)),
    # the lead's own day is not overridden
    (f"{LEAD} from April. The plan was announced yesterday.", date(2024, 4, 1)),
    # a day without a signing or an announcement is not the deal's
    (f"{LEAD}. Kenya's flower exports rose on Monday.", None),
    # too far after the lead
    (f"{LEAD}. Talks began in January. Both sides met. It was signed on Monday.", None),
]


@pytest.mark.parametrize(("text", "day"), CASES)
def test_a_leads_deal_takes_the_day_told_next(text: str, day: date | None) -> None:
    events = analyse(article("Dutch firms invest in Kenya cold chain", text)).events
    investments = [e for e in events if e.event_type is EventType.INVESTMENT]
    assert investments, [e.event_type for e in events]
    when = investments[0].when
    assert (when.start if when is not None and when.resolved else None) == day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # the deliveries lie ahead; the signing is the lead's day
        (
            "Turkey and Hungary signed 12 agreements in Ankara on Monday. "
            "Turkey's BOTAS and Hungary's MVM signed "
            "a deal for the supply of 275 million cubic meters of gas to Hungary in 2026.",
            date(2024, 2, 26),
        ),
        # a period before the week of the publication day still dates it
        (
            "Turkey and Hungary signed 12 agreements in Ankara on Monday. "
            "Turkey's BOTAS and Hungary's MVM signed "
            "a deal in January for the supply of 275 million cubic meters of gas to Hungary.",
            date(2024, 1, 1),
        ),
    ],
)
def test_a_signed_deal_is_not_dated_by_the_period_ahead(text: str, day: date) -> None:
    events = analyse(article("Turkey, Hungary sign gas deal", text)).events
    deals = [e for e in events if e.event_type is EventType.COMMERCIAL_DEAL]
    assert deals, [e.event_type for e in events]
    assert all(e.when is not None and e.when.start == day for e in deals)


def test_a_deal_to_be_signed_keeps_the_period_ahead() -> None:
    text = "Turkey's BOTAS and Hungary's MVM will sign a deal to supply gas to Hungary in 2026."
    events = analyse(article("Turkey, Hungary to sign gas deal", text)).events
    assert events, "no event"
    assert all(e.when is not None and e.when.start == date(2026, 1, 1) for e in events)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        # the years say how long the money flows; the day it was pledged dates the fact
        (
            "Saudi Arabia will invest $15 billion in Egypt over the next five years, the "
            "Egyptian cabinet said on Wednesday.",
            date(2024, 2, 28),
        ),
        # with nothing else to date it, the span does
        ("Saudi Arabia will invest $15 billion in Egypt over the next five years.", RECEIVED_DAY),
    ],
)
def test_a_span_ahead_dates_a_pledge_only_when_nothing_else_does(text: str, start: date) -> None:
    events = analyse(article("Saudi Arabia to invest in Egypt", text)).events
    investments = [e for e in events if e.event_type is EventType.INVESTMENT]
    assert investments, [e.event_type for e in events]
    when = investments[0].when
    assert when is not None and when.start == start


@pytest.mark.parametrize(
    ("second", "when"),
    [
        # a later mention's days inside the first one's week say when it was
        ("She led a delegation of 34 Canadian companies to Manila on Monday and Tuesday.",
         (date(2024, 2, 26), date(2024, 2, 27))),
        # a later mention no narrower keeps the first one's
        ("She led a delegation of 34 Canadian companies to Manila last month.",
         (date(2024, 2, 26), date(2024, 3, 3))),
    ],
)  # fmt: skip
def test_a_later_mentions_days_narrow_a_missions_week(second: str, when: tuple[date, date]) -> None:
    text = (
        "Canadian farm exporters are on a trade mission to the Philippines this week, led by "
        f"the agriculture minister. {second}"
    )
    events = analyse(article("Canadian farm mission to Manila", text)).events
    missions = [e.when for e in events if e.event_type is EventType.TRADE_MISSION]
    assert [(w.start, w.end) for w in missions if w is not None] == [when]
