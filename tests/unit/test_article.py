"""The article contract: what producers may push, and how identity is computed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from shared.models import ArrivalKind, Article, ArticleIn
from shared.models.article import article_id_for, canonical_url, content_hash

NOW = datetime(2026, 1, 2, tzinfo=UTC)


@pytest.mark.parametrize(
    ("payload", "error"),
    [
        ({}, "non-empty 'text' or 'html'"),
        ({"text": "   "}, "non-empty 'text' or 'html'"),
        ({"text": "x", "url": "ftp://example.org/a"}, "http(s)"),
        ({"text": "x", "url": "/relative"}, "http(s)"),
        ({"text": "x", "unknown": 1}, "Extra inputs"),
        ({"text": "x" * 200_001}, "at most 200000"),
        ({"text": "x", "published_at": "yesterday"}, "published_at"),
        ({"text": "x", "language": "english"}, "language"),
    ],
)
def test_bad_submissions_have_clear_errors(payload: dict[str, object], error: str) -> None:
    with pytest.raises(ValidationError) as info:
        ArticleIn.model_validate(payload)
    assert error in str(info.value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2018-11-18", datetime(2018, 11, 18, tzinfo=UTC)),
        ("2018-11-18T10:00:00", datetime(2018, 11, 18, 10, tzinfo=UTC)),
        ("2018-11-18T10:00:00+03:00", datetime(2018, 11, 18, 7, tzinfo=UTC)),
    ],
)
def test_published_at_accepts_dates_and_naive_times_as_utc(value: str, expected: datetime) -> None:
    assert ArticleIn(text="x", published_at=value).published_at == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://Example.org/news/1/", "https://example.org/news/1"),
        ("https://example.org/n?utm_source=x&id=3", "https://example.org/n?id=3"),
        ("https://example.org/n?b=2&a=1", "https://example.org/n?a=1&b=2"),
        ("https://example.org:443/n#top", "https://example.org/n"),
    ],
)
def test_canonical_url_merges_variants(a: str, b: str) -> None:
    assert canonical_url(a) == canonical_url(b)


def test_different_pages_stay_different() -> None:
    assert canonical_url("https://example.org/n?id=3") != canonical_url(
        "https://example.org/n?id=4"
    )


def test_identity_prefers_url_then_guid_then_content() -> None:
    by_url = article_id_for("https://e.org/a", "g1", "T", "body")
    assert by_url == article_id_for("https://e.org/a/", "g2", "Other", "other body")
    assert article_id_for(None, "g1", "T", "body") == article_id_for(None, "g1", "X", "y")
    assert article_id_for(None, None, "T", "body") != article_id_for(None, None, "T", "body!")


def test_content_hash_ignores_whitespace_but_not_words() -> None:
    assert content_hash("T", "a  b\n c") == content_hash("T", "a b c")
    assert content_hash("T", "a b c") != content_hash("T", "a b d")


def test_build_computes_id_and_hash() -> None:
    article = Article.build(title="T", text="body", arrived_via=ArrivalKind.CLIENT, received_at=NOW)
    assert article.id == article_id_for(None, None, "T", "body")
    assert article.content_hash == content_hash("T", "body")
