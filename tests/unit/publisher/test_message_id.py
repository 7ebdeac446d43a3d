"""Message ids: lineage plus fact hash, blind to bookkeeping, revision-aware."""

from __future__ import annotations

import re

import pytest

from shared.models import EventStatus
from shared.models.cloudevent import fact_hash, message_id
from tests.unit.publisher import builders as b

ART = b.article()
OTHER = b.article("Another version of the text.")


def test_first_revision_id_is_lineage_and_twelve_hex() -> None:
    assert re.fullmatch(r"lin\.[0-9a-f]{12}", message_id(b.event(ART, "lin")))


@pytest.mark.parametrize(
    "update",
    [
        {"article": b.ref(OTHER)},
        {"status": EventStatus.UPDATE},
        {"revision": 3},
        {"supersedes": "lin.abcdefabcdef"},
    ],
)
def test_fact_hash_ignores_publication_bookkeeping(update: dict[str, object]) -> None:
    base = b.event(ART, "lin")
    assert fact_hash(base.model_copy(update=update)) == fact_hash(base)


def test_fact_hash_follows_the_facts() -> None:
    assert fact_hash(b.event(ART, "lin", usd=1.0)) != fact_hash(b.event(ART, "lin", usd=2.0))


def test_revision_is_part_of_the_id() -> None:
    base = b.event(ART, "lin")
    revised = base.model_copy(update={"revision": 2})
    assert message_id(revised) == message_id(base) + ".r2"
