"""The stem index: every anchor suits the fast scan, which finds what the plain one does."""

from __future__ import annotations

import pytest

from services.worker.extract.sentences import split_sentences
from services.worker.extract.stems import (
    _FAST_STEM,
    StemIndex,
    _fast_scan,
    _stem_scanner,
)
from tests.gold.records import ARTICLES_DIR


def test_every_anchor_stem_suits_the_fast_scan() -> None:
    # one stem the fast scan cannot take ("11.11") sends every article down the plain scan,
    # which costs about a tenth of the extractor's time
    unfit = [s for s in _stem_scanner()[1] if not _FAST_STEM.fullmatch(s)]
    assert unfit == []
    assert _fast_scan() is not None


def _index(text: str) -> StemIndex:
    lower = text.lower()
    return StemIndex(lower=lower, starts=[s.start for s in split_sentences(lower)])


def _both(text: str) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    index = _index(text)
    fast = _fast_scan()
    assert fast is not None
    return index._fast(fast), index._plain()


@pytest.mark.parametrize(
    "text",
    [
        "Both sides signed a trade deal. The two leaders met.",
        "The co-operation deal\u2014trade and investment\u2014was signed. Then more.",
        "Cafés étrade nothing here. Bilateral trade rose.",
        "Mutual investment rose 5%. The company said exports grew.",
    ],
)
def test_fast_and_plain_scans_agree_on_edge_texts(text: str) -> None:
    fast, plain = _both(text)
    assert fast == plain
    assert any(fast.values())  # each text holds stems: a match is compared, not only misses


def test_fast_and_plain_scans_agree_on_the_gold_articles() -> None:
    paths = sorted(ARTICLES_DIR.glob("*.txt"))
    assert len(paths) > 800
    non_ascii = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        fast, plain = _both(text)
        assert fast == plain, path.name
        non_ascii += not text.isascii()
    assert non_ascii > 10  # the non-ASCII branch was tried


def test_a_stem_is_found_only_at_a_word_start() -> None:
    found = set().union(*_index("Retrade and untrade; trade. ").by_sentence().values())
    assert "trade" in found
    index = _index("Retrade and untrade.")
    assert not any("trade" in s for s in index.by_sentence().values())


@pytest.mark.parametrize(
    ("stems", "expected"),
    [
        (frozenset({"trade"}), [0, 2]),
        (frozenset({"invest"}), [1]),  # "investment" holds the stem "invest"
        (frozenset({"invest", "two "}), [1, 2]),
        (frozenset({"tariff"}), []),
    ],
)
def test_any_of_gives_the_sentences_holding_a_stem_in_order(
    stems: frozenset[str], expected: list[int]
) -> None:
    text = "Trade rose. An investment followed. The two sides trade more."
    index = StemIndex(lower=text.lower(), starts=[s.start for s in split_sentences(text)])
    assert len(index.starts) == 3
    assert index.any_of(stems) == expected


def test_sentences_with_refuses_a_stem_no_lexicon_anchors() -> None:
    index = _index("Trade rose.")
    assert index.sentences_with("trade") == [0]
    with pytest.raises(KeyError):
        index.sentences_with("zzzz")


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("Japanese direct investment in Vietnam rose.", "investment"),
        ("The economy grew as exports rose.", "grew"),
        ("Public debt rose as retail sales fell.", "sales"),
    ],
)
def test_a_stem_inside_a_longer_one_is_found_too(text: str, inner: str) -> None:
    # the scan takes the longest stem at a word's start; the words inside it hold stems too
    found = set().union(*_index(text).by_sentence().values())
    assert inner in found
