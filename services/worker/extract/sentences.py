"""Sentence splitting with offsets that survives "U.S.", "Nov.5-10", "Mr.", "Inc." and decimals."""

from __future__ import annotations

import functools
import re
from typing import Final, NamedTuple

from services.worker.extract.lexicon import words

# A candidate end: terminal punctuation (with closing quotes/brackets) then whitespace, or a
# line break (with the blank lines after it: one candidate per paragraph break). Decimals
# ("33.7") and "Nov.5-10" have no whitespace after the dot: never candidates. Group 1 is the
# word that follows a full stop. The pattern starts with an ASCII class so the engine can
# skip ahead to candidates.
_CANDIDATE: Final = re.compile(
    r"[.!?\n](?:(?<=\n)\s*|[.!?…]*[\"'”’)\]]*(?=\s)(?:(?=\s*[\"“‘'(\[]?([A-Za-z]+|\d))|))"
)
_WORD_BEFORE: Final = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")

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


@functools.lru_cache(maxsize=8192)
def _kind_before(token: str) -> str | None:
    """_is_abbreviation of the word before the final full stop of `token` ("U.S" in
    "U.S."); cached: the words before full stops repeat across articles (speed)."""
    word = _WORD_BEFORE.search(token)
    return _is_abbreviation(word.group(1)) if word else None


def _ends_here(text: str, end: int, following: str) -> bool:
    """Whether a candidate at text[:end], before the word `following`, ends the sentence."""
    head = text[max(0, end - 24) : end].rstrip("\"'”’)]")
    if not head.endswith("."):
        return True  # "!" or "?": always an end
    if following[0].islower():
        return False  # "...Nov. 5" is caught below; lower case never starts a sentence
    # the word holds no space (other whitespace in the token does not change the answer)
    kind = _kind_before(head[head.rfind(" ") + 1 :])
    if kind == "title":
        return False
    if kind == "abbrev":
        return following in _OPENERS
    return True


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with [start, end) offsets into `text`; text[start:end] == sentence.text."""
    sentences: list[Sentence] = []
    append = sentences.append
    start = 0
    for match in _CANDIDATE.finditer(text):
        at, end = match.span()
        if text[at] != "\n":
            following = match.group(1)
            if following is not None and not _ends_here(text, end, following):
                continue
        elif at == start:
            start = end  # a line break right after a sentence's end: nothing between
            continue
        # (speed) the sentence between start and end, inline: this loop runs per sentence
        chunk = text[start:end]
        kept = chunk.strip()  # str.strip() drops exactly the characters str.isspace() accepts
        if kept:
            first = start + chunk.index(kept[0])  # only whitespace comes before it
            append(_new_tuple(Sentence, (first, first + len(kept), kept)))
        start = end
    _append(sentences, text, start, len(text))
    return sentences


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    kept = chunk.strip()
    if kept:
        start += chunk.index(kept[0])
        # (speed) what Sentence(...) does, without its Python-level __new__
        out.append(_new_tuple(Sentence, (start, start + len(kept), kept)))


_new_tuple: Final = tuple.__new__
