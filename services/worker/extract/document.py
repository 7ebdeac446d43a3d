"""One article prepared for extraction: clean text, sentences, mentions, amounts, times, indexes."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol, TypeVar

from services.worker.extract.amounts import CONVERSION_LEAD, MoneyMention, find_amounts
from services.worker.extract.clauses import conflict_in_lowered
from services.worker.extract.context import dateline_country, main_pair
from services.worker.extract.currency_lexicon import currency_lexicon
from services.worker.extract.entities import prepare_mentions
from services.worker.extract.fastre import lower_text
from services.worker.extract.gazetteer import Mention, find_mentions
from services.worker.extract.lexicon import cues
from services.worker.extract.sentences import Sentence, split_sentences
from services.worker.extract.stems import EXTRA_STEMS as EXTRA_STEMS
from services.worker.extract.stems import StemIndex
from services.worker.extract.surface import Entity
from services.worker.extract.timex import TimeMention, find_times


class _Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_S = TypeVar("_S", bound=_Span)


def _outside(mentions: list[Mention], money: list[MoneyMention]) -> list[Mention]:
    """The mentions that overlap no sum. Both lists are sorted by start and `money` has no
    overlaps, so one walk over both settles it: only the first sum ending after a mention
    starts can overlap it (speed: no bisection per mention)."""
    kept: list[Mention] = []
    at, count = 0, len(money)
    for index, mention in enumerate(mentions):
        start = mention.start
        while money[at].end <= start:
            at += 1
            if at == count:  # no sum ends after this mention starts: the rest are kept
                kept += mentions[index:]
                return kept
        if money[at].start >= mention.end:
            kept.append(mention)
    return kept


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
    pair: tuple[Entity, ...] | None = None  # the main pair, once `read_numbers` has found it
    # per list of spans (mentions, money, times): the list, its length, its starts if sorted
    _span_starts: dict[int, tuple[list[Any], int, list[int] | None]] = field(
        default_factory=dict, repr=False, compare=False
    )

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
            mentions=prepare_mentions(text, (), found, title=title),
            money=[],
            times=[],
            stems=StemIndex(lower_text(text), starts),
            starts=starts,
            # The countries named settle shared currency names ("shillings" in a Uganda story).
            countries=frozenset(filter(None, [m.entity.country for m in found])),
        )

    def read_numbers(self, money_in: Iterable[int], times_in: Iterable[int]) -> None:
        """Find sums in the sentences `money_in` and times in `times_in` (indexes); names
        inside a sum ("U.S. dollars") stop being mentions."""
        money: list[MoneyMention] = []
        times: list[TimeMention] = []
        # the article's main pair, kept for the reading that follows (resolve.Context.pair)
        self.pair = main_pair(self.title, self.mentions, len(self.text))
        pair = {e.country for e in self.pair if e.country}
        # whose "$" a bare dollar is (CAD in a Canadian Press story): read once, from the whole text
        dollar = currency_lexicon().bare_dollar(
            self.countries, self.text, pair, dateline_country(self.text, self.mentions)
        )
        text, countries, anchor = self.text, self.countries, self.anchor
        money_in = self._with_conversions(set(money_in))
        money_runs, time_runs = set(self._runs(money_in)), set(self._runs(times_in))
        # (speed) both readers of a run one after the other: it is sliced once, and its numbers
        # (numbers.number_runs, cached for the last few texts) are found once
        for start, end in sorted(money_runs | time_runs):
            part = text[start:end]
            if (start, end) in money_runs:
                money += find_amounts(
                    part, countries=countries, dollar=dollar, offset=start, pair=pair
                )
            if (start, end) in time_runs:
                times += find_times(part, anchor, offset=start)
        self.money, self.times = money, times
        if money:
            self.mentions = _outside(self.mentions, money)

    def _with_conversions(self, indexes: set[int]) -> set[int]:
        """The sentences, and each next one that converts their sum ("That is equivalent to
        about $45 million"): read in one run, the conversion attaches to the sum."""
        sentences = self.sentences
        more = {
            i + 1
            for i in indexes
            if i + 1 < len(sentences) and CONVERSION_LEAD.match(sentences[i + 1].text)
        }
        return indexes | more

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
            found = self._topic_scan(topic)
            self._topics[topic] = found
        return found

    def _topic_scan(self, topic: str) -> frozenset[int]:
        # (speed) a list, not a generator: a dozen topics are scanned per article
        c = cues()
        if topic == "conflict":
            # a stem is an anchor at a word's start: the anchor test conflict_in makes is met
            hits = self.stems.any_of(c.conflict.anchor_set)
            return frozenset([i for i in hits if conflict_in_lowered(self.lower_of(i))])
        anchored = c.domain[topic]
        search = anchored.scan.search  # (speed) the fast scan
        hits = self.stems.any_of(anchored.anchor_set)
        return frozenset([i for i in hits if search(self.lower_of(i))])

    def lower_of(self, index: int) -> str:
        """The lower-cased sentence (same offsets as the sentence)."""
        sentence = self.sentences[index]
        return self.stems.lower[sentence.start : sentence.end]

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def in_sentence(self, index: int, items: Iterable[Mention]) -> list[Mention]:
        sentence = self.sentences[index]
        if items is self.mentions:
            return self._spans_from(self.mentions, sentence.start, sentence.end, None)
        return [m for m in items if sentence.start <= m.start < sentence.end]

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return self._spans_from(self.mentions, start, end + 1, end)

    def money_in(self, start: int, end: int) -> list[MoneyMention]:
        return self._spans_from(self.money, start, end + 1, end)

    def times_in(self, start: int, end: int) -> list[TimeMention]:
        return self._spans_from(self.times, start, end + 1, end)

    def _spans_from(self, items: list[_S], start: int, before: int, end: int | None) -> list[_S]:
        """The items (in their order) with start <= item.start < before, and item.end <= end
        unless `end` is None: by bisection when the list is sorted by start (speed)."""
        starts = self._starts_of(items)
        if starts is None:
            chunk = [x for x in items if start <= x.start < before]
        else:
            chunk = items[bisect_left(starts, start) : bisect_left(starts, before)]
        return chunk if end is None else [x for x in chunk if x.end <= end]

    def _starts_of(self, items: list[_S]) -> list[int] | None:
        """The start offsets of one of the document's lists if it is sorted, else None;
        computed once per list object (read_numbers replaces the lists, never edits them)."""
        cached = self._span_starts.get(id(items))
        if cached is not None and cached[0] is items and cached[1] == len(items):
            return cached[2]
        found = [x.start for x in items]
        starts = found if found == sorted(found) else None
        self._span_starts[id(items)] = (items, len(items), starts)
        return starts
