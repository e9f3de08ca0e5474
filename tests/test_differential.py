"""Differential test (issue #11 item 6): each agent-style snippet of tests/differential/corpus.lua runs in
plain lupa.lua54 and in the sandbox; printed output, returned values and error texts must agree byte for
byte. Excluded by construction (lua_docs/sandbox.md): math.randomseed, tables printed without __tostring,
features the sandbox leaves out (io, load, ...)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import lupa.lua54 as lupa
import pytest

from bridge import marshal
from tests.test_hostile import make_runtime

CORPUS = (Path(__file__).parent / "differential" / "corpus.lua").read_text(encoding="utf-8")
SNIPPETS = [block.strip() + "\n" for block in CORPUS.split("\n----\n")]
SNIPPETS[0] = "".join(line for line in SNIPPETS[0].splitlines(True) if not line.startswith("-- "))  # header

#: Plain Lua 5.4 with print captured; error values described as lua.c (and the sandbox) describe them.
PLAIN = """
local code = ...
local lines = {}
local env = setmetatable({print = function(...)
  local parts = table.pack(...)
  for i = 1, parts.n do parts[i] = tostring(parts[i]) end
  lines[#lines + 1] = table.concat(parts, "\\t", 1, parts.n) .. "\\n"
end}, {__index = _G})
local chunk, err = load(code, "=snippet.lua", "t", env)
if not chunk then return "syntax", err, "" end
local r = table.pack(pcall(chunk))
local out = table.concat(lines)
if r[1] then return "ok", table.pack(table.unpack(r, 2, r.n)), out end
local e = r[2]
if type(e) == "number" then e = tostring(e)
elseif type(e) ~= "string" then
  local mt = getmetatable(e)
  e = (mt and mt.__tostring) and tostring(e) or ("(error object is a " .. type(e) .. " value)")
end
return "error", e, out
"""


def _plain(code: str) -> tuple[str, Any, str]:
    lua = lupa.LuaRuntime(unpack_returned_tuples=True)
    status, value, output = lua.execute(PLAIN, code)
    if status != "ok":
        return status, value, output
    try:
        values = [value[i] for i in range(1, value["n"] + 1)]
        plain = [marshal.from_lua(v, max_depth=32, max_items=100_000) for v in values]
    except (marshal.MarshalError, UnicodeDecodeError):
        return "invalid_value", None, output
    return "ok", None if not plain else plain[0] if len(plain) == 1 else plain, output


_RUNTIME: list[Any] = []


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"snippet-{i + 1}" for i in range(len(SNIPPETS))])
def test_snippet_behaves_as_in_plain_lua(code: str) -> None:
    if not _RUNTIME:
        _RUNTIME.append(make_runtime()[0])
    status, value, output = _plain(code)
    res = _RUNTIME[0].run(code)
    assert res.output == output
    if status == "ok":
        assert res.ok, f"plain Lua ran it; the sandbox: {res.error}"
        assert json.dumps(res.value, sort_keys=True) == json.dumps(value, sort_keys=True)
    elif status == "invalid_value":
        assert res.error is not None and res.error.code == "invalid_value"
    else:
        assert res.error is not None, f"plain Lua failed with {value!r}; the sandbox returned {res.value!r}"
        assert res.error.message == value


def test_the_corpus_is_large_enough() -> None:
    assert len(SNIPPETS) >= 150
