"""Fuzzing: arbitrary Lua values into every operation, and back out of the sandbox.

Whatever the value (nested and self-referencing tables, invalid UTF-8, NaN, infinities, integers at
and past 64 bits, functions, coroutines, tables mixing array items and named keys), a run ends with a
value or one documented error code: never a traceback in the result, never a crash, never a hang.
The runs go through a worker pool, so a crash shows up as ``sandbox_crashed`` and a hang as the
pool's kill (``timeout``) instead of taking the test session down; both fail the test.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bridge import Limits, Runtime
from bridge.errors import DESCRIPTIONS
from bridge.policy import Policy, Rule
from bridge.result import RunResult
from bridge.workers import WorkerPool
from integrations.customerio import CustomerIO
from tests.cio_support import NS, TRACEBACK_MARKERS

#: Codes that mean the sandbox or the pool had to step in from outside: never expected here.
NEVER = ("sandbox_crashed", "timeout", "internal_error")
OPERATIONS = sorted({op.name: op for op in CustomerIO.emulated().operations.values()}.values(),
                    key=lambda op: op.name)
FUZZ = settings(max_examples=6, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def fuzz_runtime() -> Runtime:
    """Every call allowed (so that destructive ones get validated too), a short deadline."""
    return Runtime([CustomerIO.emulated(policy=Policy(destructive=Rule.ALLOW))],
                   Limits(timeout_seconds=5.0, max_instructions=10_000_000))


@pytest.fixture(scope="module")
def pool() -> Iterator[WorkerPool]:
    with WorkerPool(fuzz_runtime, grace_seconds=2.0) as pool:
        yield pool


# -- Lua values as source text --------------------------------------------------------------

def lua_bytes(data: bytes) -> str:
    """A Lua string literal of any bytes (decimal escapes, so no byte is special)."""
    return '"' + "".join(f"\\{b}" for b in data) + '"'


INTEGERS = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1).map(str),
    st.sampled_from(["math.maxinteger", "math.mininteger", "9223372036854775808", "-0", "0x7fffffffffffffff",
                     "1e308 * 10", "-1/0", "0/0", "math.pi", "1e-320", "2^53 + 1", "3.0"]),
)
FLOATS = st.floats(allow_nan=False, allow_infinity=False).map(lambda x: f"{x!r}")
STRINGS = st.one_of(
    st.text(max_size=20).map(lambda s: lua_bytes(s.encode())),
    st.binary(max_size=12).map(lua_bytes),
    st.lists(st.integers(0, 255), max_size=6).map(lambda bs: f"string.char({', '.join(map(str, bs))})"),
    st.sampled_from(['("x"):rep(5000)', '"a@b.c"', '""', '"../.."', '"%00"', '"\\0"']),
)
ODD = st.sampled_from(["true", "false", "nil", "function() end", "print", "coroutine.create(function() end)",
                       "setmetatable({}, {__index = function() error('x') end})", "app", "string",
                       "(function() local t = {} t.self = t return t end)()",
                       "setmetatable({}, {__pairs = function() error('no') end})"])
SCALARS = st.one_of(INTEGERS, FLOATS, STRINGS, ODD)


def lua_string(text: str) -> str:
    """A Lua string literal of any text: every byte but letters, digits and _ as a decimal escape."""
    plain = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
    return '"' + "".join(chr(b) if b in plain else f"\\{b:03d}" for b in text.encode()) + '"'


def tables(keys: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Lua table constructors nesting scalars: arrays, maps, mixed, with odd keys."""
    key = st.one_of(keys.map(lambda k: f"[{lua_string(k)}]"),
                    SCALARS.filter(lambda s: s != "nil").map(lambda s: f"[{s}]"))

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        items = st.lists(st.one_of(inner, st.tuples(key, inner).map(lambda kv: f"{kv[0]} = {kv[1]}")), max_size=5)
        return items.map(lambda parts: "{" + ", ".join(parts) + "}")

    return st.recursive(SCALARS, extend, max_leaves=12)


def arguments(op_keys: list[str]) -> st.SearchStrategy[str]:
    """What an operation is called with: mostly a table keyed by its own parameter names."""
    keys = st.sampled_from(op_keys or ["id"]) | st.text(max_size=8)
    named = st.dictionaries(st.sampled_from(op_keys or ["id"]), tables(keys), max_size=4).map(
        lambda d: "{" + ", ".join(f"[{lua_string(k)}] = {v}" for k, v in d.items()) + "}")
    return st.one_of(named, named, tables(keys))


def param_keys(op: object) -> list[str]:
    fields = getattr(getattr(op, "params"), "model_fields")  # noqa: B009 - keep mypy quiet on the model
    return sorted({info.alias or name for name, info in fields.items()})


def assert_contained(result: RunResult) -> None:
    if result.error is not None:
        assert result.error.code in {str(c) for c in DESCRIPTIONS}, result.error
        assert result.error.code not in NEVER, result.error
    text = json.dumps(result.to_dict(), default=str)
    for marker in TRACEBACK_MARKERS:
        assert marker not in text, f"traceback text in the result: {text[:500]}"


# -- the tests ----------------------------------------------------------------------------------


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.name)
def test_any_value_into_any_operation_is_contained(pool: WorkerPool, op: object) -> None:
    name = getattr(op, "name")  # noqa: B009

    @FUZZ
    @given(args=arguments(param_keys(op)), dry_run=st.booleans(), caught=st.booleans())
    def check(args: str, dry_run: bool, caught: bool) -> None:
        call = f"{NS}.{name}({args})"
        code = f"local ok, r = pcall(function() return {call} end) return ok" if caught else f"return {call}"
        assert_contained(pool.run(code, dry_run=dry_run))

    check()


def test_every_operation_is_fuzzed() -> None:
    assert len(OPERATIONS) >= 139


@settings(max_examples=300, deadline=None, database=None)
@given(value=tables(st.text(max_size=6)))
def test_any_returned_value_is_a_value_or_invalid_value(value: str) -> None:
    result = _plain().run(f"return {value}")

    assert_contained(result)
    assert result.ok or (result.error is not None and result.error.code in (
        "invalid_value", "runtime_error", "result_too_large", "memory_limit")), result.error
    if result.ok:
        json.dumps(result.value, allow_nan=False)  # plain data, no NaN or infinity


_PLAIN: list[Runtime] = []


def _plain() -> Runtime:
    if not _PLAIN:
        _PLAIN.append(Runtime([], Limits(timeout_seconds=5.0)))
    return _PLAIN[0]
