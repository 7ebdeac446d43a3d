"""Pure scoring of predictions against gold; `python -m tests.gold.score` prints a table."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tests.gold.records import (
    GoldAmount,
    GoldArticle,
    GoldEvent,
    Money,
    PredEvent,
    Prediction,
    PredWhen,
)

AMOUNT_TOLERANCE = 0.01  # a value within 1% of the gold value counts as the same sum
COOPERATION, CONFLICT, OTHER = "cooperation", "conflict", "other"


@dataclass(frozen=True, slots=True)
class PR:
    """Precision over predictions and recall over gold items, each with its own hit count."""

    hit_pred: int = 0
    n_pred: int = 0
    hit_gold: int = 0
    n_gold: int = 0

    def __add__(self, other: PR) -> PR:
        return PR(
            self.hit_pred + other.hit_pred,
            self.n_pred + other.n_pred,
            self.hit_gold + other.hit_gold,
            self.n_gold + other.n_gold,
        )

    @property
    def precision(self) -> float:
        return self.hit_pred / self.n_pred if self.n_pred else 1.0

    @property
    def recall(self) -> float:
        return self.hit_gold / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Rate:
    hits: int = 0
    total: int = 0

    def __add__(self, other: Rate) -> Rate:
        return Rate(self.hits + other.hits, self.total + other.total)

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 1.0


def _rate(flag: bool) -> Rate:
    return Rate(int(flag), 1)


def classification(gold: bool, pred: bool) -> PR:
    """One article or sentence as a binary decision: positives are trade cooperation."""
    tp = int(gold and pred)
    return PR(tp, int(pred), tp, int(gold))


def country_sets(
    required: frozenset[str], optional: frozenset[str], pred: frozenset[str]
) -> tuple[bool, PR]:
    """Exact when every required code is predicted and nothing outside required | optional."""
    exact = required <= pred <= required | optional
    tp = len(pred & required)
    return exact, PR(tp, tp + len(pred - required - optional), tp, len(required))


def event_types(gold: Sequence[GoldEvent], pred: Sequence[PredEvent]) -> PR:
    """Match by type within one article: recall per required gold event, precision per type."""
    pred_types = {e.event_type for e in pred}
    required = [g for g in gold if not g.optional]
    right = frozenset().union(*(g.types() for g in required))
    neutral = frozenset().union(*(g.types() for g in gold if g.optional)) - right
    judged = pred_types - neutral
    hit_gold = sum(1 for g in required if g.types() & pred_types)
    return PR(len(judged & right), len(judged), hit_gold, len(required))


def _close(value: float, target: float) -> bool:
    return abs(value - target) <= AMOUNT_TOLERANCE * abs(target)


def _is(money: Money, form: tuple[float, str]) -> bool:
    return money.currency == form[1] and _close(money.value, form[0])


def unique_money(amounts: Iterable[Money]) -> list[Money]:
    """One entry per sum: an amount repeated across an article's events is one prediction."""
    out: list[Money] = []
    for m in amounts:
        if not any(_is(m, (o.value, o.currency)) for o in out):
            out.append(m)
    return out


def amounts(gold: Sequence[GoldAmount], pred: Iterable[Money]) -> PR:
    """Value within 1% and same currency. A prediction matching only an optional sum is neutral."""
    preds = unique_money(pred)
    required = [g for g in gold if not g.optional]
    optional = [g for g in gold if g.optional]
    hit_pred = n_pred = 0
    for m in preds:
        if any(_is(m, f) for g in required for f in g.forms()):
            hit_pred, n_pred = hit_pred + 1, n_pred + 1
        elif not any(_is(m, f) for g in optional for f in g.forms()):
            n_pred += 1
    hit_gold = sum(1 for g in required if any(_is(m, (g.value, g.currency)) for m in preds))
    return PR(hit_pred, n_pred, hit_gold, len(required))


def stated_usd(gold: Sequence[GoldAmount], pred: Sequence[Money]) -> Rate:
    """Of the required sums the article converts to USD itself, how many carry that USD value."""
    out = Rate()
    for g in gold:
        if g.optional or g.usd is None:
            continue
        usd = g.usd
        found = any(
            _is(m, (g.value, g.currency)) and m.usd is not None and _close(m.usd, usd) for m in pred
        )
        out += _rate(found)
    return out


def _when_ok(gold: GoldEvent, pred: PredWhen | None) -> bool:
    expected = gold.when
    if expected is None:
        return True
    if not expected.resolved:
        return pred is None or not pred.resolved
    if pred is None:
        return False
    start_ok = expected.start is None or pred.start == expected.start
    return start_ok and (expected.end is None or pred.end == expected.end)


def dates(gold: Sequence[GoldEvent], pred: Sequence[PredEvent]) -> Rate:
    """Required gold events with a `when`: does an event of an accepted type resolve it so?"""
    out = Rate()
    for g in gold:
        if g.optional or g.when is None:
            continue
        out += _rate(any(p.event_type in g.types() and _when_ok(g, p.when) for p in pred))
    return out


