"""Small helpers for Redis replies, which come as bytes or str depending on the client."""

from __future__ import annotations

from datetime import UTC, datetime


def as_text(value: bytes | str) -> str:
    """A reply value as text, whether the client decodes responses or not."""
    return value.decode() if isinstance(value, bytes) else value


def stream_id(value: bytes | str) -> tuple[int, int]:
    """A stream entry id ('1700000000000-3') as a tuple that compares in stream order."""
    ms, _, seq = as_text(value).partition("-")
    return int(ms), int(seq or 0)


def utcnow() -> datetime:
    """The default clock; services take a `now` callable so tests can pass their own."""
    return datetime.now(UTC)
