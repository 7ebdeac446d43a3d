"""The article-level verdict: trade cooperation or not, with a score, reasons, parties, sectors."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Final

from services.worker.extract import clauses as cl
from services.worker.extract.context import blocked_spans, is_blocked
from services.worker.extract.document import Document
from services.worker.extract.drafts import Draft
from services.worker.extract.entities import names_a_currency
from services.worker.extract.fastre import lower_text
from services.worker.extract.gazetteer import find_mentions, trie_pattern
from services.worker.extract.lexicon import cues
from services.worker.extract.sectors import ordered
from services.worker.extract.wordscan import compile_case_blind, search_case_blind
from shared.models import Classification, EventType

EVENT_MIN_CONFIDENCE: Final = 0.5
_NOT_PARTIES: Final = frozenset({"city", "media", "igo"})
ARTICLE_MIN_SCORE: Final = 0.5
_TITLE_COOPERATION: Final = compile_case_blind(
    r"\b(?:sign\w*|ink\w*|seal\w*|deals?|agree\w*|pacts?|accords?|partner\w*|cooperat\w+|"
    r"invest(?!ors?\b)\w*|joint|mou|trade\s+(?:ties|target)|boost\w*|expand\w*|ties|buy\w*|bought|"
    r"orders?|loan|grant|aid|delegation|mission|expo|office|opens?|ftas?|cepa)\b"
)
_OTHER_TOPICS: Final = (
    "earnings",
    "stocks",
    "macro",
    "military",
    "cultural",
    "shopping",
    "sport",
)
# (speed) a table, not `.value`: an enum member's value is a dear property
_TYPE_VALUES: Final = {t: t.value for t in EventType}
# "Japan, Philippines sign defense pact": signing words do not make these economic.
_TOPICS_OVER_COOPERATION: Final = frozenset({"military", "cultural", "shopping", "sport"})


@dataclass(frozen=True, slots=True)
class Signals:
    """What the headline says against cooperation (the body's topic cues: `_penalty`)."""

    title_conflict: bool
    title_topic: str | None
    title_cooperation: bool


def signals(doc: Document) -> Signals:
    title = doc.title
    return Signals(
        title_conflict=bool(title) and cl.conflict_in(title),
        title_topic=_title_topic(title),
        title_cooperation=bool(title) and search_case_blind(_TITLE_COOPERATION, _kept(title)),
    )


def _kept(title: str) -> str:
    """The headline without the cooperation it says is undone: "Ogun terminates agreement
    with Emirati firm" names an agreement, but not as cooperation."""
    return cues().undone.sub(" ", lower_text(title))


def _title_topic(title: str) -> str | None:
    """The first topic of `_OTHER_TOPICS` the headline is about (`clauses.domain_in` of each,
    with the headline lower-cased once: speed)."""
    if not title:
        return None
    lowered = lower_text(title)
    if _any_topic_anchor().search(lowered) is None:
        return None  # (speed) one scan, where most headlines hold no topic's anchor
    domain = cues().domain
    for topic in _OTHER_TOPICS:
        entry = domain[topic]
        if entry.may_match(lowered) and entry.scan.search(lowered):
            return topic
    return None


def _noisy_or(scores: list[float]) -> float:
    miss = 1.0
    for s in scores:
        miss *= 1.0 - s
    return 1.0 - miss


def _penalty(doc: Document, sig: Signals, event_sentences: int, reasons: list[str]) -> float:
    penalty = 0.0
    if sig.title_conflict:
        penalty += 0.3 if sig.title_cooperation else 0.55
        reasons.append("headline about economic conflict")
    conflict_sentences = len(doc.topic_sentences("conflict"))
    excess = conflict_sentences - event_sentences
    if excess > 0:
        penalty += min(0.5, 0.12 * excess)
        reasons.append(f"conflict cues in {conflict_sentences} sentences")
    if sig.title_topic in _TOPICS_OVER_COOPERATION:
        penalty += 0.45
        reasons.append(f"headline about {sig.title_topic}")
    elif sig.title_topic is not None and not sig.title_cooperation:
        # a markets or results headline with no cooperation word: the facts are its asides
        penalty += 0.5
        reasons.append(f"headline about {sig.title_topic}")
    limit = 2 * event_sentences + 2
    if _off_topic_bound(doc) > limit:  # (speed) the topics are read only when they may weigh
        topic_sentences = {t: len(doc.topic_sentences(t)) for t in _OTHER_TOPICS}
        off_topic = sum(topic_sentences.values())
        if off_topic > limit:
            penalty += min(0.3, 0.04 * (off_topic - 2 * event_sentences))
            busiest = max(topic_sentences.items(), key=lambda kv: kv[1])[0]
            reasons.append(f"mostly about {busiest} ({off_topic} sentences off topic)")
    return penalty


def _off_topic_bound(doc: Document) -> int:
    """At least the sum of the off-topic sentence counts: `Document.topic_sentences` keeps
    only sentences holding an anchor stem of the topic, so each sentence counts at most once
    for each topic whose anchors it holds. Found from the stems alone, without the topics'
    patterns; most articles hold few such stems."""
    every, by_topic = _topic_anchors()
    bound = 0
    for stems in doc.stems.by_sentence().values():
        if every.isdisjoint(stems):
            continue
        for anchors in by_topic:
            if not anchors.isdisjoint(stems):
                bound += 1
    return bound


@functools.cache
def _any_topic_anchor() -> re.Pattern[str]:
    """Finds an anchor of any off-topic domain (`AnchoredPattern.may_match` of each)."""
    return re.compile(trie_pattern(sorted(_topic_anchors()[0])))


@functools.cache
def _topic_anchors() -> tuple[frozenset[str], tuple[frozenset[str], ...]]:
    """The anchor stems of all off-topic domains, and of each."""
    domain = cues().domain
    by_topic = tuple(frozenset(domain[t].anchors) for t in _OTHER_TOPICS)
    return frozenset().union(*by_topic), by_topic


def _off_lead(doc: Document, sig: Signals, kept: list[Draft], reasons: list[str]) -> float:
    """The main subject is what the headline and the lead sentence are about: when both are
    about conflict (a probe, a ban) or another topic (a company's results) and the lead states
    no cooperation, facts further down are background ("Chinese miners have invested...")."""
    headline = "economic conflict" if sig.title_conflict else sig.title_topic
    if not doc.sentences or any(f.sentence == 0 for f in kept):
        return 0.0
    if headline is None and (sig.title_cooperation or not doc.title):
        return 0.0
    if _title_is_lead(doc.title, doc.sentences[0].text):
        return 0.0  # an untitled article named by its first words: one signal, not two
    lead = "economic conflict" if 0 in doc.topic_sentences("conflict") else None
    if headline is None and lead is not None and _title_countries(doc.title):
        # a headline naming a country, of no topic and no cooperation word ("Beijing's rare
        # earth licences leave German suppliers days from production stops"), is the
        # conflict lead's (a page's bare "| Example News" is no headline)
        headline = "no cooperation"
    lead = lead or next((t for t in _OTHER_TOPICS if 0 in doc.topic_sentences(t)), None)
    if lead is None or headline is None:
        return 0.0
    reasons.append(f"headline about {headline}, lead about {lead}")
    return 1.0


def _title_is_lead(title: str, lead: str) -> bool:
    """'For online shoppers in Russia, the go-to website is neither ...' over a lead that
    starts so: the feed or file had no title, and its lead's hook is not the subject."""
    head = title.strip().removesuffix("...").removesuffix("…").strip()
    return len(head) >= 20 and head in lead


def _title_countries(title: str) -> set[str]:
    mentions = find_mentions(title)
    blocked = blocked_spans(title, 0, mentions)
    return {
        m.country
        for m in mentions
        if m.country
        and m.kind not in _NOT_PARTIES
        and not is_blocked(m, blocked)
        and not names_a_currency(title, m)
    }


def core_facts(title: str, facts: list[Draft]) -> list[Draft]:
    """Keep the story's own parties. In a Brazil-China story, 'U.S. soybean exports to China
    fell 12%' is background, and in 'Chinese firms invested in Chile, Argentina and Bolivia'
    only Chile is the story's; a country stays when the headline names it, when two facts
    involve it, or when it belongs to a bloc that is a party of the same fact."""
    return [f for f, _ in _core_listed(title, facts)]


def _core_listed(title: str, facts: list[Draft]) -> list[tuple[Draft, list[str]]]:
    """`core_facts`, each with its countries (speed: read once, for the caller too)."""
    listed = [(f, f.countries) for f in facts]
    weight: dict[str, float] = {}
    for f, fact_countries in listed:
        for country in fact_countries:
            weight[country] = weight.get(country, 0.0) + f.confidence
    if len(weight) < 3:
        return listed
    ranked = [c for c, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))]
    headline = _title_countries(title)
    named = [c for c in ranked if c in headline]  # the headline says whose story it is
    pair = set((named + [c for c in ranked if c not in named])[:2])
    if not any(pair <= set(fact_countries) for _, fact_countries in listed):
        return listed
    support = Counter(c for _, fact_countries in listed for c in fact_countries)
    # a bloc that is a party of any fact vouches for its members named together ("an FTA
    # between India and the four-nation EFTA ... The TEPA between India and Switzerland,
    # Norway, Iceland and Liechtenstein was signed")
    members = {
        c for f, _ in listed for u in f.units if u.kind == "bloc" for c in u.mention.entity.members
    }
    out = []
    for f, fact_countries in listed:
        countries = set(fact_countries)
        if not (countries <= pair | headline or pair <= countries):
            continue
        own = {c for u in f.units if u.kind == "bloc" for c in u.mention.entity.members}
        named_members = (countries - pair - headline) & members
        vouched = own | (named_members if len(named_members) >= 2 else set())  # not one in passing
        extra = {c for c in countries - pair - headline if support[c] < 2 and c not in vouched}
        if extra:
            f.units = [u for u in f.units if u.country not in extra]
            fact_countries = f.countries
        if f.has_sides():
            out.append((f, fact_countries))
    return out


