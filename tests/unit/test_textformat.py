"""Reading the seeds' plain-text format and telling it from HTML and JSON."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from shared.articlefile import article_from_text
from shared.errors import InvalidInput
from shared.textformat import normalise_paragraphs, parse_plain_article


@pytest.mark.parametrize(
    ("raw", "title", "date", "text"),
    [
        (
            " date 2018-11-18 Import expo boosts ties\n\nFirst.\n\n\n\nSecond.\n",
            "Import expo boosts ties",
            datetime(2018, 11, 18, tzinfo=UTC),
            "First.\n\nSecond.",
        ),
        ("date 2020-02-29 Leap\nBody", "Leap", datetime(2020, 2, 29, tzinfo=UTC), "Body"),
        ("One long paragraph. |\nPowered by X", "", None, "One long paragraph. |\nPowered by X"),
        (" date 2019-02-30 Bad date\nBody", "Bad date", None, "Body"),
        ("\ufeff date 2018-01-01 BOM\r\nBody\r\n", "BOM", datetime(2018, 1, 1, tzinfo=UTC), "Body"),
        # undated: a short first paragraph without a full stop is the headline
        (
            "Kenya, Uganda sign deal\n\nBody one.\n\nTwo.",
            "Kenya, Uganda sign deal",
            None,
            "Body one.\n\nTwo.",
        ),
        ("A sentence, not a headline.\n\nBody.", "", None, "A sentence, not a headline.\n\nBody."),
        ("Two-line\nopening\n\nBody.", "", None, "Two-line\nopening\n\nBody."),
        ("Headline alone\n\n", "", None, "Headline alone"),
    ],
)
def test_parse_plain_article(raw: str, title: str, date: datetime | None, text: str) -> None:
    parsed = parse_plain_article(raw)
    assert (parsed.title, parsed.published_at, parsed.text) == (title, date, text)


def test_normalise_paragraphs_keeps_single_breaks() -> None:
    assert normalise_paragraphs("a  \n\n\n\nb\nc") == "a\n\nb\nc"


@pytest.mark.parametrize(
    ("raw", "name", "field", "expected"),
    [
        ('{"title": "T", "text": "Body"}', "a.json", "title", "T"),
        ("<!doctype html><html><body><p>Hi</p></body></html>", "a.html", "html", "<!doctype html>"),
        (" date 2018-11-18 T\nBody", "a.txt", "title", "T"),
    ],
)
def test_article_from_text_detects_format(raw: str, name: str, field: str, expected: str) -> None:
    value = getattr(article_from_text(raw, name=name), field)
    assert value.startswith(expected)


@pytest.mark.parametrize("raw", ['{"title": 5}', '{"text": "x", "evil": true}', "{not json"])
def test_bad_json_submission_is_invalid_input(raw: str) -> None:
    with pytest.raises(InvalidInput, match="not a valid article"):
        article_from_text(raw, name="x.json")
