"""One article prepared for extraction: clean text, sentences, mentions, amounts, times, indexes."""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from services.worker.extract.amounts import MoneyMention, find_amounts
from services.worker.extract.clauses import conflict_in
from services.worker.extract.currency_lexicon import currency_lexicon
from services.worker.extract.entities import prepare_mentions
from services.worker.extract.fastre import lower_text
from services.worker.extract.gazetteer import Mention, find_mentions, trie_pattern
from services.worker.extract.lexicon import cues, trigger_rules
from services.worker.extract.sentences import Sentence, split_sentences
from services.worker.extract.timex import TimeMention, find_times

_NONE: frozenset[int] = frozenset()
# Stems other modules look up besides the lexicons' anchors.
EXTRA_STEMS: tuple[str, ...] = (
    "two ",
    "both ",
    "bilateral",
    "mutual",
    "the company",
    "the firm",
    "the group",
    "the leaders",
    "the presidents",
)


@functools.cache
def _stem_scanner() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """One trie regex over every anchor stem of the lexicons, and for each stem the shorter
    stems it starts with ('investment' also counts as 'invest')."""
    c = cues()
    stems: set[str] = set(EXTRA_STEMS)
    for rule in trigger_rules():
        stems.update(rule.anchors)
        for group in rule.anchors_all:
            stems.update(group)
    stems.update(c.conflict.anchors)
    for entry in c.domain.values():
        stems.update(entry.anchors)
    prefixes = {s: tuple(p for p in stems if s.startswith(p)) for s in stems}
    body = trie_pattern(sorted(stems))
    # the look-ahead of first letters lets the engine skip to candidates (see fastre)
    first = re.escape("".join(sorted({s[0] for s in stems})))
    return re.compile(rf"(?=[{first}])\b(?:{body})"), prefixes


@dataclass
class StemIndex:
    """Which sentences hold a word starting with a given lowercase stem, found in one scan
    of the article; rules whose anchors occur nowhere are never run (speed)."""

    lower: str
    starts: list[int]
    _found: dict[str, set[int]] = field(default_factory=dict)
    _by_sentence: dict[int, set[str]] = field(default_factory=dict)
    _scanned: bool = False

    def _scan(self) -> None:
        pattern, prefixes = _stem_scanner()
        starts = self.starts
        by_sentence: dict[int, set[str]] = {}
        for match in pattern.finditer(self.lower):
            index = bisect_right(starts, match.start()) - 1
            here = by_sentence.get(index)
            if here is None:
                by_sentence[index] = set(prefixes[match.group()])
            else:
                here.update(prefixes[match.group()])
        # each (stem, sentence) pair once, not once per occurrence
        found: dict[str, set[int]] = {}
        for index, stems in by_sentence.items():
            for stem in stems:
                sentences = found.get(stem)
                if sentences is None:
                    found[stem] = {index}
                else:
                    sentences.add(index)
        self._found, self._by_sentence, self._scanned = found, by_sentence, True

    def by_sentence(self) -> dict[int, set[str]]:
        """The stems found in each sentence that has any."""
        if not self._scanned:
            self._scan()
        return self._by_sentence

    def sentences_with(self, stem: str) -> frozenset[int]:
        if not self._scanned:
            self._scan()
        found = self._found.get(stem)
        if found is None and stem not in _stem_scanner()[1]:
            raise KeyError(f"{stem!r} is not a registered anchor stem")
        return frozenset(found) if found else _NONE

    def any_of(self, stems: Iterable[str]) -> frozenset[int]:
        if not self._scanned:
            self._scan()
        out: set[int] = set()
        for stem in stems:
            found = self._found.get(stem)
            if found:
                out |= found
        return frozenset(out)


def _inside_any(mention: Mention, money: list[MoneyMention]) -> bool:
    """Whether the mention overlaps a sum; `money` is sorted and without overlaps, so only
    the first sum ending after the mention starts can overlap it (bisect: speed)."""
    at = bisect_right(money, mention.start, key=_end_of)
    return at < len(money) and money[at].start < mention.end


