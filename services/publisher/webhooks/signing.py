"""Standard Webhooks signatures: HMAC-SHA256 over `{id}.{timestamp}.{body}`, sent as `v1,<b64>`."""

from __future__ import annotations

import base64
import hashlib
import hmac

# Structured-mode CloudEvents over HTTP.
CONTENT_TYPE = "application/cloudevents+json"
# Standard Webhooks secrets are this prefix and the base64 of the key.
SECRET_PREFIX = "whsec_"  # noqa: S105 (the format's prefix, not a secret)


def secret_key(secret: str) -> bytes:
    """The HMAC key inside a `whsec_` secret (raises binascii.Error when not base64)."""
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX), validate=True)


def new_secret(key: bytes) -> str:
    """A `whsec_` secret from random bytes the caller draws (secrets.token_bytes)."""
    return SECRET_PREFIX + base64.b64encode(key).decode()


def sign(secret: str, msg_id: str, timestamp: int, body: str) -> str:
    """The `webhook-signature` value for one attempt."""
    signed = f"{msg_id}.{timestamp}.{body}".encode()
    digest = hmac.new(secret_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def webhook_headers(secret: str, msg_id: str, timestamp: int, body: str) -> dict[str, str]:
    """Headers of one attempt; the timestamp is the attempt's, so a retry is signed afresh."""
    return {
        "content-type": CONTENT_TYPE,
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, msg_id, timestamp, body),
    }
