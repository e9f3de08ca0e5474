"""Issue 15 in a WorkerPool: the deadline holds against a dripping server, a write in flight when its
worker is killed is recorded, and the workers of a pool keep one App API budget measured at the server.

Workers build their Runtime from ``RuntimeFactory(environ)``: real Customer.io settings aimed at
loopback servers started here.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from bridge import Limits, Runtime
from bridge.workers import WorkerPool
from tests.cio_support import NS
from tests.test_http import dripping_server


@dataclass(frozen=True)
class Aimed:
    """Builds a worker's Runtime: a real-looking account whose App and Track APIs are the server at ``url``."""

    url: str
    timeout: float = 3.0

    def __call__(self) -> Runtime:
        environ = {"CUSTOMERIO_APP_API_KEY": "app-key", "CUSTOMERIO_SITE_ID": "site", "CUSTOMERIO_TRACK_API_KEY": "tk",
                   "CUSTOMERIO_APP_URL": self.url, "CUSTOMERIO_TRACK_URL": self.url, "CUSTOMERIO_TIMEOUT": "30"}
        return Runtime.from_env(environ, limits=Limits(timeout_seconds=self.timeout))


class _Counting(BaseHTTPRequestHandler):
    """Answers 200 {} and notes when each request arrived."""

    arrivals: ClassVar[list[float]] = []
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.arrivals.append(time.monotonic())
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def counting_server() -> Iterator[tuple[str, list[float]]]:
    arrivals: ClassVar[list[float]] = []
    handler = type("Handler", (_Counting,), {"arrivals": arrivals})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", arrivals
    finally:
        server.shutdown()
        server.server_close()


def busiest_second(arrivals: list[float]) -> int:
    """The most requests the server saw in any 1 s window."""
    times = sorted(arrivals)
    return max(sum(1 for t in times[i:] if t < start + 1.0) for i, start in enumerate(times))


def test_a_dripping_server_cannot_keep_a_pool_run_past_its_deadline() -> None:
    with dripping_server() as url, WorkerPool(Aimed(url), grace_seconds=5) as pool:
        started = time.monotonic()
        result = pool.run(f"return {NS}.get_campaign({{ id = 1 }})")
        took = time.monotonic() - started
    assert not result.ok
    assert took < 3.3, f"the run took {took:.1f} s with a 3 s deadline"


def test_a_write_in_flight_when_its_worker_is_killed_is_recorded_as_unknown() -> None:
    with dripping_server() as url, WorkerPool(Aimed(url, 1.0), grace_seconds=0.2) as pool:
        pool.grace_seconds = -0.5  # kill before the worker's own deadline ends the call: the kill is what is tested
        result = pool.run(f'{NS}.identify_customer{{ id = "u1", attributes = {{ plan = "pro" }} }}')
    assert result.error is not None and result.error.code == "timeout"
    assert [(c.operation, c.error_code) for c in result.calls] == [("identify_customer", "outcome_unknown")]
    assert result.error.details["outcome_unknown"] == ["customerio.identify_customer"]


@pytest.mark.parametrize("workers", [2, 4])
def test_pool_workers_share_one_app_api_budget_measured_at_the_server(workers: int) -> None:
    calls = 6
    with counting_server() as (url, arrivals), WorkerPool(Aimed(url, 20.0),
                                                          size=workers) as pool:
        code = f"for i = 1, {calls} do {NS}.list_segments{{}} end"
        results: list[object] = []
        threads = [threading.Thread(target=lambda: results.append(pool.run(code))) for _ in range(workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert all(getattr(r, "ok", False) for r in results), results
    assert len(arrivals) == workers * calls
    assert busiest_second(arrivals) <= 10, " ".join(f"{t - min(arrivals):.3f}" for t in sorted(arrivals))
