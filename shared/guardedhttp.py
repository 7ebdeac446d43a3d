"""An httpx transport that checks every connection's resolved address and dials only that address.

Checking a URL and then letting the HTTP library resolve the host again leaves a window for DNS
rebinding (the second answer may be 127.0.0.1). Here the check happens inside the connection
set-up: the host is resolved once by `shared.netsafety.check_url`, and the socket is opened to the
address that was vetted. Every redirect hop opens its connection through the same path.
"""

from __future__ import annotations

import concurrent.futures
import functools
import typing
from collections.abc import Callable

import httpcore
import httpx

from shared.netsafety import IPAddress, Resolver, check_url, system_resolver

AddressCheck = Callable[[str, int], list[IPAddress]]
# getaddrinfo cannot be interrupted; lookups run on these threads so a caller can stop waiting.
RESOLVER_THREADS = 8


@functools.cache
def _resolver_pool() -> concurrent.futures.ThreadPoolExecutor:
    return concurrent.futures.ThreadPoolExecutor(RESOLVER_THREADS, thread_name_prefix="dns")


def checked_within(
    check: AddressCheck, host: str, port: int, timeout_s: float | None
) -> list[IPAddress]:
    """`check(host, port)`, but a DNS lookup slower than `timeout_s` is a connect timeout: the
    request's own timeouts start only once a socket exists, so a stalled resolver is cut here."""
    if timeout_s is None:
        return check(host, port)
    future = _resolver_pool().submit(check, host, port)
    try:
        return future.result(timeout=timeout_s)
    except concurrent.futures.TimeoutError:
        future.cancel()
        raise httpcore.ConnectTimeout(f"resolving {host} took over {timeout_s} s") from None


def address_check(*, allow_private: bool, resolver: Resolver = system_resolver) -> AddressCheck:
    """A check of host:port through `check_url`, returning the addresses that may be dialled."""

    def check(host: str, port: int) -> list[IPAddress]:
        netloc = f"[{host}]" if ":" in host else host
        return check_url(f"http://{netloc}:{port}/", allow_private=allow_private, resolver=resolver)

    return check


class GuardedBackend(httpcore.SyncBackend):
    """Resolves and vets the host, then connects to the vetted address itself (no re-resolution)."""

    def __init__(self, check: AddressCheck) -> None:
        self._check = check

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = checked_within(self._check, host, port, timeout)
        last_error: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(
                    str(address), port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
        raise last_error or httpcore.ConnectError(f"no address to connect to for {host}")


class GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport (pooling, HTTP/1.1, TLS with the original host name for SNI) on
    the guarded backend; never a proxy from the environment, which would hide the target."""

    def __init__(self, check: AddressCheck, *, limits: httpx.Limits) -> None:
        super().__init__(trust_env=False, limits=limits)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=GuardedBackend(check),
        )
