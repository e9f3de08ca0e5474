"""Retry rules, client-side rate limits (in process and shared through Redis), timeouts, keep-alive drops."""

from __future__ import annotations

import shutil
import socket
import socketserver
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from bridge import Limits, Runtime
from bridge.errors import ConfigError
from bridge.http.retry import Failure, outcome_unknown, parse_retry_after, should_retry
from bridge.http.transport import Trace as _Trace
from integrations.customerio import Account, CustomerIO
from integrations.customerio.accounts import accounts_from_env
from integrations.customerio.ratelimit import BROADCAST_TRIGGER, LocalLimiter, Rate, StoreLimiter, shared
from tests.cio_support import NS, FakeClock, fast_retries, recording_transport, runtime_for

# ----------------------------------------------------------------------------- the retry rule


@pytest.mark.parametrize(("failure", "status", "idempotent", "retried", "unknown"), [
    (Failure.NOT_SENT, None, False, True, False),
    (Failure.STATUS, 429, False, True, False),
    (Failure.STATUS, 503, True, True, False),
    (Failure.STATUS, 503, False, False, True),
    (Failure.STATUS, 408, False, False, True),
    (Failure.STATUS, 400, True, False, False),
    (Failure.STATUS, 404, False, False, False),
    (Failure.AMBIGUOUS, None, True, True, False),
    (Failure.AMBIGUOUS, None, False, False, True),
    (Failure.STALE, None, True, True, False),
    (Failure.STALE, None, False, False, True),
])
def test_the_one_retry_predicate(failure: Failure, status: int | None, idempotent: bool, retried: bool,
                                 unknown: bool) -> None:
    assert should_retry(failure, status, idempotent) is retried
    assert outcome_unknown(failure, status, idempotent) is unknown


def test_retry_after_in_seconds_or_as_an_http_date() -> None:
    now = 1_700_000_000.0
    assert parse_retry_after("7", now) == 7.0
    assert parse_retry_after("Tue, 14 Nov 2023 22:13:40 GMT", now) == pytest.approx(20.0)
    assert parse_retry_after("Tue, 14 Nov 2023 22:00:00 GMT", now) == 0.0  # in the past: at once
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None


def traced(*events: str) -> _Trace:
    trace = _Trace()
    for event in events:
        trace(event, {})
    return trace


def test_only_a_request_whose_head_was_never_written_counts_as_not_sent() -> None:
    request = httpx.Request("POST", "https://api.customer.io/v1/send/email")
    dropped = httpx.RemoteProtocolError("Server disconnected without sending a response.", request=request)
    reused = ("http11.send_request_headers.started", "http11.send_request_headers.complete")
    assert traced().classify(httpx.ConnectError("refused", request=request)) is Failure.NOT_SENT
    assert traced("http11.send_request_headers.started",
                  "http11.send_request_headers.failed").classify(dropped) is Failure.NOT_SENT
    assert traced(*reused).classify(dropped) is Failure.STALE
    assert traced("connection.connect_tcp.started", *reused).classify(dropped) is Failure.AMBIGUOUS
    assert traced().classify(httpx.ReadTimeout("late", request=request)) is Failure.AMBIGUOUS  # no trace: unknown


# -------------------------------------------------------------- a pooled connection dropped under us


class _DropSecondRequest(socketserver.BaseRequestHandler):
    """Answers the first request of a connection with keep-alive, reads the second and closes unanswered:
    the race of a server closing an idle connection just as the client reuses it."""

    def handle(self) -> None:
        stream = self.request.makefile("rb")
        for number in (1, 2):
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            stream.read(length)
            self.server.seen += 1  # type: ignore[attr-defined]
            if number == 2:
                return  # closes without a byte of answer
            self.request.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")


@pytest.fixture
def dropping_server() -> Iterator[Any]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _DropSecondRequest)
    server.daemon_threads = True
    server.seen = 0  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_a_dropped_keep_alive_connection_is_retried_at_once_for_an_idempotent_write(dropping_server: Any) -> None:
    url = f"http://127.0.0.1:{dropping_server.server_address[1]}"
    clock = FakeClock()
    with runtime_for(Account(site_id="s", track_api_key="t", track_url=url), retry=fast_retries(clock)) as rt:
        result = rt.run(f'{NS}.identify_customer{{id = "a"}} return {NS}.identify_customer{{id = "b"}}')

    assert result.ok, result.error
    assert [c.attempts for c in result.calls] == [1, 2]
    assert clock.slept == 0.0  # a fresh connection is tried at once
    assert dropping_server.seen == 3


