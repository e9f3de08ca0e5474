"""The pattern bound (issue #11 item 2): everyday patterns run on megabytes, catastrophic ones are
refused (tests/test_hostile.py has those), and what runs gives plain Lua's answer."""

from __future__ import annotations

from typing import Any

import lupa.lua54 as lupa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_hostile import Ok, check, make_runtime, run

#: About 1 MB of text with words, key=value pairs, decimals, commas, lines and runs of spaces.
MEGABYTE = (
    "local row = {} for i = 1, 40 do row[i] = ('  k%d=v%d,  3.%d  x\\t'):format(i, i, i) end "
    "local base = table.concat(row) .. '\\n' local s = base:rep(math.ceil(1e6 / #base)) "
)

IDIOMS = [
    pytest.param("return #s:match('^%s*(.-)%s*$')", id="trim"),
    pytest.param("local n = 0 for k, v in s:gmatch('(%w+)=(%w+)') do n = n + 1 end return n", id="key-value"),
    pytest.param("local n = 0 for x in s:gmatch('%d+%.%d+') do n = n + 1 end return n", id="decimal"),
    pytest.param("local n = 0 for x in s:gmatch('[^,]+') do n = n + 1 end return n", id="csv-cells"),
    pytest.param("local n = 0 for x in s:gmatch('[^\\n]+') do n = n + 1 end return n", id="lines"),
    pytest.param("local n = 0 for x in s:gmatch('%S+') do n = n + 1 end return n", id="words"),
    pytest.param("return select(2, s:gsub('%s+', ' '))", id="collapse-spaces"),
    pytest.param(
        "local j = ('{\"id\": \"abc123\", \"name\": \"a name\"}, '):rep(25000) "
        "local n = 0 for id in j:gmatch('\"id\":%s*\"([^\"]+)\"') do n = n + 1 end return n",
        id="json-field",
    ),
    pytest.param(
        "local pos, n = 1, 0 while true do local a, b = s:find(',', pos) if not a then break end "
        "n = n + 1 pos = b + 1 end return n",
        id="find-loop",
    ),
]


def _plain(code: str) -> Any:
    lua = lupa.LuaRuntime()
    return lua.execute(code)


@pytest.mark.parametrize("idiom", IDIOMS)
def test_everyday_pattern_on_a_megabyte_is_accepted_and_agrees_with_plain_lua(idiom: str) -> None:
    rt, _ = make_runtime(timeout_seconds=10.0)
    res, _ = run(rt, MEGABYTE + idiom)
    check(res, Ok(_plain(MEGABYTE + idiom)))


# ---------------------------------------------------------------------------------------------
# Property: random patterns on random subjects give plain Lua's answer (or the documented refusal)
# ---------------------------------------------------------------------------------------------

_ITEMS = st.sampled_from(["a", "b", ".", "%d", "%s", "%a", "[ab]", "[^a]", "%.", "%%", "1", " "])
_QUANT = st.sampled_from(["", "", "*", "+", "-", "?"])
_PIECE = st.one_of(
    st.tuples(_ITEMS, _QUANT).map("".join),
    st.sampled_from(["(", ")", "()", "%b()", "%f[%a]", "%1"]),
)
PATTERNS = st.tuples(st.sampled_from(["", "^"]), st.lists(_PIECE, max_size=7), st.sampled_from(["", "$"])).map(
    lambda t: t[0] + "".join(t[1]) + t[2]
)
SUBJECTS = st.text(alphabet="ab1. ()%x", max_size=40)
FUNCTIONS = st.sampled_from(["find", "match", "gmatch", "gsub"])

PROBE = """local s, p = {s}, {p}
local function show(...)
  local out = {{}}
  for i = 1, select('#', ...) do local v = select(i, ...) out[i] = type(v) .. ':' .. tostring(v) end
  return table.concat(out, '|')
end
if '{fn}' == 'gmatch' then
  local ok, it = pcall(string.gmatch, s, p)
  if not ok then return 'error:' .. it end
  local got, n = {{}}, 0
  while n < 50 do
    local r = table.pack(pcall(it))
    if not r[1] then got[#got + 1] = 'error:' .. r[2] break end
    if r[2] == nil then break end
    n = n + 1
    got[#got + 1] = show(table.unpack(r, 2, r.n))
  end
  return table.concat(got, ';')
end
local args = '{fn}' == 'gsub' and {{s, p, '<%0>'}} or {{s, p}}
return show(pcall(string.{fn}, table.unpack(args)))"""


def _literal(text: str) -> str:
    return '"' + "".join(f"\\{b}" for b in text.encode()) + '"'


_RUNTIME: list[Any] = []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pattern=PATTERNS, subject=SUBJECTS, fn=FUNCTIONS)
def test_random_patterns_agree_with_plain_lua(pattern: str, subject: str, fn: str) -> None:
    if not _RUNTIME:
        _RUNTIME.append(make_runtime()[0])
    code = PROBE.format(s=_literal(subject), p=_literal(pattern), fn=fn)
    res = _RUNTIME[0].run(code)
    assert res.ok, res.error
    if "pattern too costly" in res.value:  # the documented refusal
        return
    assert res.value == _plain(code), (pattern, subject, fn)
