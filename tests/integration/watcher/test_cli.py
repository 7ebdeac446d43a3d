"""`tradewire watch` and `tradewire feeds ...` against the suite's Redis and loopback feeds."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import redis
from pytest_httpserver import HTTPServer

from services.watcher import cli
from services.watcher.feedstate import FeedStatus
from services.watcher.opml import parse_opml
from services.watcher.registry import FeedRegistry
from shared import constants as c
from shared.settings import Settings
from tests.integration.watcher.conftest import make_settings
from tests.integration.watcher.helpers import Item, rss

pytestmark = pytest.mark.integration


def run(settings: Settings, *argv: str) -> int:
    parser = argparse.ArgumentParser(prog="tradewire")
    cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.handler(args, settings)
    return code


def test_feeds_add_list_remove(
    redis_url: str, registry: FeedRegistry, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = make_settings(redis_url)
    assert run(settings, "feeds", "add", "https://a.example/rss", "https://B.example/atom.xml") == 0
    assert run(settings, "feeds", "add", "https://a.example/rss") == 0
    out = capsys.readouterr().out
    assert out.count("added") == 2 and "already registered" in out
    assert run(settings, "feeds", "add", "ftp://nope.example/x") == 1
    assert run(settings, "feeds", "list") == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0].split()[:4] == ["status", "last_fetch", "http", "next_check"]
    assert [line.split()[-1] for line in listing[1:]] == [
        "https://a.example/rss",
        "https://b.example/atom.xml",
    ]
    assert all(line.split()[0] == "active" for line in listing[1:])
    assert run(settings, "feeds", "remove", "https://a.example/rss") == 0
    assert run(settings, "feeds", "remove", "https://a.example/rss") == 1
    assert [f.url for f in registry.all()] == ["https://b.example/atom.xml"]


def test_feeds_list_json_shows_status_errors_and_schedule(
    redis_url: str, registry: FeedRegistry, capsys: pytest.CaptureFixture[str]
) -> None:
    state, _ = registry.add_url("https://down.example/rss", source="cli", now=datetime.now(UTC))
    broken = state.model_copy(
        update={
            "status": FeedStatus.SUSPENDED,
            "error_count": 10,
            "last_error": "HTTP 500",
            "last_status": 500,
        }
    )
    registry.save(broken)
    settings = make_settings(redis_url)
    assert run(settings, "feeds", "list", "--json") == 0
    (row,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert row["status"] == "suspended"
    assert row["last_error"] == "HTTP 500"
    assert {"last_fetch_at", "next_check_at", "entries_seen"} <= row.keys()
    assert run(settings, "feeds", "resume", "https://down.example/rss") == 0
    (revived,) = registry.all()
    assert revived.status is FeedStatus.ACTIVE and revived.error_count == 0


def test_opml_import_and_export(redis_url: str, registry: FeedRegistry, tmp_path: Path) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body>'
        '<outline text="World"><outline text="Trade news" type="rss" '
        'xmlUrl="https://trade.example/rss"/><outline text="Not a feed" htmlUrl="https://x/"/>'
        '</outline><outline title="Markets" xmlUrl="https://markets.example/atom"/></body></opml>'
    )
    settings = make_settings(redis_url)
    assert run(settings, "feeds", "import-opml", str(opml)) == 0
    feeds = {f.url: f for f in registry.all()}
    assert set(feeds) == {"https://trade.example/rss", "https://markets.example/atom"}
    assert feeds["https://trade.example/rss"].title == "Trade news"
    assert feeds["https://trade.example/rss"].source == "opml"
    out = tmp_path / "export.opml"
    assert run(settings, "feeds", "export-opml", str(out)) == 0
    exported = {f.url: f.title for f in parse_opml(out.read_bytes())}
    assert exported == {
        "https://markets.example/atom": "Markets",
        "https://trade.example/rss": "Trade news",
    }


def test_opml_with_entities_is_refused(
    redis_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opml = tmp_path / "evil.opml"
    opml.write_text('<?xml version="1.0"?>\n<!DOCTYPE opml [\n<!ENTITY a "aaaa">\n]>\n<opml/>')
    assert run(make_settings(redis_url), "feeds", "import-opml", str(opml)) == 1
    assert "refused OPML" in capsys.readouterr().err


def test_watch_once_queues_through_the_client_and_stats_count_it(
    httpserver: HTTPServer,
    redis_url: str,
    redis_client: redis.Redis,
    capsys: pytest.CaptureFixture[str],
) -> None:
    items = [
        Item("One", guid="1", description="First."),
        Item("Two", guid="2", description="Second."),
    ]
    httpserver.expect_request("/feed").respond_with_data(
        rss(items), content_type="application/rss+xml"
    )
    settings = make_settings(redis_url, feeds=[httpserver.url_for("/feed")], fetch_full_text=False)
    assert run(settings, "watch", "--once") == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report["polled"] == 1 and report["articles_queued"] == 2
    # The producer client recorded both articles as queued (its dedup keys).
    assert len(redis_client.keys(c.ARTICLE_SEEN_PREFIX + "*")) == 2
    assert run(settings, "feeds", "stats") == 0
    lines = capsys.readouterr().out.splitlines()
    assert "# TYPE tradewire_watcher_fetches_total counter" in lines
    assert 'tradewire_watcher_fetches_total{result="ok"} 1' in lines
    assert 'tradewire_watcher_articles_queued_total{arrival="feed"} 2' in lines
    assert 'tradewire_watcher_feeds{status="active"} 1' in lines


def test_unreachable_redis_is_one_line_not_a_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from shared.embedded_redis import free_port

    settings = make_settings(f"redis://127.0.0.1:{free_port()}/0")
    assert run(settings, "feeds", "list") == 1
    assert "ConnectionError" in capsys.readouterr().err
