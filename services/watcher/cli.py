"""`tradewire watch` and `tradewire feeds ...`: run the watcher, manage and inspect its feeds."""

from __future__ import annotations

import argparse
import dataclasses
import json
import signal
import sys
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from redis import Redis, RedisError

from services.watcher.feedstate import FeedState
from services.watcher.metrics import render_prometheus
from services.watcher.opml import parse_opml, render_opml
from services.watcher.registry import FeedRegistry
from shared.errors import InvalidInput
from shared.settings import Settings

Handler = Callable[[argparse.Namespace, Settings], int]
# A container stop (SIGTERM) or Ctrl-C finishes running polls, then exits.
_STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    watch = sub.add_parser("watch", help="poll feeds, drain the inbox, sweep the drop folder")
    watch.add_argument("--once", action="store_true", help="one cycle of due work, then exit")
    watch.add_argument("--metrics-port", type=int, help="serve Prometheus /metrics on this port")
    watch.add_argument("--metrics-bind", help="address for --metrics-port (default 127.0.0.1)")
    watch.set_defaults(handler=_guard(_watch))
    feeds = sub.add_parser("feeds", help="add, remove, list, import and export polled feeds")
    cmds = feeds.add_subparsers(dest="feeds_command", required=True, metavar="ACTION")
    for name, func, helptext in (
        ("add", _add, "register feed URLs (due at once)"),
        ("remove", _remove, "unregister feeds and forget their seen entries"),
        ("resume", _resume, "put suspended or gone feeds back into the schedule"),
    ):
        cmd = cmds.add_parser(name, help=helptext)
        cmd.add_argument("urls", nargs="+", metavar="URL")
        cmd.set_defaults(handler=_guard(func))
    listing = cmds.add_parser("list", help="every feed with its status and schedule")
    listing.add_argument("--json", action="store_true", help="one JSON object per feed")
    listing.set_defaults(handler=_guard(_list))
    imp = cmds.add_parser("import-opml", help="register every feed of an OPML file")
    imp.add_argument("file", type=Path)
    imp.set_defaults(handler=_guard(_import))
    exp = cmds.add_parser("export-opml", help="write the feeds as OPML (stdout by default)")
    exp.add_argument("file", type=Path, nargs="?")
    exp.set_defaults(handler=_guard(_export))
    stats = cmds.add_parser("stats", help="the watcher's counters in Prometheus text format")
    stats.set_defaults(handler=_guard(_stats))


def _guard(func: Handler) -> Handler:
    """Operator errors (unreachable Redis, a bad file) as one line on stderr and exit code 1."""

    def run(args: argparse.Namespace, settings: Settings) -> int:
        try:
            return func(args, settings)
        except (RedisError, InvalidInput, OSError) as exc:
            print(f"tradewire: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1

    return run


def _redis(settings: Settings) -> Redis:
    return Redis.from_url(settings.effective_redis_url)


def _now() -> datetime:
    return datetime.now(UTC)


def _watch(args: argparse.Namespace, settings: Settings) -> int:
    from services.watcher.service import run_watcher
    from shared.celery_app import make_celery
    from shared.client import TradewireClient

    overrides = {
        k: v
        for k, v in (("metrics_port", args.metrics_port), ("metrics_bind", args.metrics_bind))
        if v
    }
    settings = settings.model_copy(
        update={"watcher": settings.watcher.model_copy(update=overrides)}
    )
    client = _redis(settings)
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in _STOP_SIGNALS}
    try:
        sink = TradewireClient(client, make_celery(settings))
        report = run_watcher(settings, client, sink, stop=stop, once=args.once)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print(json.dumps(dataclasses.asdict(report)), flush=True)
    return 0


def _add(args: argparse.Namespace, settings: Settings) -> int:
    registry, bad = FeedRegistry(_redis(settings)), 0
    for url in args.urls:
        if not url.startswith(("http://", "https://")):
            print(f"not an http(s) URL: {url}", file=sys.stderr)
            bad += 1
            continue
        state, added = registry.add_url(url, source="cli", now=_now())
        print(f"{'added' if added else 'already registered'} {state.id} {state.url}")
    return 1 if bad else 0


def _remove(args: argparse.Namespace, settings: Settings) -> int:
    registry, missing = FeedRegistry(_redis(settings)), 0
    for url in args.urls:
        state = registry.find(url)
        if state is None or not registry.remove(state.id):
            print(f"not registered: {url}", file=sys.stderr)
            missing += 1
            continue
        print(f"removed {state.id} {state.url}")
    return 1 if missing else 0


def _resume(args: argparse.Namespace, settings: Settings) -> int:
    registry, missing = FeedRegistry(_redis(settings)), 0
    for url in args.urls:
        state = registry.find(url)
        if state is None:
            print(f"not registered: {url}", file=sys.stderr)
            missing += 1
            continue
        registry.resume(state, _now())
        print(f"resumed {state.id} {state.url}")
    return 1 if missing else 0


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else "-"


def _row(f: FeedState) -> list[str]:
    error = (f.last_error or "-").replace("\n", " ")[:60]
    return [
        f.status.value,
        _when(f.last_fetch_at),
        str(f.last_status or "-"),
        _when(f.next_check_at),
        str(f.entries_seen),
        str(f.error_count),
        error,
        f.url,
    ]


def _list(args: argparse.Namespace, settings: Settings) -> int:
    feeds = FeedRegistry(_redis(settings)).all()
    if args.json:
        for f in feeds:
            print(f.model_dump_json(exclude={"recent_entry_times"}))
        return 0
    header = [
        "status",
        "last_fetch",
        "http",
        "next_check",
        "entries",
        "errors",
        "last_error",
        "url",
    ]
    rows = [header, *(_row(f) for f in feeds)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header) - 1)]
    for r in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=False)) + "  " + r[-1])
    suspended = sum(1 for f in feeds if f.status.value != "active")
    print(f"{len(feeds)} feeds, {suspended} suspended or gone", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace, settings: Settings) -> int:
    registry, added = FeedRegistry(_redis(settings)), 0
    for item in parse_opml(args.file.read_bytes()):
        state, new = registry.add_url(item.url, source="opml", now=_now())
        if new and item.title:
            registry.save(state.model_copy(update={"title": item.title}))
        added += new
    print(f"imported {added} new feeds from {args.file}")
    return 0


def _export(args: argparse.Namespace, settings: Settings) -> int:
    text = render_opml(FeedRegistry(_redis(settings)).all(), _now())
    if args.file is None:
        sys.stdout.write(text)
    else:
        args.file.write_text(text, encoding="utf-8")
    return 0


def _stats(args: argparse.Namespace, settings: Settings) -> int:
    sys.stdout.write(render_prometheus(_redis(settings), _now()))
    return 0
