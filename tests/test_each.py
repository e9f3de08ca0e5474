"""app.each: a Lua iterator over every item of a paginated call (generic; here on Customer.io)."""

from __future__ import annotations

from bridge import Limits, Runtime
from integrations.customerio import CustomerIO
from tests.cio_support import NS, succeeded

LOOP = 'local got = {{}} for item in app.each({fn}, {args}, {opts}) do got[#got + 1] = item.id end return got'


def ids(runtime: Runtime, fn: str, args: str = "{}", opts: str = "nil") -> list[object]:
    value = succeeded(runtime.run(LOOP.format(fn=f"{NS}.{fn}", args=args, opts=opts)))
    return list(value) if value else []


def test_every_page_is_walked_one_call_per_page(runtime: Runtime) -> None:
    everything = ids(runtime, "list_newsletters", "{ limit = 100 }")
    result = runtime.run(LOOP.format(fn=f"{NS}.list_newsletters", args="{ limit = 1 }", opts="nil"))
    assert list(succeeded(result)) == everything and len(everything) >= 2
    assert len(everything) <= len(result.calls) <= len(everything) + 1  # one call per page (+ an empty last one)


def test_max_items_caps_the_items_and_the_requests(runtime: Runtime) -> None:
    result = runtime.run(LOOP.format(fn=f"{NS}.list_newsletters", args="{ limit = 1 }", opts="{ max_items = 2 }"))
    assert len(succeeded(result)) == 2 and len(result.calls) == 2


def test_a_page_with_several_arrays_needs_items(runtime: Runtime) -> None:
    code = LOOP.format(fn=f"{NS}.search_people", args="{ filter = { segment = { id = 1 } } }", opts="nil")
    result = runtime.run(code)
    assert result.error is not None and "items" in result.error.message
    people = runtime.run(f'local n = 0 for p in app.each({NS}.search_people, {{ filter = {{ segment = {{ id = 1 }} '
                         f'}}, limit = 1 }}, {{ items = "identifiers" }}) do n = n + 1 end return n')
    assert succeeded(people) >= 1


def test_a_repeated_cursor_ends_the_loop() -> None:
    code = """local function pages(args) return { items = { args.start or "first" }, next = "same" } end
local got = {} for item in app.each(pages, {}) do got[#got + 1] = item end return got"""
    assert succeeded(Runtime([]).run(code)) == ["first", "same"]


def test_the_loop_runs_under_the_instruction_budget(customerio: CustomerIO) -> None:
    code = """local function pages(args) return { items = { 1 }, next = tostring((tonumber(args.start) or 0) + 1) } end
for _ in app.each(pages, {}) do end"""
    result = Runtime([customerio], limits=Limits(max_instructions=200_000)).run(code)
    assert result.error is not None and result.error.code in ("instruction_limit", "memory_limit")
