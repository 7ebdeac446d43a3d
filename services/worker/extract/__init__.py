"""Pure, deterministic extraction of trade-cooperation facts from an article's clean text.

`analyse` is what the Celery task and `tradewire extract` call: boilerplate is stripped, the
article is classified, and each fact becomes one v1 `TradeEvent` whose evidence offsets point
into `Analysis.clean_text`. No I/O apart from the data files, read once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from services.worker.extract.assemble import build_events
from services.worker.extract.boilerplate import strip_boilerplate
from services.worker.extract.candidates import candidate_hits
from services.worker.extract.classify import decide
from services.worker.extract.document import Document
from services.worker.extract.events import find_drafts
from services.worker.extract.fact_time import told_next_sentences
from services.worker.extract.fx import FxRates, default_fx
from services.worker.extract.merge import merge_drafts
from services.worker.extract.resolve import article_context
from services.worker.extract.venues import venue_sentences
from shared.models import Article, ArticleRef, Classification, Extractor, TradeEvent

EXTRACTOR_NAME: Final = "tradewire-rules"
EXTRACTOR_VERSION: Final = "1.0.0"
EXTRACTOR: Final = Extractor(name=EXTRACTOR_NAME, version=EXTRACTOR_VERSION)

__all__ = ["EXTRACTOR_NAME", "EXTRACTOR_VERSION", "Analysis", "analyse", "classify", "extract"]


@dataclass(frozen=True)
class Analysis:
    clean_text: str
    classification: Classification
    events: list[TradeEvent]


def analyse(article: Article, *, fx: FxRates | None = None) -> Analysis:
    """Classify the article and extract its events (none when it is not trade cooperation)."""
    clean = strip_boilerplate(article.text)
    anchor = article.published_at.date() if article.published_at else None
    doc = Document.build(clean, title=article.title, anchor=anchor)
    candidates = candidate_hits(doc)
    told_next = told_next_sentences(candidates, len(doc.sentences))
    venues = venue_sentences(doc.text, doc.sentences)
    doc.read_numbers(candidates, [*candidates, *venues, *told_next])
    ctx = article_context(doc)
    facts = merge_drafts(doc, find_drafts(ctx, candidates))
    classification, kept = decide(doc, facts)
    if not kept:  # (speed) a negative article needs no reference to it, nor rates
        return Analysis(clean_text=clean, classification=classification, events=[])
    events = build_events(
        doc,
        kept,
        ref=ArticleRef.of(article),
        extractor=EXTRACTOR,
        fx=fx if fx is not None else default_fx(),
        article_id=article.id,
    )
    return Analysis(clean_text=clean, classification=classification, events=events)


def classify(article: Article) -> Classification:
    return analyse(article).classification


def extract(article: Article) -> list[TradeEvent]:
    return analyse(article).events
