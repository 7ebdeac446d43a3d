"""Each gold article served as a web page (site chrome, <h1>, metadata) reads as its text does."""

from __future__ import annotations

import html
from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.worker.extract import Analysis, analyse
from shared.articlefile import article_from_text as article_in_from_text
from shared.client import normalise
from shared.models import ArrivalKind
from shared.textformat import parse_plain_article
from tests.gold.predict import article_from_text
from tests.gold.records import ARTICLES_DIR

_TOP = (
    "<header><nav><a href='/'>Home</a> | <a href='/world'>World</a> | "
    "<a href='/business'>Business</a></nav>"
    "<div class='cookie'>We use cookies. Accept</div></header>"
)
_BOTTOM = (
    "<aside><h3>Related</h3><ul><li><a href='/a'>Oil rises 2% as OPEC+ weighs a cut</a></li>"
    "<li><a href='/b'>Stocks slip before the Fed's rate decision</a></li></ul></aside>"
    "<footer><p>© 2025 Example News Network. All rights reserved.</p></footer>"
)


def as_page(raw: str) -> str:
    parsed = parse_plain_article(raw)
    title = html.escape(parsed.title or "")
    # a line break inside a paragraph (a list of deals, a table) is a <br>, as a page shows it
    body = "".join(
        "<p>" + "<br>".join(html.escape(line) for line in p.split("\n")) + "</p>"
        for p in parsed.text.split("\n\n")
        if p.strip()
    )
    published = parsed.published_at
    meta = (
        f"<meta property='article:published_time' content='{published.isoformat()}'>"
        if published
        else ""
    )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title} | Example News</title>"
        f"{meta}</head><body>{_TOP}<main><article><h1>{title}</h1>{body}</article></main>"
        f"{_BOTTOM}</body></html>"
    )


def facts(result: Analysis) -> tuple[bool, list[str], set[tuple[float, str]]]:
    amounts = {(a.value, a.currency) for e in result.events for a in e.amounts if a.currency}
    c = result.classification
    return c.is_trade_cooperation, c.countries, amounts


@pytest.mark.parametrize("path", sorted(ARTICLES_DIR.glob("*.txt")), ids=lambda p: p.stem)
def test_page_and_text_give_the_same_facts(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    submitted = article_in_from_text(as_page(raw), name=path.stem + ".html")
    page = normalise(
        submitted, arrived_via=ArrivalKind.FILE, received_at=datetime(2025, 1, 1, tzinfo=UTC)
    )
    assert facts(analyse(page)) == facts(analyse(article_from_text(raw)))
