"""The plug-in contract between the bridge and an integration.

The bridge knows nothing about any particular API. An integration declares its
functions and accounts and performs calls on plain Python data; the bridge does
the Lua side (namespaces, marshalling, error tables, limits, call records).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from bridge.policy import Plan, Policy


@dataclass
class CallContext:
    """What an integration may know about the run that makes a call."""

    run_id: str
    deadline: float  # time.monotonic() value by which the run must end
    #: Filled in by the integration for the call record (HTTP status of the last attempt).
    status: int | None = None
    #: Filled in by the integration: HTTP requests sent for this call (retries included).
    attempts: int = 0
    extras: dict[str, Any] = field(default_factory=dict)
    #: Set by the bridge: a composite operation calls it with (function, params) before each call it
    #: makes, so that the account's policy judges every call (raises PermissionDenied when refused).
    authorize: Callable[[str, Any], None] | None = None

    def remaining(self) -> float:
        """Seconds left before the run's deadline (never negative)."""
        return max(0.0, self.deadline - time.monotonic())


@runtime_checkable
class Integration(Protocol):
    """An API exposed to Lua as ``app.integrations.<name>``."""

    name: str

    def account_names(self) -> tuple[str, ...]:
        """Configured account names; ``default`` is always resolvable."""
        ...

    def resolve_account(self, name: str) -> str | None:
        """The configured account a Lua name refers to (``default`` maps to the default account)."""
        ...

    def function_names(self) -> tuple[str, ...]:
        """Every callable Lua name, aliases included."""
        ...

    def resolve_function(self, name: str) -> str | None:
        """The canonical function for a Lua name or alias, or None."""
        ...

    def call(self, function: str, account: str, args: Any, ctx: CallContext) -> Any:
        """Perform one call with plain data; return plain data or raise bridge.errors.CallError."""
        ...

    def secrets(self) -> tuple[str, ...]:
        """Every secret value configured, so that the bridge can scrub them from any text it emits."""
        ...


@runtime_checkable
class Governed(Protocol):
    """What an integration reports so that the bridge can apply policies and dry runs.

    Optional: an integration without these methods gets no policy checks, and in a dry run
    its calls all run as reads would.
    """

    def describe(self, function: str) -> str:
        """The class of a canonical function: "read", "write" or "destructive"."""
        ...

    def policy(self, account: str) -> Policy:
        """The policy of a configured account."""
        ...

    def plan(self, function: str, account: str, args: Any) -> Plan:
        """Validate the arguments and return the request the call would send, without sending it."""
        ...
