"""B8 VM overhead: VM-bound Lua in the sandbox against plain lupa.lua54, interleaved in one process."""

from __future__ import annotations

from collections.abc import Callable

import lupa.lua54 as lupa

from bridge import Limits, Runtime
from tests.benchmarks.common import Report, interleaved, median, section

#: The three workloads of issue #11 (sizes: full mode; quick mode divides the loop counts).
WORKLOADS = {
    "fib(27)": "local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end "
               "return fib(N_FIB)",
    "10^7 additions": "local s = 0 for i = 1, N_ADD do s = s + i end return s",
    "200k comparator sort": "local t, x = {}, 1 for i = 1, N_SORT do x = (x * 7919) % 1000003 t[i] = x end "
                            "table.sort(t, function(a, b) return a > b end) return t[1]",
}
SIZES = {"full": {"N_FIB": 27, "N_ADD": 10_000_000, "N_SORT": 200_000},
         "quick": {"N_FIB": 18, "N_ADD": 100_000, "N_SORT": 5_000}}
TARGET = 1.3


def _sized(code: str, sizes: dict[str, int]) -> str:
    for name, value in sizes.items():
        code = code.replace(name, str(value))
    return code


def _contenders(code: str) -> dict[str, Callable[[], object]]:
    plain = lupa.LuaRuntime()
    chunk = plain.execute("return function(code) return load(code, '=plain', 't') end")(code)
    return {"plain lupa": chunk, "sandbox": _sandboxed(code, Limits(timeout_seconds=600.0)),
            "sandbox, counted": _sandboxed(code, Limits(timeout_seconds=600.0, max_instructions=10**12))}


def _sandboxed(code: str, limits: Limits) -> Callable[[], object]:
    runtime = Runtime(limits=limits)

    def run() -> object:
        res = runtime.run(code)
        if not res.ok:
            raise RuntimeError(f"B8 workload failed in the sandbox: {res.error}")
        return res.value

    return run


def b8_vm_overhead(report: Report, *, rounds: int, quick: bool) -> None:
    section(f"B8 VM overhead: sandbox / plain lupa.lua54, median of {rounds} interleaved rounds")
    sizes = SIZES["quick" if quick else "full"]
    for name, code in WORKLOADS.items():
        times = interleaved(_contenders(_sized(code, sizes)), rounds)
        ratio = median(times["sandbox"]) / median(times["plain lupa"])
        report.add("B8", f"{name}: sandbox {median(times['sandbox']) * 1000:.0f} ms vs plain "
                   f"{median(times['plain lupa']) * 1000:.0f} ms", f"{ratio:.2f}x", f"<= {TARGET}x",
                   ratio <= TARGET)
        counted = median(times["sandbox, counted"]) / median(times["plain lupa"])
        report.add("B8", f"{name}, with an instruction budget (counted; no target)", f"{counted:.2f}x")
