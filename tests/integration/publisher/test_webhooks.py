"""Webhooks against real receivers on loopback: signatures, retries, 410, SSRF, isolation."""

from __future__ import annotations

import argparse
import itertools
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
import redis
from pytest_httpserver import HTTPServer
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError
from werkzeug import Request, Response

from services.publisher.cli import register
from services.publisher.webhooks.models import Delivery
from services.publisher.webhooks.signing import new_secret
from services.publisher.webhooks.store import SubscriptionStore, new_subscription
from shared import constants as c
from shared.errors import UnsafeURL
from shared.models import EventType
from shared.settings import Settings, load_settings
from tests.integration.publisher.helpers import (
    drain,
    make_settings,
    publisher_thread,
    push,
    stream_events,
    wait_until,
)
from tests.unit.publisher import builders as b

pytestmark = pytest.mark.integration

SECRET = new_secret(bytes(range(100, 132)))
FAST = {
    "webhook_backoff_base_s": 0.05,
    "webhook_poll_ms": 20,
    "webhook_timeout_s": 3,
    "webhook_lease_s": 5,
    "block_ms": 50,
}


@dataclass(frozen=True)
class Call:
    webhook_id: str
    timestamp: int
    verified: bool
    status: int
    at: float


class Receiver:
    """A webhook endpoint that verifies every request and fails each id's first attempts."""

    def __init__(self, *, fail_first: int = 0, fail_status: int = 503, retry_after: str = "1"):
        self.fail_first = fail_first
        self.fail_status = fail_status
        self.retry_after = retry_after
        self.calls: list[Call] = []
        self.lock = threading.Lock()
        self.hold = threading.Event()
        self.hold.set()
        self.entered = threading.Event()

    def __call__(self, request: Request) -> Response:
        self.entered.set()
        self.hold.wait(10)
        body = request.get_data(as_text=True)
        try:
            Webhook(SECRET).verify(body, dict(request.headers))
            verified = True
        except WebhookVerificationError:
            verified = False
        webhook_id = request.headers.get("webhook-id", "")
        with self.lock:
            earlier = sum(x.webhook_id == webhook_id for x in self.calls)
            status = self.fail_status if earlier < self.fail_first else 200
            stamp = int(request.headers.get("webhook-timestamp", "0"))
            self.calls.append(Call(webhook_id, stamp, verified, status, time.monotonic()))
        headers = {"Retry-After": self.retry_after} if status in (429, 503) else {}
        if status in (301, 302, 307, 308):
            headers = {"Location": "/elsewhere"}
        return Response("ok", status=status, headers=headers)

    def ok_ids(self) -> set[str]:
        with self.lock:
            return {x.webhook_id for x in self.calls if x.status == 200}


@pytest.fixture(scope="module")
def module_server() -> Iterator[HTTPServer]:
    srv = HTTPServer(host="127.0.0.1", threaded=True)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture()
def server(module_server: HTTPServer) -> Iterator[HTTPServer]:
    module_server.clear()
    yield module_server
    module_server.clear()


def subscribe(r: redis.Redis, url: str, **filters: object) -> str:
    sub = new_subscription(
        url,
        secret=SECRET,
        id_bytes=time.time_ns().to_bytes(8, "big"),
        secret_bytes=b"",
        now=datetime.now(UTC),
        **filters,  # type: ignore[arg-type]
    )
    SubscriptionStore(r).add(sub, allow_private=True)
    return sub.id


def publish_two(r: redis.Redis, n: int = 0) -> None:
    art = b.article(f"Deal {n}: Sichuan buys grain.", url=f"https://n.example/{n}")
    push(
        r,
        b.entry(
            art,
            [
                b.event(art, f"deal{n}"),
                b.event(art, f"vol{n}", usd=9e9, event_type=EventType.TRADE_VOLUME),
            ],
        ),
    )


def settings_for(redis_url: str, **overrides: object) -> Settings:
    return make_settings(redis_url, **{**FAST, **overrides})


