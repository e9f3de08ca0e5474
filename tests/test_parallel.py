"""app.parallel and app.map: concurrent calls keep every rule of a single call, and their order."""

from __future__ import annotations

import threading
from typing import Any

import httpx
import pytest

from bridge import Runtime
from bridge.audit import MemorySink
from bridge.errors import CallError
from bridge.integration import CallContext
from bridge.limits import Limits
from bridge.policy import Policy
from integrations.customerio import Account, CustomerIO
from integrations.customerio.ratelimit import LocalLimiter, Rate
from tests.cio_support import NS, FakeClock, failed_with, fast_retries, recording_transport, runtime_for, succeeded
from tests.helpers import Echo

ECHO = "app.integrations.echo"


def outcomes(value: list[dict[str, Any]]) -> list[Any]:
    """Each item as its value, or its error's code."""
    return [item["value"] if item["ok"] else item["error"]["code"] for item in value]


def test_results_come_back_in_the_items_order_with_per_item_errors() -> None:
    rt = Runtime([Echo()])
    value = succeeded(rt.run(f"""
        return app.parallel({{
          {{ {ECHO}.slow, {{ seconds = 0.2, value = "first" }} }},
          {{ {ECHO}.fail, {{ code = "not_found", status = 404 }} }},
          {{ {ECHO}.back, {{ value = "third" }} }},
        }})"""))
    assert outcomes(value) == ["first", "not_found", "third"]
    error = value[1]["error"]
    assert error["operation"] == "echo.fail" and error["account"] == "main" and error["status"] == 404
    assert set(error) == {"code", "message", "operation", "account", "status", "retryable", "details"}


def test_an_item_error_is_a_call_error_like_any_other() -> None:
    rt = Runtime([Echo()])
    result = rt.run(f"""
        local r = app.map({ECHO}.fail, {{ {{ code = "rate_limited" }} }})
        local ok, e = pcall(function() {ECHO}.fail{{ code = "rate_limited" }} end)
        assert(tostring(r[1].error) == tostring(e) and getmetatable(r[1].error) == getmetatable(e))
        error(r[1].error)""")
    failed_with(result, "rate_limited")
    assert result.error is not None and result.error.operation == "echo.fail"


def test_calls_really_run_at_once_up_to_the_concurrency() -> None:
    class Meeting(Echo):
        """Every call waits until four calls are in flight together (a Barrier breaks otherwise)."""

        barrier = threading.Barrier(4, timeout=10)

        def perform(self, function: str, account: str, args: Any, ctx: CallContext) -> Any:
            self.barrier.wait()
            return args["value"]

    rt = Runtime([Meeting()])
    value = succeeded(rt.run(f"return app.map({ECHO}.back, {{ {{value=1}}, {{value=2}}, {{value=3}}, {{value=4}} }},"
                             " { concurrency = 4 })"))
    assert outcomes(value) == [1, 2, 3, 4]


def test_no_more_calls_are_in_flight_than_the_concurrency() -> None:
    lock, now, most = threading.Lock(), [0], [0]

    class Counting(Echo):
        def perform(self, function: str, account: str, args: Any, ctx: CallContext) -> Any:
            with lock:
                now[0] += 1
                most[0] = max(most[0], now[0])
            threading.Event().wait(0.02)
            with lock:
                now[0] -= 1
            return args["value"]

    rt = Runtime([Counting()])
    value = succeeded(rt.run(f"""local items = {{}}
        for i = 1, 12 do items[i] = {{ value = i }} end
        return app.map({ECHO}.back, items, {{ concurrency = 3 }})"""))
    assert outcomes(value) == list(range(1, 13)) and most[0] <= 3


@pytest.mark.parametrize("given", ["0", "17", "2.5", "'8'"])
def test_a_concurrency_out_of_range_is_a_validation_error(given: str) -> None:
    echo = Echo()
    result = Runtime([echo]).run(f"return app.map({ECHO}.back, {{ {{}} }}, {{ concurrency = {given} }})")
    assert failed_with(result, "validation_error")["field"] == "concurrency"
    assert echo.seen == []


def test_the_maximum_concurrency_is_the_hosts() -> None:
    rt = Runtime([Echo()], limits=Limits(max_concurrency=2))
    failed_with(rt.run(f"return app.map({ECHO}.back, {{ {{}} }}, {{ concurrency = 3 }})"), "validation_error")
    assert succeeded(rt.run(f"return #app.map({ECHO}.back, {{ {{}}, {{}}, {{}} }})")) == 3


@pytest.mark.parametrize("code", [
    "app.parallel({ { print, {} } })",
    f"app.parallel({{ {ECHO}.back }})",
    f"app.map({ECHO}.back, {{ a = 1 }})",
    "app.map(function() end, {})",
    f"app.map({ECHO}.back, {{}}, 8)",
])
def test_what_is_not_a_batch_of_integration_calls_fails_before_anything_is_sent(code: str) -> None:
    echo = Echo()
    failed_with(Runtime([echo]).run(code), "runtime_error")
    assert echo.seen == []


