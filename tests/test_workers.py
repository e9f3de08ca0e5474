"""bridge.workers: runs in worker processes; a crash or an overrun ends only the worker.

The factories below are module-level functions so that the pool can pickle them by reference;
each worker imports this module and builds its Runtime there.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from bridge import Limits, Runtime
from bridge.audit import MemorySink
from bridge.errors import ConfigError, ErrorCode
from bridge.integration import CallContext
from bridge.policy import PlannedCall, Policy, Rule
from bridge.workers import WorkerPool
from integrations.customerio import CustomerIO
from tests.cio_support import NS
from tests.helpers import Simple

#: The pool kills a worker this long after the run's deadline.
GRACE = 0.5
TIMEOUT = 1.0


class Crash(Simple):
    """``app.integrations.crash.<fn>``: host functions that take the whole process down."""

    name = "crash"

    def account_names(self) -> tuple[str, ...]:
        return ("default",)

    def resolve_account(self, name: str) -> str | None:
        return "default" if name == "default" else None

    def function_names(self) -> tuple[str, ...]:
        return ("pid", "abort", "segv", "block", "echo")

    def resolve_function(self, name: str) -> str | None:
        return name if name in self.function_names() else None

    def perform(self, function: str, account: str, args: Any, ctx: CallContext) -> Any:
        if function == "pid":
            return os.getpid()
        if function == "abort":
            os.abort()
        if function == "segv":
            os.kill(os.getpid(), signal.SIGSEGV)
        if function == "block":  # ignores the run's deadline, as a stuck C call would
            time.sleep(float(args["seconds"]))
        return args

    def secrets(self) -> tuple[str, ...]:
        return ()


def crash_runtime() -> Runtime:
    return Runtime([Crash()], Limits(timeout_seconds=TIMEOUT))


def asking_runtime() -> Runtime:
    return Runtime([CustomerIO.emulated(policy=Policy(write=Rule.ASK))])


def broken_runtime() -> Runtime:
    raise ConfigError("The test factory refuses to build a Runtime.")


@pytest.fixture(scope="module")
def pool() -> Iterator[WorkerPool]:
    with WorkerPool(crash_runtime, size=2, grace_seconds=GRACE) as pool:
        yield pool


def healthy(pool: WorkerPool) -> None:
    """Every worker of the pool answers (runs cycle through the idle queue)."""
    for _ in range(pool.size + 1):
        result = pool.run("return app.integrations.crash.pid{} > 0")
        assert result.ok and result.value is True, result.error


def test_a_run_comes_back_as_plain_data(pool: WorkerPool) -> None:
    result = pool.run('print("hi") return {n = 1, f = 1.5, whole = 2.0, list = {1, "a", true}, s = "é"}')

    assert result.ok, result.error
    assert result.output == "hi\n"
    assert result.value == {"n": 1, "f": 1.5, "whole": 2.0, "list": [1, "a", True], "s": "é"}
    assert type(result.value["whole"]) is float and type(result.value["n"]) is int
    assert result.run_id and isinstance(result.calls, tuple)


def test_errors_and_call_records_cross_intact(pool: WorkerPool) -> None:
    result = pool.run("app.integrations.crash.echo{x = 1} error('boom')")

    assert not result.ok and result.error is not None
    assert result.error.code == ErrorCode.RUNTIME_ERROR and "boom" in result.error.message
    assert [(c.operation, c.outcome, c.params) for c in result.calls] == [("echo", "ok", {"x": 1})]


def test_the_worker_is_another_process(pool: WorkerPool) -> None:
    result = pool.run("return app.integrations.crash.pid{}")

    assert result.value != os.getpid() and result.value in pool.pids()


@pytest.mark.parametrize(("function", "signal_name"), [("abort", "SIGABRT"), ("segv", "SIGSEGV")])
def test_a_crash_ends_only_the_worker(pool: WorkerPool, function: str, signal_name: str) -> None:
    before = set(pool.pids())

    result = pool.run(f"app.integrations.crash.echo{{step = 1}} app.integrations.crash.{function}{{}} return 1")

    assert not result.ok and result.error is not None
    assert result.error.code == ErrorCode.SANDBOX_CRASHED
    assert result.error.details["exit"] == f"signal {signal_name}"
    # What happened before the crash is known, and the call in flight when it died is recorded by the host.
    assert [(c.operation, c.outcome) for c in result.calls] == [("echo", "ok"), (function, "error")]
    lost = result.calls[1]  # a write's outcome is unknown; a read ends as the run did
    assert lost.error_code == ("sandbox_crashed" if lost.kind == "read" else "outcome_unknown")
    assert set(pool.pids()) != before and len(pool.pids()) == pool.size
    healthy(pool)


def test_an_overrun_the_sandbox_cannot_stop_is_killed_at_the_deadline(pool: WorkerPool) -> None:
    started = time.monotonic()

    result = pool.run("app.integrations.crash.block{seconds = 30} return 1")

    elapsed = time.monotonic() - started
    assert result.error is not None and result.error.code == ErrorCode.TIMEOUT
    assert TIMEOUT <= elapsed < TIMEOUT + GRACE + 0.5, elapsed
    healthy(pool)


def test_a_worker_killed_while_idle_is_replaced(pool: WorkerPool) -> None:
    for pid in pool.pids():
        os.kill(pid, signal.SIGKILL)
    time.sleep(0.1)

    healthy(pool)


def test_runs_proceed_in_parallel_up_to_the_pool_size(pool: WorkerPool) -> None:
    results: list[Any] = []
    threads = [threading.Thread(target=lambda: results.append(pool.run(
        "app.integrations.crash.block{seconds = 0.4} return app.integrations.crash.pid{}"))) for _ in range(2)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert time.monotonic() - started < 0.75
    assert all(r.ok for r in results) and len({r.value for r in results}) == 2


def test_audit_records_arrive_as_calls_happen_and_approval_is_asked_of_the_host() -> None:
    sink, asked = MemorySink(), []

    def approve(call: PlannedCall) -> bool:
        asked.append(call)
        time.sleep(0.2)  # the host's thinking time does not count against the kill deadline
        return call.body is not None and "yes" in str(call.body)

    with WorkerPool(asking_runtime, audit=sink, approve=approve) as pool:
        result = pool.run(f"""
            local ok = pcall({NS}.identify_customer, {{id = "u1", attributes = {{say = "yes"}}}})
            local no, err = pcall({NS}.identify_customer, {{id = "u2", attributes = {{say = "no"}}}})
            return {{ok, no, err.code}}
        """)

    assert result.value == [True, False, "permission_denied"], result.error
    assert [c.account for c in asked] == ["default", "default"] and asked[0].operation == "identify_customer"
    assert [(r.approval, r.outcome) for r in sink.records] == [("approved", "ok"), ("declined", "error")]
    assert list(result.calls) == sink.records


def test_worker_logs_reach_the_host_loggers(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with WorkerPool(crash_runtime) as pool:
        result = pool.run("return 1")

    forwarded = [r for r in caplog.records if getattr(r, "worker", False)]
    assert any(r.name == "bridge" and result.run_id in r.getMessage() for r in forwarded)


def test_a_factory_that_fails_fails_the_pool_with_its_message() -> None:
    with pytest.raises(ConfigError, match="refuses to build"):
        WorkerPool(broken_runtime)


def test_a_closed_pool_refuses_runs() -> None:
    pool = WorkerPool(crash_runtime)
    pool.close()

    with pytest.raises(ConfigError):
        pool.run("return 1")
    assert pool.pids() == ()


class CrashingCliRuntime:
    """Stands in for bridge.cli.CliRuntime: the CLI's runtime with the crashing integration."""

    def __init__(self, *args: object) -> None:
        pass

    def __call__(self) -> Runtime:
        return crash_runtime()


def test_the_cli_runs_snippets_in_a_worker_by_default(monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from bridge.cli import main

    monkeypatch.setattr("bridge.cli.CliRuntime", CrashingCliRuntime)

    assert main(["run", "-e", "return app.integrations.crash.pid{}"]) == 0
    assert int(capsys.readouterr().out) != os.getpid()
    assert main(["run", "-e", "app.integrations.crash.abort{}"]) == 1  # and this process lives on
    assert "sandbox_crashed" in capsys.readouterr().err
    assert main(["run", "--in-process", "-e", "return app.integrations.crash.pid{}"]) == 0
    assert int(capsys.readouterr().out) == os.getpid()
