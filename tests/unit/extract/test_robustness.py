"""Whatever the text, analysis returns: random word salad with numbers, scripts and symbols."""

from __future__ import annotations

import random
import string
from datetime import UTC, datetime

import pytest

from services.worker.extract import analyse
from shared.models import ArrivalKind, Article

_WORDS = [
    "billion",
    "million",
    "trillion",
    "crore",
    "lakh",
    "trade",
    "signed",
    "agreement",
    "deal",
    "invest",
    "China",
    "Russia",
    "Kenya",
    "yuan",
    "shillings",
    "$",
    "€",
    "Rs",
    "US$",
    "2024",
    "in",
    "the",
    "next",
    "years",
    "months",
    "by",
    "end",
    "of",
    "about",
    "over",
    "to",
    "Q2",
    "first",
    "half",
    "Nov.",
    "5-10",
    "Monday",
    "Sino-",
    "Beijing",
    "said",
    "tariffs",
    "ban",
    "(",
    ")",
    ",",
    ".",
    ";",
    "-",
    "1.5",
    "3,000",
    "½",
    "5²",
]
_NOISE = string.ascii_letters + string.digits + " .,;:-$€£¥%()\n²³½①٣۵०İıſ"


def _salad(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(5, 120)):
        if rng.random() < 0.7:
            parts.append(rng.choice(_WORDS))
        else:
            parts.append("".join(rng.choice(_NOISE) for _ in range(rng.randint(1, 6))))
    return " ".join(parts)


@pytest.mark.parametrize("seed", range(8))
def test_analyse_never_raises_and_offsets_hold(seed: int) -> None:
    rng = random.Random(seed)
    for i in range(150):
        text = _salad(rng)
        article = Article.build(
            title=_salad(rng)[:80],
            text=text,
            arrived_via=ArrivalKind.FILE,
            received_at=datetime(2025, 1, 1, tzinfo=UTC),
            published_at=datetime(2024, 6, 1, tzinfo=UTC) if i % 2 else None,
        )
        result = analyse(article)
        for event in result.events:
            span = event.evidence
            assert result.clean_text[span.start : span.end] == span.sentence
