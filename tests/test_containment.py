"""Containment as a property (issue #11 item 1, #12 items 1 and 6).

No agent Lua runs while a limit is lifted, limits come back on every path out of a host
crossing, Runtime.run returns a RunResult for every input, run errors report what the host saw
(never what the snippet wrote into a caught error table), and messages are capped and free of
the sandbox's own frames.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bridge.sandbox import MESSAGE_CAP
from tests.test_hostile import MEM, Fails, Ok, assert_healthy, check, make_runtime, run

BAD = "'\\255\\254'"
#: Every way a snippet's value crosses into the host, each with a string lupa cannot decode.
CROSSINGS = [
    pytest.param(f"return app.integrations.fake[{BAD}]", id="root-name"),
    pytest.param(f"return app.integrations.fake.nosuch[{BAD}]", id="unknown-root-then-index"),
    pytest.param(f"return app.integrations.fake.default[{BAD}]", id="account-namespace"),
    pytest.param(f"return app.integrations.fake.echo({BAD})", id="call-with-a-string"),
    pytest.param(f"return app.integrations.fake.echo({{x = {BAD}}})", id="call-field"),
    pytest.param(f"return app.integrations.fake.echo({{[{BAD}] = 1}})", id="call-key"),
    pytest.param(f"return app.integrations.fake.echo({{{{{{{BAD}}}}}}})", id="call-nested"),
    pytest.param(f"return lua_read_doc({BAD})", id="read-doc"),
    pytest.param(f"return lua_search_docs({BAD})", id="search-docs"),
    pytest.param(f"print({BAD})", id="print"),
    pytest.param(f"print(setmetatable({{}}, {{__tostring = function() return {BAD} end}}))", id="print-tostring"),
    pytest.param("return app.integrations.fake.nosuch()", id="unknown-call"),
]

#: After the crossing: 64 MiB in one string, far past the 16 MiB limit.
ALLOCATE_PAST_LIMIT = " local big = ('x'):rep(64 * 1024 * 1024) return #big"


@pytest.mark.parametrize("crossing", CROSSINGS)
def test_limits_come_back_after_every_crossing_with_undecodable_values(crossing: str) -> None:
    rt, _ = make_runtime(**MEM)
    hammer = f"for i = 1, 20 do pcall(function() {crossing} end) end"
    res, elapsed = run(rt, hammer + ALLOCATE_PAST_LIMIT)
    check(res, Fails("memory_limit"))
    assert elapsed < 2.0
    assert_healthy(rt)


def test_a_key_with_tostring_never_runs_during_the_crossing() -> None:
    rt, fake = make_runtime(**MEM)
    code = """local ran = false
    local k = setmetatable({}, {__tostring = function() ran = true return ('x'):rep(64 * 1024 * 1024) end})
    local ok, e = pcall(app.integrations.fake.echo, {[k] = 1})
    return {ok, ran, e.code}"""
    res, _ = run(rt, code)
    check(res, Ok([False, False, "invalid_value"]))
    assert fake.calls == []
    assert_healthy(rt)


REFORGED = [
    pytest.param("e.code = {}", id="table-code"),
    pytest.param("e.code = 'sandbox_crashed' e.operation = 'x.y' e.status = true", id="forged-fields"),
    pytest.param("for i = 1, 1001 do e.details['k' .. i] = i end", id="thousand-detail-keys"),
    pytest.param("e.message = ('x'):rep(1e6) e.details = 5", id="odd-types"),
    pytest.param("pcall(setmetatable, e, nil) e.retryable = 'yes'", id="metatable-kept"),
]


@pytest.mark.parametrize("edit", REFORGED)
def test_a_caught_call_error_reraised_reports_what_the_host_saw(edit: str) -> None:
    rt, _ = make_runtime()
    res, _ = run(rt, f"local ok, e = pcall(app.integrations.fake.fail, {{}}) {edit} error(e)")
    assert res.error is not None
    assert (res.error.code, res.error.message, res.error.status) == ("api_error", "The fake call failed.", 400)
    assert res.error.operation == "fake.fail"
    assert res.error.details == {"account": "default"}
    assert_healthy(rt)


def test_an_agent_error_table_keeps_its_fields_in_details_bounded_and_typed() -> None:
    rt, _ = make_runtime()
    code = """local t = {code = 'sandbox_crashed', status = 500, ok = true, note = ('n'):rep(1000), f = print}
    for i = 1, 100 do t['extra' .. i] = i end
    error(t)"""
    res, _ = run(rt, code)
    assert res.error is not None and res.error.code == "runtime_error"
    assert res.error.message == "(error object is a table value)"
    details = res.error.details
    assert 0 < len(details) <= 16
    assert all(type(v) in (str, int, float, bool) for v in details.values())
    assert all(len(v) <= 300 for v in details.values() if isinstance(v, str))


def test_error_messages_are_capped() -> None:
    rt, _ = make_runtime()
    res, _ = run(rt, "error(('x'):rep(14e6))")
    assert res.error is not None
    assert len(res.error.message.encode()) <= MESSAGE_CAP
    assert res.error.message.endswith("(14000015 bytes in all)")


@pytest.mark.parametrize(
    "code",
    [
        pytest.param("return " + "(" * 300 + "1" + ")" * 300, id="deep-nesting-syntax"),
        pytest.param("return " + "{" * 300 + "}" * 300, id="deep-table-constructor"),
        pytest.param("local s = string.rep() return s", id="wrapped-library-error"),
        pytest.param("local t = table.concat({{}}) return t", id="wrapped-table-error"),
        pytest.param("return coroutine.wrap(function() error('x') end)()", id="coroutine-error"),
    ],
)
def test_no_sandbox_frame_in_any_message(code: str) -> None:
    rt, _ = make_runtime()
    res, _ = run(rt, code)
    assert res.error is not None
    assert not re.search(r"bridge-sandbox|stack traceback|\[C\]", res.error.message), res.error.message


LYING_LENGTH = "setmetatable({}, {__len = function() return 2^40 end})"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        pytest.param(f"table.sort({LYING_LENGTH})", "bad argument #1 to 'sort' (array too big)", id="sort"),
        pytest.param(f"table.insert({LYING_LENGTH}, 1, 'x')", None, id="insert"),
        pytest.param(f"table.remove({LYING_LENGTH}, 1)", None, id="remove"),
        pytest.param(f"return table.concat({LYING_LENGTH})", None, id="concat"),
        pytest.param(f"local x = table.unpack({LYING_LENGTH})", "too many results to unpack", id="unpack"),
    ],
)
def test_a_lying_length_is_contained(code: str, message: str | None) -> None:
    rt, _ = make_runtime(timeout_seconds=2.0, max_instructions=2_000_000)
    res, elapsed = run(rt, code)
    assert elapsed < 1.0
    assert res.error is not None
    if message is not None:
        assert res.error.message == f"snippet.lua:1: {message}"
    assert_healthy(rt)


# ---------------------------------------------------------------------------------------------
# Property: Runtime.run returns a RunResult for every error value a snippet can raise
# ---------------------------------------------------------------------------------------------

_SCALARS = st.sampled_from([
    "nil", "true", "false", "0", "-1", "1.5", "0/0", "1/0", "math.maxinteger", "''", "'x'", BAD,
    "('x'):rep(1e6)", "print", "coroutine.create(print)", "{}", "'\\0'",
])


def _tables(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    field = st.tuples(st.sampled_from(["code", "message", "status", "operation", "details", "x", "1", BAD]),
                      children)
    return st.lists(field, max_size=4).map(
        lambda fs: "{" + ", ".join(f"[{k if k in ('1', BAD) else repr(k)}] = {v}" for k, v in fs) + "}"
    ) | children.map(lambda v: f"setmetatable({{}}, {{__tostring = function() return {v} end}})")


ERROR_VALUES = st.recursive(_SCALARS, _tables, max_leaves=6)
EDITS = st.sampled_from(["", "e.code = {}", "e.code = v", "e.status = v", "e.message = v", "e.details = v",
                         "e.operation = v", "setmetatable(e, nil)", "e = v"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=ERROR_VALUES, edit=EDITS)
def test_run_returns_a_result_for_every_error_value(value: str, edit: str) -> None:
    rt = _property_runtime()
    code = f"local v = {value} local ok, e = pcall(app.integrations.fake.fail, {{}}) {edit} " \
           "if #tostring(v) % 2 == 0 then error(e) else error(v) end"
    res, _ = run(rt, code)
    assert res.error is not None and isinstance(res.error.code, str)
    assert isinstance(res.error.message, str) and len(res.error.message.encode()) <= MESSAGE_CAP
    assert res.error.status is None or type(res.error.status) is int
    check(rt.run("return 1 + 1"), Ok(2))


_RUNTIMES: list = []


def _property_runtime():  # type: ignore[no-untyped-def]
    if not _RUNTIMES:
        _RUNTIMES.append(make_runtime()[0])
    return _RUNTIMES[0]


def test_print_keeps_valid_utf8_and_escapes_invalid_bytes() -> None:
    rt, _ = make_runtime()
    res, _ = run(rt, "print('café \\233 ok', '\\xF0\\x9F\\x98\\x80', '\\xF0\\x9F')")
    check(res, Ok(None))
    assert res.output == "café \\xE9 ok\t\U0001F600\t\\xF0\\x9F\n"


def test_coroutine_wrap_closes_pending_close_variables_on_error() -> None:
    rt, _ = make_runtime()
    code = """local closed = false
    local co = coroutine.wrap(function()
      local x <close> = setmetatable({}, {__close = function() closed = true end})
      error('boom')
    end)
    local ok, e = pcall(co)
    return {closed, e}"""
    res, _ = run(rt, code)
    check(res, Ok([True, "snippet.lua:4: boom"]))
