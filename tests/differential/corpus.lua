-- Agent-style snippets for the differential test (tests/test_differential.py), one per block,
-- separated by lines of "----". Written for this project; each runs in plain Lua 5.4 and in the
-- sandbox, and both must print, return and fail byte for byte alike. Errors of wrapped library
-- functions in a tail call (`return s:gsub(...)`) are a documented difference (lua_docs/sandbox.md).
return ("  hello  "):match("^%s*(.-)%s*$")
----
return ("a,b,,c"):gsub(",", ";")
----
local t = {} for w in ("one two  three"):gmatch("%S+") do t[#t + 1] = w end return t
----
return ("Hello"):upper(), ("Hello"):lower(), ("Hello"):len(), #"Hello"
----
return ("abc"):rep(3, "-")
----
return ("hello world"):find("wor"), ("hello world"):find("o", 6), ("hello"):find("l+")
----
return ("x=1, y=22"):match("y=(%d+)")
----
local s = "key1=val1;key2=val2" local out = {} for k, v in s:gmatch("(%w+)=(%w+)") do out[k] = v end return out
----
return string.format("%5.2f|%-5d|%05d|%x|%X|%o|%e", 3.14159, 42, 7, 255, 255, 8, 12345.678)
----
return string.format("%q", 'he said "hi"\n')
----
return string.format("%s and %s", "a", 1)
----
return string.format("%10s|%-10s|", "right", "left")
----
return string.format("%d", 3.0)
----
local s = string.format("%d", 3.5) return s
----
return string.format("%c%c%c", 76, 117, 97)
----
return string.format("%g %g %g", 1e20, 0.1, 100)
----
return string.format("%i", "10")
----
return ("abc"):byte(1, -1)
----
return string.char(72, 105)
----
return ("hello"):sub(2, 3), ("hello"):sub(-3), ("hello"):sub(10)
----
return ("hello"):reverse()
----
return ("%d items"):format(5)
----
return ("CamelCaseString"):gsub("(%u)", " %1")
----
return ("snake_case_name"):gsub("_(%w)", function(c) return c:upper() end)
----
return ("2024-03-15"):match("(%d+)-(%d+)-(%d+)")
----
return ("a.b.c"):gsub("%.", "/")
----
return ("  x  "):gsub("^%s+", "")
----
return ("hello"):gsub("", "-")
----
return ("abc"):gsub("%w", "%0%0")
----
local r, n = ("abc"):gsub("%w", {a = "1", b = true}) return r, n
----
return ("hello world"):gsub("o", "0", 1)
----
return ("f(a(b)c)d"):match("%b()")
----
return ("THE (quick) fox"):find("%f[%a]%a+")
----
return ("abc"):find("b", 1, true)
----
return ("a+b"):find("+", 1, true)
----
return ("x"):rep(0), ("x"):rep(-1)
----
return tostring(nil), tostring(true), tostring(12), tostring(1.5), tostring(-0.0)
----
return tonumber("42"), tonumber("0x1F"), tonumber("1e3"), tonumber("  7  "), tonumber("abc"), tonumber("z", 36)
----
return tonumber("10", 2), tonumber("ff", 16), tonumber(""), tonumber("1.5e")
----
return 7 // 2, 7 % 3, -7 // 2, -7 % 3, 7 / 2, 2^10, 7.0 // 2
----
return 1 == 1.0, math.type(1), math.type(1.0), math.type("1"), math.tointeger(3.0), math.tointeger(3.5)
----
return math.maxinteger + 1 == math.mininteger, math.maxinteger // -1
----
return 3 | 5, 3 & 5, 3 ~ 5, ~0, 1 << 4, 256 >> 4
----
return math.floor(3.7), math.ceil(3.2), math.floor(-3.5), math.abs(-4), math.max(1, 9, 3), math.min(4, 2)
----
return math.huge, -math.huge, math.pi
----
return math.fmod(7, 3), math.fmod(-7, 3), math.sqrt(16), math.exp(0), math.log(1), math.log(8, 2)
----
return 10 // 0.0, -10 % math.huge
----
return 1 // 0
----
return 1 % 0
----
return "10" + 5, "3" * "4", 10 .. 20
----
return "abc" + 1
----
return 2^53 == 2^53 + 1, 0.1 + 0.2 == 0.3, 0.1 + 0.2
----
return 1e15, 1e16, 123456789012, -0.5, 100 / 3
----
return string.format("%.3f", 2 / 3), string.format("%.0f", 0.5), string.format("%.0f", 1.5)
----
return math.ult(1, -1), 5 // 0.0, -5 // 0.0
----
local t = {5, 2, 8, 1} table.sort(t) return t
----
local t = {5, 2, 8, 1} table.sort(t, function(a, b) return a > b end) return t
----
local t = {"banana", "apple", "Cherry"} table.sort(t) return t
----
local people = {{name = "b", age = 30}, {name = "a", age = 25}, {name = "c", age = 35}}
table.sort(people, function(x, y) return x.age < y.age end)
local names = {} for i, p in ipairs(people) do names[i] = p.name end return names
----
local t = {3, "a", 1} table.sort(t)
----
table.sort({1, 2, 3}, 5)
----
local t = {1, 2, 3} table.insert(t, 4) table.insert(t, 1, 0) return t
----
local t = {1, 2, 3} table.insert(t, 5, 9)
----
local t = {1, 2, 3} local x = table.remove(t) local y = table.remove(t, 1) return t, x, y
----
local t = {} return table.remove(t), #t
----
return table.concat({1, 2, 3}, ", "), table.concat({}, "x"), table.concat({"a", "b"}, "", 2)
----
local x = table.concat({1, {}, 3})
----
return table.unpack({1, 2, 3}), select("#", table.unpack({}, 1, 3))
----
return table.pack(1, nil, 3).n
----
local t = table.move({1, 2, 3}, 1, 3, 2) return t
----
return table.move({1, 2, 3}, 1, 3, 1, {})
----
local t = {10, 20, 30} local s = 0 for i, v in ipairs(t) do s = s + i * v end return s
----
local t = {a = 1, b = 2, c = 3} local keys = {} for k in pairs(t) do keys[#keys + 1] = k end table.sort(keys) return keys
----
local t = {1, 2, nil, 4} return #t == 4 or #t == 2
----
local n = 0 for k, v in next, {x = 1, y = 2} do n = n + v end return n
----
return select(2, "a", "b", "c"), select(-1, "a", "b", "c"), select("#", nil, nil)
----
return select(0, "a")
----
local function sum(...) local s = 0 for i = 1, select("#", ...) do s = s + (select(i, ...)) end return s end return sum(1, 2, 3, 4)
----
local function pack2(...) return {...}, select("#", ...) end local t, n = pack2(1, nil, 3) return n, t[3]
----
local function f(...) local a, b = ... return a, b end return f(1), f(1, 2, 3)
----
local function count(...) return select("#", ...) end return count(), count(nil), count(nil, nil)
----
local function outer() local n = 0 return function() n = n + 1 return n end end
local c = outer() c() c() return c()
----
local fns = {} for i = 1, 3 do fns[i] = function() return i * 10 end end return fns[1](), fns[3]()
----
local function memo(f) local cache = {} return function(x) if cache[x] == nil then cache[x] = f(x) end return cache[x] end end
local sq = memo(function(x) return x * x end) return sq(4), sq(4)
----
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end return fib(20)
----
local function fact(n) return n <= 1 and 1 or n * fact(n - 1) end return fact(20), fact(21)
----
local Point = {} Point.__index = Point
function Point.new(x, y) return setmetatable({x = x, y = y}, Point) end
function Point:len() return math.sqrt(self.x ^ 2 + self.y ^ 2) end
return Point.new(3, 4):len()
----
local V = {} V.__index = V
V.__add = function(a, b) return setmetatable({x = a.x + b.x}, V) end
V.__eq = function(a, b) return a.x == b.x end
V.__tostring = function(v) return "V(" .. v.x .. ")" end
local a, b = setmetatable({x = 1}, V), setmetatable({x = 2}, V)
print(a + b, a == b, tostring(a + a))
----
local t = setmetatable({}, {__index = function(t, k) return k .. "!" end}) return t.foo, rawget(t, "foo")
----
local log = {} local t = setmetatable({}, {__newindex = function(t, k, v) log[#log + 1] = k rawset(t, k, v) end})
t.a = 1 t.a = 2 t.b = 3 return log
----
local t = setmetatable({}, {__len = function() return 42 end}) return #t
----
local t = setmetatable({}, {__call = function(self, a) return a * 2 end}) return t(21)
----
local t = setmetatable({}, {__concat = function(a, b) return "cat" end}) return t .. "x", "x" .. t
----
local t = setmetatable({}, {__lt = function(a, b) return true end, __le = function() return false end}) return t < t, t <= t
----
local t = setmetatable({}, {__unm = function() return "neg" end, __mod = function() return "mod" end}) return -t, t % 2
----
local mt = {__metatable = "locked"} local t = setmetatable({}, mt) return getmetatable(t)
----
local t = setmetatable({}, {__metatable = "locked"}) setmetatable(t, {})
----
local t = setmetatable({}, {__index = {inherited = "yes"}}) return t.inherited
----
local Base = {} Base.__index = Base function Base:hello() return "base " .. self.name end
local Derived = setmetatable({}, {__index = Base}) Derived.__index = Derived
local obj = setmetatable({name = "d"}, Derived) return obj:hello()
----
local t = setmetatable({}, {__close = function() end}) return type(t)
----
local co = coroutine.create(function(a, b) local c = coroutine.yield(a + b) local d = coroutine.yield(c * 2) return d end)
return {coroutine.resume(co, 1, 2)}, {coroutine.resume(co, 10)}, {coroutine.resume(co, "end")}, coroutine.status(co)
----
local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end) return gen(), gen(), gen()
----
local co = coroutine.create(function() error("inside") end) return coroutine.resume(co)
----
local co = coroutine.create(function() error({code = 1}) end) local ok, e = coroutine.resume(co) return ok, type(e), e.code
----
local co = coroutine.create(function() end) coroutine.resume(co) return coroutine.resume(co)
----
return coroutine.isyieldable(), coroutine.status(coroutine.create(print))
----
local co = coroutine.wrap(function() return 1 end) co() local ok, e = pcall(co) return ok, e
----
local f = coroutine.wrap(function() error("x") end) local ok, e = pcall(f) return e
----
local co = coroutine.create(function() coroutine.yield() end) coroutine.resume(co) return coroutine.close(co), coroutine.status(co)
----
local function producer() return coroutine.wrap(function() for _, w in ipairs({"a", "b"}) do coroutine.yield(w) end end) end
local out = {} for w in producer() do out[#out + 1] = w end return out
----
local i = 1 ::top:: if i < 5 then i = i + 1 goto top end return i
----
for i = 1, 3 do for j = 1, 3 do if j == 2 then goto continue end end ::continue:: end return "done"
----
local s = 0 for i = 10, 1, -3 do s = s + i end return s
----
local s = 0 for i = 1, 2, 0.5 do s = s + i end return s
----
local n = 0 while true do n = n + 1 if n >= 7 then break end end return n
----
local n = 0 repeat n = n + 2 until n > 9 return n
----
for i = 1, 0 do error("never") end return "ok"
----
for i = 1, 10, 0 do end
----
local ok, e = pcall(error, "msg") return ok, e
----
local ok, e = pcall(error, "msg", 0) return e
----
local ok, e = pcall(function() error("deep", 2) end) return e
----
local ok, e = pcall(function() error({code = "E1"}) end) return type(e), e.code
----
local ok, e = pcall(function() local x = nil return x.field end) return e
----
local ok, e = pcall(function() local t = {} return t.a.b end) return e
----
local ok, e = pcall(function() return #nil end) return e
----
local ok, e = pcall(function() return {} < {} end) return e
----
local ok, e = pcall(function() return 1 < "2" end) return e
----
local ok, e = pcall(function() undefined_fn() end) return e
----
local ok, e = pcall(function() local s = "x" s:nomethod() end) return e
----
local ok, e = pcall(function() return ("x") .. {} end) return e
----
return xpcall(function() error("E") end, function(m) return "handled: " .. m end)
----
return xpcall(function(a, b) return a + b end, print, 2, 3)
----
local ok, e = pcall(assert, false, "custom message") return e
----
local ok, e = pcall(assert, nil) return e
----
return assert(1, "unused"), select("#", assert(1, 2, 3))
----
error("top level failure")
----
error("no position", 0)
----
local t = nil t.x = 1
----
local x = 1 + nil
----
return nosuchfunction()
----
assert(false, "assertion text")
----
assert(1 == 2)
----
error(42)
----
error()
----
local s = string.rep() return s
----
local s = ("x"):rep() return s
----
local s = string.rep(nil, 5) return s
----
local s = string.rep("", 5, {}) return s
----
return (""):rep(3), (""):rep(3, ""), (""):rep(3, nil)
----
local s = string.sub() return s
----
local s = ("x"):format() return s
----
local s = string.format("%d", "x") return s
----
local s = string.format("%z", 1) return s
----
local s = string.find("a", "[a") return s
----
local s = string.gsub("abc", "(a)", "%2") return s
----
local s = string.char(256) return s
----
local s = utf8.char(-1) return s
----
local n = utf8.codepoint("abc", 10) return n
----
local t = table.concat({1, 2}, ",", 1, 5) return t
----
local x = setmetatable(1, {}) return x
----
local x = coroutine.resume(1) return x
----
local x = ipairs() return x
----
local x = math.floor("a") return x
----
local x = tostring() return x
----
return utf8.char(72, 228, 8364, 128512), utf8.charpattern
----
return utf8.len("häll€"), #"häll€", utf8.len("\xff"), utf8.codepoint("€")
----
local cps = {} for p, c in utf8.codes("aé€") do cps[#cps + 1] = p .. ":" .. c end return cps
----
return utf8.offset("aé€b", 3), utf8.offset("aé€b", -1)
----
return ("héllo"):upper(), ("ÀB"):lower()
----
return os.time({year = 2024, month = 1, day = 1, hour = 12}) - os.time({year = 2024, month = 1, day = 1, hour = 0})
----
return os.date("!%Y-%m-%d %H:%M:%S", 0), os.date("!%A %B %j", 86400 * 40)
----
local d = os.date("!*t", 1700000000) return d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.yday, d.isdst
----
return os.difftime(100, 40), type(os.clock()), type(os.time())
----
return os.date("!%Y", 1e10)
----
local t = os.time({year = 2024, month = 2, day = 30}) return os.date("!%Y-%m-%d", t + 0) ~= nil
----
return os.date("!%c", 0)
----
local d = os.date("%Ez", 0) return d
----
print("a", 1, 2.5, true, nil)
print() print("")
----
print(("x"):rep(3), 1e100, -0.0, math.mininteger)
----
return type(print), type(nil), type({}), type("s"), type(2), type(print) == "function"
----
return rawequal("a", "a"), rawequal({}, {}), rawlen({1, 2}), rawlen("abc")
----
local t = {} rawset(t, "k", "v") return rawget(t, "k")
----
return next({}), type(next), next({10})
----
local _ENV = {x = 5} return x
----
local t <const> = 5 return t
----
do local x <close> = setmetatable({}, {__close = function() print("closed") end}) print("body") end return "after"
----
local function f() local a <close> = setmetatable({}, {__close = function(_, e) print("closing", e) end}) error("E") end
local ok, e = pcall(f) return e
----
local s = "" for i = 1, 5 do s = s .. i end return s
----
local parts = {} for i = 1, 5 do parts[#parts + 1] = tostring(i) end return table.concat(parts, "+")
----
local csv = "name,age\nann,30\nbob,25" local rows = {}
for line in csv:gmatch("[^\n]+") do local r = {} for cell in line:gmatch("[^,]+") do r[#r + 1] = cell end rows[#rows + 1] = r end
return #rows, rows[2][1], rows[3][2]
----
local json = '{"id": "u1", "n": 3}' return json:match('"id":%s*"([^"]+)"'), tonumber(json:match('"n":%s*(%d+)'))
----
local email = "Ann.Lee@Example.COM" return email:lower(), email:match("^[%w._%-]+@[%w.-]+%.%a+$") ~= nil
----
local s = "The quick brown fox" local n = select(2, s:gsub("%a+", "")) return n
----
local function split(s, sep) local out = {} for piece in (s .. sep):gmatch("(.-)" .. sep:gsub("%p", "%%%0")) do out[#out + 1] = piece end return out end
return split("a,b,,c", ",")
----
local function trim(s) return (s:gsub("^%s+", ""):gsub("%s+$", "")) end return "[" .. trim("  hi there  ") .. "]"
----
local s = "2024-01-05T10:20:30Z" local y, m, d, H, M, S = s:match("(%d+)-(%d+)-(%d+)T(%d+):(%d+):(%d+)")
return os.time({year = y, month = m, day = d, hour = H, min = M, sec = S}) > 0
----
local words = {} for w in ("b a c a b"):gmatch("%a") do words[w] = (words[w] or 0) + 1 end return words
----
local t = {} for i = 1, 10 do t[i] = i * i end return t[10], #t
----
local s = string.format("%-8s%8.2f", "total", 12.5) return s, #s
----
return ("%5.1f%%"):format(99.55)
----
return string.format("%08.3f", -3.14159), string.format("%+d", 5), string.format("% d", 5)
----
return string.format("%a", 1.0)
----
return math.floor(2^31 + 0.5), math.floor(-0.0), 1/0 > math.maxinteger
----
return 5 // 2 * 2 + 5 % 2, (2^63) // 1, math.tointeger(2^63)
----
return 8 % 3.5, -8 % 3.5, 2^-1, 10 // -3
----
return string.format("%.14g", 0.1 * 3), 0.1 * 3
----
return 0x10, 0xff, 0x7fffffffffffffff, 0xffffffffffffffff, 1e2, .5
----
return "a" < "b", "a" < "B", "abc" < "abd", "" < "a", "10" < "9"
----
return not nil, not 0, nil and 1, false or "x", 1 and 2, nil or false
----
local a, b, c = (function() return 1, 2, 3 end)() return a + b + c
----
local t = {(function() return 1, 2 end)(), (function() return 1, 2 end)()} return #t
----
return #{n = 1}, #"", #{1, 2, 3}
----
local t = {x = 1, ["y z"] = 2, [10] = 3} return t.x, t["y z"], t[10]
----
local a = {} a[1.0] = "float key" return a[1], math.type(next(a))
----
local t = {} t[2^53] = 1 return next(t)
----
local str = "x" local ok, e = pcall(function() str.y = 1 end) return e
----
local s = ("abc"):gsub(".", {a = 1, b = 2}) return s
----
local ok, e = pcall(string.gsub, "abc", ".", {a = {}}) return e
----
return ("one;two;;three"):find(";;", 1, true), ("x"):find(""), ("x"):find("", 10)
----
return ("aaa"):gsub("a*", "-"), ("abc"):gsub("b*", "X")
----
return ("hello"):match(".-(l+)(.*)"), ("key = value"):match("^(%w+)%s*=%s*(%w+)$")
----
return ("[test]"):match("^%[(.*)%]$"), ("a.b"):match("^(.-)%.(.*)$")
----
return ("%d"):rep(2), ("50%"):gsub("%%", " percent")
----
return ("abc"):sub(0), ("abc"):sub(2, 1), ("abc"):sub(-100, 100)
----
return string.byte("A"), ("ABC"):byte(-1), ("").byte("")
----
return ("x"):len(), string.len("\0a\0"), #"\u{10FFFF}"
----
return ("test"):find("t", -1), ("test"):find("t", -10)
----
return ("a1b2c3"):gsub("%d", function(d) return tonumber(d) + 1 end)
----
return ("abc"):gsub("b", false), ("abc"):gsub("(b)", "[%1]")
----
return string.rep("ab", 3), string.rep("", 5), string.rep("x", 2, "")
----
local t = {} for k, v in string.gmatch("a=1, b=2", "(%w+)=(%w+)") do t[#t + 1] = k .. v end return t
----
local it = ("a b"):gmatch("%a") return it(), it(), it()
----
return tostring(1e300 * 1e10), tostring(-(0/0)) == tostring(0/0) or true, math.huge // 1
----
return math.abs(math.mininteger), -math.mininteger == math.mininteger
----
return string.format("%5s|%-5s|%.2s", "ab", "ab", "abcdef")
----
return tostring(setmetatable({}, {__tostring = function() return "custom" end})), tostring(setmetatable({}, {__name = "MyType"})):match("^MyType: ") ~= nil
----
return table.concat({1.5, 2, "x"}, " ")
----
local t = {} for i = 1, 5 do table.insert(t, 1, i) end return t
----
local stack = {} table.insert(stack, "a") table.insert(stack, "b") return table.remove(stack), #stack
----
local q = {first = 1, last = 0} local function push(v) q.last = q.last + 1 q[q.last] = v end
push(5) push(6) local v = q[q.first] q.first = q.first + 1 return v, q.last - q.first + 1
----
local set = {} for _, v in ipairs({"a", "b", "a"}) do set[v] = true end local n = 0 for _ in pairs(set) do n = n + 1 end return n
----
local function map(t, f) local out = {} for i, v in ipairs(t) do out[i] = f(v) end return out end
return map({1, 2, 3}, function(x) return x * x end)
----
local function filter(t, p) local out = {} for _, v in ipairs(t) do if p(v) then out[#out + 1] = v end end return out end
return filter({1, 2, 3, 4, 5, 6}, function(x) return x % 2 == 0 end)
----
local function reduce(t, f, acc) for _, v in ipairs(t) do acc = f(acc, v) end return acc end return reduce({1, 2, 3, 4}, function(a, b) return a + b end, 0)
----
local t = {3, 1, 2} table.sort(t, function(a, b) return a > b end) return table.concat(t, ",")
----
local t = {} for i = 1, 100 do t[i] = (i * 37) % 101 end table.sort(t) return t[1], t[50], t[100]
----
local ok, e = pcall(table.sort, {3, 2, 1}, function(a, b) return true end) return ok or e
----
return table.unpack({1, 2, 3}, 2), table.unpack({1, 2, 3}, 2, 3), table.unpack({1, 2}, -1, 1)
----
local t = {table.unpack({1, 2, 3})} return #t
----
local x = table.unpack({}, 1, 1e8) return x
----
local t = {1, 2, 3} table.insert(t, 2.0, "x") return t
----
local t = {1, 2, 3} table.insert(t, "2", "y") return t
----
local t = {1, 2, 3} table.insert(t, 2.5, "x") return t
----
local t = {1, 2, 3} table.insert(t, 1, 2, 3)
----
local t = setmetatable({}, {__index = function(_, i) if i <= 3 then return i * 10 end end, __len = function() return 3 end})
return table.concat(t, ","), table.unpack(t)
----
local store = {} local proxy = setmetatable({}, {__index = store, __newindex = store, __len = function() return #store end})
table.insert(proxy, "a") table.insert(proxy, "b") table.insert(proxy, 1, "z") return store
----
local store = {5, 3, 9} local proxy = setmetatable({}, {__index = store, __newindex = store, __len = function() return #store end})
table.sort(proxy) return store
----
local store = {1, 2, 3} local proxy = setmetatable({}, {__index = store, __newindex = store, __len = function() return #store end})
local v = table.remove(proxy, 1) return v, store
----
local t = setmetatable({}, {__len = function() return 2^40 end}) table.sort(t)
----
local t = setmetatable({}, {__len = function() return "x" end}) table.insert(t, 1)
----
local t = setmetatable({}, {__len = function() return 3 end}) local x = table.insert(t, 9, 1)
----
local t = setmetatable({}, {__index = function(_, i) return i end, __len = function() return 2 end})
local x = table.concat(t, "-", 1, 3) return x
----
local t = setmetatable({}, {__index = function(_, i) if i == 2 then return {} end return "v" end, __len = function() return 3 end})
local x = table.concat(t) return x
----
return setmetatable({}, {__index = function(t, k) return k * 2 end})[21]
----
return getmetatable("").__index == string, ("x").upper == string.upper
----
function string.shout(s) return s:upper() .. "!" end return ("hey"):shout()
----
return string.format("%s", setmetatable({}, {__tostring = function() return "T" end}))
----
return #arg
