"""Shared pieces of the benchmarks: the payload, runtimes, timing helpers and the report."""

from __future__ import annotations

import gc
import os
import resource
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import httpx

from bridge import Limits, Runtime
from integrations.customerio import Account, CustomerIO, ratelimit

SITE_ID, TRACK_KEY, APP_KEY = "bench-site", "bench-track-key", "bench-app-key"

#: Limits wide enough that the benchmarks measure speed, not limits.
BENCH_LIMITS = Limits(max_calls=1_000_000, timeout_seconds=3600, max_items=10_000_000,
                      max_memory_bytes=512 * 1024 * 1024)


# --- the payload: identify with an email and 10 attributes --------------------------------

def lua_identify_loop(n: int, call: str = "app.integrations.customerio.identify_customer") -> str:
    """A snippet making ``n`` identify calls, each with an email and 10 attributes."""
    return f"""local call = {call}
for i = 1, {n} do
  call({{ id = "user_" .. i, email = "user" .. i .. "@example.com", attributes = {{
    plan = "premium", company = "Acme Corp", seats = 10 + i, mrr = 299.5, active = true,
    country = "DE", city = "Berlin", source = "benchmark", score = i % 100, beta = false }} }})
end
return {n}"""


def identify_payload(i: int) -> tuple[str, dict[str, Any]]:
    """What ``lua_identify_loop`` sends for call ``i``: the id and the JSON body."""
    return f"user_{i}", {
        "plan": "premium", "company": "Acme Corp", "seats": 10 + i, "mrr": 299.5, "active": True,
        "country": "DE", "city": "Berlin", "source": "benchmark", "score": i % 100, "beta": False,
        "email": f"user{i}@example.com",
    }


# --- runtimes ---------------------------------------------------------------------------------

def accounts(base_url: str, n: int = 1) -> list[Account]:
    """``n`` accounts (default, acct2, acct3, ...) whose Track and App URLs are ``base_url``."""
    names = ["default", *(f"acct{i}" for i in range(2, n + 1))]
    return [Account(name=name, site_id=SITE_ID, track_api_key=TRACK_KEY, app_api_key=APP_KEY,
                    track_url=base_url, app_url=base_url) for name in names]


def bridge_runtime(base_url: str, *, transport: httpx.BaseTransport | None = None, n_accounts: int = 1,
                   limits: Limits = BENCH_LIMITS) -> Runtime:
    # No client-side rate limit: these measure the bridge's own overhead, not Customer.io's fair-use budget.
    integration = CustomerIO(accounts(base_url, n_accounts), transport=transport, limiter=ratelimit.UNLIMITED)
    return Runtime([integration], limits=limits)


def ok_transport() -> httpx.MockTransport:
    """An in-process transport answering ``200 {}`` at once."""
    return httpx.MockTransport(lambda request: httpx.Response(200, content=b"{}",
                                                             headers={"Content-Type": "application/json"}))


def run_ok(runtime: Runtime, code: str) -> Any:
    """Run a snippet that must succeed; its value."""
    result = runtime.run(code)
    if not result.ok:
        raise RuntimeError(f"benchmark snippet failed: {result.error}")
    return result.value


# --- timing -----------------------------------------------------------------------------------

def timed(fn: Callable[[], object]) -> float:
    """Seconds one call of ``fn`` takes."""
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def interleaved(contenders: dict[str, Callable[[], object]], rounds: int) -> dict[str, list[float]]:
    """Time each contender once per round, rotating the order; seconds per round for each."""
    names = list(contenders)
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        for name in names[r % len(names):] + names[:r % len(names)]:
            gc.collect()
            times[name].append(timed(contenders[name]))
    return times


def per_op(fn: Callable[[], object], n: int, repeats: int) -> float:
    """Median seconds per call of ``fn`` over ``repeats`` batches of ``n`` calls."""
    def batch() -> None:
        for _ in range(n):
            fn()
    batch()
    return statistics.median(timed(batch) for _ in range(repeats)) / n


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def rss_bytes() -> int:
    """Resident set size now (Linux /proc/self/statm; else the peak from getrusage)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # pragma: no cover - not Linux
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


# --- the report -------------------------------------------------------------------------------

@dataclass
class Figure:
    """One measured figure, with its target when it has one (``met`` None: no target / skipped)."""

    bench: str
    name: str
    value: str
    target: str = ""
    met: bool | None = None


@dataclass
class Report:
    quick: bool
    figures: list[Figure] = field(default_factory=list)

    def add(self, bench: str, name: str, value: str, target: str = "", met: bool | None = None) -> None:
        self.figures.append(Figure(bench, name, value, target, met if target and not self.quick else None))
        shown = f"  [{target}: {_verdict(self.figures[-1], self.quick)}]" if target else ""
        print(f"  {name:<58} {value:>16}{shown}", flush=True)

    def summary(self) -> str:
        rows = [("bench", "figure", "value", "target", "result")]
        rows += [(f.bench, f.name, f.value, f.target, _verdict(f, self.quick)) for f in self.figures if f.target]
        widths = [max(len(r[i]) for r in rows) for i in range(5)]
        return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows)

    def markdown(self) -> str:
        lines = ["| Bench | Figure | Result | Target | Met |", "|---|---|---|---|---|"]
        lines += [f"| {f.bench} | {f.name} | {f.value} | {f.target} | {_verdict(f, self.quick)} |"
                  for f in self.figures if f.target]
        return "\n".join(lines)

    @property
    def missed(self) -> list[Figure]:
        return [f for f in self.figures if f.met is False]


def _verdict(f: Figure, quick: bool) -> str:
    if quick and f.target:
        return "not asserted (quick)"
    return {True: "met", False: "MISSED", None: "n/a"}[f.met]


def fmt_us(seconds: float) -> str:
    return f"{seconds * 1e6:,.1f} us"


def fmt_ms(seconds: float) -> str:
    return f"{seconds * 1e3:,.3f} ms"


def fmt_x(ratio: float) -> str:
    return f"{ratio:.2f}x"


def section(title: str) -> None:
    print(f"\n== {title}", flush=True)
