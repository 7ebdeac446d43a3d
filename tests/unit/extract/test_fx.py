"""Dated USD reference rates: bundled ECB data, staleness, lazy loading."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from services.worker.extract.fx import FxRates, default_fx

# ECB format: units of each currency per euro; newest first, as the ECB publishes it.
_LINES = [
    "Date,USD,JPY,RUB,",
    "2020-01-03,1.1,120,70,",
    "2020-01-02,1.2,N/A,72,",
    "2019-12-01,1.0,110,N/A,",
]


@pytest.fixture(scope="module")
def small() -> FxRates:
    return FxRates(_LINES)


@pytest.mark.parametrize(
    ("currency", "on", "expected"),
    [
        ("EUR", date(2020, 1, 2), (1.2, date(2020, 1, 2))),
        ("JPY", date(2020, 1, 5), (1.1 / 120, date(2020, 1, 3))),  # weekend: last quote before
        ("JPY", date(2020, 1, 2), None),  # JPY missing that day; 2019-12-01 is 32 days old
        ("RUB", date(2020, 1, 2), (1.2 / 72, date(2020, 1, 2))),
        ("RUB", date(2020, 3, 1), (1.1 / 70, date(2020, 1, 3))),  # after the data: its end
        ("JPY", date(2019, 11, 30), None),  # before the data
        ("RUB", None, (1.1 / 70, date(2020, 1, 3))),  # latest
        ("KES", date(2020, 1, 3), None),  # never quoted
        ("USD", date(2020, 1, 3), (1.0, date(2020, 1, 3))),
    ],
)
def test_small_table(
    small: FxRates, currency: str, on: date | None, expected: tuple[float, date] | None
) -> None:
    found = small.usd_per_unit(currency, on)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert found[0] == pytest.approx(expected[0], rel=1e-12)
        assert found[1] == expected[1]


def test_staleness_limit_is_a_parameter() -> None:
    lenient = FxRates(_LINES, max_staleness_days=40)
    found = lenient.usd_per_unit("JPY", date(2020, 1, 2))
    assert found is not None
    assert found[0] == pytest.approx(1.0 / 110)
    assert found[1] == date(2019, 12, 1)


def test_loading_waits_for_the_first_lookup() -> None:
    consumed: list[bool] = []

    def lines() -> Iterator[str]:
        consumed.append(True)
        yield from _LINES

    rates = FxRates(lines())
    assert consumed == []
    assert rates.usd_per_unit("EUR", date(2020, 1, 3)) == (1.1, date(2020, 1, 3))
    assert consumed == [True]
    assert rates.currencies() == {"EUR", "JPY", "RUB", "USD"}
    assert rates.last_date == date(2020, 1, 3)


# Values below are the ECB rows themselves (eurofxref-hist.csv): USD and the currency per euro.
@pytest.mark.parametrize(
    ("currency", "on", "expected"),
    [
        # 2018-11-18 is a Sunday; Friday 2018-11-16: USD 1.1346, CNY 7.8859, INR 81.5735.
        ("CNY", date(2018, 11, 18), (1.1346 / 7.8859, date(2018, 11, 16))),
        ("INR", date(2018, 11, 18), (1.1346 / 81.5735, date(2018, 11, 16))),
        ("EUR", date(1999, 1, 4), (1.1789, date(1999, 1, 4))),  # the first day of the euro
        # The ECB last quoted RUB on 2022-03-01 (USD 1.1162, RUB 117.201).
        ("RUB", date(2022, 3, 3), (1.1162 / 117.201, date(2022, 3, 1))),
        ("RUB", date(2024, 1, 1), None),
        ("EUR", date(1998, 12, 31), None),
        ("KES", date(2018, 11, 18), None),
    ],
)
def test_bundled_ecb_history(currency: str, on: date, expected: tuple[float, date] | None) -> None:
    found = default_fx().usd_per_unit(currency, on)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert found[0] == pytest.approx(expected[0], rel=1e-12)
        assert found[1] == expected[1]


def test_default_is_one_instance() -> None:
    assert default_fx() is default_fx()
