"""Subscriptions: secret format and event matching."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from services.publisher.webhooks.models import Subscription
from services.publisher.webhooks.signing import new_secret
from services.publisher.webhooks.store import new_subscription
from shared.models import EventType

NOW = datetime(2024, 5, 1, tzinfo=UTC)


def sub(**kw: object) -> Subscription:
    kw.setdefault("secret", None)
    return new_subscription(
        "https://hooks.example.com/x",
        id_bytes=bytes(8),
        secret_bytes=bytes(range(32)),
        now=NOW,
        **kw,  # type: ignore[arg-type]
    )


def test_generated_subscription_has_id_and_secret() -> None:
    s = sub()
    assert s.id == "wh_0000000000000000"
    assert s.secret == new_secret(bytes(range(32)))
    assert "secret" not in s.public_view()


@pytest.mark.parametrize(
    "secret",
    ["plain", "whsec_!!!", "whsec_" + "QUJD", new_secret(bytes(65))],
)
def test_bad_secrets_are_refused(secret: str) -> None:
    with pytest.raises(ValidationError):
        sub(secret=secret)


def test_ftp_url_is_refused() -> None:
    with pytest.raises(ValidationError):
        new_subscription(
            "ftp://x.example.com/", secret=None, id_bytes=bytes(8), secret_bytes=bytes(32), now=NOW
        )


@pytest.mark.parametrize(
    ("types", "countries", "event_type", "event_countries", "match"),
    [
        ((), (), "investment", ["CHN"], True),
        ((EventType.INVESTMENT,), (), "investment", ["CHN"], True),
        ((EventType.TRADE_VOLUME,), (), "investment", ["CHN"], False),
        ((), ("rus",), "investment", ["CHN", "RUS"], True),
        ((), ("USA",), "investment", ["CHN", "RUS"], False),
    ],
)
def test_matches(
    types: tuple[EventType, ...],
    countries: tuple[str, ...],
    event_type: str,
    event_countries: list[str],
    match: bool,
) -> None:
    s = sub(event_types=types, countries=countries)
    assert s.matches(event_type, event_countries) is match
