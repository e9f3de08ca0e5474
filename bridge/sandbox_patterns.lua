-- Trusted chunk: the worst-case cost of a Lua pattern on a given subject, in matcher steps.
-- Loaded once by the host before sandbox.lua, which guards string.find/match/gmatch/gsub with it.
--
-- Lua's matcher (lstrlib.c) backtracks only at quantified single-character items (`x*`, `x+`,
-- `x-`, `x?`). For an item `x*` the rest of the pattern is tried at each position of the run of
-- characters that `x` matches there, so the cost multiplies by the length of that run, except
--  * when the rest cannot fail (only `*`, `-`, `?` items left): it succeeds at the first try;
--  * when the next item is a single character class disjoint from `x` (or `$`): inside the run
--    it fails at once, so only one position pays for the rest (the cost adds instead).
-- Run lengths are measured on the subject (the longest run of each class), so ordinary idioms
-- on megabytes are cheap while `.-.-.-b` or `a*a*a*b` on long runs are not. Unanchored patterns
-- pay once per start position (only positions where a leading single item matches).

local s_byte, s_sub, s_find, s_char = string.byte, string.sub, string.find, string.char
local huge = math.huge

local ANY = {}                      -- membership set of "."
for b = 0, 255 do ANY[b] = true end
local NONE = {}                     -- membership set of "$" (matches no character)

local members_cache, members_count = {}, 0

-- Which of the 256 bytes a single-item spec ("%d", "[^,]", "a", "%.") matches.
local function members(spec)
  if spec == "." then return ANY end
  local set = members_cache[spec]
  if set then return set end
  set = {}
  local anchored = "^" .. spec
  for b = 0, 255 do set[b] = s_find(s_char(b), anchored) ~= nil end
  if members_count < 512 then
    members_cache[spec] = set
    members_count = members_count + 1
  end
  return set
end

local function disjoint(a, b)
  for i = 0, 255 do
    if a[i] and b[i] then return false end
  end
  return true
end

-- Parse the pattern into items: { kind = "single"|"balance"|"frontier"|"backref"|"end", spec, q }.
local function end_of_set(p, i, len)                     -- i at "[": index of the closing "]"
  i = i + 1
  if s_byte(p, i) == 94 then i = i + 1 end               -- ^
  repeat
    if i > len then return nil end
    if s_byte(p, i) == 37 then i = i + 1 end             -- %x inside a set
    i = i + 1
  until s_byte(p, i) == 93
  return i
end

