"""json.encode / json.decode in the sandbox, and print rendering tables readably."""

from __future__ import annotations

import pytest

from bridge import Limits, Runtime
from tests.cio_support import failed_with, succeeded


@pytest.fixture(scope="module")
def rt() -> Runtime:
    return Runtime([], Limits(max_memory_bytes=16 * 1024 * 1024, max_instructions=20_000_000, timeout_seconds=10))


def test_encode_objects_arrays_and_scalars(rt: Runtime) -> None:
    code = 'return json.encode({b = {1, 2.5, "x"}, a = true, n = 3.0, s = "q\\"\\n\\1", e = {}, [7] = "seven"})'
    assert succeeded(rt.run(code)) == '{"7":"seven","a":true,"b":[1,2.5,"x"],"e":{},"n":3.0,"s":"q\\"\\n\\u0001"}'
    assert succeeded(rt.run('return json.encode("é") .. json.encode(nil) .. json.encode(-0.1)')) == '"é"null-0.1'


def test_decode_round_trips_and_keeps_int_and_float_apart(rt: Runtime) -> None:
    code = '''local v = json.decode('{"a": [1, 2.0, -3e2, {"b": null}], "u": "\\\\u00e9\\\\ud83d\\\\ude00", "t": true}')
return {v = v, again = json.decode(json.encode(v))}'''
    value = succeeded(rt.run(code))
    assert value["v"] == value["again"] == {"a": [1, 2.0, -300.0, {}], "u": "é😀", "t": True}
    assert isinstance(value["v"]["a"][0], int) and isinstance(value["v"]["a"][1], float)


@pytest.mark.parametrize(("code", "message"), [
    ('json.decode("[1, 2")', "json.decode: expected ',' or ']' at byte 6"),
    ('json.decode("{\\"a\\" 1}")', "json.decode: expected ':'"),
    ('json.decode("[1] x")', "json.decode: text after the JSON value"),
    ('json.decode(string.rep("[", 300))', "json.decode: nesting deeper than 200 levels"),
    ('json.decode("\\255")', "json.decode: the text is not valid UTF-8"),
    ('json.decode(nil)', "json.decode: expects a string, got a nil"),
    ('local t = {} t.t = t json.encode(t)', "json.encode: a table contains itself"),
    ('json.encode({f = print})', "json.encode: a function has no JSON form"),
    ('json.encode(0/0)', "json.encode: NaN and infinity have no JSON form"),
    ('json.encode({[true] = 1})', "json.encode: object keys must be strings, got a boolean"),
])
def test_bad_input_raises_catchable_errors(rt: Runtime, code: str, message: str) -> None:
    value = succeeded(rt.run(f"local ok, e = pcall(function() {code} end) return {{ok, e}}"))
    assert value[0] is False and value[1].startswith(message)


def test_decoding_huge_input_stays_inside_the_limits(rt: Runtime) -> None:
    big = 'local s = "[" .. string.rep("[1,2,3,4,5,6,7,8],", 100000) .. "0]" return #json.decode(s)'
    tight = Runtime([], Limits(max_memory_bytes=4 * 1024 * 1024, max_instructions=10**9, timeout_seconds=10))
    failed_with(tight.run(big), "memory_limit")
    assert succeeded(tight.run("return 1")) == 1
    small = Runtime([], Limits(max_instructions=200_000))
    failed_with(small.run('return #json.decode("[" .. string.rep("1,", 100000) .. "1]")'), "instruction_limit")
    assert succeeded(rt.run("return 1")) == 1


def test_json_is_fresh_per_run(rt: Runtime) -> None:
    rt.run("json.encode = nil json.x = 1")
    assert succeeded(rt.run('return json.x == nil and json.encode({1}) == "[1]"')) is True


def test_print_renders_tables_readably(rt: Runtime) -> None:
    code = '''print({a = 1, b = {1, 2, "x"}, ["with space"] = true, [3] = false}, "plain", nil)
local t = {name = "loop"} t.self = t print(t)
print({}) print({{{{{{{{1}}}}}}}})
local e = select(2, pcall(error, setmetatable({}, {__tostring = function() return "custom" end}))) print(e)'''
    assert succeeded(rt.run(code)) is None
    assert rt.run(code).output.splitlines() == [
        '{[3] = false, a = 1, b = {1, 2, "x"}, ["with space"] = true}\tplain\tnil',
        '{name = "loop", self = <cycle>}',
        "{}",
        "{{{{{{{...}}}}}}}",
        "custom",
    ]


def test_print_caps_big_tables(rt: Runtime) -> None:
    output = rt.run("local t = {} for i = 1, 1000 do t[i] = i end print(t)").output
    assert output.endswith(", ... (1000 entries)}\n") and len(output) < 1000
