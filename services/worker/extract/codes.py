"""CAMEO and PLOVER codes for each event type: tradewire's events line up with event datasets.

event type       CAMEO done                   CAMEO planned/intended         PLOVER     mode
trade_agreement  057 sign formal agreement    0311 intend to coop. econ.     AGREE      economic
commercial_deal  061 cooperate economically   0311                           COOPERATE  economic
investment       061 (joint ventures too)     0311                           COOPERATE  economic
joint_project    061                          0311                           COOPERATE  economic
trade_volume     061                          061                            COOPERATE  economic
trade_target     0311                         0311                           COOPERATE  economic
trade_mission    042 visit, 043 host,         same                           CONSULT    visit, host,
                 040 consult (meetings)                                                 meet
office_opening   061                          0311                           COOPERATE  economic
economic_aid     071 provide economic aid     0331 intend to provide aid     AID        economic

Every event carries the PLOVER context "economic": tradewire only codes economic cooperation.
"""

from __future__ import annotations

import functools
from typing import Final

from shared.models import Codes, EventType

_DONE: Final = {
    EventType.TRADE_AGREEMENT: ("057", "AGREE"),
    EventType.COMMERCIAL_DEAL: ("061", "COOPERATE"),
    EventType.INVESTMENT: ("061", "COOPERATE"),
    EventType.JOINT_PROJECT: ("061", "COOPERATE"),
    EventType.TRADE_VOLUME: ("061", "COOPERATE"),
    EventType.TRADE_TARGET: ("0311", "COOPERATE"),
    EventType.TRADE_MISSION: ("042", "CONSULT"),
    EventType.OFFICE_OPENING: ("061", "COOPERATE"),
    EventType.ECONOMIC_AID: ("071", "AID"),
}
_INTENT: Final = {
    EventType.TRADE_AGREEMENT: "0311",
    EventType.COMMERCIAL_DEAL: "0311",
    EventType.INVESTMENT: "0311",
    EventType.JOINT_PROJECT: "0311",
    EventType.TRADE_TARGET: "0311",
    EventType.OFFICE_OPENING: "0311",
    EventType.ECONOMIC_AID: "0331",
}
_MISSION: Final = {"visit": ("042", "visit"), "host": ("043", "host"), "meet": ("040", "meet")}
CONTEXT: Final = ("economic",)


def codes_for(event_type: EventType, *, intent: bool, mission_mode: str = "visit") -> Codes:
    """The codes of one event; `intent` for plans, readiness and future signings."""
    return _codes(event_type, intent, mission_mode)


@functools.cache
def _codes(event_type: EventType, intent: bool, mission_mode: str) -> Codes:
    # (speed) a few dozen combinations: each built once and shared, as the model is frozen
    if event_type is EventType.TRADE_MISSION:
        cameo, mode = _MISSION.get(mission_mode, _MISSION["visit"])
        return Codes(
            cameo=cameo, plover_event="CONSULT", plover_mode=mode, plover_context=list(CONTEXT)
        )
    cameo, plover = _DONE[event_type]
    if intent:
        cameo = _INTENT.get(event_type, cameo)
    return Codes(
        cameo=cameo, plover_event=plover, plover_mode="economic", plover_context=list(CONTEXT)
    )