def test_an_empty_batch_returns_an_empty_table() -> None:
    assert succeeded(Runtime([Echo()]).run(f"return #app.parallel({{}}) + #app.map({ECHO}.back, {{}})")) == 0


def test_items_past_the_call_limit_fail_with_call_limit_and_are_not_sent() -> None:
    echo, audit = Echo(), MemorySink()
    rt = Runtime([echo], limits=Limits(max_calls=4), audit=audit)
    value = succeeded(rt.run(f"""{ECHO}.back{{ value = 0 }}
        local items = {{}}
        for i = 1, 5 do items[i] = {{ value = i }} end
        return app.map({ECHO}.back, items)"""))
    assert outcomes(value) == [1, 2, 3, "call_limit", "call_limit"]
    assert len(echo.seen) == 4 and len(audit.records) == 4


def test_items_not_started_by_the_deadline_are_not_sent_and_the_run_times_out() -> None:
    echo = Echo()
    rt = Runtime([echo], limits=Limits(timeout_seconds=0.5))
    result = rt.run(f"""return app.map({ECHO}.slow, {{ {{ seconds = 5 }}, {{ seconds = 5 }}, {{ seconds = 5 }} }},
        {{ concurrency = 1 }})""")
    failed_with(result, "timeout")
    assert len(echo.seen) == 1


def test_a_bad_argument_fails_its_own_item_only() -> None:
    echo = Echo()
    value = succeeded(Runtime([echo]).run(f"""
        return app.map({ECHO}.back, {{ {{ value = 1 }}, {{ value = print }}, {{ value = 3 }} }})"""))
    assert outcomes(value) == [1, "invalid_value", 3]
    assert value[1]["error"]["details"]["field"] == "value"


# -- Customer.io: policy, approval, dry runs, audit, rate limits, retries --------------------

def test_policy_applies_to_each_item_and_denied_ones_are_not_sent() -> None:
    transport, seen = recording_transport(lambda request: httpx.Response(200, json={"segments": []}))
    cio = CustomerIO([Account(site_id="s", track_api_key="t", app_api_key="a")], transport=transport,
                     policy=Policy(deny=frozenset({"track_event"})))
    value = succeeded(Runtime([cio]).run(f"""return app.parallel({{
        {{ {NS}.list_segments, {{}} }},
        {{ {NS}.track_event, {{ id = "u1", name = "signup" }} }},
        {{ {NS}.identify_customer, {{ id = "u1" }} }},
    }})"""))
    assert outcomes(value)[1] == "permission_denied" and value[0]["ok"] and value[2]["ok"]
    assert sorted(r.method for r in seen) == ["GET", "PUT"]


def test_approvals_are_asked_one_at_a_time_and_a_no_fails_that_item() -> None:
    asked, busy = [], threading.Lock()

    def approve(call: Any) -> bool:
        assert busy.acquire(blocking=False), "two approvals were asked at once"
        try:
            threading.Event().wait(0.01)
            asked.append(call.url)
            return not call.url.endswith("/u2")
        finally:
            busy.release()

    transport, seen = recording_transport()
    cio = CustomerIO([Account(site_id="s", track_api_key="t")], transport=transport)
    rt = Runtime([cio], approve=approve)
    value = succeeded(rt.run(f"""return app.map({NS}.delete_customer, {{ {{id="u1"}}, {{id="u2"}}, {{id="u3"}} }})"""))
    assert outcomes(value) == [{}, "permission_denied", {}]
    assert len(asked) == 3 and sorted(str(r.url).rsplit("/", 1)[1] for r in seen) == ["u1", "u3"]


def test_a_dry_run_plans_the_writes_of_a_batch_and_sends_only_its_reads() -> None:
    transport, seen = recording_transport(lambda request: httpx.Response(200, json={"segments": []}))
    cio = CustomerIO([Account(site_id="s", track_api_key="t", app_api_key="a")], transport=transport)
    value = succeeded(Runtime([cio]).run(f"""return app.parallel({{
        {{ {NS}.identify_customer, {{ id = "u1" }} }},
        {{ {NS}.list_segments, {{}} }},
    }})""", dry_run=True))
    assert value[0]["value"]["dry_run"] is True and value[0]["value"]["method"] == "PUT"
    assert value[1]["ok"] and "segments" in value[1]["value"]
    assert [r.method for r in seen] == ["GET"]


