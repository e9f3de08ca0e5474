"""B9 concurrency from one snippet: ``app.map`` against the sequential loop, under a rate budget."""

from __future__ import annotations

import bisect
import threading
import time
from typing import Any

from bridge import Runtime
from integrations.customerio import CustomerIO
from integrations.customerio.ratelimit import APP, LocalLimiter, Rate
from tests.benchmarks.common import BENCH_LIMITS, Report, accounts, fmt_x, interleaved, median, run_ok, section
from tests.benchmarks.server import ServerProcess

#: The budget of B9's main rows: Customer.io's Track rate as the issue gives it (100 per second).
BUDGET = Rate(100, 1)


class Granting:
    """The in-process limiter, noting when it granted each slot; ``budget`` draws every request on
    one budget in place of Customer.io's per-family ones."""

    def __init__(self, budget: Rate | None = None) -> None:
        self.budget, self.granted = budget, []  # type: Rate | None, list[float]
        self._asked = threading.local()
        self._inner = LocalLimiter(self._now)

    def _now(self) -> float:
        self._asked.at = time.monotonic()
        return float(self._asked.at)

    def acquire(self, key: str, rate: Rate) -> float:
        wait = self._inner.acquire("b9", self.budget) if self.budget else self._inner.acquire(key, rate)
        if wait == 0.0:
            self.granted.append(self._asked.at)
        return wait


def snippets(reads: int, concurrency: int) -> tuple[str, str]:
    """The same ``reads`` lookups as a loop and as one app.map; both return the results in order."""
    fn = "app.integrations.customerio.get_person_attributes"
    loop = f"""local out = {{}}
for i = 1, {reads} do out[i] = {fn}({{ id = "user_" .. i }}) end
return out"""
    fanned = f"""local items = {{}}
for i = 1, {reads} do items[i] = {{ id = "user_" .. i }} end
local out = {{}}
for i, r in ipairs(app.map({fn}, items, {{ concurrency = {concurrency} }})) do
  out[i] = r.ok and r.value or r.error.code
end
return out"""
    return loop, fanned


def busiest(times: list[float], seconds: float) -> int:
    """The most of ``times`` in any window ``seconds`` long."""
    times = sorted(times)
    return max((bisect.bisect_left(times, t + seconds) - i for i, t in enumerate(times)), default=0)


def b9_parallel(report: Report, server: ServerProcess, *, reads: int, rounds: int, app_reads: int,
                latency_ms: int = 50, concurrency: int = 8) -> None:
    section(f"B9 concurrency in one snippet: {reads} reads, {latency_ms} ms server latency, app.map with "
            f"concurrency {concurrency} vs the sequential loop, budget {BUDGET}")
    url = f"{server.url}/_latency/{latency_ms}"
    limiter = Granting(BUDGET)
    runtime = Runtime([CustomerIO(accounts(url), limiter=limiter)], limits=BENCH_LIMITS)
    loop, fanned = snippets(reads, concurrency)
    results: dict[str, Any] = {}

    def contender(name: str, code: str) -> Any:
        return lambda: results.__setitem__(name, run_ok(runtime, code))

    run_ok(runtime, snippets(1, 1)[0])  # warm up: connection, caches
    server.reset()
    limiter.granted.clear()
    times = interleaved({"sequential": contender("sequential", loop), "app.map": contender("app.map", fanned)},
                        rounds)
    expected = [{"path": f"/v1/customers/user_{i}/attributes"} for i in range(1, reads + 1)]
    same = results["sequential"] == results["app.map"] == expected
    speedup = median(times["sequential"]) / median(times["app.map"])
    report.add("B9", "sequential loop: one run", f"{median(times['sequential']) * 1000:,.0f} ms")
    report.add("B9", f"app.map, concurrency {concurrency}: one run", f"{median(times['app.map']) * 1000:,.0f} ms")
    report.add("B9", "app.map / sequential speed-up", fmt_x(speedup), ">= 6x", speedup >= 6)
    report.add("B9", "results identical (and in order)", "yes" if same else "NO", "identical", same)
    _budget_kept(report, server, limiter, BUDGET, "")
    _real_app_budget(report, server, url, reads=app_reads, concurrency=concurrency)


def _real_app_budget(report: Report, server: ServerProcess, url: str, *, reads: int, concurrency: int) -> None:
    """The same fan-out under the App API's real budget (10 per second): the limit, not latency, decides."""
    limiter = Granting()
    runtime = Runtime([CustomerIO(accounts(url), limiter=limiter)], limits=BENCH_LIMITS)
    _, fanned = snippets(reads, concurrency)
    server.reset()
    started = time.perf_counter()
    run_ok(runtime, fanned)
    report.add("B9", f"App budget ({APP}), {reads} app.map reads: one run",
               f"{(time.perf_counter() - started) * 1000:,.0f} ms")
    _budget_kept(report, server, limiter, APP, "App budget: ")


def _budget_kept(report: Report, server: ServerProcess, limiter: Granting, budget: Rate, label: str) -> None:
    """Every request the server saw took a slot, and no window held more slots than the budget."""
    sent, granted = server.requests(), len(limiter.granted)
    most = busiest(limiter.granted, budget.seconds)
    report.add("B9", f"{label}requests sent / slots granted", f"{sent} / {granted}", "equal", sent == granted)
    report.add("B9", f"{label}most slots granted in any {budget.seconds} s", str(most), f"<= {budget.amount}",
               most <= budget.amount)
    report.add("B9", f"{label}  most arrivals at the server in any {budget.seconds} s",
               str(busiest(server.arrivals(), budget.seconds)))