def test_signed_deliveries_survive_failures_and_honour_retry_after(
    server: HTTPServer, redis_url: str, redis_client: redis.Redis
) -> None:
    receiver = Receiver(fail_first=2, retry_after="1")
    server.expect_request("/hook", method="POST").respond_with_handler(receiver)
    subscribe(redis_client, server.url_for("/hook"))
    with publisher_thread(settings_for(redis_url), redis_client):
        publish_two(redis_client)
        assert wait_until(lambda: len(receiver.ok_ids()) == 2, 15)
    ids = {e.id for e in stream_events(redis_client)}
    assert receiver.ok_ids() == ids
    assert all(call.verified for call in receiver.calls)
    for webhook_id in ids:
        attempts = [x for x in receiver.calls if x.webhook_id == webhook_id]
        # Two refusals then success, all under one webhook-id; Retry-After: 1 was respected.
        assert [x.status for x in attempts] == [503, 503, 200]
        gaps = [y.at - x.at for x, y in itertools.pairwise(attempts)]
        assert min(gaps) >= 0.95, gaps
        assert attempts[-1].timestamp > attempts[0].timestamp  # each attempt signed afresh
    assert redis_client.hlen(c.WEBHOOK_DELIVERIES_KEY) == 0
    assert redis_client.zcard(c.WEBHOOK_DUE_KEY) == 0


def test_410_disables_the_subscription(
    server: HTTPServer, redis_url: str, redis_client: redis.Redis
) -> None:
    server.expect_request("/gone", method="POST").respond_with_data("gone", status=410)
    sub_id = subscribe(redis_client, server.url_for("/gone"), event_types=[EventType.TRADE_VOLUME])
    settings = settings_for(redis_url)
    publish_two(redis_client, 1)
    drain(settings, redis_client)
    sub = SubscriptionStore(redis_client).get(sub_id)
    assert sub is not None and sub.disabled_at is not None
    assert "410" in (sub.disabled_reason or "")
    publish_two(redis_client, 2)
    drain(settings, redis_client)
    assert len(server.log) == 1  # nothing more went to a gone endpoint
    assert redis_client.hlen(c.WEBHOOK_DELIVERIES_KEY) == 0


def test_filters_pick_event_types_and_countries(
    server: HTTPServer, redis_url: str, redis_client: redis.Redis
) -> None:
    receivers = {name: Receiver() for name in ("volume", "usa", "all", "rus")}
    for name, receiver in receivers.items():
        server.expect_request(f"/{name}", method="POST").respond_with_handler(receiver)
    subscribe(redis_client, server.url_for("/volume"), event_types=[EventType.TRADE_VOLUME])
    subscribe(redis_client, server.url_for("/usa"), countries=["USA"])
    subscribe(redis_client, server.url_for("/all"))
    subscribe(redis_client, server.url_for("/rus"), countries=["rus"])
    publish_two(redis_client)
    drain(settings_for(redis_url), redis_client)
    by_type = {e.id: e.data.event_type for e in stream_events(redis_client)}
    got = {n: sorted(by_type[i].value for i in r.ok_ids()) for n, r in receivers.items()}
    assert got == {
        "volume": ["trade_volume"],
        "usa": [],
        "all": ["commercial_deal", "trade_volume"],
        "rus": ["commercial_deal", "trade_volume"],
    }


def test_events_published_before_a_subscription_are_not_sent_to_it(
    server: HTTPServer, redis_url: str, redis_client: redis.Redis
) -> None:
    receiver = Receiver()
    server.expect_request("/late", method="POST").respond_with_handler(receiver)
    settings = settings_for(redis_url)
    drain(settings, redis_client)  # creates the webhooks group, as a running publisher does
    publish_two(redis_client, 1)
    drain(settings_for(redis_url, webhooks_enabled=False), redis_client)
    time.sleep(0.01)
    subscribe(redis_client, server.url_for("/late"))
    publish_two(redis_client, 2)
    drain(settings, redis_client)
    assert {i.split(".")[0] for i in receiver.ok_ids()} == {"deal2", "vol2"}


