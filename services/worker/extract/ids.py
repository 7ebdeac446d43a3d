"""Deterministic lineage ids: the same fact of the same article gets the same id on every run."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from shared.models import EventType

_ID_HEX_CHARS = 24
# (speed) a table, not `.value`: an enum member's value is a dear property
_TYPE_VALUES = {t: t.value for t in EventType}


def lineage_key(event_type: EventType, participant_keys: Iterable[str]) -> str:
    """Type and sorted participant keys: what a fact is, not how the sentence words it, so a
    re-processed article with small edits keeps its ids."""
    return f"{_TYPE_VALUES[event_type]}|{','.join(sorted(set(participant_keys)))}"


def event_id(article_id: str, key: str, ordinal: int) -> str:
    basis = f"{article_id}|{key}|{ordinal}".encode()
    return "evt_" + hashlib.sha256(basis).hexdigest()[:_ID_HEX_CHARS]


def event_ids(article_id: str, keys: Sequence[str]) -> list[str]:
    """Ids for events in document order; the ordinal counts earlier events with the same key."""
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        ordinal = seen.get(key, 0)
        out.append(event_id(article_id, key, ordinal))
        seen[key] = ordinal + 1
    return out
