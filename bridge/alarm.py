"""Stopping a running Lua state from another thread, so its main thread needs no count hook.

Any count hook puts Lua 5.4's VM in trap mode, where every instruction pays a call (2-2.8x on
VM-bound code, whatever the interval; ../shared/design/lua-sandbox-notes.md [3.5]). Without an
instruction budget to count, the main thread runs with no hook at all, and a watchdog thread
sets one (``lua_sethook``, count 1) on the state when the deadline passes or ``stop`` is asked:
the sandbox's Lua hook then runs at the next instruction and ends the run. Lua documents
``lua_sethook`` as callable asynchronously, and ``lua.c`` stops scripts on Ctrl-C this way.

lupa does not wrap ``lua_sethook``, but its extension module exports the Lua C API; the state's
address is what ``tostring`` prints for the main thread. Where either is missing (another
platform or build), ``Alarm.attach`` returns None and the sandbox counts instructions instead.

What is left to chance: ``lua_sethook`` marks every Lua frame of the running thread's call chain
(``settraps``) while that thread runs on. If, within the few nanoseconds of that walk, the thread
returned from the frame the walk stands on and a GC step freed that CallInfo, the walk would read
freed memory. This can only happen at a ring (a deadline passed or a stop), never in a run that
ends in time; the worker pool (``luabridge mcp`` and ``run`` by default) bounds even that.
"""

from __future__ import annotations

import ctypes
import heapq
import itertools
import logging
import os
import threading
import time
from collections.abc import Callable
from typing import Any

import lupa.lua54 as lupa

_log = logging.getLogger(__name__)

_MASKCOUNT = 1 << 3  # LUA_MASKCOUNT
#: The count the probe sets, to recognise the state through the C API.
PROBE_COUNT = 987_654_321


def _library() -> Any:
    """lupa's Lua 5.4 module as a C library (PyDLL: calls keep the GIL), or None."""
    try:
        lib = ctypes.PyDLL(lupa.__file__)
        lib.lua_sethook.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int, ctypes.c_int]
        lib.lua_sethook.restype = None
        lib.lua_gethook.argtypes = [ctypes.c_void_p]
        lib.lua_gethook.restype = ctypes.c_void_p
        for name in ("lua_gethookmask", "lua_gethookcount"):
            getattr(lib, name).argtypes = [ctypes.c_void_p]
            getattr(lib, name).restype = ctypes.c_int
    except (OSError, AttributeError):  # pragma: no cover - a build that does not export the C API
        return None
    return lib


_LIB = _library()


class Alarm:
    """Arms the sandbox's Lua hook on one Lua state's main thread, from any thread."""

    def __init__(self, lib: Any, state: int, hook: int) -> None:
        self._lib, self._state, self._hook = lib, state, hook

    @classmethod
    def attach(cls, sandbox: Any) -> Alarm | None:
        """An Alarm for the Lua state of ``sandbox`` (the entry table of sandbox.lua), or None.

        The state's address must read back, through the C API, the count and mask the probe set;
        then the alarm must stay silent when disarmed and ring once armed.
        """
        main_thread = str(sandbox["main_thread"]())
        if _LIB is None or not main_thread.startswith("thread: 0x"):
            return None
        state = int(main_thread.removeprefix("thread: 0x"), 16)
        sandbox["probe"]()
        if _LIB.lua_gethookcount(state) != PROBE_COUNT or _LIB.lua_gethookmask(state) != _MASKCOUNT:
            return None  # pragma: no cover - the address is not the state: count instead
        alarm = cls(_LIB, state, _LIB.lua_gethook(state))
        alarm.disarm()
        sandbox["listen"]()
        silent = not sandbox["heard"]()
        alarm.arm()
        rang = sandbox["heard"]()
        return alarm if silent and rang and _LIB.lua_gethookmask(state) == 0 else None

    def arm(self) -> None:
        """Make the hook run at the main thread's next instruction (and at every one after it)."""
        self._lib.lua_sethook(self._state, self._hook, _MASKCOUNT, 1)

    def disarm(self) -> None:
        """Take the hook off. Only the thread running the state may call this."""
        self._lib.lua_sethook(self._state, None, 0, 0)


class Watchdog:
    """One daemon thread per process that calls each callback once its time (time.monotonic) has passed."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._due: list[tuple[float, int, Callable[[], None]]] = []
        self._seq = itertools.count()
        self._pid = 0
        if hasattr(os, "register_at_fork"):  # a fork may copy the lock held: the child starts afresh
            os.register_at_fork(after_in_child=self._forget)

    def _forget(self) -> None:
        self._cond, self._due, self._pid = threading.Condition(), [], 0

    def at(self, when: float, callback: Callable[[], None]) -> int:
        """Call ``callback`` from the watchdog thread once ``time.monotonic()`` passes ``when``; a token."""
        with self._cond:
            if self._pid != os.getpid():  # first use, or a forked child (threads do not survive fork)
                self._pid = os.getpid()
                threading.Thread(target=self._loop, name="lua-sandbox-watchdog", daemon=True).start()
            token = next(self._seq)
            heapq.heappush(self._due, (when, token, callback))
            self._cond.notify()
            return token

    def cancel(self, token: int) -> None:
        """Forget a callback not yet called (one that is being called may still run)."""
        with self._cond:
            self._due = [entry for entry in self._due if entry[1] != token]
            heapq.heapify(self._due)

    def _loop(self) -> None:
        while True:
            with self._cond:
                while not self._due or self._due[0][0] >= time.monotonic():
                    wait = self._due[0][0] - time.monotonic() if self._due else None
                    self._cond.wait(None if wait is None else min(max(wait, 0.0), 3600.0))
                callback = heapq.heappop(self._due)[2]
            try:
                callback()
            except Exception:  # pragma: no cover - one failing callback must not stop the others
                _log.exception("watchdog callback failed")


WATCHDOG = Watchdog()