def decide(doc: Document, facts: list[Draft]) -> tuple[Classification, list[Draft]]:
    """The classification and the facts that survive it (none for a negative article)."""
    listed = _core_listed(doc.title, [f for f in facts if f.confidence >= EVENT_MIN_CONFIDENCE])
    kept = [f for f, _ in listed]
    reasons = [
        f"{_TYPE_VALUES[f.type]} {'-'.join(countries) or '?'} ({f.confidence:.2f}): "
        f"{f.hit.text[:60]}"
        for f, countries in listed
    ]
    sig = signals(doc)
    score = _noisy_or([f.confidence for f in kept])
    if sig.title_cooperation and kept:
        score = min(0.99, score + 0.05)
    score -= _penalty(doc, sig, len({f.sentence for f in kept}), reasons)
    # a lead about conflict under no headline, or under one that names no one and nothing
    # ("| Example News"), heads the story
    conflict_head = sig.title_conflict or (
        0 in doc.topic_sentences("conflict")
        and not sig.title_cooperation
        and sig.title_topic is None
        and not _title_countries(doc.title)
    )
    if conflict_head and kept and all(f.type is EventType.TRADE_VOLUME for f in kept):
        # "Garment factories cut shifts as US tariff kicks in": a conflict story quoting the
        # trade it hits reports no cooperation
        score = 0.0
        reasons.append("trade figures in a story about economic conflict")
    score -= _off_lead(doc, sig, kept, reasons)
    score = round(max(0.0, min(1.0, score)), 3)
    positive = bool(kept) and score >= ARTICLE_MIN_SCORE
    if not kept:
        reasons.append("no cooperation between two countries found")
    if not positive:
        kept, listed = [], []
    countries = sorted({c for _, fact_countries in listed for c in fact_countries})
    sectors = ordered(s for f in kept for s in f.sectors)
    return (
        Classification(
            is_trade_cooperation=positive,
            score=score,
            reasons=reasons[:12],
            countries=countries,
            sectors=sectors,
        ),
        kept,
    )