def pred_money(pred: Prediction) -> list[Money]:
    return [m for e in pred.events for m in e.amounts]


@dataclass(frozen=True, slots=True)
class ArticleFigures:
    classification: PR = PR()
    country_exact: Rate = Rate()
    country_codes: PR = PR()
    event_types: PR = PR()
    amounts: PR = PR()
    stated_usd: Rate = Rate()
    dates: Rate = Rate()
    negatives_with_events: Rate = Rate()
    events_predicted: int = 0
    events_gold: int = 0

    def __add__(self, o: ArticleFigures) -> ArticleFigures:
        return ArticleFigures(
            self.classification + o.classification,
            self.country_exact + o.country_exact,
            self.country_codes + o.country_codes,
            self.event_types + o.event_types,
            self.amounts + o.amounts,
            self.stated_usd + o.stated_usd,
            self.dates + o.dates,
            self.negatives_with_events + o.negatives_with_events,
            self.events_predicted + o.events_predicted,
            self.events_gold + o.events_gold,
        )


def score_article(gold: GoldArticle, pred: Prediction) -> ArticleFigures:
    """Countries are scored on true positives only, so they do not count classification twice."""
    exact, codes = Rate(), PR()
    if gold.is_trade_cooperation and pred.is_trade:
        ok, codes = country_sets(
            frozenset(gold.countries), frozenset(gold.countries_optional), pred.countries
        )
        exact = _rate(ok)
    gold_amounts = [a for e in gold.events for a in e.amounts]
    money = pred_money(pred)
    negative = Rate() if gold.is_trade_cooperation else _rate(bool(pred.events))
    return ArticleFigures(
        classification=classification(gold.is_trade_cooperation, pred.is_trade),
        country_exact=exact,
        country_codes=codes,
        event_types=event_types(gold.events, pred.events),
        amounts=amounts(gold_amounts, money),
        stated_usd=stated_usd(gold_amounts, money),
        dates=dates(gold.events, pred.events),
        negatives_with_events=negative,
        events_predicted=len(pred.events),
        events_gold=sum(1 for e in gold.events if not e.optional),
    )


def score_articles(pairs: Iterable[tuple[GoldArticle, Prediction]]) -> ArticleFigures:
    total = ArticleFigures()
    for gold, pred in pairs:
        total += score_article(gold, pred)
    return total


@dataclass(frozen=True, slots=True)
class SentenceFigures:
    classification: PR = PR()
    conflict_as_cooperation: Rate = Rate()
    country_exact: Rate = Rate()
    country_codes: PR = PR()


def score_sentences(items: Iterable[tuple[str, frozenset[str], Prediction]]) -> SentenceFigures:
    """Labelled sentences (cooperation, conflict, other) with their expected country codes."""
    cls, conflict, exact, codes = PR(), Rate(), Rate(), PR()
    for label, countries, pred in items:
        cls += classification(label == COOPERATION, pred.is_trade)
        if label == CONFLICT:
            conflict += _rate(pred.is_trade)
        if label == COOPERATION and pred.is_trade:
            ok, pr = country_sets(countries, frozenset(), pred.countries)
            exact, codes = exact + _rate(ok), codes + pr
    return SentenceFigures(cls, conflict, exact, codes)


def flat_article_figures(name: str, f: ArticleFigures) -> dict[str, float]:
    """The figures by dotted name, as the bars in test_gold.py refer to them."""
    return {
        f"{name}.classification.precision": f.classification.precision,
        f"{name}.classification.recall": f.classification.recall,
        f"{name}.classification.f1": f.classification.f1,
        f"{name}.countries.exact": f.country_exact.value,
        f"{name}.countries.f1": f.country_codes.f1,
        f"{name}.event_types.precision": f.event_types.precision,
        f"{name}.event_types.recall": f.event_types.recall,
        f"{name}.event_types.f1": f.event_types.f1,
        f"{name}.amounts.precision": f.amounts.precision,
        f"{name}.amounts.recall": f.amounts.recall,
        f"{name}.amounts.f1": f.amounts.f1,
        f"{name}.stated_usd": f.stated_usd.value,
        f"{name}.dates": f.dates.value,
        f"{name}.negatives_clean": 1.0 - f.negatives_with_events.value
        if f.negatives_with_events.total
        else 1.0,
    }


def flat_sentence_figures(name: str, f: SentenceFigures) -> dict[str, float]:
    return {
        f"{name}.classification.precision": f.classification.precision,
        f"{name}.classification.recall": f.classification.recall,
        f"{name}.classification.f1": f.classification.f1,
        f"{name}.conflict_clean": 1.0 - f.conflict_as_cooperation.value
        if f.conflict_as_cooperation.total
        else 1.0,
        f"{name}.countries.exact": f.country_exact.value,
        f"{name}.countries.f1": f.country_codes.f1,
    }


def main(argv: Sequence[str] | None = None) -> int:
    from tests.gold.report import run  # the extractor is imported only when scoring for real

    return run(list(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    sys.exit(main())
