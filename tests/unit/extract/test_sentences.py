"""Sentence splitting: abbreviations, dates, decimals and quotes do not end sentences."""

from __future__ import annotations

import pytest

from services.worker.extract.sentences import split_sentences

CASES = [
    (
        "country abbreviation then a new sentence",
        "Exports to the U.S. rose. The U.S. President met Apple Inc. officials on Nov. 5.",
        ["Exports to the U.S. rose.", "The U.S. President met Apple Inc. officials on Nov. 5."],
    ),
    (
        "a date glued to the month",
        "The CIIE, held in Shanghai on Nov.5-10, is the first of its kind. It drew crowds.",
        ["The CIIE, held in Shanghai on Nov.5-10, is the first of its kind.", "It drew crowds."],
    ),
    (
        "titles and decimals",
        "Mr. Li said trade grew 33.7 percent. It was a record.",
        ["Mr. Li said trade grew 33.7 percent.", "It was a record."],
    ),
    (
        "quotes",
        '"We believe it," he said. "It is done." Then he left.',
        ['"We believe it," he said.', '"It is done."', "Then he left."],
    ),
    (
        "company suffixes",
        "Samsung Electronics Co. Ltd. signed a deal. The deal is big.",
        ["Samsung Electronics Co. Ltd. signed a deal.", "The deal is big."],
    ),
    (
        "paragraph breaks end sentences",
        "A headline without a full stop\n\nBody starts here.",
        ["A headline without a full stop", "Body starts here."],
    ),
    (
        "ellipsis inside a quote",
        '"The results are positive...Russian companies were in demand," he said.',
        ['"The results are positive...Russian companies were in demand," he said.'],
    ),
    ("question and exclamation", "Why now? Because! Fine.", ["Why now?", "Because!", "Fine."]),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_split_sentences(name: str, text: str, expected: list[str]) -> None:
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_empty_text_has_no_sentences() -> None:
    assert split_sentences("   \n ") == []