local function parse(p)
  local items, i, len = {}, 1, #p
  local anchored = s_byte(p, 1) == 94
  if anchored then i = 2 end
  while i <= len do
    local c = s_byte(p, i)
    if c == 40 or c == 41 then                             -- ( ) captures: no cost of their own
      i = i + 1
    elseif c == 36 and i == len then                       -- $ at the end: an anchor
      items[#items + 1] = { kind = "single", set = NONE, q = "" }
      i = i + 1
    elseif c == 37 and (s_byte(p, i + 1) == 98) then       -- %bxy
      items[#items + 1] = { kind = "balance" }
      i = i + 4
    elseif c == 37 and (s_byte(p, i + 1) == 102) then      -- %f[set]
      local close = end_of_set(p, i + 2, len)
      if not close then return nil end
      items[#items + 1] = { kind = "frontier" }
      i = close + 1
    elseif c == 37 and s_find(p, "^%d", i + 1) then         -- %1 back reference
      items[#items + 1] = { kind = "backref" }
      i = i + 2
    else
      local last = i
      if c == 37 then last = i + 1
      elseif c == 91 then last = end_of_set(p, i, len)
        if not last then return nil end
      end
      local spec = s_sub(p, i, last)
      if spec == "^" then spec = "%^" end
      local q = s_sub(p, last + 1, last + 1)
      if q == "*" or q == "+" or q == "-" or q == "?" then last = last + 1 else q = "" end
      items[#items + 1] = { kind = "single", spec = spec, q = q }
      i = last + 1
    end
  end
  return items, anchored
end

-- Longest run and number of subject bytes matching a spec (one linear scan, cached per subject).
local last_subject, last_runs, scanned = nil, {}, 0
local function runs(s, spec)
  if spec == "." then return #s, #s end
  if not rawequal(s, last_subject) then last_subject, last_runs = s, {} end
  local known = last_runs[spec]
  if known then return known[1], known[2] end
  scanned = scanned + #s
  local longest, count, init, run = 0, 0, 1, spec .. "+"
  while true do
    local a, b = s_find(s, run, init)
    if not a then break end
    local length = b - a + 1
    count = count + length
    if length > longest then longest = length end
    init = b + 1
  end
  last_runs[spec] = { longest, count }
  return longest, count
end

local function can_fail(item)
  return item.kind ~= "single" or not (item.q == "*" or item.q == "-" or item.q == "?")
end

local function set_of(item)
  if item.set then return item.set end
  item.set = members(item.spec)
  return item.set
end

local function mandatory_single(item)
  return item and item.kind == "single" and item.q ~= "*" and item.q ~= "-" and item.q ~= "?"
end

-- Worst-case steps to match the items at one position, computed from the last item back;
-- `lead` is the run length to use for the first item (anchored patterns: the run at the start).
local function cost(items, s, n, lead)
  local rest, rest_can_fail = 1, false
  for i = #items, 1, -1 do
    local item, c = items[i], nil
    if item.kind == "balance" or item.kind == "backref" then c = n + rest
    elseif item.kind == "frontier" or item.q == "" then c = 1 + rest
    elseif item.q == "?" then c = 1 + 2 * rest
    else
      local run = (i == 1 and lead) or runs(s, item.spec)
      local nxt = items[i + 1]
      if not rest_can_fail then c = run + rest
      elseif mandatory_single(nxt) and disjoint(set_of(item), set_of(nxt)) then c = 2 * run + rest
      else c = (run + 1) * rest end
    end
    rest, rest_can_fail = c, rest_can_fail or can_fail(item)
    if rest == huge then return huge end
  end
  return rest
end

-- Positions where the matcher gets past the first item (all of them, unless it is a single
-- mandatory item: then only where its class matches).
local function starts(items, s, n)
  local first = items[1]
  if first and first.kind == "single" and (first.q == "" or first.q == "+") and first.set ~= NONE then
    local _, count = runs(s, first.spec)
    return count + 1
  end
  return n + 1
end

local function leading_run(s, item)
  if item and item.kind == "single" and item.q ~= "" and item.q ~= "?" then
    local _, b = s_find(s, "^" .. item.spec .. "*")
    return b or 0
  end
  return nil
end

-- Steps the matcher may take for pattern p on subject s (math.huge: too many to count), and
-- the bytes this analysis scanned to find out (the caller charges them).
-- `budget` lets a cheap crude bound answer first: the subject is scanned only when needed.
-- Patterns of more than MAX_ITEMS bytes get the crude bound only.
local MAX_ITEMS = 4096

local function crude_bound(p, n, budget)
  local bound, i, len = (s_byte(p, 1) == 94 and 1 or n) * (#p + 1), 1, #p
  while i <= len and bound <= budget do
    local c = s_byte(p, i)
    if c == 37 then
      if s_byte(p, i + 1) == 98 then bound = bound * n end
      i = i + 2
    else
      if c == 42 or c == 43 or c == 45 then bound = bound * (n + 1)
      elseif c == 63 then bound = bound * 2 end
      i = i + 1
    end
  end
  return bound
end

local function pattern_cost(s, p, budget)
  local n = #s + 1
  local crude = crude_bound(p, n, budget)
  if crude <= budget or #p > MAX_ITEMS then return crude end
  local items, anchored = parse(p)
  if not items then return 0 end                           -- malformed: the matcher raises at once
  local first = items[1]
  if not anchored and first and first.kind == "single" and (first.q == "*" or first.q == "+" or first.q == "-") then
    local rest_can_fail = false
    for i = 2, #items do rest_can_fail = rest_can_fail or can_fail(items[i]) end
    if not rest_can_fail then return 2 * n end             -- matches at the first start it can
  end
  local total = (anchored and 1 or starts(items, s, n)) * cost(items, s, n, anchored and leading_run(s, first))
  return total == total and total or huge
end

return function(s, p, budget)
  scanned = 0
  local steps = pattern_cost(s, p, budget)
  return steps, scanned
end
