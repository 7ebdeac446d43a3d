"""Reading article files: the seeds' plain-text format and HTML pages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

# The seeds start with " date YYYY-MM-DD Title" (note the leading space); the date may be absent.
_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+(.*)$")
_HTML_HINT = re.compile(r"^\s*(<!doctype html|<html|<\?xml|<head|<body|<article|<div|<p[ >])", re.I)


@dataclass(frozen=True, slots=True)
class ParsedText:
    title: str
    text: str
    published_at: datetime | None


def looks_like_html(raw: str) -> bool:
    return bool(_HTML_HINT.match(raw[:500]))


def normalise_paragraphs(text: str) -> str:
    """Collapse runs of blank lines to one, strip trailing spaces; keep paragraph breaks."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


# A headline: 3 to 200 characters on one line, not ending as a sentence does.
_HEADLINE = re.compile(r"[^\n]{3,200}(?<![.!?:;\"'”])")


def parse_plain_article(raw: str) -> ParsedText:
    """Split a seeds-format file into title, date and body; an undated file has no title line."""
    raw = raw.lstrip("\ufeff")
    first, _, rest = raw.partition("\n")
    header = _HEADER.match(first)
    if header is None:
        title, body = _headline_paragraph(raw)
        return ParsedText(title=title, text=normalise_paragraphs(body), published_at=None)
    try:
        published = datetime.strptime(header.group(1), "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        published = None
    return ParsedText(
        title=header.group(2).strip(), text=normalise_paragraphs(rest), published_at=published
    )


def _headline_paragraph(raw: str) -> tuple[str, str]:
    """An undated file whose first paragraph is one short line without a full stop, followed
    by the body, starts with its headline; anything else is all body (the seeds' format)."""
    stripped = raw.lstrip()
    first, blank, rest = stripped.partition("\n\n")
    line = first.strip()
    if not blank or not rest.strip() or "\n" in line or not _HEADLINE.fullmatch(line):
        return "", raw
    return line, rest
