"""HTTP for declared operations, in short steps: build -> send -> map status -> parse.

One ``httpx.Client`` per integration (pooled keep-alive connections, thread-safe),
created on first use so that building a Runtime stays cheap. Errors are
bridge.errors CallError leaves; their messages never hold keys, headers or bodies.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx

from bridge.errors import ApiError, ErrorCode, MissingCredentials, TransportError, ValidationError
from bridge.integration import CallContext
from bridge.params import Params
from bridge.policy import Plan
from integrations.customerio.accounts import FAMILY_NAMES, Account, Family
from integrations.customerio.operations import Operation

log = logging.getLogger("integrations.customerio")

USER_AGENT = "lua-agent-bridge/0.1 (+customerio)"
_MAX_API_MESSAGE = 300


def expand_path(template: str, values: dict[str, Any], operation: str = "") -> str:
    """Fill a path template, percent-encoding each value; refuse empty and dot-segment values."""
    path = template
    for name, value in values.items():
        text = "" if value is None else str(value)
        if text.strip() in ("", ".", ".."):
            raise ValidationError(f"{operation}: `{name}` must not be empty, '.' or '..'.", details={"field": name})
        path = path.replace("{" + name + "}", quote(text, safe=""))
    return path


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


class Client:
    """Sends declared operations for any account of one integration."""

    def __init__(self, transport: httpx.BaseTransport | None = None) -> None:
        self._transport = transport
        self._http: httpx.Client | None = None
        self._lock = threading.Lock()

    def _client(self) -> httpx.Client:
        if self._http is None:
            with self._lock:
                if self._http is None:
                    self._http = httpx.Client(transport=self._transport, headers={"User-Agent": USER_AGENT},
                                              follow_redirects=False)
        return self._http

    def close(self) -> None:
        """Close pooled connections."""
        if self._http is not None:
            self._http.close()

    def call(self, op: Operation, account: Account, params: Params, ctx: CallContext) -> Any:
        """Perform one declared operation: one request, or its composite ``perform``."""
        if op.perform is not None:
            return op.perform(Caller(self, account, ctx), params)
        request = self._build(op, account, params, ctx)
        data = self._send(op, request, ctx)
        return op.result(data, params)

    def plan(self, op: Operation, account: Account, params: Params) -> Plan:
        """The request ``call`` would send, without credentials (composite operations: their arguments)."""
        if op.perform is not None:
            return Plan(method=None, url=None, body=params.model_dump(by_alias=True, exclude_none=True))
        path, query = _target(op, params)
        url = httpx.URL(account.base_url(op.family) + path, params=query)
        return Plan(method=op.method, url=str(url), body=op.body_of(params))

    def _build(self, op: Operation, account: Account, params: Params, ctx: CallContext) -> httpx.Request:
        path, query = _target(op, params)
        body = op.body_of(params)
        headers = auth_headers(op.family, account)
        content = None
        if body is not None:
            headers["Content-Type"] = "application/json"
            content = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        timeout = min(account.timeout, ctx.remaining())
        if timeout <= 0:
            raise TransportError(f"{op.name}: no time is left in this run for the request.",
                                 code=ErrorCode.REQUEST_TIMEOUT)
        # params=None when empty: an empty dict still makes httpx merge and re-parse the URL.
        return self._client().build_request(op.method, account.base_url(op.family) + path, params=query or None,
                                            headers=headers, content=content, timeout=timeout)

    def _send(self, op: Operation, request: httpx.Request, ctx: CallContext) -> Any:
        if log.isEnabledFor(logging.DEBUG):  # copying the URL costs more than the rest of the log call
            log.debug("%s %s %s", op.name, request.method, request.url.copy_with(query=None))
        ctx.attempts += 1
        try:
            response = self._client().send(request)
        except httpx.TimeoutException:
            raise TransportError(f"{op.name}: Customer.io did not answer in time.", code=ErrorCode.REQUEST_TIMEOUT,
                                 retryable=bool(op.idempotent)) from None
        except httpx.HTTPError as exc:
            raise TransportError(f"{op.name}: could not reach Customer.io ({type(exc).__name__}).",
                                 code=ErrorCode.NETWORK_ERROR, retryable=bool(op.idempotent)) from None
        ctx.status = response.status_code
        if response.status_code >= 300:
            raise status_error(op, response)
        return parse_json(op, response)


def _target(op: Operation, params: Params) -> tuple[str, dict[str, str]]:
    """The expanded path and the query parameters of a call."""
    path = expand_path(op.path, {name: getattr(params, name) for name in op.path_fields}, op.name)
    query = {_wire(params, k): _query_value(getattr(params, k)) for k in op.query if getattr(params, k) is not None}
    return path, query


def _wire(params: Params, name: str) -> str:
    alias = type(params).model_fields[name].serialization_alias
    return alias or name


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def parse_json(op: Operation, response: httpx.Response) -> Any:
    """The JSON of a successful answer ({} when empty), or INVALID_RESPONSE."""
    if not response.content.strip():
        return {}
    try:
        return response.json()
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        raise TransportError(f"{op.name}: Customer.io answered {response.status_code} with a body that is not JSON.",
                             code=ErrorCode.INVALID_RESPONSE, status=response.status_code) from None


_STATUS_CODES = {401: ErrorCode.UNAUTHORIZED, 403: ErrorCode.UNAUTHORIZED, 404: ErrorCode.NOT_FOUND,
                 429: ErrorCode.RATE_LIMITED}


def status_error(op: Operation, response: httpx.Response) -> ApiError:
    """Map an error status to a CallError with the API's own reason in the message."""
    status, reason = response.status_code, api_message(response)
    if status in (301, 302, 307, 308) and "datacenter" in reason.lower():
        return ApiError(f"{op.name}: this account's data is in the other region; ask the host to set the "
                        "account's region to 'eu' (or 'us') instead.", code=ErrorCode.REGION_MISMATCH,
                        status=status)
    code = _STATUS_CODES.get(status) or (ErrorCode.SERVER_ERROR if status >= 500 else ErrorCode.API_ERROR)
    retryable = code is ErrorCode.RATE_LIMITED or (code is ErrorCode.SERVER_ERROR and bool(op.idempotent))
    text = f"{op.name}: Customer.io answered {status}" + (f": {reason}" if reason else ".")
    details = {"retry_after": response.headers["Retry-After"]} if "Retry-After" in response.headers else {}
    return ApiError(text, code=code, status=status, retryable=retryable, details=details)


def api_message(response: httpx.Response) -> str:
    """The reason in a Customer.io error body, whichever family's shape it has."""
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        return ""
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
    return "; ".join(r for r in reasons if r)[:_MAX_API_MESSAGE]


@dataclass(frozen=True)
class Caller:
    """What a composite operation may use: call other declared operations for the same account."""

    client: Client
    account: Account
    ctx: CallContext

    def call(self, op: Operation, params: Params) -> Any:
        """Run another declared operation with the same account and deadline."""
        return self.client.call(op, self.account, params, self.ctx)
