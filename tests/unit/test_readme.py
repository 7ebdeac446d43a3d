"""The README documents every setting with its current default."""

from __future__ import annotations

from pathlib import Path

from shared.settings_doc import with_settings_table

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_settings_table_is_current() -> None:
    text = README.read_text()
    assert text == with_settings_table(text), "run `make docs` to refresh the README"


def test_readme_shows_the_two_commands_first() -> None:
    text = README.read_text()
    assert text.index("make demo") < text.index("## Layout")
    assert text.index("make test") < text.index("## Layout")
