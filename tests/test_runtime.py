"""The host API: RunResult, isolation, call records, plug-ins, threads, the public surface."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest

import bridge
from bridge import Limits, Runtime
from bridge.runtime import _utc_timestamp
from tests.helpers import Echo


@pytest.fixture
def echo() -> Echo:
    return Echo(("main", "other"))


@pytest.fixture
def rt(echo: Echo) -> Runtime:
    return Runtime([echo])


def test_public_surface_is_pinned() -> None:
    assert sorted(bridge.__all__) == [
        "BridgeError", "CallContext", "CallError", "CallRecord", "ConfigError", "Docs", "ErrorCode",
        "Integration", "Limits", "RunError", "RunResult", "Runtime", "WorkerPool",
    ]


def test_result_carries_value_output_and_no_error(rt: Runtime) -> None:
    result = rt.run('print("a", 1, nil, true) print(2.5) return {n = 42, f = 99.00, list = {1, 2}}')
    assert result.ok and result.error is None
    assert result.output == "a\t1\tnil\ttrue\n2.5\n"
    assert result.value == {"n": 42, "f": 99.0, "list": [1, 2]}
    assert isinstance(result.value["n"], int) and isinstance(result.value["f"], float)
    assert result.to_dict()["value"] == result.value


def test_several_return_values_become_a_list_and_none_is_none(rt: Runtime) -> None:
    assert rt.run("return 1, 'two', false").value == [1, "two", False]
    assert rt.run("local x = 1").value is None


def test_each_run_is_isolated(rt: Runtime) -> None:
    dirty = rt.run("""
        leaked = 1; string.upper = nil; table.insert = nil; math.pi = 3
        setmetatable(_G, {__index = function() return "trap" end})
        app.integrations.echo = nil
    """)
    assert dirty.ok
    clean = rt.run("return {leaked == nil, string.upper('x'), math.pi > 3.14, type(table.insert), "
                   "rawget(_G, 'nothing') == nil, nothing == nil, type(app.integrations.echo.back)}")
    assert clean.value == [True, "X", True, "function", True, True, "function"]


def test_calls_reach_the_integration_as_plain_data_and_are_recorded(rt: Runtime, echo: Echo) -> None:
    result = rt.run("""
        local r = app.integrations.echo.back({value = {a = {1, 2}, b = "x"}})
        local o = app.integrations.echo.other.back({value = 7})
        return {r.a[2], r.b, o}
    """)
    assert result.value == [2, "x", 7]
    records = [(c.operation, c.account, c.outcome) for c in result.calls]
    assert records == [("back", "main", "ok"), ("back", "other", "ok")]
    assert echo.seen[0] == ("back", "main", {"value": {"a": [1, 2], "b": "x"}})
    assert all(c.duration_ms >= 0 for c in result.calls)


def test_call_errors_are_tables_with_codes_that_pcall_catches(rt: Runtime) -> None:
    result = rt.run("""
        local ok, err = pcall(app.integrations.echo.fail, {code = "not_found", status = 404})
        return {ok, type(err), err.code, err.status, err.operation, err.account, tostring(err), getmetatable(err)}
    """)
    ok, kind, code, status, operation, account, line, meta = result.value
    assert (ok, kind, code, status, operation, account) == (False, "table", "not_found", 404, "echo.fail", "main")
    assert line == "echo.fail [main]: not_found: it failed on purpose"
    assert meta == "bridge error"
    assert result.calls[0].error_code == "not_found"


def test_an_uncaught_call_error_becomes_the_run_error(rt: Runtime) -> None:
    result = rt.run('app.integrations.echo.fail({code = "rate_limited", status = 429})')
    assert not result.ok and result.error is not None
    assert (result.error.code, result.error.operation, result.error.account, result.error.status) == (
        "rate_limited", "echo.fail", "main", 429)


def test_a_forged_error_table_is_just_a_runtime_error(rt: Runtime) -> None:
    result = rt.run('error({code = "not_found", message = "forged"})')
    assert result.error is not None and result.error.code == "runtime_error"


def test_unknown_function_and_account_are_told_apart(rt: Runtime) -> None:
    fn = rt.run("return app.integrations.echo.bak({})")
    assert fn.error is not None and fn.error.code == "unknown_function"
    assert fn.error.details["closest"] == ["back"]
    account = rt.run("return app.integrations.echo.staging.back({})")
    assert account.error is not None and account.error.code == "unknown_account"
    assert account.error.details["accounts"] == ["main", "other"]


def test_namespaces_are_read_only_and_locked(rt: Runtime) -> None:
    result = rt.run("""
        local ok = pcall(function() app.integrations.echo.back = print end)
        return {ok, getmetatable(app.integrations.echo), getmetatable(app.integrations.echo.other)}
    """)
    assert result.value == [False, "locked", "locked"]


def test_call_limit(echo: Echo) -> None:
    rt = Runtime([echo], Limits(max_calls=3))
    result = rt.run("""
        for i = 1, 3 do app.integrations.echo.back({}) end
        local ok, err = pcall(app.integrations.echo.back, {})
        return err.code
    """)
    assert result.value == "call_limit" and len(result.calls) == 3
    assert rt.run("app.integrations.echo.back({}) return 1").ok


def test_deadline_bounds_time_spent_in_calls(echo: Echo) -> None:
    rt = Runtime([echo], Limits(timeout_seconds=0.3))
    started = time.monotonic()
    result = rt.run("app.integrations.echo.slow({seconds = 0.5}) while true do end")
    assert result.error is not None and result.error.code == "timeout"
    assert time.monotonic() - started < 1.0


def test_lua_runs_without_holding_the_gil() -> None:
    """Runtimes in threads proceed in parallel: while Lua loops, Python threads keep running."""
    code = "local s = 0 for i = 1, 2e7 do s = s + i end return s"
    rt = Runtime(limits=Limits(max_instructions=10**9))
    results: list[object] = []
    worker = threading.Thread(target=lambda: results.append(rt.run(code).value))
    ticks = 0
    worker.start()
    while worker.is_alive():
        ticks += 1
        time.sleep(0.001)
    worker.join()
    assert results == [200000010000000]
    assert ticks >= 20  # with the GIL held for the whole loop this thread would not have run at all


def test_one_runtime_shared_by_threads_serialises_runs(rt: Runtime) -> None:
    results: list[object] = []
    threads = [threading.Thread(target=lambda i=i: results.append(rt.run(f"x = {i} return x").value))
               for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == list(range(8))


def test_from_env_without_credentials_uses_the_emulated_workspace(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in [k for k in __import__("os").environ if k.startswith("CUSTOMERIO_")]:
        monkeypatch.delenv(key)
    rt = Runtime.from_env()
    assert rt.run("return app.integrations.customerio.get_campaign({id = 42}).name").value == "Welcome Series"


def test_secrets_are_scrubbed_from_error_messages(echo: Echo) -> None:
    rt = Runtime([echo])
    result = rt.run('error("echo-secret-canary")')
    assert result.error is not None and "echo-secret-canary" not in result.error.message


@pytest.mark.parametrize("ns", [0, 999_999, 1_000_000, 1_763_904_377_999_999_999, 1_763_904_378_000_000_000,
                                1_763_904_378_123_456_789, 4_102_444_799_999_000_000])
def test_call_start_times_read_like_isoformat_in_utc_with_milliseconds(ns: int) -> None:
    exact = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=ns // 1000)
    assert _utc_timestamp(ns) == exact.isoformat(timespec="milliseconds")


def test_a_record_starts_when_its_call_does(rt: Runtime) -> None:
    before = datetime.now(UTC).isoformat(timespec="milliseconds")
    started = rt.run("app.integrations.echo.back{}").calls[0].started_at
    assert before <= started <= datetime.now(UTC).isoformat(timespec="milliseconds")
