"""Which trigger rule a sentence fires (data/triggers.json), with the scan `find_hits` runs."""

from __future__ import annotations

import pytest

from services.worker.extract.lexicon import trigger_rules
from services.worker.extract.triggers import raw_hits


def _fired(sentence: str) -> dict[str, str]:
    """Rule id -> the text it matched."""
    hits = raw_hits(sentence, sentence.lower(), 0, list(trigger_rules()))
    return {hit.rule.id: hit.text for hit in hits}


@pytest.mark.parametrize(
    ("sentence", "rule", "text"),
    [
        (
            "Japan is Vietnam's third-largest foreign investor, with registered capital "
            "totalling $77 billion.",
            "invest_verb",
            "third-largest foreign investor",
        ),
        (
            "Korea is Chile’s largest direct investor with $4 billion in projects.",
            "invest_verb",
            "largest direct investor",
        ),
        ("Seoul will invest $2 billion in Chile.", "invest_verb", "invest"),
    ],
)
def test_rule_fires(sentence: str, rule: str, text: str) -> None:
    assert _fired(sentence).get(rule) == text


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        # the ranking needs a sum after it, and a possessive before it
        ("Japan is Vietnam's largest investor by number of projects.", "invest_verb"),
        ("The largest investor, Japan, sent $5 billion.", "invest_verb"),
        ("Investors are interested in bonds.", "invest_verb"),
    ],
)
def test_rule_does_not_fire(sentence: str, rule: str) -> None:
    assert rule not in _fired(sentence)
