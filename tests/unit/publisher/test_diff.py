"""New, update and retraction decisions when an article is processed again."""

from __future__ import annotations

from services.publisher.diff import plan_changes, unique_lineages
from shared.models import EventStatus, TradeEvent
from shared.models.cloudevent import message_id
from tests.unit.publisher import builders as b

V1 = b.article("Sichuan will buy Russian grain worth 500 million dollars.")
V2 = b.article("Sichuan will buy Russian grain worth 600 million dollars. Edited.")


def published(events: list[TradeEvent]) -> dict[str, TradeEvent]:
    return {e.event_id: e for e in events}


def test_first_processing_publishes_every_event_as_new() -> None:
    changes = plan_changes({}, [b.event(V1, "l1"), b.event(V1, "l2", usd=7e6)], b.ref(V1))
    assert [(e.event_id, e.status, e.revision, e.supersedes) for e in changes] == [
        ("l1", EventStatus.NEW, 0, None),
        ("l2", EventStatus.NEW, 0, None),
    ]


def test_same_facts_again_publish_nothing() -> None:
    first = plan_changes({}, [b.event(V1, "l1")], b.ref(V1))
    # The same facts from an article that arrived another way: still nothing new.
    again = b.event(V1, "l1").model_copy(update={"article": b.ref(V2)})
    assert plan_changes(published(first), [again], b.ref(V2)) == []


def test_changed_fact_is_an_update_of_the_same_lineage() -> None:
    first = plan_changes({}, [b.event(V1, "l1")], b.ref(V1))
    changes = plan_changes(published(first), [b.event(V2, "l1", usd=600e6)], b.ref(V2))
    assert len(changes) == 1
    update = changes[0]
    assert (update.event_id, update.status, update.revision) == ("l1", EventStatus.UPDATE, 1)
    assert update.supersedes == message_id(first[0])
    assert update.amounts[0].value == 600e6
    assert message_id(update) != message_id(first[0])
    assert message_id(update).startswith("l1.")


def test_vanished_lineage_is_retracted_with_its_last_facts() -> None:
    first = plan_changes({}, [b.event(V1, "l1"), b.event(V1, "l2", usd=7e6)], b.ref(V1))
    unchanged = b.event(V1, "l1").model_copy(update={"article": b.ref(V2)})
    changes = plan_changes(published(first), [unchanged], b.ref(V2))
    assert [(e.event_id, e.status, e.revision) for e in changes] == [
        ("l2", EventStatus.RETRACTION, 1)
    ]
    retraction = changes[0]
    assert retraction.amounts[0].value == 7e6
    assert retraction.article.content_hash == V2.content_hash
    assert retraction.supersedes == message_id(first[1])


def test_retracted_lineage_stays_retracted_and_comes_back_as_update() -> None:
    first = plan_changes({}, [b.event(V1, "l1")], b.ref(V1))
    retracted = plan_changes(published(first), [], b.ref(V2))
    state = published(retracted)
    assert plan_changes(state, [], b.ref(V2)) == []
    back = plan_changes(state, [b.event(V1, "l1")], b.ref(V1))
    assert [(e.status, e.revision) for e in back] == [(EventStatus.UPDATE, 2)]
    # The same facts as the first publication, yet a new message: subscribers must see it.
    assert message_id(back[0]) != message_id(first[0])


def test_edit_and_revert_yields_three_distinct_messages() -> None:
    v1 = plan_changes({}, [b.event(V1, "l1")], b.ref(V1))
    v2 = plan_changes(published(v1), [b.event(V2, "l1", usd=600e6)], b.ref(V2))
    v3 = plan_changes(published(v2), [b.event(V1, "l1")], b.ref(V1))
    ids = [message_id(e) for e in v1 + v2 + v3]
    assert len(set(ids)) == 3
    assert [e.revision for e in v1 + v2 + v3] == [0, 1, 2]


def test_duplicate_lineage_in_one_processing_keeps_the_first() -> None:
    events = [b.event(V1, "l1"), b.event(V1, "l1", usd=1.0), b.event(V1, "l2")]
    assert [e.amounts[0].value for e in unique_lineages(events)] == [500e6, 500e6]
    assert [e.event_id for e in plan_changes({}, events, b.ref(V1))] == ["l1", "l2"]
