"""The drop folder: article files (seeds-format .txt, .html, ArticleIn .json) queued, then moved
to done/ or, with a .reason file beside them, to failed/."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import redis

from services.watcher.metrics import Metrics
from services.watcher.sink import ArticleSink
from shared import constants as c
from shared.articlefile import article_from_text
from shared.client import normalise
from shared.deadletter import DeadLetter, dead_letter
from shared.errors import InvalidInput, RetryLater
from shared.logging import get_logger
from shared.models import ArrivalKind

log = get_logger(__name__)

SUFFIXES = (".txt", ".html", ".htm", ".json")
# Names editors and copy tools use while a file is still being written.
_PARTIAL = (".tmp", ".part", ".partial", ".swp", ".crdownload")


@dataclass(frozen=True, slots=True)
class DropReport:
    done: int = 0
    failed: int = 0
    waiting: bool = False


def _unique(folder: Path, name: str) -> Path:
    """A free name in the folder: a file dropped twice under one name keeps both copies."""
    target = folder / name
    stem, suffix, n = target.stem, target.suffix, 1
    while target.exists():
        target = folder / f"{stem}.{n}{suffix}"
        n += 1
    return target


def read_article_file(path: Path) -> str:
    size = path.stat().st_size
    if size > c.WATCHER_MAX_DROP_FILE_BYTES:
        raise InvalidInput(f"file of {size} bytes exceeds {c.WATCHER_MAX_DROP_FILE_BYTES}")
    return path.read_bytes().decode("utf-8", errors="replace")


class DropFolder:
    def __init__(
        self,
        folder: Path,
        client: redis.Redis,
        sink: ArticleSink,
        metrics: Metrics,
        *,
        now: Callable[[], datetime],
        settle_s: float,
    ) -> None:
        self.folder = folder
        self._redis = client
        self._sink = sink
        self._metrics = metrics
        self._now = now
        self._settle_s = settle_s

    def candidates(self) -> list[Path]:
        """Files ready to take: not hidden, not partial, left alone for the settle time."""
        if not self.folder.is_dir():
            return []
        # The file system's clock, not the injected one: mtimes are real time.
        newest = time.time() - self._settle_s
        found = []
        for path in sorted(self.folder.iterdir()):
            name = path.name
            if name.startswith(".") or name.endswith(_PARTIAL) or not path.is_file():
                continue
            if path.stat().st_mtime > newest:
                continue
            found.append(path)
        return found

    def scan(self) -> DropReport:
        done = failed = 0
        for path in self.candidates():
            outcome = self._take(path)
            if outcome == "retry":
                return DropReport(done, failed, waiting=True)
            self._metrics.inc("drop_files_total", result=outcome)
            done += outcome == "done"
            failed += outcome == "failed"
        return DropReport(done, failed)

    def _take(self, path: Path) -> str:
        now = self._now()
        try:
            if not path.name.lower().endswith(SUFFIXES):
                raise InvalidInput(f"unsupported file type; use one of {', '.join(SUFFIXES)}")
            submission = article_from_text(read_article_file(path), name=path.name)
            article = normalise(submission, arrived_via=ArrivalKind.FILE, received_at=now)
            result = self._sink.submit_article(article)
        except RetryLater as exc:
            log.warning("drop_queue_unavailable", file=path.name, error=str(exc))
            return "retry"
        except (InvalidInput, OSError) as exc:
            self._fail(path, str(exc), type(exc).__name__, now)
            return "failed"
        except Exception as exc:  # one poisonous file must not stop the folder
            log.exception("drop_file_crashed", file=path.name)
            self._fail(path, f"unexpected error: {exc}", type(exc).__name__, now)
            return "failed"
        self._move(path, c.WATCHER_DROP_DONE_DIR)
        counter = "articles_queued_total" if result.queued else "articles_duplicate_total"
        self._metrics.inc(counter, arrival="file")
        log.info(
            "drop_file_queued", file=path.name, article_id=result.article_id, queued=result.queued
        )
        return "done"

    def _move(self, path: Path, sub: str) -> Path:
        folder = self.folder / sub
        folder.mkdir(exist_ok=True)
        target = _unique(folder, path.name)
        path.rename(target)
        return target

    def _fail(self, path: Path, reason: str, error_type: str, now: datetime) -> None:
        try:
            target = self._move(path, c.WATCHER_DROP_FAILED_DIR)
            target.with_name(target.name + ".reason").write_text(reason + "\n", encoding="utf-8")
        except OSError as exc:
            log.error("drop_file_unmovable", file=path.name, error=str(exc))
            return
        payload = {"file": str(target)}
        entry = DeadLetter(
            stage="dropdir", reason=reason, error_type=error_type, payload=payload, at=now
        )
        dead_letter(self._redis, entry)
        log.warning("drop_file_failed", file=path.name, reason=reason)
