"""Process isolation: run snippets in a pool of worker processes that the host can kill.

    pool = WorkerPool(RuntimeFactory(), size=4, audit=JsonLinesSink("calls.jsonl"))
    result = pool.run('return app.integrations.customerio.list_segments({})')

The in-process limits (bridge.sandbox) stop nearly everything a snippet can do, but not a long
C call (a garbage-collection step, a pattern match the cost guard misses), nor a crash or an
``abort()`` inside lupa or Lua (../shared/design/lua-sandbox-notes.md §2.6, §3.6, §8). A worker
process is the backstop: the parent waits for each run until its deadline plus ``grace_seconds``
and then kills the worker (the run ends with code ``timeout``); a worker that dies ends its run with
``sandbox_crashed``. Either way the pool starts a replacement and the next run is unaffected.

Each worker builds its own Runtime by calling ``factory()``: the factory is pickled to the child
over a pipe (never in argv), so secrets stay out of process listings. Workers are started with the
``forkserver`` method by default (a fork of a clean, single-threaded server with the bridge already
imported: a few milliseconds); the server keeps the environment it started with, so a factory
should carry what it needs rather than read ``os.environ`` in the child, or use ``spawn``.

What crosses the pipe is JSON, never pickles, in both directions after start-up: a worker that ran
hostile code must not be able to run code in the host by answering with a crafted pickle.
Call records reach the pool's ``audit`` sink as the calls happen (so a run that crashes still has
its records), approvals are asked of the pool's ``approve`` callback (the time spent waiting for an
answer does not count against the kill deadline), and the workers' log records are re-emitted in
the host under their own logger names.
"""

from __future__ import annotations

import contextlib
import faulthandler
import json
import logging
import multiprocessing
import queue
import signal
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Any, Literal

from bridge import aio, telemetry
from bridge.audit import AuditSink, deliver
from bridge.errors import ConfigError, ErrorCode
from bridge.http import ratelimit
from bridge.http.ratelimit import Limiter, Rate
from bridge.policy import Approver, Declined, PlannedCall
from bridge.result import CallRecord, RunError, RunResult, keep_unknown

if TYPE_CHECKING:  # the parent side never builds a Runtime: only workers import it (preloaded by the fork server)
    from bridge.runtime import Runtime

log = logging.getLogger("bridge.workers")

#: Builds the Runtime of one worker, in the worker. Must be picklable (a module-level function or
#: an instance of a module-level class).
Factory = Callable[[], "Runtime"]
#: "fork" forks this process itself: only for a single-threaded parent that starts one pool (the CLI),
#: since a fork copies whatever locks other threads hold; the workers then import what they need once.
StartMethod = Literal["forkserver", "spawn", "fork"]

#: Seconds a new worker may take to import and build its Runtime.
START_SECONDS = 60.0
#: Loggers whose level decides which worker records are forwarded (the lowest level wins).
_FORWARDED_LOGGERS = ("", "bridge", "integrations", "httpx", "httpcore")


@dataclass(frozen=True)
class RuntimeFactory:
    """A picklable factory: ``Runtime.from_env(environ)`` in the worker.

    ``environ`` is read in the worker; None means the worker's own environment (which, under the
    forkserver start method, is the one the server started with).
    """

    environ: Mapping[str, str] | None = None

    def __call__(self) -> Runtime:
        from bridge.runtime import Runtime

        return Runtime.from_env(self.environ)


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    timeout: float = 0.0  # the Runtime's timeout_seconds, reported by the worker when ready
    ready: bool = False


@dataclass
class _Exchange:
    """One run in flight, as the parent sees it."""

    kill_at: float
    calls: list[CallRecord] = field(default_factory=list)
    #: Calls started and not yet recorded, by (operation, started_at): what the worker said (Runtime.on_call).
    in_flight: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)


