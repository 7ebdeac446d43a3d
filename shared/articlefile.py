"""Reading an article from a file or stdin: seeds-format text, an HTML page, or ArticleIn JSON."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from shared.constants import MAX_ARTICLE_HTML_CHARS
from shared.errors import InvalidInput
from shared.models import ArticleIn
from shared.textformat import looks_like_html, parse_plain_article


def article_from_text(raw: str, *, name: str = "-") -> ArticleIn:
    """Decide the format from the content (and the name's suffix) and build an ArticleIn."""
    if len(raw) > MAX_ARTICLE_HTML_CHARS:
        raise InvalidInput(f"{name}: larger than {MAX_ARTICLE_HTML_CHARS} characters")
    stripped = raw.lstrip("\ufeff").lstrip()
    try:
        if name.endswith(".json") or stripped.startswith("{"):
            return ArticleIn.model_validate(json.loads(stripped))
        if name.endswith((".html", ".htm")) or looks_like_html(stripped):
            return ArticleIn(html=raw)
        parsed = parse_plain_article(raw)
        return ArticleIn(title=parsed.title, text=parsed.text, published_at=parsed.published_at)
    except (ValidationError, json.JSONDecodeError) as exc:
        raise InvalidInput(f"{name}: not a valid article: {exc}") from exc


def article_from_file(path: Path) -> ArticleIn:
    try:
        raw = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read: {exc.strerror}") from exc
    return article_from_text(raw, name=path.name)
