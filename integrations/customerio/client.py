"""HTTP for declared operations, in short steps: prepare -> (throttle -> attempt -> map status)* -> parse.

One ``Connections`` per integration (httpx transports with pooled keep-alive connections, thread-safe),
created on first use so that building a Runtime stays cheap. Each attempt first takes a
slot from the rate limiter (ratelimit.py); a failed attempt is sent again only as
retry.should_retry says, and no wait passes the run's deadline. Errors are bridge.errors
CallError leaves; their messages never hold keys, headers or bodies.

Whether a failed request was sent: httpx reports no such thing, so each attempt carries an
httpcore trace callback (``_Trace``). Only a request whose head was never completely written
(connect errors and timeouts, pool timeouts, a write that failed inside the head) counts as
not sent, and only that, or a 429, is repeated for a write that is not idempotent. A reused
keep-alive connection that breaks before any answer byte (the server closed it while idle) is
retried at once for idempotent calls; for other writes it is ``outcome_unknown``, since the
server may have read the request before closing. httpcore itself already skips, and
replaces, pooled connections it finds closed before writing.
"""

from __future__ import annotations

import json
import logging
import threading
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx

from bridge.errors import ApiError, CallError, ErrorCode, MissingCredentials, TransportError, ValidationError
from bridge.integration import CallContext
from bridge.params import Params
from bridge.policy import Plan
from bridge.scrub import Scrubber
from integrations.customerio import deadline, ratelimit
from integrations.customerio.accounts import FAMILY_NAMES, Account, Family
from integrations.customerio.fields import compact_json
from integrations.customerio.operations import Kind, Operation
from integrations.customerio.retry import (
    Failure,
    RetryPolicy,
    may_have_run,
    outcome_unknown,
    parse_retry_after,
    should_retry,
)

log = logging.getLogger("integrations.customerio")

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


#: Pooled keep-alive connections. Idle ones are dropped after 5 s, well before load balancers
#: usually close them; the rare one closed under us anyway is retried (see retry.Failure.STALE).
POOL = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0)

#: What to read back before repeating a write whose outcome is unknown, by path prefix.
_CHECKS = (
    ("/v1/send/", "list the recipient's messages (`list_person_messages`) or `list_messages` to see whether "
                  "it went out"),
    ("/v1/campaigns/", "list the broadcast's triggers (`list_broadcast_triggers`) to see whether it was triggered"),
)
_CHECK_OTHERWISE = "read the resource back (a get or list function) to see whether it took effect"


@dataclass(frozen=True)
class _Prepared:
    """Everything about a request that stays the same from one attempt to the next."""

    method: str
    url: str
    query: dict[str, str] | None
    #: Every header, Host and Content-Length included (the request is built from a stream).
    headers: dict[str, str]
    content: bytes
    #: The rate-limit budgets it draws on: (limiter key, scope, rate).
    budgets: tuple[tuple[str, str, ratelimit.Rate], ...]

    def request(self, retries: int, extensions: dict[str, Any]) -> httpx.Request:
        """The request of one attempt (a retry says which it is in X-Retry-Count)."""
        headers = self.headers if not retries else {**self.headers, "X-Retry-Count": str(retries)}
        # stream=: httpx adds no headers of its own and skips re-reading the body (a third of building one).
        return httpx.Request(self.method, self.url, params=self.query, headers=headers,
                             stream=httpx.ByteStream(self.content), extensions=extensions)


@dataclass(frozen=True)
class _Route:
    """What every request of one API family on one account shares."""

    base_url: str
    #: Host, ours and the credential's; with a zero Content-Length for body-less POST/PUT/PATCH.
    headers: dict[str, str]
    empty_body_headers: dict[str, str]
    #: The limiter's name for the credential (see ratelimit.identity).
    owner: str
    #: Budgets by operation path (see _budgets).
    budgets: dict[str, tuple[tuple[str, str, ratelimit.Rate], ...]] = field(default_factory=dict)


@dataclass
class _Attempt:
    """How one attempt ended: a response, or a failure with the error to raise if it is the last."""

    response: httpx.Response | None = None
    failure: Failure = Failure.STATUS
    error: CallError | None = None
    retry_after: float | None = None


