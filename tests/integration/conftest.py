"""Real processes for integration tests: Celery workers and a publisher, on the suite's Redis."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# Small limits so redelivery after a crash happens within seconds, not the production hour.
FAST_WORKER_ENV = {
    "TRADEWIRE_WORKER__SOFT_TIME_LIMIT_S": "8",
    "TRADEWIRE_WORKER__TIME_LIMIT_S": "10",
    "TRADEWIRE_WORKER__RETRY_BACKOFF_MAX_S": "1",
    "TRADEWIRE_WORKER__VISIBILITY_TIMEOUT_S": "12",
    "TRADEWIRE_WORKER__RESTORE_INTERVAL_S": "1",
    "TRADEWIRE_LOG_JSON": "true",
}


@dataclass
class WorkerProcess:
    """A `tradewire worker` subprocess in its own process group, with its log captured."""

    proc: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)

    def _pump(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line)

    def wait_for(self, text: str, timeout_s: float = 60.0) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if any(text in line for line in self.lines):
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"worker never logged {text!r}:\n{''.join(self.lines[-40:])}")

    def kill_hard(self) -> None:
        """SIGKILL the whole process group: the main process and its pool children at once."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


@pytest.fixture()
def start_worker(redis_url: str) -> Iterator[Callable[..., WorkerProcess]]:
    started: list[WorkerProcess] = []

    def start(**env: str) -> WorkerProcess:
        full_env = {**os.environ, **FAST_WORKER_ENV, "TRADEWIRE_REDIS_URL": redis_url, **env}
        cmd = [sys.executable, "-m", "services.cli", "worker", "--concurrency", "1"]
        proc = subprocess.Popen(
            cmd,
            cwd=REPO,
            env=full_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        worker = WorkerProcess(proc)
        threading.Thread(target=worker._pump, daemon=True).start()
        started.append(worker)
        worker.wait_for("ready")
        return worker

    yield start
    for worker in started:
        worker.stop()


def wait_until(predicate: Callable[[], bool], timeout_s: float = 30.0, step_s: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step_s)
    return predicate()
