"""PLOVER Gold Standard Records as labelled sentences (CC BY-SA 4.0, Open Event Data Alliance)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry

from tests.gold.score import CONFLICT, COOPERATION, OTHER

ATTRIBUTION = (
    "PLOVER Gold Standard Records v0.5b1, (c) 2016 Open Event Data Alliance, "
    "licensed CC BY-SA 4.0 (openeventdata/PLOVER)"
)
COOPERATIVE_EVENTS = frozenset({"AGREE", "COOPERATE", "SUPPORT", "CONSULT", "AID"})
CONFLICT_EVENTS = frozenset({"SANCTION", "COERCE", "THREATEN", "REJECT"})
# CAMEO actor codes that are not ISO 3166-1 alpha-3 for the same country.
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "GMY": "DEU", "UKG": "GBR", "ROM": "ROU"}
_EU_ACTOR = re.compile(r"\b(European (Community|Union|Commission)|EU|EC)\b")


@dataclass(frozen=True, slots=True)
class PloverSentence:
    id: str
    text: str
    label: str  # COOPERATION, CONFLICT or OTHER
    countries: frozenset[str]


def label_of(event: str, context: str) -> str:
    """The README's rule: economic + cooperative is cooperation, economic + hostile is conflict."""
    economic = "economic" in {c.strip() for c in context.split(",")}
    if economic and event in COOPERATIVE_EVENTS:
        return COOPERATION
    if economic and event in CONFLICT_EVENTS:
        return CONFLICT
    return OTHER


def actor_country(actor: dict[str, Any]) -> str | None:
    """ISO alpha-3 of a coded actor; the European Community/Union is EUU; other IGOs none."""
    code = str(actor.get("code") or "").upper()
    if code == "IGO" and _EU_ACTOR.search(str(actor.get("actorText") or "")):
        return "EUU"
    code = CAMEO_TO_ISO.get(code, code)
    return code if pycountry.countries.get(alpha_3=code) is not None else None


def _actors(value: Any) -> list[dict[str, Any]]:
    return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []


def sentence_of(record: dict[str, Any]) -> PloverSentence | None:
    event, text = str(record.get("event") or ""), str(record.get("text") or "")
    if event == "DOCUMENT" or not text:
        return None
    actors = _actors(record.get("source")) + _actors(record.get("target"))
    codes = {c for c in (actor_country(a) for a in actors) if c is not None}
    label = label_of(event, str(record.get("context") or ""))
    return PloverSentence(str(record["id"]), text, label, frozenset(codes))


def load_plover(path: Path) -> list[PloverSentence]:
    records = json.loads(path.read_text(encoding="utf-8"))
    return [s for s in (sentence_of(r) for r in records) if s is not None]
