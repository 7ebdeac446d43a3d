"""The gold set itself: complete, consistent with its texts, and as varied as the issue asks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shared.textformat import parse_plain_article
from tests.conftest import SEEDS_DIR
from tests.gold.records import ARTICLES_DIR, GoldArticle, load_gold

GOLD = load_gold()
WRITTEN = [g for g in GOLD if not g.is_seed]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _text(g: GoldArticle) -> str:
    return _flat(g.path(SEEDS_DIR).read_text(encoding="utf-8"))


def test_every_file_is_annotated_once() -> None:
    files = sorted(p.name for p in ARTICLES_DIR.glob("*.txt"))
    assert sorted(g.file for g in WRITTEN) == files
    seeds = sorted(p.name for p in SEEDS_DIR.glob("*.txt"))
    assert sorted(g.file.removeprefix("seed:") for g in GOLD if g.is_seed) == seeds


def test_size_and_balance() -> None:
    negatives = [g for g in WRITTEN if not g.is_trade_cooperation]
    assert len(WRITTEN) >= 45 and len(negatives) >= 18
    assert len({g.negative_kind for g in negatives}) >= 10
    china_russia = [g for g in GOLD if {"CHN", "RUS"} <= set(g.countries)]
    assert len(china_russia) <= 2, "the written set must not be about China and Russia"
    pairs = {tuple(g.countries) for g in WRITTEN if g.is_trade_cooperation}
    assert len(pairs) >= 25


@pytest.mark.parametrize("g", WRITTEN, ids=lambda g: g.file)
def test_written_article_shape(g: GoldArticle) -> None:
    raw = (ARTICLES_DIR / g.file).read_bytes()
    assert 1500 <= len(raw) <= 5000
    first = raw.decode("utf-8").split("\n", 1)[0]
    assert first.startswith(" date ") == (g.published is not None)


@pytest.mark.parametrize("g", GOLD, ids=lambda g: g.file)
def test_published_date_matches_header(g: GoldArticle) -> None:
    parsed = parse_plain_article(g.path(SEEDS_DIR).read_text(encoding="utf-8"))
    got = parsed.published_at.date() if parsed.published_at else None
    assert got == g.published


@pytest.mark.parametrize("g", GOLD, ids=lambda g: g.file)
def test_evidence_and_amount_texts_are_quoted_from_the_article(g: GoldArticle) -> None:
    text = _text(g)
    for event in g.events:
        position = 0
        for piece in re.split(r"\s*\.\.\.\s*", event.evidence):
            found = text.find(_flat(piece), position)
            assert found >= 0, f"evidence piece not in text: {piece!r}"
            position = found + len(piece)
        for amount in event.amounts:
            assert _flat(amount.text) in text, amount.text


@pytest.mark.parametrize("g", [g for g in GOLD if g.is_trade_cooperation], ids=lambda g: g.file)
def test_event_countries_are_article_parties(g: GoldArticle) -> None:
    allowed = set(g.countries) | set(g.countries_optional)
    for event in g.events:
        assert event.countries == sorted(set(event.countries))
        assert set(event.countries) <= allowed
    assert set().union(*(e.countries for e in g.events if not e.optional)) == set(g.countries)


def test_seed_facts_from_the_design_are_annotated() -> None:
    by_file = {g.file: g for g in GOLD}
    seed_amounts = {
        (a.value, a.currency, a.usd)
        for g in by_file.values()
        if g.is_seed
        for e in g.events
        if not e.optional
        for a in e.amounts
    }
    assert {(500e6, "USD", None), (223.1e9, "CNY", 32.8e9), (200e9, "USD", None)} <= seed_amounts


def test_paths_resolve() -> None:
    assert all(isinstance(g.path(SEEDS_DIR), Path) and g.path(SEEDS_DIR).is_file() for g in GOLD)
