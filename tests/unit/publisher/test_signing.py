"""Standard Webhooks signatures, checked with the reference library."""

from __future__ import annotations

import base64
import time

import pytest
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from services.publisher.webhooks.signing import new_secret, sign, webhook_headers

SECRET = new_secret(bytes(range(32)))
BODY = '{"specversion":"1.0","id":"evt.abc"}'


def test_secret_has_the_whsec_prefix_and_the_key() -> None:
    assert SECRET.startswith("whsec_")
    assert base64.b64decode(SECRET.removeprefix("whsec_")) == bytes(range(32))


def test_library_verifies_our_headers() -> None:
    headers = webhook_headers(SECRET, "evt.abc", int(time.time()), BODY)
    assert Webhook(SECRET).verify(BODY, headers) == {"specversion": "1.0", "id": "evt.abc"}
    assert headers["webhook-id"] == "evt.abc"


@pytest.mark.parametrize(
    ("body", "msg_id", "secret"),
    [
        (BODY + " ", "evt.abc", SECRET),
        (BODY, "evt.other", SECRET),
        (BODY, "evt.abc", new_secret(bytes(32))),
    ],
)
def test_tampering_fails_verification(body: str, msg_id: str, secret: str) -> None:
    headers = webhook_headers(SECRET, "evt.abc", int(time.time()), BODY)
    headers["webhook-id"] = msg_id
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(body, headers)


def test_signature_depends_on_timestamp() -> None:
    assert sign(SECRET, "m", 1, BODY) != sign(SECRET, "m", 2, BODY)
    assert sign(SECRET, "m", 1, BODY).startswith("v1,")