def _end_of(m: MoneyMention) -> int:
    return m.end


@dataclass
class Document:
    """Everything the classifier and the event builder read, computed once per article."""

    text: str
    title: str
    anchor: date | None
    sentences: list[Sentence]
    mentions: list[Mention]
    money: list[MoneyMention]
    times: list[TimeMention]
    stems: StemIndex
    starts: list[int]
    _topics: dict[str, frozenset[int]] = field(default_factory=dict)

    countries: frozenset[str] = frozenset()

    @classmethod
    def build(cls, text: str, *, title: str, anchor: date | None) -> Document:
        """Sentences, mentions and stems; sums and times come later from `read_numbers`, for
        the sentences that can hold a fact (they are the dearest finders)."""
        sentences = split_sentences(text)
        starts = [s.start for s in sentences]
        found = find_mentions(text)
        return cls(
            text=text,
            title=title,
            anchor=anchor,
            sentences=sentences,
            mentions=prepare_mentions(text, (), found),
            money=[],
            times=[],
            stems=StemIndex(lower_text(text), starts),
            starts=starts,
            # The countries named settle shared currency names ("shillings" in a Uganda story).
            countries=frozenset(m.country for m in found if m.country),
        )

    def read_numbers(self, money_in: Iterable[int], times_in: Iterable[int]) -> None:
        """Find sums in the sentences `money_in` and times in `times_in` (indexes); names
        inside a sum ("U.S. dollars") stop being mentions."""
        money: list[MoneyMention] = []
        # whose "$" a bare dollar is (CAD in a Canadian Press story): read once, from the whole text
        dollar = currency_lexicon().bare_dollar(self.countries, self.text)
        for start, end in self._runs(money_in):
            found = find_amounts(self.text[start:end], countries=self.countries, dollar=dollar)
            money.extend(m.shifted(start) for m in found)
        times: list[TimeMention] = []
        for start, end in self._runs(times_in):
            found_t = find_times(self.text[start:end], self.anchor)
            times.extend(t.shifted(start) for t in found_t)
        self.money, self.times = money, times
        if money:
            self.mentions = [m for m in self.mentions if not _inside_any(m, money)]

    def _runs(self, indexes: Iterable[int]) -> list[tuple[int, int]]:
        """[start, end) of each run of consecutive sentences among `indexes`."""
        runs: list[tuple[int, int]] = []
        last = -2
        for index in sorted(set(indexes)):
            sentence = self.sentences[index]
            if index == last + 1:
                runs[-1] = (runs[-1][0], sentence.end)
            else:
                runs.append((sentence.start, sentence.end))
            last = index
        return runs

    def topic_sentences(self, topic: str) -> frozenset[int]:
        """Sentences with cues of a topic: 'conflict' (tariffs, sanctions, ...) or one of the
        off-topic domains of data/cues.json (earnings, stocks, military, ...)."""
        found = self._topics.get(topic)
        if found is None:
            found = frozenset(self._topic_scan(topic))
            self._topics[topic] = found
        return found

    def _topic_scan(self, topic: str) -> Iterable[int]:
        c = cues()
        anchored = c.conflict if topic == "conflict" else c.domain[topic]
        for index in sorted(self.stems.any_of(anchored.anchors)):
            if topic == "conflict":
                if conflict_in(self.sentences[index].text):
                    yield index
            elif anchored.pattern.search(self.lower_of(index)):
                yield index

    def lower_of(self, index: int) -> str:
        """The lower-cased sentence (same offsets as the sentence)."""
        sentence = self.sentences[index]
        return self.stems.lower[sentence.start : sentence.end]

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def in_sentence(self, index: int, items: Iterable[Mention]) -> list[Mention]:
        sentence = self.sentences[index]
        return [m for m in items if sentence.start <= m.start < sentence.end]

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def money_in(self, start: int, end: int) -> list[MoneyMention]:
        return [m for m in self.money if start <= m.start and m.end <= end]

    def times_in(self, start: int, end: int) -> list[TimeMention]:
        return [t for t in self.times if start <= t.start and t.end <= end]