class WorkerPool:
    """``size`` worker processes, each with its own Runtime; ``run`` is thread-safe.

    Up to ``size`` runs proceed in parallel; more callers wait for a free worker.
    """

    def __init__(self, factory: Factory, size: int = 1, *, grace_seconds: float = 1.0,
                 audit: AuditSink | None = None, approve: Approver | None = None,
                 start_method: StartMethod = "forkserver", limiter: Limiter | None = None) -> None:
        """Start the workers and wait until each has built its Runtime.

        ``limiter``: the one rate budget every worker draws on through the pipe (default: the host's
        process-wide one, shared with its in-process runtimes); a worker whose factory gives its
        integrations their own limiter (a Redis store, for several hosts) uses that instead.

        Raises ConfigError when the factory fails in a worker (with the factory's message).
        """
        if size < 1 or grace_seconds <= 0:
            raise ConfigError("WorkerPool needs size >= 1 and grace_seconds > 0.")
        self.factory, self.size, self.grace_seconds = factory, size, grace_seconds
        self.audit, self.approve = audit, approve
        self.limiter = ratelimit.shared() if limiter is None else limiter
        #: What the workers' integrations ask the host to tell its user (see ``setup_notice``).
        self.notices: tuple[str, ...] = ()
        self._context = _context(start_method, factory)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        #: Which worker each calling thread is running a snippet in (for ``arun``'s cancellation).
        self._busy: dict[int, _Worker] = {}
        try:
            for _ in range(size):
                self._idle.put(self._start())
            for worker in list(self._all):
                self._await_ready(worker)
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(self, code: str, name: str = "snippet.lua", *, dry_run: bool = False) -> RunResult:
        """Run one snippet in a worker, as ``Runtime.run`` does. Never raises for anything the snippet does."""
        return self._run_on(self._acquire(), code, name, dry_run=dry_run)

    @telemetry.traced
    def _run_on(self, worker: _Worker, code: str, name: str, *, dry_run: bool) -> RunResult:
        started = time.monotonic()
        self._busy[threading.get_ident()] = worker
        try:
            result = self._exchange(worker, {"code": code, "name": name, "dry_run": dry_run}, started)
        except BaseException:
            self._replace(worker)
            raise
        finally:
            del self._busy[threading.get_ident()]
        if result.error is not None and result.error.code in (ErrorCode.TIMEOUT, ErrorCode.SANDBOX_CRASHED) \
                and not worker.process.is_alive():
            self._replace(worker)
        else:
            self._idle.put(worker)
        return result

    async def arun(self, code: str, name: str = "snippet.lua", *, dry_run: bool = False) -> RunResult:
        """``run`` for async hosts: the event loop is not blocked while the worker runs the snippet.

        Cancelling the awaiting task kills the worker running it (a fresh one takes its place);
        the task is then cancelled.
        """
        def work(cancelled: Callable[[], bool]) -> RunResult | None:
            worker = self._acquire()
            if cancelled():
                self._idle.put(worker)
                return None
            return self._run_on(worker, code, name, dry_run=dry_run)

        result = await aio.in_thread(work, self.stop_thread)
        assert result is not None  # only a cancelled task's work returns None, and that task does not get here
        return result

    def stop_thread(self, thread: int) -> None:
        """Kill the worker running the snippet that ``thread`` sent it, if any (a fresh worker replaces it)."""
        worker = self._busy.get(thread)
        if worker is not None and worker.process.is_alive():
            log.info("run cancelled: killing worker %s", worker.process.pid)
            worker.process.kill()

    def pids(self) -> tuple[int, ...]:
        """Process ids of the live workers (for monitoring, and for tests that kill one)."""
        with self._lock:
            return tuple(w.process.pid for w in self._all if w.process.pid is not None)

    def close(self) -> None:
        """Stop every worker (idle ones exit at once; busy ones are killed)."""
        with self._lock:
            self._closed = True
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.conn.close()  # an idle worker reads EOF and exits
        for worker in workers:
            worker.process.join(1.0)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()

    # -- workers ------------------------------------------------------------------------
    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        approve_here = self.approve is not None
        # A forked child holds a copy of the parent's end too: it must close it, or closing the pipe
        # here would never reach it as EOF (other start methods pass the child nothing else).
        inherited = parent if self._context.get_start_method() == "fork" else None
        process = self._context.Process(target=_serve, name="luabridge-worker", daemon=True,
                                        args=(child, self.factory, _forwarded_level(), approve_here, inherited))
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            closed = self._closed
            if not closed:
                self._all.add(worker)
        if closed:  # close() ran meanwhile: this worker would be nobody's to stop
            self._discard(worker)
            raise ConfigError("The worker pool is closed.")
        return worker

    def _await_ready(self, worker: _Worker) -> None:
        deadline = time.monotonic() + START_SECONDS
        while not worker.ready:
            message = self._receive(worker, deadline - time.monotonic())
            if message is None:
                self._discard(worker)
                raise ConfigError(f"A worker process did not start (exit code {worker.process.exitcode}).")
            kind = message.get("type")
            if kind == "ready":
                worker.timeout, worker.ready = float(message["timeout"]), True
                self.notices = tuple(str(n) for n in message.get("notices", ()))
            elif kind == "failed":
                self._discard(worker)
                raise ConfigError(str(message.get("message", "The worker could not build its Runtime.")))
            elif kind == "log":
                _emit(message)

    def _acquire(self) -> _Worker:
        while True:
            if self._closed:
                raise ConfigError("The worker pool is closed.")
            try:
                worker = self._idle.get(timeout=0.5)
            except queue.Empty:  # look at _closed again: close() may have taken every worker away
                continue
            if worker.process.is_alive() or not worker.ready:
                break
            self._replace(worker, log_it=True)  # died while idle (killed from outside)
        if not worker.ready:
            try:
                self._await_ready(worker)
            except BaseException:
                self._idle.put(self._start())
                raise
        return worker

    def _replace(self, worker: _Worker, *, log_it: bool = False) -> None:
        if log_it:
            log.warning("worker %s died while idle (exit code %s); starting another",
                        worker.process.pid, worker.process.exitcode)
        self._discard(worker)
        if not self._closed:
            self._idle.put(self._start())

    def _discard(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.conn.close()

    # -- one run ------------------------------------------------------------------------
    def _exchange(self, worker: _Worker, request: dict[str, Any], started: float) -> RunResult:
        run = _Exchange(kill_at=started + worker.timeout + self.grace_seconds)
        try:
            worker.conn.send_bytes(json.dumps(request).encode())
        except OSError:
            return self._crashed(worker, run, started)
        while True:
            message = self._receive(worker, run.kill_at - time.monotonic())
            if message is None:
                if worker.process.is_alive():
                    return self._killed(worker, run, started)
                return self._crashed(worker, run, started)
            kind = message.get("type")
            if kind == "result":
                try:
                    return _result(message["result"])
                except (KeyError, TypeError, ValueError):
                    log.error("worker %s answered with a malformed result", worker.process.pid)
                    worker.process.kill()
                    return self._crashed(worker, run, started)
            if kind == "audit":
                self._record(message, run)
            elif kind == "calling":
                run.in_flight[(str(message.get("operation")), str(message.get("started_at")))] = message
            elif kind == "acquire":
                try:
                    worker.conn.send_bytes(json.dumps({"wait": self._slot(message)}).encode())
                except OSError:
                    return self._crashed(worker, run, started)
            elif kind == "approve":
                asked = time.monotonic()
                answer = self._ask(message)
                run.kill_at += time.monotonic() - asked  # the host's thinking time is not the snippet's
                try:
                    worker.conn.send_bytes(json.dumps({"approved": answer}).encode())
                except OSError:
                    return self._crashed(worker, run, started)
            elif kind == "log":
                _emit(message)

    def _receive(self, worker: _Worker, timeout: float) -> dict[str, Any] | None:
        """The next message, or None when the time is up or the worker is gone."""
        try:
            if not worker.conn.poll(max(0.0, timeout)):
                return None
            message = json.loads(worker.conn.recv_bytes())
        except (EOFError, OSError):
            worker.process.join(1.0)
            return None
        except ValueError:
            message = None
        if not isinstance(message, dict):  # not our protocol: the worker cannot be trusted any more
            log.error("worker %s sent a message that is not a JSON object; killing it", worker.process.pid)
            worker.process.kill()
            worker.process.join()
            return None
        return message

    def _record(self, message: dict[str, Any], run: _Exchange) -> None:
        try:
            record = CallRecord(**message["record"])
        except (KeyError, TypeError):
            log.error("a worker sent a malformed call record")
            return
        run.in_flight.pop((record.operation, record.started_at), None)
        run.calls.append(record)
        deliver(self.audit, record)
        telemetry.record_call(record)

    def _slot(self, message: dict[str, Any]) -> float:
        """A worker asks for a rate-limit slot: every worker draws on the host's one budget."""
        try:
            rate = Rate(int(message["amount"]), int(message["seconds"]))
            return self.limiter.acquire(str(message["key"]), rate)
        except (KeyError, TypeError, ValueError):
            return 1.0  # not our protocol; the worker waits and asks again

    def _lost(self, run: _Exchange, code: ErrorCode) -> None:
        """Record the calls still in flight when a worker died or was killed: a write's outcome is unknown;
        a read ends with the run's ``code``."""
        for started in list(run.in_flight.values()):
            write = started.get("kind") != "read"
            record = CallRecord(
                integration=str(started.get("integration")), operation=str(started.get("operation")),
                account=str(started.get("account")), duration_ms=0.0, outcome="error",
                error_code=str(ErrorCode.OUTCOME_UNKNOWN if write else code),
                kind=str(started.get("kind")), run_id=str(started.get("run_id")),
                started_at=str(started.get("started_at")))
            self._record({"record": record.to_dict()}, run)

    def _ask(self, message: dict[str, Any]) -> bool | str:
        """The approver's answer: True, False, or the reason it gave for declining (``Declined``)."""
        if self.approve is None:
            return False
        try:
            return self.approve(PlannedCall(**message["call"])) is True
        except Declined as exc:
            return str(exc.reason)
        except Exception:
            log.exception("the approval callback failed; the call is declined")
            return False

    def _killed(self, worker: _Worker, run: _Exchange, started: float) -> RunResult:
        worker.process.kill()
        worker.process.join()
        self._lost(run, ErrorCode.TIMEOUT)
        log.warning("killed worker %s: its run passed the deadline by %.1f s", worker.process.pid,
                    self.grace_seconds)
        return _failed(run, started, RunError(
            ErrorCode.TIMEOUT, f"The run passed its {worker.timeout:g} s deadline and was stopped "
            "(its worker process was killed)."))

    def _crashed(self, worker: _Worker, run: _Exchange, started: float) -> RunResult:
        worker.process.join(1.0)
        self._lost(run, ErrorCode.SANDBOX_CRASHED)
        how = _exit_reason(worker.process.exitcode)
        log.warning("worker %s died during a run (%s)", worker.process.pid, how)
        return _failed(run, started, RunError(
            ErrorCode.SANDBOX_CRASHED, f"The process running the snippet died ({how}) and was replaced. "
            "Calls it made before that are listed in the run's calls; nothing else of the run is known.",
            details={"exit": how}))


# -- the worker side ---------------------------------------------------------------------


class _Channel:
    """The worker's end of the pipe; sends from any thread (log records come from several)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.lock = threading.Lock()

    def send(self, message: dict[str, Any]) -> None:
        data = json.dumps(message, default=str).encode()
        with self.lock:
            self.conn.send_bytes(data)

    def ask(self, message: dict[str, Any]) -> Any:
        with self.lock:
            self.conn.send_bytes(json.dumps(message, default=str).encode())
            return json.loads(self.conn.recv_bytes())


class _Forward(logging.Handler):
    """Sends each log record of the worker to the host, already formatted."""

    def __init__(self, channel: _Channel) -> None:
        super().__init__()
        self.channel = channel
        self.exceptions = logging.Formatter()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
            if record.exc_info:
                text += "\n" + self.exceptions.formatException(record.exc_info)
            self.channel.send({"type": "log", "name": record.name, "level": record.levelno, "message": text,
                               "pathname": record.pathname, "lineno": record.lineno, "func": record.funcName})
        except Exception:  # pragma: no cover - the pipe is gone; the worker is about to exit
            pass


def _serve(conn: Connection, factory: Factory, log_level: int, ask_host: bool,
           inherited: Connection | None = None) -> None:
    """The worker's main loop: build the Runtime, then answer run requests until the pipe closes.

    ``inherited``: the parent's end of the pipe, which a forked worker holds a copy of and closes."""
    if inherited is not None:
        inherited.close()
        faulthandler.disable()  # the parent's, if it had one: a crash here is the host's sandbox_crashed
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the host's to handle
    channel = _Channel(conn)
    root = logging.getLogger()
    root.handlers[:] = [_Forward(channel)]
    root.setLevel(log_level)
    # Before the factory builds the integrations: every worker of the pool takes its slots from the host.
    ratelimit.share(ratelimit.Remote(lambda key, amount, seconds: float(
        channel.ask({"type": "acquire", "key": key, "amount": amount, "seconds": seconds})["wait"])))
    try:
        runtime = factory()
    except Exception as exc:
        message = getattr(exc, "message", None) or f"The worker could not build its Runtime: {type(exc).__name__}."
        with contextlib.suppress(OSError):
            channel.send({"type": "failed", "message": str(message)})
        return
    own_audit = runtime.audit

    def audit(record: CallRecord) -> None:
        channel.send({"type": "audit", "record": record.to_dict()})
        if own_audit is not None:
            own_audit(record)

    def approve(call: PlannedCall) -> bool:
        answer = channel.ask({"type": "approve", "call": asdict(call)})
        if isinstance(answer, dict) and isinstance(answer.get("approved"), str):
            raise Declined(answer["approved"])
        return isinstance(answer, dict) and answer.get("approved") is True

    runtime.audit = audit
    runtime.on_call = lambda started: channel.send({"type": "calling", **started})
    if ask_host:  # otherwise the worker's Runtime keeps the approver its factory gave it (or none)
        runtime.approve = approve
    notices = [i.setup_notice() for i in runtime.integrations.values()]
    try:
        channel.send({"type": "ready", "timeout": runtime.limits.timeout_seconds,
                      "notices": [n for n in notices if n]})
        while True:
            request = json.loads(conn.recv_bytes())
            result = runtime.run(request["code"], request["name"], dry_run=request["dry_run"] is True)
            channel.send({"type": "result", "result": result.to_dict()})
    except (EOFError, OSError):  # the pool closed the pipe (or is gone): nothing is waiting for us
        return


# -- helpers ------------------------------------------------------------------------------


def _context(method: StartMethod, factory: Factory) -> Any:
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        # Takes effect when the server starts (the first pool in this process): workers then fork
        # with the bridge, the installed integrations (bridge.preload) and the factory's module imported.
        module = getattr(factory, "__module__", None)  # a function's module, or an instance's class's
        context.set_forkserver_preload([m for m in ("bridge.preload", module) if m and m != "__main__"])
    return context


def _forwarded_level() -> int:
    return min(logging.getLogger(name).getEffectiveLevel() for name in _FORWARDED_LOGGERS)


def _emit(message: dict[str, Any]) -> None:
    """Re-emit a worker's log record in the host, under the worker's logger name."""
    logger = logging.getLogger(str(message.get("name", "bridge.workers")))
    level = message.get("level")
    if not isinstance(level, int) or not logger.isEnabledFor(level):
        return
    record = logger.makeRecord(logger.name, level, str(message.get("pathname", "")),
                               int(message.get("lineno") or 0), str(message.get("message", "")), (), None,
                               func=str(message.get("func", "")))
    record.worker = True
    logger.handle(record)


def _result(data: dict[str, Any]) -> RunResult:
    """A RunResult from the plain data a worker sent (RunResult.to_dict's shape)."""
    error = data["error"]
    return RunResult(
        ok=bool(data["ok"]), value=data["value"], output=str(data["output"]),
        error=None if error is None else RunError(**error),
        calls=tuple(CallRecord(**c) for c in data["calls"]), duration_ms=float(data["duration_ms"]),
        run_id=str(data["run_id"]), dry_run=bool(data["dry_run"]),
    )


def _failed(run: _Exchange, started: float, error: RunError) -> RunResult:
    from ulid import ULID

    run_id = run.calls[0].run_id if run.calls else str(ULID())
    return RunResult(ok=False, value=None, output="", error=keep_unknown(error, run.calls), calls=tuple(run.calls),
                     duration_ms=(time.monotonic() - started) * 1000, run_id=run_id)


def _exit_reason(exitcode: int | None) -> str:
    if exitcode is None:
        return "no exit status"
    if exitcode < 0:
        try:
            return f"signal {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"signal {-exitcode}"
    return f"exit code {exitcode}"


__all__ = ["Factory", "RuntimeFactory", "WorkerPool"]
