"""``app.parallel`` and ``app.map``: integration calls of one snippet, sent concurrently.

Lua runs on one thread and lupa's objects must not be touched from any other, so a batch
crosses in three steps:

1. on the Lua thread: read each item (integration, account, function, argument table) and
   marshal its arguments to plain Python data;
2. on up to ``concurrency`` threads: each item takes exactly the path of a single call
   (``Host.call``: policy and approval, dry run, validation, rate limits, retries and
   idempotency, the audit record), with plain data only;
3. on the Lua thread again: each result or error becomes a Lua value, in the items' order.

Call-limit slots are handed out in item order before anything is sent: items past the run's
remaining calls fail with ``call_limit``. Items share the run's deadline: one that has not
started when it passes fails with ``timeout`` and is not sent. Approvals are asked one at a
time and records reach the audit sink one at a time (locks in the Runtime).

This module sees the Runtime only through :class:`Host`, the surface a batch needs of it.
"""

from __future__ import annotations

import contextvars
import logging
import time
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from bridge import marshal
from bridge.errors import CallError, ErrorCode, InvalidArguments

if TYPE_CHECKING:
    from collections.abc import Callable

    from bridge.limits import Limits

log = logging.getLogger("bridge")

#: Calls in flight at once unless the snippet asks for another number (at most Limits.max_concurrency).
DEFAULT_CONCURRENCY = 8
#: Seconds past the run's deadline to wait for calls in flight (their requests are cut to the deadline).
_GRACE_SECONDS = 1.0

#: One item's outcome: (True, plain result) or (False, the CallError it failed with).
Outcome = tuple[bool, Any]


class Host(Protocol):
    """What a batch needs of the Runtime whose run it belongs to (``bridge.runtime`` provides it).

    ``call`` runs on worker threads with plain data only; everything else runs on the Lua thread."""

    @property
    def limits(self) -> Limits:
        """The run's limits (``max_concurrency``, ``max_calls``)."""

    @property
    def deadline(self) -> float:
        """The run's deadline (``time.monotonic`` seconds)."""

    def calls_left(self) -> int:
        """How many more calls the run may make."""

    def marshal(self, args: Any) -> Any:
        """One item's Lua argument table as plain data; raises ``marshal.MarshalError``."""

    def call(self, integration: str, account: str | None, function: str, arguments: Callable[[], Any]) -> Any:
        """One call through the single-call path; ``arguments()`` gives its plain data, or raises the
        MarshalError they failed with (inside the call, so the refusal is recorded like any other)."""

    def to_lua(self, value: Any) -> Any:
        """Plain data as a Lua value."""

    def array_of(self, values: list[Any]) -> Any:
        """A Lua array of values that are Lua values already."""

    def error_pair(self, exc: CallError, names: tuple[Any, ...]) -> tuple[Any, Any]:
        """The Lua error table of a failed item and the host's private copy of it (as a single call's)."""


@dataclass(frozen=True)
class Item:
    """One call of a batch, its arguments already plain data (or the reason they are not)."""

    integration: str
    account: str | None
    function: str
    data: Any = None
    error: marshal.MarshalError | None = None

    @property
    def names(self) -> tuple[str, str | None, str]:
        """What the error table of this item names (as a single call's callback arguments)."""
        return self.integration, self.account, self.function

    def arguments(self) -> Any:
        """The item's plain arguments, or the MarshalError they failed with, raised."""
        if self.error is not None:
            raise self.error
        return self.data


def handle(host: Host, batch: Any, concurrency: Any) -> tuple[Any, ...]:
    """The host side of one batch: ``(True, flat Lua array ok1, value1, private1, ok2, ...)`` or
    ``(False, error table, its private copy)``. Never raises (it is a sandbox callback)."""
    try:
        width = _width(concurrency, host.limits.max_concurrency)
        room = host.calls_left()
        items = []
        for i in range(1, len(batch) + 1):  # items past the room fail with call_limit: not marshalled
            _in_time(host.deadline)
            items.append(_read(host, batch[i], marshalled=i <= room))
        outcomes = _send(host, items, width, room)
        return True, host.array_of(_to_lua(host, items, outcomes))
    except CallError as exc:
        return False, *host.error_pair(exc, ())
    except Exception:
        log.exception("internal error in app.parallel")
        return False, *host.error_pair(_internal(), ())


