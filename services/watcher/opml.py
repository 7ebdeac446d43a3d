"""OPML import and export: the subscription-list format every feed reader speaks."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime

from services.watcher.feeds import UnsafeFeed, reject_unsafe_xml
from services.watcher.feedstate import FeedState
from shared import constants as c
from shared.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    url: str
    title: str


def parse_opml(data: bytes) -> list[OpmlFeed]:
    """Every outline with an http(s) xmlUrl, however deeply nested in folders; first wins."""
    if len(data) > c.WATCHER_MAX_OPML_BYTES:
        raise InvalidInput(f"OPML file larger than {c.WATCHER_MAX_OPML_BYTES} bytes")
    try:
        reject_unsafe_xml(data)  # the same entity attacks apply to any XML we are handed
    except UnsafeFeed as exc:
        raise InvalidInput(f"refused OPML: {exc}") from exc
    try:
        root = ET.fromstring(data)  # noqa: S314 - DTDs and entities were refused just above
    except ET.ParseError as exc:
        raise InvalidInput(f"not well-formed OPML: {exc}") from exc
    if root.tag.lower() != "opml":
        raise InvalidInput(f"not an OPML document (root element <{root.tag}>)")
    feeds: dict[str, OpmlFeed] = {}
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url.startswith(("http://", "https://")) or len(url) > c.MAX_URL_CHARS:
            continue
        title = (outline.get("title") or outline.get("text") or "").strip()
        feeds.setdefault(url, OpmlFeed(url, title))
    return list(feeds.values())


def render_opml(feeds: Iterable[FeedState], now: datetime) -> str:
    """An OPML 2.0 document of the feeds at their current URLs."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = "tradewire feeds"
    ET.SubElement(head, "dateCreated").text = format_datetime(now)
    body = ET.SubElement(root, "body")
    for feed in feeds:
        title = feed.title or feed.url
        attrs = {"type": "rss", "text": title, "title": title, "xmlUrl": feed.url}
        ET.SubElement(body, "outline", attrs)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
