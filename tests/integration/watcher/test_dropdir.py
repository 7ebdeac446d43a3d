"""The drop folder: seeds-format, HTML and JSON files queued; bad ones set aside with a reason."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
import redis

from services.watcher.service import Watcher
from services.watcher.sink import RedisListSink
from shared import constants as c
from shared.models import ArrivalKind
from tests.integration.watcher.conftest import make_settings
from tests.integration.watcher.helpers import LONG_PARAGRAPHS, page

pytestmark = pytest.mark.integration


def test_seed_files_are_queued_and_moved_to_done(
    make_watcher: Callable[..., Watcher],
    sink: RedisListSink,
    redis_url: str,
    tmp_path: Path,
    seed_paths: list[Path],
) -> None:
    for seed in seed_paths:
        shutil.copy(seed, tmp_path / seed.name)
    make_watcher(make_settings(redis_url, drop_dir=tmp_path)).run_once()
    articles = {a.title: a for a in sink.articles()}
    assert len(articles) == 2
    dated = articles["Import expo boosts Russia-China business cooperation, says expert"]
    assert dated.published_at == datetime(2018, 11, 18, tzinfo=UTC)
    assert dated.arrived_via is ArrivalKind.FILE
    undated = articles[""]
    assert undated.published_at is None
    assert "223.1 billion yuan" in undated.text
    assert sorted(p.name for p in (tmp_path / "done").iterdir()) == sorted(
        s.name for s in seed_paths
    )
    assert not list(tmp_path.glob("*.txt"))


def test_html_and_json_files_are_queued(
    make_watcher: Callable[..., Watcher],
    sink: RedisListSink,
    redis_url: str,
    tmp_path: Path,
) -> None:
    (tmp_path / "page.html").write_text(page("Wheat to China", LONG_PARAGRAPHS))
    article = {
        "title": "From JSON",
        "text": "Kazakhstan and China signed a rail deal.",
        "url": "https://x.example/a",
    }
    (tmp_path / "item.json").write_text(json.dumps(article))
    make_watcher(make_settings(redis_url, drop_dir=tmp_path)).run_once()
    by_title = {a.title: a for a in sink.articles()}
    assert set(by_title) == {"Wheat to China", "From JSON"}
    assert "Sichuan province" in by_title["Wheat to China"].text
    assert by_title["From JSON"].url == "https://x.example/a"


def test_bad_files_go_to_failed_with_a_reason(
    make_watcher: Callable[..., Watcher],
    sink: RedisListSink,
    redis_client: redis.Redis,
    redis_url: str,
    tmp_path: Path,
) -> None:
    (tmp_path / "broken.json").write_text('{"title": "no body"}')
    (tmp_path / "empty.txt").write_text("   \n\n")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "incoming.txt.part").write_text("still being written")
    (tmp_path / ".hidden.txt").write_text("editor swap")
    make_watcher(make_settings(redis_url, drop_dir=tmp_path)).run_once()
    assert sink.articles() == []
    failed = tmp_path / "failed"
    assert sorted(p.name for p in failed.iterdir()) == [
        "broken.json",
        "broken.json.reason",
        "empty.txt",
        "empty.txt.reason",
        "report.pdf",
        "report.pdf.reason",
    ]
    assert "text" in (failed / "broken.json.reason").read_text()
    assert "unsupported file type" in (failed / "report.pdf.reason").read_text()
    # Partial and hidden files are left alone.
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [
        ".hidden.txt",
        "incoming.txt.part",
    ]
    dead = [json.loads(x) for x in redis_client.lrange(c.DEAD_LETTER_LIST, 0, -1)]
    assert sorted(d["stage"] for d in dead) == ["dropdir"] * 3


def test_files_still_settling_are_left_for_later(
    make_watcher: Callable[..., Watcher],
    sink: RedisListSink,
    redis_url: str,
    tmp_path: Path,
) -> None:
    (tmp_path / "fresh.txt").write_text(" date 2024-05-01 Fresh\n\nJust written.\n")
    make_watcher(make_settings(redis_url, drop_dir=tmp_path, drop_settle_s=60)).run_once()
    assert sink.articles() == []
    assert (tmp_path / "fresh.txt").exists()


def test_same_name_dropped_twice_keeps_both_in_done(
    make_watcher: Callable[..., Watcher],
    sink: RedisListSink,
    redis_url: str,
    tmp_path: Path,
) -> None:
    watcher = make_watcher(make_settings(redis_url, drop_dir=tmp_path))
    for body in ("First version of a story.", "Second version of a story."):
        (tmp_path / "story.txt").write_text(f" date 2024-05-01 Story\n\n{body}\n")
        watcher.run_once()
    assert sorted(p.name for p in (tmp_path / "done").iterdir()) == ["story.1.txt", "story.txt"]
    assert [a.text for a in sink.articles()] == [
        "First version of a story.",
        "Second version of a story.",
    ]