def test_private_targets_are_refused_unless_allowed(
    server: HTTPServer, redis_url: str, redis_client: redis.Redis
) -> None:
    receiver = Receiver()
    server.expect_request("/hook", method="POST").respond_with_handler(receiver)
    url = server.url_for("/hook")
    sub = new_subscription(
        url, secret=SECRET, id_bytes=bytes(8), secret_bytes=b"", now=datetime.now(UTC)
    )
    with pytest.raises(UnsafeURL):
        SubscriptionStore(redis_client).add(sub, allow_private=False)
    for blocked in ("http://169.254.169.254/latest", "http://10.0.0.1/x", "http://[::1]:9/x"):
        with pytest.raises(UnsafeURL):
            SubscriptionStore(redis_client).add(
                sub.model_copy(update={"url": blocked}), allow_private=False
            )
    SubscriptionStore(redis_client).add(sub, allow_private=True)
    publish_two(redis_client)
    # The delivery loop checks again at send time, with the publisher's own setting.
    drain(settings_for(redis_url, allow_private=False), redis_client)
    assert server.log == [] and receiver.calls == []
    raw = redis_client.hvals(c.WEBHOOK_DELIVERIES_KEY)
    deliveries = [Delivery.model_validate_json(x) for x in raw]
    assert len(deliveries) == 2
    assert all((d.attempts, (d.last_error or "")[:8]) == (1, "refused:") for d in deliveries)


def test_redirects_are_not_followed(
    server: HTTPServer, redis_url: str, redis_client: redis.Redis
) -> None:
    receiver = Receiver(fail_first=99, fail_status=307)
    server.expect_request("/hook", method="POST").respond_with_handler(receiver)
    server.expect_request("/elsewhere").respond_with_data("no")
    subscribe(redis_client, server.url_for("/hook"), event_types=[EventType.TRADE_VOLUME])
    publish_two(redis_client)
    drain(settings_for(redis_url), redis_client)
    assert [r.path for r, _ in server.log] == ["/hook"]
    [raw] = redis_client.hvals(c.WEBHOOK_DELIVERIES_KEY)
    assert Delivery.model_validate_json(raw).last_error == "HTTP 307"


def test_a_stuck_endpoint_never_blocks_the_stream(
    server: HTTPServer, redis_url: str, redis_client: redis.Redis
) -> None:
    receiver = Receiver()
    receiver.hold.clear()
    server.expect_request("/slow", method="POST").respond_with_handler(receiver)
    subscribe(redis_client, server.url_for("/slow"))
    try:
        with publisher_thread(settings_for(redis_url, webhook_concurrency=1), redis_client) as seen:
            publish_two(redis_client, 1)
            assert receiver.entered.wait(10)  # a delivery now hangs in the endpoint
            publish_two(redis_client, 2)
            publish_two(redis_client, 3)
            # Published while the endpoint still holds its request (it waits up to 10 s).
            assert wait_until(lambda: len(seen) == 6, 5)
            assert receiver.calls == []  # still hanging
            receiver.hold.set()
            assert wait_until(lambda: len(receiver.ok_ids()) == 6, 15)
    finally:
        receiver.hold.set()


def test_webhooks_cli_add_list_remove(
    redis_url: str,
    redis_client: redis.Redis,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("TRADEWIRE_REDIS_URL", redis_url)

    def cli(*args: str, private: str = "true") -> tuple[int, str, str]:
        monkeypatch.setenv("TRADEWIRE_FETCH__ALLOW_PRIVATE_NETWORKS", private)
        parser = argparse.ArgumentParser()
        register(parser.add_subparsers(dest="command", required=True))
        parsed = parser.parse_args(["webhooks", *args])
        code: int = parsed.handler(parsed, load_settings())
        out, err = capsys.readouterr()
        return code, out, err

    code, out, err = cli("add", "http://127.0.0.1:9/h", "--type", "investment", "--country", "rus")
    assert code == 0, err
    info = json.loads(out)
    assert info["secret"].startswith("whsec_") and info["id"].startswith("wh_")
    _, listed, _ = cli("list", "--json")
    [row] = [json.loads(x) for x in listed.splitlines()]
    assert (row["id"], row["event_types"], row["countries"]) == (
        info["id"],
        ["investment"],
        ["RUS"],
    )
    assert "secret" not in row and info["secret"] not in listed
    code, _, err = cli("add", "http://127.0.0.1:9/h", private="false")
    assert code == 2 and "non-public" in err
    assert cli("remove", info["id"])[0] == 0
    assert cli("remove", info["id"])[0] == 1
    assert redis_client.hlen(c.WEBHOOK_SUBSCRIPTIONS_KEY) == 0
