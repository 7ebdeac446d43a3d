"""One polling cycle over 2,000 feeds served on loopback, against a bare httpx loop, same run.

    python -m bench.bench_watcher [--feeds 2000] [--changed-every 10]

A feed server (its own process, asyncio, HTTP/1.1 keep-alive) serves the feeds under eight host
names that all resolve to 127.0.0.1 (so the per-host limit applies as on the web) and answers
If-None-Match with 304. The watcher (its own process, an embedded Redis for state) first polls
every feed once to learn the validators and entries (full text off, not measured as the cycle),
then the server publishes one new entry in every tenth feed, and the measured cycle polls all
feeds again: most answer 304; the changed ones are parsed, their new entry's page fetched and
its text extracted, and the article queued (to a Redis list). The baseline is the bare httpx
loop (same thread count, same requests with the same validators) without parsing or state.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HOSTS = 8
THREADS = 32
PARAGRAPH = (
    "Russian exporters signed contracts with partners from Sichuan province, covering grain, "
    "vegetable oil and confectionery worth about 500 million dollars, officials said on Tuesday."
)


# --- the feed server -------------------------------------------------------------------------
class FeedSite:
    def __init__(self, changed_every: int) -> None:
        self.changed_every = changed_every
        self.generation = 1
        self.counts: dict[str, int] = {}
        self.t0 = datetime.now(UTC)

    def version(self, i: int) -> int:
        return self.generation if i % self.changed_every == 0 else 1

    def feed(self, i: int, host: str) -> tuple[bytes, str]:
        version = self.version(i)
        items = []
        for j in range(version + 2, 0, -1):  # entries 1..3, plus one per later version
            when = format_datetime(self.t0 - timedelta(hours=10 - j))
            items.append(
                f"<item><title>Feed {i} story {j}</title><guid>f{i}-e{j}</guid>"
                f"<link>http://{host}/page/{i}/{j}.html</link><pubDate>{when}</pubDate>"
                f"<description>Summary of story {j} of feed {i}.</description></item>"
            )
        body = (
            "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>Bench feed {i}</title><link>http://{host}/</link><description>bench"
            f"</description>{''.join(items)}</channel></rss>"
        )
        return body.encode(), f'"{i}-{version}"'

    def page(self, i: int, j: int) -> bytes:
        paragraphs = "".join(f"<p>{PARAGRAPH} Feed {i}, story {j}, part {k}.</p>" for k in range(6))
        return (
            f"<!doctype html><html><head><title>Feed {i} story {j}</title></head><body>"
            f"<nav><a href='/'>Home</a></nav><article><h1>Feed {i} story {j}</h1>{paragraphs}"
            f"</article><footer>Copyright</footer></body></html>"
        ).encode()

    def respond(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        parts = path.strip("/").split("/")
        if path == "/_advance":
            self.generation += 1
            return 200, {}, b"ok"
        if path == "/_stats":
            return 200, {}, json.dumps(self.counts).encode()
        if parts[0] == "feed":
            body, etag = self.feed(int(parts[1].removesuffix(".xml")), headers.get("host", ""))
            if headers.get("if-none-match") == etag:
                return 304, {"ETag": etag}, b""
            return 200, {"ETag": etag, "Content-Type": "application/rss+xml"}, body
        if parts[0] == "page":
            page = self.page(int(parts[1]), int(parts[2].removesuffix(".html")))
            return 200, {"Content-Type": "text/html; charset=utf-8"}, page
        return 404, {}, b""

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                path = lines[0].split(" ")[1]
                headers = {
                    k.lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:] if x)
                }
                status, extra, body = self.respond(path, headers)
                kind = f"{path.split('/')[1]}_{status}"
                self.counts[kind] = self.counts.get(kind, 0) + 1
                fields = "".join(f"{k}: {v}\r\n" for k, v in extra.items())
                writer.write(
                    f"HTTP/1.1 {status} X\r\nContent-Length: {len(body)}\r\n{fields}\r\n".encode()
                    + body
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


async def serve(changed_every: int) -> None:
    site = FeedSite(changed_every)
    server = await asyncio.start_server(site.handle, "127.0.0.1", 0, backlog=1024)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


# --- the watcher and the baseline, each in its own process ----------------------------------
def feed_urls(port: int, n: int) -> list[str]:
    return [f"http://feeds-{i % HOSTS}.bench.test:{port}/feed/{i}.xml" for i in range(n)]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_watcher_role(redis_url: str, port: int, n: int) -> dict[str, float]:
    import random

    import redis

    from services.watcher.fetch import Fetcher
    from services.watcher.registry import FeedRegistry
    from services.watcher.service import Watcher
    from services.watcher.sink import RedisListSink
    from shared.logging import configure_logging
    from shared.settings import FetchSettings, Settings, WatcherSettings

    configure_logging("ERROR", json=True)
    fetch = FetchSettings(
        allow_private_networks=True,
        per_host_concurrency=THREADS // HOSTS,
        total_concurrency=THREADS,
    )
    client = redis.Redis.from_url(redis_url)
    t0 = datetime.now(UTC)
    registry = FeedRegistry(client)
    for url in feed_urls(port, n):
        registry.add_url(url, source="cli", now=t0)
    sink = RedisListSink(client, "bench:articles")
    results: dict[str, float] = {}
    with Fetcher(fetch, resolver=lambda host, p: ["127.0.0.1"]) as fetcher:
        for cycle, full_text, at in ((1, False, t0), (2, True, t0 + timedelta(hours=7))):
            settings = Settings(
                redis_url=redis_url, fetch=fetch, watcher=WatcherSettings(fetch_full_text=full_text)
            )
            watcher = Watcher(
                settings,
                client,
                sink,
                fetcher=fetcher,
                now=lambda at=at: at,
                rng=random.Random(cycle),
            )
            rss_before, cpu_before = rss_mb(), cpu_s()
            started = time.perf_counter()
            report = watcher.run_once()
            results[f"cycle{cycle}_s"] = time.perf_counter() - started
            results[f"cycle{cycle}_cpu_s"] = cpu_s() - cpu_before
            results[f"cycle{cycle}_polled"] = report.polled
            results[f"cycle{cycle}_failed"] = report.failed
            results[f"cycle{cycle}_queued"] = report.articles_queued
            results[f"cycle{cycle}_rss_before_mb"] = rss_before
            watcher.shutdown()
            if cycle == 1:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_advance").read()
    results["peak_rss_mb"] = rss_mb()
    return results


def run_baseline_role(port: int, n: int, changed_every: int) -> dict[str, float]:
    """The same requests with a plain httpx client and thread pool: no checks, parse or state."""
    import httpx

    client = httpx.Client(limits=httpx.Limits(max_connections=THREADS * 2))
    changed = [i for i in range(n) if i % changed_every == 0]

    def feed(i: int) -> int:
        url = f"http://127.0.0.1:{port}/feed/{i}.xml"
        response = client.get(url, headers={"If-None-Match": f'"{i}-1"'})
        return response.status_code

    def page(i: int) -> int:
        return client.get(f"http://127.0.0.1:{port}/page/{i}/4.html").status_code

    started, cpu_before = time.perf_counter(), cpu_s()
    with ThreadPoolExecutor(THREADS) as pool:
        statuses = list(pool.map(feed, range(n))) + list(pool.map(page, changed))
    elapsed = time.perf_counter() - started
    cpu = cpu_s() - cpu_before
    client.close()
    return {
        "baseline_s": elapsed,
        "baseline_cpu_s": cpu,
        "baseline_304": statuses.count(304),
        "baseline_requests": len(statuses),
        "baseline_peak_rss_mb": rss_mb(),
    }


# --- the orchestration ---------------------------------------------------------------------
def child(role: str, *args: str) -> dict[str, float]:
    cmd = [sys.executable, "-m", "bench.bench_watcher", "--role", role, *args]
    out = subprocess.run(cmd, cwd=REPO, check=True, capture_output=True, text=True, timeout=300)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def stats(port: int) -> dict[str, int]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stats") as response:
        data: dict[str, int] = json.loads(response.read())
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=2000)
    parser.add_argument("--changed-every", type=int, default=10)
    parser.add_argument("--role", choices=["main", "server", "watcher", "baseline"], default="main")
    parser.add_argument("--redis-url")
    parser.add_argument("--port", type=int)
    args = parser.parse_args()
    if args.role == "server":
        asyncio.run(serve(args.changed_every))
        return 0
    if args.role == "watcher":
        print(json.dumps(run_watcher_role(args.redis_url, args.port, args.feeds)))
        return 0
    if args.role == "baseline":
        print(json.dumps(run_baseline_role(args.port, args.feeds, args.changed_every)))
        return 0
    return orchestrate(args.feeds, args.changed_every)


def orchestrate(n: int, changed_every: int) -> int:
    from shared.embedded_redis import EmbeddedRedis

    server_cmd = [
        sys.executable,
        "-m",
        "bench.bench_watcher",
        "--role",
        "server",
        "--changed-every",
        str(changed_every),
    ]
    server = subprocess.Popen(
        server_cmd,
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        common = ["--port", str(port), "--feeds", str(n), "--changed-every", str(changed_every)]
        with EmbeddedRedis() as redis_server:
            w = child("watcher", "--redis-url", redis_url_of(redis_server), *common)
        before_baseline = stats(port)
        b = child("baseline", *common)
        report(n, w, b, before_baseline)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


def redis_url_of(server: object) -> str:
    url: str = getattr(server, "url")  # noqa: B009 - keeps the import lazy and mypy quiet
    return url


def report(n: int, w: dict[str, float], b: dict[str, float], counts: dict[str, int]) -> None:
    requests = counts.get("feed_304", 0) + counts.get("feed_200", 0) - n + counts.get("page_200", 0)
    not_modified = counts.get("feed_304", 0)
    cycle = w["cycle2_s"]
    print(f"feeds: {n} on {HOSTS} host names, {THREADS} threads, {THREADS // HOSTS} per host")
    print(
        f"priming cycle (all 200, full text off): {w['cycle1_s']:.2f} s, "
        f"{w['cycle1_queued']:.0f} articles queued, {w['cycle1_failed']:.0f} failed"
    )
    print(
        f"measured cycle: {cycle:.2f} s wall, {w['cycle2_polled']:.0f} feeds polled, "
        f"{not_modified} answered 304, {w['cycle2_queued']:.0f} new articles with full text, "
        f"{w['cycle2_failed']:.0f} failed"
    )
    print(
        f"  {requests} requests (feeds + pages) -> {requests / cycle:.0f} requests/s, "
        f"watcher CPU {w['cycle2_cpu_s']:.2f} s"
    )
    print(
        f"  watcher peak RSS {w['peak_rss_mb']:.0f} MB "
        f"(before the cycle {w['cycle2_rss_before_mb']:.0f} MB)"
    )
    print(
        f"baseline bare httpx loop: {b['baseline_s']:.2f} s for {b['baseline_requests']:.0f} "
        f"requests ({b['baseline_requests'] / b['baseline_s']:.0f} requests/s, "
        f"{b['baseline_304']:.0f} x 304), CPU {b['baseline_cpu_s']:.2f} s, "
        f"peak RSS {b['baseline_peak_rss_mb']:.0f} MB"
    )
    print(f"ratio watcher cycle / baseline: {cycle / b['baseline_s']:.2f}x")


if __name__ == "__main__":
    sys.exit(main())
