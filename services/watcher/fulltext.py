"""A feed entry made an article: its page fetched and its main text taken out, else its summary."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from pydantic import ValidationError

from services.watcher.decode import decode_text
from services.watcher.feeds import FeedEntry
from services.watcher.fetch import PAGE_ACCEPT, Fetcher
from shared import constants as c
from shared.errors import InvalidInput, RetryLater
from shared.htmltext import PageText, extract_page, html_fragment_text
from shared.models import ArrivalKind, Article, ArticleIn

_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class FeedContext:
    """What an entry's article takes from its feed."""

    url: str
    title: str
    language: str | None


@dataclass(frozen=True, slots=True)
class EntryArticle:
    article: Article
    source: str  # "page" or "summary"
    fallback_reason: str | None  # why the page was not used, when it should have been


def fetch_page(fetcher: Fetcher, url: str) -> PageText:
    """The page's main text. RetryLater for transient failures, InvalidInput for the rest."""
    result = fetcher.fetch(url, accept=PAGE_ACCEPT)
    if result.status == 429 or result.status >= 500:
        raise RetryLater(f"page answered {result.status}")
    if not 200 <= result.status < 300:
        raise InvalidInput(f"page answered {result.status}")
    content_type = result.headers.get("Content-Type", "")
    if content_type and not any(t in content_type.lower() for t in _HTML_TYPES):
        raise InvalidInput(f"page is not HTML ({content_type.split(';')[0]})")
    try:
        page = extract_page(decode_text(result.body, content_type), url=result.url)
    except Exception as exc:  # lxml and trafilatura raise many types on hostile markup
        raise InvalidInput(f"text extraction failed: {type(exc).__name__}: {exc}") from exc
    if not page.text.strip():
        raise InvalidInput("no text found on the page")
    return page


def article_from_url(url: str, fetcher: Fetcher) -> ArticleIn:
    """A page as a submission (`tradewire submit URL`): its main text, title and date."""
    page = fetch_page(fetcher, url)
    try:
        return ArticleIn(
            url=url,
            title=page.title[: c.MAX_TITLE_CHARS],
            text=page.text[: c.MAX_ARTICLE_TEXT_CHARS],
            published_at=page.published_at,
        )
    except ValidationError as exc:
        raise InvalidInput(f"{url}: not a valid article: {exc}") from exc


def _page_or_reason(
    fetcher: Fetcher | None, entry: FeedEntry
) -> tuple[PageText | None, str | None, bool]:
    """The page, or why not, and whether trying again later may help."""
    if fetcher is None:
        return None, None, False
    if entry.link is None:
        return None, "entry has no link", False
    try:
        return fetch_page(fetcher, entry.link), None, False
    except RetryLater as exc:
        return None, str(exc), True
    except InvalidInput as exc:
        return None, str(exc), False


def _guid(value: str | None) -> str | None:
    if value is None or len(value) <= c.MAX_URL_CHARS:
        return value
    return "sha256:" + hashlib.sha256(value.encode()).hexdigest()


def entry_article(
    entry: FeedEntry, feed: FeedContext, fetcher: Fetcher | None, now: datetime
) -> EntryArticle:
    """Build the entry's article; `fetcher` None means full-text fetching is off.
    Raises RetryLater/InvalidInput only when there is neither page text nor a summary."""
    page, reason, transient = _page_or_reason(fetcher, entry)
    summary = html_fragment_text(entry.content_html or entry.summary_html)
    if page is not None:
        text, source = page.text, "page"
    elif summary:
        text, source = summary, "summary"
    else:
        why = reason or "full-text fetching is off"
        raise (RetryLater if transient else InvalidInput)(f"no page text and no summary: {why}")
    page_date = page.published_at if page else None
    url = entry.link if entry.link and len(entry.link) <= c.MAX_URL_CHARS else None
    article = Article.build(
        title=(entry.title or (page.title if page else ""))[: c.MAX_TITLE_CHARS],
        text=text[: c.MAX_ARTICLE_TEXT_CHARS],
        arrived_via=ArrivalKind.FEED,
        received_at=now,
        published_at=entry.published or page_date or entry.updated,
        publisher=feed.title[: c.MAX_SHORT_FIELD_CHARS] or None,
        language=feed.language or "en",
        feed_url=feed.url,
        **({"url": url} if url else {}),
        **({"guid": _guid(entry.guid)} if entry.guid else {}),
    )
    return EntryArticle(article, source, reason)
