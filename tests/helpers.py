"""Test doubles shared by the bridge tests: ``Echo``, an integration that needs no network."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from bridge.errors import CallError, ErrorCode
from bridge.integration import CallContext


class Echo:
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

    def call(self, function: str, account: str, args: Any, ctx: CallContext) -> Any:
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
