"""The host API: ``Runtime`` runs agent snippets in the sandbox and answers their calls.

Threading: a Runtime runs one snippet at a time (``run`` holds a lock). Use one Runtime
per thread for parallel work; lupa releases the GIL while Lua runs and while a call
waits on the network, so runtimes in different threads proceed in parallel.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from ulid import ULID

from bridge import aio, marshal, plugins, telemetry
from bridge.audit import AuditSink, Redaction, deliver
from bridge.docs import Docs, shared_docs
from bridge.errors import DESCRIPTIONS, CallError, ConfigError, ErrorCode, PermissionDenied, UnknownName
from bridge.integration import CallContext, Integration, Prepared
from bridge.limits import Limits
from bridge.params import closest
from bridge.policy import UNKNOWN_KIND, Approver, Declined, PlannedCall, Rule
from bridge.remedy import class_remedy, remedy
from bridge.result import CallRecord, RunError, RunResult, keep_unknown
from bridge.sandbox import Callbacks, Outcome, Sandbox, cap_message
from bridge.scrub import Scrubber, guard_logs

log = logging.getLogger("bridge")
#: Approval requests one run may make; past it, calls that need approval are declined without asking.
MAX_APPROVALS = 20

_LIMIT_MESSAGES = {
    "instruction_limit": "The snippet ran more than {l.max_instructions:,} Lua instructions and was stopped; "
    "look for an endless loop or do less work per run.",
    "timeout": "The run passed its {l.timeout_seconds:g} s deadline and was stopped.",
    "memory_limit": "The snippet used more than {l.max_memory_bytes:,} bytes of memory and was stopped.",
    "output_limit": "The snippet printed more than {l.max_output_bytes:,} bytes; output was cut there "
    "and the run stopped.",
}


@dataclass
class _Run:
    """State of the run in progress."""

    id: str
    deadline: float
    dry_run: bool = False
    output: list[str] = field(default_factory=list)
    output_bytes: int = 0
    calls: list[CallRecord] = field(default_factory=list)
    thread: int = field(default_factory=threading.get_ident)
    approvals_asked: int = 0


class Runtime:
    """A sandboxed Lua 5.4 runtime with integrations at ``app.integrations.<name>``."""

    def __init__(self, integrations: Sequence[Integration] = (), limits: Limits | None = None,
                 *, docs: Docs | None = None, approve: Approver | None = None, audit: AuditSink | None = None,
                 redaction: Redaction | None = None) -> None:
        """``approve`` answers calls whose policy says "ask" (without it they are denied); ``audit``
        receives every call record; ``redaction`` decides what of the arguments records keep."""
        self.limits = limits or Limits()
        for integration in integrations:
            if not isinstance(integration, Integration):
                raise ConfigError(f"{integration!r} is not a bridge.integration.Integration: subclass it "
                                  "(the plug-in contract) to offer it to Lua.")
        self.integrations: dict[str, Integration] = {i.name: i for i in integrations}
        self.docs = docs or shared_docs(type(i) for i in integrations)
        self.approve = approve
        self.audit = audit
        #: Told about each call as it starts, before anything is sent (a WorkerPool's worker tells its host,
        #: which records a call still in flight when the worker is killed).
        self.on_call: Callable[[dict[str, Any]], None] | None = None
        self.redaction = redaction or Redaction()
        #: Refuse every call that is not a read, before anything is sent (``luabridge --read-only``): the
        #: ``read-only`` policy preset applied to every account, with a message that names this flag.
        self.read_only = False
        self._lock = threading.RLock()  # re-entered by arun, which waits for it before deciding to run
        self._approvals, self._records = threading.Lock(), threading.Lock()
        self._run: _Run | None = None
        #: Every configured secret, scrubbed from whatever reaches Lua, a record or a log.
        self._scrubber = Scrubber(s for integration in self.integrations.values() for s in integration.secrets())
        guard_logs(self._scrubber)
        callbacks = Callbacks(
            call=self._guarded(self._call), resolve=self._guarded(self._resolve),
            print=self._guarded(self._print), doc=self._guarded(self._doc), parallel=self._parallel,
        )
        self._sandbox = Sandbox(callbacks, list(self.integrations), self.limits.pattern_budget)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, *, limits: Limits | None = None,
                 **options: Any) -> Runtime:
        """A Runtime with every installed integration configured from the environment.

        Integrations register under the ``lua_agent_bridge.integrations`` entry point (bridge.plugins).
        """
        return cls(plugins.from_env(environ), limits, **options)

    # -- running -----------------------------------------------------------------------
    @telemetry.traced
    def run(self, code: str, name: str = "snippet.lua", *, dry_run: bool = False) -> RunResult:
        """Run one snippet in a fresh environment. Never raises for anything the snippet does.

        In a dry run (``app.dry_run == true`` in Lua) reads are sent as usual; writes and destructive
        calls are validated and policy-checked, then return their plan
        ``{dry_run=true, method=, url=, body=}`` instead of being sent.
        """
        with self._lock:
            if self._run is not None:  # the lock is re-entrant (for arun): a host callback called run again
                raise RuntimeError("Runtime.run was called from a callback of its own run in progress.")
            started = time.monotonic()
            self._sandbox.forget_stop()
            self._run = run = _Run(id=str(ULID()), deadline=started + self.limits.timeout_seconds, dry_run=dry_run)
            try:
                value, error = self._execute(code, name)
            finally:
                self._run = None
            error = keep_unknown(error, run.calls)
            result = RunResult(
                ok=error is None, value=value, output="".join(run.output), error=error,
                calls=tuple(run.calls), duration_ms=(time.monotonic() - started) * 1000, run_id=run.id,
                dry_run=dry_run,
            )
        log.debug("run %s ended: %s in %.1f ms", run.id, error.code if error else "ok", result.duration_ms)
        return result

    async def arun(self, code: str, name: str = "snippet.lua", *, dry_run: bool = False) -> RunResult:
        """``run`` for async hosts: runs in a thread, so the event loop is not blocked.

        Cancelling the awaiting task stops the run at its next hook (a call waiting on the network
        first finishes, within the deadline); the task then waits for the Runtime to be free and is
        cancelled. The Runtime stays usable.
        """
        def work(cancelled: Callable[[], bool]) -> RunResult | None:
            with self._lock:
                return None if cancelled() else self.run(code, name, dry_run=dry_run)

        result = await aio.in_thread(work, self.stop_thread)
        assert result is not None  # only a cancelled task's work returns None, and that task does not get here
        return result

    def stop_thread(self, thread: int) -> None:
        """Stop the run in progress if ``thread`` is the one running it: the hook ends it, as a timeout,
        at its next check. Any thread may call it (``arun`` does when its task is cancelled)."""
        run = self._run
        if run is not None and run.thread == thread:
            self._sandbox.stop()

    def _execute(self, code: str, name: str) -> tuple[Any, RunError | None]:
        try:
            size = len(code.encode("utf-8"))
        except UnicodeEncodeError as exc:
            return None, RunError(ErrorCode.SYNTAX_ERROR, f"The code is not valid text: the character at "
                                  f"position {exc.start} has no UTF-8 encoding.")
        if size > self.limits.max_code_bytes:
            return None, RunError(ErrorCode.CODE_TOO_LARGE, f"The code is {size:,} bytes; the limit is "
                                  f"{self.limits.max_code_bytes:,}.")
        try:
            outcome = self._sandbox.run(
                code, name, max_instructions=self.limits.max_instructions,
                max_memory=self.limits.max_memory_bytes, deadline=self._active.deadline, convert=self._value,
                dry_run=self._active.dry_run,
            )
        except marshal.MarshalError as exc:
            return None, RunError(ErrorCode.INVALID_VALUE, f"The returned value cannot be used: {exc}.")
        return self._finish(outcome)

    def _value(self, lua_value: Any) -> Any:
        return marshal.from_lua(lua_value, max_depth=self.limits.max_depth, max_items=self.limits.max_items,
                                path="result", is_array=self._sandbox.is_array)

    def _finish(self, outcome: Outcome) -> tuple[Any, RunError | None]:
        if outcome.status == "ok":
            values = outcome.values
            value = None if not values else values[0] if len(values) == 1 else list(values)
            size = len(json.dumps(value, ensure_ascii=False).encode())
            if size > self.limits.max_result_bytes:
                return None, RunError(ErrorCode.RESULT_TOO_LARGE, f"The returned value is {size:,} bytes as "
                                      f"JSON; the limit is {self.limits.max_result_bytes:,}.")
            return value, None
        if outcome.status == "call_error" and outcome.error:
            return None, self._call_run_error(outcome.error)
        if outcome.status in _LIMIT_MESSAGES:
            return None, RunError(outcome.status, _LIMIT_MESSAGES[outcome.status].format(l=self.limits))
        code = ErrorCode.SYNTAX_ERROR if outcome.status == "syntax" else ErrorCode.RUNTIME_ERROR
        details = self._scrubber.data(outcome.error or {})  # an agent error table's own fields
        return None, RunError(code, cap_message(self._scrub(outcome.message or "The snippet failed.")),
                              details=details)

    def _call_run_error(self, fields: dict[str, Any]) -> RunError:
        """The RunError of an uncaught call error, from the host's private copy of its fields
        (what the snippet edits in the error table it caught is never read)."""
        code = fields.get("code")
        if not isinstance(code, str) or code not in DESCRIPTIONS:
            code = ErrorCode.RUNTIME_ERROR
        details = fields.get("details")
        status = fields.get("status")
        return RunError(
            code=str(code), message=cap_message(self._scrub(str(fields.get("message", "")))),
            operation=_str_or_none(fields.get("operation")), account=_str_or_none(fields.get("account")),
            status=status if type(status) is int else None, retryable=fields.get("retryable") is True,
            details=details if isinstance(details, dict) else {},
        )

    # -- callbacks from Lua (all run with the memory limit lifted) ----------------------
    @property
    def _active(self) -> _Run:
        if self._run is None:  # pragma: no cover - callbacks only fire inside run()
            raise RuntimeError("no run in progress")
        return self._run

    def _guarded(self, fn: Callable[..., Any]) -> Callable[..., tuple[Any, ...]]:
        """Wrap a callback so that it never raises into Lua: errors become Lua error tables
        (the one the snippet sees, and a private copy the sandbox keeps for the RunError)."""
        def guarded(*args: Any) -> tuple[Any, ...]:
            try:
                return True, self._sandbox.to_lua(fn(*args))
            except CallError as exc:
                return False, *self._error_pair(exc, args)
            except Exception:
                log.exception("internal error in a sandbox callback")
                bug = CallError("The bridge failed on this call (an internal error; the host log has details).",
                                code=ErrorCode.INTERNAL_ERROR)
                return False, *self._error_pair(bug, args)
        return guarded

    def _error_pair(self, exc: CallError, args: tuple[Any, ...]) -> tuple[Any, Any]:
        """The error table the snippet gets and the host's private copy it is recognised by when raised."""
        table = self._error_fields(exc, args)
        return self._sandbox.to_lua(table), self._sandbox.to_lua(table)

    def _error_fields(self, exc: CallError, args: tuple[Any, ...]) -> dict[str, Any]:
        """The fields of a call's Lua error table (``args``: the callback's integration, account, name)."""
        integration, account, name = [*args, None, None, None][:3]
        operation = f"{integration}.{name}" if integration in self.integrations and name else None
        return {
            "code": str(exc.code), "message": cap_message(self._scrub(exc.message)), "operation": operation,
            "account": exc.details.get("account", account if isinstance(account, str) else None)
            if operation else None,
            "status": exc.status, "retryable": exc.retryable, "details": self._scrubber.data(exc.details),
        }

    def _parallel(self, batch: Any, concurrency: Any) -> tuple[Any, ...]:
        """``app.parallel`` / ``app.map``: the batch's calls, sent concurrently (bridge.parallel)."""
        from bridge import parallel  # only runs that fan out pay for the thread pool's import

        return parallel.handle(_BatchHost(self), batch, concurrency)

    def _resolve(self, integration: str, account: str | bool | None, key: str) -> str:
        """What a name in a namespace is: "function", "account" or (at the root) "unknown".

        ``account`` is None at the root, False when an unknown root name is being called,
        and an account name inside an account namespace.
        """
        target = self.integrations[integration]
        if account is None:
            if target.resolve_function(key):
                return "function"
            return "account" if target.resolve_account(key) else "unknown"
        if account is False:
            raise _unknown_function(target, key)
        if not target.resolve_account(str(account)):
            raise _unknown_account(target, str(account))
        if target.resolve_function(key):
            return "function"
        raise _unknown_function(target, key)

    def _call(self, integration: str, account: str | None, function: str, args: Any,
              arguments: Callable[[Any], Any] | None = None) -> Any:
        """One call, Lua table in, plain data out. ``arguments`` turns ``args`` into plain data
        (default: marshal the Lua table; bridge.parallel passes data marshalled beforehand)."""
        run, target = self._active, self.integrations[integration]
        account_name = target.resolve_account(account or "default")
        if account_name is None:
            raise _unknown_account(target, account or "default")
        if len(run.calls) >= self.limits.max_calls:
            raise call_limit(self.limits)
        canonical = target.resolve_function(function) or function
        call = _Call(integration, canonical, account_name, target.function_kind(canonical) or UNKNOWN_KIND,
                     CallContext(run_id=run.id, deadline=run.deadline))
        if self.on_call is not None:
            self.on_call(_started(run, call))
        outcome, error_code, data = "error", None, None
        try:
            data = (arguments or self._arguments)(args)
            kind, call.reason = target.call_kind(canonical, data)
            call.kind = kind or UNKNOWN_KIND
            if self._scrubber.holds(data):
                raise _holds_secret(canonical)
            result = self._perform(target, call, data)
            outcome = "planned" if call.planned else "ok"
            return self._scrubber.data(result) if self._scrubber.secrets else result
        except CallError as exc:
            error_code = str(exc.code)
            exc.details.setdefault("account", account_name)
            raise
        except marshal.MarshalError as exc:
            error_code = str(ErrorCode.INVALID_VALUE)
            raise CallError(f"{canonical}: {exc}.", code=ErrorCode.INVALID_VALUE,
                            details={"field": exc.path or None, "account": account_name}) from None
        finally:
            self._record(run, call, data, outcome, error_code)

    def _perform(self, target: Integration, call: _Call, data: Any) -> Any:
        """Apply read-only mode and the account's policy (before validation), validate once into a
        prepared request, apply the dry run and the approval to it, then send that same request."""
        rule, setting = self._decide(target, call)
        prepared = target.prepare(call.function, call.account, data, call.ctx)
        call.planned = self._active.dry_run and call.kind != "read"
        if call.planned:
            if call.kind == UNKNOWN_KIND:
                raise _not_dry_runnable(call)
            shown = self._shown(prepared)
            planned = {"dry_run": True, "operation": f"{call.integration}.{call.function}", "kind": call.kind,
                       "needs_approval": rule is Rule.ASK, "method": shown.method, "url": shown.url,
                       "body": shown.body}
            return {**planned, "reason": call.reason} if call.reason else planned
        if rule is Rule.ASK:
            self._ask(call, setting, self._shown(prepared))
        call.ctx.authorize = lambda function, params: self._authorize(target, call, function, params)
        return target.send(prepared, call.ctx)

    def _decide(self, target: Integration, call: _Call, inside: str = "") -> tuple[Rule, str]:
        """The rule for the call's class on its account; PermissionDenied when it is refused
        (``inside``: the composite operation that makes the call)."""
        policy = target.policy(call.account)
        if self.read_only:  # the flag is the read-only preset on every account; only the message differs
            policy = replace(policy, read_only=True)
        rule, setting = policy.decide(call.function, call.kind)
        if rule is Rule.DENY and setting == "preset" and self.read_only:
            raise _denied(call, "read_only", "this host runs in read-only mode, which refuses every write "
                          "and destructive call")
        if rule is Rule.DENY:
            calls = f", which {inside} calls" if inside else ""
            raise _denied(call, setting, f"the account's policy denies {_what(call, setting)}{calls}")
        return rule, setting

    def _authorize(self, target: Integration, outer: _Call, function: str, params: Any) -> None:
        """Judge one call a composite operation makes, by the same policy (an approval of the outer call
        covers what it makes; a deny of the inner function still refuses it)."""
        if function == outer.function:
            return
        data = params.model_dump() if hasattr(params, "model_dump") else params
        kind, reason = target.call_kind(function, data)
        inner = _Call(outer.integration, function, outer.account, kind or UNKNOWN_KIND, outer.ctx, reason=reason)
        rule, setting = self._decide(target, inner, inside=outer.function)
        if rule is Rule.ASK and outer.approval != "approved":
            self._ask(inner, setting, self._shown(Prepared(function, outer.account, body=data)))

    def _shown(self, prepared: Prepared) -> Prepared:
        """The prepared request as dry runs and approvers see it: secrets scrubbed, the bytes left out."""
        url = None if prepared.url is None else self._scrub(prepared.url)
        return replace(prepared, url=url, body=self._scrubber.data(prepared.body), content=None, request=None)

    def _ask(self, call: _Call, setting: str, plan: Prepared) -> None:
        """Ask the host's approval callback; a no (or no callback) fails the call with permission_denied."""
        if self.approve is None:
            raise _denied(call, setting, f"{_what(call, setting)} need the host's approval, and this host "
                          "has no way to give it")
        run = self._active
        if run.approvals_asked >= MAX_APPROVALS:
            raise _denied(call, setting, f"the host was already asked {MAX_APPROVALS} times in this run (the most "
                          "a run may ask); make the other approved calls in a new run")
        run.approvals_asked += 1
        request = PlannedCall(integration=call.integration, account=call.account, operation=call.function,
                              kind=call.kind, method=plan.method, url=plan.url, body=plan.body,
                              run_id=run.id, reason=call.reason)
        try:
            with self._approvals:  # app.parallel: one question at a time
                approved = self.approve(request) is True
        except Declined as exc:
            call.approval = "declined"
            raise _denied(call, setting, exc.reason) from None
        except Exception:
            log.exception("the approval callback failed; the call is declined")
            approved = False
        call.approval = "approved" if approved else "declined"
        if not approved:
            raise _denied(call, setting, "the host declined to approve it")

    def _record(self, run: _Run, call: _Call, data: Any, outcome: str, error_code: str | None) -> None:
        """Keep the call's audit record and hand it to the audit sink."""
        record = CallRecord._of(
            integration=call.integration, operation=call.function, account=call.account,
            duration_ms=(time.monotonic() - call.started) * 1000, outcome=outcome,
            error_code=error_code if outcome == "error" else None, status=call.ctx.status, kind=call.kind,
            run_id=run.id, started_at=call.started_at, params=self.redaction.apply(data, self._scrubber),
            attempts=call.ctx.attempts, dry_run=run.dry_run, approval=call.approval,
        )
        with self._records:  # app.parallel records from several threads: one at a time, whole
            run.calls.append(record)
            deliver(self.audit, record)
        telemetry.record_call(record)

    def _arguments(self, args: Any) -> Any:
        """The argument table as plain data; a string that is not UTF-8 is named by its path."""
        try:
            return marshal.from_lua(args, max_depth=self.limits.max_depth, max_items=self.limits.max_items,
                                    is_array=self._sandbox.is_array)
        except marshal.MarshalError as exc:
            if "UTF-8" in str(exc):
                path = self._sandbox.invalid_utf8_path(args)
                raise marshal.MarshalError("is a string that is not valid UTF-8", path or exc.path) from None
            raise

    def _print(self, line: str) -> bool:
        """Keep one printed line; True when the output limit was reached (the run then stops)."""
        run = self._active
        text = line + "\n"
        room = self.limits.max_output_bytes - run.output_bytes
        encoded = text.encode()
        if len(encoded) <= room:
            run.output.append(text)
            run.output_bytes += len(encoded)
            return False
        run.output.append(encoded[:max(room, 0)].decode(errors="ignore"))
        run.output_bytes = self.limits.max_output_bytes
        return True

    def _doc(self, op: str, topic: Any) -> Any:
        if op == "list":
            return self.docs.topics
        if not isinstance(topic, str):
            raise CallError(f"lua_{op}_docs takes a string, like lua_read_doc(\"integrations.customerio\").",
                            code=ErrorCode.VALIDATION_ERROR)
        if op == "search":
            if len(topic) > 200:
                raise CallError("lua_search_docs takes a few words (at most 200 characters).",
                                code=ErrorCode.VALIDATION_ERROR)
            return self.docs.search(topic)
        return self.docs.read(topic)

    # -- secrets -----------------------------------------------------------------------
    def _scrub(self, text: str) -> str:
        return self._scrubber.text(text)


