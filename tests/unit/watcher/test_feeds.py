"""Feed parsing: unsafe XML refused up front, entries and metadata read, entry identity."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.watcher.dedup import entry_keys
from services.watcher.feeds import (
    FeedEntry,
    NotAFeed,
    UnsafeFeed,
    feed_language,
    parse_feed,
    reject_unsafe_xml,
)

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title>
<entry><id>urn:1</id><title>Relative</title><link href="/a/1"/>
<published>2025-02-01T10:00:00Z</published><updated>2025-02-02T10:00:00Z</updated>
<summary>Short</summary><content type="html">&lt;p&gt;Full content&lt;/p&gt;</content></entry>
</feed>"""


@pytest.mark.parametrize(
    "doc",
    [
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "x">]><rss/>',
        '<?xml version="1.0"?>\n<!doctype rss [\n]>\n<rss/>',
        '<!DOCTYPE rss SYSTEM "x.dtd" [ <!ELEMENT rss ANY> ]><rss/>',
        '<rss><!ENTITY x SYSTEM "file:///etc/passwd"></rss>',
        '<!-- <a --> <!DOCTYPE rss [ <!ENTITY a "b"> ]><rss/>',
    ],
)
def test_entity_and_subset_declarations_are_refused(doc: str) -> None:
    with pytest.raises(UnsafeFeed):
        reject_unsafe_xml(doc.encode())


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_wide_encodings_do_not_hide_entities(codec: str) -> None:
    doc = '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "x">]><rss/>'
    with pytest.raises(UnsafeFeed):
        reject_unsafe_xml(doc.encode(codec))


@pytest.mark.parametrize(
    "doc",
    [
        '<?xml version="1.0"?><rss version="2.0"><channel/></rss>',
        '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        '"http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"/>',
        "<rss><channel><description>&lt;!ENTITY is escaped here&gt;</description></channel></rss>",
    ],
)
def test_ordinary_documents_pass(doc: str) -> None:
    reject_unsafe_xml(doc.encode())


def test_atom_entry_fields() -> None:
    parsed = parse_feed(
        ATOM.encode(), url="https://site.example/feed", content_type="application/atom+xml"
    )
    assert parsed.title == "Atom news"
    (entry,) = parsed.entries
    assert entry.guid == "urn:1"
    assert entry.link == "https://site.example/a/1"  # resolved against the feed's URL
    assert entry.published == datetime(2025, 2, 1, 10, tzinfo=UTC)
    assert entry.updated == datetime(2025, 2, 2, 10, tzinfo=UTC)
    assert entry.summary_html == "Short"
    assert entry.content_html == "<p>Full content</p>"
    assert parsed.warning is None


def test_rss_ttl_language_and_no_entries() -> None:
    doc = (
        b"<rss version='2.0'><channel><title>Q</title><language>ru-RU</language>"
        b"<ttl>45</ttl></channel></rss>"
    )
    parsed = parse_feed(doc, url="https://x.example/rss")
    assert (parsed.title, parsed.language, parsed.ttl_s, parsed.entries) == ("Q", "ru-RU", 2700, ())


@pytest.mark.parametrize("body", [b"<html><body>Hello</body></html>", b"", b"\x00\x01garbage"])
def test_not_a_feed(body: bytes) -> None:
    with pytest.raises(NotAFeed):
        parse_feed(body, url="https://x.example/")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("en-us", "en-US"),
        ("EN", "en"),
        ("zh_CN", "zh-CN"),
        ("english", None),
        ("", None),
        (None, None),
    ],
)
def test_feed_language(value: str | None, expected: str | None) -> None:
    assert feed_language(value) == expected


def entry(
    guid: str | None = None, link: str | None = None, title: str = "", summary: str = ""
) -> FeedEntry:
    return FeedEntry(guid, link, title, summary, "", None, None)


def test_entry_identity_guid_then_link_then_content() -> None:
    by_guid = entry_keys([entry(guid="g", link="http://a/1", title="x")])
    assert by_guid == entry_keys([entry(guid="g", link="http://a/2", title="changed")])
    by_link = entry_keys([entry(link="http://a/1", title="x")])
    assert by_link == entry_keys([entry(link="http://a/1", title="edited title")])
    assert by_link != entry_keys([entry(link="http://a/2", title="x")])
    by_text = entry_keys([entry(title="t", summary="s")])
    assert by_text != entry_keys([entry(title="t", summary="other")])
    assert len({*by_guid, *by_link, *by_text}) == 3


def test_repeated_guid_is_disambiguated_independently_of_order() -> None:
    one, two = (
        entry(guid="dup", link="http://a/1", title="One"),
        entry(guid="dup", link="http://a/2", title="Two"),
    )
    keys = entry_keys([one, two])
    assert keys[0] != keys[1]
    assert entry_keys([two, one]) == keys[::-1]
