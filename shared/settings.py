"""Settings of every service, read once at the entry point from TRADEWIRE_* variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared import constants as c

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


class _Group(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WorkerSettings(_Group):
    """Celery worker behaviour (TRADEWIRE_WORKER__*)."""

    concurrency: int = Field(default=2, ge=1, le=256, description="worker processes per container")
    soft_time_limit_s: float = Field(
        default=c.TASK_SOFT_TIME_LIMIT_S, gt=0, description="task gets an exception; dead-lettered"
    )
    time_limit_s: float = Field(
        default=c.TASK_TIME_LIMIT_S, gt=0, description="task process is killed; dead-lettered"
    )
    visibility_timeout_s: float = Field(
        default=c.VISIBILITY_TIMEOUT_S,
        gt=0,
        description="Redis redelivers unacked tasks after this",
    )
    restore_interval_s: float = Field(
        default=30.0, gt=0, description="how often workers look for unacked tasks past visibility"
    )
    max_retries: int = Field(
        default=c.MAX_TASK_RETRIES,
        ge=0,
        description="retries of a transient error, then dead-letter",
    )
    max_deliveries: int = Field(
        default=c.MAX_DELIVERIES, ge=1, description="deliveries of a task that kills workers"
    )
    retry_backoff_max_s: float = Field(
        default=c.RETRY_BACKOFF_MAX_S, gt=0, description="cap of the exponential retry backoff"
    )
    fault_delay_s: float = Field(
        default=0.0, ge=0, le=600, description="fault-injection pause inside each task (tests only)"
    )

    @model_validator(mode="after")
    def _limits_consistent(self) -> WorkerSettings:
        if self.soft_time_limit_s >= self.time_limit_s:
            raise ValueError("worker.soft_time_limit_s must be below worker.time_limit_s")
        if self.visibility_timeout_s <= self.time_limit_s + self.retry_backoff_max_s:
            raise ValueError(
                "worker.visibility_timeout_s must exceed worker.time_limit_s plus "
                "worker.retry_backoff_max_s, or running and retrying tasks are redelivered"
            )
        return self


class FetchSettings(_Group):
    """HTTP fetching by the watcher and webhook deliveries (TRADEWIRE_FETCH__*)."""

    connect_timeout_s: float = Field(default=5.0, gt=0, description="TCP and TLS connect")
    total_timeout_s: float = Field(default=20.0, gt=0, description="whole request, body included")
    max_body_bytes: int = Field(default=10_000_000, gt=0, description="after decompression")
    max_redirects: int = Field(default=5, ge=0, le=20, description="each hop is SSRF-checked")
    per_host_concurrency: int = Field(default=2, ge=1, description="requests in flight per host")
    total_concurrency: int = Field(default=32, ge=1, description="requests in flight in all")
    user_agent: str = Field(
        default="tradewire/0.1 (+https://tradewire.dev/bot)", description="sent with every request"
    )
    allow_private_networks: bool = Field(
        default=False,
        description="allow loopback/private/link-local targets (tests, on-prem feeds)",
    )


class WatcherSettings(_Group):
    """The feed-watcher (TRADEWIRE_WATCHER__*)."""

    feeds: list[str] = Field(
        default_factory=list, description="feed URLs polled besides the registry"
    )
    feeds_file: Path | None = Field(default=None, description="a file of feed URLs, one per line")
    drop_dir: Path | None = Field(default=None, description="folder of article files to ingest")
    min_interval_s: float = Field(
        default=300.0, gt=0, description="shortest polling interval of a feed"
    )
    max_interval_s: float = Field(
        default=6 * 3600.0, gt=0, description="longest polling interval of a feed"
    )
    tick_s: float = Field(
        default=5.0, gt=0, description="how often the scheduler looks for due work"
    )
    max_failures: int = Field(
        default=10, ge=1, description="consecutive failures before suspension"
    )
    fetch_full_text: bool = Field(
        default=True, description="fetch each entry's page; else use the feed summary"
    )
    drop_settle_s: float = Field(
        default=2.0, ge=0, le=3600, description="leave dropped files younger than this alone"
    )
    inbox_batch: int = Field(
        default=500, ge=1, le=100_000, description="inbox items taken per scheduler tick"
    )
    metrics_port: int | None = Field(
        default=None, ge=1, le=65535, description="serve Prometheus /metrics on this port"
    )
    metrics_bind: str = Field(default="127.0.0.1", description="address of the metrics endpoint")

    @model_validator(mode="after")
    def _intervals_ordered(self) -> WatcherSettings:
        if self.min_interval_s > self.max_interval_s:
            raise ValueError("watcher.min_interval_s must not exceed watcher.max_interval_s")
        return self


class PublisherSettings(_Group):
    """The publisher (TRADEWIRE_PUBLISHER__*)."""

    consumer_name: str | None = Field(default=None, description="defaults to host name and pid")
    batch_size: int = Field(default=100, ge=1, le=10_000, description="outbox entries read at once")
    block_ms: int = Field(default=1000, ge=1, description="wait for new outbox entries")
    stream_maxlen: int = Field(
        default=1_000_000, ge=1000, description="approximate MAXLEN of events"
    )
    claim_idle_ms: int = Field(
        default=60_000, ge=1, description="reclaim a dead publisher's entries"
    )
    max_deliveries: int = Field(
        default=5, ge=1, description="deliveries of an outbox entry, then dead stream"
    )
    source: str = Field(default="https://tradewire.dev/extractor", description="CloudEvents source")
    lag_warn_fraction: float = Field(
        default=0.8, gt=0, le=1, description="warn when a group's lag passes this share of MAXLEN"
    )
    lag_check_interval_s: float = Field(
        default=30.0, gt=0, description="how often group lag is checked and the outbox trimmed"
    )
    outbox_retention_s: float = Field(
        default=7 * 24 * 3600.0, gt=0, description="acked outbox entries are kept this long"
    )
    webhooks_enabled: bool = Field(default=True, description="run the webhook delivery loop")
    webhook_timeout_s: float = Field(default=10.0, gt=0, le=120, description="per request")
    webhook_max_attempts: int = Field(
        default=12, ge=1, le=100, description="attempts per delivery, then dead"
    )
    webhook_backoff_base_s: float = Field(
        default=5.0, gt=0, description="first retry delay (exponential, jitter)"
    )
    webhook_backoff_max_s: float = Field(
        default=6 * 3600.0, gt=0, description="cap of one retry delay, Retry-After included"
    )
    webhook_concurrency: int = Field(default=8, ge=1, le=256, description="deliveries in flight")
    webhook_lease_s: float = Field(
        default=60.0, gt=0, description="a claimed delivery is retried after this if unanswered"
    )
    webhook_poll_ms: int = Field(
        default=200, ge=10, le=10_000, description="how often due deliveries are looked up"
    )
    fault_crash_after_xadd: int = Field(
        default=0,
        ge=0,
        description="SIGKILL itself after publishing this many outbox entries, before XACK (tests)",
    )

    @model_validator(mode="after")
    def _lease_covers_request(self) -> PublisherSettings:
        if self.webhook_lease_s <= self.webhook_timeout_s:
            raise ValueError(
                "publisher.webhook_lease_s must exceed publisher.webhook_timeout_s, "
                "or a slow delivery is sent twice at once"
            )
        return self


class Settings(BaseSettings):
    """All of tradewire's settings; nested groups use '__', e.g. TRADEWIRE_WORKER__CONCURRENCY."""

    model_config = SettingsConfigDict(
        env_prefix="TRADEWIRE_", env_nested_delimiter="__", extra="forbid", frozen=True
    )

    redis_url: str | None = Field(
        default=None, description=f"Redis for queue, state and streams; unset: {DEFAULT_REDIS_URL}"
    )
    log_level: str = Field(
        default="INFO", pattern=r"^(DEBUG|INFO|WARNING|ERROR)$", description="DEBUG to ERROR"
    )
    log_json: bool | None = Field(default=None, description="JSON logs; unset: when not a terminal")
    worker: WorkerSettings = WorkerSettings()
    fetch: FetchSettings = FetchSettings()
    watcher: WatcherSettings = WatcherSettings()
    publisher: PublisherSettings = PublisherSettings()

    @property
    def effective_redis_url(self) -> str:
        return self.redis_url or DEFAULT_REDIS_URL


def load_settings(**overrides: object) -> Settings:
    """Read the environment once; entry points call this and pass the result down."""
    return Settings(**overrides)  # type: ignore[arg-type]
