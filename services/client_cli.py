"""`tradewire submit` and `tradewire deadletter`: pushing articles and inspecting failures."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import redis

from shared.articlefile import article_from_file, article_from_text
from shared.client import TradewireClient
from shared.deadletter import read_dead_letters
from shared.errors import InvalidInput, RetryLater, UnsafeURL
from shared.models import ArrivalKind, ArticleIn
from shared.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    submit = sub.add_parser("submit", help="validate, dedup and queue articles; prints their ids")
    submit.add_argument("inputs", nargs="+", help="article files (.txt, .html, .json), URLs, or -")
    submit.set_defaults(handler=_submit)
    dead = sub.add_parser("deadletter", help="show what could not be processed, and why")
    dead.add_argument("--limit", type=int, default=20)
    dead.set_defaults(handler=_deadletter)


def load_input(spec: str, settings: Settings) -> ArticleIn:
    """One submission from a path, a URL (fetched with the watcher's safety checks) or stdin."""
    if spec == "-":
        return article_from_text(sys.stdin.read(), name="-")
    if spec.startswith(("http://", "https://")):
        from services.watcher.fetch import fetch_article_page

        return fetch_article_page(spec, settings)
    return article_from_file(Path(spec))


def _submit(args: argparse.Namespace, settings: Settings) -> int:
    client = TradewireClient.from_settings(settings)
    failed = 0
    for spec in args.inputs:
        try:
            result = client.submit(load_input(spec, settings), arrived_via=ArrivalKind.CLIENT)
        except (InvalidInput, UnsafeURL, RetryLater) as exc:
            failed += 1
            print(json.dumps({"input": spec, "error": str(exc)}), flush=True)
            continue
        print(json.dumps({"input": spec, **result.model_dump()}), flush=True)
    return 1 if failed else 0


def _deadletter(args: argparse.Namespace, settings: Settings) -> int:
    client = redis.Redis.from_url(settings.effective_redis_url, decode_responses=True)
    for entry in read_dead_letters(client, args.limit):
        print(entry.model_dump_json(exclude={"payload"}))
    return 0