class Connections:
    """Sends requests straight to httpx transports, without ``httpx.Client``.

    Customer.io authenticates by header and the bridge follows no redirects, keeps no cookies and
    builds every header itself, so the client layer (URL merging, auth flow, cookie jar, redirect
    and event-hook handling) was pure cost: about half of the time spent sending a request.
    A transport per proxy: ``HTTP(S)_PROXY``/``ALL_PROXY``/``NO_PROXY`` are honoured as httpx.Client
    honours them, and certificates from ``SSL_CERT_FILE``/``SSL_CERT_DIR`` (httpx's ``trust_env``).
    Thread-safe: transports are created once under a lock; httpcore's pool is thread-safe.
    """

    def __init__(self, transport: httpx.BaseTransport | None = None) -> None:
        self._given = transport
        #: (scheme, host) -> its transport; one transport per distinct proxy (None: direct).
        self._routes: dict[tuple[str, str], httpx.BaseTransport] = {}
        self._by_proxy: dict[str | None, httpx.BaseTransport] = {}
        self._lock = threading.Lock()

    @property
    def given(self) -> httpx.BaseTransport | None:
        """The transport every request goes to (tests, emulators), or None for real connections."""
        return self._given

    def send(self, request: httpx.Request) -> httpx.Response:
        """Send, read the whole answer and release the connection."""
        response = self._transport_for(request.url).handle_request(request)
        try:
            response.read()
        finally:
            response.close()
        response.request = request
        return response

    def _transport_for(self, url: httpx.URL) -> httpx.BaseTransport:
        if self._given is not None:
            return self._given
        route = (url.scheme, url.host)
        transport = self._routes.get(route)
        if transport is None:
            proxy = _proxy_for(*route)
            with self._lock:
                transport = self._by_proxy.get(proxy)
                if transport is None:
                    transport = self._by_proxy[proxy] = deadline.bounded_transport(limits=POOL, proxy=proxy)
                self._routes[route] = transport
        return transport

    def close(self) -> None:
        """Close every pooled connection."""
        with self._lock:
            transports = [*self._by_proxy.values(), *([self._given] if self._given else [])]
            self._by_proxy, self._routes = {}, {}
        for transport in transports:
            transport.close()


def _proxy_for(scheme: str, host: str) -> str | None:
    """The proxy the environment names for a URL, as httpx.Client's ``trust_env`` reads it."""
    proxies = urllib.request.getproxies_environment()
    proxy = proxies.get(scheme) or proxies.get("all")
    if not proxy or urllib.request.proxy_bypass(host):
        return None
    return proxy if "://" in proxy else f"http://{proxy}"


