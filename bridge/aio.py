"""Async hosts: run a blocking run in a thread so the event loop stays free, and stop it on cancel.

``Runtime.arun`` and ``WorkerPool.arun`` are built on ``in_thread``. It works under asyncio and
trio (through anyio). When the awaiting task is cancelled, the run is stopped (``stop`` is given
the id of the thread doing it: a Runtime stops it at the next hook, a pool kills its worker), the
task waits, shielded, until the thread has let go of the Runtime, and then the cancellation goes
on. ``work`` is handed a ``cancelled()`` check: a run still waiting for its Runtime or worker when
the task is cancelled looks at it once it has one, and does not start.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

import anyio
import anyio.to_thread

T = TypeVar("T")

#: Seconds between two stop requests while a cancelled run winds down (it may not have begun yet).
_STOP_AGAIN_SECONDS = 0.05


class _Flight:
    """One blocking call as the thread and the awaiting task both see it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.thread: int | None = None
        self.cancelled = False
        self.finished = threading.Event()

    def begin(self) -> bool:
        """In the thread: False when the task was cancelled first (then the call is skipped)."""
        with self.lock:
            if self.cancelled:
                return False
            self.thread = threading.get_ident()
            return True

    def is_cancelled(self) -> bool:
        with self.lock:
            return self.cancelled

    def cancel(self) -> int | None:
        """In the task: the thread to stop, or None when the call never began (and now never will)."""
        with self.lock:
            self.cancelled = True
            return self.thread


async def in_thread(work: Callable[[Callable[[], bool]], T], stop: Callable[[int], None]) -> T:
    """``work(cancelled)`` in a worker thread; a cancelled task calls ``stop(thread_id)`` until it has ended."""
    flight = _Flight()

    def body() -> T | None:
        if not flight.begin():
            return None
        try:
            return work(flight.is_cancelled)
        finally:
            flight.finished.set()

    try:
        result = await anyio.to_thread.run_sync(body, abandon_on_cancel=True)
    except anyio.get_cancelled_exc_class():
        thread = flight.cancel()
        if thread is not None:
            with anyio.CancelScope(shield=True):
                await anyio.to_thread.run_sync(stop_until_finished, flight.finished, thread, stop)
        raise
    return result  # type: ignore[return-value]  # body returns None only for a cancelled flight


def stop_until_finished(finished: threading.Event, thread: int, stop: Callable[[int], None]) -> None:
    """Call ``stop(thread)`` now and again until ``finished`` is set (blocking; run it in a thread)."""
    stop(thread)
    while not finished.wait(_STOP_AGAIN_SECONDS):
        stop(thread)  # again: the run may have been waiting for its Runtime or worker when first asked
