"""`tradewire publish | tail | replay | webhooks | schema`: the publisher and subscriber tools."""

from __future__ import annotations

import argparse
import signal
import socket
import sys
import threading
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import TextIO

import redis

from services.publisher.service import run_publisher
from services.publisher.subscribe import EventFilter, parse_time, replay, reset_group, tail
from services.publisher.webhooks.cli import register as register_webhooks
from shared import constants as c
from shared.errors import InvalidInput
from shared.models import CloudEvent, EventType
from shared.schema import SCHEMA_PATH, committed_schema, render_schema, trade_event_schema
from shared.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    publish = sub.add_parser("publish", help="run the publisher: outbox to stream and webhooks")
    publish.add_argument("--once", action="store_true", help="drain what is pending, then exit")
    publish.add_argument("--print", action="store_true", help="print each published CloudEvent")
    publish.set_defaults(handler=cmd_publish)

    tail_p = sub.add_parser("tail", help="read events as a subscriber, with a consumer group")
    tail_p.add_argument(
        "--group", default=c.TAIL_GROUP, help="consumer group (default %(default)s)"
    )
    tail_p.add_argument("--consumer", default=None, help="consumer name (default: tail-HOST)")
    tail_p.add_argument(
        "--from-start", action="store_true", help="a new group starts at the oldest"
    )
    tail_p.add_argument("--count", type=int, default=None, help="exit after N events")
    _add_filters(tail_p)
    tail_p.set_defaults(handler=cmd_tail)

    replay_p = sub.add_parser("replay", help="re-read the events published in a time range")
    replay_p.add_argument("--since", required=True, help="ISO time, or 30m / 2h / 7d ago")
    replay_p.add_argument("--until", default=None, help="ISO time, or 30m / 2h / 7d ago")
    replay_p.add_argument(
        "--reset-group", metavar="NAME", help="instead, move a consumer group back to --since"
    )
    _add_filters(replay_p)
    replay_p.set_defaults(handler=cmd_replay)

    register_webhooks(sub)

    schema = sub.add_parser("schema", help="print the v1 event JSON Schema")
    mode = schema.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help=f"write it to {SCHEMA_PATH.name}")
    mode.add_argument("--check", action="store_true", help="exit 1 if the committed file drifted")
    schema.set_defaults(handler=cmd_schema)


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--type",
        action="append",
        default=[],
        choices=[t.value for t in EventType],
        help="event type to keep (repeatable)",
    )
    parser.add_argument(
        "--country", action="append", default=[], help="ISO alpha-3 to keep (repeatable)"
    )
    parser.add_argument("--json", action="store_true", help="print CloudEvent JSON lines")


def _filter(args: argparse.Namespace) -> EventFilter:
    return EventFilter(frozenset(args.type), frozenset(x.upper() for x in args.country))


def _client(settings: Settings) -> redis.Redis:
    return redis.Redis.from_url(settings.effective_redis_url, decode_responses=True)


def format_event(event: CloudEvent) -> str:
    """One human line: when, status, type, parties, amounts, summary, id."""
    data = event.data
    amounts = "; ".join(a.text for a in data.amounts) or "-"
    summary = data.summary or data.evidence.sentence
    return (
        f"{event.time:%Y-%m-%dT%H:%M:%SZ} {data.status.value:<10} {data.event_type.value:<16} "
        f"{event.subject:<12} {amounts} | {summary[:120]} [{event.id}]"
    )


def _print_all(events: Iterable[CloudEvent], as_json: bool, out: TextIO) -> int:
    printed = 0
    for event in events:
        out.write((event.model_dump_json() if as_json else format_event(event)) + "\n")
        out.flush()
        printed += 1
    return printed


def _stop_on_signals() -> threading.Event:
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    return stop


def cmd_publish(args: argparse.Namespace, settings: Settings) -> int:
    stop = _stop_on_signals()

    def show(event: CloudEvent) -> None:
        print(event.model_dump_json(), flush=True)

    run_publisher(
        settings,
        _client(settings),
        stop=stop,
        once=args.once,
        on_published=show if args.print else None,
    )
    return 0


def cmd_tail(args: argparse.Namespace, settings: Settings) -> int:
    stop = _stop_on_signals()
    events = tail(
        _client(settings),
        group=args.group,
        consumer=args.consumer or f"tail-{socket.gethostname()}",
        from_start=args.from_start,
        wanted=_filter(args),
        count=args.count,
        stop=stop,
        claim_idle_ms=settings.publisher.claim_idle_ms,
    )
    _print_all(events, args.json, sys.stdout)
    return 0


def cmd_replay(args: argparse.Namespace, settings: Settings) -> int:
    now = datetime.now(UTC)
    try:
        since = parse_time(args.since, now)
        until = parse_time(args.until, now) if args.until else None
    except InvalidInput as exc:
        print(f"tradewire replay: {exc}", file=sys.stderr)
        return 2
    client = _client(settings)
    if args.reset_group:
        reset_group(client, args.reset_group, since)
        print(f"group {args.reset_group} will receive again the events since {args.since}")
        return 0
    printed = _print_all(
        replay(client, since_ms=since, until_ms=until, wanted=_filter(args)), args.json, sys.stdout
    )
    print(f"{printed} events", file=sys.stderr)
    return 0


def cmd_schema(args: argparse.Namespace, settings: Settings) -> int:
    schema = trade_event_schema()
    if args.check:
        if committed_schema() != schema:
            print(f"{SCHEMA_PATH} is out of date: run `tradewire schema --write`", file=sys.stderr)
            return 1
        return 0
    if args.write:
        SCHEMA_PATH.write_text(render_schema(schema), encoding="utf-8")
        print(f"wrote {SCHEMA_PATH}", file=sys.stderr)
        return 0
    sys.stdout.write(render_schema(schema))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Only the publisher's commands (`python -m services.publisher ...`), for a slim container."""
    from shared.logging import configure_logging
    from shared.settings import load_settings

    parser = argparse.ArgumentParser(prog="tradewire-publisher", description=__doc__)
    register(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    args = parser.parse_args(argv)
    settings = load_settings()
    configure_logging(settings.log_level, settings.log_json)
    code: int = args.handler(args, settings)
    return code
