"""Names of countries that only qualify something else: a currency's adjective."""

from __future__ import annotations

import pytest

from services.worker.extract.entities import names_a_currency
from services.worker.extract.gazetteer import Mention, gazetteer


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("a loan of 300 million US dollars", "US", True),
        ("a loan of 300 million US  Dollars", "US", True),  # any case, any run of whitespace
        ("a loan of 300 million US DOLLARS", "US", True),
        ("a loan of US$ 120 million", "US", True),
        ("prices in Chinese yuan rose", "Chinese", True),
        ("a loan of 300 million US dollarsigns", "US", False),  # a currency word, whole
        ("US officials said", "US", False),
        ("US-dollar bonds", "US", False),  # no whitespace after the name
        ("a deal with the US", "US", False),  # nothing after it
        ("500 million Kenya ſhillings", "Kenya", True),  # the long s, as re.IGNORECASE reads it
    ],
)
def test_names_a_currency(text: str, name: str, expected: bool) -> None:
    entity = gazetteer().lookup(name)
    assert entity is not None
    start = text.index(name)
    mention = Mention(start, start + len(name), name, entity)
    assert names_a_currency(text, mention) is expected
