"""`tradewire demo` as a new user runs it: embedded Redis, real processes, events on stdout."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import redis

from shared import constants as c

pytestmark = [pytest.mark.integration, pytest.mark.slow]
REPO = Path(__file__).resolve().parents[2]


def run_demo(env: dict[str, str]) -> tuple[int, list[dict[str, Any]], str]:
    proc = subprocess.run(
        [sys.executable, "-m", "services.cli", "demo", "--timeout", "120"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    events = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    return proc.returncode, events, proc.stderr


def path_without_redis_server() -> str:
    """PATH minus every folder holding a redis-server, as on a machine without one."""
    folders = os.environ.get("PATH", "").split(os.pathsep)
    return os.pathsep.join(f for f in folders if not (Path(f) / "redis-server").exists())


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRADEWIRE_")}
    return {**env, **extra}


def amounts(event: dict[str, Any]) -> list[tuple[float, str | None]]:
    return [(a["value"], a["currency"]) for a in event["data"]["amounts"]]


def test_demo_with_embedded_redis_prints_the_seed_events() -> None:
    env = clean_env(PATH=path_without_redis_server())
    assert shutil.which("redis-server", path=env["PATH"]) is None
    code, events, stderr = run_demo(env)
    assert code == 0, stderr[-3000:]
    assert all(
        e["specversion"] == "1.0" and e["type"] == "tradewire.trade_event.v1" for e in events
    )
    purchase = [e for e in events if (500_000_000, "USD") in amounts(e)]
    assert purchase, [amounts(e) for e in events]
    data = purchase[0]["data"]
    assert {"CN-SC", "CN-HB", "CN-GS"} <= {p["subdivision"] for p in data["participants"]}
    assert "RUS" in {p["country"] for p in data["participants"]}
    volume = [e for e in events if (223_100_000_000, "CNY") in amounts(e)]
    assert volume and volume[0]["data"]["event_type"] == "trade_volume"
    assert len({e["id"] for e in events}) == len(events)


def test_demo_twice_on_the_same_redis_adds_nothing(redis_url: str) -> None:
    env = clean_env(TRADEWIRE_REDIS_URL=redis_url)
    code, first, stderr = run_demo(env)
    assert code == 0, stderr[-3000:]
    length = redis.Redis.from_url(redis_url).xlen(c.EVENTS_STREAM)
    assert length == len(first) > 0
    code, second, stderr = run_demo(env)
    assert code == 0, stderr[-3000:]
    assert redis.Redis.from_url(redis_url).xlen(c.EVENTS_STREAM) == length
    assert sorted(e["id"] for e in second) == sorted(e["id"] for e in first)


def test_seeds_submitted_after_the_demo_add_nothing(redis_url: str, seed_paths: list[Path]) -> None:
    env = clean_env(TRADEWIRE_REDIS_URL=redis_url)
    code, first, stderr = run_demo(env)
    assert code == 0, stderr[-3000:]
    proc = subprocess.run(
        [sys.executable, "-m", "services.cli", "submit", *map(str, seed_paths)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    results = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["reason"] for r in results] == ["duplicate"] * len(seed_paths), results
    assert {r["article_id"] for r in results} == {e["data"]["article"]["id"] for e in first}
    assert redis.Redis.from_url(redis_url).xlen(c.EVENTS_STREAM) == len(first)
