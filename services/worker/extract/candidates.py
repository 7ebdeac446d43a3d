"""Sentences that may hold a fact, and their triggers, found before sums and times are read."""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Final

from services.worker.extract import clauses as cl
from services.worker.extract.document import EXTRA_STEMS, Document
from services.worker.extract.lexicon import TriggerRule, cues, trigger_rules
from services.worker.extract.triggers import Hit, find_hits

# Where a sum can be: digits or a spelled-out scale (what the amount finder starts from).
# (speed) A pattern of one character set is scanned by the engine in C; the words by find.
_DIGIT: Final = re.compile(r"[0-9]")
_SCALE_WORDS: Final = ("illion", "thousand", "percent")
# Topics whose sentences hold no fact unless they are strictly economic.
_SOFT_TOPICS: Final = ("military", "cultural", "shopping")
_EXTRA_STEM_SET: Final = frozenset(EXTRA_STEMS)


@functools.cache
def _known_stems() -> frozenset[str]:
    """Every stem the document's stem scan can report (see document._stem_scanner)."""
    c = cues()
    stems: set[str] = set(EXTRA_STEMS) | set(c.conflict.anchors)
    for rule in trigger_rules():
        stems.update(rule.anchors)
        for group in rule.anchors_all:
            stems.update(group)
    for entry in c.domain.values():
        stems.update(entry.anchors)
    return frozenset(stems)


@dataclass(frozen=True, slots=True)
class _Table:
    """What the stems of a sentence say about the rules, as bits of one int per stem (speed:
    or-ing them over the sentence's stems answers every rule's anchor tests at once).

    Bits below `len(rules)`: the rules a stem anchors, in lexicon order. Above: the
    conditions a rule needs, each met by some stems: a sum (`_SUM`, set per sentence), an
    occurrence of one of its `anchors_all` groups, a literal of each of its `required`
    groups."""

    bits: dict[str, int]
    rules: int  # the mask of the rule bits
    extra: int  # the bit of EXTRA_STEMS (the sentence refers back)
    # per rule: the rule, the condition bits it needs, those only the stems can meet, and
    # for the others their literals: a literal occurring in the sentence meets them too
    checks: tuple[tuple[TriggerRule, int, int, tuple[tuple[int, tuple[str, ...]], ...]], ...]


_SUM: Final = 1  # the condition bit of a sum, set per sentence (shifted above the rules)


@functools.cache
def _table() -> _Table:
    rules = trigger_rules()
    stems = _known_stems()
    width = len(rules)
    conditions: dict[tuple[str, ...], int] = {}  # a condition's stems or literals -> its bit

    def bit(items: tuple[str, ...]) -> int:
        return 1 << conditions.setdefault(items, width + 2 + len(conditions))

    bits = dict.fromkeys(stems, 0)
    checks = []
    for i, rule in enumerate(rules):
        for stem in rule.anchors:
            bits[stem] |= 1 << i
        hard = (_SUM << width) if rule.needs == "amount" else 0
        for group in rule.anchors_all:
            hard |= bit(("", *sorted(group)))  # "" keeps it apart from literals
        soft = tuple((bit(literals), literals) for literals in rule.required)
        need = hard | sum(b for b, _ in soft)
        # only the groups whose bit `need` holds are ever tested (_rules_for)
        checks.append((rule, need, hard, tuple(g for g in soft if need & g[0])))
    for items, index in conditions.items():
        for stem in stems:
            # an anchor group is met by its stems, a literal group by the stems holding one
            if stem in items if items[0] == "" else any(lit in stem for lit in items):
                bits[stem] |= 1 << index
    extra = 1 << (width + 1)
    for stem in EXTRA_STEMS:
        bits[stem] |= extra
    return _Table(bits, (1 << width) - 1, extra, tuple(checks))