def test_every_item_gets_an_audit_record_of_its_own() -> None:
    audit = MemorySink()
    cio = CustomerIO.emulated()
    rt = Runtime([cio], audit=audit)
    result = rt.run(f"""return app.map({NS}.get_person_attributes, {{ {{id="nobody"}}, {{id="nobody2"}}, {{}} }})""")
    assert outcomes(succeeded(result)) == ["not_found", "not_found", "validation_error"]
    assert sorted(r.error_code or "" for r in audit.records) == ["not_found", "not_found", "validation_error"]
    assert list(result.calls) == audit.records and {r.run_id for r in audit.records} == {result.run_id}
    assert sorted(str(r.params.get("id")) for r in audit.records) == ["None", "nobody", "nobody2"]


class Granting(LocalLimiter):
    """A limiter that remembers the time (its own clock's) at which it granted each slot."""

    def __init__(self, clock: FakeClock) -> None:
        self.asked = threading.local()
        self.granted: list[float] = []
        super().__init__(self._now)
        self.clock = clock

    def _now(self) -> float:
        self.asked.at = self.clock.now()
        return float(self.asked.at)

    def acquire(self, key: str, rate: Rate) -> float:
        wait = super().acquire(key, rate)
        if wait == 0.0:
            self.granted.append(self.asked.at)
        return wait


def test_concurrent_calls_draw_on_the_rate_limit_and_never_pass_it() -> None:
    clock = FakeClock()
    limiter = Granting(clock)
    transport, seen = recording_transport(lambda request: httpx.Response(200, json={"segments": []}))
    with runtime_for(Account(app_api_key="a"), transport=transport, retry=fast_retries(clock), limiter=limiter) as rt:
        value = succeeded(rt.run(f"""local items = {{}}
            for i = 1, 25 do items[i] = {{}} end
            return app.map({NS}.list_segments, items, {{ concurrency = 8 }})"""))
    assert all(item["ok"] for item in value) and len(seen) == 25 == len(limiter.granted)
    times = sorted(limiter.granted)
    assert all(times[i + 10] - times[i] >= 1.0 for i in range(len(times) - 10))  # App: 10 per second
    assert clock.slept > 1.0  # calls past the first ten waited for slots


def test_each_item_is_retried_as_a_single_call_is() -> None:
    failures: set[str] = set()
    lock = threading.Lock()

    def flaky(request: httpx.Request) -> httpx.Response:
        with lock:
            first = str(request.url) not in failures
            failures.add(str(request.url))
        return httpx.Response(503 if first else 200, json={"customer": {}})

    transport, seen = recording_transport(flaky)
    with runtime_for(Account(app_api_key="a"), transport=transport) as rt:
        result = rt.run(f"return app.map({NS}.get_person_attributes, {{ {{id='a'}}, {{id='b'}}, {{id='c'}} }})")
    assert all(item["ok"] for item in succeeded(result))
    assert len(seen) == 6 and [c.attempts for c in result.calls] == [2, 2, 2]


def test_an_internal_failure_fails_its_item_with_internal_error() -> None:
    class Broken(Echo):
        def perform(self, function: str, account: str, args: Any, ctx: CallContext) -> Any:
            if args.get("value") == 2:
                raise RuntimeError("a bug")
            if args.get("value") == 3:
                raise CallError("refused", code="api_error")
            return args["value"]

    code = f"return app.map({ECHO}.back, {{ {{value=1}}, {{value=2}}, {{value=3}} }})"
    value = succeeded(Runtime([Broken()]).run(code))
    assert outcomes(value) == [1, "internal_error", "api_error"]


def test_the_calls_of_a_batch_are_traced_under_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("opentelemetry.sdk", reason="the OpenTelemetry SDK is not installed")
    from opentelemetry import trace
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    provider, memory = TracerProvider(), InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(memory))
    monkeypatch.setattr(trace, "get_tracer_provider", lambda: provider)
    rt = Runtime([CustomerIO.emulated()])
    assert rt.run(f"return app.map({NS}.list_segments, {{ {{}}, {{}}, {{}} }})").ok
    finished = memory.get_finished_spans()
    run = next(s for s in finished if s.name == "luabridge.run")
    calls = [s for s in finished if s.name == "luabridge.call customerio.list_segments"]
    assert len(calls) == 3 and all(s.parent is not None and s.parent.span_id == run.context.span_id for s in calls)


def test_a_batch_in_a_worker_asks_the_host_and_records_every_call() -> None:
    from bridge.workers import RuntimeFactory, WorkerPool

    asked: list[str] = []
    audit = MemorySink()

    def approve(call: Any) -> bool:
        asked.append(str(call.url))
        return not str(call.url).endswith("/b")

    with WorkerPool(RuntimeFactory({}), size=1, approve=approve, audit=audit) as pool:
        result = pool.run(f"return app.map({NS}.delete_customer, {{ {{id='a'}}, {{id='b'}}, {{id='c'}} }})")
    assert outcomes(succeeded(result)) == [{}, "permission_denied", {}]
    assert len(asked) == 3 and sorted(r.approval or "" for r in audit.records) == ["approved", "approved", "declined"]
    assert len(result.calls) == 3
