"""The only module that drives lupa: one hardened Lua 5.4 state and its run loop.

Safety rests on a few rules (facts in ../shared/design/lua-sandbox-notes.md):

* the engine is pinned to ``lupa.lua54`` and checked at start-up;
* no Python object ever enters the agent's environment: host functions are reached
  through trusted Lua closures, and Python callbacks return plain data or Lua tables
  built here, never raise, and return ``(ok, value)`` pairs;
* attribute access on any Python object that might leak anyway is denied;
* the memory limit is lifted around every callback into Python (lupa deadlocks or
  aborts when an allocation fails inside its callback machinery) and after each run;
* instruction, deadline and memory checks live in a sticky hook (sandbox.lua): a count hook
  when instructions are counted, else a hook the watchdog sets at the deadline (bridge.alarm).
"""

from __future__ import annotations

import functools
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

import lupa.lua54 as lupa

from bridge import marshal
from bridge.alarm import WATCHDOG, Alarm

#: Host callback: (integration, account | None, name, args) -> (True, value) or (False, error, private copy)
HostFn = Callable[..., tuple[Any, ...]]

_BOOTSTRAP = files("bridge").joinpath("sandbox.lua").read_text(encoding="utf-8")
#: Trusted chunk run before the bootstrap: the worst-case cost of a pattern on a subject.
_PATTERNS = files("bridge").joinpath("sandbox_patterns.lua").read_text(encoding="utf-8")
_CHECK_OK, _CHECK_TIMEOUT = 0, 1
#: The bootstrap's chunk name (as it shows in the host's tracebacks).
TRUSTED_CHUNK = "=bridge-sandbox"
#: Python data handed to Lua may nest this deep (lupa's recursive table_from crashes near 1e5).
_MAX_RESULT_DEPTH = 200
#: Error messages are cut to this many bytes (UTF-8) wherever they are made (lua_docs/sandbox.md).
MESSAGE_CAP = 4096
#: When the deadline passes during a host call, the alarm rings this long after the call returns, so
#: that the call's own error (request_timeout, outcome_unknown) ends the run if the snippet does not
#: catch it (a counted run reads the clock every 2 ms of CPU time, to the same effect).
HELD_ALARM_SECONDS = 0.002
#: Loop iterations (one instruction each) used to measure what a hook tick costs.
_CALIBRATION_LOOP = 200_000


def _deny_get(obj: object, name: object) -> Any:
    raise AttributeError("Python attributes are not reachable from the sandbox")


def _deny_set(obj: object, name: object, value: object) -> None:
    raise AttributeError("Python attributes are not reachable from the sandbox")


@dataclass(frozen=True)
class Outcome:
    """What one run of Lua code ended with, before the host turns it into a RunResult.

    ``status`` is "ok", "error" (the snippet's own error; ``message``), "call_error" (an
    uncaught call error; ``error`` holds its fields), "syntax", "invalid_value", or one of
    the limit codes (instruction_limit, timeout, memory_limit, output_limit).
    """

    status: str
    values: tuple[Any, ...] = ()
    message: str = ""
    error: dict[str, Any] | None = None


@dataclass(frozen=True)
class Callbacks:
    """The host side of the sandbox: each returns ``(ok, value)`` and must never raise."""

    call: HostFn
    resolve: HostFn
    print: HostFn
    doc: HostFn
    #: (batch, concurrency) -> (ok, flat array of ok1, value1, ok2, value2, ...); see bridge.parallel.
    parallel: HostFn


def cap_message(text: str) -> str:
    """``text`` cut to MESSAGE_CAP bytes of UTF-8, saying how long it was."""
    data = text.encode("utf-8", "replace")
    if len(data) <= MESSAGE_CAP:
        return text
    return data[:MESSAGE_CAP - 40].decode("utf-8", "ignore") + f"... ({len(data)} bytes in all)"


def _fields(table: Any) -> dict[str, Any]:
    """A trusted Lua table of error fields (made by the host or by trusted Lua) as a dict."""
    if table is None:
        return {}
    try:
        fields = marshal.from_lua(table, max_depth=8, max_items=1000)
    except marshal.MarshalError:
        return {}
    return fields if isinstance(fields, dict) else {}


