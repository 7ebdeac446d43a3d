#!/usr/bin/env python3
"""A tradewire subscriber: read tradewire:events with a consumer group, keep the latest facts.

Needs only the `redis` package (and `jsonschema` with --schema). Run it next to a publisher:

    python examples/subscriber.py --redis-url redis://127.0.0.1:6379/0 --from-start

It shows what every consumer must do: read with a consumer group, take over entries a dead
consumer left pending, drop duplicates by the CloudEvent id (delivery is at least once), apply
`new` / `update` / `retraction` by lineage (`data.event_id`) and revision, and XACK only after
the event is handled.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
from typing import Any

import redis

STREAM = "tradewire:events"


class FactTable:
    """The current facts by lineage: what a subscriber's database table would hold."""

    def __init__(self) -> None:
        self.seen_ids: set[str] = set()  # in production: a unique key in your database
        self.facts: dict[str, dict[str, Any]] = {}

    def apply(self, event: dict[str, Any]) -> str:
        if event["id"] in self.seen_ids:
            return "duplicate"
        self.seen_ids.add(event["id"])
        data = event["data"]
        lineage, revision = data["event_id"], data.get("revision", 0)
        known = self.facts.get(lineage)
        if known is not None and known["data"].get("revision", 0) >= revision:
            return "stale"  # an older revision arriving late (after a replay, say)
        self.facts[lineage] = event
        return str(data["status"])

    def live(self) -> list[dict[str, Any]]:
        return [e for e in self.facts.values() if e["data"]["status"] != "retraction"]


def describe(event: dict[str, Any]) -> str:
    data = event["data"]
    amounts = "; ".join(a["text"] for a in data.get("amounts", [])) or "-"
    return f"{event['subject']:<12} {data['event_type']:<16} {amounts} [{event['id']}]"


def read_batch(
    r: redis.Redis, args: argparse.Namespace, start: str
) -> list[tuple[str, dict[str, str]]]:
    if start == "claim":
        # Entries a crashed consumer of this group took and never acked.
        _, entries, *_ = r.xautoclaim(STREAM, args.group, args.consumer, 60_000, "0-0", count=100)
        return [(i, f) for i, f in entries if f]
    reply: Any = r.xreadgroup(
        args.group, args.consumer, {STREAM: start}, count=100, block=args.block_ms
    )
    return [(i, f) for _, entries in reply or [] for i, f in entries if f]


def run(args: argparse.Namespace) -> int:
    r = redis.Redis.from_url(args.redis_url, decode_responses=True)
    try:
        r.xgroup_create(STREAM, args.group, id="0" if args.from_start else "$", mkstream=True)
    except redis.ResponseError as exc:
        if "BUSYGROUP" not in str(exc):
            raise
    validate = None
    if args.schema:
        from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

        with open(args.schema, encoding="utf-8") as f:
            validate = Draft202012Validator(json.load(f)).validate
    table, handled, idle = FactTable(), 0, 0
    starts = ["0", "claim"]  # our own unacked entries first, then a dead consumer's
    while args.count is None or handled < args.count:
        entries = read_batch(r, args, starts.pop(0) if starts else ">")
        idle = 0 if entries else idle + 1
        if args.idle_exit and idle >= args.idle_exit:
            break
        for entry_id, fields in entries:
            event = json.loads(fields["cloudevent"])
            if validate is not None:
                validate(event)
            outcome = table.apply(event)
            print(f"{outcome:<10} {describe(event)}", flush=True)
            r.xack(STREAM, args.group, entry_id)  # only now: the event is handled
            handled += 1
            if args.count is not None and handled >= args.count:
                break
    print(f"{len(table.live())} live facts", file=sys.stderr)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--redis-url", default=os.environ.get("TRADEWIRE_REDIS_URL", "redis://127.0.0.1:6379/0")
    )
    parser.add_argument("--group", default="example-subscriber")
    parser.add_argument("--consumer", default=socket.gethostname())
    parser.add_argument("--from-start", action="store_true", help="a new group reads history")
    parser.add_argument("--count", type=int, default=None, help="exit after N events")
    parser.add_argument("--idle-exit", type=int, default=0, help="exit after N empty reads")
    parser.add_argument("--block-ms", type=int, default=2000)
    parser.add_argument("--schema", help="validate each event against this JSON Schema file")
    return run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