def test_a_dropped_keep_alive_connection_leaves_a_non_idempotent_write_unknown(dropping_server: Any) -> None:
    url = f"http://127.0.0.1:{dropping_server.server_address[1]}"
    with runtime_for(Account(site_id="s", track_api_key="t", track_url=url)) as rt:
        result = rt.run(f'{NS}.identify_customer{{id = "a"}} return {NS}.track_anonymous_event{{name = "e"}}')

    assert result.error is not None and result.error.code == "outcome_unknown"
    assert result.calls[1].attempts == 1 and dropping_server.seen == 2


# ---------------------------------------------------------------------------- proxies from the environment


class _Proxy(socketserver.StreamRequestHandler):
    """An HTTP proxy that answers every request itself (200 ``{}``); keeps request lines, heads and bodies."""

    def handle(self) -> None:
        while line := self.rfile.readline():
            self.server.lines.append(line.decode().strip())  # type: ignore[attr-defined]
            length, head = 0, []
            while (header := self.rfile.readline()) not in (b"\r\n", b""):
                head.append(header.decode().strip())
                if header.lower().startswith(b"content-length:"):
                    length = int(header.split(b":")[1])
            self.server.heads.append((head, self.rfile.read(length)))  # type: ignore[attr-defined]
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")


@pytest.fixture
def proxy_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Proxy)
    server.daemon_threads = True
    server.lines = []  # type: ignore[attr-defined]
    server.heads = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{server.server_address[1]}")
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_requests_go_through_the_proxy_the_environment_names(proxy_env: Any) -> None:
    with runtime_for(Account(site_id="s", track_api_key="t", track_url="http://track.example.invalid")) as rt:
        result = rt.run(f'return {NS}.identify_customer{{id = "a b"}}')

    assert result.ok, result.error
    assert proxy_env.lines == ["PUT http://track.example.invalid/api/v1/customers/a%20b HTTP/1.1"]
    head, body = proxy_env.heads[0]
    names = [line.split(":")[0].lower() for line in head]
    assert len(names) == len(set(names)), head  # each header once
    assert {"Host: track.example.invalid", "Content-Type: application/json", f"Content-Length: {len(body)}",
            "Accept: application/json"} <= set(head)
    assert body == b"{}"


