"""The watcher's HTTP fetcher: safe targets, conditional GET, capped bodies, time and host caps."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import TracebackType

import httpx

from services.watcher.decode import ResponseTooLarge, read_capped
from shared.errors import InvalidInput, RetryLater, UnsafeURL
from shared.guardedhttp import AddressCheck, GuardedTransport, address_check
from shared.models import ArticleIn
from shared.netsafety import Resolver, system_resolver
from shared.settings import FetchSettings, Settings

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json;q=0.5, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
ACCEPT_ENCODING = "gzip, deflate, br"
_REDIRECTS = (301, 302, 303, 307, 308)
PERMANENT_REDIRECTS = (301, 308)
# Error and redirect bodies up to this size are read and dropped to keep the connection alive.
_DRAIN_BYTES = 64 * 1024


class FetchFailed(RetryLater):
    """No usable response: connection refused, timeout, a broken connection."""


class TooManyRedirects(InvalidInput):
    """A redirect chain longer than allowed, or one without a Location."""


@dataclass(frozen=True, slots=True)
class Hop:
    """One redirect response: its status and the absolute URL it pointed to."""

    status: int
    location: str


@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str
    status: int
    headers: httpx.Headers
    body: bytes = b""
    redirects: tuple[Hop, ...] = ()
    elapsed_s: float = 0.0

    @property
    def permanent_target(self) -> str | None:
        """Where the leading run of 301/308 redirects led; None when the chain starts temporary."""
        target = None
        for hop in self.redirects:
            if hop.status not in PERMANENT_REDIRECTS:
                break
            target = hop.location
        return target


@dataclass
class _HostSlots:
    """One semaphore per host name, created on first use: politeness toward each site."""

    size: int
    lock: threading.Lock = field(default_factory=threading.Lock)
    slots: dict[str, threading.BoundedSemaphore] = field(default_factory=dict)

    @contextmanager
    def hold(self, host: str) -> Iterator[None]:
        with self.lock:
            slot = self.slots.setdefault(host, threading.BoundedSemaphore(self.size))
        with slot:
            yield


class Fetcher:
    """Thread-safe; share one per process. Every connection goes through the address check."""

    def __init__(
        self,
        settings: FetchSettings,
        *,
        check: AddressCheck | None = None,
        resolver: Resolver = system_resolver,
    ) -> None:
        self.settings = settings
        check = check or address_check(
            allow_private=settings.allow_private_networks, resolver=resolver
        )
        limits = httpx.Limits(
            max_connections=settings.total_concurrency * 2,
            max_keepalive_connections=settings.total_concurrency,
        )
        self._client = httpx.Client(
            transport=GuardedTransport(check, limits=limits),
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
        )
        self._hosts = _HostSlots(settings.per_host_concurrency)

    @classmethod
    def from_settings(cls, settings: Settings) -> Fetcher:
        return cls(settings.fetch)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = FEED_ACCEPT,
    ) -> FetchResult:
        """GET with redirects followed by hand (each hop checked); the body only for 2xx."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        started = time.monotonic()
        deadline = started + self.settings.total_timeout_s
        hops: list[Hop] = []
        current = _parse_url(url)
        while True:
            _check_scheme(current)
            status, response_headers, body = self._one(current, headers, deadline)
            location = response_headers.get("Location")
            if status not in _REDIRECTS or status == 304:
                elapsed = time.monotonic() - started
                return FetchResult(
                    str(current), status, response_headers, body, tuple(hops), elapsed
                )
            if not location or len(hops) >= self.settings.max_redirects:
                raise TooManyRedirects(f"{url}: too many redirects or no Location ({status})")
            current = _parse_url(location, base=current)
            hops.append(Hop(status, str(current)))

    def _one(
        self, url: httpx.URL, headers: dict[str, str], deadline: float
    ) -> tuple[int, httpx.Headers, bytes]:
        with self._hosts.hold(url.host):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise FetchFailed(f"{url}: total time limit reached")
            timeout = httpx.Timeout(
                remaining, connect=min(self.settings.connect_timeout_s, remaining)
            )
            request = self._client.build_request("GET", url, headers=headers, timeout=timeout)
            try:
                response = self._client.send(request, stream=True)
            except httpx.HTTPError as exc:
                raise FetchFailed(f"{url}: {type(exc).__name__}: {exc}") from exc
            try:
                if 200 <= response.status_code < 300:
                    return response.status_code, response.headers, self._body(response, deadline)
                _drain(response, deadline)
                return response.status_code, response.headers, b""
            finally:
                response.close()

    def _body(self, response: httpx.Response, deadline: float) -> bytes:
        limit = self.settings.max_body_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise ResponseTooLarge(f"Content-Length {declared} exceeds {limit} bytes")
        encoding = response.headers.get("Content-Encoding")
        try:
            return read_capped(_until(response.iter_raw(), deadline), encoding, limit)
        except httpx.HTTPError as exc:
            raise FetchFailed(f"{response.url}: {type(exc).__name__}: {exc}") from exc


def _drain(response: httpx.Response, deadline: float) -> None:
    """Read a small non-2xx body to its end, so the connection is kept alive (a 304 has none);
    a large one is abandoned and its connection closed."""
    read = 0
    try:
        for chunk in _until(response.iter_raw(), deadline):
            read += len(chunk)
            if read > _DRAIN_BYTES:
                return
    except (httpx.HTTPError, FetchFailed):
        return


def _until(chunks: Iterator[bytes], deadline: float) -> Iterator[bytes]:
    """Stop a slow drip: the whole response must arrive before the deadline."""
    for chunk in chunks:
        if time.monotonic() > deadline:
            raise FetchFailed("total time limit reached while reading the body")
        yield chunk


def _parse_url(url: str, *, base: httpx.URL | None = None) -> httpx.URL:
    try:
        return base.join(url) if base is not None else httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:  # IDNA and port errors are ValueErrors
        raise InvalidInput(f"unusable URL {url[:200]!r}: {exc}") from exc


def _check_scheme(url: httpx.URL) -> None:
    if url.scheme not in ("http", "https") or not url.host:
        raise UnsafeURL(f"not an http(s) URL: {url}")


def fetch_article_page(url: str, settings: Settings) -> ArticleIn:
    """One page fetched with the watcher's limits and safety checks, as a submission."""
    # Imported here: fulltext builds on this module, and `tradewire submit URL` needs both.
    from services.watcher.fulltext import article_from_url

    with Fetcher.from_settings(settings) as fetcher:
        return article_from_url(url, fetcher)
