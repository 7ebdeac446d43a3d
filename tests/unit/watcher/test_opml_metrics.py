"""OPML parsing and rendering, metric names, configured feeds, and summary text."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.watcher.feedstate import new_feed
from services.watcher.metrics import metric
from services.watcher.opml import parse_opml, render_opml
from services.watcher.service import configured_feeds
from shared.errors import InvalidInput
from shared.htmltext import html_fragment_text
from shared.settings import Settings, WatcherSettings

NOW = datetime(2025, 3, 1, tzinfo=UTC)


def test_opml_nested_outlines_first_occurrence_wins() -> None:
    doc = b"""<?xml version="1.0"?><opml version="1.0"><body>
      <outline text="Folder"><outline text="A" xmlUrl="https://a.example/rss"/>
        <outline text="Deeper"><outline title="B" text="b" xmlUrl="https://b.example/rss"/></outline>
      </outline>
      <outline text="A again" xmlUrl="https://a.example/rss"/>
      <outline text="ftp" xmlUrl="ftp://c.example/rss"/>
      <outline text="site only" htmlUrl="https://d.example/"/>
    </body></opml>"""
    feeds = parse_opml(doc)
    assert [(f.url, f.title) for f in feeds] == [
        ("https://a.example/rss", "A"),
        ("https://b.example/rss", "B"),
    ]


@pytest.mark.parametrize(
    "doc",
    [b"<rss/>", b"<opml><body>", b'<!DOCTYPE opml [<!ENTITY a "a">]><opml/>', b"x" * 5_000_001],
)
def test_bad_opml_is_refused(doc: bytes) -> None:
    with pytest.raises(InvalidInput):
        parse_opml(doc)


def test_render_opml_round_trips_with_escaping() -> None:
    feed = new_feed("https://a.example/rss?x=1&y=2", source="cli", now=NOW)
    feed = feed.model_copy(update={"title": 'Trade & "Markets" <daily>'})
    text = render_opml([feed], NOW)
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    (back,) = parse_opml(text.encode())
    assert (back.url, back.title) == ("https://a.example/rss?x=1&y=2", 'Trade & "Markets" <daily>')


@pytest.mark.parametrize(
    ("name", "labels", "expected"),
    [
        ("entries_new_total", {}, "entries_new_total"),
        ("fetches_total", {"result": "ok"}, 'fetches_total{result="ok"}'),
        ("x_total", {"b": "2", "a": "1"}, 'x_total{a="1",b="2"}'),
    ],
)
def test_metric_field_names(name: str, labels: dict[str, str], expected: str) -> None:
    assert metric(name, **labels) == expected


def test_configured_feeds_from_settings_and_file(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text("# comment\n\nhttps://b.example/rss\n  https://c.example/atom  \nnot-a-url\n")
    settings = Settings(watcher=WatcherSettings(feeds=["https://a.example/rss"], feeds_file=path))
    assert configured_feeds(settings) == [
        "https://a.example/rss",
        "https://b.example/rss",
        "https://c.example/atom",
    ]


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<p>Russia and <b>China</b> signed.</p>", "Russia and China signed."),
        ("Plain text &amp; an entity", "Plain text & an entity"),
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("Line<br>break", "Line\n\nbreak"),
        ("<script>evil()</script>Kept", "Kept"),
        ("a&nbsp;&nbsp;b", "a b"),
        ("", ""),
    ],
)
def test_html_fragment_text(fragment: str, expected: str) -> None:
    assert html_fragment_text(fragment) == expected
