"""Main-text extraction from HTML pages with trafilatura, and a plain fallback."""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from datetime import UTC, datetime

import trafilatura

from shared.textformat import normalise_paragraphs

_SCRIPT_STYLE = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.I | re.S)
_BLOCK_END = re.compile(r"</(p|div|h[1-6]|li|article|section|br)\s*>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")
# Inline elements sit inside words and sentences: dropping them must not add spaces.
_INLINE_TAG = re.compile(
    r"</?(a|abbr|b|bdi|bdo|cite|code|em|font|i|kbd|mark|q|s|small|span|strong|sub|sup|u|var)"
    r"\b[^>]*>",
    re.I,
)
_SPACES = re.compile(r"[ \t\u00a0]+")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_SITE_SEPS = frozenset({" |", " -", " –", " —", " :", " ·"})


@dataclass(frozen=True, slots=True)
class PageText:
    title: str
    text: str
    published_at: datetime | None
    method: str


def _fallback_text(page: str) -> str:
    """Tag-stripping fallback for pages where trafilatura finds no main content."""
    body = _SCRIPT_STYLE.sub(" ", page)
    body = _BLOCK_END.sub("\n\n", body)
    body = _TAG.sub(" ", _INLINE_TAG.sub("", body))
    lines = (_SPACES.sub(" ", line).strip() for line in html_lib.unescape(body).split("\n"))
    return normalise_paragraphs("\n".join(lines))


def html_fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment such as a feed entry's summary (plain text passes through)."""
    return _fallback_text(fragment) if fragment else ""


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def extract_page(page: str, url: str | None = None) -> PageText:
    """Take the main text, title and date out of an HTML page."""
    doc = trafilatura.bare_extraction(
        page,
        url=url,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        # Only dates the page declares: an extensive search takes "2001-2013" from a footer.
        # With the time of day and offset when the page gives them (a bare date otherwise).
        date_extraction_params={
            "extensive_search": False,
            "original_date": True,
            "outputformat": "%Y-%m-%dT%H:%M:%S%z",
        },
    )
    text = normalise_paragraphs(str(getattr(doc, "text", "") or "")) if doc is not None else ""
    title = str(getattr(doc, "title", "") or "") if doc is not None else ""
    date = _parse_date(getattr(doc, "date", None)) if doc is not None else None
    if text:
        text = without_headline(text, title)
        return PageText(title=title, text=text, published_at=date, method="trafilatura")
    match = _TITLE.search(page)
    fallback_title = html_lib.unescape(match.group(1)).strip() if match else ""
    title = title or fallback_title
    return PageText(
        title=title,
        text=without_headline(_fallback_text(page), title),
        published_at=date,
        method="fallback",
    )


def _plain(line: str) -> str:
    return _SPACES.sub(" ", line).strip(" .:-|").casefold()


def without_headline(text: str, title: str) -> str:
    """The text without a first line that repeats the title. Pages put their <h1> at the top
    of the main text; the title is kept apart, and a headline read as text would report the
    lead's facts a second time ("sign 46 deals worth $21bn" before the lead's SR78 billion)."""
    first, _, rest = text.partition("\n")
    head, name = _plain(first), _plain(title)
    if len(head) < 12 or not rest.strip() or not _same_headline(head, name):
        return text
    return rest.lstrip("\n")


def _same_headline(head: str, name: str) -> bool:
    """The line is the title, the title cut short, or the title with a site name after a
    separator ('... | Example News'); a paragraph that merely starts with the title is not."""
    if head == name or (len(head) >= 20 and name.startswith(head)):
        return True
    tail = head[len(name) :]
    return bool(name) and head.startswith(name) and len(tail) <= 40 and tail[:2] in _SITE_SEPS
