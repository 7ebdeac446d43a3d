"""Sentence splitting with offsets that survives "U.S.", "Nov.5-10", "Mr.", "Inc." and decimals."""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from services.worker.extract.lexicon import words

# A candidate end: terminal punctuation (with closing quotes/brackets) then whitespace, or a
# line break. Decimals ("33.7") and "Nov.5-10" have no whitespace after the dot: never candidates.
# The pattern starts with an ASCII class so the engine can skip ahead to candidates.
_CANDIDATE: Final = re.compile(r"[.!?\n](?:(?<=\n)|[.!?…]*[\"'”’)\]]*(?=\s))")
_WORD_BEFORE: Final = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_NEXT_WORD: Final = re.compile(r"\s*[\"“‘'(\[]?([A-Za-z]+|\d)")

# Never end a sentence: titles and honorifics always precede a name.
_TITLES: Final = words(
    "Mr Mrs Ms Dr Prof Sen Rep Gov Gen Col Lt Sgt Capt Cmdr Adm Maj Rev Fr Hon Pres St Mt Ft "
    "Messrs Mme Mlle Sr Jr No Nos Art Sec Vol Fig pp vs v"
)
# Usually mid-sentence; end a sentence only when a typical sentence opener follows.
_ABBREVIATIONS: Final = words(
    "Inc Ltd Co Corp Bros Plc LLC Cie Dept Univ Ave Blvd Assn Est approx etc al e.g i.e a.m "
    "p.m Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri "
    "Sat Sun "
    "bn mn mln bln tn Rs Rp Sh Ksh Tk Nos cf ca viz"
)
_OPENERS: Final = words(
    "The A An It He She They We I This That These Those In On At For But And Yet So However "
    "Meanwhile Also Its His Her Their Our According Under Since While When After Before As If "
    "Although Though There Some Many Most Both Last Earlier Later Officials Analysts Data Trade "
    "China Russia India Japan Exports Imports"
)


class Sentence(NamedTuple):
    start: int
    end: int
    text: str


def _is_abbreviation(word: str) -> str | None:
    """'title', 'abbrev' or None for the word (without its final dot) before a full stop."""
    if word in _TITLES:
        return "title"
    if word in _ABBREVIATIONS or word.lower() in _ABBREVIATIONS:
        return "abbrev"
    if "." in word or (len(word) == 1 and word.isupper()):
        return "abbrev"  # U.S., U.K., E.U., initials such as "J."
    return None


def _ends_here(text: str, end: int) -> bool:
    """Whether a candidate full stop at text[:end] really ends the sentence."""
    head = text[max(0, end - 24) : end].rstrip("\"'”’)]")
    if not head.endswith("."):
        return True  # "!" or "?": always an end
    nxt = _NEXT_WORD.match(text, end)
    if nxt is None:
        return True
    following = nxt.group(1)
    if following[0].islower():
        return False  # "...Nov. 5" is caught below; lower case never starts a sentence
    word = _WORD_BEFORE.search(head)
    kind = _is_abbreviation(word.group(1)) if word else None
    if kind == "title":
        return False
    if kind == "abbrev":
        return following in _OPENERS
    return True


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with [start, end) offsets into `text`; text[start:end] == sentence.text."""
    sentences: list[Sentence] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        if match.group() != "\n" and not _ends_here(text, end):
            continue
        _append(sentences, text, start, end)
        start = end
    _append(sentences, text, start, len(text))
    return sentences


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    # str.strip() drops exactly the characters str.isspace() accepts
    chunk = text[start:end].lstrip()
    start = end - len(chunk)
    chunk = chunk.rstrip()
    if chunk:
        out.append(Sentence(start, start + len(chunk), chunk))
