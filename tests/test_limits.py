"""One test (or one small group) per field of ``bridge.Limits``, each asserting its own error code.

Also the acceptance criterion of the sandbox: "a snippet that loops forever, allocates without
bound, or loops inside coroutines or pcall is stopped within 10 % of its budget". Instructions
cannot be counted from outside, so the instruction tests run loops of known cost: ``for i = 1, K
do end`` costs K instructions (FORLOOP) plus a handful, so K = 0.9 N must finish and K = 1.1 N
must not. Deadlines are measured on the wall clock.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from dataclasses import fields
from pathlib import Path

import pytest

from bridge import ConfigError, Limits
from tests.test_hostile import (
    ALLOCATE_8_MIB,
    LOOP,
    Fails,
    Ok,
    assert_healthy,
    check,
    make_runtime,
    run,
)

MIB = 1024 * 1024
ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------------------------------------
# Limits itself
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("field", [f.name for f in fields(Limits)])
@pytest.mark.parametrize("bad", [0, -1])
def test_every_limit_must_be_positive(field: str, bad: int) -> None:
    with pytest.raises(ConfigError):
        Limits(**{field: bad})


def test_default_limits() -> None:
    assert Limits() == Limits(
        max_instructions=None,
        timeout_seconds=30.0,
        max_memory_bytes=32 * MIB,
        max_output_bytes=64 * 1024,
        max_calls=200,
        max_result_bytes=1 * MIB,
        max_code_bytes=64 * 1024,
        max_depth=32,
        max_items=100_000,
        pattern_budget=50_000_000,
    )


# ---------------------------------------------------------------------------------------------
# max_instructions -> instruction_limit
# ---------------------------------------------------------------------------------------------

N = 1_000_000
BUDGETED = {
    "plain": "for i = 1, K do end return 'done'",
    "pcall": "local ok = pcall(function() for i = 1, K do end end) return ok and 'done' or 'caught'",
    "xpcall": "local ok = xpcall(function() for i = 1, K do end end, function(m) return m end) "
    "return ok and 'done' or 'caught'",
    "coroutine": "return coroutine.wrap(function() for i = 1, K do end return 'done' end)()",
    "coroutine-resume": "local co = coroutine.create(function() for i = 1, K do end return 'done' end) "
    "local ok, v = coroutine.resume(co) return ok and v or 'caught'",
    "pcall-in-coroutine": "return coroutine.wrap(function() "
    "return select(2, pcall(function() for i = 1, K do end return 'done' end)) end)()",
    "split-over-coroutines": "for c = 1, 10 do coroutine.wrap(function() for i = 1, K // 10 do end end)() "
    "end return 'done'",
}


@pytest.mark.parametrize("where", list(BUDGETED))
def test_instruction_budget_is_kept_within_10_percent(where: str) -> None:
    rt, _ = make_runtime(max_instructions=N, timeout_seconds=10.0)
    under, _ = run(rt, BUDGETED[where].replace("K", str(int(0.9 * N))))
    check(under, Ok("done"))
    over, _ = run(rt, BUDGETED[where].replace("K", str(int(1.1 * N))))
    check(over, Fails("instruction_limit"))
    assert_healthy(rt)


@pytest.mark.parametrize(
    ("count", "ok"),
    [pytest.param(5_000, True, id="under"), pytest.param(13_000, False, id="over")],
)
def test_instruction_budget_counts_short_lived_coroutines(count: int, ok: bool) -> None:
    # Each coroutine runs ~93 instructions (FORPREP, 90 x FORLOOP, RETURN): fewer than a hook
    # interval, so a budget that only counts hook calls per thread never sees them. 13,000 of them
    # are 1.2 N on their own.
    rt, _ = make_runtime(max_instructions=N, timeout_seconds=10.0)
    code = f"for c = 1, {count} do coroutine.wrap(function() for i = 1, 90 do end end)() end return 'done'"
    res, _ = run(rt, code)
    check(res, Ok("done") if ok else Fails("instruction_limit"))
    assert_healthy(rt)


def test_instruction_limit_stops_an_endless_loop_fast() -> None:
    rt, _ = make_runtime(max_instructions=2_000_000, timeout_seconds=10.0)
    res, elapsed = run(rt, "while true do end")
    check(res, Fails("instruction_limit"))
    assert elapsed < 0.5, f"2M instructions took {elapsed:.2f} s"
    assert_healthy(rt)


# ---------------------------------------------------------------------------------------------
# timeout_seconds -> timeout (the acceptance criterion: within 10 % of the budget)
# ---------------------------------------------------------------------------------------------

RUNAWAYS = {
    "while-true": "while true do end",
    "pcall": f"while true do pcall({LOOP}) end",
    "coroutine": f"coroutine.wrap({LOOP})()",
    "coroutine-in-pcall-loop": f"while true do pcall(coroutine.wrap({LOOP})) end",
    "xpcall-loop-loop": f"xpcall({LOOP}, {LOOP})",
    "short-coroutines": "while true do coroutine.wrap(function() for i = 1, 50 do end end)() end",
}


#: Both ways a deadline is kept: the watchdog's alarm (no instruction budget, the default) and the
#: count hook of a counted run (a budget too large to matter).
DEADLINE_MODES = pytest.mark.parametrize("budget", [None, 10**12], ids=["alarm", "counted"])


@pytest.mark.slow
@DEADLINE_MODES
@pytest.mark.parametrize("where", list(RUNAWAYS))
def test_deadline_stops_a_runaway_within_10_percent(where: str, budget: int | None) -> None:
    rt, _ = make_runtime(timeout_seconds=1.0, max_instructions=budget)
    res, elapsed = run(rt, RUNAWAYS[where])
    check(res, Fails("timeout"))
    assert 0.9 <= elapsed <= 1.1, f"a 1.0 s deadline stopped the run after {elapsed:.3f} s"
    assert_healthy(rt)


def test_run_within_its_deadline_succeeds() -> None:
    rt, _ = make_runtime(timeout_seconds=1.0)
    res, elapsed = run(rt, "local s = 0 for i = 1, 1e6 do s = s + i end return s")
    check(res, Ok(500000500000))
    assert elapsed < 1.0


@DEADLINE_MODES
def test_deadline_counts_time_spent_in_integration_calls(budget: int | None) -> None:
    rt, fake = make_runtime(timeout_seconds=0.5, max_instructions=budget)
    code = "app.integrations.fake.sleep({seconds = 5}) local x = 0 for i = 1, 1e7 do x = x + 1 end return x"
    res, elapsed = run(rt, code)
    check(res, Fails("timeout"))
    assert len(fake.calls) == 1
    assert elapsed < 0.8, f"a 0.5 s deadline stopped the run after {elapsed:.2f} s"
    assert_healthy(rt)


# ---------------------------------------------------------------------------------------------
# max_memory_bytes -> memory_limit
# ---------------------------------------------------------------------------------------------

MEM16 = {"max_memory_bytes": 16 * MIB, "timeout_seconds": 5.0}


def test_memory_limit_stops_unbounded_allocation_fast() -> None:
    rt, _ = make_runtime(**MEM16)
    res, elapsed = run(rt, "local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(100) .. i end")
    check(res, Fails("memory_limit"))
    assert elapsed < 2.0
    assert_healthy(rt)


def test_memory_limit_applies_inside_coroutines() -> None:
    rt, _ = make_runtime(**MEM16)
    res, elapsed = run(rt, "coroutine.wrap(function() local t = {} for i = 1, 1e9 do t[i] = {} end end)()")
    check(res, Fails("memory_limit"))
    assert elapsed < 2.0


def test_memory_below_the_limit_is_usable_run_after_run() -> None:
    # Every run keeps 8 MiB in a global of its own env; envs are per run, so memory comes back.
    rt, _ = make_runtime(**MEM16)
    for _ in range(5):
        res, _ = run(
            rt, ALLOCATE_8_MIB.replace("local t, n = {}, 0", "KEEP, n = {}, 0").replace("t[i]", "KEEP[i]")
        )
        check(res, Ok(8 * MIB))


def test_memory_kill_is_sticky_under_pcall() -> None:
    # The interface: limit kills cannot be swallowed by pcall. An over-limit allocation is one.
    rt, _ = make_runtime(**MEM16)
    res, elapsed = run(
        rt, "local ok = pcall(string.rep, 'x', 64 * 1024 * 1024) return ok and 'allocated' or 'caught'"
    )
    check(res, Fails("memory_limit"))
    assert elapsed < 2.0
    assert_healthy(rt)


#: Fills the heap to the byte with a binary search of string sizes (few instructions, so the hook
#: rarely sees the high-water mark first), then crosses into Python: the notes' §2.6 hazards.
AT_THE_LIMIT = """
for i = 1, PAD do end
local keep = {false, false, false, false, false, false, false, false, false, false, false, false,
              false, false, false, false, false, false, false, false, false, false, false, false,
              false, false, false, false, false, false, false, false, false, false, false, false,
              false, false, false, false, false, false, false, false, false, false, false, false}
