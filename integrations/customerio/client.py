"""Customer.io's side of HTTP: base URLs per family and region, auth headers, budgets, error bodies.

The generic parts (connections, the sent/not-sent trace, the attempt loop with retries and
deadlines, rate limiting, mapping failures to error codes) are the bridge's: bridge/http/. This
module turns a declared operation and an account into a bridge.http.HttpRequest and hands it over.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx

from bridge.errors import ApiError, CallError, ErrorCode, InvalidArguments, MissingCredentials
from bridge.http.client import READ_BACK, HttpClient, HttpRequest, Service, Timeouts
from bridge.http.errors import json_body
from bridge.http.ratelimit import Budget
from bridge.http.retry import RetryPolicy
from bridge.http.transport import Connections
from bridge.integration import CallContext
from bridge.params import Params
from bridge.scrub import Scrubber
from integrations.customerio import ratelimit
from integrations.customerio.accounts import FAMILY_NAMES, Account, Family
from integrations.customerio.fields import compact_json
from integrations.customerio.operations import Kind, Operation

USER_AGENT = "lua-agent-bridge/0.1 (+customerio)"
#: Sent with every request, beside Host, Content-Length and the credential (see Client._route).
BASE_HEADERS = {"User-Agent": USER_AGENT, "Accept": "application/json", "Accept-Encoding": "gzip, deflate"}
_MAX_API_MESSAGE = 300
_BODY_METHODS = ("POST", "PUT", "PATCH")


def expand_path(template: str, values: dict[str, Any], operation: str = "") -> str:
    """Fill a path template, percent-encoding each value; refuse empty and dot-segment values."""
    path = template
    for name, value in values.items():
        text = "" if value is None else str(value)
        if text.strip() in ("", ".", ".."):
            raise InvalidArguments(f"{operation}: `{name}` must not be empty, '.' or '..'.", details={"field": name})
        path = path.replace("{" + name + "}", _url_part(operation, name, quote(text, safe="")))
    return path


#: The longest value one path segment or query parameter may take once percent-encoded: servers
#: commonly refuse URLs past 8 KiB (and httpx refuses past 64 KiB with an unmapped error).
MAX_URL_VALUE = 4096


def _url_part(operation: str, name: str, encoded: str) -> str:
    """``encoded`` itself, or a validation_error naming the field when it cannot fit in a URL."""
    if len(encoded) > MAX_URL_VALUE:
        raise InvalidArguments(f"{operation}: `{name}` is {len(encoded):,} characters once URL-encoded; at most "
                              f"{MAX_URL_VALUE:,} fit in a request's URL.", details={"field": name,
                                                                                     "max": MAX_URL_VALUE})
    return encoded


def auth_headers(family: Family, account: Account) -> dict[str, str]:
    """The Authorization header of a family, or MissingCredentials naming the setting."""
    if family is Family.APP:
        key = account.secret("app_api_key")
        if key is None:
            raise _missing(account, "app_api_key", "App API")
        return {"Authorization": f"Bearer {key}"}
    token = account.basic_token(family)
    if token is None:
        setting = "site_id and track_api_key" if family is Family.TRACK else "pipelines_api_key"
        raise _missing(account, setting, f"{FAMILY_NAMES[family]}")
    return {"Authorization": f"Basic {token}"}


def _missing(account: Account, setting: str, api: str) -> MissingCredentials:
    prefix = "CUSTOMERIO_" if account.name == "default" else f"CUSTOMERIO_{account.name.upper()}_"
    env = " and ".join(prefix + s.upper() for s in setting.split(" and "))
    return MissingCredentials(
        f"Account '{account.name}' has no {setting}, which the {api} needs; ask the host to set {env}.",
        details={"setting": setting, "account": account.name},
    )


#: What to read back before repeating a write whose outcome is unknown, by path prefix.
_CHECKS = (
    ("/v1/send/", "list the recipient's messages (`list_person_messages`) or `list_messages` to see whether "
                  "it went out"),
    ("/v1/campaigns/", "list the broadcast's triggers (`list_broadcast_triggers`) to see whether it was triggered"),
)


@dataclass(frozen=True)
class _Route:
    """What every request of one API family on one account shares."""

    base_url: str
    #: Host, ours and the credential's; with a zero Content-Length for body-less POST/PUT/PATCH.
    headers: dict[str, str]
    empty_body_headers: dict[str, str]
    #: The limiter's name for the credential (see ratelimit.identity).
    owner: str
    #: The account's timeouts.
    timeouts: Timeouts
    #: The account's secret values (Account.secrets: base64 tokens and base-URL parsing, so worked out once).
    secrets: tuple[str, ...]
    #: Budgets by operation path (see _budgets).
    budgets: dict[str, tuple[Budget, ...]] = field(default_factory=dict)


class Client:
    """Sends declared operations for any account of one integration, through bridge.http.

    ``retry`` decides when failures are sent again (bridge/http/retry.py); ``limiter`` hands out request
    slots under Customer.io's documented limits (ratelimit.py; the process-wide one by default).
    """

    def __init__(self, transport: httpx.BaseTransport | None = None, *, retry: RetryPolicy | None = None,
                 limiter: ratelimit.Limiter | None = None) -> None:
        self.sender = HttpClient(SERVICE, Connections(transport), retry or RetryPolicy(),
                                 ratelimit.shared() if limiter is None else limiter)
        self._routes: dict[tuple[Account, Family], _Route] = {}

    @property
    def http(self) -> Connections:
        """The connections requests go through."""
        return self.sender.http

    @property
    def retry(self) -> RetryPolicy:
        """When failed requests are sent again."""
        return self.sender.retry

    @property
    def limiter(self) -> ratelimit.Limiter:
        """Where request slots come from."""
        return self.sender.limiter

    def close(self) -> None:
        """Close pooled connections."""
        self.sender.close()

    def call(self, op: Operation, account: Account, params: Params, ctx: CallContext,
             encoded: bytes | None = None) -> Any:
        """Perform one declared operation: one request (retried as bridge.http says), or its ``perform``.

        ``encoded``: the JSON body of ``params`` already encoded (send_bulk encodes each item once)."""
        if op.perform is not None:
            return op.perform(Caller(self, account, ctx), params)
        return self.send(op, account, params, self.prepare(op, account, params, encoded), ctx)

    def send(self, op: Operation, account: Account, params: Params, prepared: HttpRequest,
             ctx: CallContext) -> Any:
        """Send a prepared request (retried as bridge.http says) and return its parsed result."""
        return op.result(self.sender.send(prepared, ctx), params)

    def prepare(self, op: Operation, account: Account, params: Params,
                encoded: bytes | None = None) -> HttpRequest:
        """The request of one call, built once: what approvals and dry runs show is what ``send`` sends."""
        path, query = _target(op, params)
        kind, body = "application/json", None
        if op.encode is not None:
            encoded, kind = op.encode(params)
            body = op.body_of(params)  # what the encoded form holds, for approvals and dry runs
        elif encoded is None:
            body = op.body_of(params)
            encoded = None if body is None else compact_json(body)
        route = self._route(account, op.family)
        if encoded is not None:
            content = encoded
            headers = {**route.headers, "Content-Type": kind, "Content-Length": str(len(content))}
        else:
            content, headers = b"", route.headers if op.method not in _BODY_METHODS else route.empty_body_headers
        # query=None when empty: an empty dict still makes httpx merge and re-parse the URL.
        return HttpRequest(op.name, op.method, route.base_url + path, query or None, headers, content,
                           route.timeouts, bool(op.idempotent), _budgets(route, op, params), op.kind is Kind.READ,
                           _keys(params, body), _check(op), body, route.secrets)

    def _route(self, account: Account, family: Family) -> _Route:
        """What every request of a family on an account shares; worked out once per account and family."""
        route = self._routes.get((account, family))
        if route is None:
            base_url = account.base_url(family)
            headers = {"Host": httpx.URL(base_url).netloc.decode("ascii"), **BASE_HEADERS,
                       **auth_headers(family, account)}
            if family is Family.PIPELINES:
                headers["X-Strict-Mode"] = "1"  # real 400/401s instead of "200 and silently dropped"
            route = self._routes[(account, family)] = _Route(
                base_url, headers, {**headers, "Content-Length": "0"}, ratelimit.identity(account, family),
                Timeouts(*account.timeouts()), account.secrets())
        return route


#: Params fields whose value makes a repeat of the write count once (they go into its errors' details).
_KEY_FIELDS = ("event_id", "message_id")


def _keys(params: Params, body: Any) -> dict[str, Any]:
    """What makes repeating this write safe: its de-duplication ids, given or generated into the body
    (a Pipelines call's ``messageId`` is a fresh ULID unless given; a batch's calls each have one, in
    ``message_ids`` in the batch's order, to give back as each call's ``messageId``)."""
    keys: dict[str, Any] = {name: str(value) for name in _KEY_FIELDS
                            if (value := getattr(params, name, None)) is not None}
    if "message_id" in keys or not isinstance(body, dict):
        return keys
    if isinstance(body.get("messageId"), str):
        keys["message_id"] = body["messageId"]
    elif isinstance(batch := body.get("batch"), list) and batch:
        keys["message_ids"] = [item.get("messageId") if isinstance(item, dict) else None for item in batch]
    return keys


def _check(op: Operation) -> str:
    """What to read back before repeating the operation when its outcome is unknown."""
    return next((hint for prefix, hint in _CHECKS if op.path.startswith(prefix)), READ_BACK)


def _budgets(route: _Route, op: Operation, params: Params) -> tuple[Budget, ...]:
    """The rate-limit budgets a request draws on: the same for every call of an operation on an
    account (kept in the route), except a broadcast trigger's, which names its broadcast."""
    if op.method == "POST" and op.path.endswith("/triggers"):
        scopes = ratelimit.scopes(op.family, op.path, getattr(params, "broadcast_id", None))
        return tuple(Budget(f"{route.owner}:{scope}", scope, rate) for scope, rate in scopes)
    budgets = route.budgets.get(op.path)
    if budgets is None:
        scopes = ratelimit.scopes(op.family, op.path)
        budgets = route.budgets[op.path] = tuple(Budget(f"{route.owner}:{scope}", scope, rate)
                                                 for scope, rate in scopes)
    return budgets


