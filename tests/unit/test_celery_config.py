"""Each knob that makes Celery delivery at-least-once and safe is set."""

from __future__ import annotations

import pytest

from shared import constants as c
from shared.celery_app import celery_config, make_celery
from shared.settings import Settings, WorkerSettings


@pytest.fixture()
def config() -> dict[str, object]:
    return celery_config(Settings(redis_url="redis://127.0.0.1:1/0"))


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("accept_content", ["json"]),
        ("task_serializer", "json"),
        ("result_accept_content", ["json"]),
        ("task_acks_late", True),
        ("task_reject_on_worker_lost", True),
        ("worker_prefetch_multiplier", 1),
        ("task_default_queue", c.ARTICLES_QUEUE),
        ("broker_url", "redis://127.0.0.1:1/0"),
    ],
)
def test_knob(config: dict[str, object], key: str, expected: object) -> None:
    assert config[key] == expected


def test_visibility_timeout_set_everywhere_and_above_time_limit(config: dict[str, object]) -> None:
    for key in ("broker_transport_options", "result_backend_transport_options"):
        options = config[key]
        assert isinstance(options, dict)
        assert options["visibility_timeout"] > config["task_time_limit"]  # type: ignore[operator]
        assert options["global_keyprefix"] == c.CELERY_KEY_PREFIX


def test_soft_limit_below_hard_limit(config: dict[str, object]) -> None:
    assert config["task_soft_time_limit"] < config["task_time_limit"]  # type: ignore[operator]


@pytest.mark.parametrize(
    "bad",
    [
        {"soft_time_limit_s": 60, "time_limit_s": 60},
        {"time_limit_s": 100, "visibility_timeout_s": 90},
        {"time_limit_s": 10, "retry_backoff_max_s": 100, "visibility_timeout_s": 100},
    ],
)
def test_inconsistent_limits_are_refused(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="must"):
        WorkerSettings(**bad)  # type: ignore[arg-type]


def test_app_uses_the_config() -> None:
    app = make_celery(Settings(redis_url="redis://127.0.0.1:1/0"))
    assert app.conf.task_acks_late is True
    assert app.conf.accept_content == ["json"]
