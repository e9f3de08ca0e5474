"""OpenTelemetry traces: a span per run and one per integration call (the optional ``otel`` extra).

Nothing happens until the host installs an SDK tracer provider (``trace.set_tracer_provider``);
without the ``opentelemetry`` package, or with the API's default provider, each hook costs one
check. A run's span is a child of the host's current span (contextvars carry it into the thread
``arun`` uses); call spans are children of the run's span and are made from the call records
(bridge.result.CallRecord), so runs in worker processes are traced in the host too, with the
worker's own timings. What a span holds is what the audit record holds: operation, account,
class, status, attempts, outcome, error code and the record's redacted arguments, never a key.

Attributes (``luabridge.`` names are ours; ``error.type`` and ``http.response.status_code`` are
the OpenTelemetry semantic conventions):

    run:  luabridge.run_id, luabridge.dry_run, luabridge.run.outcome, luabridge.run.calls, error.type
    call: luabridge.integration, luabridge.operation, luabridge.account, luabridge.call.class,
          luabridge.call.outcome, luabridge.call.attempts, luabridge.call.approval,
          luabridge.call.params, http.response.status_code, error.type
"""

from __future__ import annotations

import contextvars
import functools
import json
import time
from collections.abc import Callable
from typing import Any, ParamSpec

from bridge.result import CallRecord, RunResult

try:
    from opentelemetry import trace
except ImportError:  # pragma: no cover - the otel extra is not installed
    trace = None  # type: ignore[assignment]

P = ParamSpec("P")
#: The instrumentation scope of every span the bridge makes.
SCOPE = "lua-agent-bridge"
#: A call span keeps at most this much of the record's (redacted) arguments, as JSON.
MAX_PARAMS_CHARS = 2048
_cached: tuple[Any, Any] = (None, None)
#: The tracer of the traced run in progress in this context (None: untraced, so calls cost one lookup).
_run_tracer: contextvars.ContextVar[Any] = contextvars.ContextVar("luabridge_run_tracer", default=None)


def _tracer() -> Any:
    """The bridge's tracer, or None while no SDK provider is installed (looked up once per provider)."""
    global _cached
    if trace is None:  # pragma: no cover - without the otel extra
        return None
    provider = trace.get_tracer_provider()
    if provider is not _cached[0]:
        off = isinstance(provider, (trace.ProxyTracerProvider, trace.NoOpTracerProvider))
        _cached = (provider, None if off else provider.get_tracer(SCOPE))
    return _cached[1]


def traced(run: Callable[P, RunResult]) -> Callable[P, RunResult]:
    """Wrap a ``run(code, name, *, dry_run)`` method so that each run is one span."""
    @functools.wraps(run)
    def traced_run(*args: P.args, **kwargs: P.kwargs) -> RunResult:
        tracer = _tracer()
        if tracer is None:
            return run(*args, **kwargs)
        token = _run_tracer.set(tracer)
        try:
            with tracer.start_as_current_span("luabridge.run", record_exception=False) as span:
                result = run(*args, **kwargs)
                _describe_run(span, result)
                return result
        finally:
            _run_tracer.reset(token)
    return traced_run


def _describe_run(span: Any, result: RunResult) -> None:
    span.set_attributes({"luabridge.run_id": result.run_id, "luabridge.dry_run": result.dry_run,
                         "luabridge.run.outcome": "ok" if result.ok else "error",
                         "luabridge.run.calls": len(result.calls)})
    if result.error is not None:
        span.set_attribute("error.type", result.error.code)
        span.set_status(trace.Status(trace.StatusCode.ERROR, result.error.code))


def record_call(record: CallRecord) -> None:
    """One finished call as a span under the current one (the run's), timed from its record."""
    tracer = _run_tracer.get()
    if tracer is None:
        return
    end = time.time_ns()
    span = tracer.start_span(f"luabridge.call {record.integration}.{record.operation}",
                             start_time=end - int(record.duration_ms * 1e6), attributes=_call_attributes(record))
    if record.outcome == "error":
        span.set_status(trace.Status(trace.StatusCode.ERROR, record.error_code))
    span.end(end_time=end)


def _call_attributes(record: CallRecord) -> dict[str, Any]:
    attributes: dict[str, Any] = {
        "luabridge.integration": record.integration, "luabridge.operation": record.operation,
        "luabridge.account": record.account,
        "luabridge.call.outcome": record.outcome, "luabridge.call.attempts": record.attempts,
        "luabridge.run_id": record.run_id, "luabridge.dry_run": record.dry_run,
        "luabridge.call.params": json.dumps(record.params, ensure_ascii=False, default=str)[:MAX_PARAMS_CHARS],
    }
    optional = {"luabridge.call.class": record.kind, "http.response.status_code": record.status,
                "error.type": record.error_code, "luabridge.call.approval": record.approval}
    attributes.update({key: value for key, value in optional.items() if value is not None})
    return attributes
