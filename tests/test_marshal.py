"""The marshalling rules, both ways, including a property-based round trip through an integration."""

from __future__ import annotations

import json
from typing import Any

import lupa.lua54 as lupa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import Field

from bridge import Limits, Runtime, marshal
from bridge.errors import InvalidArguments
from bridge.integration import CallContext
from bridge.params import Params, validate
from tests.helpers import Echo

RT = Runtime([Echo()], Limits(max_depth=12))
LUA = lupa.LuaRuntime()


def lua_literal(value: Any) -> str:
    """Python data -> the Lua constructor that builds it."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"[{lua_literal(k)}] = {lua_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "{" + ", ".join(lua_literal(v) for v in value) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if value == -(2**63):
        return "math.mininteger"  # -9223372036854775808 in Lua source is minus a float literal
    if isinstance(value, str):
        return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\u{{{ord(c):x}}}" for c in value) + '"'
    return repr(value)


scalars = (st.booleans() | st.integers(min_value=-(2**63), max_value=2**63 - 1)
           | st.floats(allow_nan=False, allow_infinity=False, width=64)
           | st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20))
keys = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=8)
data = st.recursive(scalars, lambda inner: st.lists(inner, min_size=1, max_size=4)
                    | st.dictionaries(keys, inner, min_size=1, max_size=4), max_leaves=25)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=data)
def test_plain_data_round_trips_through_lua_and_an_integration(value: Any) -> None:
    result = RT.run(f"return app.integrations.echo.back({{value = {lua_literal(value)}}})")
    assert result.error is None, result.error
    assert result.value == value
    assert json.dumps(result.value, sort_keys=True) == json.dumps(value, sort_keys=True)


@pytest.mark.parametrize(("lua", "fragment"), [
    ("{1, nil, 3}", "holes"),
    ("{1, 2, x = 1}", "mixes array items and named keys"),
    ("{[1.5] = 1}", "keys of type float"),
    ("{[true] = 1}", "keys of type boolean"),
    ("{f = print}", "is a Lua function"),
    ("{c = coroutine.create(print)}", "is a Lua "),
    ("{n = 0/0}", "NaN"),
    ("{n = 1/0}", "NaN or infinite"),
    ("{s = string.char(255)}", "not valid UTF-8"),
    ("(function() local t = {} t.t = t return t end)()", "contain itself"),
], ids=["holes", "mixed", "float-key", "bool-key", "function", "coroutine", "nan", "inf", "utf8", "cycle"])
def test_values_that_cannot_cross_are_refused_with_a_path(lua: str, fragment: str) -> None:
    result = RT.run(f"return app.integrations.echo.back({{value = {lua}}})")
    assert result.error is not None and result.error.code == "invalid_value"
    assert fragment in result.error.message and "`value" in result.error.message


@pytest.mark.parametrize(("lua", "max_items", "message"), [
    ("{a = {b = {c = print}}}", 100, "`p.a.b.c` is a Lua function (or coroutine); only strings, numbers, booleans "
     "and tables can be passed"),
    ("{f = print, [1] = 2}", 100, "`p` mixes array items and named keys; use one or the other"),
    ('{[1] = "a", [true] = "b"}', 100, "`p` has keys of type boolean and integer; map keys must be strings"),
    ("{a = {[{}] = 1}}", 100, "`p.a` has keys of type table; map keys must be strings"),
    ("{a = {x = 1, y = {1, 2, {z = 0/0}}}}", 100, "`p.a.y[3].z` is NaN or infinite, which JSON cannot carry"),
    ("{a = {x = 1, y = {1, 2, {z = 0/0}}}}", 4, "`p.a.y` holds too many values (the limit counts every level)"),
    ("{a = 1, b = {c = 2, d = 3}, e = 4}", 4, "`p.b` holds too many values (the limit counts every level)"),
    ('{"a", "b", "c", string.char(255)}', 2, "`p` holds too many values (the limit counts every level)"),
    ('{"a", string.char(255), "c"}', 2, "`p` contains a string that is not valid UTF-8"),
], ids=["function", "mixed-before-values", "true-and-1", "table-key", "nan-in-array", "cap-in-array", "cap-in-map",
        "cap-before-utf8", "utf8-before-cap"])
def test_refusals_name_the_first_problem_exactly(lua: str, max_items: int, message: str) -> None:
    with pytest.raises(marshal.MarshalError) as caught:
        marshal.from_lua(LUA.eval(lua), max_depth=8, max_items=max_items, path="p")
    assert str(caught.value) == message


def test_maps_keep_every_kind_of_value() -> None:
    value = LUA.eval('{a = 1, b = {c = 2.5, d = {"x", true}}, e = "s", f = false}')
    assert marshal.from_lua(value, max_depth=8, max_items=9, path="") == {
        "a": 1, "b": {"c": 2.5, "d": ["x", True]}, "e": "s", "f": False}


def test_item_cap_counts_every_level() -> None:
    rt = Runtime([Echo()], Limits(max_items=100))
    ok = rt.run("local t = {} for i = 1, 99 do t[i] = i end return app.integrations.echo.back({value = t})")
    assert ok.ok
    over = rt.run("local t = {} for i = 1, 50 do t[i] = {i, i} end return app.integrations.echo.back({value = t})")
    assert over.error is not None and over.error.code == "invalid_value"


def test_integers_and_floats_stay_apart() -> None:
    assert RT.run("return {a = 42, b = 99.00, c = 2^53, d = 3 // 2, e = math.maxinteger}").value == {
        "a": 42, "b": 99.0, "c": 9007199254740992.0, "d": 1, "e": 2**63 - 1}


def test_results_from_python_become_plain_tables() -> None:
    result = RT.run("""
        local r = app.integrations.echo.back({value = {list = {"a", "b"}, map = {k = true}}})
        return {n = #r.list, first = r.list[1], k = r.map.k, bare = getmetatable(r) == nil, kind = type(r.list)}
    """)
    assert result.value == {"n": 2, "first": "a", "k": True, "bare": True, "kind": "table"}


class Returns(Echo):
    """``back`` returns one fixed Python value, whatever Lua passed (Lua could not build most of them)."""

    def __init__(self, value: Any) -> None:
        super().__init__()
        self.value = value

    def perform(self, function: str, account: str, args: Any, ctx: CallContext) -> Any:
        return self.value


class Label(str):
    pass


READ_BACK = """local r = app.integrations.echo.back{}
local keys = {} for k in pairs(r) do keys[#keys + 1] = k end table.sort(keys)
local out = {}
for _, k in ipairs(keys) do
  local v = r[k]
  out[#out + 1] = k .. "=" .. (type(v) == "table" and "{" .. tostring(next(v)) .. "=" .. tostring(v[next(v)]) .. "}"
                               or tostring(v) .. ":" .. type(v))
end
return table.concat(out, " ")"""


@pytest.mark.parametrize(("value", "seen"), [
    ({"a": 1, "b": None, "c": 2.5, "d": "s", "e": True}, "a=1:number c=2.5:number d=s:string e=true:boolean"),
    ({"a": 2**70}, "a=1.1805916207174e+21:number"),
    ({"a": Label("x"), "n": {"k": False}}, "a=x:string n={k=false}"),
    ({}, ""),
], ids=["flat", "big-int", "subclass-and-nested", "empty"])
def test_results_reach_lua_as_plain_tables(value: Any, seen: str) -> None:
    result = Runtime([Returns(value)]).run(READ_BACK)
    assert result.ok, result.error
    assert result.value == seen


@pytest.mark.parametrize("value", [{"a": object()}, {"a": {1, 2}}, {1: "x"}, {"a": [b"x"]}, [object()], object()],
                         ids=["object", "set", "int-key", "bytes-in-list", "object-in-list", "bare-object"])
def test_results_that_are_not_plain_data_are_an_internal_error(value: Any) -> None:
    result = Runtime([Returns(value)]).run("return app.integrations.echo.back{}")
    assert result.error is not None and result.error.code == "internal_error"


class Tags(Params):
    tags: list[str] = Field(description="labels")
    meta: dict[str, Any] | None = Field(None, description="anything")


def test_empty_table_is_resolved_by_the_schema() -> None:
    parsed = validate(Tags, {"tags": {}, "meta": {}}, "tag")
    assert parsed.tags == [] and parsed.meta == {}


def test_validation_names_the_field_and_suggests() -> None:
    with pytest.raises(InvalidArguments) as caught:
        validate(Tags, {"tgas": ["x"]}, "tag")
    assert caught.value.details["fields"] == ["tags", "tgas"]
    assert "did you mean `tags`?" in caught.value.message
    with pytest.raises(InvalidArguments) as wrong:
        validate(Tags, {"tags": [1]}, "tag")
    assert wrong.value.details["field"] == "tags[1]"
    assert "must be a string, got integer" in wrong.value.message
