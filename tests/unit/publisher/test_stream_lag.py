"""Lag warnings against the stream's MAXLEN."""

from __future__ import annotations

import pytest

from services.publisher.stream import GroupPosition, group_positions, lag_warnings


@pytest.mark.parametrize(
    ("lag", "unread", "length", "expected"),
    [
        (0, 0, 1000, []),
        (799, 799, 1000, []),
        (800, 800, 1000, ["warning"]),
        (None, None, 1000, []),
        (1200, 1200, 1100, ["error"]),
        (None, 1500, 1000, ["error"]),
    ],
)
def test_lag_warnings(
    lag: int | None, unread: int | None, length: int, expected: list[str]
) -> None:
    found = lag_warnings(
        [GroupPosition("g", lag, unread)], length=length, maxlen=1000, fraction=0.8
    )
    assert [w.level for w in found] == expected


def test_positions_count_unread_from_entries_read() -> None:
    groups = [
        {"name": "a", "lag": 3, "entries-read": 7},
        {"name": "b", "lag": None, "entries-read": None},
    ]
    assert group_positions(groups, entries_added=10) == [
        GroupPosition("a", 3, 3),
        GroupPosition("b", None, None),
    ]
