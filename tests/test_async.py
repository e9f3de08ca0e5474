"""``Runtime.arun`` and ``WorkerPool.arun``: the event loop keeps running; cancelling the task stops the run."""

from __future__ import annotations

import asyncio
import functools

import pytest

from bridge import Limits, Runtime
from bridge.workers import WorkerPool
from tests.helpers import Echo, stuck_runtime

pytestmark = pytest.mark.slow

SPIN = "while true do end"


async def until(condition: object, what: str) -> None:
    """Yield to the loop until ``condition()`` holds (at most 20 s)."""
    async with asyncio.timeout(20):
        while not condition():  # type: ignore[operator]
            await asyncio.sleep(0.01)


def test_arun_leaves_the_loop_free_while_the_run_waits() -> None:
    runtime = Runtime([Echo()])
    seen_running: list[bool] = []

    async def other_task() -> None:
        await until(lambda: runtime._run is not None, "the run to start")
        seen_running.append(runtime._run is not None)

    async def main() -> object:
        watcher = asyncio.create_task(other_task())
        result = await runtime.arun("app.integrations.echo.slow({seconds = 0.5}) return 'done'")
        await watcher
        return result.value

    assert asyncio.run(main()) == "done"
    assert seen_running == [True]  # another task ran on the loop while the snippet was running


def test_cancelling_arun_stops_an_in_process_run_and_the_runtime_stays_usable() -> None:
    runtime = Runtime([Echo()], Limits(timeout_seconds=60))

    async def main() -> None:
        task = asyncio.create_task(runtime.arun(SPIN))
        await until(lambda: runtime._run is not None, "the run to start")
        task.cancel()
        async with asyncio.timeout(10):  # far before the run's 60 s deadline
            with pytest.raises(asyncio.CancelledError):
                await task
        assert runtime._run is None
        assert (await runtime.arun("return 1 + 1")).value == 2

    asyncio.run(main())
    assert runtime.run("return 'sync too'").value == "sync too"


def test_a_task_cancelled_while_its_run_waits_for_the_runtime_never_runs() -> None:
    runtime = Runtime([Echo()], Limits(timeout_seconds=60))

    async def main() -> None:
        first = asyncio.create_task(runtime.arun("app.integrations.echo.slow({seconds = 0.5})"))
        await until(lambda: runtime._run is not None, "the first run to start")
        second = asyncio.create_task(runtime.arun("app.integrations.echo.back({value = 'second'})"))
        await asyncio.sleep(0.05)
        second.cancel()
        with pytest.raises(asyncio.CancelledError):
            await second
        assert (await first).ok

    asyncio.run(main())
    echo = runtime.integrations["echo"]
    assert [f for f, _, _ in echo.seen] == ["slow"]  # type: ignore[attr-defined]


def test_cancelling_pool_arun_kills_the_worker_and_the_next_run_succeeds() -> None:
    with WorkerPool(functools.partial(stuck_runtime, 60), size=1, grace_seconds=0.5) as pool:
        first = pool.pids()

        async def main() -> object:
            task = asyncio.create_task(pool.arun("app.integrations.echo.stuck({seconds = 600})"))
            await until(lambda: pool._busy, "the worker to take the run")
            await asyncio.sleep(0.1)
            task.cancel()
            async with asyncio.timeout(20):  # the run's deadline is 60 s, its sleep 600 s
                with pytest.raises(asyncio.CancelledError):
                    await task
            return (await pool.arun("return app.integrations.echo.back({value = 'next'})")).value

        assert asyncio.run(main()) == "next"
        assert pool.pids() != first


def test_a_host_callback_cannot_start_a_run_inside_the_run() -> None:
    runtime = Runtime([Echo()])
    seen: list[str] = []

    def audit(record: object) -> None:
        try:
            runtime.run("return 1")
        except RuntimeError as exc:
            seen.append(str(exc))

    runtime.audit = audit
    assert runtime.run("return app.integrations.echo.back({value = 3})").value == 3
    assert seen == ["Runtime.run was called from a callback of its own run in progress."]
