"""Numbers as news writes them: digits with separators, words, scales."""

from __future__ import annotations

import pytest

from services.worker.extract.numbers import (
    is_year_like,
    number_starts,
    parse_number,
    qualifier_before,
    scale_factor,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,692", 2692.0),
        ("3.5", 3.5),
        ("1,234,567", 1234567.0),
        ("12,34,567", 1234567.0),  # Indian grouping
        ("223.1", 223.1),
        ("twenty", 20.0),
        ("twenty-five", 25.0),
        ("seventy two", 72.0),
        ("one hundred", 100.0),
        ("a hundred", 100.0),
        ("two hundred and fifty", 250.0),
        ("one and a half", 1.5),
        ("half a", 0.5),
        ("a", 1.0),
        ("an", 1.0),
        ("Five", 5.0),
        ("banana", None),
        ("", None),
        ("1.2.3", None),
    ],
)
def test_parse_number(text: str, expected: float | None) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, 1.0),
        ("", 1.0),
        ("bln", 1e9),
        (" billion", 1e9),
        ("-billion", 1e9),
        ("Billion", 1e9),
        ("bn", 1e9),
        ("b", 1e9),
        ("m", 1e6),
        ("mn", 1e6),
        (" mln", 1e6),
        ("k", 1e3),
        (" thousand", 1e3),
        (" trillion", 1e12),
        ("tn", 1e12),
        (" crore", 1e7),
        (" crores", 1e7),
        (" lakh", 1e5),
        (" lakh crore", 1e12),
    ],
)
def test_scale_factor(text: str | None, expected: float) -> None:
    assert scale_factor(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2020", True), ("1800", True), ("2100", True), ("1799", False), ("2101", False),
     ("2,020", False), ("20200", False), ("2020.5", False), ("120", False)],
)  # fmt: skip
def test_is_year_like(text: str, expected: bool) -> None:
    assert is_year_like(text) is expected


def test_number_starts_finds_each_number_once() -> None:
    # "2015" starts at 3, "2,800" at 9, "3.5" at 27 (after "$").
    assert number_starts("In 2015, 2,800 firms paid $3.5bn") == (3, 9, 27)
    assert number_starts("no digits here") == ()


# (text, where the number starts, where the qualifier starts, the qualifier)
@pytest.mark.parametrize(
    ("text", "number_at", "start", "qualifier"),
    [
        ("worth about $5", 12, 6, "about"),
        ("worth just over $5", 16, 6, "just over"),
        ("in (about 32.8", 10, 4, "about"),
        ("handsome $5", 9, 9, None),
        ("~$5", 1, 0, "about"),
        ("approx. 5", 8, 0, "approximately"),
        ("more\nthan 5", 10, 0, "more than"),
        ("more, than 5", 11, 11, None),
        ("worth 5", 6, 6, None),
    ],
)
def test_qualifier_before(text: str, number_at: int, start: int, qualifier: str | None) -> None:
    assert qualifier_before(text, number_at) == (start, qualifier)
