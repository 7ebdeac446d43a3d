"""Stripping what is not the article: forum footers, share/copyright/cookie lines, credits."""

from __future__ import annotations

import re
from typing import Final

from services.worker.extract.fastre import compile_lower

# A line that starts like this is page furniture, not reporting.
_LINE_START: Final = (
    r"\W{0,3}(?:powered\s+by|copyright\s*(?:©|\(c\)|\d{4})|©|\(c\)\s|all\s+rights\s+reserved|share\s+(?:this|on|via)\b"
    r"|follow\s+us|subscribe\b|sign\s+up\s+(?:for|to)|click\s+here|read\s+more\b|read\s+also\b"
    r"|related\s*(?:articles?|stories|news|posts|coverage)?\s*:|advertisement\b|sponsored\b"
    r"|we\s+use\s+cookies|this\s+(?:site|website)\s+uses\s+cookies|cookie\s+(?:policy|settings)"
    r"|accept\s+(?:all\s+)?cookies|tags?\s*:|keywords?\s*:|editor\s*:|editing\s+by|reporting\s+by"
    r"|writing\s+by|additional\s+reporting|source\s*:|photo\s*:|image\s*:|file\s+photo|more\s+news"
    r"|next\s+article|previous\s+article|print\s+(?:this|article)|download\s+(?:our|the)\s+app"
    r"|back\s+to\s+top|top\s+stories|most\s+read|recommended\s+for\s+you|comments?\s*\(\d*\)"
    r"|leave\s+a\s+(?:comment|reply)|you\s+may\s+also\s+like|trending\s+now|newsletter\b"
    r"|\(?(?:reporting|writing|editing)\s+by\b|terms\s+of\s+(?:use|service)|privacy\s+policy)"
)
# Whole-line notes wire stories end with: "($1 = 1.5228 Australian dollars)", "(Reporting by ...)".
_NOTE: Final = (
    r"\(\s*(?:[$€£¥]\s?1\s*=|\$1\s|(?:reporting|writing|editing|additional\s+reporting)\b)"
    r"[^()]*\)$"
)
# Social-button rows and separators: "Facebook Twitter WhatsApp", "| | |", "* * *".
_SOCIAL: Final = (
    r"(?:(?:facebook|twitter|x|whatsapp|linkedin|telegram|email|e-mail|print|share|reddit|"
    r"pinterest|copy\s+link)\W*){1,8}$"
)
_ONLY_PUNCT: Final = r"[\W_]*$"
# (speed) One match at the line's start for all four kinds (case does not matter to the
# punctuation-only one), instead of four.
_WHOLE_LINE: Final = re.compile(f"(?:{_ONLY_PUNCT}|{_SOCIAL}|{_NOTE}|{_LINE_START})", re.IGNORECASE)
# (speed) The same, for lower-cased ASCII lines (where lower() is exactly the case-folding
# IGNORECASE does): case-sensitive literals let the engine skip a branch on its first letter
# instead of entering each of them.
_WHOLE_LINE_LOWER: Final = compile_lower(_WHOLE_LINE.pattern)
# Anywhere in a short line: software footers and rights notices. The look-ahead of the first
# characters lets the engine skip the positions where no branch can start (speed).
_LINE_ANYWHERE: Final = re.compile(
    r"(?=[(acdjpw©])(?:©|\(c\)\s*\d{4}|\bcopyright\s*(?:©|\(c\))?\s*\d{4}|all\s+rights\s+reserved|"
    r"powered\s+by\s+discuz|\bcomsenz\b|\bdiscuz!|\bwordpress\b.*\btheme\b|"
    r"\bjavascript\b.*\b(?:enable|disabled)\b)",
    re.IGNORECASE,
)
# A word every branch of _LINE_ANYWHERE holds: an ASCII line with none of them cannot match
# (in ASCII, lower() is exactly the regex's case-insensitivity).
_ANYWHERE_WORDS: Final = (
    "(c)",
    "copyright",
    "rights",
    "discuz",
    "comsenz",
    "wordpress",
    "javascript",
)
_SHORT_LINE_CHARS: Final = 200


def is_boilerplate(line: str) -> bool:
    """True for a line (already stripped) that carries no reporting."""
    if not line:
        return False
    if not line.isascii():
        if _WHOLE_LINE.match(line):
            return True
        return len(line) <= _SHORT_LINE_CHARS and _LINE_ANYWHERE.search(line) is not None
    lowered = line.lower()
    if _WHOLE_LINE_LOWER.match(lowered):
        return True
    return len(line) <= _SHORT_LINE_CHARS and _anywhere_ascii(line, lowered)


def _anywhere_ascii(line: str, lowered: str) -> bool:
    # a plain loop, not any(...): no generator per line (speed)
    for word in _ANYWHERE_WORDS:
        if word in lowered:
            return _LINE_ANYWHERE.search(line) is not None
    return False


def clean_line(line: str) -> str:
    """Drop the stray separators forum pages leave around a paragraph ("... Oreshkin. |")."""
    if "|" not in line:
        return line.strip()
    # str methods, not a regex: a `\s*\|+\s*$` search tries every position of a long line
    tail = line.rstrip()
    if tail.endswith("|"):
        line = tail.rstrip("|").rstrip()
    head = line.lstrip()
    if head.startswith("|"):
        line = head.lstrip("|")
    return line.strip()


def strip_boilerplate(text: str) -> str:
    """The article's clean text: boilerplate lines removed, paragraphs kept, one blank line
    between paragraphs. Evidence offsets point into this string."""
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = clean_line(raw.strip())
        if is_boilerplate(line):
            continue
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)
