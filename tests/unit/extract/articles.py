"""Articles built as the file drop builds them, for the extractor's unit tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from shared.models import ArrivalKind, Article

RECEIVED = datetime(2025, 1, 1, tzinfo=UTC)  # fixed, so ids are the same on every run


def article(title: str, text: str, published: date | None = date(2024, 3, 1)) -> Article:
    """An article published on `published` (a Friday by default), or undated."""
    when = (
        datetime(published.year, published.month, published.day, tzinfo=UTC) if published else None
    )
    return Article.build(
        title=title,
        text=text,
        arrived_via=ArrivalKind.FILE,
        received_at=RECEIVED,
        published_at=when,
    )
