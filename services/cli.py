"""The `tradewire` command: one subcommand per service and tool, registered by each package."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from shared.logging import configure_logging
from shared.settings import Settings, load_settings

# Each module exposes register(subparsers); a subcommand sets `handler(args, settings) -> int`.
_COMMAND_MODULES = (
    "services.worker.cli",
    "services.watcher.cli",
    "services.publisher.cli",
    "services.client_cli",
    "services.config_cli",
    "services.demo",
)


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = argparse.ArgumentParser(prog="tradewire", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings: Settings = load_settings()
    except ValueError as exc:
        print(f"tradewire: invalid settings: {exc}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level, settings.log_json)
    code: int = args.handler(args, settings)
    return code


if __name__ == "__main__":
    sys.exit(main())
