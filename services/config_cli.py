"""`tradewire config`: validate the environment's settings, or print the settings reference."""

from __future__ import annotations

import argparse

from shared.settings import Settings
from shared.settings_doc import settings_table


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    config = sub.add_parser("config", help="check the TRADEWIRE_* settings, or list them all")
    config.add_argument("--reference", action="store_true", help="print every setting and default")
    config.set_defaults(handler=_config)


def _config(args: argparse.Namespace, settings: Settings) -> int:
    # Reaching here means the environment validated (the entry point builds Settings first).
    if args.reference:
        print(settings_table())
    else:
        print(settings.model_dump_json(indent=2))
    return 0
