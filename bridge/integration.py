"""The plug-in contract: every hook an integration must or may provide, in one place.

An integration is a subclass of ``Integration`` registered under the ``lua_agent_bridge.integrations``
entry point (bridge.plugins loads it). The bridge knows nothing about any particular API: the
integration declares its functions and accounts, validates a call's arguments once into a
``Prepared`` request, and sends that same request; the bridge does the Lua side (namespaces,
marshalling, error tables, limits), the account's policy, approvals, dry runs and call records.

Hooks marked *required* are abstract; the others have the default written here. ``tests/
test_contract.py`` checks that every hook has a docstring. The order of one call (bridge.runtime):
``resolve_account`` / ``resolve_function`` -> ``call_kind`` and ``policy`` (refused before validation) ->
``prepare`` -> a dry run returns the plan, or an approval shows it -> ``send`` of the same ``Prepared``.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from bridge.errors import ConfigError
from bridge.policy import Policy


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


@dataclass(frozen=True)
class Prepared:
    """One call validated once and ready to send: what policy, approval and dry runs look at, and
    what ``Integration.send`` sends (the approved body is the body sent).

    ``method``/``url`` are None for a function that makes several requests (``body`` then holds
    its validated arguments). ``content`` is the exact body on the wire when there is one.
    ``request`` is the integration's own state (opaque to the bridge). Holds no credentials:
    keys travel in headers, which a prepared call does not show.
    """

    function: str
    account: str
    method: str | None = None
    url: str | None = None
    body: Any = None
    content: bytes | None = None
    request: Any = None


class Integration(ABC):
    """An API exposed to Lua as ``app.integrations.<name>``: subclass it and implement the hooks."""

    #: The Lua namespace (``app.integrations.<name>``) and the TOML table (``[<name>]``). Required.
    name: ClassVar[str]

    # -- construction (class hooks: called before any instance exists) ------------------
    @classmethod
    @abstractmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Integration:
        """Required. The integration configured from environment variables (``os.environ`` when None)."""

    @classmethod
    def from_config(cls, table: Mapping[str, Any]) -> Integration:
        """The integration configured from its TOML table ``[<name>]`` (``luabridge run --config``)."""
        raise ConfigError(f"The [{cls.name}] table cannot be used: integration {cls.name} is configured "
                          "from the environment only.")

    # -- names (resolved on every namespace lookup: keep them cheap) ----------------------
    @abstractmethod
    def account_names(self) -> tuple[str, ...]:
        """Required. Configured account names (error messages list them)."""

    @abstractmethod
    def resolve_account(self, name: str) -> str | None:
        """Required. The configured account a Lua name means (``default`` maps to the default account), or None."""

    @abstractmethod
    def function_names(self) -> tuple[str, ...]:
        """Required. Every callable Lua name, aliases included (near misses are suggested from these)."""

    @abstractmethod
    def resolve_function(self, name: str) -> str | None:
        """Required. The canonical function a Lua name or alias means, or None."""

    # -- one call -----------------------------------------------------------------------
    @abstractmethod
    def prepare(self, function: str, account: str, args: Any, ctx: CallContext) -> Prepared:
        """Required. Validate ``args`` (plain data from Lua) once and build the request the call would
        send, without sending it (a lookup the request needs, such as a region, may be sent: it is
        a read). Raise bridge.errors.CallError (validation_error, ...) for arguments it refuses."""

    @abstractmethod
    def send(self, prepared: Prepared, ctx: CallContext) -> Any:
        """Required. Send exactly the prepared request; return plain data or raise CallError. Fill in
        ``ctx.status`` and ``ctx.attempts`` for the call record."""

    def function_kind(self, function: str) -> str | None:
        """The class of a canonical function ("read", "write" or "destructive"); None when the
        integration cannot tell. Calls of an unknown class are refused in dry runs and in read-only
        mode, and get the strictest policy."""
        return None

    def call_kind(self, function: str, args: Any) -> tuple[str | None, str]:
        """The class of one call judged from its arguments (plain data, before validation) and why,
        when they raise it above the function's class (e.g. ("destructive", "the delete action"));
        policy, approvals and dry runs use it. Default: the function's class and no reason."""
        return self.function_kind(function), ""

    def policy(self, account: str) -> Policy:
        """The policy of a configured account (default: reads and writes allowed, destructive calls ask)."""
        return Policy()

    def secrets(self) -> tuple[str, ...]:
        """Every secret value configured, so the bridge scrubs them from every text it emits."""
        return ()

    def call(self, function: str, account: str, args: Any, ctx: CallContext) -> Any:
        """Not a hook: prepare and send one call at once, without the bridge's policy (for hosts and tests)."""
        return self.send(self.prepare(function, account, args, ctx), ctx)

    # -- host and CLI options ---------------------------------------------------------------
    def use_default(self, account: str) -> None:
        """Make ``account`` the one `default` means (``luabridge run --account``)."""
        raise ConfigError(f"--account: integration {self.name} has no accounts to choose from.")

    def allow(self, name: str) -> bool:
        """Allow a function or a class of call on every account (``luabridge run --allow``); False
        when ``name`` is neither for this integration."""
        return False

    def setup_notice(self) -> str | None:
        """A line the CLI prints to stderr about where calls go (e.g. "calls go to an emulator"), or None."""
        return None

    def close(self) -> None:
        """Release connections and other resources."""
        return None

    @classmethod
    def add_cli_commands(cls, sub: Any) -> None:
        """Add subcommands to ``luabridge`` (``sub``: argparse's subparsers); called for other commands only."""
        return None

    # -- documentation and generated files -----------------------------------------------------
    @classmethod
    def doc_pages(cls) -> dict[str, str]:
        """Doc topics (``integrations.<name>``, ``integrations.<name>.<function>`` ...) to markdown.
        ``lua_read_doc`` serves them; the bridge's own integrations also have them written under
        ``lua_docs/`` by ``python -m bridge.docgen``."""
        return {}

    @classmethod
    def example_files(cls) -> dict[str, str]:
        """Example snippets ``examples/<function>__<title>.lua`` that docgen writes (integrations in this tree)."""
        return {}

    @classmethod
    def type_files(cls) -> dict[str, str]:
        """Editor definitions ``lua_docs/types/<file>`` that docgen writes (integrations in this tree)."""
        return {}

    @classmethod
    def source_files(cls) -> dict[str, str]:
        """Files of the integration's own package that docgen derives (paths relative to the repository)."""
        return {}


#: Every hook of the contract, by name (tests check each is documented; docs list them).
HOOKS = ("from_env", "from_config", "account_names", "resolve_account", "function_names", "resolve_function",
         "prepare", "send", "function_kind", "call_kind", "policy", "secrets", "use_default", "allow",
         "setup_notice", "close", "add_cli_commands", "doc_pages", "example_files", "type_files", "source_files")
