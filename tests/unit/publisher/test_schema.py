"""The committed JSON Schema matches the models, and messages validate against it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from shared.models import CloudEvent
from shared.schema import SCHEMA_PATH, committed_schema, render_schema, trade_event_schema
from tests.unit.publisher import builders as b


def validator() -> Draft202012Validator:
    schema = committed_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def sample() -> dict[str, Any]:
    art = b.article()
    event = CloudEvent.wrap(
        b.event(art, "evt_x"), source="https://tradewire.dev/test", time=datetime.now(UTC)
    )
    loaded: dict[str, Any] = json.loads(event.model_dump_json())
    return loaded


def test_committed_schema_matches_the_models() -> None:
    # On failure: run `tradewire schema --write` and commit the file.
    assert committed_schema() == trade_event_schema()
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render_schema(trade_event_schema())


def test_schema_identifies_itself_as_the_dataschema() -> None:
    schema = committed_schema()
    assert schema["$id"] == sample()["dataschema"]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_a_published_event_validates() -> None:
    validator().validate(sample())


def test_unknown_members_are_tolerated_for_additive_changes() -> None:
    message = sample()
    message["data"]["added_in_v1_1"] = True
    validator().validate(message)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("specversion",), "0.3"),
        (("type",), "tradewire.trade_event.v2"),
        (("data", "event_type"), "war"),
        (("data", "countries"), "CHN"),
        (("data", "participants", 0, "country"), "China"),
        (("data", "confidence", "score"), 1.5),
        (("data", "status"), "deleted"),
        (("data", "revision"), -1),
    ],
)
def test_invalid_messages_fail(path: tuple[str | int, ...], value: object) -> None:
    message = sample()
    node: Any = message
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    assert list(validator().iter_errors(message))


def test_missing_data_fails() -> None:
    message = sample()
    del message["data"]["evidence"]
    assert list(validator().iter_errors(message))
