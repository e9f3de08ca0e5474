-- Trusted bootstrap of the sandbox. Runs once per LuaRuntime while the full standard
-- library is still present, captures what it needs in locals, and returns the entry
-- points the host uses. Agent code never sees this chunk's locals or the real _G.
--
-- Facts behind each measure: ../shared/design/lua-sandbox-notes.md (sections in brackets).
--
-- Split: the pattern cost analysis is its own chunk (sandbox_patterns.lua, a pure function the
-- host loads first). The rest stays one chunk for now: its parts (limit hook, guards, library
-- wrappers, rendering, JSON, iteration, app.parallel) share the hook state, the labels of the
-- wrapped natives and the error tables as upvalues, and three engineers were editing this file
-- in parallel; moving it into chunks that pass those through a shared table is the next step.

local host, pattern_cost = ...   -- Python callbacks (check, unlimit, relimit, call, resolve, print, doc);
                                 -- the pattern cost function of sandbox_patterns.lua
local check, unlimit, relimit = host.check, host.unlimit, host.relimit
local host_call, host_resolve, host_print, host_doc = host.call, host.resolve, host.print, host.doc
local host_parallel = host.parallel

local sethook, gethook, getinfo = debug.sethook, debug.gethook, debug.getinfo
local load, pcall, xpcall, error, select, type, tostring = load, pcall, xpcall, error, select, type, tostring
local next, ipairs, rawget, rawset, rawequal, rawlen, setmetatable, getmetatable =
  next, ipairs, rawget, rawset, rawequal, rawlen, setmetatable, getmetatable
local gc = collectgarbage
local co_create, co_resume, co_close, co_running = coroutine.create, coroutine.resume, coroutine.close, coroutine.running
local co_status = coroutine.status
local pack, unpack, concat = table.pack, table.unpack, table.concat
local s_byte, s_sub, s_gsub, s_rep, u_len = string.byte, string.sub, string.gsub, string.rep, utf8.len
local s_find, s_format, u_char, sort = string.find, string.format, utf8.char, table.sort
local m_type, tonumber, raw_getmetatable = math.type, tonumber, debug.getmetatable

-- [2.4] lupa registers `python` as a global AND in package.loaded; both must go.
python = nil
package.loaded.python = nil
-- [2.2] wrapped Python objects share one metatable; lock it even though no userdata reaches agents.
do
  local pobject = rawget(debug.getregistry(), "POBJECT")
  if pobject then pobject.__metatable = false end
end

-- [3.5] Instructions between hook calls of a counted thread: the main thread when the host gives an
-- instruction budget, and every coroutine (without a budget the main thread has no hook: see
-- alarm_rang). Any count hook puts Lua 5.4's VM in trap mode (every
-- instruction pays a check: ~2.2x on VM-bound code whatever the interval). The interval stays
-- small because one instruction can be a long C call the wrappers cannot charge (comparing two
-- strings of megabytes: ~4 ms each), and the deadline must hold within 10 %: 100 instructions
-- are ~20 such comparisons. A longer interval while ticks are quick was tried and kept no such
-- bound (a quick tick says nothing about the next one), so every thread uses EVERY.
-- The hook's own instructions use up part of each interval (hooks run in trap mode too):
-- state.hook_cost, measured once by calibrate(); state.per_tick (EVERY less that cost) is what
-- one tick adds to state.ticks, the count of agent instructions.
local EVERY = 100
-- A counted main thread whose deadline the host's alarm keeps (the watchdog rings at the deadline,
-- see alarm_rang) needs ticks only to count: at most this interval, and at most 1/20 of the budget.
local COUNTED_EVERY = 1000
local CHECK_EVERY_SECONDS = 0.002
local cpu_clock = os.clock
local state = { ticks = 0, max_ticks = 0, highwater_kb = 0, killed = false, pattern_budget = 0, checked = 0,
  hook_cost = 0, per_tick = EVERY, main_every = EVERY, main_per_tick = EVERY }
-- Preallocated messages: raising them allocates nothing, even at the memory limit.
local STOP = {
  instruction_limit = "run stopped: instruction limit reached",
  timeout = "run stopped: deadline reached",
  memory_limit = "run stopped: memory limit reached",
  output_limit = "run stopped: output limit reached",
}
local CHECK_CODES = { "timeout" }
local exempt = {}                -- trampoline functions that must finish even after a kill

local hook                       -- the limit hook (below)

local function set_hook_cost(cost)
  state.hook_cost, state.per_tick, state.main_per_tick = cost, EVERY - cost, state.main_every - cost
end

local function over_limits(per_tick)
  state.ticks = state.ticks + per_tick
  if state.ticks > state.max_ticks then return "instruction_limit" end
  if gc("count") > state.highwater_kb then
    -- [3.5] near the limit Lua would thrash in emergency GCs; collect once, then kill.
    gc("collect")
    if gc("count") > state.highwater_kb then return "memory_limit" end
  end
  local now = cpu_clock()
  if now - state.checked >= CHECK_EVERY_SECONDS then
    state.checked = now
    local c = check()
    if c ~= 0 then return CHECK_CODES[c] end
  end
  return false
end

-- [3.5] Without an instruction budget (state.alarm) the main thread runs with no hook: the
-- host's watchdog sets this hook on it, count 1, once the deadline passes or a stop is asked
-- (bridge/alarm.py). Coroutines keep their count hook: the watchdog only reaches the main thread.
local function alarm_rang()
  local code = check()
  if code ~= 0 then return CHECK_CODES[code] end
  -- rung for no reason: back to how the run began (no hook, still registered; or counting)
  sethook(hook, "", state.alarm and 0 or state.main_every)
  return false
end

-- Lua's debug library keeps each thread's hook function in this registry table (ldblib.c).
local main_thread = co_running()
sethook(function() end, "", 0)
local hook_table = rawget(debug.getregistry(), "_HOOKKEY")
if type(hook_table) ~= "table" then hook_table = nil end

-- [3.1, 3.4] The kill is sticky: once a limit is hit, every later hook call raises
-- again, re-armed to fire on every instruction, so pcall loops cannot swallow it.
function hook()
  local killed = state.killed
  if not killed then
    local _, is_main = co_running()
    if not is_main then
      killed = over_limits(state.per_tick)
    elseif state.alarm or (state.rings and select(3, gethook()) == 1) then   -- the host's alarm rang
      killed = alarm_rang()
    else
      killed = over_limits(state.main_per_tick)
    end
    if killed then state.killed = killed end
  end
  if killed and not exempt[getinfo(2, "f").func] then
    sethook(co_running(), hook, "", 1)
    error(STOP[killed], 0)
  end
end

