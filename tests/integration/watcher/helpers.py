"""Feeds and pages for the watcher's tests, written by hand (never by the code under test)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape


@dataclass
class Item:
    title: str
    link: str | None = None
    guid: str | None = None
    description: str = ""
    published: datetime | None = None


def rss(items: list[Item], *, title: str = "Test feed", ttl_min: int | None = None) -> str:
    parts = []
    for it in items:
        fields = [f"<title>{escape(it.title)}</title>"]
        if it.link:
            fields.append(f"<link>{escape(it.link)}</link>")
        if it.guid:
            fields.append(f'<guid isPermaLink="false">{escape(it.guid)}</guid>')
        if it.description:
            fields.append(f"<description>{escape(it.description)}</description>")
        if it.published:
            fields.append(f"<pubDate>{format_datetime(it.published)}</pubDate>")
        parts.append("<item>" + "".join(fields) + "</item>")
    ttl = f"<ttl>{ttl_min}</ttl>" if ttl_min is not None else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://example.org/</link>"
        f"<description>test</description><language>en-gb</language>{ttl}{''.join(parts)}"
        "</channel></rss>"
    )


def page(title: str, paragraphs: list[str], published: str | None = None) -> str:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(title)}</title>{meta}"
        f"</head><body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{escape(title)}</h1>\n{body}\n</article>"
        f"<footer>Copyright Example News</footer></body></html>"
    )


LONG_PARAGRAPHS = [
    "Russian agricultural exporters signed contracts with partners from Sichuan province on "
    "Tuesday, covering grain, vegetable oil and confectionery worth about 500 million dollars.",
    "The agreements were reached at the import expo in Shanghai, where more than one hundred "
    "Russian companies presented food, cosmetics and high-technology products to buyers.",
    "Officials said the deliveries would begin next spring and continue for three years, with "
    "the first shipments travelling by rail through Kazakhstan to the city of Chengdu.",
]


@dataclass
class Clock:
    """A controllable clock: tests move time instead of sleeping."""

    current: datetime = field(default_factory=lambda: datetime(2025, 3, 1, 12, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


class StaticServer:
    """One fixed response for every GET, from http.server. Unlike werkzeug, it does not render a
    traceback with locals when the client hangs up mid-body (the bomb test measures memory)."""

    def __init__(self, body: bytes, headers: dict[str, str], status: int = 200) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(status)
                for name, value in {**headers, "Content-Length": str(len(body))}.items():
                    self.send_header(name, value)
                self.end_headers()
                # The client stops reading part-way: exactly what the test wants.
                with contextlib.suppress(OSError):
                    self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    def __enter__(self) -> StaticServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