def _started(run: _Run, call: _Call) -> dict[str, Any]:
    """What ``Runtime.on_call`` is told about a call about to be made."""
    return {"integration": call.integration, "operation": call.function, "account": call.account,
            "kind": call.kind, "run_id": run.id, "started_at": call.started_at}


@dataclass
class _Call:
    """One integration call in progress: what the policy and the audit record need."""

    integration: str
    function: str
    account: str
    kind: str
    ctx: CallContext
    started: float = field(default_factory=time.monotonic)
    started_at: str = field(default_factory=lambda: _utc_timestamp(time.time_ns()))
    planned: bool = False
    approval: str | None = None
    #: Why the arguments raised the call's class ("" when they did not).
    reason: str = ""


def _utc_timestamp(ns: int) -> str:
    """Nanoseconds since the epoch as ISO 8601 UTC with milliseconds (as ``isoformat(timespec="milliseconds")``
    of a UTC datetime writes it); the date and time of day are formatted once per second."""
    second, ms = divmod(ns // 1_000_000, 1000)
    return f"{_utc_second(second)}.{ms:03d}+00:00"


@lru_cache(maxsize=2)
def _utc_second(second: int) -> str:
    return datetime.fromtimestamp(second, UTC).isoformat()[:-len("+00:00")]


class _BatchHost:
    """The surface of a Runtime that ``app.parallel`` uses (``bridge.parallel.Host``; documented there)."""

    def __init__(self, runtime: Runtime) -> None:
        self._runtime = runtime
        self.limits = runtime.limits
        self.deadline = runtime._active.deadline
        self.marshal = runtime._arguments
        self.to_lua = runtime._sandbox.to_lua
        self.array_of = runtime._sandbox.array_of
        self.error_pair = runtime._error_pair

    def calls_left(self) -> int:
        return max(0, self.limits.max_calls - len(self._runtime._active.calls))

    def call(self, integration: str, account: str | None, function: str, arguments: Callable[[], Any]) -> Any:
        return self._runtime._call(integration, account, function, None, lambda _: arguments())


def call_limit(limits: Limits) -> CallError:
    """The error of a call past the run's ``max_calls``."""
    return CallError(f"This run already made {limits.max_calls} calls, the most allowed per run.",
                     code=ErrorCode.CALL_LIMIT)


def _what(call: _Call, setting: str) -> str:
    return f"{call.function}" if setting in ("allow", "deny") else f"{call.kind} calls"


def _denied(call: _Call, setting: str, reason: str) -> PermissionDenied:
    where = f"on account '{call.account}' of {call.integration}, "
    why = f", because {call.reason}" if call.reason else ""
    if setting in ("read_only", "preset"):
        change = ("ask the operator to restart the host without --read-only" if setting == "read_only" else
                  "ask the host to take the `read-only` preset off the account's policy")
        return PermissionDenied(
            f"{call.function} ({call.kind}{why}) was not sent: {'' if setting == 'read_only' else where}{reason}. "
            f"To permit it, {change}.", details={"account": call.account, "kind": call.kind, "setting": setting})
    fix = remedy(call.integration, call.account, call.function, setting)
    every = class_remedy(call.integration, call.account, call.kind)
    also = "" if setting == "deny" else f" (every {call.kind} call: {every.env} or `{every.cli}`)"
    return PermissionDenied(
        f"{call.function} ({call.kind}{why}) was not sent: {where}{reason}. {fix.sentence()}{also}.",
        details={"account": call.account, "kind": call.kind, "setting": setting, "remedy": fix.as_details()},
    )


def _not_dry_runnable(call: _Call) -> PermissionDenied:
    """A dry run cannot tell whether a call of unknown class is safe to send, so it sends none."""
    return PermissionDenied(
        f"{call.function} was not sent: {call.integration} does not say whether it is a read or a write, so a "
        "dry run cannot tell whether sending it is safe. Run it without a dry run (or ask the integration's "
        "author to report call classes: Integration.function_kind).",
        details={"account": call.account, "kind": call.kind, "setting": "dry_run"})


def _holds_secret(function: str) -> CallError:
    """Arguments holding a configured secret are refused, not sent and not echoed as "[redacted]"
    (an echo would tell a snippet that its guess was a key)."""
    return CallError(f"{function}: the arguments hold a value the bridge never sends (a credential of this "
                     "host, or text containing one); leave credentials to the host.",
                     code=ErrorCode.VALIDATION_ERROR, details={"field": None})


def _unknown_function(target: Integration, key: str) -> UnknownName:
    near = list(dict.fromkeys(target.resolve_function(n) or n for n in closest(key, list(target.function_names()))))
    hint = f" Did you mean {', '.join(near)}?" if near else ""
    return UnknownName(
        f"app.integrations.{target.name} has no function '{key}'.{hint} "
        f"lua_read_doc(\"integrations.{target.name}\") lists the functions.",
        code=ErrorCode.UNKNOWN_FUNCTION, details={"name": key, "closest": near},
    )


def _unknown_account(target: Integration, key: str) -> UnknownName:
    configured = ", ".join(target.account_names())
    if key == "default":
        text = (f"app.integrations.{target.name} has several accounts and none is the default; name one, "
                f"as in app.integrations.{target.name}.<account>.<function>. Configured accounts: {configured}.")
    else:
        text = f"app.integrations.{target.name} has no account '{key}'. Configured accounts: {configured}."
    return UnknownName(
        text,
        code=ErrorCode.UNKNOWN_ACCOUNT, details={"name": key, "accounts": list(target.account_names())},
    )


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None