class Client:
    """Sends declared operations for any account of one integration.

    ``retry`` decides when failures are sent again (see retry.py); ``limiter`` hands out request
    slots under Customer.io's documented limits (see ratelimit.py; the process-wide one by default).
    """

    def __init__(self, transport: httpx.BaseTransport | None = None, *, retry: RetryPolicy | None = None,
                 limiter: ratelimit.Limiter | None = None) -> None:
        self.http = Connections(transport)
        self._routes: dict[tuple[Account, Family], _Route] = {}
        self.retry = retry or RetryPolicy()
        self.limiter: ratelimit.Limiter = ratelimit.shared() if limiter is None else limiter

    def close(self) -> None:
        """Close pooled connections."""
        self.http.close()

    def call(self, op: Operation, account: Account, params: Params, ctx: CallContext,
             encoded: bytes | None = None) -> Any:
        """Perform one declared operation: one request (retried as retry.py says), or its ``perform``.

        ``encoded``: the JSON body of ``params`` already encoded (send_bulk encodes each item once)."""
        if op.perform is not None:
            return op.perform(Caller(self, account, ctx), params)
        prepared = self._prepare(op, account, params, encoded)
        try:
            data = self._send(op, account, prepared, ctx)
        except CallError as error:
            if op.kind is not Kind.READ:
                error.details.update(repeat_keys(params, prepared.content))
            raise
        return op.result(data, params)

    def plan(self, op: Operation, account: Account, params: Params) -> Plan:
        """The request ``call`` would send, without credentials (composite operations: their arguments)."""
        if op.perform is not None:
            return Plan(method=None, url=None, body=params.model_dump(by_alias=True, exclude_none=True))
        path, query = _target(op, params)
        url = httpx.URL(account.base_url(op.family) + path, params=query)
        return Plan(method=op.method, url=str(url), body=op.body_of(params))

    def _prepare(self, op: Operation, account: Account, params: Params, encoded: bytes | None = None) -> _Prepared:
        path, query = _target(op, params)
        kind = "application/json"
        if op.encode is not None:
            encoded, kind = op.encode(params)
        elif encoded is None:
            body = op.body_of(params)
            encoded = None if body is None else compact_json(body)
        route = self._route(account, op.family)
        if encoded is not None:
            content = encoded
            headers = {**route.headers, "Content-Type": kind, "Content-Length": str(len(content))}
        else:
            content, headers = b"", route.headers if op.method not in _BODY_METHODS else route.empty_body_headers
        # params=None when empty: an empty dict still makes httpx merge and re-parse the URL.
        return _Prepared(op.method, route.base_url + path, query or None, headers, content,
                         _budgets(route, op, params))

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
                base_url, headers, {**headers, "Content-Length": "0"}, ratelimit.identity(account, family))
        return route

    def _send(self, op: Operation, account: Account, prepared: _Prepared, ctx: CallContext) -> Any:
        """Attempt, and re-attempt while the retry rule and the deadline allow; the parsed answer."""
        policy, idempotent = self.retry, bool(op.idempotent)
        retries, waited, stale_retried, ran = 0, 0.0, False, False
        while True:
            try:
                self._throttle(op, prepared, ctx)
            except CallError as error:
                raise _after_maybe_run(op, error, ran, ctx) from None
            attempt = self._attempt(op, account, prepared, ctx, retries)
            if attempt.error is None and attempt.response is not None:
                return parse_json(op, attempt.response)
            status = attempt.response.status_code if attempt.response is not None else None
            ran = ran or may_have_run(attempt.failure, status)
            if retries >= policy.max_retries or not should_retry(attempt.failure, status, idempotent):
                raise _after_maybe_run(op, self._final(op, attempt, status, ctx), ran, ctx)
            delay = policy.delay(attempt.failure, retries, attempt.retry_after, stale_retried)
            if not self._fits(delay, attempt, waited, ctx):
                raise _after_maybe_run(op, self._final(op, attempt, status, ctx, wait=delay), ran, ctx)
            policy.wait(delay, ctx.deadline)
            retries, waited = retries + 1, waited + delay
            stale_retried = stale_retried or attempt.failure is Failure.STALE

    def _fits(self, delay: float, attempt: _Attempt, waited: float, ctx: CallContext) -> bool:
        """Whether a wait stays within the caps and leaves time for another attempt before the deadline."""
        policy = self.retry
        if attempt.retry_after is not None and attempt.retry_after > policy.max_retry_after:
            return False
        return waited + delay <= policy.max_total_wait and delay < self._remaining(ctx)

    def _remaining(self, ctx: CallContext) -> float:
        return max(0.0, ctx.deadline - self.retry.clock.now())

    def _throttle(self, op: Operation, prepared: _Prepared, ctx: CallContext) -> None:
        """Wait for a slot in every budget the request draws on, or fail at once if none fits the deadline."""
        for key, scope, rate in prepared.budgets:
            while (wait := self.limiter.acquire(key, rate)) > 0:
                if wait >= self._remaining(ctx):
                    raise ApiError(
                        f"{op.name}: Customer.io allows {rate} for this account's {scope} requests; the next slot "
                        f"is free in {wait:.1f} s, after this run's deadline. Nothing was sent.",
                        code=ErrorCode.RATE_LIMITED, retryable=True,
                        details={"wait_seconds": round(wait, 3), "limit": str(rate), "scope": scope})
                self.retry.wait(wait, ctx.deadline)

    def _attempt(self, op: Operation, account: Account, prepared: _Prepared, ctx: CallContext,
                 retries: int) -> _Attempt:
        """Send once. Never raises for a failure the retry rule knows; returns how it ended."""
        trace = _Trace()
        request = prepared.request(retries, {"timeout": self._timeout(op, account, ctx), "trace": trace})
        if log.isEnabledFor(logging.DEBUG):  # copying the URL costs more than the rest of the log call
            log.debug("%s %s %s (retry %d)", op.name, request.method, request.url.copy_with(query=None), retries)
        ctx.attempts += 1
        ctx.status = None
        try:
            with deadline.exchange(self._remaining(ctx)):
                response = self.http.send(request)
        except (httpx.UnsupportedProtocol, httpx.LocalProtocolError) as exc:
            raise TransportError(f"{op.name}: the request could not be made ({type(exc).__name__}); the "
                                 "account's base URL may be wrong.", code=ErrorCode.NETWORK_ERROR) from None
        except httpx.TransportError as exc:
            failure = trace.classify(exc)
            return _Attempt(failure=failure, error=_transport_error(op, exc, failure))
        ctx.status = response.status_code
        if response.status_code < 300:
            return _Attempt(response=response)
        retry_after = parse_retry_after(response.headers.get("Retry-After"), self.retry.clock.wall())
        return _Attempt(response=response, error=status_error(op, response, account.secrets()), retry_after=retry_after)

    def _timeout(self, op: Operation, account: Account, ctx: CallContext) -> dict[str, float]:
        """The account's timeouts, each cut to the time left in the run."""
        left = self._remaining(ctx)
        if left <= 0:
            raise TransportError(f"{op.name}: no time is left in this run for the request.",
                                 code=ErrorCode.REQUEST_TIMEOUT)
        connect, read, write, pool = account.timeouts()
        return {"connect": min(connect, left), "read": min(read, left), "write": min(write, left),
                "pool": min(pool, left)}

    def _final(self, op: Operation, attempt: _Attempt, status: int | None, ctx: CallContext,
               wait: float | None = None) -> CallError:
        """The error a call ends with: the last attempt's, or ``outcome_unknown`` for an unsafe write."""
        assert attempt.error is not None
        error = attempt.error
        if outcome_unknown(attempt.failure, status, bool(op.idempotent)):
            error = _unknown(op, attempt, status)
        if ctx.attempts > 1:
            error.details.setdefault("attempts", ctx.attempts)
        if wait is not None and error.code is ErrorCode.RATE_LIMITED:
            error.details.setdefault("wait_seconds", round(wait, 3))
        return error


