"""Time parsing for replay and the type/country filter of tail and replay."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.publisher.subscribe import EventFilter, parse_time
from shared.errors import InvalidInput

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
NOW_MS = 1714564800000


@pytest.mark.parametrize(
    ("text", "ms"),
    [
        ("2024-05-01T12:00:00Z", NOW_MS),
        ("2024-05-01T12:00:00", NOW_MS),
        ("2024-05-01T14:00:00+02:00", NOW_MS),
        ("2024-05-01", NOW_MS - 12 * 3600 * 1000),
        ("30m", NOW_MS - 30 * 60 * 1000),
        ("2h", NOW_MS - 2 * 3600 * 1000),
        ("7d", NOW_MS - 7 * 86400 * 1000),
        ("1714564800000-5", NOW_MS),
        ("1714564800000", NOW_MS),
    ],
)
def test_parse_time(text: str, ms: int) -> None:
    assert parse_time(text, NOW) == ms


@pytest.mark.parametrize("text", ["yesterday", "5x", "", "2024-13-01"])
def test_bad_time_is_a_clear_error(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_time(text, NOW)


@pytest.mark.parametrize(
    ("types", "countries", "fields", "keep"),
    [
        ((), (), {"event_type": "investment", "countries": "CHN,RUS"}, True),
        (("investment",), (), {"event_type": "investment", "countries": "CHN"}, True),
        (("trade_volume",), (), {"event_type": "investment", "countries": "CHN"}, False),
        ((), ("RUS",), {"event_type": "investment", "countries": "CHN,RUS"}, True),
        ((), ("USA",), {"event_type": "investment", "countries": "CHN,RUS"}, False),
        (("investment",), ("USA", "CHN"), {"event_type": "investment", "countries": "CHN"}, True),
        (("investment",), ("USA",), {"event_type": "investment", "countries": "CHN"}, False),
        ((), ("CHN",), {"event_type": "investment", "countries": ""}, False),
    ],
)
def test_filter(
    types: tuple[str, ...], countries: tuple[str, ...], fields: dict[str, str], keep: bool
) -> None:
    assert EventFilter(frozenset(types), frozenset(countries)).matches(fields) is keep
