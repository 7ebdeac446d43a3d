"""The small error hierarchy of tradewire: permanent failures apart from "retry later"."""

from __future__ import annotations


class TradewireError(Exception):
    """Base of every error tradewire raises on purpose."""


class InvalidInput(TradewireError):
    """Input that can never be processed (bad shape, too large); dead-letter it, never retry."""


class UnsafeURL(InvalidInput):
    """A URL that points at a private, loopback or otherwise forbidden address."""


class RetryLater(TradewireError):
    """A transient failure (network, Redis, a busy peer); the same input may succeed later."""

    def __init__(self, message: str, *, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class ConfigError(TradewireError):
    """Settings that cannot work together; raised at start-up, before any work is taken."""
