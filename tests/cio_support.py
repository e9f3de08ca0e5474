"""Shared pieces of the Customer.io tests: served emulators, accounts aimed at them, runtimes, checks."""

from __future__ import annotations

import base64
import json
import re
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from bridge import Runtime
from bridge.http.ratelimit import Limiter, LocalLimiter
from bridge.http.retry import RetryPolicy
from bridge.limits import Limits
from bridge.result import RunResult
from integrations.customerio import Account, CustomerIO
from integrations.customerio.emulator import Credentials, Emulator, EmulatorServer, RecordedRequest, serve

#: Where agents find the integration.
NS = "app.integrations.customerio"
#: A ULID as text: 26 characters of Crockford base32 (no I, L, O, U).
ULID_TEXT = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}$")
#: Text that would mean a Python traceback leaked to the agent or the host's result.
TRACEBACK_MARKERS = ("Traceback", 'File "')


def credentials_for(name: str) -> Credentials:
    """Distinct keys per emulated workspace, so a request reaching the wrong one is refused."""
    return Credentials(site_id=f"{name}-site", track_api_key=f"{name}-track-key",
                       app_api_key=f"{name}-app-key", pipelines_api_key=f"{name}-pipelines-key")


@dataclass(frozen=True)
class Served:
    """An emulator answering on loopback HTTP, and the credentials it accepts."""

    emulator: Emulator
    server: EmulatorServer
    credentials: Credentials

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request the emulator answered, in order."""
        return self.emulator.requests

    def account(self, name: str = "default", **overrides: Any) -> Account:
        """An account with this emulator's credentials and base URLs; ``overrides`` change any setting."""
        creds, urls = self.credentials, self.server.base_urls()
        settings: dict[str, Any] = {
            "name": name, "site_id": creds.site_id, "track_api_key": creds.track_api_key,
            "app_api_key": creds.app_api_key, "pipelines_api_key": creds.pipelines_api_key,
            "track_url": urls["track"], "app_url": urls["app"], "pipelines_url": urls["pipelines"],
        }
        settings.update(overrides)
        return Account(**settings)


@contextmanager
def served(name: str = "default", *, credentials: Credentials | None = None,
           region: str = "us") -> Iterator[Served]:
    """Serve a fresh sample workspace on loopback for the duration of the block."""
    creds = credentials or credentials_for(name)
    emulator = Emulator(credentials=creds, region=region)
    with serve(emulator) as server:
        yield Served(emulator, server, creds)


class FakeClock:
    """Virtual time for retry and rate-limit waits: real time plus every sleep, which returns at once."""

    def __init__(self) -> None:
        self.slept = 0.0

    def now(self) -> float:
        return time.monotonic() + self.slept

    def wall(self) -> float:
        return time.time() + self.slept

    def sleep(self, seconds: float) -> None:
        self.slept += seconds


def fast_retries(clock: FakeClock | None = None, **settings: Any) -> RetryPolicy:
    """The default retry policy, waiting in virtual time on ``clock``."""
    return RetryPolicy(clock=clock or FakeClock(), **settings)


@contextmanager
def runtime_for(*accounts: Account, transport: httpx.BaseTransport | None = None, default: str | None = None,
                limits: Limits | None = None, retry: RetryPolicy | None = None,
                limiter: Limiter | None = None) -> Iterator[Runtime]:
    """A Runtime with one CustomerIO integration over ``accounts``; its connections close afterwards.

    Retries wait in virtual time and the rate limiter is this runtime's own (not the process-wide one),
    unless ``retry`` and ``limiter`` say otherwise."""
    retry = retry or fast_retries()
    clock = retry.clock
    limiter = limiter if limiter is not None else LocalLimiter(clock.now)
    integration = CustomerIO(list(accounts), default=default, transport=transport, retry=retry, limiter=limiter)
    try:
        yield Runtime([integration], limits=limits)
    finally:
        integration.close()


def recording_transport(
    reply: Callable[[httpx.Request], httpx.Response] | None = None,
) -> tuple[httpx.MockTransport, list[httpx.Request]]:
    """An in-process transport that records each request and answers with ``reply`` (default: 200 ``{}``)."""
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return reply(request) if reply else httpx.Response(200, json={})

    return httpx.MockTransport(handle), seen


def basic(user: str, password: str) -> str:
    """The ``Authorization`` value of HTTP Basic auth."""
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def closed_port_url() -> str:
    """A loopback URL on which nothing listens (the port was bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def result_text(result: RunResult) -> str:
    """Everything a RunResult shows the host, as one string."""
    return repr(result) + json.dumps(result.to_dict(), ensure_ascii=False, default=str)


def assert_no_traceback(result: RunResult) -> None:
    """No Python traceback text anywhere in the result."""
    text = result_text(result)
    for marker in TRACEBACK_MARKERS:
        assert marker not in text, f"{marker!r} found in the run result: {text[:500]}"


def failed_with(result: RunResult, code: str) -> dict[str, Any]:
    """Assert the run failed with ``code``; return the error's details."""
    assert not result.ok, f"expected {code}, the run succeeded with {result.value!r}"
    assert result.error is not None
    assert result.error.code == code, f"expected {code}, got {result.error.code}: {result.error.message}"
    return result.error.details


def succeeded(result: RunResult) -> Any:
    """Assert the run succeeded; return its value."""
    assert result.ok, f"the run failed: {result.error}"
    return result.value


def lua_str(text: str) -> str:
    """``text`` as a Lua string literal (double-quoted; non-ASCII kept as UTF-8)."""
    return json.dumps(text, ensure_ascii=False)