class Sandbox:
    """A hardened Lua 5.4 state. Not thread-safe: the Runtime serialises runs."""

    #: Instructions of each hook interval the hook itself uses up (measured once per process).
    hook_cost: float | None = None

    def __init__(self, callbacks: Callbacks, integration_names: list[str], pattern_budget: int) -> None:
        self._lua = lupa.LuaRuntime(
            register_eval=False,
            register_builtins=False,
            unpack_returned_tuples=True,
            attribute_handlers=(_deny_get, _deny_set),
            max_memory=0,
            overflow_handler=float,
        )
        if self._lua.lua_implementation != "Lua 5.4":  # pragma: no cover - guards a lupa upgrade
            raise RuntimeError(f"expected Lua 5.4, lupa gave {self._lua.lua_implementation}")
        self._deadline = 0.0
        self._limit_total = 0
        hooks = self._lua.table_from(
            {
                "check": self._check,
                "unlimit": self._unlimit,
                "relimit": self._relimit,
                "call": callbacks.call,
                "resolve": callbacks.resolve,
                "print": callbacks.print,
                "doc": callbacks.doc,
                "parallel": callbacks.parallel,
            }
        )
        pattern_cost = self._lua.execute(_PATTERNS, name="=bridge-sandbox-patterns")
        entry = self._lua.execute(_BOOTSTRAP, hooks, pattern_cost, name=TRUSTED_CHUNK)
        self._run_entry = entry["run"]
        self._invalid_utf8_path = entry["invalid_utf8_path"]
        self._reset_entry = entry["reset"]
        self._empty_array = entry["empty_array"]
        #: Whether an empty Lua table crossed as a list (marshal.from_lua's ``is_array``).
        self.is_array: Callable[[Any], bool] = entry["is_array"]
        entry["configure"](self._lua.table_from(integration_names), pattern_budget)
        if Sandbox.hook_cost is None:
            self._deadline = math.inf
            Sandbox.hook_cost = float(entry["calibrate"](_CALIBRATION_LOOP))
        entry["set_hook_cost"](Sandbox.hook_cost)
        #: Stops the main thread at the deadline without a count hook (None: always count).
        self.alarm = Alarm.attach(entry)
        self._alarm_lock = threading.Lock()
        self._ringing: object | None = None  # the run the alarm may ring for
        self._in_host = True  # in a host callback (the memory limit is lifted): the alarm waits
        self._held = self._may_hold = self._stop_asked = False

    # -- callbacks from the hook; they return ints or nothing so they never allocate in Lua
    def _check(self, ahead: float = 0.0) -> int:
        """Whether the deadline has passed, or will have passed ``ahead`` seconds from now (a long C call)."""
        return _CHECK_TIMEOUT if time.monotonic() + ahead > self._deadline else _CHECK_OK

    def stop(self) -> None:
        """Make the run in progress end at its next hook, as if past its deadline (any thread may call it).

        A stop asked before the run reaches Lua holds for it too, until ``forget_stop``."""
        with self._alarm_lock:
            self._stop_asked, self._deadline = True, -math.inf
        self._ring(self._ringing)

    def forget_stop(self) -> None:
        """A new run begins: a stop asked for an earlier one no longer holds."""
        with self._alarm_lock:
            self._stop_asked = False

    def _ring(self, run: object | None) -> None:
        """Arm the alarm if ``run`` is still the run in progress."""
        with self._alarm_lock:
            if run is None or run is not self._ringing or self.alarm is None:
                return
            if self._in_host and self._may_hold:  # once per run: a loop of calls must not keep it held
                self._held, self._may_hold = True, False
            else:
                self.alarm.arm()

    def _unlimit(self) -> None:
        self._lua.set_max_memory(0)
        self._in_host = True

    def _relimit(self) -> None:
        self._lua.set_max_memory(self._limit_total, total=True)
        with self._alarm_lock:
            self._in_host = False
            held, self._held = self._held, False
        if held:  # the deadline passed in a host call: let the call's error reach the top first
            WATCHDOG.at(time.monotonic() + HELD_ALARM_SECONDS, functools.partial(self._ring, self._ringing))

    # -- host API
    def to_lua(self, value: Any) -> Any:
        """Plain Python data -> a Lua value (tables built here, never Python objects).

        Raises marshal.NotPlainData for anything that is not plain data.
        """
        if type(value) is dict and marshal.is_flat_map(value):  # the usual result: no walk, no recursion
            return self._lua.table_from(value)
        if marshal.check_plain(value, _MAX_RESULT_DEPTH):  # empty lists: tables Lua knows as lists
            value = marshal.replace_empty_lists(value, self._empty_array)
        if isinstance(value, dict | list | tuple):
            return self._lua.table_from(value, recursive=True)
        return value

    def array_of(self, values: list[Any]) -> Any:
        """A Lua array of values that are Lua values already (from ``to_lua``, or scalars); empty, a list still."""
        return self._lua.table_from(values) if values else self._empty_array()

    def invalid_utf8_path(self, value: Any) -> str:
        """The path of the first string in a Lua value that is not valid UTF-8 ("" if none)."""
        try:
            return str(self._invalid_utf8_path(value) or "")
        except (lupa.LuaError, UnicodeDecodeError):
            return ""

    def memory_used(self) -> int:
        """Bytes the Lua state holds now, garbage included."""
        return int(self._lua.get_memory_used(total=True))

    def run(self, code: str, name: str, *, max_instructions: int | None, max_memory: int, deadline: float,
            convert: Callable[[Any], Any], dry_run: bool = False) -> Outcome:
        """Run ``code`` with the given limits; ``convert`` turns returned Lua values into plain data.

        ``max_instructions`` None: instructions are not counted and the main thread runs without a
        count hook (the alarm stops it at the deadline). ``dry_run`` is what the snippet sees as
        ``app.dry_run``.
        """
        self._lua.set_max_memory(0)
        self._lua.gccollect()
        self._limit_total = self.memory_used() + max_memory
        highwater_kb = (self._limit_total - max_memory // 32) / 1024
        rings = self.alarm is not None  # the watchdog keeps the deadline (counted runs too: long C calls)
        alarm = rings and max_instructions is None
        run, token = object(), None
        with self._alarm_lock:
            self._deadline = deadline = -math.inf if self._stop_asked else deadline
            if rings:
                self._ringing, self._may_hold = run, True
        if rings:
            token = WATCHDOG.at(deadline, functools.partial(self._ring, run))
        try:
            try:
                packed = self._run_entry(code, name, math.inf if max_instructions is None else max_instructions,
                                         highwater_kb, dry_run, alarm, rings)
            finally:
                self._silence(token)
            return self._outcome(packed, convert)
        except lupa.LuaMemoryError:
            return Outcome("memory_limit")
        except lupa.LuaError as exc:
            return Outcome("error", message=cap_message(str(exc)))
        finally:
            self._lua.set_max_memory(0)
            self._reset_entry()

    def _silence(self, token: int | None) -> None:
        """The run's Lua is over: the alarm may no longer ring, and is off if it did."""
        if token is None:
            return
        WATCHDOG.cancel(token)
        with self._alarm_lock:
            self._ringing, self._held = None, False
        if self.alarm is not None:
            self.alarm.disarm()

    def _outcome(self, packed: Any, convert: Callable[[Any], Any]) -> Outcome:
        status = packed[1]
        if status == "ok":
            results = packed[2]  # table.pack(true, ...): trusted, no metatable
            try:
                values = [results[i] for i in range(2, results["n"] + 1)]
            except UnicodeDecodeError:
                raise marshal.MarshalError("is a string that is not valid UTF-8", "result") from None
            return Outcome("ok", values=tuple(convert(v) for v in values))
        if status == "call_error":  # packed[2]: the host's private copy of the error's fields
            return Outcome("call_error", error=_fields(packed[2]))
        if status in ("error", "syntax"):  # packed[3]: fields of an agent's own error table
            return Outcome(status, message=str(packed[2]), error=_fields(packed[3]))
        return Outcome(str(status))
