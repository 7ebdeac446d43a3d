"""A webhook subscription (endpoint, filters, secret) and one pending delivery to it."""

from __future__ import annotations

import binascii
from collections.abc import Sequence
from datetime import datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from services.publisher.webhooks.signing import SECRET_PREFIX, secret_key
from shared.constants import MAX_SHORT_FIELD_CHARS
from shared.models import EventType
from shared.models.article import HttpURL
from shared.models.event import ALPHA3

Alpha3 = Annotated[str, Field(pattern=ALPHA3)]


class Subscription(BaseModel):
    """An endpoint that wants events; empty filters mean every event type or country."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^wh_[0-9a-f]{16}$")
    url: HttpURL
    event_types: list[EventType] = Field(default_factory=list, max_length=len(EventType))
    countries: list[Alpha3] = Field(default_factory=list, max_length=300)
    secret: str = Field(max_length=200, repr=False)
    created_at: AwareDatetime
    disabled_at: AwareDatetime | None = None
    disabled_reason: str | None = Field(default=None, max_length=MAX_SHORT_FIELD_CHARS)

    @field_validator("secret")
    @classmethod
    def _secret_shape(cls, value: str) -> str:
        if not value.startswith(SECRET_PREFIX):
            raise ValueError(f"a webhook secret starts with {SECRET_PREFIX!r}")
        try:
            key = secret_key(value)
        except (binascii.Error, ValueError) as exc:
            raise ValueError("a webhook secret is 'whsec_' and base64") from exc
        if not 24 <= len(key) <= 64:
            raise ValueError("a webhook secret holds 24 to 64 bytes")
        return value

    @property
    def active(self) -> bool:
        return self.disabled_at is None

    def matches(self, event_type: str, countries: Sequence[str]) -> bool:
        """Types and countries each match when unfiltered or when any value is wanted."""
        if self.event_types and event_type not in {t.value for t in self.event_types}:
            return False
        return not self.countries or bool(set(self.countries) & set(countries))

    def public_view(self) -> dict[str, object]:
        """What `webhooks list` shows: everything but the secret."""
        return self.model_dump(mode="json", exclude={"secret"})


class Delivery(BaseModel):
    """One event owed to one endpoint; its id is stable so a re-scheduled delivery is a no-op."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    subscription_id: str
    message_id: str = Field(description="the CloudEvent id, sent as webhook-id on every attempt")
    body: str = Field(description="the CloudEvent JSON exactly as on the stream")
    attempts: int = Field(default=0, ge=0)
    created_at: datetime
    last_error: str | None = None

    @staticmethod
    def id_for(subscription_id: str, message_id: str) -> str:
        return f"{subscription_id}:{message_id}"