def _rules_for(table: _Table, met: int, lower: str) -> list[TriggerRule]:
    """The rules whose anchor groups all occur (and a sum, when one is needed), in lexicon
    order, of those a stem of the sentence anchors; a literal group the stems do not meet
    must occur in `lower` (`TriggerRule.may_match`'s test). (No memo: the combinations of
    stems rarely repeat, about 8,000 distinct ones in 9,500 sentences of the corpus.)"""
    here: list[TriggerRule] = []
    mask = met & table.rules
    if not mask:
        return here
    # (speed) the rule bits read from the binary digits, lowest first, and the conditions
    # tested with `met & x` only: `met` has some 200 bits, and a negative operand (`-mask`,
    # `~met`) costs the big-int arithmetic copies a positive one does not
    digits = bin(mask)[:1:-1]
    checks = table.checks
    index = digits.find("1")
    while index != -1:
        rule, need, hard, soft = checks[index]
        index = digits.find("1", index + 1)
        if met & need != need:  # something is missing: a hard condition, or a literal
            if met & hard != hard:
                continue
            if not _holds_missing(soft, met, lower):
                continue
        here.append(rule)
    return here


def _holds_missing(soft: tuple[tuple[int, tuple[str, ...]], ...], met: int, lower: str) -> bool:
    """Whether `lower` holds a literal of each group whose condition bit `met` lacks."""
    for bit, literals in soft:
        if met & bit:
            continue
        for literal in literals:
            if literal in lower:
                break
        else:
            return False
    return True


def candidate_hits(doc: Document) -> dict[int, list[Hit]]:
    """Triggers per sentence, before sums are known (overlaps not yet settled): the sentences
    that get here are the only ones the amount and time finders need to read."""
    by_sentence = doc.stems.by_sentence()
    table = _table()
    bits, all_rules, sum_bit = table.bits, table.rules, _SUM << len(table.checks)
    text, sentences = doc.stems.lower, doc.sentences
    mentioned: set[int] | None = None
    off_topic: tuple[frozenset[int], frozenset[int]] | None = None
    out: dict[int, list[Hit]] = {}
    for index in sorted(by_sentence):
        met = 0
        for stem in by_sentence[index]:
            met |= bits.get(stem, 0)
        if not met & all_rules:
            continue
        start, end, sentence = sentences[index]
        # only whitespace lies between sentences: a match cannot straddle two
        if _may_hold_sum(text, start, end):
            met |= sum_bit
        elif not met & table.extra:
            if mentioned is None:
                mentioned = _mention_sentences(doc)
            if index not in mentioned:
                continue  # not worth reading: names no one, states no sum, refers nowhere
        lower = text[start:end]
        rules = _rules_for(table, met, lower)
        if not rules:
            continue
        if off_topic is None:
            off_topic = _off_topic_sentences(doc)
        if index in off_topic[0] or (index in off_topic[1] and not cl.strictly_economic(sentence)):
            continue
        hits = find_hits(sentence, lower, start, rules)
        if hits:
            out[index] = hits
    return out


def _may_hold_sum(text: str, start: int, end: int) -> bool:
    if _DIGIT.search(text, start, end) is not None:
        return True
    for word in _SCALE_WORDS:  # noqa: SIM110 (a plain loop: no generator per sentence)
        if text.find(word, start, end) != -1:
            return True
    return False


def _mention_sentences(doc: Document) -> set[int]:
    """Indexes of the sentences a mention starts in (`doc.sentence_index` of each)."""
    starts = doc.starts
    found = {bisect_right(starts, m.start) - 1 for m in doc.mentions}
    if -1 in found:  # before the first sentence: `sentence_index` says the first
        found.discard(-1)
        found.add(0)
    return found


def worth_reading(doc: Document, with_sums: set[int]) -> set[int]:
    """Sentences that can hold a fact: they name someone, state a sum, or refer back."""
    worth = _mention_sentences(doc)
    worth.update(with_sums)
    worth.update(doc.stems.any_of(_EXTRA_STEM_SET))
    return worth


def _off_topic_sentences(doc: Document) -> tuple[frozenset[int], frozenset[int]]:
    """Economic-conflict sentences, and military, cultural or shopping ones: those hold no
    fact unless strictly economic."""
    soft: frozenset[int] = frozenset()
    for domain in _SOFT_TOPICS:
        soft |= doc.topic_sentences(domain)
    return doc.topic_sentences("conflict"), soft
