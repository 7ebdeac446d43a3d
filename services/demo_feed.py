"""A sample RSS feed and its article pages, served on loopback for the demo."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from types import TracebackType

from shared.textformat import ParsedText, parse_plain_article

# Article URLs contain the port, and an article's identity is its URL: a fixed port lets a
# second demo run against the same Redis recognise the articles it already processed.
PREFERRED_PORT = 8731


@dataclass(frozen=True)
class SamplePage:
    slug: str
    parsed: ParsedText

    @property
    def title(self) -> str:
        """The file's title, or the first words of an untitled article."""
        if self.parsed.title:
            return self.parsed.title
        words = self.parsed.text.split()[:10]
        return " ".join(words) + " ..."


def load_sample_pages() -> list[SamplePage]:
    """The sample articles shipped with the package (copies of the project's two seeds)."""
    folder = resources.files("services") / "demo_data"
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".txt")), key=lambda f: f.name)
    return [
        SamplePage(f.name.removesuffix(".txt"), parse_plain_article(f.read_text("utf-8")))
        for f in files
    ]


def render_page(page: SamplePage) -> str:
    """An HTML page like a news site's: metadata in the head, paragraphs in an article element."""
    meta = ""
    if page.parsed.published_at:
        published = page.parsed.published_at.isoformat()
        meta = f'<meta property="article:published_time" content="{published}">'
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in page.parsed.text.split("\n") if p.strip())
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(page.title)}</title>"
        f"{meta}</head><body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<header><h1>{escape(page.title)}</h1></header>"
        f"<article>\n{paragraphs}\n</article></body></html>"
    )


def render_feed(pages: list[SamplePage], base_url: str) -> str:
    items = []
    for page in pages:
        link = f"{base_url}/articles/{page.slug}.html"
        date = (
            f"<pubDate>{format_datetime(page.parsed.published_at)}</pubDate>"
            if page.parsed.published_at
            else ""
        )
        summary = escape(page.parsed.text[:300])
        items.append(
            f"<item><title>{escape(page.title)}</title><link>{link}</link>"
            f"<guid isPermaLink='true'>{link}</guid>{date}"
            f"<description>{summary}</description></item>"
        )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>tradewire sample feed</title><link>{base_url}/</link>"
        f"<description>Sample articles for the demo</description>{''.join(items)}</channel></rss>"
    )


class SampleFeedServer:
    """`with SampleFeedServer() as server:` serves /feed.xml and /articles/*.html on 127.0.0.1."""

    def __init__(self, pages: list[SamplePage] | None = None, port: int = PREFERRED_PORT) -> None:
        self.pages = pages if pages is not None else load_sample_pages()
        self._server = self._bind(port)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def _bind(self, port: int) -> ThreadingHTTPServer:
        """The preferred port keeps article URLs, hence ids, the same from run to run."""
        try:
            return ThreadingHTTPServer(("127.0.0.1", port), self._handler_class())
        except OSError:
            return ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def feed_url(self) -> str:
        return f"{self.base_url}/feed.xml"

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body, ctype = server.route(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", ctype)
                data = (body or "not found").encode()
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:
                return

        return Handler

    def route(self, path: str) -> tuple[str | None, str]:
        if path == "/feed.xml":
            return render_feed(self.pages, self.base_url), "application/rss+xml; charset=utf-8"
        for page in self.pages:
            if path == f"/articles/{page.slug}.html":
                return render_page(page), "text/html; charset=utf-8"
        return None, "text/plain"

    def __enter__(self) -> SampleFeedServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
