"""The extractor on the gold set, the seeds and PLOVER: each figure must stay above its bar."""

from __future__ import annotations

import pytest

from tests.gold.predict import load_analyse
from tests.gold.report import Results, evaluate

# Set a little under what the extractor reached on 2026-11-25 (in brackets), never under the
# issue's targets (classification F1 0.9, country-set exact 0.8, amounts R 0.85 at P 0.9).
BARS: dict[str, float] = {
    # the seeds: every fact DESIGN.md lists must come out
    "seeds.classification.f1": 1.0,  # (1.0)
    "seeds.countries.exact": 1.0,  # (1.0)
    "seeds.event_types.recall": 1.0,  # (1.0)
    "seeds.amounts.recall": 1.0,  # (1.0)
    "seeds.amounts.precision": 1.0,  # (1.0)
    "seeds.stated_usd": 1.0,  # (1.0)
    "seeds.dates": 1.0,  # (1.0)
    # the written articles
    "gold.classification.f1": 0.97,  # (0.995, 1,596 articles)
    # (0.987: 9 of 677 hard negatives give events: a domestic plant whose equipment came from
    # abroad (706) read as a deal with the supplier's country, a miller whose flour goes "to
    # Zambia, Malawi and Burundi" (779), a defence pact that also names industry (820), two
    # foreign shipping lines that "both agreed" to call at a port (609), foreign stakes in
    # domestic hydrogen valleys (1352), a copper market report's exports to China (1419), a
    # dairy auction report, a Sahel import levy and a palm oil futures report of the last two
    # blind batches (1553, 1559, 1582)); lowered from 0.99 when 733-780 joined
    "gold.negatives_clean": 0.98,
    "gold.countries.exact": 0.95,  # (0.985)
    "gold.event_types.f1": 0.94,  # (0.948)
    # (0.948) back to 0.92 (it was 0.9 while 493-540's later-sentence sums were unread)
    "gold.amounts.recall": 0.92,
    "gold.amounts.precision": 0.97,  # (0.982)
    "gold.stated_usd": 0.9,  # (0.943, 437 sums)
    # (0.887; 1213-1236 and later batches annotate financial years such as "2024-25", still
    # read as calendar years) raised from 0.87 when a weekday after a past participle
    # ("documents signed in the capital on Tuesday") stopped reading as the next one;
    # 0.85 -> 0.87 when a lead's deal took the day the next sentences tell; lowered from 0.86
    # when 781-828 joined (0.717 at first sight)
    "gold.dates": 0.88,
    # PLOVER sentences: one-sentence inputs from the CAMEO manual, not tuned against
    "plover.classification.f1": 0.7,  # (0.706)
    "plover.conflict_clean": 0.95,  # (1.0)
    "plover.countries.exact": 0.8,  # (1.0, 6 sentences)
}


@pytest.fixture(scope="module")
def results() -> Results:
    return evaluate(load_analyse())


@pytest.mark.parametrize("name", sorted(BARS))
def test_figure_meets_its_bar(results: Results, name: str) -> None:
    got = results.flat()[name]
    assert got >= BARS[name], f"{name} = {got:.3f}, below its bar {BARS[name]}"


def test_every_bar_names_a_figure(results: Results) -> None:
    assert set(BARS) <= set(results.flat())
