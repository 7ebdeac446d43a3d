"""The container files run commands that exist, with settings that validate."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from services.cli import build_parser
from shared.settings import Settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
_DEFAULTED = re.compile(r"\$\{[A-Z_]+:-([^}]*)\}")


def _compose() -> dict[str, Any]:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())  # type: ignore[no-any-return]


def _tradewire_services() -> dict[str, dict[str, Any]]:
    return {
        n: s
        for n, s in _compose()["services"].items()
        if s.get("image", "").startswith("tradewire")
    }


def _settings_from(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Settings:
    for key in list(__import__("os").environ):
        if key.startswith("TRADEWIRE_"):
            monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, _DEFAULTED.sub(r"\1", str(value)))
    return Settings()


def test_compose_runs_worker_watcher_and_publisher() -> None:
    services = _tradewire_services()
    assert {"worker", "watcher", "publisher"} <= services.keys()


@pytest.mark.parametrize("name", ["worker", "watcher", "publisher"])
def test_compose_commands_are_real_subcommands(name: str) -> None:
    command = _tradewire_services()[name]["command"]
    args = build_parser().parse_args(command)
    assert callable(args.handler)


@pytest.mark.parametrize("name", ["worker", "watcher", "publisher"])
def test_compose_environment_is_valid_settings(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    env = _tradewire_services()[name]["environment"]
    settings = _settings_from(env, monkeypatch)
    assert settings.redis_url == "redis://redis:6379/0"


def test_worker_grace_period_exceeds_task_time_limit() -> None:
    worker = _tradewire_services()["worker"]
    grace_s = int(worker["stop_grace_period"].removesuffix("s"))
    assert grace_s > Settings().worker.time_limit_s


def test_env_example_is_valid_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = (DEPLOY / ".env.example").read_text().splitlines()
    env = dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))
    settings = _settings_from(env, monkeypatch)
    assert settings.worker.concurrency == int(env["TRADEWIRE_WORKER__CONCURRENCY"])


def test_dockerfile_entrypoint_default_command_is_a_subcommand() -> None:
    text = (DEPLOY / "Dockerfile").read_text()
    assert 'ENTRYPOINT ["tradewire"]' in text
    cmd = re.search(r"^CMD (\[.*\])$", text, re.M)
    assert cmd is not None
    args = build_parser().parse_args(yaml.safe_load(cmd.group(1)))
    assert callable(args.handler)
    assert "USER tradewire" in text, "containers must not run as root"


def test_dockerfile_ships_the_compiled_extractor() -> None:
    text = (DEPLOY / "Dockerfile").read_text()
    assert "COPY pyproject.toml setup.py" in text  # the build hook is in the context
    assert "TRADEWIRE_COMPILE=1" in text
    assert re.search(r"pip install /wheels/tradewire-\S+\.whl", text)
