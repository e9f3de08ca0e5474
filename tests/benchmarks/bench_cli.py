"""B10 start-up of a fresh process: ``luabridge run -e 'return 1'`` and a Runtime, against the import floor."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.benchmarks.common import Report, fmt_ms, fmt_x, interleaved, median, section

ROOT = Path(__file__).resolve().parents[2]
#: Imports and builds what a host needs, timed inside the fresh process (interpreter start-up excluded).
_CONSTRUCT = """import time
started = time.perf_counter()
from bridge import Runtime
runtime = Runtime.from_env()
print(time.perf_counter() - started)"""


def _command() -> list[str]:
    """The installed ``luabridge`` script beside this interpreter, else ``python -m bridge.cli``."""
    script = Path(sys.executable).with_name("luabridge")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bridge.cli"]


def _environment() -> dict[str, str]:
    """This environment without CUSTOMERIO_* (the emulated workspace) and with bytecode caches
    allowed, as an installed package has them (PYTHONDONTWRITEBYTECODE would time the compiler)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CUSTOMERIO_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _run(argv: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"B10: {' '.join(argv)} failed:\n{done.stderr}")
    return done.stdout


def b10_cli(report: Report, *, rounds: int) -> None:
    section(f"B10 start-up of a fresh process, {rounds} interleaved rounds (bytecode cached)")
    env, cli = _environment(), _command()
    commands = {
        "python -c 'import httpx, pydantic, lupa'": [sys.executable, "-c", "import httpx, pydantic, lupa"],
        "luabridge run -e 'return 1' --in-process": [*cli, "run", "-e", "return 1", "--in-process"],
        "luabridge run -e 'return 1' (worker)": [*cli, "run", "-e", "return 1"],
    }
    for argv in commands.values():  # warm up: bytecode caches, the page cache
        _run(argv, env)
    times = interleaved({name: (lambda a=argv: _run(a, env)) for name, argv in commands.items()}, rounds)
    floor, in_process, worker = (median(times[name]) for name in commands)
    for name in commands:
        report.add("B10", name, fmt_ms(median(times[name])))
    report.add("B10", "in process / import floor", fmt_x(in_process / floor), "<= 2x", in_process <= 2 * floor)
    report.add("B10", "with worker isolation / import floor", fmt_x(worker / floor), "<= 3x", worker <= 3 * floor)
    inside = median(float(_run([sys.executable, "-c", _CONSTRUCT], env)) for _ in range(rounds))
    report.add("B10", "fresh process: import bridge + Customer.io, Runtime.from_env()", fmt_ms(inside),
               "< 200 ms", inside < 0.2)
    started = time.perf_counter()
    _run([sys.executable, "-c", _CONSTRUCT], env)
    report.add("B10", "  the same, wall time of the whole process", fmt_ms(time.perf_counter() - started))

