"""B3 start-up, B4 memory, B7 docs: costs of the Runtime itself."""

from __future__ import annotations

import gc
import json
import statistics
import subprocess
import sys
from pathlib import Path

from bridge import Runtime
from integrations.customerio import CustomerIO
from tests.benchmarks.common import (
    BENCH_LIMITS,
    Report,
    accounts,
    bridge_runtime,
    fmt_ms,
    fmt_us,
    ok_transport,
    rss_bytes,
    run_ok,
    section,
    timed,
)

MIB = 1024 * 1024


def b3_startup(report: Report, *, repeats: int) -> None:
    section(f"B3 start-up: a new Runtime (Customer.io, 3 accounts) + `return 1`, {repeats} repeats")
    accts = accounts("http://mock.invalid", 3)
    run_ok(Runtime([CustomerIO(accts)]), "return 1")  # once per process: imports, the hook calibration

    def cold() -> None:
        run_ok(Runtime([CustomerIO(accts)]), "return 1")

    def construct() -> None:
        Runtime([CustomerIO(accts)])

    runtime = Runtime([CustomerIO(accts)])
    run_ok(runtime, "return 1")
    new = statistics.median(timed(cold) for _ in range(repeats))
    build = statistics.median(timed(construct) for _ in range(repeats))
    fresh = statistics.median(timed(lambda: run_ok(runtime, "return 1")) for _ in range(repeats * 5))
    report.add("B3", "new Runtime + first run", fmt_ms(new), "<= 2 ms", new <= 2e-3)
    report.add("B3", "  of which Runtime(...) alone", fmt_ms(build))
    report.add("B3", "fresh isolated run on an existing Runtime", fmt_ms(fresh), "<= 0.3 ms", fresh <= 0.3e-3)


def b4_memory(report: Report, *, runtimes: int, runs: int) -> None:
    """Measured in a fresh child process: memory freed by the other benchmarks would hide growth."""
    section(f"B4 memory (fresh process): {runtimes:,} live Runtimes; {runs:,} runs on one Runtime")
    root = Path(__file__).resolve().parents[2]
    child = subprocess.run([sys.executable, "-m", "tests.benchmarks.bench_runtime", str(runtimes), str(runs)],
                           cwd=root, capture_output=True, text=True, check=False)
    if child.returncode != 0:
        raise RuntimeError(f"B4 child process failed:\n{child.stderr}")
    m = json.loads(child.stdout.strip().splitlines()[-1])
    each, grew, lua_grew = m["per_runtime"], m["rss_growth"], m["lua_growth"]
    report.add("B4", "baseline RSS of the process (imports, one Runtime)", f"{m['baseline'] / MIB:.1f} MiB")
    report.add("B4", "resident memory per live Runtime", f"{each / MIB:.3f} MiB", "<= 1 MiB", each <= MIB)
    report.add("B4", "  Lua heap per Runtime (of which)", f"{m['lua_heap'] / MIB:.3f} MiB")
    report.add("B4", f"RSS growth over {runs:,} runs on one Runtime", f"{grew / 1024:,.0f} KiB",
               "<= 1 MiB (none)", grew <= MIB)
    report.add("B4", f"Lua heap growth over {runs:,} runs", f"{lua_grew / 1024:,.0f} KiB")


def _memory(runtimes: int, runs: int) -> dict[str, float]:
    accts = accounts("http://mock.invalid", 3)
    run_ok(Runtime([CustomerIO(accts)]), "return 1")  # imports, calibration
    gc.collect()
    before = rss_bytes()
    keep: list[Runtime] = []
    for _ in range(runtimes):
        runtime = Runtime([CustomerIO(accts)])
        run_ok(runtime, "return 1")
        keep.append(runtime)
    gc.collect()
    per_runtime = (rss_bytes() - before) / runtimes
    lua_heap = keep[0]._sandbox.memory_used()
    del keep, runtime
    gc.collect()

    runtime = bridge_runtime("http://mock.invalid", transport=ok_transport())
    code = ('local r = app.integrations.customerio.identify_customer({ id = "u1", email = "u1@example.com", '
            'attributes = { plan = "premium" } })\nprint(r.message)\n'
            'local t = {} for i = 1, 200 do t[i] = tostring(i) end\nreturn #t')
    for _ in range(max(100, runs // 10)):
        run_ok(runtime, code)
    gc.collect()
    start_rss, start_lua = rss_bytes(), runtime._sandbox.memory_used()
    for _ in range(runs):
        run_ok(runtime, code)
    gc.collect()
    return {"baseline": before, "per_runtime": per_runtime, "lua_heap": lua_heap,
            "rss_growth": rss_bytes() - start_rss, "lua_growth": runtime._sandbox.memory_used() - start_lua}


def b7_docs(report: Report, *, calls: int, repeats: int) -> None:
    section(f"B7 docs: lua_read_doc / lua_search_docs, {calls} calls per run, {repeats} runs")
    runtime = Runtime([CustomerIO.emulated()], limits=BENCH_LIMITS)
    topic = "integrations.customerio"
    size = run_ok(runtime, f'return #lua_read_doc("{topic}")')
    cases = {
        f"lua_read_doc(\"{topic}\") ({size:,} bytes)": f'lua_read_doc("{topic}")',
        "lua_search_docs(\"identify customer\")": 'lua_search_docs("identify customer")',
        "lua_search_docs(\"list campaigns newsletters\")": 'lua_search_docs("list campaigns newsletters")',
    }
    empty = statistics.median(timed(lambda: run_ok(runtime, "return 1")) for _ in range(repeats))
    for label, call in cases.items():
        code = f"for _ = 1, {calls} do local _ = {call} end"
        run_ok(runtime, code)  # first use: files read, caches filled
        each = (statistics.median(timed(lambda c=code: run_ok(runtime, c)) for _ in range(repeats)) - empty) / calls
        report.add("B7", label, fmt_us(each), "<= 1 ms", each <= 1e-3)


if __name__ == "__main__":  # the B4 child: python -m tests.benchmarks.bench_runtime RUNTIMES RUNS
    print(json.dumps(_memory(int(sys.argv[1]), int(sys.argv[2]))))
