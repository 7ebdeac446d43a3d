"""The v1 event contract as JSON Schema, generated from the pydantic models and committed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from shared.models import CloudEvent
from shared.models.cloudevent import DATASCHEMA_V1

SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "trade_event.v1.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"

_DESCRIPTION = (
    "A tradewire trade-cooperation event: a CloudEvents 1.0 structured-mode JSON object whose "
    "data is a TradeEvent. Generated from shared/models by `tradewire schema --write`. Objects "
    "accept unknown members, so fields added within v1 do not break validating consumers; an "
    "incompatible change gets a new `type` (tradewire.trade_event.v2)."
)


def _open_objects(node: Any) -> None:
    """Drop additionalProperties: false everywhere; the models forbid extras when producing."""
    if isinstance(node, dict):
        if node.get("additionalProperties") is False:
            del node["additionalProperties"]
        for value in node.values():
            _open_objects(value)
    elif isinstance(node, list):
        for value in node:
            _open_objects(value)


def trade_event_schema() -> dict[str, Any]:
    """The JSON Schema of one message on tradewire:events (and of each webhook body)."""
    schema = CloudEvent.model_json_schema(mode="validation")
    _open_objects(schema)
    schema.pop("title", None)
    schema.pop("description", None)
    return {
        "$schema": DIALECT,
        "$id": DATASCHEMA_V1,
        "title": "tradewire.trade_event.v1",
        "description": _DESCRIPTION,
        **schema,
    }


def render_schema(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schema(path: Path = SCHEMA_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_schema(trade_event_schema()), encoding="utf-8")
    return path


def committed_schema(path: Path = SCHEMA_PATH) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded
