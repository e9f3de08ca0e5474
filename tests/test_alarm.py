"""The watchdog alarm (bridge/alarm.py): how a run with no instruction budget keeps its deadline.

The main thread must carry no hook while such a run works (that is what makes it fast), the alarm
must ring only for the run it was set for, and a stop from another thread must end the run.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from bridge.alarm import _LIB, Watchdog
from tests.test_hostile import Fails, Ok, assert_healthy, check, make_runtime, run

pytestmark = pytest.mark.skipif(_LIB is None, reason="this lupa build does not export the Lua C API: runs count")


def _hook_mask_seen_by_the_host(budget: int | None) -> int:
    """The main thread's hook mask, read through the C API from inside a host call of a run."""
    rt, fake = make_runtime(timeout_seconds=5.0, max_instructions=budget)
    alarm = rt._sandbox.alarm
    assert alarm is not None, "the alarm did not attach on a platform whose lupa exports lua_sethook"
    seen: list[int] = []
    perform = fake.perform

    def spying(function: str, account: str, args: Any, ctx: Any) -> Any:
        seen.append(alarm._lib.lua_gethookmask(alarm._state))
        return perform(function, account, args, ctx)

    fake.perform = spying  # type: ignore[method-assign]
    res, _ = run(rt, "for i = 1, 1000 do end return app.integrations.fake.echo({x = 1}).x")
    check(res, Ok(1))
    return seen[0]


def test_a_run_without_a_budget_has_no_hook_on_its_main_thread() -> None:
    assert _hook_mask_seen_by_the_host(None) == 0


def test_a_run_with_a_budget_counts_with_a_count_hook() -> None:
    assert _hook_mask_seen_by_the_host(10**9) == 1 << 3  # LUA_MASKCOUNT


def test_the_alarm_never_rings_into_the_next_run() -> None:
    # Runs that end right around their deadline, many times over: a ring meant for one run must
    # never stop the next one, which must also not be left armed (slow) or killed.
    rt, _ = make_runtime(timeout_seconds=0.02)
    for _ in range(60):
        res, _ = run(rt, "local s = 0 for i = 1, 3e5 do s = s + i end return s")
        assert res.ok or res.error.code == "timeout", res.error
        quick, _ = run(rt, "return 7")
        check(quick, Ok(7))


@pytest.mark.parametrize("code", ["while true do end", "coroutine.wrap(function() while true do end end)()",
                                  "while true do pcall(function() while true do end end) end"])
def test_stop_from_another_thread_ends_the_run(code: str) -> None:
    rt, _ = make_runtime(timeout_seconds=30.0)
    threading.Timer(0.2, rt._sandbox.stop).start()
    res, elapsed = run(rt, code)
    check(res, Fails("timeout"))
    assert elapsed < 0.5, elapsed
    assert_healthy(rt)


def test_a_call_error_caught_at_the_deadline_does_not_let_the_snippet_run_on() -> None:
    # The alarm waits while a host call runs; once the call returns it rings shortly after.
    rt, fake = make_runtime(timeout_seconds=0.5)
    res, elapsed = run(rt, "while true do pcall(app.integrations.fake.sleep, {seconds = 5}) end")
    check(res, Fails("timeout"))
    assert elapsed < 0.55, elapsed
    assert len(fake.calls) >= 1


def test_watchdog_calls_back_in_time_order_and_forgets_cancelled_ones() -> None:
    dog, heard = Watchdog(), []
    now = time.monotonic()
    dog.at(now + 0.06, lambda: heard.append("late"))
    cancelled = dog.at(now + 0.03, lambda: heard.append("cancelled"))
    dog.at(now + 0.01, lambda: 1 / 0)  # a failing callback must not stop the others
    dog.at(now + 0.02, lambda: heard.append("early"))
    dog.cancel(cancelled)
    time.sleep(0.2)
    assert heard == ["early", "late"]


def test_a_counted_run_past_its_deadline_in_a_host_call_reports_timeout() -> None:
    # With a budget the main thread counts every 1,000 instructions; the alarm still keeps the
    # deadline, and its ring must read as the deadline, not as instructions spent.
    rt, _ = make_runtime(timeout_seconds=0.5, max_instructions=10**8)
    res, elapsed = run(rt, "pcall(app.integrations.fake.sleep, {seconds = 5}) while true do end")
    check(res, Fails("timeout"))
    assert elapsed < 0.55, elapsed
    assert_healthy(rt)


def test_a_forked_child_keeps_its_deadlines() -> None:
    # The watchdog thread does not survive fork: the child must start its own and still ring.
    import multiprocessing

    rt, _ = make_runtime(timeout_seconds=0.3)
    check(run(rt, "return 1")[0], Ok(1))  # the parent's watchdog is running
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(1) as pool:
        code, elapsed = pool.apply(_endless_run_in_child)
    assert code == "timeout" and elapsed < 0.5, (code, elapsed)


def _endless_run_in_child() -> tuple[str, float]:
    rt, _ = make_runtime(timeout_seconds=0.3)
    started = time.monotonic()
    res = rt.run("while true do end")
    return (res.error.code if res.error else "ok"), time.monotonic() - started


def test_a_stop_asked_before_the_run_reaches_lua_still_stops_it_and_only_it() -> None:
    # arun's cancel may come after Runtime.run began but before the sandbox set the run's deadline.
    rt, _ = make_runtime(timeout_seconds=5.0)
    sandbox_run = rt._sandbox.run

    def stopped_first(*args: Any, **kwargs: Any) -> Any:
        rt._sandbox.stop()
        return sandbox_run(*args, **kwargs)

    rt._sandbox.run = stopped_first  # type: ignore[method-assign]
    res, elapsed = run(rt, "while true do end")
    check(res, Fails("timeout"))
    assert elapsed < 0.5, elapsed
    rt._sandbox.run = sandbox_run  # type: ignore[method-assign]
    rt._sandbox.stop()  # between runs: must not reach the next one
    assert_healthy(rt)
