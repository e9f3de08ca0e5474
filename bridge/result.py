"""What a run hands back to the host: RunResult, RunError and one CallRecord per integration call."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class RunError:
    """Why a run failed. ``code`` is one of bridge.errors.ErrorCode; the message is one readable line."""

    code: str
    message: str
    operation: str | None = None
    account: str | None = None
    status: int | None = None
    retryable: bool = False
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CallRecord:
    """One integration call made by a run (successful or not): the audit record.

    Holds no secrets: ``params`` are the call's arguments after redaction (see bridge.audit),
    with every configured secret value replaced.
    """

    integration: str
    operation: str
    account: str
    duration_ms: float
    outcome: str  # "ok" | "error" | "planned" (a dry run's write, not sent)
    error_code: str | None = None
    status: int | None = None  # HTTP status of the last attempt
    kind: str | None = None  # "read" | "write" | "destructive", as the integration reports it
    run_id: str = ""
    started_at: str = ""  # ISO 8601, UTC
    params: Any = None
    attempts: int = 0  # HTTP requests sent
    dry_run: bool = False
    approval: str | None = None  # "approved" | "declined" when the host was asked

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (one line of a JSON-lines audit file)."""
        return asdict(self)

    @classmethod
    def _of(cls, **fields: Any) -> CallRecord:
        """``CallRecord(**fields)`` given every field, built without the frozen ``__init__``'s
        ``object.__setattr__`` per field (the runtime makes one record per call)."""
        record = object.__new__(cls)
        record.__dict__.update(fields)
        return record


@dataclass(frozen=True)
class RunResult:
    """The outcome of ``Runtime.run``."""

    ok: bool
    value: Any
    output: str
    error: RunError | None
    calls: tuple[CallRecord, ...]
    duration_ms: float
    run_id: str = ""
    dry_run: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (used by ``luabridge run --json``)."""
        return asdict(self)


def keep_unknown(error: RunError | None, calls: tuple[CallRecord, ...] | list[CallRecord]) -> RunError | None:
    """``error`` with the calls whose outcome is unknown named in ``details.outcome_unknown``, so that a
    run stopped by its deadline (or a killed worker) does not hide that a write may have been done."""
    unknown = [f"{c.integration}.{c.operation}" for c in calls if c.error_code == "outcome_unknown"]
    if error is None or not unknown or error.code == "outcome_unknown":
        return error
    return replace(error, details={**error.details, "outcome_unknown": unknown})
