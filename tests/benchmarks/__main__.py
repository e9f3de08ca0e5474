"""Run the benchmark suite (issue #6): ``python -m tests.benchmarks [--quick] [--only B1,B3] [--markdown]``.

Full mode prints every figure with its target and met/MISSED (exit 0; ``--strict`` exits 1 on a
miss). ``--quick`` runs every benchmark with tiny sizes to prove the suite works; it asserts no
times and exits 0 unless something errors.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from importlib.metadata import PackageNotFoundError, version

from tests.benchmarks.bench_bulk import b5_bulk
from tests.benchmarks.bench_cli import b10_cli
from tests.benchmarks.bench_overhead import b2_overhead
from tests.benchmarks.bench_parallel import b9_parallel
from tests.benchmarks.bench_runtime import b3_startup, b4_memory, b7_docs
from tests.benchmarks.bench_throughput import b1_throughput, b6_concurrency
from tests.benchmarks.bench_vm import b8_vm_overhead
from tests.benchmarks.common import Report
from tests.benchmarks.server import ServerProcess

#: Sizes per mode: quick proves the suite runs; full gives stable medians.
SIZES = {
    "quick": {"b1_n": 30, "b1_rounds": 2, "b2_n": 100, "b2_rounds": 2, "b3_repeats": 5, "b4_runtimes": 20,
              "b4_runs": 200, "b5_n": 200, "b6_calls": 3, "b6_rounds": 1, "b7_calls": 5, "b7_repeats": 3,
              "b8_rounds": 2, "b9_reads": 10, "b9_rounds": 1, "b9_app_reads": 12, "b10_rounds": 1},
    "full": {"b1_n": 1000, "b1_rounds": 9, "b2_n": 2000, "b2_rounds": 9, "b3_repeats": 200,
             "b4_runtimes": 1000, "b4_runs": 10_000, "b5_n": 10_000, "b6_calls": 25, "b6_rounds": 5,
             "b7_calls": 200, "b7_repeats": 9, "b8_rounds": 5, "b9_reads": 50, "b9_rounds": 5,
             "b9_app_reads": 25, "b10_rounds": 9},
}
ALL = ("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9", "B10")


def machine() -> str:
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            model = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), model)
    except OSError:
        pass
    try:
        lupa_version = version("lupa")
    except PackageNotFoundError:
        lupa_version = "?"
    return (f"{os.cpu_count()} cores {platform.machine()} ({model}), Python {platform.python_version()}, "
            f"lupa {lupa_version}, httpx {version('httpx')}, pydantic {version('pydantic')}")


def load() -> str:
    """The 1-minute load average: other work on the machine skews every figure."""
    try:
        with open("/proc/loadavg") as f:
            return f.read().split()[0]
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes; proves the suite runs, asserts no times")
    parser.add_argument("--only", default=",".join(ALL), help="comma-separated benchmarks to run (default: all)")
    parser.add_argument("--markdown", action="store_true", help="also print the results as a markdown table")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed (full mode)")
    args = parser.parse_args(argv)
    only = {b.strip().upper() for b in args.only.split(",") if b.strip()}
    unknown = only - set(ALL)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}; choose from {', '.join(ALL)}")
    s = SIZES["quick" if args.quick else "full"]
    report = Report(quick=args.quick)
    print(f"lua-agent-bridge benchmarks ({'quick' if args.quick else 'full'}) on {machine()}; load {load()}")
    started = time.perf_counter()
    with ServerProcess() as server:
        if "B1" in only:
            b1_throughput(report, server, n=s["b1_n"], rounds=s["b1_rounds"])
        if "B2" in only:
            b2_overhead(report, n=s["b2_n"], rounds=s["b2_rounds"])
        if "B3" in only:
            b3_startup(report, repeats=s["b3_repeats"])
        if "B4" in only:
            b4_memory(report, runtimes=s["b4_runtimes"], runs=s["b4_runs"])
        if "B5" in only:
            b5_bulk(report, server, n=s["b5_n"])
        if "B6" in only:
            b6_concurrency(report, server, calls=s["b6_calls"], rounds=s["b6_rounds"])
        if "B7" in only:
            b7_docs(report, calls=s["b7_calls"], repeats=s["b7_repeats"])
        if "B8" in only:
            b8_vm_overhead(report, rounds=s["b8_rounds"], quick=args.quick)
        if "B9" in only:
            b9_parallel(report, server, reads=s["b9_reads"], rounds=s["b9_rounds"], app_reads=s["b9_app_reads"])
    if "B10" in only:  # processes of their own: no server needed
        b10_cli(report, rounds=s["b10_rounds"])
    print(f"\n== Targets ({time.perf_counter() - started:.1f} s; load average now {load()})")
    print(report.summary())
    if args.markdown:
        print("\n" + report.markdown())
    return 1 if args.strict and report.missed else 0


if __name__ == "__main__":
    sys.exit(main())
