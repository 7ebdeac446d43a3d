"""Helpers for the publisher's integration tests: settings, outbox, stream reads, processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import redis

from services.publisher.service import run_publisher
from shared import constants as c
from shared.models import CloudEvent
from shared.outbox import OutboxEntry, publisher_caught_up
from shared.settings import Settings

REPO = Path(__file__).resolve().parents[3]


def make_settings(redis_url: str, *, allow_private: bool = True, **publisher: Any) -> Settings:
    return Settings(
        redis_url=redis_url,
        fetch={"allow_private_networks": allow_private},  # type: ignore[arg-type]
        publisher=publisher,  # type: ignore[arg-type]
    )


def push(r: redis.Redis, entry: OutboxEntry, entry_id: str = "*") -> str:
    return str(r.xadd(c.OUTBOX_STREAM, entry.to_fields(), id=entry_id))  # type: ignore[arg-type]


def stream_entries(r: redis.Redis) -> list[dict[str, str]]:
    return [fields for _, fields in r.xrange(c.EVENTS_STREAM)]


def stream_events(r: redis.Redis) -> list[CloudEvent]:
    return [CloudEvent.model_validate_json(f["cloudevent"]) for f in stream_entries(r)]


def drain(settings: Settings, r: redis.Redis, **kwargs: Any) -> list[CloudEvent]:
    """run_publisher(once=True); returns what on_published saw."""
    seen: list[CloudEvent] = []
    run_publisher(
        settings, r, stop=threading.Event(), once=True, on_published=seen.append, **kwargs
    )
    return seen


def outbox_settled(r: redis.Redis) -> bool:
    """Every outbox entry read and acked (Redis 6.2 has no XINFO lag, so no `lag` here)."""
    return r.exists(c.OUTBOX_STREAM) == 1 and publisher_caught_up(r)


def wait_until(
    predicate: Callable[[], bool], timeout_s: float = 20.0, step_s: float = 0.05
) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step_s)
    return predicate()


def publisher_env(redis_url: str, **publisher: str) -> dict[str, str]:
    env = {
        **os.environ,
        "TRADEWIRE_REDIS_URL": redis_url,
        "TRADEWIRE_LOG_JSON": "true",
        "TRADEWIRE_FETCH__ALLOW_PRIVATE_NETWORKS": "true",
    }
    env.update({f"TRADEWIRE_PUBLISHER__{k.upper()}": v for k, v in publisher.items()})
    return env


class PublisherProcess:
    """`python -m services.publisher publish ...` as a real process, its log captured."""

    def __init__(self, redis_url: str, *args: str, **publisher: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "services.publisher", "publish", *args],
            cwd=REPO,
            env=publisher_env(redis_url, **publisher),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self._pump = threading.Thread(target=self._read, daemon=True)
        self._pump.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line)

    def logged(self, event: str) -> int:
        return sum(f'"event": "{event}"' in line for line in list(self.lines))

    def wait(self, timeout_s: float = 30.0) -> int:
        code = self.proc.wait(timeout=timeout_s)
        self._pump.join(timeout=5)
        return code

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        self.wait(20)


@contextmanager
def publisher_thread(
    settings: Settings, r: redis.Redis, **kwargs: Any
) -> Iterator[list[CloudEvent]]:
    """run_publisher in a thread until the block ends; yields what on_published sees."""
    stop = threading.Event()
    seen: list[CloudEvent] = []
    thread = threading.Thread(
        target=run_publisher,
        args=(settings, r),
        kwargs={"stop": stop, "on_published": seen.append, **kwargs},
        daemon=True,
    )
    thread.start()
    try:
        yield seen
    finally:
        stop.set()
        thread.join(timeout=15)
        assert not thread.is_alive(), "the publisher did not stop"