-- Charge work done inside one C call (bytes scanned) to the budget and look at the clock.
-- One C call can scan megabytes where no hook reaches (nor the alarm: it rings between
-- instructions): count 64 KiB as one tick, and stop the run before a call whose estimated
-- time (bytes x COST, in seconds) would end it past the deadline (check(ahead), bridge/sandbox.py).
-- COST: seconds a unit costs in the slowest C functions of each kind, measured on a loaded 2-core
-- box with margin: a byte of a memcpy-like copy, of a string.pack/unpack format, of a subject the
-- pattern matcher scans (gsub with a table: 66 ns); an item table.move moves or sort compares.
local COST = { copy = 5e-9, format = 3e-8, pattern = 1e-7, item = 1e-7 }

local function stop_if_killed()
  if state.killed then error(STOP[state.killed], 0) end
end

-- End the run with a limit code (sticky: the hook raises it again at every later instruction).
local function kill(code)
  state.killed = code
  error(STOP[code], 0)
end

-- Whether a C call of ``seconds`` (estimated) would end past the deadline. A call estimated at
-- nothing looks only when it was long (over 1 MiB), as before the look-ahead.
local function late(seconds, bytes)
  return (seconds > 0 or bytes > 1048576) and check(seconds) ~= 0
end

local function charge(bytes, cost)
  if bytes <= 65536 then return end
  state.ticks = state.ticks + (bytes // 65536) * EVERY
  stop_if_killed()
  if state.ticks > state.max_ticks then kill("instruction_limit") end
  if late(bytes * cost, bytes) then kill("timeout") end
end

-- The same for C work counted in items (table.move, table.sort): ``items`` x COST.item seconds.
local function ahead(items)
  if items > 65536 and not state.killed and late(items * COST.item, 0) then kill("timeout") end
end

-- Errors of library functions called through a wrapper read as plain Lua writes them: the
-- snippet's position, the name the snippet called the function by, the argument number it
-- sees. Each wrapper calls its native as `relay(xpcall(f, labels[f], ...))` directly in its
-- body, so that at the error the stack is: relabel (tail-called by the label), f, xpcall, wrapper, caller.
local s_match = string.match
local labels = {}

local function relay(ok, ...)
  if ok then return ... end
  error((...), 0)
end

local function relabel(f, public, e)
  if state.killed or type(e) ~= "string" then return e end
  local raiser = getinfo(2, "f")
  if not raiser or raiser.func ~= f then return e end   -- raised deeper (a callback): as it is
  local call, caller = getinfo(4, "n"), getinfo(5, "Sl")
  local name, namewhat = call and call.name, call and call.namewhat or ""
  local arg, msg = s_match(e, "^bad argument #(%d+) to '[^']*' (%(.*%))$")
  if arg then
    arg = tonumber(arg)
    if namewhat == "method" then arg = arg - 1 end
    if arg == 0 then
      e = "calling '" .. tostring(name) .. "' on bad self " .. msg
    else
      e = "bad argument #" .. arg .. " to '" .. (name or public) .. "' " .. msg
    end
  end
  -- luaL_error names the caller's line; the VM's own errors (attempt to ...) raised in C do not.
  if caller and caller.currentline > 0 and not s_find(e, "^attempt to ") then e = caller.short_src .. ":" .. caller.currentline .. ": " .. e end
  return e
end

local function labeled(f, public)
  labels[f] = function(e) return relabel(f, public, e) end
  return f
end

-- Wrap a library function whose cost grows with the length of its first (string) argument:
-- one such call can scan megabytes where no hook reaches, so charge() counts it and reads the
-- clock after a long one (a loop of such calls keeps the deadline).
local function charged(f, public, cost)
  labeled(f, public)
  local label = labels[f]
  return function(...)
    local s = ...
    if type(s) == "string" then charge(#s, cost) end
    return relay(xpcall(f, label, ...))
  end
end

-- A failed allocation raises Lua's preallocated message. Hitting the memory limit ends the run,
-- like the other limits: a pcall loop must not keep the heap at the limit.
local MEMORY_ERROR = "not enough memory"
local function sticky_memory(ok, ...)
  if not ok and rawequal((...), MEMORY_ERROR) then
    kill("memory_limit")
  end
  return ok, ...
end

local function sb_pcall(f, ...)
  return sticky_memory(pcall(f, ...))
end

local resume_label = labels[labeled(co_resume, "coroutine.resume")]
local function sb_resume(...)
  return sticky_memory(relay(xpcall(co_resume, resume_label, ...)))
end

-- [3.3] hooks are per coroutine: every coroutine the agent makes gets ours.
local create_label = labels[labeled(co_create, "coroutine.create")]
local function sb_create(...)
  local co = relay(xpcall(co_create, create_label, ...))
  -- A new thread starts a fresh hook count: charge a tick up front so that swarms of short
  -- coroutines (each under one interval) are counted too.
  state.ticks = state.ticks + EVERY
  sethook(co, hook, "", state.killed and 1 or EVERY)
  return co
end

-- As lua 5.4's auxwrap: an error inside the coroutine closes its pending <close> variables
-- (unless the run was stopped: they would run with hooks off), and a string error gets the
-- caller's position in front.
local function sb_wrap(f)
  if type(f) ~= "function" then
    error("bad argument #1 to 'wrap' (function expected, got " .. (f == nil and "no value" or type(f)) .. ")", 2)
  end
  local co = sb_create(f)
  return function(...)
    local r = pack(sb_resume(co, ...))
    if r[1] then return unpack(r, 2, r.n) end
    local e = r[2]
    if co_status(co) == "dead" and not state.killed then
      local closed, ce = co_close(co)
      if not closed then e = ce end
    end
    if type(e) == "string" and not state.killed then error(e, 2) end
    error(e, 0)
  end
end

-- [3.4] closing a killed coroutine runs its <close> handlers with hooks off.
local function sb_close(co)
  stop_if_killed()
  return co_close(co)
end

-- [3.4] after a kill the message handler would run with hooks off: skip it.
local function sb_xpcall(f, handler, ...)
  return sticky_memory(xpcall(f, function(m)
    if state.killed then return m end
    return handler(m)
  end, ...))
end

-- [3.4] finalizers run with hooks disabled (and again at lua_close).
local setmetatable_label = labels[labeled(setmetatable, "setmetatable")]
local function sb_setmetatable(...)
  local _, mt = ...
  if type(mt) == "table" and rawget(mt, "__gc") ~= nil then
    error("setmetatable: __gc metamethods are not allowed in the sandbox", 2)
  end
  return relay(xpcall(setmetatable, setmetatable_label, ...))
end

-- [3.6] Lua patterns backtrack inside C where no hook reaches: refuse a call whose worst case
-- on its subject (pattern_cost, sandbox_patterns.lua) is over the budget.
local function guard_pattern(fname, s, p)
  if type(s) ~= "string" and type(s) ~= "number" then return end
  if type(p) ~= "string" and type(p) ~= "number" then return end
  s, p = tostring(s), tostring(p)
  local steps, scanned = pattern_cost(s, p, state.pattern_budget)
  charge(scanned, COST.copy)
  if steps > state.pattern_budget then
    error(fname .. ": pattern too costly for a subject of " .. #s .. " bytes "
      .. "(it could backtrack for minutes); use string.find(s, text, 1, true) for plain text, "
      .. "items that cannot overlap (like [^,]+ instead of .-), or a shorter subject", 3)
  end
end

local guarded_string = {}
for k, v in next, string do guarded_string[k] = v end
guarded_string.dump = nil                              -- [4] no bytecode, ever
for _, fname in ipairs({ "byte", "format", "lower", "upper", "reverse", "sub", "len", "pack", "unpack" }) do
  guarded_string[fname] = charged(string[fname], "string." .. fname, (fname == "pack" or fname == "unpack") and COST.format or COST.copy)
end
for _, fname in ipairs({ "match", "gmatch", "gsub" }) do
  local f = labeled(string[fname], "string." .. fname)
  local label = labels[f]
  guarded_string[fname] = function(...)
    local s, p = ...
    guard_pattern(fname, s, p)
    if type(s) == "string" then charge(#s, COST.pattern) end  -- the matcher scans the subject
    return relay(xpcall(f, label, ...))
  end
end
do
  local find = labeled(string.find, "string.find")
  local find_label, rep_label = labels[find], labels[labeled(s_rep, "string.rep")]
  local function is_text(v)
    local tv = type(v)
    return tv == "string" or tv == "number"
  end
  local function text_length(v) return is_text(v) and #tostring(v) or 0 end
  -- find is often called in a loop over one long subject: charge what the matcher scanned
  -- (from init to the match, or to the end), not the whole subject each time.
  local function found(s, init, a, ...)
    if type(s) == "string" then
      local from = math.tointeger(init) or 1
      if from < 0 then from = #s + from + 1 end
      charge((a or #s) - from, 0)
    end
    return a, ...
  end
  guarded_string.find = function(...)
    local s, p, init, plain = ...
    if not plain then
      guard_pattern("find", s, p)
    elseif type(s) == "string" and type(p) == "string" then
      charge(#s * (#p // 64), COST.copy)               -- plain search is O(#s x #p) at worst
    end
    return found(s, init, relay(xpcall(find, find_label, ...)))
  end
  -- An empty string repeated 1e15 times loops in C without allocating anything.
  guarded_string.rep = function(...)
    local s, n, sep = ...
    local count = tonumber(n)
    local piece = text_length(s) + text_length(sep)
    -- (only when the native would succeed: a non-string s or sep raises there, as in plain Lua)
    if count and count > 1 and piece == 0 and is_text(s) and (sep == nil or is_text(sep)) then return "" end
    local size = count and piece * count or 0
    -- larger results fail at once (memory), as do results over the heap (no time to look ahead for)
    if size > 1 and size < 2^31 then charge(size, size < state.highwater_kb * 1024 and COST.copy or 0) end
    return relay(xpcall(s_rep, rep_label, ...))
  end
end
-- [4] The shared string metatable. During a run its __index is the run's own `string` table
-- (so `function string.trim(s) ... end` then `s:trim()` works as in plain Lua) and
-- getmetatable("") returns a per-run stand-in {__index = string}: what the snippet changes there
-- stays in its run. Between runs: the guarded copy, unreachable. Trusted code never calls
-- string methods, so a snippet's string.find = ... cannot reach it.
local string_mt = getmetatable("")
local function string_methods(lib)
  string_mt.__index = lib or guarded_string
  string_mt.__metatable = lib and { __index = lib } or false
end
string_methods(nil)

local safe_table = {}
for k, v in next, table do safe_table[k] = v end
do
  local move, sort, insert, remove = table.move, table.sort, table.insert, table.remove
  -- table.move over a huge range loops in C without allocating (nil to nil).
  safe_table.move = function(a1, f, e, t, a2)
    local first, last = tonumber(f), tonumber(e)
    if first and last and last - first > 10000000 then
      error("table.move: range too large (at most 10,000,000 elements)", 2)
    end
    if first and last then ahead(last - first) end
    return move(a1, f, e, t, a2)
  end
  -- A table with a metatable can lie about its length (__len) and hide its items behind
  -- __index: the C functions would then loop in C, where no hook reaches, for as long as the
  -- lie says. Such tables are handled here in Lua, step by step under the hook, with the
  -- checks and messages of Lua 5.4's ltablib.c; plain tables go to the C functions.
  local function proxied(t) return type(t) == "table" and raw_getmetatable(t) ~= nil end
  local function length(t)
    local n = math.tointeger(#t)
    if not n then error("object length is not an integer", 3) end
    return n
  end
  local function integer(v, arg, fname)
    local n = math.tointeger(v)
    if n then return n end
    if type(v) == "number" or (type(v) == "string" and tonumber(v)) then
      error("bad argument #" .. arg .. " to '" .. fname .. "' (number has no integer representation)", 3)
    end
    error("bad argument #" .. arg .. " to '" .. fname .. "' (number expected, got "
      .. (v == nil and "no value" or type(v)) .. ")", 3)
  end
  local function items(t, first, last)          -- t[first..last] read through its metamethods
    local out = {}
    for i = first, last do out[i - first + 1] = t[i] end
    return out
  end
  local insert_label, remove_label = labels[labeled(insert, "table.insert")], labels[labeled(remove, "table.remove")]
  local concat_label, unpack_label = labels[labeled(concat, "table.concat")], labels[labeled(unpack, "table.unpack")]
  local sort_label = labels[labeled(sort, "table.sort")]
  -- concat and unpack loop over a range in C (also when used as metamethods): charge the range.
  local function span(t, i, j)
    local first, last = tonumber(i) or 1, tonumber(j) or (type(t) == "table" and rawlen(t) or 0)
    if last - first > 4096 then charge((last - first) * 16, COST.copy) end
  end
  safe_table.concat = function(...)
    local t, sep, i, j = ...
    if not proxied(t) then
      span(t, i, j)
      return relay(xpcall(concat, concat_label, ...))
    end
    local last = length(t)
    i = i == nil and 1 or integer(i, 3, "concat")
    last = j == nil and last or integer(j, 4, "concat")
    local parts = {}
    for k = i, last do
      local v = t[k]
      if type(v) ~= "string" and type(v) ~= "number" then
        error("invalid value (" .. (v == nil and "nil" or type(v)) .. ") at index " .. k .. " in table for 'concat'", 2)
      end
      parts[k - i + 1] = v
    end
    return relay(xpcall(concat, concat_label, parts, sep))
  end
  safe_table.unpack = function(...)
    local t, i, j = ...
    if not proxied(t) then
      span(t, i, j)
      return relay(xpcall(unpack, unpack_label, ...))
    end
    i = i == nil and 1 or integer(i, 2, "unpack")
    local e = j == nil and length(t) or integer(j, 3, "unpack")
    if i > e then return end
    if e - i >= 999000 then error("too many results to unpack", 2) end
    return unpack(items(t, i, e), 1, e - i + 1)
  end
  safe_table.insert = function(...)
    local t = ...
    if not proxied(t) then return relay(xpcall(insert, insert_label, ...)) end
    local nargs = select("#", ...)
    local e = length(t) + 1
    if nargs == 2 then
      t[e] = (select(2, ...))
      return
    end
    if nargs ~= 3 then error("wrong number of arguments to 'insert'", 2) end
    local _, pos, v = ...
    pos = integer(pos, 2, "insert")
    if pos < 1 or pos > e then error("bad argument #2 to 'insert' (position out of bounds)", 2) end
    for k = e, pos + 1, -1 do t[k] = t[k - 1] end
    t[pos] = v
  end
  safe_table.remove = function(...)
    local t, pos = ...
    if not proxied(t) then return relay(xpcall(remove, remove_label, ...)) end
    local size = length(t)
    pos = pos == nil and size or integer(pos, 2, "remove")
    if pos ~= size and (pos < 1 or pos > size + 1) then
      error("bad argument #2 to 'remove' (position out of bounds)", 2)
    end
    local v = t[pos]
    while pos < size do
      t[pos] = t[pos + 1]
      pos = pos + 1
    end
    t[pos] = nil
    return v
  end
  -- Without a comparator, sort compares in C where no hook reaches; strings of megabytes make
  -- each comparison long, so then compare in Lua and charge long strings to the budget.
  local function long_strings(t)
    for i = 1, rawlen(t) do
      local v = rawget(t, i)
      if type(v) == "string" and #v > 65536 then return true end
    end
    return false
  end
  local function less(a, b) return a < b end
  -- n log2 n comparisons in C, where no hook reaches (a Lua comparator is reached by the hook)
  local function compared(n, comp)
    if n > 4096 and (type(comp) ~= "function" or getinfo(comp, "S").what == "C") then
      ahead(n * math.log(n, 2))
    end
  end
  safe_table.sort = function(...)
    local t, comp = ...
    if proxied(t) then
      local n = length(t)
      if n <= 1 then return end
      if n >= 0x7fffffff then error("bad argument #1 to 'sort' (array too big)", 2) end
      compared(n, comp)
      local copy = items(t, 1, n)
      relay(xpcall(sort, sort_label, copy, comp))
      for i = 1, n do t[i] = copy[i] end
      return
    end
    if type(t) ~= "table" then return relay(xpcall(sort, sort_label, ...)) end
    compared(rawlen(t), comp)
    if not long_strings(t) then return relay(xpcall(sort, sort_label, ...)) end
    local inner = comp or less                     -- a C comparator (rawequal) also compares in C
    return relay(xpcall(sort, sort_label, t, function(a, b)
      if type(a) == "string" then charge(#a, COST.copy) end
      return inner(a, b)
    end))
  end
end

local safe_math = {}
for k, v in next, math do safe_math[k] = v end
safe_math.randomseed = nil                             -- the generator is shared by every run

local safe_utf8 = {}
for k, v in next, utf8 do safe_utf8[k] = v end
for _, fname in ipairs({ "len", "offset", "codepoint" }) do safe_utf8[fname] = charged(utf8[fname], "utf8." .. fname, COST.copy) end

local os_date = os.date
local safe_os = { time = os.time, clock = os.clock, difftime = os.difftime }
local date_label = labels[labeled(os_date, "os.date")]
function safe_os.date(...)
  local format = ...
  -- Each directive is a strftime call in C: a format of megabytes runs for seconds.
  if type(format) == "string" and #format > 4096 then error("os.date: format longer than 4096 bytes", 2) end
  return relay(xpcall(os_date, date_label, ...))
end

-- Where in an argument table a string is not valid UTF-8 (the host cannot decode it to say).
-- It runs inside a host callback, with the memory limit lifted: raw reads only, no tostring of
-- agent values (a key's __tostring would run unlimited), names cut short, depth bounded.
local function key_name(k)
  if type(k) == "string" then return u_len(k) and (#k > 64 and (s_sub(k, 1, 60) .. "...") or k) or "?" end
  if m_type(k) == "integer" then return s_format("%d", k) end
  return "(" .. type(k) .. " key)"
end

local function invalid_utf8_path(value, path, depth)
  if type(value) == "string" then return (not u_len(value)) and path or nil end
  if type(value) ~= "table" or depth > 40 then return nil end
  for k, v in next, value do
    local name = key_name(k)
    local here = path == "" and name or (path .. "." .. name)
    if type(k) == "string" and not u_len(k) then return here end
    local found = invalid_utf8_path(v, here, depth + 1)
    if found then return found end
  end
  return nil
end

local BASE = {
  "assert", "error", "ipairs", "next", "pairs", "rawequal", "rawget", "rawlen", "rawset",
  "select", "tonumber", "tostring", "type", "getmetatable", "_VERSION",
}

local function copy(t)
  local c = {}
  for k, v in next, t do c[k] = v end
  return c
end

-- Every crossing into Python lifts the memory limit first: [2.6] lupa deadlocks or
-- aborts when an allocation fails while it converts a callback's arguments or result.
-- lupa converts the arguments before the Python callback runs and raises when it cannot (a string
-- that is not UTF-8): the pcall makes sure the limit is restored on that path too, and the error
-- (a Python exception object) never reaches agent code.
local CROSSING_FAILED = "an argument of this call cannot be passed to the host (a string that is not valid UTF-8?)"
local function cross(fn, ...)
  stop_if_killed()
  unlimit()
  local crossed, ok, v, private = pcall(fn, ...)
  relimit()
  if not crossed then
    local e = { code = "invalid_value", message = CROSSING_FAILED, retryable = false }
    return false, e, { code = "invalid_value", message = CROSSING_FAILED, retryable = false }
  end
  return ok, v, private
end

-- Call errors are tables; the host issues each with a private copy of its fields, kept here
-- (out of the snippet's reach): an edited and re-raised error still reports what the host saw.
local issued = setmetatable({}, { __mode = "k" })
local ERROR_MT = {
  __metatable = "bridge error",
  __tostring = function(e)
    local where = e.operation and (e.operation .. (e.account and (" [" .. e.account .. "]") or "") .. ": ") or ""
    return where .. tostring(e.code) .. ": " .. tostring(e.message)
  end,
}

-- An error table the host made becomes a call error, with the host's private copy of its fields.
local function issue(err, private)
  setmetatable(err, ERROR_MT)
  issued[err] = private or { code = "runtime_error", message = "The bridge raised an error without its fields." }
  return err
end

local function raise(err, private, level)
  error(issue(err, private), level)
end

-- Text for the host: valid UTF-8 is kept as it is, each byte that is not part of a valid
-- UTF-8 character is shown as \xNN (two hex digits). Linear in the length of the text.
local UTF8_LENGTH = { [0xC] = 2, [0xD] = 2, [0xE] = 3, [0xF] = 4 }
local function safe_text(s)
  if u_len(s) then return s end
  local out, i, len = {}, 1, #s
  while i <= len do
    local at = s_find(s, "[\128-\255]", i)
    if not at then out[#out + 1] = s_sub(s, i); break end
    if at > i then out[#out + 1] = s_sub(s, i, at - 1) end
    local b = s_byte(s, at)
    local size = UTF8_LENGTH[b >> 4] or 1
    if size > 1 and u_len(s, at, at) == 1 and (u_len(s_sub(s, at, at + size - 1))) == 1 then
      out[#out + 1] = s_sub(s, at, at + size - 1)
      i = at + size
    else
      out[#out + 1] = s_format("\\x%02X", b)
      i = at + 1
    end
  end
  return concat(out)
end

local function checked_text(s, what)
  if type(s) ~= "string" then return s end
  if not u_len(s) then error(what .. " is not valid UTF-8 text", 3) end
  return s
end

-- Readable tables for print: {a = 1, list = {1, 2}}. Runs as trusted Lua under the hook, reads
-- tables raw (no __index/__pairs), stops at a depth, an item count and a size, and marks cycles.
-- A table with its own __tostring (bridge error values, for one) prints through it.
local RENDER_DEPTH, RENDER_ITEMS, RENDER_BYTES = 6, 100, 16384
local QUOTE = { ['"'] = '\\"', ["\\"] = "\\\\", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }
for b = 0, 31 do
  local c = string.char(b)
  if not QUOTE[c] then QUOTE[c] = s_format("\\%d", b) end
end

local function quoted(s)
  return '"' .. s_gsub(s, '[%c"\\]', QUOTE) .. '"'
end

local function key_order(a, b)
  local ta, tb = type(a), type(b)
  if ta ~= tb then return ta == "number" end
  if ta == "number" or ta == "string" then return a < b end
  return tostring(a) < tostring(b)
end

local render
local function render_table(t, depth, path, out)
  if path[t] then out.n = out.n + 1; out[out.n] = "<cycle>"; return end
  if depth >= RENDER_DEPTH then out.n = out.n + 1; out[out.n] = "{...}"; return end
  local keys, count, n, array = {}, 0, rawlen(t), true
  for k in next, t do
    count = count + 1
    if count <= RENDER_ITEMS * 10 then keys[count] = k end
    array = array and m_type(k) == "integer" and k >= 1 and k <= n
  end
  if count == 0 then out.n = out.n + 1; out[out.n] = "{}"; return end
  if not array and #keys == count then sort(keys, key_order) end
  path[t] = true
  out.n = out.n + 1; out[out.n] = "{"
  for i = 1, math.min(#keys, RENDER_ITEMS) do
    if out.bytes > RENDER_BYTES then break end
    if i > 1 then out.n = out.n + 1; out[out.n] = ", " end
    local k = array and i or keys[i]
    if not array then
      out.n = out.n + 1
      out[out.n] = (type(k) == "string" and s_find(k, "^[%a_][%w_]*$")) and (k .. " = ")
        or ("[" .. (type(k) == "string" and quoted(k) or tostring(k)) .. "] = ")
    end
    render(rawget(t, k), depth + 1, path, out)
  end
  if count > RENDER_ITEMS or out.bytes > RENDER_BYTES then
    out.n = out.n + 1; out[out.n] = ", ... (" .. count .. " entries)"
  end
  out.n = out.n + 1; out[out.n] = "}"
  path[t] = nil
end

render = function(v, depth, path, out)
  local s
  if type(v) == "table" then
    local mt = raw_getmetatable(v)
    if not (mt and rawget(mt, "__tostring") ~= nil) then return render_table(v, depth, path, out) end
    s = tostring(v)
  elseif type(v) == "string" and depth > 0 then
    s = quoted(#v > 1024 and (s_sub(v, 1, 1024) .. "...") or v)
  else
    s = tostring(v)
  end
  out.n = out.n + 1
  out[out.n] = s
  out.bytes = out.bytes + #s
end

local function printable(v)
  if type(v) ~= "table" then return tostring(v) end
  local out = { n = 0, bytes = 0 }
  render(v, 0, {}, out)
  return concat(out, "", 1, out.n)
end

-- JSON in trusted Lua, so that encoding and decoding run under the hook and the memory limit.
-- Tables are read raw. An array is a table whose keys are exactly 1..n (n >= 1); every other
-- table is an object ({} encodes as {}, unless it crossed as a list); object keys must be strings (integers are written as
-- strings). JSON null decodes to nil.
local JSON_DEPTH = 200
-- Tables that crossed as lists (host results, json.decode of "[]"), weakly held: an empty one stays
-- a list for json.encode and for the host (sandbox.is_array), where a plain {} is an object.
local arrays = setmetatable({}, { __mode = "k" })
local JSON_ESCAPE = { ['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f", ["\n"] = "\\n",
  ["\r"] = "\\r", ["\t"] = "\\t" }
for b = 0, 31 do
  local c = string.char(b)
  if not JSON_ESCAPE[c] then JSON_ESCAPE[c] = s_format("\\u%04x", b) end
end

local function json_fail(message) error("json." .. message, 0) end

local encode_value
local function encode_string(s, out)
  if not u_len(s) then json_fail("encode: a string is not valid UTF-8") end
  charge(#s, COST.pattern)                         -- one gsub over the whole string
  out[#out + 1] = '"' .. s_gsub(s, '[%c"\\]', JSON_ESCAPE) .. '"'
end

local function encode_number(x, out)
  if m_type(x) == "integer" then out[#out + 1] = s_format("%d", x); return end
  if x ~= x or x == math.huge or x == -math.huge then json_fail("encode: NaN and infinity have no JSON form") end
  local text = s_format("%.14g", x)
  if tonumber(text) ~= x then text = s_format("%.17g", x) end
  if not s_find(text, "[%.eEn]") then text = text .. ".0" end    -- keep floats floats on the way back
  out[#out + 1] = text
end

local function encode_table(t, out, path, depth)
  if path[t] then json_fail("encode: a table contains itself") end
  if depth > JSON_DEPTH then json_fail("encode: tables nested deeper than " .. JSON_DEPTH .. " levels") end
  local count, n, array = 0, rawlen(t), true
  for k in next, t do
    count = count + 1
    array = array and m_type(k) == "integer" and k >= 1 and k <= n
  end
  path[t] = true
  if (count > 0 and array) or (count == 0 and arrays[t]) then
    out[#out + 1] = "["
    for i = 1, n do
      if i > 1 then out[#out + 1] = "," end
      encode_value(rawget(t, i), out, path, depth + 1)
    end
    out[#out + 1] = "]"
  else
    local keys = {}
    for k in next, t do
      if m_type(k) == "integer" then k = tostring(k)
      elseif type(k) ~= "string" then json_fail("encode: object keys must be strings, got a " .. type(k)) end
      keys[#keys + 1] = k
    end
    sort(keys)
    out[#out + 1] = "{"
    for i, k in ipairs(keys) do
      if i > 1 then out[#out + 1] = "," end
      encode_string(k, out)
      out[#out + 1] = ":"
      local v = rawget(t, k)
      if v == nil then v = rawget(t, tonumber(k)) end
      encode_value(v, out, path, depth + 1)
    end
    out[#out + 1] = "}"
  end
  path[t] = nil
end

encode_value = function(v, out, path, depth)
  local tv = type(v)
  if tv == "string" then encode_string(v, out)
  elseif tv == "number" then encode_number(v, out)
  elseif tv == "boolean" then out[#out + 1] = v and "true" or "false"
  elseif tv == "nil" then out[#out + 1] = "null"
  elseif tv == "table" then encode_table(v, out, path, depth)
  else json_fail("encode: a " .. tv .. " has no JSON form") end
end

local function json_encode(v)
  local out = {}
  encode_value(v, out, {}, 0)
  return concat(out)
end

local JSON_UNESCAPE = { ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n", r = "\r", t = "\t" }

local function json_decode(s)
  if type(s) ~= "string" then json_fail("decode: expects a string, got a " .. type(s)) end
  if not u_len(s) then json_fail("decode: the text is not valid UTF-8") end
  charge(#s, COST.pattern)                         -- a string or a blank stretch is one scan in C
  local pos, len = 1, #s
  local function fail(what) json_fail("decode: " .. what .. " at byte " .. pos) end
  local function skip() pos = s_find(s, "[^ \t\r\n]", pos) or (len + 1) end
  local value

  local function str()
    local parts = {}
    pos = pos + 1
    while true do
      local at = s_find(s, '["\\%c]', pos)
      if not at then fail("unterminated string") end
      parts[#parts + 1] = s_sub(s, pos, at - 1)
      local c = s_byte(s, at)
      if c == 34 then pos = at + 1; return concat(parts) end
      if c ~= 92 then pos = at; fail("control character in a string") end
      local e = s_sub(s, at + 1, at + 1)
      if e == "u" then
        local hex = s_sub(s, at + 2, at + 5)
        local code = #hex == 4 and not s_find(hex, "[^%x]") and tonumber(hex, 16)
        if not code then pos = at; fail("bad \\u escape") end
        pos = at + 6
        if code >= 0xD800 and code <= 0xDBFF and s_sub(s, pos, pos + 1) == "\\u" then
          local low = tonumber(s_sub(s, pos + 2, pos + 5), 16)
          if low and low >= 0xDC00 and low <= 0xDFFF then
            code = 0x10000 + (code - 0xD800) * 0x400 + (low - 0xDC00)
            pos = pos + 6
          end
        end
        if code >= 0xD800 and code <= 0xDFFF then code = 0xFFFD end
        parts[#parts + 1] = u_char(code)
      else
        local r = JSON_UNESCAPE[e]
        if not r then pos = at; fail("bad escape") end
        parts[#parts + 1] = r
        pos = at + 2
      end
    end
  end

  local function number()
    local first, last = s_find(s, "^-?%d+", pos)
    if not first then fail("unexpected character") end
    local float = false
    local f2, l2 = s_find(s, "^%.%d+", last + 1)
    if f2 then last, float = l2, true end
    local f3, l3 = s_find(s, "^[eE][-+]?%d+", last + 1)
    if f3 then last, float = l3, true end
    local text = s_sub(s, first, last)
    pos = last + 1
    local x = tonumber(text)
    if float then return x + 0.0 end
    return x
  end

  local function container(depth, close)
    if depth > JSON_DEPTH then fail("nesting deeper than " .. JSON_DEPTH .. " levels") end
    local t, n = {}, 0
    pos = pos + 1
    skip()
    if s_byte(s, pos) == close then
      pos = pos + 1
      if close == 93 then arrays[t] = true end
      return t
    end
    while true do
      skip()
      if close == 93 then
        n = n + 1
        t[n] = value(depth + 1)
      else
        if s_byte(s, pos) ~= 34 then fail("expected a string key") end
        local k = str()
        skip()
        if s_byte(s, pos) ~= 58 then fail("expected ':'") end
        pos = pos + 1
        skip()
        t[k] = value(depth + 1)
      end
      skip()
      local c = s_byte(s, pos)
      pos = pos + 1
      if c == close then return t end
      if c ~= 44 then pos = pos - 1; fail("expected ',' or '" .. string.char(close) .. "'") end
    end
  end

  local LITERALS = { t = { "true", true }, f = { "false", false }, n = { "null", nil } }
  value = function(depth)
    skip()
    local c = s_byte(s, pos)
    if c == 123 then return container(depth, 125) end
    if c == 91 then return container(depth, 93) end
    if c == 34 then return str() end
    if c == nil then fail("unexpected end of text") end
    local lit = LITERALS[string.char(c)]
    if lit then
      if s_sub(s, pos, pos + #lit[1] - 1) ~= lit[1] then fail("unexpected character") end
      pos = pos + #lit[1]
      return lit[2]
    end
    return number()
  end

  local result = value(0)
  skip()
  if pos <= len then fail("text after the JSON value") end
  return result
end

local json_lib = { encode = json_encode, decode = json_decode }

local function sb_print(...)
  local args = pack(...)
  local parts = {}
  for i = 1, args.n do parts[i] = printable(args[i]) end
  local line = safe_text(concat(parts, "\t"))
  local _, over = cross(host_print, line)
  if over then
    state.killed = "output_limit"
    error(STOP.output_limit, 0)
  end
end

-- Integration functions handed out to agents -> what they call, so app.parallel can send them.
local callable = setmetatable({}, { __mode = "k" })

local function make_function(integration, account, fname, ns)
  local fn = function(args, extra, ...)
    if rawequal(args, ns) then args = extra end       -- tolerate ns:fn{...}
    local ok, v, private = cross(host_call, integration, account, fname, args)
    if ok then return v end
    raise(v, private, 2)
  end
  callable[fn] = { integration, account, fname }
  return fn
end

-- app.parallel({ {fn, args}, ... }, opts) and app.map(fn, {args, ...}, opts): integration calls
-- that the host sends concurrently (bridge/parallel.py). Lua only builds the batch and shapes the
-- answer, {ok=true, value=} or {ok=false, error=<call error>} per item, in the items' order.
local function call_target(fn, where)
  local target = callable[fn]
  if not target then
    error(where .. " must be a function of app.integrations (like app.integrations.customerio.get_person_attributes)", 3)
  end
  return target
end

local function array_arg(t, fname, n)
  if type(t) ~= "table" then error("bad argument #" .. n .. " to '" .. fname .. "' (array expected)", 3) end
  local count = 0
  for _ in next, t do count = count + 1 end
  if count ~= rawlen(t) then error("bad argument #" .. n .. " to '" .. fname .. "' (array expected: keys 1..n)", 3) end
  return count
end

local function send_batch(batch, opts, fname)
  if opts ~= nil and type(opts) ~= "table" then error("bad argument #3 to '" .. fname .. "' (table expected)", 3) end
  local ok, r, private = cross(host_parallel, batch, opts and rawget(opts, "concurrency"))
  if check() ~= 0 then                   -- the deadline passed during the batch: stop as the hook would
    state.killed = "timeout"
    error(STOP.timeout, 0)
  end
  if not ok then raise(r, private, 3) end
  local out = {}
  for i = 1, #batch do
    if rawget(r, 3 * i - 2) then
      out[i] = { ok = true, value = rawget(r, 3 * i - 1) }
    else
      local e = rawget(r, 3 * i - 1)             -- refused items share one error table
      out[i] = { ok = false, error = issued[e] and e or issue(e, rawget(r, 3 * i)) }
    end
  end
  return out
end

local function sb_parallel(calls, opts)
  local n = array_arg(calls, "parallel", 1)
  local batch = {}
  for i = 1, n do
    local item = rawget(calls, i)
    if type(item) ~= "table" then error("app.parallel: item " .. i .. " must be a table { fn, args }", 2) end
    local target = call_target(rawget(item, 1), "app.parallel: item " .. i .. "'s first value")
    batch[i] = { target[1], target[2], target[3], rawget(item, 2) }
  end
  return send_batch(batch, opts, "parallel")
end

local function sb_map(fn, list, opts)
  local target = call_target(fn, "app.map: the first argument")
  local n = array_arg(list, "map", 2)
  local batch = {}
  for i = 1, n do batch[i] = { target[1], target[2], target[3], rawget(list, i) } end
  return send_batch(batch, opts, "map")
end

-- An unknown name at the integration's root may be a misspelt function or an account
-- that is not configured: the answer depends on whether the agent calls it or indexes it.
local function unknown(integration, key)
  return setmetatable({}, {
    __metatable = "locked",
    __call = function()
      local _, e, private = cross(host_resolve, integration, false, key)
      raise(e, private, 2)
    end,
    __index = function(_, name)
      name = checked_text(tostring(name), "a name")
      local _, e, private = cross(host_resolve, integration, key, name)
      raise(e, private, 2)
    end,
  })
end

local function namespace(integration, account)
  local ns = {}
  return setmetatable(ns, {
    __metatable = "locked",
    __index = function(t, key)
      if type(key) ~= "string" then return nil end
      checked_text(key, "a name")
      local ok, kind, private = cross(host_resolve, integration, account, key)
      if not ok then raise(kind, private, 2) end
      local v
      if kind == "account" then
        v = namespace(integration, key)
      elseif kind == "function" then
        v = make_function(integration, account, key, t)
      else
        return unknown(integration, key)
      end
      rawset(t, key, v)
      return v
    end,
    __newindex = function() error("app.integrations is read-only", 2) end,
  })
end

local function doc_function(op)
  return function(topic)
    local ok, v, private = cross(host_doc, op, checked_text(topic, "the topic"))
    if ok then return v end
    raise(v, private, 2)
  end
end

-- app.each(fn, args, opts): iterate the items of every page of a paginated call, page by page.
-- Generic: any function whose page holds one array of items and a cursor (default: the page's
-- `next`, passed back as `start`); opts: items=, next=, cursor=, max_items=. Plain Lua running
-- in the agent's thread, so the instruction budget and the call limits apply as to any loop.
local function page_items(page, next_key)
  local found
  for k, v in next, page do
    if k ~= next_key and type(v) == "table" then
      if found then
        error("app.each: the page has several arrays (" .. tostring(found) .. ", " .. tostring(k)
          .. "); name the one to iterate with the option items = \"...\"", 4)
      end
      found = k
    end
  end
  return found
end

local function sb_each(fn, args, opts)
  if type(fn) ~= "function" then error("bad argument #1 to 'each' (function expected)", 2) end
  if args ~= nil and type(args) ~= "table" then error("bad argument #2 to 'each' (table expected)", 2) end
  if opts ~= nil and type(opts) ~= "table" then error("bad argument #3 to 'each' (table expected)", 2) end
  opts = opts or {}
  local cursor, next_key, items_key = opts.cursor or "start", opts.next or "next", opts.items
  local max_items = opts.max_items or math.huge
  local query, seen = {}, {}
  for k, v in next, args or {} do query[k] = v end
  local page, list, i, count = nil, nil, 0, 0
  return function()
    while count < max_items do
      if page == nil then
        page = fn(query)
        if type(page) ~= "table" then return nil end
        items_key = items_key or page_items(page, next_key)
        list, i = items_key ~= nil and rawget(page, items_key) or {}, 0
      end
      i = i + 1
      local item = list[i]
      if item ~= nil then
        count = count + 1
        return item
      end
      local after = rawget(page, next_key)
      if after == nil or after == "" or seen[after] then return nil end
      seen[after] = true                -- a cursor seen before would loop forever
      query[cursor], page = after, nil
    end
    return nil
  end
end

local integration_names = {}

local function new_env(dry_run)
  local env = {}
  for _, k in ipairs(BASE) do env[k] = _G[k] end
  env.pcall, env.xpcall, env.setmetatable, env.print = sb_pcall, sb_xpcall, sb_setmetatable, sb_print
  env.string, env.table, env.math = copy(guarded_string), copy(safe_table), copy(safe_math)
  env.utf8, env.os = copy(safe_utf8), copy(safe_os)
  env.coroutine = {
    create = sb_create, wrap = sb_wrap, close = sb_close, resume = sb_resume,
    yield = coroutine.yield, status = coroutine.status, running = coroutine.running,
    isyieldable = coroutine.isyieldable,
  }
  local integrations = {}
  for _, name in ipairs(integration_names) do integrations[name] = namespace(name, nil) end
  env.app = { integrations = integrations, dry_run = dry_run == true, each = sb_each, parallel = sb_parallel,
    map = sb_map }
  env.json = copy(json_lib)
  env.lua_read_doc = doc_function("read")
  env.lua_list_docs = doc_function("list")
  env.lua_search_docs = doc_function("search")
  env._G = env
  return env
end

-- Error messages reach the host cut to this many bytes (a 14 MB message would reach every surface).
local MESSAGE_CAP = 4096

local function capped(text)
  if #text > MESSAGE_CAP then
    text = s_sub(text, 1, MESSAGE_CAP - 40) .. s_format("... (%d bytes in all)", #text)
  end
  return safe_text(text)
end

-- An agent's own error table keeps its fields for the host: at most 16 string keys with scalar
-- values, read raw, strings cut to 256 bytes (the host puts them in RunError.details).
local function own_fields(e)
  local fields, count, steps = {}, 0, 0
  for k, v in next, e do
    steps = steps + 1
    if steps > 64 or count >= 16 then break end
    local tv = type(v)
    if type(k) == "string" and #k <= 64 and u_len(k) and (tv == "string" or tv == "boolean"
        or (tv == "number" and v == v and v ~= math.huge and v ~= -math.huge)) then
      if tv == "string" then v = capped(#v > 256 and (s_sub(v, 1, 256) .. "...") or v) end
      fields[k] = v
      count = count + 1
    end
  end
  return fields
end

-- What the run failed with, as trusted values only (the host never sees an agent table):
-- issued call errors stay themselves; everything else becomes a described error.
local described = setmetatable({}, { __mode = "k" })

-- Runs in the message handler, at the error point, while hooks still count: an error
-- object's __tostring is agent code and must not run unhooked. Plain Lua's rules (lua.c):
-- strings and numbers as they are, __tostring if the value has one, else its type.
local function describe(e)
  if issued[e] or type(e) == "string" then return e end
  if type(e) == "number" then return tostring(e) end
  local mt = raw_getmetatable(e)
  local text
  if mt and rawget(mt, "__tostring") ~= nil then
    local ok, s = pcall(tostring, e)
    if ok and type(s) == "string" then text = s end
  end
  local d = { message = text or ("(error object is a " .. type(e) .. " value)") }
  if type(e) == "table" then d.fields = own_fields(e) end
  described[d] = true
  return d
end

-- The traceback lupa's message handler adds to errors raised while loading (a parser stack
-- overflow): the sandbox's own frames must not reach the agent.
local function without_traceback(msg)
  local at = s_find(msg, "\nstack traceback:", 1, true)
  return at and s_sub(msg, 1, at - 1) or msg
end

local sandbox = {}

function sandbox.configure(names, pattern_budget)
  integration_names = {}
  for i = 1, #names do integration_names[i] = names[i] end
  state.pattern_budget = pattern_budget
end

-- One run: compile as text only, hook the main thread, run under the memory limit,
-- and hand back {status, ...} where status is "ok", "error", "syntax" or a kill code.
function sandbox.run(code, name, max_instructions, highwater_kb, dry_run, alarm, rings)
  local env = new_env(dry_run)
  local loaded, chunk, err = pcall(load, code, "=" .. name, "t", env)
  if not loaded then chunk, err = nil, chunk end
  if not chunk then return { "syntax", capped(without_traceback(tostring(err))) } end
  state.ticks, state.max_ticks, state.killed, state.checked = 0, max_instructions, false, 0
  state.highwater_kb, state.alarm, state.rings = highwater_kb, alarm, rings
  state.main_every = rings and math.max(EVERY, math.min(COUNTED_EVERY, max_instructions // 20)) or EVERY
  set_hook_cost(state.hook_cost)
  string_methods(env.string)
  if alarm then rawset(hook_table, main_thread, hook) else sethook(hook, "", state.main_every) end
  relimit()
  local r = pack(xpcall(chunk, describe))
  unlimit()
  sethook()
  string_methods(nil)
  local killed = state.killed
  state.killed = false
  if killed then return { killed } end
  if r[1] then return { "ok", r } end
  local e = r[2]
  -- Lua raises its preallocated message for allocation failures (no handler runs).
  if rawequal(e, MEMORY_ERROR) then return { "memory_limit" } end
  if issued[e] then return { "call_error", issued[e] } end
  if described[e] then return { "error", capped(e.message), e.fields } end
  if type(e) == "string" then return { "error", capped(e) } end
  return { "error", "(error object is a " .. type(e) .. " value)" }
end

-- A new empty table that is a list: what an empty host list becomes in Lua.
function sandbox.empty_array()
  local t = {}
  arrays[t] = true
  return t
end

function sandbox.is_array(t)
  return arrays[t] == true
end

function sandbox.invalid_utf8_path(value)
  return invalid_utf8_path(value, "", 0)
end

-- The hook's own instructions count towards its interval: measure how many of EVERY
-- instructions a tick leaves to agent code, and keep the rest as state.hook_cost.
function sandbox.calibrate(iterations)
  state.ticks, state.max_ticks, state.killed, state.checked = 0, math.huge, false, 0
  state.highwater_kb = math.huge
  set_hook_cost(0)
  sethook(hook, "", EVERY)
  for _ = 1, iterations do end
  sethook()
  local ticks = state.ticks / EVERY
  set_hook_cost(ticks > 0 and math.max(0, math.min(EVERY * 3 // 4, EVERY - iterations / ticks)) or 0)
  return state.hook_cost
end

sandbox.set_hook_cost = set_hook_cost

-- For bridge/alarm.py: the main thread's address (as tostring prints it), a probe the host reads
-- back through the C API, and a listener that says whether the host's alarm rang.
local PROBE_COUNT, heard = 987654321, false
function sandbox.main_thread()
  return hook_table and tostring(main_thread) or ""
end

function sandbox.probe()
  sethook(hook, "", PROBE_COUNT)
end

function sandbox.listen()
  heard = false
  rawset(hook_table, main_thread, function() heard = true sethook() end)
end

function sandbox.heard()
  for _ = 1, 1000 do end
  return heard
end

-- Called by the host after every run, whatever happened: no hook may outlive a run.
function sandbox.reset()
  sethook()
  string_methods(nil)
  state.killed = false
end

exempt[sandbox.run], exempt[sandbox.reset] = true, true

return sandbox
