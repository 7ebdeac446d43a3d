"""Sentences that may hold a fact, and their triggers, found before sums and times are read."""

from __future__ import annotations

import functools
import re
from typing import Final

from services.worker.extract import clauses as cl
from services.worker.extract.document import EXTRA_STEMS, Document
from services.worker.extract.lexicon import TriggerRule, trigger_rules
from services.worker.extract.triggers import Hit, raw_hits

# Where a sum can be: digits or a spelled-out scale (what the amount finder starts from).
_MAY_HOLD_SUM: Final = re.compile(r"[0-9]|illion|thousand|percent")


@functools.cache
def _rule_masks() -> dict[str, int]:
    """For each anchor stem, a bit mask of the positions in `trigger_rules()` of the rules it
    anchors: or-ing masks and walking the set bits keeps the rules in lexicon order (speed)."""
    out: dict[str, int] = {}
    for i, rule in enumerate(trigger_rules()):
        for stem in rule.anchors:
            out[stem] = out.get(stem, 0) | (1 << i)
    return out


@functools.cache
def _rule_checks() -> tuple[tuple[TriggerRule, tuple[frozenset[str], ...], bool], ...]:
    """Per rule: the rule, its anchor groups as sets, and whether it needs a sum."""
    return tuple(
        (rule, tuple(frozenset(g) for g in rule.anchors_all), rule.needs == "amount")
        for rule in trigger_rules()
    )


def _rules_by_sentence(doc: Document, may_hold_sum: set[int]) -> dict[int, list[TriggerRule]]:
    """The rules worth trying per sentence: an anchor occurs, and a sum when one is needed."""
    checks, masks = _rule_checks(), _rule_masks()
    by_sentence: dict[int, list[TriggerRule]] = {}
    for index, stems in doc.stems.by_sentence().items():
        mask = 0
        for stem in stems:
            mask |= masks.get(stem, 0)
        with_sum = index in may_hold_sum
        here = []
        while mask:
            low = mask & -mask
            mask ^= low
            rule, groups, needs_sum = checks[low.bit_length() - 1]
            if needs_sum and not with_sum:
                continue
            if all(not group.isdisjoint(stems) for group in groups):
                here.append(rule)
        if here:
            by_sentence[index] = here
    return by_sentence


def candidate_hits(doc: Document) -> dict[int, list[Hit]]:
    """Triggers per sentence, before sums are known (overlaps not yet settled): the sentences
    that get here are the only ones the amount and time finders need to read."""
    may_hold_sum = _sentences_matching(doc, _MAY_HOLD_SUM)
    worth = worth_reading(doc, may_hold_sum)
    out: dict[int, list[Hit]] = {}
    for index, rules in sorted(_rules_by_sentence(doc, may_hold_sum).items()):
        if index not in worth or _off_topic(doc, index):
            continue
        sentence = doc.sentences[index]
        hits = raw_hits(sentence.text, doc.lower_of(index), sentence.start, rules)
        if hits:
            out[index] = hits
    return out


def _sentences_matching(doc: Document, pattern: re.Pattern[str]) -> set[int]:
    """Indexes of the sentences where `pattern` matches: one search per such sentence."""
    found: set[int] = set()
    lower, pos = doc.stems.lower, 0
    while (match := pattern.search(lower, pos)) is not None:
        index = doc.sentence_index(match.start())
        found.add(index)
        pos = max(match.end(), doc.sentences[index].end)
    return found


def worth_reading(doc: Document, with_sums: set[int]) -> set[int]:
    """Sentences that can hold a fact: they name someone, state a sum, or refer back."""
    worth = {doc.sentence_index(m.start) for m in doc.mentions}
    worth.update(with_sums)
    worth.update(doc.stems.any_of(EXTRA_STEMS))
    return worth


def _off_topic(doc: Document, index: int) -> bool:
    """Economic conflict, or military or cultural ties without economic content."""
    if index in doc.topic_sentences("conflict"):
        return True
    text = doc.sentences[index].text
    return any(
        index in doc.topic_sentences(domain) and not cl.strictly_economic(text)
        for domain in ("military", "cultural", "shopping")
    )
