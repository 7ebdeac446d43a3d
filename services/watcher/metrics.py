"""Counters an operator can scrape: kept in a Redis hash, printed in Prometheus text format."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import redis

from services.watcher.feedstate import FeedStatus
from services.watcher.inbox_recovery import in_flight
from services.watcher.registry import FeedRegistry
from shared import constants as c

PREFIX = "tradewire_watcher_"
_HELP = {
    "fetches_total": "Feed fetches by result",
    "fetch_seconds_total": "Time spent fetching feeds",
    "fetch_bytes_total": "Feed bytes received after decompression",
    "entries_new_total": "Feed entries not seen before",
    "articles_queued_total": "Articles handed to the queue, by arrival",
    "articles_duplicate_total": "Articles dropped as already queued, by arrival",
    "fulltext_total": "Entry pages fetched for full text, by outcome",
    "entries_deadlettered_total": "Entries given up on (no page, no summary)",
    "feed_warnings_total": "Malformed feeds parsed with salvage",
    "feed_events_total": "Feed state changes (suspended, gone, moved)",
    "inbox_total": "Inbox items, by result",
    "drop_files_total": "Dropped article files, by result",
}
_GAUGES = {
    "feeds": "Registered feeds, by status",
    "feeds_due": "Feeds due for a check now",
    "inbox_length": "Items waiting in the inbox list",
    "inbox_processing_length": "Inbox items taken but not yet queued",
    "deadletter_length": "Entries in the dead-letter list",
}


def metric(name: str, **labels: str) -> str:
    """A counter's field name in the hash: the Prometheus series without the prefix."""
    if not labels:
        return name
    inner = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    return f"{name}{{{inner}}}"


class Metrics:
    """Thread-safe counters, added up in memory and flushed to Redis once per tick."""

    def __init__(self, client: redis.Redis) -> None:
        self._redis = client
        self._lock = threading.Lock()
        self._pending: defaultdict[str, float] = defaultdict(float)

    def inc(self, name: str, amount: float = 1.0, **labels: str) -> None:
        with self._lock:
            self._pending[metric(name, **labels)] += amount

    def flush(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, defaultdict(float)
        if not pending:
            return
        pipe = self._redis.pipeline(transaction=False)
        for field, amount in pending.items():
            pipe.hincrbyfloat(c.WATCHER_METRICS_HASH, field, amount)
        try:
            pipe.execute()
        except redis.RedisError:
            with self._lock:  # keep them for the next flush rather than lose them
                for field, amount in pending.items():
                    self._pending[field] += amount
            raise


def _s(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _number(text: str) -> str:
    value = float(text)
    return str(int(value)) if value.is_integer() else repr(value)


def _gauges(client: redis.Redis, now: datetime) -> dict[str, float]:
    feeds = FeedRegistry(client).all()
    values: dict[str, float] = {
        metric("feeds", status=s.value): sum(1 for f in feeds if f.status is s) for s in FeedStatus
    }
    values["feeds_due"] = FeedRegistry(client).due_count(now)
    values["inbox_length"] = int(client.llen(c.INBOX_LIST))
    values["inbox_processing_length"] = in_flight(client)
    values["deadletter_length"] = int(client.llen(c.DEAD_LETTER_LIST))
    return values


def render_prometheus(client: redis.Redis, now: datetime) -> str:
    """Every counter and gauge in the Prometheus text exposition format (version 0.0.4)."""
    counters = {_s(k): _number(_s(v)) for k, v in client.hgetall(c.WATCHER_METRICS_HASH).items()}
    gauges = {k: _number(str(v)) for k, v in _gauges(client, now).items()}
    lines: list[str] = []
    for kind, helps, series in (("counter", _HELP, counters), ("gauge", _GAUGES, gauges)):
        families = sorted({name.split("{")[0] for name in series} | set(helps))
        for family in families:
            lines.append(f"# HELP {PREFIX}{family} {helps.get(family, family)}")
            lines.append(f"# TYPE {PREFIX}{family} {kind}")
            for name in sorted(n for n in series if n.split("{")[0] == family):
                lines.append(f"{PREFIX}{name} {series[name]}")
    return "\n".join(lines) + "\n"


def serve_metrics(bind: str, port: int, render: Callable[[], str]) -> ThreadingHTTPServer:
    """GET /metrics on a small HTTP server in a daemon thread; `shutdown()` it when done."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.split("?")[0] != "/metrics":
                self.send_error(404)
                return
            try:
                body = render().encode()
            except redis.RedisError:
                self.send_error(503, "redis unavailable")
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer((bind, port), Handler)
    threading.Thread(target=server.serve_forever, name="metrics", daemon=True).start()
    return server