def _in_time(deadline: float) -> None:
    """Raise ``timeout`` once the deadline has passed: a batch of many items must not keep the run
    in the host (where the alarm waits) long past it."""
    if time.monotonic() > deadline:
        raise CallError("The run's deadline passed while app.parallel / app.map was handling its batch.",
                        code=ErrorCode.TIMEOUT)


def _width(concurrency: Any, most: int) -> int:
    if concurrency is None:
        return min(DEFAULT_CONCURRENCY, most)
    if type(concurrency) is not int or not 1 <= concurrency <= most:
        raise InvalidArguments(f"The concurrency of app.parallel / app.map must be a whole number from 1 to {most} "
                              f"(default {min(DEFAULT_CONCURRENCY, most)}); got {concurrency!r}.",
                              details={"field": "concurrency"})
    return concurrency


def _read(host: Host, entry: Any, marshalled: bool = True) -> Item:
    """An item of the batch (a trusted table the sandbox built), its arguments marshalled here
    (unless not ``marshalled``: an item that will not be sent)."""
    integration, account, function = entry[1], entry[2], entry[3]
    if not marshalled:
        return Item(integration, account, function)
    try:
        return Item(integration, account, function, host.marshal(entry[4]))
    except marshal.MarshalError as exc:
        return Item(integration, account, function, error=exc)


def _send(host: Host, items: list[Item], width: int, room: int) -> list[Outcome]:
    """Every item's outcome, in order; at most ``width`` calls in flight, and only the first ``room``."""
    from bridge.runtime import call_limit

    deadline = host.deadline
    admitted, refused = items[:room], [(False, call_limit(host.limits))] * len(items[room:])
    if width == 1 or len(admitted) <= 1:
        return [_one(host, item, deadline) for item in admitted] + refused
    pool = ThreadPoolExecutor(max_workers=min(width, len(admitted)), thread_name_prefix="luabridge-call")
    try:
        # Each call in a copy of this thread's context: the run's tracing span (bridge.telemetry) is in it.
        futures = [pool.submit(contextvars.copy_context().run, _one, host, item, deadline) for item in admitted]
        wait(futures, timeout=max(0.0, deadline - time.monotonic()) + _GRACE_SECONDS)
        return [_outcome(future) for future in futures] + refused
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _one(host: Host, item: Item, deadline: float) -> Outcome:
    """One item through the single-call path, on a worker thread: plain data only."""
    if time.monotonic() >= deadline:
        return False, _late()
    try:
        return True, host.call(item.integration, item.account, item.function, item.arguments)
    except CallError as exc:
        return False, exc
    except Exception:
        log.exception("internal error in a call of app.parallel")
        return False, _internal()


def _outcome(future: Future[Outcome]) -> Outcome:
    if not future.done():
        future.cancel()
        return False, _late()
    return future.result()


def _to_lua(host: Host, items: list[Item], outcomes: list[Outcome]) -> list[Any]:
    """ok1, value1, private1, ok2, ...: each value a Lua value; an error table comes with the host's
    private copy of its fields (as a single call's does), nil after a success. Items that failed with
    the same error and names (the refused ones) share one error table."""
    flat: list[Any] = []
    errors: dict[tuple[int, tuple[str, str | None, str]], tuple[Any, Any]] = {}
    for item, (ok, value) in zip(items, outcomes, strict=True):
        _in_time(host.deadline)
        if ok:
            try:
                flat += [True, host.to_lua(value), None]
                continue
            except Exception:
                log.exception("a result of app.parallel cannot be handed to Lua")
                value = _internal()
        key = (id(value), item.names)
        if key not in errors:
            errors[key] = host.error_pair(value, item.names)
        flat += [False, *errors[key]]
    return flat


def _late() -> CallError:
    return CallError("The run's deadline passed before this call of the batch was sent; it was not sent.",
                     code=ErrorCode.TIMEOUT)


def _internal() -> CallError:
    return CallError("The bridge failed on this call (an internal error; the host log has details).",
                     code=ErrorCode.INTERNAL_ERROR)
