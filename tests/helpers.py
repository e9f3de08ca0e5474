"""Test doubles shared by the bridge tests: ``Echo``, an integration that needs no network."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from bridge.errors import CallError, ErrorCode
from bridge.integration import CallContext, Integration, Prepared
from bridge.limits import Limits
from bridge.runtime import Runtime


class Simple(Integration):
    """Base of the test integrations: a call sends no request; ``perform`` does it in process.

    Every function is a read unless ``describe`` says otherwise, so dry runs run it."""

    @classmethod
    def from_env(cls, environ: Any = None) -> Simple:
        return cls()

    def function_kind(self, function: str) -> str | None:
        return "read"

    def prepare(self, function: str, account: str, args: Any, ctx: CallContext) -> Prepared:
        return Prepared(function, account, body=args, request=args)

    def send(self, prepared: Prepared, ctx: CallContext) -> Any:
        return self.perform(prepared.function, prepared.account, prepared.request, ctx)

    def perform(self, function: str, account: str, args: Any, ctx: CallContext) -> Any:
        """Do one call."""
        raise NotImplementedError


class Echo(Simple):
    """``app.integrations.echo``: ``back`` returns ``value``, ``fail`` raises, ``slow`` sleeps (then returns ``value``).

    ``seen`` records every call as (function, account, args).
    """

    name = "echo"
    _FUNCTIONS = ("back", "fail", "slow")

    def __init__(self, accounts: Sequence[str] = ("main",)) -> None:
        self.accounts = tuple(accounts)
        self.seen: list[tuple[str, str, Any]] = []

    def account_names(self) -> tuple[str, ...]:
        return self.accounts

    def resolve_account(self, name: str) -> str | None:
        if name == "default":
            return self.accounts[0]
        return name if name in self.accounts else None

    def function_names(self) -> tuple[str, ...]:
        return self._FUNCTIONS

    def resolve_function(self, name: str) -> str | None:
        return name if name in self._FUNCTIONS else None

    def perform(self, function: str, account: str, args: Any, ctx: CallContext) -> Any:
        self.seen.append((function, account, args))
        args = args if isinstance(args, dict) else {}
        if function == "fail":
            raise CallError("it failed on purpose", code=ErrorCode(args.get("code", "api_error")),
                            status=args.get("status"))
        if function == "slow":
            time.sleep(min(float(args.get("seconds", 0)), ctx.remaining()))
            return args.get("value")
        return args.get("value")

    def secrets(self) -> tuple[str, ...]:
        return ("echo-secret-canary",)


class Stuck(Echo):
    """Echo plus ``stuck``: sleeps ``seconds`` whatever the run's deadline, as a C call no hook reaches would."""

    _FUNCTIONS = (*Echo._FUNCTIONS, "stuck")

    def perform(self, function: str, account: str, args: Any, ctx: CallContext) -> Any:
        if function == "stuck":
            time.sleep(float(args["seconds"]))
            return None
        return super().perform(function, account, args, ctx)


def stuck_runtime(timeout_seconds: float = 1) -> Runtime:
    """A Runtime with ``app.integrations.echo`` (and ``stuck``) and a short deadline; a WorkerPool factory."""
    return Runtime([Stuck()], Limits(timeout_seconds=timeout_seconds))
