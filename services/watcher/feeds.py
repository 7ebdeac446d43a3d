"""Feed parsing with feedparser, after refusing documents that declare DTDs or entities."""

from __future__ import annotations

import calendar
import io
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

from shared.constants import WATCHER_MAX_ENTRIES_PER_FEED
from shared.errors import InvalidInput

# An internal subset is where entities (billion laughs, quadratic blowup, external entities)
# are declared; no real feed needs one, so any document with one is refused unparsed.
_DOCTYPE_SUBSET = re.compile(r"<!DOCTYPE[^>\[]*\[", re.I)
_ENTITY_DECL = re.compile(r"<!ENTITY", re.I)
_UTF16_32 = (
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16"),
    (b"\xff\xfe", "utf-16"),
    (b"\x00<", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
)
_LANGUAGE = re.compile(r"^([a-z]{2,3})(?:[-_]([A-Za-z0-9]{2,8}))?$")


class UnsafeFeed(InvalidInput):
    """A document with a DTD internal subset or entity declarations."""


class NotAFeed(InvalidInput):
    """Nothing feed-like could be salvaged from the document."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    guid: str | None
    link: str | None
    title: str
    summary_html: str
    content_html: str
    published: datetime | None
    updated: datetime | None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str
    language: str | None
    ttl_s: float | None
    entries: tuple[FeedEntry, ...]
    warning: str | None


def _text_for_check(body: bytes) -> str:
    """The document as text for the safety scan; wide encodings hide '<!ENTITY' from a byte scan."""
    for prefix, codec in _UTF16_32:
        if body.startswith(prefix):
            try:
                return body.decode(codec)
            except UnicodeDecodeError as exc:
                raise UnsafeFeed(f"undecodable {codec} document") from exc
    return body.decode("latin-1")  # ASCII-compatible: byte-for-byte, never fails


def reject_unsafe_xml(body: bytes) -> None:
    """Raise UnsafeFeed for a DTD internal subset or an entity declaration anywhere."""
    text = _text_for_check(body)
    if _DOCTYPE_SUBSET.search(text):
        raise UnsafeFeed("document declares a DTD internal subset")
    if _ENTITY_DECL.search(text):
        raise UnsafeFeed("document declares entities")


def _when(value: Any) -> datetime | None:
    if not isinstance(value, time.struct_time):
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _str(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _content(entry: Any) -> str:
    values = [_str(c.get("value")) for c in entry.get("content") or [] if isinstance(c, dict)]
    return max(values, key=len, default="")


def _entry(raw: Any) -> FeedEntry:
    link = _str(raw.get("link"))
    return FeedEntry(
        guid=_str(raw.get("id")) or None,
        link=link if link.startswith(("http://", "https://")) else None,
        title=_str(raw.get("title")),
        summary_html=_str(raw.get("summary")),
        content_html=_content(raw),
        published=_when(raw.get("published_parsed")),
        # dict.get: feedparser's own get() maps a missing "updated" to "published", with a warning.
        updated=_when(dict.get(raw, "updated_parsed")),
    )


def _ttl_s(value: Any) -> float | None:
    text = _str(value)
    return float(text) * 60 if text.isdigit() and 0 < int(text) < 10**6 else None


def feed_language(value: Any) -> str | None:
    """A feed's language as a tag the Article accepts ("en-US" -> "en-US"), else None."""
    match = _LANGUAGE.match(_str(value).lower())
    if not match:
        return None
    return match.group(1) + (f"-{match.group(2).upper()}" if match.group(2) else "")


def parse_feed(body: bytes, *, url: str, content_type: str | None = None) -> ParsedFeed:
    """Entries of an RSS/Atom document; a malformed one yields what can be salvaged."""
    reject_unsafe_xml(body)
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    # A BytesIO, never a str: feedparser treats a string that looks like a URL as one to fetch.
    doc = feedparser.parse(io.BytesIO(body), response_headers=headers)
    raw_entries = list(doc.get("entries") or [])
    warning = None
    if doc.get("bozo"):
        warning = f"{type(doc.get('bozo_exception')).__name__}: {doc.get('bozo_exception')}"
    if not raw_entries and not doc.get("version"):
        raise NotAFeed(f"not an RSS or Atom document ({warning or 'no feed elements'})")
    meta = doc.get("feed") or {}
    return ParsedFeed(
        title=_str(meta.get("title")),
        language=feed_language(meta.get("language")),
        ttl_s=_ttl_s(meta.get("ttl")),
        entries=tuple(_entry(e) for e in raw_entries[:WATCHER_MAX_ENTRIES_PER_FEED]),
        warning=warning,
    )