class _Trace:
    """httpcore's trace callback: was the connection new, was the request head written, did an answer start?"""

    __slots__ = ("answered", "head_sent", "new_connection", "traced")

    def __init__(self) -> None:
        self.traced = self.new_connection = self.head_sent = self.answered = False

    def __call__(self, event: str, info: dict[str, Any]) -> None:
        self.traced = True
        if event == "connection.connect_tcp.started":
            self.new_connection = True
        elif event.endswith("send_request_headers.complete"):
            self.head_sent = True
        elif event.endswith("receive_response_headers.complete"):
            self.answered = True

    def classify(self, exc: httpx.TransportError) -> Failure:
        """How far a failed attempt got. Only a request whose head was never fully written is NOT_SENT:
        a server cannot act on a request it did not receive whole, and httpcore reports nothing finer."""
        if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
            return Failure.NOT_SENT
        if self.traced and not self.head_sent:
            return Failure.NOT_SENT
        dropped = isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError)
        if self.traced and not self.new_connection and not self.answered and dropped:
            return Failure.STALE
        return Failure.AMBIGUOUS


def _budgets(route: _Route, op: Operation, params: Params) -> tuple[tuple[str, str, ratelimit.Rate], ...]:
    """The rate-limit budgets a request draws on: the same for every call of an operation on an
    account (kept in the route), except a broadcast trigger's, which names its broadcast."""
    if op.method == "POST" and op.path.endswith("/triggers"):
        scopes = ratelimit.scopes(op.family, op.path, getattr(params, "broadcast_id", None))
        return tuple((f"{route.owner}:{scope}", scope, rate) for scope, rate in scopes)
    budgets = route.budgets.get(op.path)
    if budgets is None:
        scopes = ratelimit.scopes(op.family, op.path)
        budgets = route.budgets[op.path] = tuple((f"{route.owner}:{scope}", scope, rate) for scope, rate in scopes)
    return budgets


def _transport_error(op: Operation, exc: httpx.TransportError, failure: Failure) -> TransportError:
    retryable = failure is Failure.NOT_SENT or bool(op.idempotent)
    if isinstance(exc, httpx.TimeoutException):
        return TransportError(f"{op.name}: Customer.io did not answer in time.", code=ErrorCode.REQUEST_TIMEOUT,
                              retryable=retryable)
    return TransportError(f"{op.name}: could not reach Customer.io ({type(exc).__name__}).",
                          code=ErrorCode.NETWORK_ERROR, retryable=retryable)


def _unknown(op: Operation, attempt: _Attempt, status: int | None) -> CallError:
    """``outcome_unknown``: a write that is not safe to repeat was sent and no clear answer came back."""
    what = (f"Customer.io answered {status} after receiving it" if status is not None
            else "the connection failed after it was sent")
    check = next((hint for prefix, hint in _CHECKS if op.path.startswith(prefix)), _CHECK_OTHERWISE)
    message = (f"{op.name}: {what}, so whether it took effect is unknown. It was not sent again, so it happened "
               f"at most once; before calling it again, {check}.")
    kind = ApiError if status is not None else TransportError
    return kind(message, code=ErrorCode.OUTCOME_UNKNOWN, status=status, retryable=False)


