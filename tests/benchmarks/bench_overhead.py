"""B2 in-process overhead: identify over an in-process MockTransport, and where the time goes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import httpx
import lupa.lua54 as lupa

from bridge import CallContext, Runtime, marshal
from bridge.params import validate
from tests.benchmarks.common import (
    BENCH_LIMITS,
    SITE_ID,
    TRACK_KEY,
    Report,
    bridge_runtime,
    fmt_us,
    identify_payload,
    interleaved,
    lua_identify_loop,
    median,
    ok_transport,
    per_op,
    run_ok,
    section,
)
from tests.helpers import Simple

_RESULT = {"success": True, "id": "user_1", "message": "Customer 'user_1' was created or updated."}


class Stub(Simple):
    """``app.integrations.stub.identify_customer``: returns an identify-shaped result, does nothing else.

    Timing it isolates the bridge's own crossing: Lua -> Python -> Lua, marshalling and the call record.
    """

    name = "stub"

    def account_names(self) -> tuple[str, ...]:
        return ("default",)

    def resolve_account(self, name: str) -> str | None:
        return "default" if name == "default" else None

    def function_names(self) -> tuple[str, ...]:
        return ("identify_customer",)

    def resolve_function(self, name: str) -> str | None:
        return name if name == "identify_customer" else None

    def perform(self, function: str, account: str, args: Any, ctx: CallContext) -> Any:
        return dict(_RESULT)

    def secrets(self) -> tuple[str, ...]:
        return ()


def b2_overhead(report: Report, *, n: int, rounds: int) -> None:
    section(f"B2 in-process overhead: identify (email + 10 attributes) over httpx.MockTransport, "
            f"{n} calls per round, {rounds} rounds")
    runtime = bridge_runtime("http://mock.invalid", transport=ok_transport())
    stub_runtime = Runtime([Stub()], limits=BENCH_LIMITS)
    raw = httpx.Client(auth=(SITE_ID, TRACK_KEY), transport=ok_transport())
    code = lua_identify_loop(n)
    lua_only = lua_identify_loop(n, call="function() end")
    stub_code = lua_identify_loop(n, call="app.integrations.stub.identify_customer")

    def raw_httpx() -> None:
        for i in range(1, n + 1):
            customer, body = identify_payload(i)
            response = raw.put(f"http://mock.invalid/api/v1/customers/{quote(customer, safe='')}", json=body)
            if response.status_code != 200:
                raise RuntimeError(f"raw httpx got {response.status_code}")

    contenders: dict[str, Callable[[], object]] = {
        "bridge": lambda: run_ok(runtime, code),
        "raw httpx": raw_httpx,
        "lua only": lambda: run_ok(stub_runtime, lua_only),
        "stub": lambda: run_ok(stub_runtime, stub_code),
    }
    for fn in contenders.values():
        fn()
    times = {name: median(t) / n for name, t in interleaved(contenders, rounds).items()}
    stages = _stages(runtime, n=max(50, n // 4), repeats=max(3, rounds))
    overhead = times["bridge"] - times["raw httpx"]
    report.add("B2", "bridge: per identify, all in", fmt_us(times["bridge"]))
    report.add("B2", "raw httpx.Client: per PUT (same body, MockTransport)", fmt_us(times["raw httpx"]))
    report.add("B2", "bridge overhead per identify (bridge - raw httpx)", fmt_us(overhead), "<= 25 us",
               overhead <= 25e-6)
    in_httpx = stages.get("httpx")
    if in_httpx is not None:  # the bridge's own Python work, whatever its HTTP layer saves over httpx.Client
        report.add("B2", "httpx work in one bridge call, timed alone (build, MockTransport, read, parse)",
                   fmt_us(in_httpx))
        own = times["bridge"] - in_httpx
        report.add("B2", "bridge's own work per identify (all in - that httpx work)", fmt_us(own))
    print("  breakdown per call (medians; stages timed apart, so they need not add up exactly):")
    direct = stages.get("direct")
    rows = [
        ("bridge side: all in - CustomerIO.call", None if direct is None else times["bridge"] - direct),
        ("  Lua: build the argument table, loop", times["lua only"]),
        ("  Lua->Python->Lua round trip (stub integration)", times["stub"] - times["lua only"]),
        ("    of which marshal.from_lua(args)", stages.get("from_lua")),
        ("    of which result to Lua (Sandbox.to_lua)", stages.get("to_lua")),
        ("integration side: CustomerIO.call, called from Python", direct),
        ("  pydantic validation (params.validate)", stages.get("validate")),
        ("  request preparation (Client.prepare)", stages.get("build")),
        ("  send with retry/limit bookkeeping over MockTransport + JSON parse (HttpClient.send)", stages.get("send")),
        ("  result shaping (Operation.result)", stages.get("result")),
    ]
    for label, value in rows:
        report.add("B2", label, "n/a" if value is None else fmt_us(value))
    raw.close()


def _stages(runtime: Runtime, *, n: int, repeats: int) -> dict[str, float]:
    """Python-side stages of one identify, each timed on its own. Uses internals: a stage whose
    internals moved is reported as n/a rather than failing the suite."""
    out: dict[str, float] = {}
    customer, body = identify_payload(1)
    email = body.pop("email")
    args = {"id": customer, "email": email, "attributes": body}
    lua = lupa.LuaRuntime(unpack_returned_tuples=True)
    table = lua.table_from(args, recursive=True)
    limits = runtime.limits
    out["from_lua"] = per_op(lambda: marshal.from_lua(table, max_depth=limits.max_depth,
                                                      max_items=limits.max_items), n, repeats)
    try:
        integration: Any = runtime.integrations["customerio"]
        op = integration.operations["identify_customer"]
        account = integration.accounts[integration.default]
        client = integration._client
        ctx = CallContext(run_id="bench", deadline=float("inf"))
        params = validate(op.params, args, op.name)
        out["direct"] = per_op(lambda: integration.call("identify_customer", "default", args, ctx), n, repeats)
        out["validate"] = per_op(lambda: validate(op.params, args, op.name), n, repeats)
        prepared = client.prepare(op, account, params)
        out["build"] = per_op(lambda: client.prepare(op, account, params), n, repeats)
        data = client.sender.send(prepared, ctx)
        out["httpx"] = per_op(lambda: client.http.send(prepared.attempt(0, {})).json(), n, repeats)
        out["send"] = per_op(lambda: client.sender.send(prepared, ctx), n, repeats)
        out["result"] = per_op(lambda: op.result(data, params), n, repeats)
        result = op.result(data, params)
        sandbox = runtime._sandbox
        out["to_lua"] = per_op(lambda: sandbox.to_lua(result), n, repeats)
    except (AttributeError, KeyError, TypeError) as exc:
        print(f"  (some stages not timed: the internals they use changed: {type(exc).__name__}: {exc})")
    return out
