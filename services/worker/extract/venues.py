"""Named expos, fairs and forums: where and when the article says they were held."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from services.worker.extract.gazetteer import Mention
from services.worker.extract.sentences import Sentence


@dataclass(frozen=True, slots=True)
class Venue:
    """An expo, fair or forum and where and when the article says it was held."""

    name: str
    aliases: tuple[str, ...]
    place: Mention | None
    time_pos: int | None  # offset of a time expression in the venue's sentence


_VENUE: Final = re.compile(
    r"(?P<name>(?:[A-Z][\w'’-]*\s+){1,6}(?:Expo|Exposition|Fair|Forum|Summit|Exhibition|Show|"
    r"Week|Congress|Conference|Festival|Dialogue|Roundtable))\b(?:\s*\((?P<acro>[A-Z][A-Za-z]{1,9})\))?"
)
_HELD_IN: Final = re.compile(
    r"\b(?:held|hosted|taking\s+place|took\s+place|opened)\s+in\s+$|\bin\s+$"
)


# The words a venue's name ends with, as literals: most articles name no venue, and one
# search for them (its first letters are rare capitals: the engine skips ahead) is far
# cheaper than the name pattern.
_VENUE_HEADS: Final = re.compile(
    "Expo|Fair|Forum|Summit|Exhibition|Show|Week|Congress|Conference|Festival|Dialogue|Roundtable"
)
_VENUE_WORDS: Final = 6  # the most words _VENUE takes before its head
_WORD_EXTRA: Final = "_'’-"
_Names = tuple[tuple[str, tuple[str, ...]], ...]
# (speed) The last text's venue names: both `venue_sentences` and `find_venues` ask for the
# same article's, one after the other; one entry, replaced by the next text's.
_LAST_NAMES: dict[str, _Names] = {}


def _venue_names(text: str) -> _Names:
    names = _LAST_NAMES.get(text)
    if names is None:
        names = _find_venue_names(text)
        _LAST_NAMES.clear()
        _LAST_NAMES[text] = names
    return names


def _find_venue_names(text: str) -> _Names:
    names: list[tuple[str, tuple[str, ...]]] = []
    for match in venue_matches(text):
        name = match.group("name").removeprefix("The ").strip()
        if all(n != name for n, _ in names):
            names.append((name, tuple(a for a in (name, match.group("acro")) if a)))
    return tuple(names)


def venue_matches(text: str) -> list[re.Match[str]]:
    """What `_VENUE.finditer(text)` yields, with the name pattern tried only where a match can
    start (speed: tried at every capital letter, it cost more than the rest of the article's
    context). A match is at most six words, each a capital then [\\w'’-]* and whitespace, then
    a head word: it starts in one of the six words before a head that follows whitespace. The
    heads come in order, so the positions tried only grow, and the first that matches is the
    leftmost match, as finditer's."""
    found: list[re.Match[str]] = []
    tried = 0  # no match starts below this, past the last match's end
    for head in _VENUE_HEADS.finditer(text):
        at = head.start()
        for start in range(max(tried, _words_before(text, at)), at):
            if "A" <= text[start] <= "Z":
                match = _VENUE.match(text, start)
                if match is not None:
                    found.append(match)
                    tried = match.end()
                    break
        else:
            tried = max(tried, at)
    return found


def _words_before(text: str, at: int) -> int:
    """The start of the sixth word (a run of [\\w'’-]) before `at`, each word followed by
    whitespace, or of the furthest such word; `at` when no whitespace comes right before it."""
    start = pos = at
    for _ in range(_VENUE_WORDS):
        while pos > 0 and text[pos - 1].isspace():
            pos -= 1
        if pos == start:
            break
        word_end = pos
        while pos > 0 and _in_word(text[pos - 1]):
            pos -= 1
        if pos == word_end:
            break
        start = pos
    return start


def _in_word(ch: str) -> bool:
    """A character of `[\\w'’-]` (\\w as the regex engine has it: alphanumeric or "_")."""
    return ch.isalnum() or ch in _WORD_EXTRA


def venue_sentences(text: str, sentences: Sequence[Sentence]) -> list[int]:
    """Indexes of the sentences that name a venue (where its place and time may be said)."""
    aliases = [a for _, names in _venue_names(text) for a in names]
    if not aliases:
        return []
    return [i for i, s in enumerate(sentences) if any(a in s.text for a in aliases)]


def find_venues(
    text: str,
    mentions: Sequence[Mention],
    sentences: Sequence[tuple[int, int]],
    time_starts: Sequence[int],
) -> list[Venue]:
    """Named expos and fairs; their place and time come from a sentence that names the venue
    next to 'held in <place>' (the CIIE, 'held in Shanghai on Nov.5-10')."""
    venues: list[Venue] = []
    for name, aliases in _venue_names(text):
        place, when = _venue_details(text, aliases, mentions, sentences, time_starts)
        venues.append(Venue(name=name, aliases=aliases, place=place, time_pos=when))
    return venues


def _venue_details(
    text: str,
    aliases: Sequence[str],
    mentions: Sequence[Mention],
    sentences: Sequence[tuple[int, int]],
    time_starts: Sequence[int],
) -> tuple[Mention | None, int | None]:
    for start, end in sentences:
        sentence = text[start:end]
        if not any(a in sentence for a in aliases):
            continue
        for m in mentions:
            if (
                start <= m.start < end
                and m.kind in ("city", "region", "capital")
                and _HELD_IN.search(text[max(start, m.start - 30) : m.start])
            ):
                when = next((t for t in time_starts if start <= t < end), None)
                return m, when
    return None, None
