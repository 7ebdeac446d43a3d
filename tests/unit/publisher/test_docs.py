"""The AsyncAPI document and the consumer guide agree with the code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from services.publisher.publish import STREAM_FIELDS
from shared import constants as c
from shared.schema import SCHEMA_PATH
from shared.settings import PublisherSettings

REPO = Path(__file__).resolve().parents[3]
DOC = REPO / "docs" / "asyncapi.yaml"


def load() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(DOC.read_text(encoding="utf-8"))
    return loaded


def resolve(doc: dict[str, Any], ref: str) -> Any:
    node: Any = doc
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def test_is_asyncapi_3() -> None:
    doc = load()
    assert doc["asyncapi"].startswith("3.")
    assert {"info", "channels", "operations", "components"} <= doc.keys()


def test_channel_addresses_are_the_stream_names() -> None:
    channels = load()["channels"]
    assert channels["events"]["address"] == c.EVENTS_STREAM
    assert channels["outbox"]["address"] == c.OUTBOX_STREAM
    assert channels["outboxDead"]["address"] == c.OUTBOX_DEAD_STREAM


def test_stream_entry_fields_are_the_published_layout() -> None:
    doc = load()
    ref = doc["channels"]["events"]["messages"]["tradeEventEntry"]["$ref"]
    payload = resolve(doc, ref)["payload"]
    assert tuple(payload["properties"]) == STREAM_FIELDS
    assert payload["required"] == list(STREAM_FIELDS)


def test_every_internal_reference_resolves() -> None:
    doc = load()
    refs: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                refs.append(node["$ref"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(doc)
    internal = [r for r in refs if r.startswith("#/")]
    assert len(internal) > 10
    for ref in internal:
        resolve(doc, ref)
    external = [r for r in refs if not r.startswith("#/")]
    assert [(DOC.parent / r).resolve() for r in external] == [SCHEMA_PATH]
    assert json.loads(SCHEMA_PATH.read_text())["$id"].endswith("trade_event.v1.json")


def test_consumer_groups_are_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for group in (c.TAIL_GROUP, c.WEBHOOKS_GROUP, c.OUTBOX_GROUP):
        assert f"name: {group}" in text


def test_consumer_guide_lists_every_publisher_setting_with_its_default() -> None:
    guide = (REPO / "docs" / "consumers.md").read_text(encoding="utf-8")
    rows = {
        line.split("|")[1].strip(" `"): line.split("|")[2].strip(" `")
        for line in guide.splitlines()
        if line.startswith("| `TRADEWIRE_PUBLISHER__")
    }
    for name, field in PublisherSettings.model_fields.items():
        key = f"TRADEWIRE_PUBLISHER__{name.upper()}"
        assert key in rows, key
        default = field.default
        if isinstance(default, bool):
            assert rows[key] == str(default).lower(), key
        elif isinstance(default, int | float):
            assert float(rows[key]) == float(default), key
        elif isinstance(default, str):
            assert rows[key] == default, key
