"""The settings reference: every TRADEWIRE_* variable with its default, made from the models."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from shared.settings import Settings


def _default(field: FieldInfo) -> str:
    if field.default_factory is not None:
        value = field.default_factory()  # type: ignore[call-arg]
    elif field.default is PydanticUndefined:
        return "(required)"
    else:
        value = field.default
    return "unset" if value is None else f"`{value}`"


def _rows(model: type[BaseModel], prefix: str) -> Iterator[tuple[str, str, str]]:
    for name, field in model.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from _rows(annotation, f"{prefix}{name.upper()}__")
            continue
        yield f"{prefix}{name.upper()}", _default(field), field.description or ""


def settings_table() -> str:
    """A Markdown table of every setting; the README embeds it and a test keeps them in step."""
    lines = ["| variable | default | meaning |", "|---|---|---|"]
    for env, default, meaning in _rows(Settings, "TRADEWIRE_"):
        lines.append(f"| `{env}` | {default} | {meaning} |")
    return "\n".join(lines)


BEGIN, END = "<!-- settings:begin -->", "<!-- settings:end -->"


def with_settings_table(readme: str) -> str:
    """The README with its settings section replaced by the current table."""
    head, _, rest = readme.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{settings_table()}\n{END}{tail}"


if __name__ == "__main__":
    from pathlib import Path

    path = Path("README.md")
    path.write_text(with_settings_table(path.read_text()))
