"""Boilerplate stripping: forum footers, share/cookie/copyright lines and wire credits go."""

from __future__ import annotations

import pytest

from services.worker.extract.boilerplate import is_boilerplate, strip_boilerplate

CASES = [
    (
        "seed footer",
        'bringing mutual trade to 200 billion dollars by 2020," said Oreshkin. |\n'
        "Powered by Discuz! X3.4\n© 2001-2013 Comsenz Inc.",
        'bringing mutual trade to 200 billion dollars by 2020," said Oreshkin.',
    ),
    (
        "share row and social buttons",
        "Para one.\n\nShare this article\nFacebook Twitter WhatsApp\n\nPara two.",
        "Para one.\n\nPara two.",
    ),
    (
        "cookie and rights notice",
        "Kenya and Uganda signed a deal.\nWe use cookies to improve your experience.\n"
        "Copyright 2024 Daily News. All rights reserved.",
        "Kenya and Uganda signed a deal.",
    ),
    (
        "wire credits and rate note",
        "Body text.\n\n($1 = 1.5228 Australian dollars)\n\n"
        "(Reporting by Sameer Manekar in Bengaluru; Editing by Sherry Jacob-Phillips)",
        "Body text.",
    ),
    (
        "related links and tags",
        "Body.\nRelated: China, Russia sign grain deal\nTags: trade, Russia",
        "Body.",
    ),
    (
        "blank lines collapse to one",
        "One.\n\n\n\nTwo.\n\n",
        "One.\n\nTwo.",
    ),
    (
        "reporting that mentions copyright stays",
        "The pact covers copyright protection and trade in creative goods.",
        "The pact covers copyright protection and trade in creative goods.",
    ),
]


@pytest.mark.parametrize(("name", "raw", "clean"), CASES, ids=[c[0] for c in CASES])
def test_strip_boilerplate(name: str, raw: str, clean: str) -> None:
    assert strip_boilerplate(raw) == clean


LINES = [
    ("Powered by Discuz! X3.4", True),
    ("© 2001-2013 Comsenz Inc.", True),
    ("Subscribe to our newsletter", True),
    ("| | |", True),
    ("Read more: Asian markets", True),
    ("(Editing by Jane Doe)", True),
    ("China and Russia signed a string of contracts.", False),
    ("Sharing of data was part of the deal.", False),
    ("", False),
]


@pytest.mark.parametrize(("line", "expected"), LINES)
def test_is_boilerplate(line: str, expected: bool) -> None:
    assert is_boilerplate(line) is expected
