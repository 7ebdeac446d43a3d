"""`tradewire webhooks add URL [--type ...] [--country ...] [--secret ...] | remove ID | list`."""

from __future__ import annotations

import argparse
import json
import secrets
import sys
from datetime import UTC, datetime

import redis
from pydantic import ValidationError

from services.publisher.webhooks.store import SubscriptionStore, new_subscription
from shared import constants as c
from shared.errors import InvalidInput
from shared.models import EventType
from shared.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    hooks = sub.add_parser("webhooks", help="manage webhook subscriptions")
    actions = hooks.add_subparsers(dest="webhooks_command", required=True, metavar="ACTION")

    add = actions.add_parser("add", help="subscribe an endpoint; prints its id and secret")
    add.add_argument("url")
    add.add_argument("--type", action="append", default=[], choices=[t.value for t in EventType])
    add.add_argument("--country", action="append", default=[], help="ISO alpha-3 (repeatable)")
    add.add_argument("--secret", default=None, help="a whsec_ secret (default: generated)")
    add.set_defaults(handler=cmd_add)

    remove = actions.add_parser("remove", help="delete a subscription")
    remove.add_argument("id")
    remove.set_defaults(handler=cmd_remove)

    enable = actions.add_parser("enable", help="re-enable a subscription disabled by a 410")
    enable.add_argument("id")
    enable.set_defaults(handler=cmd_enable)

    listing = actions.add_parser("list", help="show subscriptions (never their secrets)")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_list)


def _store(settings: Settings) -> SubscriptionStore:
    return SubscriptionStore(
        redis.Redis.from_url(settings.effective_redis_url, decode_responses=True)
    )


def cmd_add(args: argparse.Namespace, settings: Settings) -> int:
    try:
        sub = new_subscription(
            args.url,
            event_types=[EventType(t) for t in args.type],
            countries=args.country,
            secret=args.secret,
            id_bytes=secrets.token_bytes(8),
            secret_bytes=secrets.token_bytes(c.WEBHOOK_SECRET_BYTES),
            now=datetime.now(UTC),
        )
        _store(settings).add(sub, allow_private=settings.fetch.allow_private_networks)
    except (ValidationError, InvalidInput) as exc:
        print(f"tradewire webhooks add: {exc}", file=sys.stderr)
        return 2
    print(json.dumps({"id": sub.id, "url": sub.url, "secret": sub.secret}))
    return 0


def cmd_remove(args: argparse.Namespace, settings: Settings) -> int:
    if not _store(settings).remove(args.id):
        print(f"tradewire webhooks remove: no subscription {args.id}", file=sys.stderr)
        return 1
    return 0


def cmd_enable(args: argparse.Namespace, settings: Settings) -> int:
    if not _store(settings).enable(args.id):
        print(f"tradewire webhooks enable: no subscription {args.id}", file=sys.stderr)
        return 1
    return 0


def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    subs = _store(settings).all()
    if args.json:
        for sub in subs:
            print(json.dumps(sub.public_view()))
        return 0
    for sub in subs:
        state = "active" if sub.active else f"disabled ({sub.disabled_reason})"
        types = ",".join(t.value for t in sub.event_types) or "*"
        countries = ",".join(sub.countries) or "*"
        print(f"{sub.id}  {sub.url}  types={types}  countries={countries}  {state}")
    return 0