def test_no_proxy_hosts_are_reached_directly(proxy_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_PROXY", "example.invalid")
    with runtime_for(Account(site_id="s", track_api_key="t", track_url="http://track.example.invalid")) as rt:
        result = rt.run(f'return {NS}.identify_customer{{id = "a"}}')

    assert result.error is not None and result.error.code == "network_error"
    assert proxy_env.lines == []


# ------------------------------------------------------------------------------- rate limits


def test_the_local_limiter_keeps_a_moving_window() -> None:
    now = [100.0]
    limiter = LocalLimiter(lambda: now[0])
    rate = Rate(2, 1)
    assert [limiter.acquire("k", rate) for _ in range(3)] == [0.0, 0.0, pytest.approx(1.0)]
    now[0] += 0.5
    assert limiter.acquire("k", rate) == pytest.approx(0.5)
    assert limiter.acquire("other", rate) == 0.0
    now[0] += 0.5
    assert limiter.acquire("k", rate) == 0.0


def test_the_local_limiter_remembers_a_bounded_number_of_keys_the_least_recently_used_forgotten() -> None:
    now = [100.0]
    limiter = LocalLimiter(lambda: now[0], max_keys=100)
    rate = Rate(1, 60)
    assert limiter.acquire("busy", rate) == 0.0 and limiter.acquire("idle", rate) == 0.0
    for n in range(10_000):  # a hostile worker naming endless keys
        assert limiter.acquire(f"flood-{n}", rate) == 0.0
        if n % 50 == 0:
            assert limiter.acquire("busy", rate) > 0  # used again and again: kept, its window still counts
    assert len(limiter) == 100
    assert limiter.acquire("busy", rate) == pytest.approx(60.0)
    assert limiter.acquire("idle", rate) == 0.0  # forgotten: a fresh window


def test_calls_past_the_app_budget_wait_for_a_slot_in_the_run() -> None:
    clock = FakeClock()
    transport, seen = recording_transport(lambda request: httpx.Response(200, json={"segments": []}))
    with runtime_for(Account(app_api_key="a"), transport=transport, retry=fast_retries(clock)) as rt:
        result = rt.run(f"for i = 1, 25 do {NS}.list_segments{{}} end")

    assert result.ok and len(seen) == 25
    assert 1.9 <= clock.slept <= 2.1  # 10 per second: calls 11 and 21 each waited about a second
    assert all(c.attempts == 1 for c in result.calls)


def test_a_slot_that_cannot_come_before_the_deadline_fails_at_once_and_sends_nothing() -> None:
    clock = FakeClock()
    transport, seen = recording_transport(lambda request: httpx.Response(200, json={"id": 1}))
    integration = CustomerIO([Account(app_api_key="a")], transport=transport, retry=fast_retries(clock),
                             limiter=LocalLimiter(clock.now))
    runtime = Runtime([integration], limits=Limits(timeout_seconds=5), approve=lambda request: True)
    result = runtime.run(f"""
        {NS}.trigger_broadcast{{broadcast_id = 7}}
        {NS}.trigger_broadcast{{broadcast_id = 8}}
        return {NS}.trigger_broadcast{{broadcast_id = 7}}""")
    integration.close()

    assert result.error is not None and result.error.code == "rate_limited"
    assert (result.error.status, result.error.retryable) == (None, True)
    assert result.error.details["scope"] == "broadcast:7" and 9 < result.error.details["wait_seconds"] <= 10
    assert len(seen) == 2 and clock.slept == 0.0
    assert [c.attempts for c in result.calls] == [1, 1, 0]


def test_every_runtime_in_the_process_shares_the_default_budget() -> None:
    key = f"app-{uuid.uuid4()}"  # a workspace no other test uses
    transport, seen = recording_transport(lambda request: httpx.Response(200, json={"id": 1}))
    runs = []
    for _ in range(2):
        integration = CustomerIO([Account(app_api_key=key)], transport=transport)
        assert integration._client.limiter is shared()
        runtime = Runtime([integration], limits=Limits(timeout_seconds=3), approve=lambda request: True)
        runs.append(runtime.run(f"return {NS}.trigger_broadcast{{broadcast_id = 3}}"))
        integration.close()

    assert runs[0].ok and runs[1].error is not None and runs[1].error.code == "rate_limited"
    assert len(seen) == 1


def test_limiter_keys_name_no_secret() -> None:
    from integrations.customerio.accounts import Family
    from integrations.customerio.ratelimit import identity

    account = Account(site_id="site", track_api_key="very-secret-track-key", app_api_key="very-secret-app-key")
    keys = identity(account, Family.APP) + identity(account, Family.TRACK)
    assert "secret" not in keys and "site" not in keys
    assert identity(account, Family.APP) == identity(Account(name="other", app_api_key="very-secret-app-key"),
                                                     Family.APP)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    """A real Redis server on a free loopback port, for the duration of the module."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (.ci/run installs it with apt-get when it can)")
    pytest.importorskip("limits", reason="the limits package (the dev extra) is not installed")
    port = _free_port()
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                pytest.fail("redis-server did not start")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


def test_two_processes_share_one_budget_through_redis(redis_url: str) -> None:
    first, second = StoreLimiter(redis_url), StoreLimiter(redis_url)  # as two processes would hold them
    key = f"customerio:app:{uuid.uuid4().hex}:broadcast:5"
    assert first.acquire(key, BROADCAST_TRIGGER) == 0.0
    wait = second.acquire(key, BROADCAST_TRIGGER)
    assert 9 < wait <= 10
    assert second.acquire(key.replace(":5", ":6"), BROADCAST_TRIGGER) == 0.0


def test_runtimes_with_a_redis_budget_refuse_a_second_trigger(redis_url: str) -> None:
    transport, seen = recording_transport(lambda request: httpx.Response(200, json={"id": 1}))
    key = f"app-{uuid.uuid4()}"
    results = []
    for _ in range(2):  # two integrations, as in two worker processes, configured the same way
        configured = CustomerIO.from_config({"accounts": {"default": {"app_api_key": key}},
                                             "rate_limit_storage": redis_url})
        assert isinstance(configured._client.limiter, StoreLimiter)
        integration = CustomerIO(list(configured.accounts.values()), transport=transport,
                                 limiter=configured._client.limiter)
        configured.close()
        runtime = Runtime([integration], limits=Limits(timeout_seconds=3), approve=lambda request: True)
        results.append(runtime.run(f"return {NS}.trigger_broadcast{{broadcast_id = 9}}"))
        integration.close()

    assert results[0].ok and results[1].error is not None
    assert results[1].error.code == "rate_limited" and len(seen) == 1


# ------------------------------------------------------------------------- timeouts, strict mode


def test_timeouts_per_account_from_env_and_toml_reach_the_request() -> None:
    accounts, _ = accounts_from_env({"CUSTOMERIO_APP_API_KEY": "a", "CUSTOMERIO_CONNECT_TIMEOUT": "2",
                                     "CUSTOMERIO_READ_TIMEOUT": "7.5", "CUSTOMERIO_PROD_APP_API_KEY": "b",
                                     "CUSTOMERIO_PROD_POOL_TIMEOUT": "1"})
    default, prod = sorted(accounts, key=lambda a: a.name)
    assert default.timeouts() == (2.0, 7.5, 10.0, 10.0) and prod.timeouts() == (10.0, 10.0, 10.0, 1.0)
    toml = CustomerIO.from_config({"accounts": {"default": {"app_api_key": "a", "write_timeout": 3}}})
    assert toml.accounts["default"].timeouts() == (10.0, 10.0, 3.0, 10.0)

    transport, seen = recording_transport(lambda request: httpx.Response(200, json={"segments": []}))
    with runtime_for(default, transport=transport) as rt:
        assert rt.run(f"return {NS}.list_segments{{}}").ok
    assert seen[0].extensions["timeout"] == {"connect": 2.0, "read": 7.5, "write": 10.0, "pool": 10.0}


def test_timeouts_are_cut_to_the_time_left_in_the_run() -> None:
    transport, seen = recording_transport(lambda request: httpx.Response(200, json={"segments": []}))
    with runtime_for(Account(app_api_key="a"), transport=transport, limits=Limits(timeout_seconds=2)) as rt:
        assert rt.run(f"return {NS}.list_segments{{}}").ok
    assert all(0 < value <= 2 for value in seen[0].extensions["timeout"].values())


def test_pipelines_calls_ask_for_strict_mode() -> None:
    transport, seen = recording_transport()
    with runtime_for(Account(pipelines_api_key="p", app_api_key="a"), transport=transport) as rt:
        assert rt.run(f'{NS}.identify_user{{user_id = "u"}} return {NS}.list_segments{{}}').ok
    assert seen[0].headers["X-Strict-Mode"] == "1" and "X-Strict-Mode" not in seen[1].headers


def test_strict_mode_turns_a_silently_dropped_pipelines_call_into_an_error(runtime: Runtime,
                                                                           customerio: CustomerIO) -> None:
    result = runtime.run(f'return {NS}.send_pipelines_batch{{batch = {{ {{type = "track"}} }}}}')

    assert result.error is not None and (result.error.code, result.error.status) == ("api_error", 400)
    assert customerio.emulators["default"].workspace.dropped == []


def test_max_retries_from_env_and_toml() -> None:
    env = CustomerIO.from_env({"CUSTOMERIO_APP_API_KEY": "a", "CUSTOMERIO_MAX_RETRIES": "0"})
    toml = CustomerIO.from_config({"accounts": {"default": {"app_api_key": "a"}}, "max_retries": 5})
    assert (env._client.retry.max_retries, toml._client.retry.max_retries) == (0, 5)
    with pytest.raises(ConfigError):
        CustomerIO.from_env({"CUSTOMERIO_APP_API_KEY": "a", "CUSTOMERIO_MAX_RETRIES": "many"})
    with pytest.raises(ConfigError):
        CustomerIO.from_config({"accounts": {"default": {"app_api_key": "a"}}, "rate_limit_storage": "redis"})