local k, n = 1, 1 << 22
while n >= 16 and k <= 48 do
  local ok, s = pcall(string.rep, "x", n)
  if ok then keep[k] = s k = k + 1 else n = n // 2 end
end
ACTION
"""
AT_THE_LIMIT_ACTIONS = {
    "host-call-raises": "local ok, e = pcall(lua_read_doc, 'no-such-topic') return type(e)",
    "host-call-returns": "return #lua_list_docs()",
    "print": "print('at the limit') return 1",
    "return-table": "return {k, n}",
    "error-table": "error({k, n})",
    "error-string": "error('at the limit')",
}
WORKER = """
import json, sys
sys.path.insert(0, {root!r})
from bridge import Limits, Runtime
rt = Runtime(integrations=[], limits=Limits(max_memory_bytes=4 * 1024 * 1024, timeout_seconds=5.0))
codes = []
for pad in range(0, 1000, 50):
    res = rt.run({code!r}.replace("PAD", str(pad)))
    codes.append("ok" if res.ok else res.error.code)
res = rt.run("return 1+1")
print(json.dumps({{"codes": codes, "after": res.value}}))
"""


@pytest.mark.slow
@pytest.mark.parametrize("action", list(AT_THE_LIMIT_ACTIONS))
def test_crossing_to_python_at_the_memory_limit_does_not_hang_or_abort(action: str) -> None:
    # lupa 2.8 deadlocks with the GIL held, or abort()s, when an allocation fails while it converts
    # values for a Python callback or result. A child process, so a hang or abort fails only this test.
    code = AT_THE_LIMIT.replace("ACTION", AT_THE_LIMIT_ACTIONS[action])
    script = textwrap.dedent(WORKER).format(root=str(ROOT), code=code)
    try:
        proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("the host process hung at the memory limit")
    assert proc.returncode == 0, f"the host process died (rc {proc.returncode}): {proc.stderr[-2000:]}"
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["after"] == 2
    allowed = {"ok", "memory_limit", "runtime_error"}
    assert set(report["codes"]) <= allowed, report["codes"]


# ---------------------------------------------------------------------------------------------
# max_output_bytes -> output_limit
# ---------------------------------------------------------------------------------------------


def test_output_limit_cuts_the_output_and_stops_the_run() -> None:
    rt, _ = make_runtime(max_output_bytes=100)
    res, _ = run(rt, "print(('x'):rep(200)) return 'after print'")
    check(res, Fails("output_limit"))
    assert res.output == "x" * 100
    assert_healthy(rt)


def test_output_limit_is_sticky_under_pcall() -> None:
    rt, _ = make_runtime(max_output_bytes=100, max_instructions=10**9)
    res, elapsed = run(rt, "for i = 1, 1e7 do pcall(print, 'xxxxxxxxx') end return 'survived'")
    check(res, Fails("output_limit"))
    assert res.output == "xxxxxxxxx\n" * 10
    assert elapsed < 1.0


def test_output_up_to_the_limit_is_kept_whole() -> None:
    rt, _ = make_runtime(max_output_bytes=100)
    res, _ = run(rt, "print(('x'):rep(99)) return 1")
    check(res, Ok(1))
    assert res.output == "x" * 99 + "\n"


def test_output_limit_counts_bytes_not_characters() -> None:
    rt, _ = make_runtime(max_output_bytes=10)
    res, _ = run(rt, "print('\\u{E9}\\u{E9}\\u{E9}\\u{E9}\\u{E9}\\u{E9}') return 1")  # 12 bytes, 6 characters
    check(res, Fails("output_limit"))
    assert len(res.output.encode()) <= 10
    assert res.output == "\u00e9" * 5


def test_output_survives_a_later_error() -> None:
    rt, _ = make_runtime()
    res, _ = run(rt, "print('before') error('boom')")
    check(res, Fails("runtime_error"))
    assert res.output == "before\n"


# ---------------------------------------------------------------------------------------------
# max_calls -> call_limit
# ---------------------------------------------------------------------------------------------


def test_call_limit() -> None:
    rt, fake = make_runtime(max_calls=3)
    res, _ = run(rt, "for i = 1, 3 do app.integrations.fake.echo({i = i}) end return 'three calls'")
    check(res, Ok("three calls"))
    res, _ = run(rt, "for i = 1, 4 do app.integrations.fake.echo({i = i}) end return 'four calls'")
    check(res, Fails("call_limit"))
    assert len(fake.calls) == 6
    assert_healthy(rt)


def test_call_limit_holds_when_the_error_is_caught() -> None:
    rt, fake = make_runtime(max_calls=3)
    code = """local codes = {}
    for i = 1, 10 do
      local ok, e = pcall(app.integrations.fake.echo, {i = i})
      if not ok then codes[#codes + 1] = type(e) == "table" and e.code or tostring(e) end
    end
    return codes"""
    res, _ = run(rt, code)
    check(res, Ok(["call_limit"] * 7))
    assert len(fake.calls) == 3


# ---------------------------------------------------------------------------------------------
# max_result_bytes -> result_too_large
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        pytest.param("return ('x'):rep(500)", Ok("x" * 500), id="small-string"),
        pytest.param("return ('x'):rep(2000)", Fails("result_too_large"), id="large-string"),
        pytest.param(
            "local t = {} for i = 1, 300 do t[i] = 'abc' end return t",
            Fails("result_too_large"),
            id="many-items",
        ),
        pytest.param(
            "return ('x'):rep(400), ('y'):rep(400), ('z'):rep(400)", Fails("result_too_large"), id="values"
        ),
    ],
)
def test_result_size_limit(code: str, expected: Ok | Fails) -> None:
    rt, _ = make_runtime(max_result_bytes=1000)
    res, _ = run(rt, code)
    check(res, expected)


# ---------------------------------------------------------------------------------------------
# max_code_bytes -> code_too_large
# ---------------------------------------------------------------------------------------------


def _padded(size: int, filler: str = "x") -> str:
    head = "return 1\n--"
    return head + filler * ((size - len(head.encode())) // len(filler.encode()))


def test_code_size_limit_default_boundary() -> None:
    rt, _ = make_runtime()
    at_limit = _padded(64 * 1024)
    assert len(at_limit.encode()) == 64 * 1024
    res, _ = run(rt, at_limit)
    check(res, Ok(1))
    res, _ = run(rt, at_limit + "x")
    check(res, Fails("code_too_large"))


def test_code_size_limit_counts_utf8_bytes() -> None:
    rt, _ = make_runtime(max_code_bytes=100)
    code = _padded(120, "\u00e9")  # about 60 characters, 120 bytes
    assert len(code) < 100 < len(code.encode())
    res, _ = run(rt, code)
    check(res, Fails("code_too_large"))


# ---------------------------------------------------------------------------------------------
# max_depth and max_items -> invalid_value (results and integration arguments)
# ---------------------------------------------------------------------------------------------


def _nested(levels: int) -> str:
    return f"local t = 1 for i = 1, {levels} do t = {{t}} end"


@pytest.mark.parametrize(
    ("levels", "ok"), [pytest.param(3, True, id="shallow"), pytest.param(8, False, id="deep")]
)
def test_depth_limit(levels: int, ok: bool) -> None:
    rt, fake = make_runtime(max_depth=5)
    res, _ = run(rt, _nested(levels) + " return t")
    if ok:
        assert res.ok and res.value == [[[1]]]
    else:
        check(res, Fails("invalid_value"))
    res, _ = run(rt, _nested(levels) + " return app.integrations.fake.echo({t = t}) ~= nil")
    check(res, Ok(True) if ok else Fails("invalid_value"))
    assert len(fake.calls) == (1 if ok else 0)


@pytest.mark.parametrize(
    ("items", "ok"), [pytest.param(500, True, id="few"), pytest.param(2000, False, id="many")]
)
def test_item_limit(items: int, ok: bool) -> None:
    rt, fake = make_runtime(max_items=1000)
    fill = f"local t = {{}} for i = 1, {items} do t[i] = i end"
    res, _ = run(rt, fill + " return t")
    check(res, Ok(list(range(1, items + 1))) if ok else Fails("invalid_value"))
    res, _ = run(rt, fill + " return #app.integrations.fake.echo({t = t}).t")
    check(res, Ok(items) if ok else Fails("invalid_value"))
    assert len(fake.calls) == (1 if ok else 0)


def test_item_limit_counts_every_level() -> None:
    rt, _ = make_runtime(max_items=1000)
    res, _ = run(
        rt,
        "local t = {} for i = 1, 40 do local r = {} for j = 1, 40 do r[j] = j end t[i] = r end return t",
    )
    check(res, Fails("invalid_value"))


# ---------------------------------------------------------------------------------------------
# pattern_budget -> a plain (catchable) Lua error
# ---------------------------------------------------------------------------------------------

COSTLY = "return ('a'):rep(2000):find('.-b')"


def test_pattern_budget_default_allows_a_moderate_pattern() -> None:
    rt, _ = make_runtime()
    res, _ = run(rt, COSTLY)
    check(res, Ok(None))


def test_pattern_budget_refuses_over_budget() -> None:
    rt, _ = make_runtime(pattern_budget=1000)
    res, _ = run(rt, COSTLY)
    check(res, Fails("runtime_error"))
    res, _ = run(rt, f"local ok, e = pcall(function() {COSTLY} end) return {{ok, type(e)}}")
    check(res, Ok([False, "string"]))
    res, _ = run(rt, "return ('a'):rep(2000):find('b', 1, true)")  # plain find has no pattern cost
    check(res, Ok(None))
