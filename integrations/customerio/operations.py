"""How a Customer.io operation is declared: once, as data. Everything else is derived.

The Lua binding, the HTTP request, the docs page and the request-shape tests all read
the same :class:`Operation`. No operation has hand-written HTTP code; composite ones
(several requests) name a ``perform`` function that calls other declared operations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bridge.params import Params
from bridge.policy import Kind
from integrations.customerio.accounts import Family

if TYPE_CHECKING:
    from integrations.customerio.client import Caller

__all__ = ["Example", "Kind", "Operation", "registry"]  # Kind is the bridge's: one definition of call classes


@dataclass(frozen=True)
class Example:
    """A titled, runnable Lua example (executed by the tests against the emulator)."""

    title: str
    code: str


def _no_result(data: Any, params: Any) -> Any:
    return data


@dataclass(frozen=True)
class Operation:
    """One callable function of ``app.integrations.customerio``."""

    name: str
    family: Family
    method: str
    path: str
    params: type[Params]
    kind: Kind
    summary: str
    description: str = ""
    #: Where the docs index lists it (see naming.AREAS).
    area: str = ""
    #: Field names sent as query parameters; the path's {placeholders} are fields too.
    query: tuple[str, ...] = ()
    #: Builds the JSON body from the validated params; None sends the remaining fields.
    body: Callable[[Any], Any] | None = None
    #: Non-JSON bodies (multipart uploads): params -> (bytes, content type); ``body`` then says what plans show.
    encode: Callable[[Any], tuple[bytes, str]] | None = None
    #: Shapes the API's JSON answer into what Lua gets.
    result: Callable[[Any, Any], Any] = _no_result
    #: What the result holds, in one line of the docs.
    returns: str = ""
    aliases: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    #: Composite operations: (caller, params) -> result, instead of one request.
    perform: Callable[[Caller, Any], Any] | None = None
    #: Sending it twice has the effect of sending it once (None: GET/HEAD/PUT/DELETE and reads are).
    #: Decides what is retried after an ambiguous failure (see bridge/http/retry.py).
    idempotent: bool | None = None
    path_fields: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "path_fields", tuple(re.findall(r"{(\w+)}", self.path)))
        if self.idempotent is None:
            idempotent = self.method in ("GET", "HEAD", "PUT", "DELETE") or self.kind is Kind.READ
            object.__setattr__(self, "idempotent", idempotent)

    def body_of(self, params: Params) -> Any:
        """The JSON body for a call, or None for body-less requests."""
        if self.body is not None:
            return self.body(params)
        if self.method in ("GET", "DELETE"):
            return None
        skip = set(self.query) | set(self.path_fields)
        if set(type(params).model_fields) <= skip and not params.model_extra:
            return None  # the operation declares no body fields: send none (suppress, unsuppress...)
        return params.model_dump(by_alias=True, exclude_none=True, exclude=skip)


def route_key(method: str, path: str) -> tuple[str, str]:
    """Method and path template with placeholder names erased: how one endpoint is told apart from another
    (declarations, specs and facts name the same placeholder differently)."""
    return method.upper(), re.sub(r"{\w+}", "{}", path)


def registry(operations: Iterable[Operation]) -> dict[str, Operation]:
    """Index operations by name and alias, refusing duplicates."""
    table: dict[str, Operation] = {}
    for op in operations:
        for name in (op.name, *op.aliases):
            if name in table:
                raise ValueError(f"operation name {name!r} is declared twice")
            table[name] = op
    return table
