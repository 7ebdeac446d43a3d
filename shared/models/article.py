"""The article: the documented JSON shape producers push, and its normalised form workers get."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import urlsplit, urlunsplit

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from shared.constants import (
    MAX_ARTICLE_HTML_CHARS,
    MAX_ARTICLE_TEXT_CHARS,
    MAX_SHORT_FIELD_CHARS,
    MAX_TITLE_CHARS,
    MAX_URL_CHARS,
)

_TRACKING_PARAMS = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid)$", re.I)


class ArrivalKind(StrEnum):
    """How an article reached tradewire."""

    FEED = "feed"
    CLIENT = "client"
    FILE = "file"
    INBOX = "inbox"


def _check_http_url(value: str | None) -> str | None:
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an absolute http(s) URL")
    return value


HttpURL = Annotated[str, Field(max_length=MAX_URL_CHARS), AfterValidator(_check_http_url)]


def canonical_url(url: str) -> str:
    """Normalise a URL so one page reached through two feeds has one identity."""
    parts = urlsplit(url.strip())
    query = "&".join(
        p
        for p in sorted(parts.query.split("&"))
        if p and not _TRACKING_PARAMS.match(p.split("=")[0])
    )
    path = parts.path.rstrip("/") or "/"
    host = (parts.hostname or "").lower()
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme.lower(), host, path, query, ""))


def _to_aware(value: Any) -> Any:
    """Accept a bare date or naive time (taken as UTC) as a publication time."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return value  # pydantic reports it with the field name
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


class ArticleIn(BaseModel):
    """What a producer submits (client, CLI, inbox, file drop); text or html is required."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    url: HttpURL | None = None
    title: str = Field(default="", max_length=MAX_TITLE_CHARS)
    text: str | None = Field(default=None, max_length=MAX_ARTICLE_TEXT_CHARS)
    html: str | None = Field(default=None, max_length=MAX_ARTICLE_HTML_CHARS)
    published_at: AwareDatetime | None = None
    publisher: str | None = Field(default=None, max_length=MAX_SHORT_FIELD_CHARS)
    language: str = Field(default="en", pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
    guid: str | None = Field(default=None, max_length=MAX_URL_CHARS)
    feed_url: HttpURL | None = None

    @field_validator("published_at", mode="before")
    @classmethod
    def _published_aware(cls, value: Any) -> Any:
        return _to_aware(value)

    @model_validator(mode="after")
    def _has_content(self) -> ArticleIn:
        if not (self.text and self.text.strip()) and not (self.html and self.html.strip()):
            raise ValueError("an article needs a non-empty 'text' or 'html'")
        return self


def _normalise_for_hash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def content_hash(title: str, text: str) -> str:
    """A short hash of what an article says, so an edit is told apart from a re-push."""
    data = f"{_normalise_for_hash(title)}\n{_normalise_for_hash(text)}".encode()
    return hashlib.sha256(data).hexdigest()[:16]


def text_fingerprint(text: str) -> str:
    """A hash of the text alone: the same story syndicated under two URLs has one fingerprint."""
    return hashlib.sha256(_normalise_for_hash(text).encode()).hexdigest()[:16]


def article_id_for(url: str | None, guid: str | None, title: str, text: str) -> str:
    """Stable identity: the canonical URL, else the guid, else the content itself."""
    if url:
        basis = "url:" + canonical_url(url)
    elif guid:
        basis = "guid:" + guid.strip()
    else:
        basis = "content:" + content_hash(title, text)
    return "art_" + hashlib.sha256(basis.encode()).hexdigest()[:20]


class Article(BaseModel):
    """A normalised article as workers receive it: clean text, identity, provenance."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^art_[0-9a-f]{20}$")
    content_hash: str = Field(pattern=r"^[0-9a-f]{16}$")
    url: HttpURL | None = None
    title: str = Field(default="", max_length=MAX_TITLE_CHARS)
    text: str = Field(min_length=1, max_length=MAX_ARTICLE_TEXT_CHARS)
    published_at: AwareDatetime | None = None
    publisher: str | None = Field(default=None, max_length=MAX_SHORT_FIELD_CHARS)
    language: str = "en"
    guid: str | None = Field(default=None, max_length=MAX_URL_CHARS)
    feed_url: HttpURL | None = None
    arrived_via: ArrivalKind
    received_at: AwareDatetime

    @classmethod
    def build(
        cls, *, title: str, text: str, arrived_via: ArrivalKind, received_at: datetime, **extra: Any
    ) -> Article:
        """Build an article, computing its id and content hash from what it holds."""
        url, guid = extra.get("url"), extra.get("guid")
        return cls(
            id=article_id_for(url, guid, title, text),
            content_hash=content_hash(title, text),
            title=title,
            text=text,
            arrived_via=arrived_via,
            received_at=received_at,
            **extra,
        )