def _target(op: Operation, params: Params) -> tuple[str, dict[str, str]]:
    """The expanded path and the query parameters of a call."""
    path = expand_path(op.path, {name: getattr(params, name) for name in op.path_fields}, op.name)
    query = {_wire(params, k): _url_part(op.name, k, _query_value(getattr(params, k)))
             for k in op.query if getattr(params, k) is not None}
    return path, query


def _wire(params: Params, name: str) -> str:
    alias = type(params).model_fields[name].serialization_alias
    return alias or name


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def region_error(request: HttpRequest, response: httpx.Response, reason: str) -> CallError | None:
    """Customer.io's redirect to the other region's host, which the generic mapping would call api_error."""
    if response.status_code in (301, 302, 307, 308) and "datacenter" in reason.lower():
        return ApiError(f"{request.operation}: this account's data is in the other region; ask the host to set the "
                        "account's region to 'eu' (or 'us') instead.", code=ErrorCode.REGION_MISMATCH,
                        status=response.status_code)
    return None


def api_message(response: httpx.Response, scrubber: Scrubber | None = None) -> str:
    """The reason in a Customer.io error body, whichever family's shape it has."""
    body = json_body(response)
    reasons: list[str] = []
    if isinstance(body, dict):
        meta = body.get("meta")
        if isinstance(meta, dict):
            reasons += [str(meta["error"])] if meta.get("error") else []
            reasons += [str(e) for e in meta.get("errors") or [] if isinstance(meta.get("errors"), list)]
        for item in body.get("errors") or []:
            if isinstance(item, dict):
                reasons.append(str(item.get("detail") or item.get("message") or item.get("reason") or ""))
        if isinstance(body.get("message"), str):
            reasons.append(body["message"])
    return (scrubber or Scrubber()).cut("; ".join(r for r in reasons if r), _MAX_API_MESSAGE, "")


@dataclass(frozen=True)
class Caller:
    """What a composite operation may use: call other declared operations for the same account."""

    client: Client
    account: Account
    ctx: CallContext

    def call(self, op: Operation, params: Params, encoded: bytes | None = None) -> Any:
        """Run another declared operation with the same account and deadline (``encoded``: its JSON body,
        when the caller has it already), after the bridge's policy has judged it."""
        if self.ctx.authorize is not None:
            self.ctx.authorize(op.name, params)
        return self.client.call(op, self.account, params, self.ctx, encoded)


@functools.lru_cache(maxsize=64)
def _scrubber(secrets: tuple[str, ...]) -> Scrubber:
    """The Scrubber of one account's secrets (a request carries its route's tuple), built once per set."""
    return Scrubber(secrets)


#: What the HTTP layer needs to know about Customer.io.
SERVICE = Service("Customer.io", lambda response, secrets: api_message(response, _scrubber(secrets)), region_error)