def _after_maybe_run(op: Operation, error: CallError, ran: bool, ctx: CallContext) -> CallError:
    """A write's final error, accounting for every attempt: when an earlier attempt may have been
    processed (its answer lost), a later 429, redirect, 4xx or 5xx does not make it "not done"."""
    if not ran or op.kind is Kind.READ or error.code is ErrorCode.OUTCOME_UNKNOWN:
        return error
    check = next((hint for prefix, hint in _CHECKS if op.path.startswith(prefix)), _CHECK_OTHERWISE)
    last = f"the last answer was `{error.code}`" + (f" ({error.status})" if error.status is not None else "")
    repeat = ("Repeating it with the same keys (details) is safe." if op.idempotent
              else f"Before calling it again, {check}.")
    unknown = TransportError(f"{op.name}: an earlier attempt may have been processed (its answer was lost) and "
                             f"{last}, so whether it took effect is unknown. {repeat}",
                             code=ErrorCode.OUTCOME_UNKNOWN, status=error.status, retryable=bool(op.idempotent),
                             details={**error.details, "last_code": str(error.code)})
    unknown.details.setdefault("attempts", ctx.attempts)
    return unknown


def repeat_keys(params: Params, content: bytes) -> dict[str, Any]:
    """The de-duplication keys a write was sent with, named as its parameters (for its error's details):
    a track event's ``event_id``, a Pipelines call's ``message_id``, a Pipelines batch's ``message_ids``.
    Customer.io counts a write once per key, so repeating it with the same one is safe."""
    if (event_id := getattr(params, "event_id", None)) is not None:
        return {"event_id": event_id}
    if b"messageId" not in content:
        return {}
    try:
        body = json.loads(content)
    except (ValueError, RecursionError):
        return {}
    if isinstance(body, dict) and isinstance(body.get("messageId"), str):
        return {"message_id": body["messageId"]}
    batch = body.get("batch") if isinstance(body, dict) else None
    ids = [item.get("messageId") for item in batch or [] if isinstance(item, dict)]
    return {"message_ids": ids} if ids else {}


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
    """The JSON of a successful answer ({} when empty), or INVALID_RESPONSE for a read.

    An answer that cannot be Customer.io's (a body that is not JSON, or sent as HTML) may come from
    something between us and the API that never passed the request on, so for a write it is
    ``outcome_unknown``, not proof that the write was done."""
    if not response.content.strip():
        return {}
    html = "html" in response.headers.get("Content-Type", "").lower()
    try:
        if not html:
            return response.json()
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        pass
    what = "an HTML page" if html else "a body that is not JSON"
    if op.kind is Kind.READ:
        raise TransportError(f"{op.name}: Customer.io answered {response.status_code} with {what}.",
                             code=ErrorCode.INVALID_RESPONSE, status=response.status_code)
    check = next((hint for prefix, hint in _CHECKS if op.path.startswith(prefix)), _CHECK_OTHERWISE)
    raise TransportError(f"{op.name}: the answer ({response.status_code} with {what}) may not come from Customer.io "
                         f"(a proxy's page), so whether the write took effect is unknown; {check}.",
                         code=ErrorCode.OUTCOME_UNKNOWN, status=response.status_code, retryable=bool(op.idempotent))


_STATUS_CODES = {401: ErrorCode.UNAUTHORIZED, 403: ErrorCode.UNAUTHORIZED, 404: ErrorCode.NOT_FOUND,
                 429: ErrorCode.RATE_LIMITED}


def status_error(op: Operation, response: httpx.Response, secrets: Iterable[str] = ()) -> ApiError:
    """Map an error status to a CallError with the API's own reason in the message (``secrets`` are
    scrubbed from the reason before it is cut, so that no cut leaves part of a key)."""
    status, reason = response.status_code, api_message(response, Scrubber(secrets))
    if status in (301, 302, 307, 308) and "datacenter" in reason.lower():
        return ApiError(f"{op.name}: this account's data is in the other region; ask the host to set the "
                        "account's region to 'eu' (or 'us') instead.", code=ErrorCode.REGION_MISMATCH,
                        status=status)
    code = _STATUS_CODES.get(status) or (ErrorCode.SERVER_ERROR if status >= 500 else ErrorCode.API_ERROR)
    retryable = code is ErrorCode.RATE_LIMITED or (code is ErrorCode.SERVER_ERROR and bool(op.idempotent))
    text = f"{op.name}: Customer.io answered {status}" + (f": {reason}" if reason else ".")
    details = {"retry_after": response.headers["Retry-After"]} if "Retry-After" in response.headers else {}
    return ApiError(text, code=code, status=status, retryable=retryable, details=details)


def api_message(response: httpx.Response, scrubber: Scrubber | None = None) -> str:
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
