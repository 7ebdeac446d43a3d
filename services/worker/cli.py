"""`tradewire worker` and `tradewire extract`: the worker process and the offline extractor."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from shared.articlefile import article_from_file, article_from_text
from shared.client import normalise
from shared.errors import InvalidInput
from shared.models import ArrivalKind, CloudEvent
from shared.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    worker = sub.add_parser("worker", help="run a Celery worker that classifies and extracts")
    worker.add_argument("--concurrency", type=int, default=None, help="pool size (settings)")
    worker.add_argument("--pool", default="prefork", choices=["prefork", "solo", "threads"])
    worker.add_argument("--name", default=None, help="Celery node name")
    worker.set_defaults(handler=_worker)

    extract = sub.add_parser("extract", help="classify and extract files offline, without Redis")
    extract.add_argument(
        "inputs", nargs="+", help="article files (.txt seeds format, .html, .json) or -"
    )
    extract.add_argument("--json", action="store_true", help="one JSON object per input")
    extract.set_defaults(handler=_extract)


def _worker(args: argparse.Namespace, settings: Settings) -> int:
    from services.worker.runner import run_worker

    return run_worker(settings, concurrency=args.concurrency, pool=args.pool, name=args.name)


def extract_one(name: str, settings: Settings, now: datetime) -> dict[str, Any]:
    """Classify and extract one input; the result carries the input's name, or its error."""
    from services.worker.extract import analyse

    try:
        raw_in = (
            article_from_text(sys.stdin.read(), name="-")
            if name == "-"
            else (article_from_file(Path(name)))
        )
        article = normalise(raw_in, arrived_via=ArrivalKind.FILE, received_at=now)
    except InvalidInput as exc:
        return {"input": name, "error": str(exc), "classification": None, "events": []}
    analysis = analyse(article)
    events = [
        CloudEvent.wrap(e, source=settings.publisher.source, time=now).model_dump(mode="json")
        for e in analysis.events
    ]
    return {
        "input": name,
        "article_id": article.id,
        "classification": analysis.classification.model_dump(mode="json"),
        "events": events,
    }


def _extract(args: argparse.Namespace, settings: Settings) -> int:
    now = datetime.now(UTC)
    failed = 0
    for name in args.inputs:
        result = extract_one(name, settings, now)
        failed += "error" in result
        if args.json:
            print(json.dumps(result, ensure_ascii=False), flush=True)
        else:
            _print_human(result)
    return 1 if failed else 0


def _print_human(result: dict[str, Any]) -> None:
    if "error" in result:
        print(f"{result['input']}: error: {result['error']}")
        return
    cls = result["classification"]
    verdict = "trade cooperation" if cls["is_trade_cooperation"] else "not trade cooperation"
    print(
        f"{result['input']}: {verdict} (score {cls['score']:.2f}) "
        f"countries={','.join(cls['countries']) or '-'} sectors={','.join(cls['sectors']) or '-'}"
    )
    for event in result["events"]:
        data = event["data"]
        amounts = "; ".join(a["text"] for a in data["amounts"])
        print(f"  - {data['event_type']:<16} {event['subject']:<12} {amounts}")
        print(f"    {data['evidence']['sentence'][:160]}")
