"""What a run hands back to the host: RunResult, RunError and one CallRecord per integration call."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
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
    """One integration call made by a run (successful or not). Holds no secrets and no payloads."""

    integration: str
    operation: str
    account: str
    duration_ms: float
    outcome: str  # "ok" | "error"
    error_code: str | None = None
    status: int | None = None


@dataclass(frozen=True)
class RunResult:
    """The outcome of ``Runtime.run``."""

    ok: bool
    value: Any
    output: str
    error: RunError | None
    calls: tuple[CallRecord, ...]
    duration_ms: float

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (used by ``luabridge run --json``)."""
        return asdict(self)
