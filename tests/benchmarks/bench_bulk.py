"""B5 bulk: N track events through the bulk function vs N single track_event calls.

The bulk function is found by name (the first Customer.io function whose name holds "bulk" or
"batch": ``send_bulk``, which takes ``{operations = {...}}`` of track_event-style items); the
shapes below are tried on two events and the first the function accepts is used, so the bench
also runs against builds with another shape. Without such a function, B5 is reported as skipped.
"""

from __future__ import annotations

from typing import Any, get_args

from bridge import Runtime
from tests.benchmarks.common import Report, bridge_runtime, fmt_ms, fmt_x, median, run_ok, section, timed
from tests.benchmarks.server import ServerProcess

_DATA = '{ product = "Pro Plan", amount = 99.0, currency = "USD" }'
#: Lua expressions for event i (a variable `i`), by item shape.
_ITEM_SHAPES = {
    "track_event": f'{{ id = "user_" .. i, name = "purchase", data = {_DATA} }}',
    "customer_id": f'{{ customer_id = "user_" .. i, name = "purchase", data = {_DATA} }}',
    "track_v2": f'{{ type = "person", identifiers = {{ id = "user_" .. i }}, action = "event", '
                f'name = "purchase", attributes = {_DATA} }}',
}
_LIST_KEYS = ("events", "batch", "operations", "items", "calls")


def bulk_function(runtime: Runtime) -> str | None:
    names = runtime.integrations["customerio"].function_names()
    found = sorted(n for n in names if "bulk" in n or "batch" in n)
    return next((n for n in found if not n.startswith("customerio_")), found[0] if found else None)


def _list_fields(runtime: Runtime, function: str) -> list[str]:
    """The params model's list-valued fields, when the integration exposes its declarations."""
    try:
        integration: Any = runtime.integrations["customerio"]
        model = integration.operations[function].params
        return [name for name, f in model.model_fields.items()
                if "list" in str(f.annotation) or any("list" in str(a) for a in get_args(f.annotation))]
    except (AttributeError, KeyError):
        return []


def _bulk_code(function: str, key: str, item: str, n: int) -> str:
    return f"""local events = {{}}
for i = 1, {n} do events[i] = {item} end
local result = app.integrations.customerio.{function}({{ {key} = events }})
return {n}"""


def _shape(runtime: Runtime, function: str) -> tuple[str, str] | str:
    """(list key, item expression) the function accepts, or the last error seen."""
    keys = list(dict.fromkeys([*_list_fields(runtime, function), *_LIST_KEYS]))
    last = "no shape tried"
    for key in keys:
        for item in _ITEM_SHAPES.values():
            result = runtime.run(_bulk_code(function, key, item, 2))
            if result.ok:
                return key, item
            last = f"{result.error.code}: {result.error.message}" if result.error else "failed"
    return last


def b5_bulk(report: Report, server: ServerProcess, *, n: int) -> None:
    section(f"B5 bulk: {n:,} track events, bulk function vs single track_event calls")
    runtime = bridge_runtime(server.url)
    function = bulk_function(runtime)
    if function is None:
        print("  bulk function not available (no app.integrations.customerio function named *bulk* or *batch*): "
              "B5 skipped")
        report.add("B5", "bulk function", "not available", "present", None)
        return
    shape = _shape(runtime, function)
    if isinstance(shape, str):
        print(f"  {function} found, but none of the known argument shapes was accepted ({shape[:300]}): B5 skipped")
        report.add("B5", f"bulk function {function}", "shape unknown", "present", None)
        return
    key, item = shape
    print(f"  using {function}({{ {key} = {{...}} }})")
    singles = f"""local track = app.integrations.customerio.track_event
for i = 1, {n} do track({item}) end
return {n}"""
    bulk_code = _bulk_code(function, key, item, n)
    server.reset()
    bulk_runs = [timed(lambda: run_ok(runtime, bulk_code)) for _ in range(3)]  # one run is ~0.5 s: noisy alone
    bulk_requests, bulk_time = server.requests() // 3, median(bulk_runs)
    server.reset()
    single_time = timed(lambda: run_ok(runtime, singles))
    single_requests = server.requests()
    report.add("B5", "single calls: requests / wall time", f"{single_requests:,} / {fmt_ms(single_time)}")
    report.add("B5", f"bulk ({function}): requests", f"{bulk_requests:,}", "<= 25", bulk_requests <= 25)
    report.add("B5", f"bulk ({function}): wall time", fmt_ms(bulk_time))
    speedup = single_time / bulk_time
    report.add("B5", "bulk speed-up over single calls", fmt_x(speedup), ">= 20x", speedup >= 20)
