"""Runs an analyse function over gold files and PLOVER sentences, reduced for scoring."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from shared.models import ArrivalKind, Article, Classification, TradeEvent
from shared.textformat import parse_plain_article
from tests.gold.records import GoldArticle, Money, PredEvent, Prediction, PredWhen

# Fixed so that article ids (and so event ids) are the same on every run.
RECEIVED_AT = datetime(2025, 1, 1, tzinfo=UTC)


class AnalysisLike(Protocol):
    @property
    def classification(self) -> Classification: ...

    @property
    def events(self) -> Sequence[TradeEvent]: ...


Analyse = Callable[[Article], AnalysisLike]


def article_from_text(raw: str) -> Article:
    """An article as the file drop would build it from a seeds-format text."""
    parsed = parse_plain_article(raw)
    return Article.build(
        title=parsed.title,
        text=parsed.text,
        arrived_via=ArrivalKind.FILE,
        received_at=RECEIVED_AT,
        published_at=parsed.published_at,
    )


def article_from_sentence(sentence: str) -> Article:
    return Article.build(
        title="", text=sentence, arrived_via=ArrivalKind.FILE, received_at=RECEIVED_AT
    )


def _event(event: TradeEvent) -> PredEvent:
    money = tuple(
        Money(a.value, a.currency, a.usd_value) for a in event.amounts if a.currency is not None
    )
    when = None
    if event.when is not None:
        when = PredWhen(event.when.start, event.when.end, event.when.resolved)
    return PredEvent(event.event_type.value, tuple(event.countries), money, when)


def reduce(analysis: AnalysisLike) -> Prediction:
    cls = analysis.classification
    return Prediction(
        is_trade=cls.is_trade_cooperation,
        countries=frozenset(cls.countries),
        events=tuple(_event(e) for e in analysis.events),
    )


def predict_gold(
    analyse: Analyse, gold: Sequence[GoldArticle], seeds_dir: Path
) -> list[tuple[GoldArticle, Prediction]]:
    out = []
    for g in gold:
        article = article_from_text(g.path(seeds_dir).read_text(encoding="utf-8"))
        out.append((g, reduce(analyse(article))))
    return out


def predict_sentences(analyse: Analyse, sentences: Sequence[str]) -> list[Prediction]:
    return [reduce(analyse(article_from_sentence(s))) for s in sentences]


def load_analyse() -> Analyse:
    """The product's extractor; imported here so the pure scorer does not depend on it."""
    from services.worker.extract import analyse

    def run(article: Article) -> AnalysisLike:
        result: AnalysisLike = analyse(article)
        return result

    return run
