"""Main text from HTML pages: the page's own headline is not part of the article's text."""

from __future__ import annotations

import pytest

from shared.htmltext import extract_page, without_headline

TITLE = "Saudi Arabia, South Korea sign 46 deals worth $21bn"
LEAD = "RIYADH: Saudi Arabia and South Korea on Sunday signed 46 investment agreements."


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        (f"{TITLE}\n{LEAD}", TITLE, LEAD),
        (f"{TITLE} | Gulf News\n{LEAD}", TITLE, LEAD),
        (f"{TITLE.upper()}.\n{LEAD}", TITLE, LEAD),
        # a first paragraph that merely starts like a short title stays
        ("Trade talks resumed on Monday in Kampala.\nMore.", "Trade talks", None),
        ("Kenya deal\nMore.", "Kenya deal", None),  # too short to be sure
        (TITLE, TITLE, None),  # nothing else on the page: keep what there is
        (f"A different opening line of the story\n{LEAD}", TITLE, None),
    ],
)
def test_without_headline(text: str, title: str, expected: str | None) -> None:
    assert without_headline(text, title) == (text if expected is None else expected)


def test_page_h1_repeating_the_title_is_dropped_from_the_text() -> None:
    paragraphs = "".join(
        f"<p>{LEAD} Paragraph {i} has enough words to count.</p>" for i in range(4)
    )
    page = (
        f"<html><head><title>{TITLE} | Example News</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{TITLE}</h1>{paragraphs}</article>"
        "<footer>© 2025 Example News</footer></body></html>"
    )
    result = extract_page(page)
    assert result.text.startswith("RIYADH:")
    assert TITLE not in result.text
