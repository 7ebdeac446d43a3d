"""When a lead's fact happened, told by the sentences after it (fact_time._told_next)."""

from __future__ import annotations

from datetime import date

import pytest

from services.worker.extract import analyse
from shared.models import EventType
from tests.unit.extract.articles import article

# 2024-03-01 is a Friday: "on Monday" is 2024-02-26, "yesterday" 2024-02-29
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
